package io.github.pixelclustering.hkmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Pooling;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.kmeans.MiniBatchKMeans;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.testutil.Runners;
import io.github.pixelclustering.testutil.SmoothNoise;
import io.github.pixelclustering.testutil.TestData;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** {@link HierarchicalKMeans} against the reference of {@code scripts/hkmeans_fixtures.py}. */
class HierarchicalKMeansTest {

	private static final JsonObject FIXTURE = TestData.fixture("hkmeans.json");

	private static FeatureMatrix data() {
		final JsonObject d = FIXTURE.getAsJsonObject("data");
		final int w = d.get("width").getAsInt();
		final int h = d.get("height").getAsInt();
		final int samples = d.get("samples").getAsInt();
		return new FeatureMatrix(SmoothNoise.pixelMajor(w, h, 1, samples, d.get("seed").getAsLong(), d.get("radius").getAsInt()), w * h, samples);
	}

	@Test
	void allocationFollowsTheRoundingRules() {
		for (final JsonElement e : FIXTURE.getAsJsonArray("allocations")) {
			final JsonObject v = e.getAsJsonObject();
			final int[] sizes = TestData.ints(v.getAsJsonArray("sizes"));
			final int k = v.get("clusters").getAsInt();
			assertArrayEquals(TestData.ints(v.getAsJsonArray("allocation")), HierarchicalKMeans.allocate(sizes, k, Arrays.stream(sizes).sum()), Arrays.toString(sizes) + " K=" + k);
		}
		assertArrayEquals(new int[] { 0, 5, 5 }, HierarchicalKMeans.allocate(new int[] { 0, 10, 10 }, 10, 20), "an empty coarse cluster gets none");
	}

	@Test
	void matchesTheReferenceOnSmoothedNoise() {
		final FeatureMatrix x = data();
		for (final JsonElement e : FIXTURE.getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final int k = c.get("clusters").getAsInt();
			final HierarchicalKMeans.Result result = Runners.withThreads(2, r -> HierarchicalKMeans.fit(x, new HierarchicalKMeans.Settings(k, 1000, 10, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS), r, ProgressListener.NONE));
			assertEquals(k, result.clusters(), "exactly K non-empty clusters");
			assertEquals(k, Arrays.stream(result.labels()).max().getAsInt() + 1);
			// the allocation rule gives the reference's allocation for the reference's coarse sizes, and
			// our allocation for ours
			final int[] refSizes = TestData.ints(c.getAsJsonArray("coarse_sizes"));
			assertArrayEquals(TestData.ints(c.getAsJsonArray("allocation")), HierarchicalKMeans.allocate(refSizes, k, x.rows()));
			assertArrayEquals(HierarchicalKMeans.allocate(result.coarseSizes(), k, x.rows()), result.allocation());
			assertEquals(x.rows(), Arrays.stream(result.allocation()).sum() == k ? x.rows() : -1);
			final double[] means = Pooling.means(x, result.labels(), k, TaskRunner.SEQUENTIAL);
			final double ours = Pooling.withinSumOfSquares(x, result.labels(), means, k);
			final double reference = c.get("objective").getAsDouble();
			assertTrue(ours <= 1.02 * reference, "K=" + k + ": objective " + ours + " vs reference " + reference + " (ratio " + ours / reference + ")");
		}
	}

	@Test
	void sameLabelsForOneOrManyThreads() {
		final FeatureMatrix x = data();
		final HierarchicalKMeans.Settings settings = new HierarchicalKMeans.Settings(100, 1000, 3, 10, 7, MiniBatchSettings.Init.RANDOM);
		final int[] one = HierarchicalKMeans.fit(x, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE).labels();
		final int[] many = Runners.withThreads(3, r -> HierarchicalKMeans.fit(x, settings, r, ProgressListener.NONE).labels());
		assertArrayEquals(one, many);
	}

