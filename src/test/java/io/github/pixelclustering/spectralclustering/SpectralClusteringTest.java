package io.github.pixelclustering.spectralclustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.kmeans.KMeans;
import io.github.pixelclustering.kmeans.KMeansSettings;
import io.github.pixelclustering.spectralclustering.SpectralClusteringSettings.Eigensolver;
import io.github.pixelclustering.testutil.Partitions;
import io.github.pixelclustering.testutil.TestData;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SpectralClustering} against scikit-learn 1.2.1's {@code SpectralClustering(affinity=
 * "nearest_neighbors")} ({@code scripts/spectral_fixtures.py}), the dense against the iterative
 * eigensolver, and small pictures.
 */
class SpectralClusteringTest {

	/** One scikit-learn case of {@code spectral.json}. */
	static final class Case {
		final JsonObject json;
		final FeatureMatrix x;
		final int k;

		Case(final JsonObject json) {
			this.json = json;
			this.x = new FeatureMatrix(SpectralClusteringTest.doubles(json.getAsJsonArray("x")), json.get("samples").getAsInt(), json.get("features").getAsInt());
			this.k = json.get("clusters").getAsInt();
		}

		int[] ints(final String key) {
			return TestData.ints(json.getAsJsonArray(key));
		}

		double[] doubles(final String key) {
			return SpectralClusteringTest.doubles(json.getAsJsonArray(key));
		}

		@Override
		public String toString() {
			return json.get("name").getAsString();
		}
	}

	static Stream<Case> cases() {
		final List<Case> out = new ArrayList<>();
		for (final JsonElement e : TestData.fixture("spectral.json").getAsJsonArray("cases"))
			out.add(new Case(e.getAsJsonObject()));
		return out.stream();
	}

	private static Case fixture(final String name) {
		return cases().filter(c -> c.toString().equals(name)).findFirst().orElseThrow();
	}

