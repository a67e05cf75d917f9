package io.github.pixelclustering.spectralclustering;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.core.TopEigen;

import java.util.Arrays;
import java.util.SplittableRandom;


/**
 * The eigenvectors of the largest eigenvalues of a graph's normalised adjacency S (those of the smallest
 * eigenvalues of the normalised Laplacian {@code I - S}): densely with EJML, or iteratively on the sparse
 * matrix.
 * <p>
 * The iterative solver is Chebyshev-filtered subspace iteration (Zhou and Saad 2007) on a block of
 * {@code k + max(k, 10)} vectors: each round applies a Chebyshev polynomial of S that damps the
 * eigenvalues in {@code [-1, a]} (a = the block's smallest Ritz value) and grows those above, then
 * orthonormalises the block (modified Gram-Schmidt, twice) and rotates it to the Ritz vectors
 * (Rayleigh-Ritz with EJML). It stops when the k leading Ritz pairs have residuals
 * {@code |S v - theta v| <= }{@link #TOLERANCE}. A block method finds repeated eigenvalues (a graph with
 * several components has eigenvalue 1 once per component), which a single-vector Lanczos cannot. Time
 * per round: O(degree x entries x block); memory: four n x block arrays besides the graph.
 * <p>
 * Deterministic: the start block comes from the given random generator, every product and sum is computed
 * row by row or in fixed chunks combined in order, so the result does not depend on the runner.
 *
 * <h2>References</h2> Y. Zhou and Y. Saad, "A Chebyshev-Davidson algorithm for large symmetric
 * eigenproblems", SIAM J. Matrix Anal. Appl. 29(3), 2007; Y. Saad, "Numerical methods for large
 * eigenvalue problems", 2nd ed., SIAM 2011, chapter 7.
 */
final class GraphEigenvectors {

	/** Largest residual norm {@code |S v - theta v|} accepted for the wanted unit eigenvectors. */
	static final double TOLERANCE = 1e-10;
	/** Most filtering rounds before the solver returns its best approximation. */
	static final int MAX_ROUNDS = 500;
	/** Extra vectors in the block beyond k (at least): a larger block converges in fewer rounds. */
	static final int MIN_EXTRA = 10;
	/** Largest growth of any component in one filtering round, to keep the block well conditioned. */
	private static final double MAX_GROWTH = 1e8;
	private static final int MIN_DEGREE = 4;
	private static final int MAX_DEGREE = 120;
	private static final int CHUNK = 2048;

	/** Eigenvalues of S, decreasing. */
	final double[] values;
	/** Orthonormal eigenvectors, n x k row-major, column c for {@code values[c]}. */
	final double[] vectors;
	/** Largest residual norm of the returned pairs. */
	final double residual;
	/** Filtering rounds (0 for the dense solver). */
	final int rounds;

	private GraphEigenvectors(final double[] values, final double[] vectors, final double residual, final int rounds) {
		this.values = values;
		this.vectors = vectors;
		this.residual = residual;
		this.rounds = rounds;
	}

	/** @return the block size the iterative solver uses for k eigenvectors */
	static int blockSize(final int k) {
		return k + Math.max(k, MIN_EXTRA);
	}

	// -- Dense --

	/**
	 * All eigenpairs of the dense S (EJML's symmetric QR algorithm), the k largest kept. O(n^3) time,
	 * O(n^2) memory.
	 */
	static GraphEigenvectors dense(final NeighbourGraph graph, final int k) {
		final int n = graph.n;
		final TopEigen top = TopEigen.dense(graph.dense(), n, k);
		final double[] values = top.values;
		final double[] vectors = new double[n * k];
		for (int c = 0; c < k; c++)
			for (int i = 0; i < n; i++)
				vectors[i * k + c] = top.vectors[c * n + i];
		final double residual = residuals(graph, vectors, values, k, TaskRunner.SEQUENTIAL, new double[n * k]);
		return new GraphEigenvectors(values, vectors, residual, 0);
	}

	// -- Iterative --

