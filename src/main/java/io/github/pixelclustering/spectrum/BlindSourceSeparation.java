package io.github.pixelclustering.spectrum;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Blind source separation of the first n components of a decomposition, as HyperSpy 1.7.3's
 * {@code blind_source_separation(n)} with its defaults (scikit-learn 1.2's FastICA):
 * <ol>
 * <li>the input is the first n factors F (channels x n), differentiated along the energy axis
 * ({@code diff_order=1}, numpy's {@code gradient}: one-sided differences at the ends, central inside,
 * divided by the channel width); the channels are the samples;</li>
 * <li>PCA whitening ({@code whiten_method="PCA"}): the columns centred, R = Y^T Y / channels = U S U^T
 * (each column of U with its largest entry positive), K = U^T / sqrt(S + 1e-10);</li>
 * <li>{@link FastIca} on Y K^T from {@code w_init = RandomState(seed).normal(size=(n, n))}
 * ({@link LegacyNormal}), tolerance 1e-10;</li>
 * <li>the unmixing matrix w = W K, its rows sorted by the explained variance they carry
 * ({@code explained_variance[:n] @ |w^T|}, largest first); BSS factors F w^T and loadings L w^-1;
 * component i negated (factor, loading, row of w) when its factor's minimum is negative and larger in
 * size than its maximum.</li>
 * </ol>
 * The BSS components span the space of the first n components: the rank-n model is unchanged
 * (BSS loadings x BSS factors^T = L F^T).
 * <p>
 * Precision: float64. Randomness: the seed (its lowest 32 bits, numpy's RandomState). Ties in the sort
 * keep numpy's reversed order of a stable sort only approximately (equal variances are not expected).
 */
public final class BlindSourceSeparation {

	/** HyperSpy's {@code whiten_data} epsilon. */
	public static final double WHITENING_EPSILON = 1e-10;

	/** Message when there are too few channels for a derivative. */
	public static final String TOO_FEW_CHANNELS = "Blind source separation differentiates the factors along the energy axis: it needs at least 2 channels, got %d.";

	private final int components;
	private final double[] unmixing;
	private final double[] factors;
	private final double[] loadingMap;
	private final int iterations;
	private final boolean converged;

	private BlindSourceSeparation(final int components, final double[] unmixing, final double[] factors, final double[] loadingMap, final int iterations, final boolean converged) {
		this.components = components;
		this.unmixing = unmixing;
		this.factors = factors;
		this.loadingMap = loadingMap;
		this.iterations = iterations;
		this.converged = converged;
	}

	/**
	 * @param decomposition the decomposition, with at least n components
	 * @param n components to separate, 1..{@link Decomposition#components()}
	 * @param channelWidth the energy between channels (1 when uncalibrated), for the derivative
	 * @param seed numpy's {@code random_state} of FastICA's start
	 * @return the separation
	 */
	public static BlindSourceSeparation of(final Decomposition decomposition, final int n, final double channelWidth, final long seed) {
		return of(decomposition, n, channelWidth, LegacyNormal.matrix(seed, n, n));
	}

	/**
	 * @param decomposition the decomposition, with at least n components
	 * @param n components to separate
	 * @param channelWidth the energy between channels, for the derivative
	 * @param start FastICA's {@code w_init}, n x n row-major
	 * @return the separation
	 */
	public static BlindSourceSeparation of(final Decomposition decomposition, final int n, final double channelWidth, final double[] start) {
		final int m = decomposition.channels();
		if (m < 2) throw new IllegalArgumentException(String.format(TOO_FEW_CHANNELS, m));
		final double[] f = decomposition.factors(n);
		// derivative along the channels, then centred columns
		final double[] y = new double[m * n];
		for (int c = 0; c < m; c++)
			for (int j = 0; j < n; j++) {
				final double d;
				if (c == 0) d = (f[n + j] - f[j]) / channelWidth;
				else if (c == m - 1) d = (f[c * n + j] - f[(c - 1) * n + j]) / channelWidth;
				else d = (f[(c + 1) * n + j] - f[(c - 1) * n + j]) / (2 * channelWidth);
				y[c * n + j] = d;
			}
		for (int j = 0; j < n; j++) {
			double mean = 0;
			for (int c = 0; c < m; c++)
				mean += y[c * n + j];
			mean /= m;
			for (int c = 0; c < m; c++)
				y[c * n + j] -= mean;
		}
		final double[] k = whitening(y, m, n);
		// whitened data, components x samples: row i = K_i . y_c
		final double[] x = new double[n * m];
		for (int i = 0; i < n; i++)
			for (int c = 0; c < m; c++) {
				double sum = 0;
				for (int j = 0; j < n; j++)
					sum += k[i * n + j] * y[c * n + j];
				x[i * m + c] = sum;
			}
		final FastIca.Result ica = FastIca.fit(x, n, m, start, FastIca.TOLERANCE, FastIca.MAX_ITERATIONS);
		final double[] w = multiply(ica.unmixing(), k, n);
		// sort the rows by explained_variance[:n] @ |w^T|, largest first
		final double[] variance = decomposition.explainedVariance();
		final double[] score = new double[n];
		for (int r = 0; r < n; r++)
			for (int i = 0; i < n; i++)
				score[r] += variance[i] * Math.abs(w[r * n + i]);
		final Integer[] order = new Integer[n];
		for (int r = 0; r < n; r++)
			order[r] = r;
		java.util.Arrays.sort(order, (a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(b, a));
		final double[] sorted = new double[n * n];
		for (int r = 0; r < n; r++)
			System.arraycopy(w, order[r] * n, sorted, r * n, n);
		// BSS factors F w^T, and the signs
		final double[] factors = new double[m * n];
		for (int c = 0; c < m; c++)
			for (int r = 0; r < n; r++) {
				double sum = 0;
				for (int i = 0; i < n; i++)
					sum += f[c * n + i] * sorted[r * n + i];
				factors[c * n + r] = sum;
			}
		for (int r = 0; r < n; r++) {
			double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
			for (int c = 0; c < m; c++) {
				min = Math.min(min, factors[c * n + r]);
				max = Math.max(max, factors[c * n + r]);
			}
			if (min < 0 && -min > max) {
				for (int c = 0; c < m; c++)
					factors[c * n + r] = -factors[c * n + r];
				for (int i = 0; i < n; i++)
					sorted[r * n + i] = -sorted[r * n + i];
			}
		}
		final DMatrixRMaj inverse = new DMatrixRMaj(n, n, true, sorted);
		if (!CommonOps_DDRM.invert(inverse)) throw new IllegalStateException("The unmixing matrix is singular.");
		return new BlindSourceSeparation(n, sorted, factors, inverse.getData().clone(), ica.iterations(), ica.converged());
	}

	/** @return K = U^T / sqrt(S + eps) of R = y^T y / rows, n x n row-major */
	private static double[] whitening(final double[] y, final int rows, final int n) {
		final DMatrixRMaj r = new DMatrixRMaj(n, n);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				double sum = 0;
				for (int c = 0; c < rows; c++)
					sum += y[c * n + i] * y[c * n + j];
				r.set(i, j, sum / rows);
			}
		final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
		if (!eig.decompose(r)) throw new IllegalStateException("The eigen decomposition of the factors' covariance failed.");
		final Integer[] order = new Integer[n];
		for (int e = 0; e < n; e++)
			order[e] = e;
		java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).getReal(), eig.getEigenvalue(a).getReal()));
		final double[] k = new double[n * n];
		for (int row = 0; row < n; row++) {
			final int e = order[row];
			final DMatrixRMaj u = eig.getEigenVector(e);
			double norm = 0;
			int largest = 0;
			for (int i = 0; i < n; i++) {
				norm += u.get(i) * u.get(i);
				if (Math.abs(u.get(i)) > Math.abs(u.get(largest))) largest = i;
			}
			final double sign = u.get(largest) < 0 ? -1 : 1;
			final double s = Math.max(eig.getEigenvalue(e).getReal(), 0);
			final double f = sign / Math.sqrt(norm) / Math.sqrt(s + WHITENING_EPSILON);
			for (int i = 0; i < n; i++)
				k[row * n + i] = u.get(i) * f;
		}
		return k;
	}

	private static double[] multiply(final double[] a, final double[] b, final int n) {
		final double[] out = new double[n * n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				double sum = 0;
				for (int k = 0; k < n; k++)
					sum += a[i * n + k] * b[k * n + j];
				out[i * n + j] = sum;
			}
		return out;
	}

	/**
	 * @param loadings the decomposition's first n loadings of some pixels, pixels x n row-major
	 * @param pixels how many
	 * @return their BSS loadings, L w^-1, pixels x n
	 */
	public double[] loadings(final double[] loadings, final int pixels) {
		final int n = components;
		final double[] out = new double[pixels * n];
		for (int p = 0; p < pixels; p++)
			for (int r = 0; r < n; r++) {
				double sum = 0;
				for (int i = 0; i < n; i++)
					sum += loadings[p * n + i] * loadingMap[i * n + r];
				out[p * n + r] = sum;
			}
		return out;
	}

	/** @return the components separated, n */
	public int components() {
		return components;
	}

	/** @return HyperSpy's {@code unmixing_matrix} w (sorted, signs applied), n x n row-major */
	public double[] unmixing() {
		return unmixing.clone();
	}

	/** @return w^-1, n x n row-major: BSS loadings = decomposition loadings x w^-1 */
	public double[] loadingMap() {
		return loadingMap.clone();
	}

	/** @return the BSS factors F w^T, channels x n row-major */
	public double[] factors() {
		return factors.clone();
	}

	/** @return FastICA's steps */
	public int iterations() {
		return iterations;
	}

	/** @return whether FastICA reached its tolerance */
	public boolean converged() {
		return converged;
	}
}
