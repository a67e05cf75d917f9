package io.github.pixelclustering.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.Runners;
import io.github.pixelclustering.testutil.TestData;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour of {@link KMeans} on small hand-made data and on a real image. */
class KMeansTest {

	/** Two groups of 2-D points: three near (0,0), three near (10,10). */
	private static final double[] TWO_GROUPS = {
		0, 0, /**/ 1, 0, /**/ 0, 1,
		10, 10, /**/ 11, 10, /**/ 10, 11 };

	private static KMeansResult fit(final double[] data, final int d, final double[] weights, final KMeansSettings settings) {
		return KMeans.fit(new FeatureMatrix(data, data.length / d, d), weights, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
	}

	@ParameterizedTest
	@EnumSource(KMeansSettings.Algorithm.class)
	void separatesTwoGroups(final KMeansSettings.Algorithm algorithm) {
		final KMeansResult r = fit(TWO_GROUPS, 2, null, KMeansSettings.builder(2).seed(3).algorithm(algorithm).build());
		final int[] labels = r.labels();
		assertEquals(labels[0], labels[1]);
		assertEquals(labels[0], labels[2]);
		assertEquals(labels[3], labels[4]);
		assertEquals(labels[3], labels[5]);
		assertTrue(labels[0] != labels[3]);
		final double[] c = r.centres();
		assertArrayEquals(new double[] { 1 / 3.0, 1 / 3.0 }, new double[] { c[2 * labels[0]], c[2 * labels[0] + 1] }, 1e-12);
		assertArrayEquals(new double[] { 31 / 3.0, 31 / 3.0 }, new double[] { c[2 * labels[3]], c[2 * labels[3] + 1] }, 1e-12);
		assertEquals(4 * 2 / 3.0, r.inertia(), 1e-12);
	}

	@Test
	void oneClusterIsTheWeightedMean() {
		final double[] weights = { 1, 1, 1, 1, 1, 5 };
		final KMeansResult r = fit(TWO_GROUPS, 2, weights, KMeansSettings.builder(1).build());
		assertArrayEquals(new double[] { (1 + 10 + 11 + 50) / 10.0, (1 + 10 + 10 + 55) / 10.0 }, r.centres(), 1e-12);
		assertArrayEquals(new int[6], r.labels());
	}

	@Test
	void weightsActAsMultiplicities() {
		// row i repeated weight[i] times gives the same clustering as row i with weight weight[i]
		final double[] distinct = { 0, 0, /**/ 2, 0, /**/ 5, 5, /**/ 6, 5, /**/ 9, 0 };
		final double[] weights = { 3, 1, 2, 4, 1 };
		final double[] repeated = { 0, 0, 0, 0, 0, 0, 2, 0, 5, 5, 5, 5, 6, 5, 6, 5, 6, 5, 6, 5, 9, 0 };
		final double[] init = { 0, 0, /**/ 9, 0, /**/ 5, 5 };
		final KMeansResult a = fit(distinct, 2, weights, KMeansSettings.builder(3).initialCentres(init).build());
		final KMeansResult b = fit(repeated, 2, null, KMeansSettings.builder(3).initialCentres(init).build());
		assertArrayEquals(b.centres(), a.centres(), 1e-12);
		assertEquals(b.inertia(), a.inertia(), 1e-12);
		assertArrayEquals(new int[] { b.label(0), b.label(3), b.label(4), b.label(6), b.label(10) }, a.labels());
	}

	@Test
	void tiesGoToTheLowestIndex() {
		// the point (1, 0) is exactly as far from both centres
		final KMeansResult r = fit(new double[] { 1, 0 }, 2, null, KMeansSettings.builder(1).build());
		assertEquals(0, r.label(0));
		final KMeansResult fitted = fit(new double[] { 0, 0, /**/ 2, 0 }, 2, null, KMeansSettings.builder(2).initialCentres(new double[] { 0, 0, 2, 0 }).build());
		assertArrayEquals(new int[] { 0 }, fitted.predict(new FeatureMatrix(new double[] { 1, 0 }, 1, 2)));
	}

	@ParameterizedTest
	@EnumSource(KMeansSettings.Algorithm.class)
	void emptyClusterTakesTheFarthestPointNeverNaN(final KMeansSettings.Algorithm algorithm) {
		// the third centre starts far from every point: it is empty after the first E-step
		final double[] init = { 0, 0, /**/ 10, 10, /**/ 1000, 1000 };
		final KMeansResult r = fit(TWO_GROUPS, 2, null, KMeansSettings.builder(3).initialCentres(init).algorithm(algorithm).build());
		for (final double c : r.centres())
			assertTrue(Double.isFinite(c));
		final int[] sizes = new int[3];
		for (final int l : r.labels())
			sizes[l]++;
		for (final int s : sizes)
			assertTrue(s > 0, "every cluster has points");
	}

	@Test
	void moreClustersThanDistinctPointsStaysFinite() {
		final double[] data = { 1, 1, /**/ 1, 1, /**/ 2, 2, /**/ 2, 2 };
		final KMeansResult r = fit(data, 2, null, KMeansSettings.builder(3).seed(1).build());
		for (final double c : r.centres())
			assertTrue(Double.isFinite(c));
		assertEquals(0, r.inertia(), 1e-12);
	}

	@Test
	void allAlgorithmsGiveIdenticalResultsOnARealImage() {
		final int[] rgb = TestData.rgbPixels("china-213x142.png");
		final double[] x = TestData.rgbUnit(rgb);
		KMeansResult reference = null;
		for (final KMeansSettings.Algorithm algorithm : KMeansSettings.Algorithm.values()) {
			final KMeansResult r = fit(x, 3, null, KMeansSettings.builder(12).restarts(3).seed(5).algorithm(algorithm).build());
			if (reference == null) reference = r;
			assertArrayEquals(reference.labels(), r.labels(), algorithm.name());
			assertArrayEquals(reference.centres(), r.centres(), 0, algorithm.name());
			assertEquals(reference.iterations(), r.iterations(), algorithm.name());
			assertEquals(reference.inertia(), r.inertia(), 0, algorithm.name());
		}
	}

	@Test
	void hamerlyEqualsLloydInSixDimensions() {
		final java.util.Random random = new java.util.Random(11);
		final int n = 3000;
		final int d = 6;
		final double[] x = new double[n * d];
		for (int i = 0; i < n; i++)
			for (int f = 0; f < d; f++)
				x[i * d + f] = (i % 7) * 3 + random.nextGaussian();
		final KMeansResult lloyd = fit(x, d, null, KMeansSettings.builder(9).restarts(2).seed(2).algorithm(KMeansSettings.Algorithm.LLOYD).build());
		for (final KMeansSettings.Algorithm other : new KMeansSettings.Algorithm[] { KMeansSettings.Algorithm.HAMERLY, KMeansSettings.Algorithm.AUTO }) {
			final KMeansResult r = fit(x, d, null, KMeansSettings.builder(9).restarts(2).seed(2).algorithm(other).build());
			assertArrayEquals(lloyd.labels(), r.labels());
			assertArrayEquals(lloyd.centres(), r.centres(), 0);
			assertEquals(lloyd.iterations(), r.iterations());
		}
	}

	@ParameterizedTest
	@org.junit.jupiter.params.provider.CsvSource({ "50, 5, 3, 1", "50, 5, 3, 4", "400, 8, 6, 3", "200, 12, 4, 2" })
	void everyAlgorithmSeedsInTheCallersOrderAndGivesTheSameResultInManyDimensions(final int n, final int d, final int k, final int restarts) {
		// the kd-tree reorders the samples; k-means++ must still pick the same samples from the same seed
		final java.util.Random random = new java.util.Random(0);
		final double[] x = new double[n * d];
		for (int i = 0; i < x.length; i++)
			x[i] = random.nextGaussian();
		final KMeansResult lloyd = fit(x, d, null, KMeansSettings.builder(k).restarts(restarts).seed(0).algorithm(KMeansSettings.Algorithm.LLOYD).build());
		for (final KMeansSettings.Algorithm other : KMeansSettings.Algorithm.values()) {
			for (final TaskRunner runner : new TaskRunner[] { TaskRunner.SEQUENTIAL, io.github.pixelclustering.imglib.ParallelTasks.current() }) {
				final KMeansResult r = KMeans.fit(new FeatureMatrix(x, n, d), null, KMeansSettings.builder(k).restarts(restarts).seed(0).algorithm(other).build(), runner, ProgressListener.NONE);
				assertArrayEquals(lloyd.labels(), r.labels(), other + ": labels");
				assertArrayEquals(lloyd.centres(), r.centres(), 1e-12, other + ": centres");
				assertEquals(lloyd.iterations(), r.iterations(), other + ": iterations");
				assertEquals(lloyd.inertia(), r.inertia(), 1e-9 * lloyd.inertia(), other + ": inertia");
			}
		}
	}

	@Test
	void randomInitStartsFromDistinctSamplesOfWeightAboveZero() {
		// scikit-learn's init="random": each restart starts from k distinct samples drawn uniformly
		final java.util.Random random = new java.util.Random(5);
		final int n = 120, d = 6, k = 4;
		final double[] x = new double[n * d];
		for (int i = 0; i < x.length; i++)
			x[i] = random.nextGaussian() + (i / d % 4) * 3;
		final double[] w = new double[n];
		java.util.Arrays.fill(w, 1);
		for (int i = 0; i < n; i += 3)
			w[i] = 0;
		for (long seed = 0; seed < 20; seed++) {
			final double[] centres = KMeans.randomCentres(x, w, n, d, k, new java.util.SplittableRandom(seed));
			final java.util.Set<Integer> rows = new java.util.HashSet<>();
			for (int j = 0; j < k; j++)
				for (int i = 0; i < n; i++)
					if (java.util.Arrays.equals(java.util.Arrays.copyOfRange(x, i * d, i * d + d), java.util.Arrays.copyOfRange(centres, j * d, j * d + d))) {
						assertTrue(w[i] > 0, "a centre is a sample of weight > 0");
						rows.add(i);
					}
			assertEquals(k, rows.size(), "k distinct samples");
		}
		// a fit with init=random is the fit from those centres (restart r draws with the r-th split of the seed's generator)
		final KMeansSettings settings = KMeansSettings.builder(k).restarts(1).seed(7).init(MiniBatchSettings.Init.RANDOM).build();
		final KMeansResult fit = fit(x, d, w, settings);
		final double[] start = KMeans.randomCentres(x, w, n, d, k, new java.util.SplittableRandom(7).split());
		final KMeansResult from = fit(x, d, w, KMeansSettings.builder(k).initialCentres(start).build());
		assertArrayEquals(from.labels(), fit.labels());
		assertArrayEquals(from.centres(), fit.centres(), 0);
		// the same for every algorithm and thread count
		for (final KMeansSettings.Algorithm algorithm : KMeansSettings.Algorithm.values()) {
			final KMeansSettings s = KMeansSettings.builder(k).restarts(3).seed(7).init(MiniBatchSettings.Init.RANDOM).algorithm(algorithm).build();
			final KMeansResult one = fit(x, d, w, s);
			final KMeansResult two = KMeans.fit(new FeatureMatrix(x, n, d), w, s, io.github.pixelclustering.imglib.ParallelTasks.current(), ProgressListener.NONE);
			assertArrayEquals(fit(x, d, w, KMeansSettings.builder(k).restarts(3).seed(7).init(MiniBatchSettings.Init.RANDOM).build()).labels(), one.labels(), algorithm + "");
			assertArrayEquals(one.labels(), two.labels(), algorithm + " on N threads");
		}
		assertEquals("init must be k-means++ or random, got null", assertThrows(IllegalArgumentException.class, () -> KMeansSettings.builder(2).init(null)).getMessage());
	}

	@Test
	void sameSeedSameResultForAnyNumberOfThreads() {
		final int[] rgb = TestData.rgbPixels("flower-213x142.png");
		final FeatureMatrix x = new FeatureMatrix(TestData.rgbUnit(rgb), rgb.length, 3);
		final KMeansSettings settings = KMeansSettings.builder(8).restarts(4).seed(9).build();
		final KMeansResult one = KMeans.fit(x, null, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		for (final int threads : new int[] { 2, 3 }) {
			final KMeansResult many = Runners.withThreads(threads, runner -> KMeans.fit(x, null, settings, runner, ProgressListener.NONE));
			assertArrayEquals(one.labels(), many.labels(), threads + " threads");
			assertArrayEquals(one.centres(), many.centres(), 0, threads + " threads");
			assertEquals(one.inertia(), many.inertia(), 0);
		}
		// one restart on a parallel runner: chunks in parallel inside the run
		final KMeansSettings single = KMeansSettings.builder(8).restarts(1).seed(9).build();
		final KMeansResult oneThread = KMeans.fit(x, null, single, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final KMeansResult twoThreads = Runners.withThreads(2, runner -> KMeans.fit(x, null, single, runner, ProgressListener.NONE));
		assertArrayEquals(oneThread.labels(), twoThreads.labels());
	}

	@Test
	void refinedRestartsReachScikitLearnAtEverySeedForAnyNumberOfThreads() {
		for (final com.google.gson.JsonElement e : TestData.fixture("kmeans-plusplus.json").getAsJsonArray("cases")) {
			final com.google.gson.JsonObject c = e.getAsJsonObject();
			final String image = c.get("image").getAsString();
			final int[] rgb = TestData.rgbPixels(image);
			final FeatureMatrix x = new FeatureMatrix(TestData.rgbUnit(rgb), rgb.length, 3);
			final com.google.gson.JsonArray runs = c.getAsJsonArray("runs");
			for (int seed = 0; seed < runs.size(); seed++) {
				final KMeansSettings refined = KMeansSettings.builder(16).restarts(10).seed(seed).refine(true).build();
				final KMeansResult a = KMeans.fit(x, null, refined, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
				final double reference = runs.get(seed).getAsJsonObject().get("inertia_per_pixel").getAsDouble();
				assertTrue(a.inertia() / rgb.length <= 1.001 * reference, image + " seed " + seed + ": " + a.inertia() / rgb.length + " vs scikit-learn " + reference);
				// a Lloyd fixed point: every pixel's label is its nearest centre
				assertArrayEquals(a.labels(), a.predict(x), image + " seed " + seed);
				if (seed < 2) {
					final KMeansResult b = Runners.withThreads(2, runner -> KMeans.fit(x, null, refined, runner, ProgressListener.NONE));
					assertArrayEquals(a.labels(), b.labels());
					assertArrayEquals(a.centres(), b.centres(), 0);
				}
			}
		}
	}

	@Test
	void refinedRestartsWorkForManyFeaturesAndLargeCoresets() {
		// 6 features (no kd-tree for Lloyd: the coreset builds its own) and enough samples for leaf means
		final int n = 40_000;
		final int d = 6;
		final java.util.Random random = new java.util.Random(2);
		final double[] data = new double[n * d];
		for (int i = 0; i < n; i++)
			for (int f = 0; f < d; f++)
				data[i * d + f] = (i % 7) * (f + 1) + random.nextGaussian();
		final FeatureMatrix x = new FeatureMatrix(data, n, d);
		final KMeansSettings refined = KMeansSettings.builder(7).restarts(4).seed(3).refine(true).build();
		final KMeansResult a = KMeans.fit(x, null, refined, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final KMeansResult plain = KMeans.fit(x, null, KMeansSettings.builder(7).restarts(4).seed(3).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertTrue(a.inertia() <= plain.inertia() * (1 + 1e-9), a.inertia() + " vs " + plain.inertia());
		assertArrayEquals(a.labels(), a.predict(x));
		final KMeansResult b = Runners.withThreads(2, runner -> KMeans.fit(x, null, refined, runner, ProgressListener.NONE));
		assertArrayEquals(a.labels(), b.labels());
		assertArrayEquals(a.centres(), b.centres(), 0);
	}

	@Test
	void predictAndTransform() {
		final KMeansResult r = fit(TWO_GROUPS, 2, null, KMeansSettings.builder(2).initialCentres(new double[] { 0, 0, 10, 10 }).build());
		final FeatureMatrix points = new FeatureMatrix(new double[] { 1, 1, /**/ 9, 9 }, 2, 2);
		assertArrayEquals(new int[] { 0, 1 }, r.predict(points));
		final double[] c = r.centres();
		final double[] t = r.transform(points);
		assertEquals(Math.hypot(1 - c[0], 1 - c[1]), t[0], 1e-12);
		assertEquals(Math.hypot(9 - c[2], 9 - c[3]), t[3], 1e-12);
		assertThrows(IllegalArgumentException.class, () -> r.predict(new FeatureMatrix(new double[] { 1, 2, 3 }, 1, 3)));
	}

	@Test
	void cancelStopsTheFit() {
		final ProgressListener cancel = new ProgressListener() {

			@Override
			public boolean isCanceled() {
				return true;
			}
		};
		assertThrows(CancellationException.class, () -> KMeans.fit(new FeatureMatrix(TWO_GROUPS, 6, 2), null, KMeansSettings.builder(2).build(), TaskRunner.SEQUENTIAL, cancel));
		// refined: the coreset restarts stop too
		assertThrows(CancellationException.class, () -> KMeans.fit(new FeatureMatrix(TWO_GROUPS, 6, 2), null, KMeansSettings.builder(2).refine(true).build(), TaskRunner.SEQUENTIAL, cancel));
	}

	@Test
	void badInputIsRejectedWithAClearMessage() {
		assertEquals("data must be finite, got NaN at sample 1, feature 0", assertThrows(IllegalArgumentException.class, () -> fit(new double[] { 0, 0, Double.NaN, 1 }, 2, null, KMeansSettings.builder(1).build())).getMessage());
		assertEquals("clusters must be <= number of samples with weight > 0 (6), got 7", assertThrows(IllegalArgumentException.class, () -> fit(TWO_GROUPS, 2, null, KMeansSettings.builder(7).build())).getMessage());
		assertEquals("clusters must be <= number of samples with weight > 0 (1), got 2", assertThrows(IllegalArgumentException.class, () -> fit(TWO_GROUPS, 2, new double[] { 0, 0, 0, 0, 0, 1 }, KMeansSettings.builder(2).build())).getMessage());
		assertEquals("weights must be finite and >= 0, got -1.0 at sample 2", assertThrows(IllegalArgumentException.class, () -> fit(TWO_GROUPS, 2, new double[] { 1, 1, -1, 1, 1, 1 }, KMeansSettings.builder(2).build())).getMessage());
		assertEquals("clusters must be in [1, 65535], got 0", assertThrows(IllegalArgumentException.class, () -> KMeansSettings.builder(0).build()).getMessage());
		assertEquals("restarts must be >= 1, got 0", assertThrows(IllegalArgumentException.class, () -> KMeansSettings.builder(2).restarts(0).build()).getMessage());
		assertEquals("initial centres must be clusters x features = 2 x 2, got 6 values", assertThrows(IllegalArgumentException.class, () -> fit(TWO_GROUPS, 2, null, KMeansSettings.builder(2).initialCentres(new double[] { 0, 0, 0, 1, 1, 1 }).build())).getMessage());
		assertEquals("data must have samples x features = 2 x 2 = 4 values, got 3", assertThrows(IllegalArgumentException.class, () -> new FeatureMatrix(new double[3], 2, 2)).getMessage());
	}
}
