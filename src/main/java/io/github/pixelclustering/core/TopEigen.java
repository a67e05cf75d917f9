package io.github.pixelclustering.core;


import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The largest eigenvalues and their eigenvectors of a symmetric positive semi-definite matrix.
 * <p>
 * Small matrices, or requests for many eigenpairs, go to EJML's dense symmetric eigen-decomposition.
 * Otherwise a Lanczos iteration with full reorthogonalisation builds a Krylov basis until every wanted
 * Ritz pair has a residual below {@value #TOLERANCE} times the largest eigenvalue (which bounds the
 * error of each eigenvalue by that much, and in practice by its square over the spectral gap), or until
 * the basis spans the whole space, where the answer is exact.
 */
public final class TopEigen {

	/** Residual bound, relative to the largest eigenvalue. */
	public static final double TOLERANCE = 1e-12;

	/** Below this size the dense decomposition is cheaper than iterating. */
	private static final int DENSE_SIZE = 200;

	/** The eigenvalues, largest first. */
	public final double[] values;

	/** The unit eigenvectors, row-major: row i belongs to {@code values[i]}. */
	public final double[] vectors;

	private TopEigen(final double[] values, final double[] vectors) {
		this.values = values;
		this.vectors = vectors;
	}

	/**
	 * @param g symmetric matrix, {@code s x s} row-major
	 * @param s its size
	 * @param r how many eigenpairs, 1..s
	 * @param runner where to run matrix-vector products
	 * @param listener polled for cancellation
	 * @return the r largest eigenpairs
	 */
	public static TopEigen of(final double[] g, final int s, final int r, final TaskRunner runner, final ProgressListener listener) {
		if (dense(s, r)) return dense(g, s, r);
		return lanczos(g, s, r, runner, listener);
	}

	/** @return whether {@link #of} solves a problem of size s for r pairs densely (no progress), else by Lanczos */
	public static boolean dense(final int s, final int r) {
		return s <= DENSE_SIZE || 3 * r > s;
	}