	/**
	 * The k leading eigenpairs of S by Chebyshev-filtered subspace iteration.
	 *
	 * @param graph the graph, with more vertices than {@link #blockSize(int)}
	 * @param k number of eigenpairs wanted
	 * @param random source of the start block
	 * @param runner where to run the products
	 * @param listener progress and cancellation
	 * @return the eigenpairs, or the best approximation after {@link #MAX_ROUNDS} rounds
	 */
	static GraphEigenvectors iterative(final NeighbourGraph graph, final int k, final SplittableRandom random, final TaskRunner runner, final ProgressListener listener) {
		final int n = graph.n;
		final int b = blockSize(k);
		if (b >= n) throw new IllegalArgumentException("the iterative eigensolver needs more than " + b + " samples for " + k + " clusters, got " + n);
		// four n x b buffers whose roles rotate: the block, S times it, and the Chebyshev terms
		double[] x = new double[n * b];
		double[] y = new double[n * b];
		double[] u = new double[n * b];
		double[] v = new double[n * b];
		// start: sqrt(degree), the leading eigenvector when the graph is connected, and random vectors
		for (int i = 0; i < n; i++) {
			x[i * b] = graph.sqrtDegree[i];
			for (int c = 1; c < b; c++)
				x[i * b + c] = random.nextDouble() - 0.5;
		}
		orthonormalise(x, n, b, random);
		final double[] theta = new double[b];
		final double[] residual = new double[b];
		rayleighRitz(graph, x, y, n, b, theta, residual, runner);
		final Chunks entries = Chunks.of(n * b, CHUNK * b);
		int rounds = 0;
		double reported = 0;
		while (max(residual, k) > TOLERANCE && rounds < MAX_ROUNDS) {
			listener.checkCanceled();
			// damp [-1, a], grow (a, 1]: every eigenvalue of S is in [-1, 1]
			final double a = Math.max(-1 + 1e-9, Math.min(theta[b - 1], theta[k - 1] - 1e-12));
			final double centre = (a - 1) / 2;
			final double half = (a + 1) / 2;
			final int degree = degree((1 - centre) / half);
			// T0 = x, T1 = (S x - centre x) / half, T_{j+1} = 2 (S T_j - centre T_j) / half - T_{j-1}
			System.arraycopy(x, 0, u, 0, n * b);
			final double[] t0 = u;
			final double[] t1 = y;
			entries.forEach(runner, (c, start, end) -> {
				for (int p = start; p < end; p++)
					t1[p] = (t1[p] - centre * t0[p]) / half;
			});
			for (int j = 2; j <= degree; j++) {
				graph.multiply(y, v, b, runner);
				final double[] older = u;
				final double[] old = y;
				final double[] newer = v;
				entries.forEach(runner, (c, start, end) -> {
					for (int p = start; p < end; p++)
						newer[p] = 2 * (newer[p] - centre * old[p]) / half - older[p];
				});
				u = old;
				y = newer;
				v = older;
			}
			final double[] filtered = y;
			y = x;
			x = filtered;
			orthonormalise(x, n, b, random);
			rayleighRitz(graph, x, y, n, b, theta, residual, runner);
			rounds++;
			// the fraction is of the way from residual 1 to the tolerance on a log scale, or of the rounds,
			// whichever is further (the residual may grow for a round; the fraction does not go back)
			final double fraction = Math.max(Math.log(max(residual, k)) / Math.log(TOLERANCE), (double) rounds / MAX_ROUNDS);
			reported = Math.max(reported, Math.max(0, Math.min(1, fraction)));
			listener.progress(reported, "eigenvectors, round " + rounds);
		}
		final double[] values = Arrays.copyOf(theta, k);
		final double[] vectors = new double[n * k];
		for (int i = 0; i < n; i++)
			System.arraycopy(x, i * b, vectors, i * k, k);
		return new GraphEigenvectors(values, vectors, max(residual, k), rounds);
	}

	/** Chebyshev degree so that T_degree(top) stays below {@link #MAX_GROWTH}. */
	private static int degree(final double top) {
		final double growthPerDegree = Math.log(top + Math.sqrt(top * top - 1)); // acosh
		if (!(growthPerDegree > 0)) return MAX_DEGREE;
		final double m = Math.log(2 * MAX_GROWTH) / growthPerDegree;
		return (int) Math.max(MIN_DEGREE, Math.min(MAX_DEGREE, Math.floor(m)));
	}

	/**
	 * Rotates the orthonormal block x to the Ritz vectors of S in its span, decreasing Ritz values.
	 * On return {@code y = S x}, {@code theta} holds the Ritz values and {@code residual} the norms
	 * {@code |S x_c - theta_c x_c|}.
	 */
	private static void rayleighRitz(final NeighbourGraph graph, final double[] x, final double[] y, final int n, final int b, final double[] theta, final double[] residual, final TaskRunner runner) {
		graph.multiply(x, y, b, runner);
		final double[] h = crossProducts(x, y, n, b, runner);
		for (int r = 0; r < b; r++)
			for (int c = r + 1; c < b; c++) {
				final double v = (h[r * b + c] + h[c * b + r]) / 2;
				h[r * b + c] = v;
				h[c * b + r] = v;
			}
		final TopEigen ritz = TopEigen.dense(h, b, b);
		final double[] rotation = new double[b * b];
		for (int c = 0; c < b; c++) {
			theta[c] = ritz.values[c];
			for (int r = 0; r < b; r++)
				rotation[r * b + c] = ritz.vectors[c * b + r];
		}
		rotate(x, rotation, n, b, runner);
		rotate(y, rotation, n, b, runner);
		final int chunks = Chunks.of(n, CHUNK).count();
		final double[][] partial = new double[chunks][b];
		Chunks.of(n, CHUNK).forEach(runner, (ch, start, end) -> {
			final double[] sum = partial[ch];
			for (int i = start; i < end; i++)
				for (int c = 0; c < b; c++) {
					final double r = y[i * b + c] - theta[c] * x[i * b + c];
					sum[c] += r * r;
				}
		});
		for (int c = 0; c < b; c++) {
			double s = 0;
			for (final double[] p : partial)
				s += p[c];
			residual[c] = Math.sqrt(s);
		}
	}

