package io.github.pixelclustering.spectrum;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * FastICA on data that are already centred and whitened, as scikit-learn 1.2's {@code FastICA(whiten=False,
 * algorithm="parallel", fun="logcosh")} runs it for HyperSpy's {@code blind_source_separation}: all
 * components at once, W = sym(W0), then W = sym(E[g(W x) x^T] - E[g'(W x)] W) with g = tanh, where
 * sym(W) = (W W^T)^(-1/2) W, until max_i | |(W_new W^T)_ii| - 1 | < tol or {@code maxIterations} steps.
 * <p>
 * Deterministic for a given start; single-threaded (the matrices are components x components and
 * components x samples, with at most a few dozen components).
 *
 * <h2>References</h2> A. Hyvärinen, E. Oja, "Independent component analysis: algorithms and
 * applications", Neural Networks 13(4-5), 2000.
 */
public final class FastIca {

	/** HyperSpy's tolerance for scikit-learn's estimators (it replaces scikit-learn's 1e-4). */
	public static final double TOLERANCE = 1e-10;

	/** scikit-learn's {@code max_iter}. */
	public static final int MAX_ITERATIONS = 200;

	/** The unmixing matrix of the whitened data and how it was reached. */
	public static final class Result {

		private final double[] unmixing;
		private final int iterations;
		private final boolean converged;

		Result(final double[] unmixing, final int iterations, final boolean converged) {
			this.unmixing = unmixing;
			this.iterations = iterations;
			this.converged = converged;
		}

		/** @return W, components x components row-major: the sources are W x */
		public double[] unmixing() {
			return unmixing.clone();
		}

		/** @return the steps taken (scikit-learn's {@code n_iter_}) */
		public int iterations() {
			return iterations;
		}

		/** @return whether the tolerance was reached within the steps allowed */
		public boolean converged() {
			return converged;
		}
	}

	private FastIca() {}

	/**
	 * @param x whitened data, components x samples row-major (n x p)
	 * @param n components
	 * @param p samples
	 * @param start W0, n x n row-major (scikit-learn's {@code w_init})
	 * @param tolerance the convergence limit
	 * @param maxIterations the most steps
	 * @return the unmixing matrix
	 */
	public static Result fit(final double[] x, final int n, final int p, final double[] start, final double tolerance, final int maxIterations) {
		if (x.length != n * p) throw new IllegalArgumentException("x must be " + n + " x " + p + ", got " + x.length + " values.");
		if (start.length != n * n) throw new IllegalArgumentException("The start must be " + n + " x " + n + ", got " + start.length + " values.");
		double[] w = symmetricDecorrelation(start, n);
		final double[] wx = new double[p];
		for (int iteration = 1; iteration <= maxIterations; iteration++) {
			final double[] next = new double[n * n];
			for (int i = 0; i < n; i++) {
				// row i of g(W x) x^T / p - mean(g'(W x)) W
				java.util.Arrays.fill(wx, 0);
				for (int j = 0; j < n; j++) {
					final double wij = w[i * n + j];
					for (int s = 0; s < p; s++)
						wx[s] += wij * x[j * p + s];
				}
				double derivative = 0;
				for (int s = 0; s < p; s++) {
					final double t = Math.tanh(wx[s]);
					wx[s] = t;
					derivative += 1 - t * t;
				}
				derivative /= p;
				for (int j = 0; j < n; j++) {
					double sum = 0;
					for (int s = 0; s < p; s++)
						sum += wx[s] * x[j * p + s];
					next[i * n + j] = sum / p - derivative * w[i * n + j];
				}
			}
			final double[] decorrelated = symmetricDecorrelation(next, n);
			double limit = 0;
			for (int i = 0; i < n; i++) {
				double dot = 0;
				for (int j = 0; j < n; j++)
					dot += decorrelated[i * n + j] * w[i * n + j];
				limit = Math.max(limit, Math.abs(Math.abs(dot) - 1));
			}
			w = decorrelated;
			if (limit < tolerance) return new Result(w, iteration, true);
		}
		return new Result(w, maxIterations, false);
	}

	/** @return (W W^T)^(-1/2) W, eigenvalues clipped below at the smallest normal double */
	static double[] symmetricDecorrelation(final double[] w, final int n) {
		final DMatrixRMaj gram = new DMatrixRMaj(n, n);
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				double sum = 0;
				for (int k = 0; k < n; k++)
					sum += w[i * n + k] * w[j * n + k];
				gram.set(i, j, sum);
			}
		final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
		if (!eig.decompose(gram)) throw new IllegalStateException("The eigen decomposition of W W^T failed.");
		// inverse square root: sum over eigenpairs of u u^T / sqrt(s)
		final double[] root = new double[n * n];
		for (int e = 0; e < n; e++) {
			final double s = Math.max(eig.getEigenvalue(e).getReal(), Double.MIN_NORMAL);
			final DMatrixRMaj u = eig.getEigenVector(e);
			final double f = 1 / Math.sqrt(s);
			for (int i = 0; i < n; i++)
				for (int j = 0; j < n; j++)
					root[i * n + j] += u.get(i) * u.get(j) * f;
		}
		final double[] out = new double[n * n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				double sum = 0;
				for (int k = 0; k < n; k++)
					sum += root[i * n + k] * w[k * n + j];
				out[i * n + j] = sum;
			}
		return out;
	}
}