	public static TopEigen dense(final double[] g, final int s, final int r) {
		final EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s, true, true);
		if (!eig.decompose(DMatrixRMaj.wrap(s, s, g.clone()))) throw new IllegalStateException("The eigen-decomposition of a " + s + " x " + s + " matrix did not converge.");
		final Integer[] order = new Integer[s];
		final double[] all = new double[s];
		for (int i = 0; i < s; i++) {
			order[i] = i;
			final Complex_F64 value = eig.getEigenvalue(i);
			all[i] = value.real;
		}
		java.util.Arrays.sort(order, (x, y) -> Double.compare(all[y], all[x]));
		final double[] values = new double[r];
		final double[] vectors = new double[r * s];
		for (int i = 0; i < r; i++) {
			values[i] = all[order[i]];
			final DMatrixRMaj v = eig.getEigenVector(order[i]);
			double norm = 0;
			for (int j = 0; j < s; j++)
				norm += v.data[j] * v.data[j];
			norm = Math.sqrt(norm);
			for (int j = 0; j < s; j++)
				vectors[i * s + j] = v.data[j] / norm;
		}
		return new TopEigen(values, vectors);
	}

	private static TopEigen lanczos(final double[] g, final int s, final int r, final TaskRunner runner, final ProgressListener listener) {
		final int limit = s;
		final double[][] q = new double[limit][];
		final double[] alpha = new double[limit];
		final double[] beta = new double[limit];
		long state = 0x5DEECE66DL;
		double[] v = new double[s];
		for (int i = 0; i < s; i++) {
			state += 0x9E3779B97F4A7C15L;
			v[i] = 1 + 0.5 * unit(state);
		}
		normalise(v);
		final Chunks chunks = Chunks.of(s, 64);
		final double[] w = new double[s];
		int steps = 0;
		int nextCheck = Math.min(limit, r + 20);
		double scale = 0;
		while (true) {
			listener.checkCanceled();
			q[steps] = v;
			final double[] qj = v;
			chunks.forEach(runner, (c, start, end) -> {
				for (int i = start; i < end; i++) {
					final int gi = i * s;
					double sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
					int j = 0;
					for (; j + 3 < s; j += 4) {
						sum0 += g[gi + j] * qj[j];
						sum1 += g[gi + j + 1] * qj[j + 1];
						sum2 += g[gi + j + 2] * qj[j + 2];
						sum3 += g[gi + j + 3] * qj[j + 3];
					}
					for (; j < s; j++)
						sum0 += g[gi + j] * qj[j];
					w[i] = (sum0 + sum1) + (sum2 + sum3);
				}
			});
			alpha[steps] = dot(qj, w, s);
			// Full reorthogonalisation, twice ("twice is enough").
			for (int pass = 0; pass < 2; pass++)
				for (int i = 0; i <= steps; i++) {
					final double[] qi = q[i];
					final double h = dot(qi, w, s);
					for (int j = 0; j < s; j++)
						w[j] -= h * qi[j];
				}
			double b = Math.sqrt(dot(w, w, s));
			scale = Math.max(scale, Math.abs(alpha[steps]) + b);
			steps++;
			// the fraction is of the largest number of steps; the Ritz values usually converge long before
			if (steps % 8 == 0) listener.progress((double) steps / limit, "Lanczos step " + steps + " (at most " + limit + ")");
			if (steps == nextCheck || steps == limit || b <= 1e-14 * scale) {
				final TopEigen ritz = ritz(alpha, beta, steps, b, q, s, r, limit);
				if (ritz != null) return ritz;
				nextCheck = Math.min(limit, steps + 10);
			}
			v = new double[s];
			if (b <= 1e-14 * scale) {
				// The Krylov space is invariant: continue from a fresh vector orthogonal to it.
				for (int i = 0; i < s; i++) {
					state += 0x9E3779B97F4A7C15L;
					v[i] = unit(state);
				}
				for (int pass = 0; pass < 2; pass++)
					for (int i = 0; i < steps; i++) {
						final double h = dot(q[i], v, s);
						for (int j = 0; j < s; j++)
							v[j] -= h * q[i][j];
					}
				normalise(v);
				beta[steps - 1] = 0;
			} else {
				for (int j = 0; j < s; j++)
					v[j] = w[j] / b;
				beta[steps - 1] = b;
			}
		}
	}

	/** @return the Ritz pairs if converged (or exact), else null */
	private static TopEigen ritz(final double[] alpha, final double[] beta, final int steps, final double lastBeta, final double[][] q, final int s, final int r, final int limit) {
		if (steps < r) return null;
		final double[] t = new double[steps * steps];
		for (int i = 0; i < steps; i++) {
			t[i * steps + i] = alpha[i];
			if (i + 1 < steps) {
				t[i * steps + i + 1] = beta[i];
				t[(i + 1) * steps + i] = beta[i];
			}
		}
		final TopEigen small = dense(t, steps, r);
		final boolean exact = steps == limit;
		if (!exact) {
			final double bound = TOLERANCE * Math.abs(small.values[0]);
			for (int i = 0; i < r; i++)
				if (Math.abs(lastBeta * small.vectors[i * steps + steps - 1]) > bound) return null;
		}
		final double[] vectors = new double[r * s];
		for (int i = 0; i < r; i++)
			for (int k = 0; k < steps; k++) {
				final double y = small.vectors[i * steps + k];
				final double[] qk = q[k];
				for (int j = 0; j < s; j++)
					vectors[i * s + j] += y * qk[j];
			}
		return new TopEigen(small.values, vectors);
	}

	private static double unit(final long state) {
		long z = state;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		z = z ^ (z >>> 31);
		return (z >>> 11) * 0x1.0p-53 - 0.5;
	}

	private static double dot(final double[] a, final double[] b, final int n) {
		double s0 = 0, s1 = 0;
		int i = 0;
		for (; i + 1 < n; i += 2) {
			s0 += a[i] * b[i];
			s1 += a[i + 1] * b[i + 1];
		}
		if (i < n) s0 += a[i] * b[i];
		return s0 + s1;
	}

	private static void normalise(final double[] v) {
		final double norm = Math.sqrt(dot(v, v, v.length));
		for (int i = 0; i < v.length; i++)
			v[i] /= norm;
	}
}
