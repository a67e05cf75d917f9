package io.github.pixelclustering.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.core.TopEigen;
import io.github.pixelclustering.imglib.ParallelTasks;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Small cases of the spectrum-image engine with values printed by HyperSpy 1.7.3 and scikit-learn
 * 1.2.1 (see the comments); the parity on real and synthetic maps is in {@code HyperSpyParityTest}.
 */
class SpectralEngineTest {

	/** 3 pixels x 4 channels (fewer pixels than channels: HyperSpy transposes). */
	private static final float[] X = { //
		1, 2, 0, 1, //
		0, 1, 3, 1, //
		2, 0, 1, 0 };

	/** The same data transposed: 4 pixels x 3 channels. */
	private static final float[] XT = { //
		1, 0, 2, //
		2, 1, 0, //
		0, 3, 1, //
		1, 1, 0 };

	// hs.signals.Signal1D(X).decomposition(): explained_variance_ratio, loadings (3 x 3), factors (4 x 3)
	private static final double[] RATIO = { 0.6294035383757669, 0.21787480181179428, 0.15272165981243868 };
	private static final double[] LOADINGS = { //
		0.4128881525890798, 0.7711273501705519, -0.4846503721968243, //
		0.8300789712453831, -0.5375935365257929, -0.1481961233700064, //
		0.3748229914876938, 0.3411096587677266, 0.8620625996687141 };
	private static final double[] FACTORS = { //
		1.1625341355644678, 1.4533466677060054, 1.2394748271406035, //
		1.6558552764235424, 1.004661163815311, -1.117496867763654, //
		2.865059905223844, -1.2716709508096529, 0.4174742295586948, //
		1.242967123834463, 0.23353381364475892, -0.6328464955668303 };
	// ... with normalize_poissonian_noise=True
	private static final double[] POISSON_RATIO = { 0.5930807248764414, 0.22240527182866562, 0.18451400329489298 };
	private static final double[] POISSON_LOADINGS = { //
		1.1547005383792517, -0.24077170617154, -1.615145706174496, //
		1.4433756729740637, -1.2038585308576915, 1.2113592796308736, //
		0.8660254037844386, 1.4446302370292305, 0.40378642654362307 };
	private static final double[] POISSON_FACTORS = { //
		0.8660254037844389, 0.9028938981432691, -0.13459547551454198, //
		0.8660254037844389, -0.3611575592573083, -0.5653009971610735, //
		1.1547005383792508, -0.2407717061715382, 0.8614110432930654, //
		0.5773502691896258, -0.3009646327144234, -0.1615145706174493 };

