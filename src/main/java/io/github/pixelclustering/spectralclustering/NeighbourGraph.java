package io.github.pixelclustering.spectralclustering;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

/**
 * The k-nearest-neighbour affinity graph of scikit-learn's
 * {@code SpectralClustering(affinity="nearest_neighbors")}, normalised as its spectral embedding does.
 * <p>
 * Each sample is joined to itself and to its {@code neighbours - 1} nearest other samples (Euclidean
 * distance; ties go to the lower row index); the connectivity matrix A (ones at those entries) is
 * symmetrised into W = 0.5 (A + A^T). As in scipy's normalised Laplacian, the diagonal (the self loops)
 * does not count in the degrees: {@code degree(i) = sum over j != i of W(i, j)}. The graph keeps the
 * normalised adjacency {@code S = D^-1/2 W D^-1/2} without its diagonal, in compressed rows: the
 * normalised Laplacian is {@code I - S}, so its smallest eigenvalues are the largest of S.
 * <p>
 * Memory: O(n x neighbours). The neighbour search is exact and brute force, O(n^2 d) time, in chunks of
 * rows run through the {@link TaskRunner}; results do not depend on the runner.
 */
final class NeighbourGraph {

	/** Rows per chunk of the neighbour search and of the products. */
	private static final int CHUNK = 512;

	/** Number of vertices (samples). */
	final int n;
	/** Row {@code i} of S is {@code columns[rowStart[i] .. rowStart[i + 1] - 1]}, columns increasing. */
	final int[] rowStart;
	final int[] columns;
	/** Off-diagonal entries of S. */
	final double[] values;
	/** {@code sqrt(degree)} of every vertex (degree without the self loop). */
	final double[] sqrtDegree;
	/** Number of connected components of the graph. */
	final int components;

	private NeighbourGraph(final int n, final int[] rowStart, final int[] columns, final double[] values, final double[] sqrtDegree, final int components) {
		this.n = n;
		this.rowStart = rowStart;
		this.columns = columns;
		this.values = values;
		this.sqrtDegree = sqrtDegree;
		this.components = components;
	}

	/**
	 * Builds the graph of the samples.
	 *
	 * @param x samples (n x d), finite, n >= neighbours
	 * @param neighbours neighbours per sample, the sample itself included (scikit-learn's n_neighbors)
	 * @param runner where to run the neighbour search
	 * @param listener progress and cancellation
	 * @return the normalised graph
	 */
	static NeighbourGraph build(final FeatureMatrix x, final int neighbours, final TaskRunner runner, final ProgressListener listener) {
		final int n = x.rows();
		final int others = neighbours - 1;
		final int[] nearest = nearestOthers(x, others, runner, listener);
		return normalised(n, others, nearest);
	}

	/**
	 * The {@code others} nearest other rows of every row, nearest first (ties: lower index first).
	 *
	 * @return n x others row indices, row-major
	 */
	static int[] nearestOthers(final FeatureMatrix x, final int others, final TaskRunner runner, final ProgressListener listener) {
		final int n = x.rows();
		final int d = x.cols();
		final double[] data = x.data();
		final int[] nearest = new int[n * others];
		if (others == 0) return nearest;
		final Chunks chunks = Chunks.of(n, CHUNK);
		final SharedProgress progress = new SharedProgress(listener, n);
		chunks.forEach(runner, (c, start, end) -> {
			listener.checkCanceled();
			final double[] best = new double[others];
			final int[] bestIndex = new int[others];
			for (int i = start; i < end; i++) {
				int count = 0;
				double worst = Double.POSITIVE_INFINITY;
				final int oi = i * d;
				for (int j = 0; j < n; j++) {
					if (j == i) continue;
					// candidates come in increasing index, so one at the same distance as the worst kept loses
					final int oj = j * d;
					double sum = 0;
					int f = 0;
					for (; f < d; f++) {
						final double diff = data[oi + f] - data[oj + f];
						sum += diff * diff;
						if ((f & 7) == 7 && sum >= worst) break;
					}
					if (f < d || sum >= worst) continue;
					int p = count < others ? count++ : others - 1;
					while (p > 0 && best[p - 1] > sum) {
						best[p] = best[p - 1];
						bestIndex[p] = bestIndex[p - 1];
						p--;
					}
					best[p] = sum;
					bestIndex[p] = j;
					if (count == others) worst = best[others - 1];
				}
				System.arraycopy(bestIndex, 0, nearest, i * others, others);
			}
			progress.add(end - start, "nearest neighbours");
		});
		return nearest;
	}