	/** @return {@code x^T y}, b x b row-major, summed over fixed chunks in order */
	private static double[] crossProducts(final double[] x, final double[] y, final int n, final int b, final TaskRunner runner) {
		final Chunks chunks = Chunks.of(n, CHUNK);
		final double[][] partial = new double[chunks.count()][b * b];
		chunks.forEach(runner, (ch, start, end) -> {
			final double[] h = partial[ch];
			for (int i = start; i < end; i++) {
				final int oi = i * b;
				for (int r = 0; r < b; r++) {
					final double xr = x[oi + r];
					for (int c = 0; c < b; c++)
						h[r * b + c] += xr * y[oi + c];
				}
			}
		});
		final double[] h = new double[b * b];
		for (final double[] p : partial)
			for (int e = 0; e < b * b; e++)
				h[e] += p[e];
		return h;
	}

	/** {@code x = x rotation} in place (rotation b x b). */
	private static void rotate(final double[] x, final double[] rotation, final int n, final int b, final TaskRunner runner) {
		Chunks.of(n, CHUNK).forEach(runner, (ch, start, end) -> {
			final double[] row = new double[b];
			for (int i = start; i < end; i++) {
				final int oi = i * b;
				Arrays.fill(row, 0);
				for (int r = 0; r < b; r++) {
					final double xr = x[oi + r];
					for (int c = 0; c < b; c++)
						row[c] += xr * rotation[r * b + c];
				}
				System.arraycopy(row, 0, x, oi, b);
			}
		});
	}

	/**
	 * Orthonormalises the columns of the n x b block in place by modified Gram-Schmidt, each column twice;
	 * a column that vanishes (dependent on the previous ones) is replaced by a random one.
	 */
	static void orthonormalise(final double[] x, final int n, final int b, final SplittableRandom random) {
		for (int c = 0; c < b; c++) {
			for (int attempt = 0;; attempt++) {
				final double before = columnNorm(x, n, b, c);
				for (int pass = 0; pass < 2; pass++)
					for (int j = 0; j < c; j++) {
						double dot = 0;
						for (int i = 0; i < n; i++)
							dot += x[i * b + j] * x[i * b + c];
						for (int i = 0; i < n; i++)
							x[i * b + c] -= dot * x[i * b + j];
					}
				final double norm = columnNorm(x, n, b, c);
				if (norm > 1e-10 * before && norm > 0) {
					for (int i = 0; i < n; i++)
						x[i * b + c] /= norm;
					break;
				}
				if (attempt > 10) throw new IllegalStateException("could not orthonormalise the eigenvector block");
				for (int i = 0; i < n; i++)
					x[i * b + c] = random.nextDouble() - 0.5;
			}
		}
	}

	private static double columnNorm(final double[] x, final int n, final int b, final int c) {
		double s = 0;
		for (int i = 0; i < n; i++)
			s += x[i * b + c] * x[i * b + c];
		return Math.sqrt(s);
	}

	/** @return the largest residual {@code |S v_c - values_c v_c|} over the k columns; scratch is n x k */
	private static double residuals(final NeighbourGraph graph, final double[] vectors, final double[] values, final int k, final TaskRunner runner, final double[] scratch) {
		graph.multiply(vectors, scratch, k, runner);
		double worst = 0;
		for (int c = 0; c < k; c++) {
			double s = 0;
			for (int i = 0; i < graph.n; i++) {
				final double r = scratch[i * k + c] - values[c] * vectors[i * k + c];
				s += r * r;
			}
			worst = Math.max(worst, Math.sqrt(s));
		}
		return worst;
	}

	private static double max(final double[] values, final int count) {
		double m = 0;
		for (int i = 0; i < count; i++)
			m = Math.max(m, values[i]);
		return m;
	}

}
