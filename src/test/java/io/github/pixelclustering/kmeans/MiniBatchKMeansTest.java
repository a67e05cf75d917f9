package io.github.pixelclustering.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.Runners;
import io.github.pixelclustering.testutil.SmoothNoise;
import io.github.pixelclustering.testutil.TestData;

import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Behaviour of {@link MiniBatchKMeans}. */
class MiniBatchKMeansTest {

	@Test
	void findsFourFlatColoursExactly() {
		final int[] rgb = TestData.rgbPixels("four-colours.png");
		final KMeansResult r = MiniBatchKMeans.fit(new FeatureMatrix(TestData.rgbUnit(rgb), rgb.length, 3), null, MiniBatchSettings.builder(4).seed(0).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertEquals(0, r.inertia(), 1e-20);
	}

	@Test
	void sameSeedSameResultForAnyNumberOfThreads() {
		final int[] rgb = TestData.rgbPixels("china-213x142.png");
		final FeatureMatrix x = new FeatureMatrix(TestData.rgbUnit(rgb), rgb.length, 3);
		final MiniBatchSettings settings = MiniBatchSettings.builder(8).seed(4).build();
		final KMeansResult one = MiniBatchKMeans.fit(x, null, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final KMeansResult two = Runners.withThreads(2, runner -> MiniBatchKMeans.fit(x, null, settings, runner, ProgressListener.NONE));
		assertArrayEquals(one.labels(), two.labels());
		assertArrayEquals(one.centres(), two.centres(), 0);
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.CsvSource({ "300, 2, 3, 0", "300, 2, 3, 100", "500, 16, 5, 0", "500, 16, 5, 120" })
	void weightsOnlyWeighSoAnyCommonScaleGivesOneResult(final int n, final int d, final int k, final int initSize) {
		// scikit-learn: no weights, all ones and any common scale give one result (batches and steps from the rows)
		final java.util.Random random = new java.util.Random(3);
		final double[] x = new double[n * d];
		for (int i = 0; i < n; i++)
			for (int f = 0; f < d; f++)
				x[i * d + f] = (i % k) * 4 + random.nextGaussian();
		final MiniBatchSettings settings = MiniBatchSettings.builder(k).batchSize(32).initSize(initSize).seed(0).build();
		final KMeansResult none = MiniBatchKMeans.fit(new FeatureMatrix(x, n, d), null, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		for (final double scale : new double[] { 1, 0.5, 1.0 / n, 7 }) {
			final double[] w = new double[n];
			java.util.Arrays.fill(w, scale);
			final KMeansResult r = MiniBatchKMeans.fit(new FeatureMatrix(x, n, d), w, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			assertEquals(none.iterations(), r.iterations(), "steps with weights " + scale);
			assertArrayEquals(none.labels(), r.labels(), "labels with weights " + scale);
			assertArrayEquals(none.centres(), r.centres(), 1e-9, "centres with weights " + scale);
			assertEquals(none.inertia() * scale, r.inertia(), 1e-9 * none.inertia() * scale, "inertia (weighted) with weights " + scale);
		}
		// weights weigh: a sample of weight 0 moves no centre, so a far outlier of weight 0 is no one's centre
		final double[] outlier = java.util.Arrays.copyOf(x, (n + 1) * d);
		java.util.Arrays.fill(outlier, n * d, (n + 1) * d, 1e6);
		final double[] w = new double[n + 1];
		java.util.Arrays.fill(w, 0, n, 1);
		final KMeansResult r = MiniBatchKMeans.fit(new FeatureMatrix(outlier, n + 1, d), w, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		for (final double c : r.centres())
			assertTrue(Math.abs(c) < 1e3, "no centre at the weightless outlier: " + java.util.Arrays.toString(r.centres()));
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(ints = { 2, 16 })
	void explicitInitialCentresAreTheStart(final int d) {
		// three far blobs, the centres given in blob order: cluster j is blob j (k-means++ numbers them at random)
		final java.util.Random random = new java.util.Random(2);
		final int n = 600, k = 3;
		final double[] x = new double[n * d];
		final double[] start = new double[k * d];
		for (int i = 0; i < n; i++)
			for (int f = 0; f < d; f++)
				x[i * d + f] = (2 - i % k) * 50 + random.nextGaussian();
		for (int j = 0; j < k; j++)
			java.util.Arrays.fill(start, j * d, j * d + d, (2 - j) * 50);
		for (final int restarts : new int[] { 1, 5 }) {
			final KMeansResult r = MiniBatchKMeans.fit(new FeatureMatrix(x, n, d), null, MiniBatchSettings.builder(k).batchSize(64).restarts(restarts).seed(4).initialCentres(start).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			for (int i = 0; i < n; i++)
				assertEquals(i % k, r.label(i), "sample " + i + " with " + restarts + " restarts");
		}
		assertEquals("initial centres must be clusters x features = 3 x " + d + ", got 3 values", assertThrows(IllegalArgumentException.class, () -> MiniBatchKMeans.fit(new FeatureMatrix(x, n, d), null, MiniBatchSettings.builder(k).initialCentres(new double[] { 1, 2, 3 }).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE)).getMessage());
		assertEquals("initial centres must be finite, got NaN at value 1", assertThrows(IllegalArgumentException.class, () -> MiniBatchSettings.builder(k).initialCentres(new double[] { 1, Double.NaN, 3 }).build()).getMessage());
	}

	@Test
	void distinctColoursWithCountsClusterLikeEveryPixel() {
		// drawing distinct colours proportional to their counts is drawing pixels: similar inertia
		final int[] rgb = TestData.rgbPixels("flower-213x142.png");
		final TreeMap<Integer, Integer> counts = new TreeMap<>();
		for (final int v : rgb)
			counts.merge(v, 1, Integer::sum);
		final int[] colours = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
		final double[] weights = counts.values().stream().mapToDouble(Integer::doubleValue).toArray();
		double pixels = 0;
		double distinct = 0;
		for (int seed = 0; seed < 9; seed++) {
			final MiniBatchSettings s = MiniBatchSettings.builder(8).seed(seed).build();
			pixels += MiniBatchKMeans.fit(new FeatureMatrix(TestData.rgbUnit(rgb), rgb.length, 3), null, s, TaskRunner.SEQUENTIAL, ProgressListener.NONE).inertia();
			distinct += MiniBatchKMeans.fitCounts(new FeatureMatrix(TestData.rgbUnit(colours), colours.length, 3), weights, s, TaskRunner.SEQUENTIAL, ProgressListener.NONE).inertia();
		}
		assertTrue(Math.abs(distinct / pixels - 1) < 0.03, "mean inertia over seeds: distinct " + distinct / 9 + " vs pixels " + pixels / 9);
	}

	@Test
	void initialisationSeesEverySampleWhenTheInitSizeIsNotSmallerThanTheData() {
		// scikit-learn draws an initialisation subset only when init_size < n; otherwise k-means++ runs on
		// all samples. 29 samples near 0 and one far outlier, k = 2, one restart, one step without
		// reassignment: k-means++ on all samples always takes the outlier as a centre (it carries almost all
		// of the D^2 mass). A resample of 30 draws would miss it in about a third of the seeds.
		for (final int d : new int[] { 3, 20 }) {
			final int n = 30;
			final double[] x = new double[n * d];
			final java.util.SplittableRandom random = new java.util.SplittableRandom(5);
			for (int i = 0; i < (n - 1) * d; i++)
				x[i] = random.nextDouble();
			for (int f = 0; f < d; f++)
				x[(n - 1) * d + f] = 1000;
			for (int seed = 0; seed < 20; seed++) {
				final MiniBatchSettings s = MiniBatchSettings.builder(2).batchSize(100).restarts(1).maxIterations(1).reassignmentRatio(0).seed(seed).build();
				final int[] labels = MiniBatchKMeans.fit(new FeatureMatrix(x, n, d), null, s, TaskRunner.SEQUENTIAL, ProgressListener.NONE).labels();
				for (int i = 0; i < n - 1; i++)
					assertTrue(labels[i] != labels[n - 1], "d = " + d + ", seed " + seed + ": the outlier shares a cluster with sample " + i);
			}
		}
	}

	@Test
	void badSettingsAreRejected() {
		assertEquals("batch size must be >= 1, got 0", assertThrows(IllegalArgumentException.class, () -> MiniBatchSettings.builder(2).batchSize(0).build()).getMessage());
		assertEquals("Lloyd iterations must be >= 0 (0 = none, scikit-learn's algorithm), got -1", assertThrows(IllegalArgumentException.class, () -> MiniBatchSettings.builder(2).lloydIterations(-1).build()).getMessage());
		assertEquals("reassignment ratio must be in [0, 1], got 2.0", assertThrows(IllegalArgumentException.class, () -> MiniBatchSettings.builder(2).reassignmentRatio(2).build()).getMessage());
		assertEquals("clusters must be <= number of samples with weight > 0 (2), got 3", assertThrows(IllegalArgumentException.class, () -> MiniBatchKMeans.fit(new FeatureMatrix(new double[] { 0, 1 }, 2, 1), null, MiniBatchSettings.builder(3).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE)).getMessage());
	}

	@Test
	void seedingTrialsAreTheKMeansPlusPlusCandidatesPerCentre() {
		assertEquals("k-means++ candidates per centre must be >= 0 (0 = scikit-learn's 2 + ln k), got -1", assertThrows(IllegalArgumentException.class, () -> MiniBatchSettings.builder(2).seedingTrials(-1).build()).getMessage());
		final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
		final int n = 700;
		final int k = 9;
		// short rows (k-means++ of KMeansPlusPlus) and long rows (DenseSeeding)
		for (final int d : new int[] { 3, Distances.INTERLEAVED + 4 }) {
			final double[] x = new double[n * d];
			for (int i = 0; i < x.length; i++)
				x[i] = random.nextDouble();
			final FeatureMatrix m = new FeatureMatrix(x, n, d);
			final MiniBatchSettings.Builder base = MiniBatchSettings.builder(k).batchSize(100).restarts(2).seed(4);
			final KMeansResult scikitLearn = MiniBatchKMeans.fit(m, null, base.build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			assertEquals(KMeansPlusPlus.trials(k), base.build().trials());
			final KMeansResult same = MiniBatchKMeans.fit(m, null, MiniBatchSettings.builder(k).batchSize(100).restarts(2).seed(4).seedingTrials(KMeansPlusPlus.trials(k)).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			assertArrayEquals(scikitLearn.centres(), same.centres(), "d=" + d + ": 0 is scikit-learn's number");
			final MiniBatchSettings one = MiniBatchSettings.builder(k).batchSize(100).restarts(2).seed(4).seedingTrials(1).build();
			assertEquals(1, one.trials());
			final KMeansResult fewer = MiniBatchKMeans.fit(m, null, one, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			assertTrue(!java.util.Arrays.equals(scikitLearn.centres(), fewer.centres()), "d=" + d + ": one candidate per centre seeds differently");
			// the dense seeding makes the choices of KMeansPlusPlus, for any number of candidates
			for (final int trials : new int[] { 1, 3, 7 }) {
				final double[] w = new double[n];
				java.util.Arrays.fill(w, 1);
				final double[] plain = KMeansPlusPlus.seed(x, n, d, w, k, trials, new java.util.SplittableRandom(trials), TaskRunner.SEQUENTIAL, null, ProgressListener.NONE);
				final java.util.SplittableRandom numbers = new java.util.SplittableRandom(trials);
				final double[] dense = DenseSeeding.seed(x, n, d, Distances.norms(x, n, d), w, k, trials, numbers::nextDouble);
				assertArrayEquals(plain, dense, "d=" + d + ", " + trials + " candidates per centre");
			}
		}
	}

	@Test
	void lloydIterationsAreExactLloydFromTheMiniBatchCentres() {
		// m Lloyd iterations after the mini-batch steps give what k-means (Lloyd, tolerance 0, at most m
		// iterations) gives from the mini-batch centres: the bounds skip only samples whose label cannot
		// change. Short rows (colour-like, 3 features) and long profiles (20 features, the blocked
		// distances), with weights
		for (final int d : new int[] { 3, 20 }) {
			final int n = 3000;
			final FeatureMatrix x = new FeatureMatrix(SmoothNoise.pixelMajor(60, 50, 1, d, 11, 2), n, d);
			final double[] w = new double[n];
			for (int i = 0; i < n; i++)
				w[i] = 1 + i % 3;
			final MiniBatchSettings.Builder base = MiniBatchSettings.builder(12).batchSize(200).restarts(2).seed(5);
			final KMeansResult plain = MiniBatchKMeans.fit(x, w, base.build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			double previous = plain.inertia();
			for (final int m : new int[] { 1, 2, 5, 300 }) {
				final MiniBatchSettings settings = base.lloydIterations(m).build();
				final KMeansResult polished = MiniBatchKMeans.fit(x, w, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
				final KMeansResult lloyd = KMeans.fit(x, w, KMeansSettings.builder(12).initialCentres(plain.centres()).maxIterations(m).tolerance(0).algorithm(KMeansSettings.Algorithm.LLOYD).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
				assertArrayEquals(lloyd.labels(), polished.labels(), "d=" + d + ", " + m + " iterations");
				assertArrayEquals(lloyd.centres(), polished.centres(), 1e-12, "d=" + d + ", " + m + " iterations");
				assertEquals(lloyd.inertia(), polished.inertia(), 1e-9 * lloyd.inertia());
				assertTrue(polished.inertia() <= previous, "the inertia never increases");
				previous = polished.inertia();
				assertArrayEquals(polished.labels(), Runners.withThreads(2, r -> MiniBatchKMeans.fit(x, w, settings, r, ProgressListener.NONE)).labels(), "same labels on 2 threads");
			}
			assertTrue(previous < 0.99 * plain.inertia(), "d=" + d + ": Lloyd lowers the inertia: " + previous + " vs " + plain.inertia());
		}
	}

	@Test
	void aLloydIterationThatWouldEmptyAClusterIsNotTaken() {
		// centres 8.5, 0.8, 4.1 label these samples 1 2 2 0 1 0; their means 6.35, 2.35, 3.95 would take
		// both samples of cluster 2 (5.4 to cluster 0, 2.5 to cluster 1): that iteration is not taken
		final double[] x = { 2.4, 5.4, 2.5, 6.3, 2.3, 6.4 };
		final double[] w = { 1, 1, 1, 1, 1, 1 };
		final KMeansResult r = LloydPolish.run(x, 6, 1, null, w, new double[] { 8.5, 0.8, 4.1 }, 3, 5, 7, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(new int[] { 1, 2, 2, 0, 1, 0 }, r.labels());
		assertArrayEquals(new double[] { 8.5, 0.8, 4.1 }, r.centres(), 0);
		assertEquals(1.6 * 1.6 + 1.3 * 1.3 + 1.6 * 1.6 + 2.2 * 2.2 + 1.5 * 1.5 + 2.1 * 2.1, r.inertia(), 1e-12);
		assertEquals(7, r.iterations(), "the mini-batch steps");
	}

	@Test
	void drawnIndicesAreSortedByCountingOrByComparison() {
		final java.util.SplittableRandom random = new java.util.SplittableRandom(4);
		final DenseSeeding.Workspace workspace = new DenseSeeding.Workspace();
		// n small against the draws (counting, twice with the same buffer), then large (comparison)
		for (final int n : new int[] { 50, 700, 50, 100_000 }) {
			final int[] drawn = new int[300];
			for (int i = 0; i < drawn.length; i++)
				drawn[i] = random.nextInt(n);
			final int[] expected = drawn.clone();
			java.util.Arrays.sort(expected);
			MiniBatchKMeans.sort(drawn, n, workspace);
			assertArrayEquals(expected, drawn, "n = " + n);
			for (final int t : workspace.tally)
				assertEquals(0, t, "the tally is left zero");
		}
	}
}