	/** S of the symmetrised graph of the given neighbour lists (n x others). */
	static NeighbourGraph normalised(final int n, final int others, final int[] nearest) {
		// row i of W holds 0.5 for each out-edge i -> j and each in-edge j -> i, summed when both exist
		final int[] count = new int[n + 1];
		for (int i = 0; i < n; i++) {
			count[i] += others;
			for (int t = 0; t < others; t++)
				count[nearest[i * others + t]]++;
		}
		final int[] fill = new int[n + 1];
		for (int i = 0; i < n; i++)
			fill[i + 1] = fill[i] + count[i];
		final int[] cols = new int[fill[n]];
		final int[] next = Arrays.copyOf(fill, n);
		for (int i = 0; i < n; i++)
			for (int t = 0; t < others; t++) {
				final int j = nearest[i * others + t];
				cols[next[i]++] = j;
				cols[next[j]++] = i;
			}
		// sort each row and merge duplicates: weight 0.5 per occurrence
		final int[] rowStart = new int[n + 1];
		final int[] outCols = new int[fill[n]];
		final double[] weights = new double[fill[n]];
		int out = 0;
		for (int i = 0; i < n; i++) {
			rowStart[i] = out;
			Arrays.sort(cols, fill[i], fill[i + 1]);
			for (int p = fill[i]; p < fill[i + 1]; p++) {
				if (out > rowStart[i] && outCols[out - 1] == cols[p]) weights[out - 1] += 0.5;
				else {
					outCols[out] = cols[p];
					weights[out++] = 0.5;
				}
			}
		}
		rowStart[n] = out;
		final int[] columns = Arrays.copyOf(outCols, out);
		final double[] values = Arrays.copyOf(weights, out);
		final double[] sqrtDegree = new double[n];
		for (int i = 0; i < n; i++) {
			double degree = 0;
			for (int p = rowStart[i]; p < rowStart[i + 1]; p++)
				degree += values[p];
			// an isolated vertex keeps 1, as scipy's laplacian does (impossible with neighbours >= 2)
			sqrtDegree[i] = degree == 0 ? 1 : Math.sqrt(degree);
		}
		for (int i = 0; i < n; i++)
			for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
				values[p] /= sqrtDegree[i];
				values[p] /= sqrtDegree[columns[p]];
			}
		return new NeighbourGraph(n, rowStart, columns, values, sqrtDegree, components(n, rowStart, columns));
	}

	private static int components(final int n, final int[] rowStart, final int[] columns) {
		final int[] parent = new int[n];
		for (int i = 0; i < n; i++)
			parent[i] = i;
		int count = n;
		for (int i = 0; i < n; i++)
			for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
				final int a = root(parent, i);
				final int b = root(parent, columns[p]);
				if (a != b) {
					parent[Math.max(a, b)] = Math.min(a, b);
					count--;
				}
			}
		return count;
	}

	private static int root(final int[] parent, final int i) {
		int r = i;
		while (parent[r] != r)
			r = parent[r];
		int c = i;
		while (parent[c] != r) {
			final int next = parent[c];
			parent[c] = r;
			c = next;
		}
		return r;
	}

	/**
	 * {@code out = S in} for a block of vectors.
	 *
	 * @param in n x b, row-major
	 * @param out n x b, row-major, overwritten
	 * @param b number of vectors
	 * @param runner where to run chunks of rows
	 */
	void multiply(final double[] in, final double[] out, final int b, final TaskRunner runner) {
		Chunks.of(n, CHUNK * 4).forEach(runner, (c, start, end) -> {
			for (int i = start; i < end; i++) {
				final int oi = i * b;
				for (int v = 0; v < b; v++)
					out[oi + v] = 0;
				for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
					final double s = values[p];
					final int oj = columns[p] * b;
					for (int v = 0; v < b; v++)
						out[oi + v] += s * in[oj + v];
				}
			}
		});
	}

	/** @return S as a dense n x n row-major matrix */
	double[] dense() {
		final double[] s = new double[n * n];
		for (int i = 0; i < n; i++)
			for (int p = rowStart[i]; p < rowStart[i + 1]; p++)
				s[i * n + columns[p]] = values[p];
		return s;
	}
}