	private static double[] doubles(final JsonArray array) {
		final double[] out = new double[array.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = array.get(i).getAsDouble();
		return out;
	}

	private static SpectralClusteringResult fit(final FeatureMatrix x, final int k, final Eigensolver solver) {
		return SpectralClustering.fit(x, SpectralClusteringSettings.builder(k).seed(0).eigensolver(solver).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
	}

	// -- scikit-learn --

	@Test
	void separatesTheTwoMoonsWhereKMeansCannot() {
		final Case moons = fixture("moons");
		final int[] truth = moons.ints("truth");
		final SpectralClusteringResult result = SpectralClustering.fit(moons.x, 2, 0, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertEquals(1.0, Partitions.adjustedRand(truth, result.labels()), 1e-12);
		final int[] kmeans = KMeans.fit(moons.x, null, KMeansSettings.builder(2).seed(0).build(), TaskRunner.SEQUENTIAL, ProgressListener.NONE).labels();
		final double kmeansAri = Partitions.adjustedRand(truth, kmeans);
		assertTrue(kmeansAri < 0.5, "k-means should cut across the moons, ARI " + kmeansAri);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void agreesWithScikitLearn(final Case c) {
		for (final Eigensolver solver : new Eigensolver[] { Eigensolver.DENSE, Eigensolver.ITERATIVE }) {
			final SpectralClusteringResult result = fit(c.x, c.k, solver);
			assertEquals(solver, result.eigensolver());
			assertEquals(c.json.get("components").getAsInt(), result.components(), "components");
			assertArrayEquals(c.doubles("eigenvalues"), result.eigenvalues(), 1e-10, solver + " eigenvalues");
			assertTrue(result.residual() <= GraphEigenvectors.TOLERANCE, "residual " + result.residual());
			final double ari = Partitions.adjustedRand(c.ints("labels"), result.labels());
			assertEquals(1.0, ari, 1e-12, solver + ": ARI with scikit-learn's labels");
			final double[] theirs = c.doubles("embedding");
			if (result.components() == 1) {
				// distinct eigenvalues: the same vectors, signs included
				assertArrayEquals(theirs, result.embedding(), 1e-7, solver + " embedding");
			}
			else {
				// a repeated eigenvalue 0: any basis of the same space
				assertEquals(0, subspaceDistance(theirs, result.embedding(), c.x.rows(), c.k), 1e-10, solver + " embedding subspace");
			}
		}
	}

	/**
	 * @return {@code k - |Qa^T Qb|_F^2}, zero when the columns of a and b (n x k) span the same space
	 */
	static double subspaceDistance(final double[] a, final double[] b, final int n, final int k) {
		final double[] qa = a.clone();
		final double[] qb = b.clone();
		GraphEigenvectors.orthonormalise(qa, n, k, new SplittableRandom(0));
		GraphEigenvectors.orthonormalise(qb, n, k, new SplittableRandom(0));
		double sum = 0;
		for (int r = 0; r < k; r++)
			for (int c = 0; c < k; c++) {
				double dot = 0;
				for (int i = 0; i < n; i++)
					dot += qa[i * k + r] * qb[i * k + c];
				sum += dot * dot;
			}
		return k - sum;
	}

	// -- Dense and iterative eigensolvers --

	/** Four overlapping Gaussian blobs in 3-D. */
	private static FeatureMatrix blobs(final int perBlob, final long seed) {
		final Random random = new Random(seed);
		final double[][] centres = { { 0, 0, 0 }, { 4, 0, 1 }, { 0, 5, -1 }, { 3, 4, 3 } };
		final double[] x = new double[centres.length * perBlob * 3];
		int i = 0;
		for (int p = 0; p < perBlob; p++)
			for (final double[] c : centres)
				for (int f = 0; f < 3; f++)
					x[i++] = c[f] + 1.2 * random.nextGaussian();
		return new FeatureMatrix(x, centres.length * perBlob, 3);
	}

	@Test
	void iterativeSolverAgreesWithDense() {
		final FeatureMatrix x = blobs(125, 7);
		final SpectralClusteringResult dense = fit(x, 4, Eigensolver.DENSE);
		final SpectralClusteringResult iterative = fit(x, 4, Eigensolver.ITERATIVE);
		assertEquals(1, dense.components());
		assertArrayEquals(dense.eigenvalues(), iterative.eigenvalues(), 1e-12);
		assertArrayEquals(dense.embedding(), iterative.embedding(), 1e-8);
		assertEquals(1.0, Partitions.adjustedRand(dense.labels(), iterative.labels()), 1e-12);
		assertEquals(Eigensolver.DENSE, Eigensolver.AUTO.resolve(SpectralClusteringSettings.DENSE_MAX_SAMPLES, 4));
		assertEquals(Eigensolver.ITERATIVE, Eigensolver.AUTO.resolve(x.rows(), 4));
	}

	@Test
	void sameResultForOneOrTwoThreads() {
		final FeatureMatrix x = blobs(300, 3);
		final SpectralClusteringSettings settings = SpectralClusteringSettings.builder(4).seed(5).build();
		final SpectralClusteringResult one = SpectralClustering.fit(x, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final SpectralClusteringResult two = withTwoThreads(r -> SpectralClustering.fit(x, settings, r, ProgressListener.NONE));
		assertEquals(Eigensolver.ITERATIVE, one.eigensolver());
		assertArrayEquals(one.labels(), two.labels());
		assertArrayEquals(one.embedding(), two.embedding(), 0);
		assertArrayEquals(one.eigenvalues(), two.eigenvalues(), 0);
	}

	/** Runs the action with a runner of two threads that says so ({@code parallelism() == 2}). */
	static <T> T withTwoThreads(final java.util.function.Function<TaskRunner, T> action) {
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			return action.apply(new TaskRunner() {

				@Override
				public int parallelism() {
					return 2;
				}

				@Override
				public void runAll(final List<Runnable> tasks) {
					final List<Future<?>> futures = new ArrayList<>();
					for (final Runnable t : tasks)
						futures.add(pool.submit(t));
					try {
						for (final Future<?> f : futures)
							f.get();
					}
					catch (final Exception e) {
						throw new RuntimeException(e);
					}
				}
			});
		}
		finally {
			pool.shutdown();
		}
	}

	// -- Pictures --

	/** An 8 x 6 grey image of three regions (one feature per pixel). */
	private static final double[] THREE_REGIONS = {
		1, 2, 3, 1, 52, 51, 50, 53,
		2, 3, 1, 2, 50, 53, 52, 51,
		3, 1, 2, 3, 51, 52, 53, 50,
		101, 102, 103, 101, 102, 53, 51, 52,
		102, 103, 101, 102, 103, 50, 52, 51,
		103, 101, 102, 103, 101, 52, 50, 53 };

	private static final int[] THREE_REGIONS_LABELS = {
		0, 0, 0, 0, 1, 1, 1, 1,
		0, 0, 0, 0, 1, 1, 1, 1,
		0, 0, 0, 0, 1, 1, 1, 1,
		2, 2, 2, 2, 2, 1, 1, 1,
		2, 2, 2, 2, 2, 1, 1, 1,
		2, 2, 2, 2, 2, 1, 1, 1 };

	@Test
	void findsTheRegionsOfAPicture() {
		for (final Eigensolver solver : new Eigensolver[] { Eigensolver.DENSE, Eigensolver.ITERATIVE }) {
			final SpectralClusteringResult result = fit(new FeatureMatrix(THREE_REGIONS, 48, 1), 3, solver);
			// three separate groups: three components, eigenvalue 0 three times
			assertEquals(3, result.components());
			assertArrayEquals(new double[3], result.eigenvalues(), 1e-12);
			Partitions.matching(result.labels(), 3, THREE_REGIONS_LABELS);
			assertEquals(3, result.clusters());
			assertEquals(48, result.samples());
		}
	}

	@Test
	void embeddingSignsFollowScikitLearn() {
		// each column divided by sqrt(degree), then its largest absolute entry (the first on ties) made positive
		final double[] vectors = { -1, -2, /**/ -3, 2, /**/ 3, 0 };
		assertArrayEquals(new double[] { 1, 2, /**/ 3, -2, /**/ -3, 0 }, SpectralClustering.embedding(vectors, new double[] { 1, 1, 1 }, 3, 2), 0);
		assertArrayEquals(new double[] { 0.5, 1, /**/ 1.5, -1, /**/ -1.5, 0 }, SpectralClustering.embedding(vectors, new double[] { 2, 2, 2 }, 3, 2), 0);
		assertArrayEquals(new double[] { 1, 2, /**/ 3, -2, /**/ -3, 0 }, SpectralClustering.embedding(new double[] { 1, -2, /**/ 3, 2, /**/ -3, 0 }, new double[] { 1, 1, 1 }, 3, 2), 0);
	}

	@Test
	void neighbourGraphIsSymmetrisedWithoutSelfLoops() {
		// points on a line at 0, 1, 3, 7: with 2 neighbours (itself and the nearest other) 0->1, 1->0,
		// 3->1, 7->3; W = 0.5 (A + A^T) off the diagonal: W01 = 1, W12 = 0.5, W23 = 0.5
		final NeighbourGraph g = NeighbourGraph.build(new FeatureMatrix(new double[] { 0, 1, 3, 7 }, 4, 1), 2, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final double[] degree = { 1, 1.5, 1, 0.5 };
		final double[] w = {
			0, 1, 0, 0,
			1, 0, 0.5, 0,
			0, 0.5, 0, 0.5,
			0, 0, 0.5, 0 };
		final double[] s = g.dense();
		for (int i = 0; i < 4; i++) {
			assertEquals(Math.sqrt(degree[i]), g.sqrtDegree[i], 1e-15);
			for (int j = 0; j < 4; j++)
				assertEquals(w[i * 4 + j] / Math.sqrt(degree[i] * degree[j]), s[i * 4 + j], 1e-15);
		}
		assertEquals(1, g.components);
	}

	@Test
	void neighbourTiesGoToTheLowerIndex() {
		// from 2, rows 1 and 3 are equally near (1), then 0 and 4 (2)
		final int[] nearest = NeighbourGraph.nearestOthers(new FeatureMatrix(new double[] { 0, 1, 2, 3, 4 }, 5, 1), 3, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(new int[] { 1, 3, 0 }, java.util.Arrays.copyOfRange(nearest, 6, 9));
	}

	// -- Errors --

	@Test
	void rejectsBadInput() {
		final FeatureMatrix nine = new FeatureMatrix(new double[9], 9, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpectralClustering.fit(nine, 2, 0, TaskRunner.SEQUENTIAL, ProgressListener.NONE));
		assertEquals("spectral clustering needs at least as many samples as neighbours (10), got 9 samples", e.getMessage());
		final FeatureMatrix twelve = new FeatureMatrix(THREE_REGIONS, 12, 4);
		e = assertThrows(IllegalArgumentException.class, () -> SpectralClustering.fit(twelve, 13, 0, TaskRunner.SEQUENTIAL, ProgressListener.NONE));
		assertEquals("clusters must be <= the number of samples (12), got 13", e.getMessage());
		final double[] nan = THREE_REGIONS.clone();
		nan[5] = Double.NaN;
		e = assertThrows(IllegalArgumentException.class, () -> SpectralClustering.fit(new FeatureMatrix(nan, 48, 1), 2, 0, TaskRunner.SEQUENTIAL, ProgressListener.NONE));
		assertEquals("data must be finite, got NaN at sample 5, feature 0", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> SpectralClusteringSettings.builder(0).build());
		assertEquals("clusters must be in [1, 65535], got 0", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> SpectralClusteringSettings.builder(2).neighbours(1).build());
		assertEquals("neighbours must be >= 2 (the sample itself and at least one other), got 1", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> SpectralClusteringSettings.builder(2).restarts(0).build());
		assertEquals("restarts must be >= 1, got 0", e.getMessage());
	}

	@Test
	void stopsWhenCanceled() {
		final ProgressListener cancel = new ProgressListener() {

			@Override
			public boolean isCanceled() {
				return true;
			}
		};
		assertThrows(CancellationException.class, () -> SpectralClustering.fit(blobs(100, 1), 4, 0, TaskRunner.SEQUENTIAL, cancel));
	}
}