	@Test
	void lloydIterationsLowerTheObjectiveAndKeepKClusters() {
		final FeatureMatrix x = data();
		final int k = 100;
		final double[] objective = new double[2];
		final int[] iterations = { 0, HierarchicalKMeans.DEFAULT_LLOYD_ITERATIONS };
		for (int v = 0; v < 2; v++) {
			final HierarchicalKMeans.Settings settings = new HierarchicalKMeans.Settings(k, 1000, 10, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, iterations[v]);
			final HierarchicalKMeans.Result result = HierarchicalKMeans.fit(x, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			assertEquals(k, result.clusters(), "exactly K non-empty clusters");
			assertArrayEquals(result.labels(), Runners.withThreads(2, r -> HierarchicalKMeans.fit(x, settings, r, ProgressListener.NONE)).labels(), "same labels on 2 threads");
			objective[v] = Pooling.withinSumOfSquares(x, result.labels(), Pooling.means(x, result.labels(), k, TaskRunner.SEQUENTIAL), k);
		}
		assertTrue(objective[1] < 0.995 * objective[0], "Lloyd iterations: " + objective[1] + " vs " + objective[0]);
		assertEquals("lloyd_iterations must be >= 0, got -1.", assertThrows(IllegalArgumentException.class, () -> new HierarchicalKMeans.Settings(k, 1000, 10, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, -1)).getMessage());
	}

	@Test
	void lloydIterationsComeWithFewerKMeansPlusPlusCandidates() {
		// nilearn's algorithm (no Lloyd iterations): scikit-learn's 2 + ln k candidates per centre; ours:
		// POLISHED_SEEDING_TRIALS, for every mini-batch k-means (coarse and fine)
		for (final int k : new int[] { 5, 32, 1000 }) {
			assertEquals(0, new HierarchicalKMeans.Settings(1000, 1000, 10, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, 0).miniBatch(k).seedingTrials(), "k=" + k);
			assertEquals(HierarchicalKMeans.POLISHED_SEEDING_TRIALS, new HierarchicalKMeans.Settings(1000, 1000, 10, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, 1).miniBatch(k).seedingTrials(), "k=" + k);
			assertEquals(HierarchicalKMeans.POLISHED_SEEDING_TRIALS, new HierarchicalKMeans.Settings(1000, 1000, 10, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, HierarchicalKMeans.DEFAULT_LLOYD_ITERATIONS).miniBatch(k).seedingTrials(), "k=" + k);
		}
		// the fit uses them: its coarse centres are those of a mini-batch k-means run by hand with 3 candidates
		final FeatureMatrix x = data();
		final int k = 400;
		final HierarchicalKMeans.Settings settings = new HierarchicalKMeans.Settings(k, 1000, 4, 10, 3, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, 1);
		final HierarchicalKMeans.Result result = HierarchicalKMeans.fit(x, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final int big = result.coarseClusters();
		final MiniBatchSettings coarse = MiniBatchSettings.builder(big).batchSize(1000).restarts(4).maxNoImprovement(10).seed(3).lloydIterations(1).seedingTrials(HierarchicalKMeans.POLISHED_SEEDING_TRIALS).build();
		assertArrayEquals(MiniBatchKMeans.fit(x, null, coarse, TaskRunner.SEQUENTIAL, ProgressListener.NONE).centres(), result.coarseCentres());
		final MiniBatchSettings scikitLearn = MiniBatchSettings.builder(big).batchSize(1000).restarts(4).maxNoImprovement(10).seed(3).lloydIterations(1).build();
		assertFalse(Arrays.equals(MiniBatchKMeans.fit(x, null, scikitLearn, TaskRunner.SEQUENTIAL, ProgressListener.NONE).centres(), result.coarseCentres()), "with 2 + ln k candidates the coarse centres differ (else this test shows nothing)");
	}

	@Test
	void theCentresAssignEveryRowAsTheFitDid() {
		final FeatureMatrix x = data();
		final int d = x.cols();
		for (final int k : new int[] { 1, 7, 30 }) {
			final HierarchicalKMeans.Result r = HierarchicalKMeans.fit(x, new HierarchicalKMeans.Settings(k, 300, 3, 10, 2, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, 2), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			final int big = r.coarseClusters();
			final io.github.pixelclustering.kmeans.NearestCentres coarse = io.github.pixelclustering.kmeans.NearestCentres.ofMiniBatch(r.coarseCentres(), big);
			final int[] coarseLabels = r.coarseLabels();
			final int[] labels = r.labels();
			for (int i = 0; i < x.rows(); i++) {
				final int c = coarse.nearest(x.data(), i);
				assertEquals(coarseLabels[i], c, "coarse label of row " + i);
				final double[] fine = r.fineCentres(c);
				final int j = io.github.pixelclustering.kmeans.NearestCentres.ofMiniBatch(fine, fine.length / d).nearest(x.data(), i);
				assertEquals(labels[i], r.fineLabels(c)[j], "K=" + k + ", row " + i);
			}
		}
	}
}