	@Test
	void decompositionFollowsHyperSpyWithFewerPixelsThanChannels() {
		final Decomposition d = Decomposition.compute(X, 3, 4, 3, false, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(RATIO, d.explainedVarianceRatio(), 1e-12);
		// s^2 / n with s = 3.72113932..., n = 3 pixels
		assertEquals(3.7211393207278443 * 3.7211393207278443 / 3, d.explainedVariance()[0], 1e-12);
		assertArrayEquals(LOADINGS, d.loadings(3), 1e-12);
		assertArrayEquals(FACTORS, d.factors(3), 1e-12);
		assertEquals(1 + 4 + 1 + 1 + 9 + 1 + 4 + 1, d.sumOfSquares(), 0);
	}

	@Test
	void decompositionFollowsHyperSpyWithMorePixelsThanChannels() {
		// HyperSpy does not transpose: loadings carry s, factors are unit vectors (the roles swap).
		final Decomposition d = Decomposition.compute(XT, 4, 3, 3, false, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(RATIO, d.explainedVarianceRatio(), 1e-12);
		assertArrayEquals(FACTORS, d.loadings(3), 1e-12);
		assertArrayEquals(LOADINGS, d.factors(3), 1e-12);
		assertArrayEquals(new double[] { FACTORS[0], FACTORS[1], FACTORS[3], FACTORS[4], FACTORS[6], FACTORS[7], FACTORS[9], FACTORS[10] }, d.loadings(2), 1e-12);
	}

	@Test
	void poissonNormalisationFollowsHyperSpy() {
		final Decomposition d = Decomposition.compute(X, 3, 4, 3, true, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(POISSON_RATIO, d.explainedVarianceRatio(), 1e-12);
		assertArrayEquals(POISSON_LOADINGS, d.loadings(3), 1e-12);
		assertArrayEquals(POISSON_FACTORS, d.factors(3), 1e-12);
	}

	@Test
	void zeroChannelsAndPixelsCountAsZeroUnderPoisson() {
		// HyperSpy's intent (0/0 = 0): an empty channel and an empty pixel change nothing else.
		final float[] padded = { //
			1, 2, 0, 0, 1, //
			0, 1, 3, 0, 1, //
			2, 0, 1, 0, 0, //
			0, 0, 0, 0, 0 };
		final Decomposition d = Decomposition.compute(padded, 4, 5, 3, true, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(POISSON_RATIO, d.explainedVarianceRatio(), 1e-12);
		final double[] loadings = d.loadings(3);
		for (int i = 0; i < 9; i++)
			assertEquals(POISSON_LOADINGS[i], loadings[i], 1e-12);
		for (int i = 9; i < 12; i++)
			assertEquals(0, loadings[i], 0);
	}

	@Test
	void largerMatricesGoThroughLanczosAndAgreeWithTheDenseSolver() {
		final int n = 600, m = 250;
		final float[] x = new float[n * m];
		long state = 42;
		for (int p = 0; p < n; p++)
			for (int c = 0; c < m; c++) {
				state = state * 6364136223846793005L + 1442695040888963407L;
				final double phase = p < 300 ? Math.exp(-0.5 * Math.pow((c - 60) / 5.0, 2)) : Math.exp(-0.5 * Math.pow((c - 150) / 8.0, 2));
				x[p * m + c] = (float) Math.floor(20 * phase + ((state >>> 40) % 4));
			}
		final Decomposition d = Decomposition.compute(x, n, m, 10, false, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final double[] g = Gram.of(x, n, m, null, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final TopEigen dense = TopEigen.dense(g, m, 10);
		double trace = 0;
		for (int i = 0; i < m; i++)
			trace += g[i * m + i];
		final double[] ratio = d.explainedVarianceRatio();
		for (int k = 0; k < 10; k++)
			assertEquals(dense.values[k] / trace, ratio[k], 1e-9 * ratio[k]);
	}

	@Test
	void badInputIsRefusedWithAMessage() {
		final float[] nan = X.clone();
		nan[5] = Float.NaN;
		assertEquals(String.format(Decomposition.NOT_FINITE, "NaN", 1, 1), assertThrows(IllegalArgumentException.class, () -> Decomposition.compute(nan, 3, 4, 2, false, TaskRunner.SEQUENTIAL, ProgressListener.NONE)).getMessage());
		final float[] negative = X.clone();
		negative[2] = -1;
		assertEquals(String.format(Decomposition.NEGATIVE, "-1.0", 0, 2), assertThrows(IllegalArgumentException.class, () -> Decomposition.compute(negative, 3, 4, 2, true, TaskRunner.SEQUENTIAL, ProgressListener.NONE)).getMessage());
		assertEquals(String.format(Decomposition.TOO_MANY_COMPONENTS, 3, 4), assertThrows(IllegalArgumentException.class, () -> Decomposition.compute(X, 3, 4, 4, false, TaskRunner.SEQUENTIAL, ProgressListener.NONE)).getMessage());
		assertEquals(Decomposition.ALL_ZERO, assertThrows(IllegalArgumentException.class, () -> Decomposition.compute(new float[12], 3, 4, 1, false, TaskRunner.SEQUENTIAL, ProgressListener.NONE)).getMessage());
	}

	@Test
	void preprocessingMatchesScikitLearn() {
		final double[] a = { 1, 2, 0, 3, 4, 0, 0, 0, 0 };
		// Normalizer, StandardScaler, MinMaxScaler .fit_transform(a)
		assertArrayEquals(new double[] { 0.4472135954999579, 0.8944271909999159, 0, 0.6, 0.8, 0, 0, 0, 0 }, Preprocessing.NORM.apply(a, 3, 3), 1e-15);
		assertArrayEquals(new double[] { -0.26726124191242434, 0, 0, 1.336306209562122, 1.224744871391589, 0, -1.0690449676496976, -1.224744871391589, 0 }, Preprocessing.STANDARD.apply(a, 3, 3), 1e-15);
		assertArrayEquals(new double[] { 1 / 3.0, 0.5, 0, 1, 1, 0, 0, 0, 0 }, Preprocessing.MINMAX.apply(a, 3, 3), 1e-15);
		assertArrayEquals(a, Preprocessing.NONE.apply(a, 3, 3), 0);
		assertEquals(String.format(Preprocessing.UNKNOWN, "l2"), assertThrows(IllegalArgumentException.class, () -> Preprocessing.of("l2")).getMessage());
	}

	@Test
	void clustersAreNumberedLargestFirstWithTheirCentroidPixels() {
		// Three groups of 2, 4 and 1 points; k-means finds them, numbered by size.
		final double[] x = { //
			10, 10, //
			0, 0, //
			10, 11, //
			0, 1, //
			1, 0, //
			20, 0, //
			1, 1 };
		final ClusterAnalysis.Result r = ClusterAnalysis.fit(x, 7, 2, new ClusterAnalysis.Settings(3, ClusterAnalysis.Algorithm.KMEANS, 0, 0, null), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(new int[] { 1, 0, 1, 0, 0, 2, 0 }, r.labels());
		assertArrayEquals(new int[] { 4, 2, 1 }, r.sizes());
		assertArrayEquals(new double[] { 0.5, 0.5, 10, 10.5, 20, 0 }, r.centroids(), 1e-12);
		// closest to (0.5, 0.5): pixel 1 (all four at the same distance, the first wins)
		assertArrayEquals(new int[] { 1, 0, 5 }, r.centroidPixels());
		assertEquals(Math.sqrt(0.5), r.distance(0, 1), 1e-12);
		assertEquals(Math.hypot(10, 10.5), r.distance(1, 1), 1e-12);
		assertEquals(4 * 0.5 + 2 * 0.25, r.inertia(), 1e-12);
		assertEquals(String.format(ClusterAnalysis.TOO_MANY_CLUSTERS, 7, 8), assertThrows(IllegalArgumentException.class, () -> ClusterAnalysis.fit(x, 7, 2, new ClusterAnalysis.Settings(8, ClusterAnalysis.Algorithm.KMEANS, 0, 0, null), TaskRunner.SEQUENTIAL, ProgressListener.NONE)).getMessage());
	}

	@Test
	void clusterSpectraAreSumsMeansAndCentroidSpectra() {
		final float[] spectra = { //
			1, 2, //
			3, 4, //
			5, 6, //
			7, 8 };
		final ClusterSignals s = ClusterSignals.of(spectra, 2, new int[] { 0, 1, 0, -1 }, 2, new int[] { 2, 1 }, TaskRunner.SEQUENTIAL);
		assertArrayEquals(new double[] { 6, 8 }, s.sum(0), 0);
		assertArrayEquals(new double[] { 3, 4 }, s.mean(0), 0);
		assertArrayEquals(new double[] { 5, 6 }, s.centroid(0), 0);
		assertArrayEquals(new double[] { 3, 4 }, s.sum(1), 0);
		assertArrayEquals(new double[] { 3, 4 }, s.centroid(1), 0);
	}

	/**
	 * The cluster sums are each channel's values of the cluster's pixels added in raster order, bit for
	 * bit, whatever the blocks of pixels (n not a multiple of them), the groups of channels (13: a group
	 * and a rest) and the runner; centroids are their pixel's spectrum.
	 */
	@Test
	void clusterSumsAreRasterOrderSums() {
		final int n = 5000, m = 13, k = 5;
		final SplittableRandom random = new SplittableRandom(7);
		final float[] spectra = new float[n * m];
		for (int i = 0; i < spectra.length; i++)
			spectra[i] = (float) (random.nextDouble() * 1000 - 100);
		final int[] labels = new int[n];
		for (int p = 0; p < n; p++)
			labels[p] = random.nextInt(k + 1) - 1;
		final int[] centroids = { 4999, 0, 2048, 17, 4095 };
		for (int l = 0; l < k; l++)
			labels[centroids[l]] = l;
		final double[] expected = new double[k * m];
		for (int c = 0; c < m; c++)
			for (int p = 0; p < n; p++)
				if (labels[p] >= 0) expected[labels[p] * m + c] += spectra[p * m + c];
		for (final TaskRunner runner : new TaskRunner[] { TaskRunner.SEQUENTIAL, ParallelTasks.current() }) {
			final ClusterSignals s = ClusterSignals.of(spectra, m, labels, k, centroids, runner);
			for (int l = 0; l < k; l++) {
				assertArrayEquals(Arrays.copyOfRange(expected, l * m, l * m + m), s.sum(l), 0, "cluster " + l);
				for (int c = 0; c < m; c++)
					assertEquals(Double.doubleToLongBits(expected[l * m + c]), Double.doubleToLongBits(s.sum(l)[c]), "cluster " + l + ", channel " + c);
				final double[] centroid = new double[m];
				for (int c = 0; c < m; c++)
					centroid[c] = spectra[centroids[l] * m + c];
				assertArrayEquals(centroid, s.centroid(l), 0, "centroid of cluster " + l);
			}
		}
	}

	@Test
	void clusterSumsReadInFloatPlanesAreTheSame() {
		// 21 channels: two groups of 8 read where they are stored, a rest of 5 (not a group) copied; 5000 pixels: three blocks
		final int n = 5000, m = 21, k = 4;
		final SplittableRandom random = new SplittableRandom(11);
		final float[][] planes = new float[m][n];
		final float[] pixelMajor = new float[n * m];
		for (int c = 0; c < m; c++)
			for (int p = 0; p < n; p++)
				pixelMajor[p * m + c] = planes[c][p] = (float) (random.nextDouble() * 1000 - 100);
		final int[] labels = new int[n];
		for (int p = 0; p < n; p++)
			labels[p] = random.nextInt(k + 1) - 1;
		final int[] centroids = { 4999, 0, 2048, 4095 };
		for (int l = 0; l < k; l++)
			labels[centroids[l]] = l;
		final Spectra partly = new Spectra() {

			@Override
			public int pixels() {
				return n;
			}

			@Override
			public int channels() {
				return m;
			}

			@Override
			public void read(final int channel, final int from, final int to, final double[] out, final int offset, final int stride) {
				if (channel < 16) throw new AssertionError("channel " + channel + " copied: a group of float planes is read where it is");
				for (int p = from, o = offset; p < to; p++, o += stride)
					out[o] = planes[channel][p];
			}

			@Override
			public float[] floatPlane(final int channel) {
				return planes[channel];
			}
		};
		final ClusterSignals copied = ClusterSignals.of(pixelMajor, m, labels, k, centroids, TaskRunner.SEQUENTIAL);
		for (final TaskRunner runner : new TaskRunner[] { TaskRunner.SEQUENTIAL, ParallelTasks.current() }) {
			final ClusterSignals s = ClusterSignals.of(partly, labels, k, centroids, runner);
			for (int l = 0; l < k; l++) {
				for (int c = 0; c < m; c++)
					assertEquals(Double.doubleToLongBits(copied.sum(l)[c]), Double.doubleToLongBits(s.sum(l)[c]), "cluster " + l + ", channel " + c);
				assertArrayEquals(copied.centroid(l), s.centroid(l), 0, "centroid of cluster " + l);
			}
		}
	}

	@Test
	void silhouetteMatchesScikitLearn() {
		final double[] x = { 0, 0, 0, 1, 1, 0, 5, 5, 5, 6, 6, 5, 10, 0 };
		// sklearn.metrics.silhouette_score(x, [0, 0, 0, 1, 1, 1, 2])
		assertEquals(0.7163280643624282, ClusterNumber.silhouette(x, 7, 2, new int[] { 0, 0, 0, 1, 1, 1, 2 }, 3, TaskRunner.SEQUENTIAL, ProgressListener.NONE), 1e-12);
	}

	@Test
	void elbowAndSilhouetteRulesAreHyperSpys() {
		// A curve falling steeply to k = 3 (index 2), then slowly.
		assertEquals(2, ClusterNumber.elbowPosition(new double[] { 10, 6, 3, 2.8, 2.6, 2.4 }));
		// Values below 1e-30 are clipped as HyperSpy does (log W may be negative): all equal, index 0.
		assertEquals(0, ClusterNumber.elbowPosition(new double[] { -1, -2, -3, -4 }));
		// Local maxima; the first value is compared with the last (Python's s[-1]).
		assertArrayEquals(new int[] { 3, 6 }, ClusterNumber.silhouetteCandidates(new double[] { 0.3, 0.5, 0.4, 0.45, 0.6, 0.2 }, 2));
		// The first value is a local maximum when it exceeds the last one and the second.
		assertArrayEquals(new int[] { 2, 5 }, ClusterNumber.silhouetteCandidates(new double[] { 0.9, 0.5, 0.4, 0.45, 0.3 }, 2));
		assertArrayEquals(new int[] { 2, 4 }, ClusterNumber.silhouetteCandidates(new double[] { 0.5, 0.4, 0.45, 0.3 }, 2));
		// Not a local maximum (the last value is higher), but above every local maximum: put first.
		assertArrayEquals(new int[] { 2, 4 }, ClusterNumber.silhouetteCandidates(new double[] { 0.5, 0.3, 0.4, 0.2, 0.6 }, 2));
	}

	@Test
	void gapReferenceIsEvenlySpacedPerFeature() {
		final double[] x = { 3, 10, 1, 30, 2, 20 };
		assertArrayEquals(new double[] { 1, 10, 2, 20, 3, 30 }, ClusterNumber.reference(x, 3, 2), 1e-15);
	}
}
