package io.github.pixelclustering.spectrum;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * Weighted Gram matrices {@code G = A^T diag(w) A} of a row-major matrix, in double precision.
 * <p>
 * The kernel adds, row after row of A, the outer product of the row with itself into a block of rows
 * of G: the innermost loop is a contiguous multiply-add that the JIT compiles to vector instructions,
 * and zero entries of A are skipped (spectrum images of counts are often mostly zeros). A chunk of rows
 * with few non-zero entries ({@link SparseRows#DENSITY}) goes to {@link SparseRows} instead, which
 * multiplies non-zero entries only. Each block of G
 * rows is one task and sums its rows of A in a fixed order, so the result does not depend on the
 * number of threads.
 */
final class Gram {

	/** Rows of G per task: a block of 32 rows of 2048 doubles stays in a core's cache. */
	private static final int BLOCK = 32;

	private Gram() {}

	/** Rows of A, delivered a chunk at a time. */
	interface Rows {

		/**
		 * @param from first row
		 * @param to one past the last row
		 * @param tile receives rows {@code from..to-1}, row r at {@code (r - from) * stride}
		 * @param stride distance between rows in the tile
		 */
		void fill(int from, int to, double[] tile, int stride);
	}

	/** @return rows per chunk for a tile of about 2 MB (2^18 values) */
	static int chunkRows(final int cols) {
		return Math.max(8, (1 << 18) / Math.max(1, cols));
	}

	/**
	 * @return the row stride of a tile: the row length, padded when it is a multiple of 1 KB, where
	 *         writing down a column would hit one cache set again and again
	 */
	static int stride(final int cols) {
		return cols % 256 == 0 ? cols + 16 : cols;
	}

	/**
	 * @param a row-major matrix, {@code rows x cols}
	 * @param rows rows of A (the summed dimension)
	 * @param cols columns of A (the side of G)
	 * @param weights per-row weights, or null for 1
	 * @param runner where to run the blocks
	 * @param listener polled for cancellation; receives progress
	 * @return {@code cols x cols} row-major, symmetric
	 */
	static double[] of(final float[] a, final int rows, final int cols, final double[] weights, final TaskRunner runner, final ProgressListener listener) {
		return of((from, to, tile, stride) -> {
			for (int r = from; r < to; r++)
				for (int j = 0; j < cols; j++)
					tile[(r - from) * stride + j] = a[r * cols + j];
		}, rows, cols, weights, runner, listener);
	}

	/**
	 * The rows of A are read a chunk at a time into one tile (about 2 MB); every block of rows of G adds
	 * the chunk, chunk after chunk, so A is never held whole.
	 *
	 * @param a the rows of A
	 * @param rows rows of A (the summed dimension)
	 * @param cols columns of A (the side of G)
	 * @param weights per-row weights, or null for 1
	 * @param runner where to run the blocks
	 * @param listener polled for cancellation; receives progress
	 * @return {@code cols x cols} row-major, symmetric
	 */
	static double[] of(final Rows a, final int rows, final int cols, final double[] weights, final TaskRunner runner, final ProgressListener listener) {
		return of(a, null, rows, cols, weights, runner, listener);
	}

	/**
	 * {@link #of(Rows, int, int, double[], TaskRunner, ProgressListener)} with the sparse chunks of A
	 * already taken: chunk c (rows {@code c * chunkRows(cols)} on) is {@code sparse[c]}, or is read from
	 * {@code a} when that is null (a dense chunk). The result is the same bits either way.
	 *
	 * @param a the rows of A
	 * @param sparse every sparse chunk of A, null entries for dense chunks; or null to take them here
	 * @param rows rows of A (the summed dimension)
	 * @param cols columns of A (the side of G)
	 * @param weights per-row weights, or null for 1
	 * @param runner where to run the blocks
	 * @param listener polled for cancellation; receives progress
	 * @return {@code cols x cols} row-major, symmetric
	 */
	static double[] of(final Rows a, final SparseRows[] sparse, final int rows, final int cols, final double[] weights, final TaskRunner runner, final ProgressListener listener) {
		final double[] g = new double[cols * cols];
		final int blocks = (cols + BLOCK - 1) / BLOCK;
		final int chunk = chunkRows(cols);
		final int stride = stride(cols);
		final double[] tile = new double[Math.min(rows, chunk) * stride];
		final ThreadLocal<double[][]> buffers = ThreadLocal.withInitial(() -> new double[GROUP][cols]);
		final SparseRows buffer = sparse == null ? new SparseRows(Math.min(rows, chunk), cols) : null;
		for (int from = 0; from < rows; from += chunk) {
			listener.checkCanceled();
			final int to = Math.min(rows, from + chunk), base = from;
			final SparseRows kept = sparse != null ? sparse[from / chunk] : null;
			final SparseRows few;
			if (kept != null) few = kept;
			else {
				a.fill(from, to, tile, stride);
				few = buffer != null && buffer.take(tile, to - from, cols, stride) ? buffer : null;
			}
			// Blocks near the top of the triangle carry more work: they come first.
			final List<Runnable> tasks = new ArrayList<>(blocks);
			for (int b = 0; b < blocks; b++) {
				final int i0 = b * BLOCK, i1 = Math.min(cols, i0 + BLOCK);
				tasks.add(few != null ? () -> few.add(base, cols, weights, g, i0, i1, listener) : () -> block(tile, to - base, base, cols, stride, weights, g, i0, i1, buffers.get(), listener));
			}
			runner.runAll(tasks);
			listener.progress((double) to / rows, "Gram matrix");
		}
		listener.checkCanceled();
		for (int i = 0; i < cols; i++)
			for (int j = 0; j < i; j++)
				g[i * cols + j] = g[j * cols + i];
		return g;
	}

	/** Rows of A gathered per pass: the non-zero entries among them are added four at a time. */
	private static final int GROUP = 16;

	private static void block(final double[] a, final int rows, final int base, final int cols, final int stride, final double[] weights, final double[] g, final int i0, final int i1, final double[][] r, final ProgressListener listener) {
		final int[] active = new int[GROUP];
		final double[] weight = new double[GROUP];
		int k = 0;
		while (k < rows) {
			if ((k & 1023) < GROUP && listener.isCanceled()) return;
			// gather the next rows that touch this block, weighted
			int q = 0;
			while (q < GROUP && k < rows) {
				final int offset = k * stride;
				boolean any = false;
				for (int i = i0; i < i1; i++)
					if (a[offset + i] != 0) {
						any = true;
						break;
					}
				if (any) {
					final double[] row = r[q];
					final double w = weights == null ? 1 : weights[base + k];
					for (int j = i0; j < cols; j++)
						row[j] = a[offset + j];
					weight[q] = w;
					q++;
				}
				k++;
			}
			// for every row i of the block, add the gathered rows whose entry i is not zero, four at a time
			for (int i = i0; i < i1; i++) {
				int n = 0;
				for (int z = 0; z < q; z++)
					if (r[z][i] != 0) active[n++] = z;
				final int gi = i * cols;
				int start = 0;
				while (n - start >= 4) {
					final double[] r0 = r[active[start]], r1 = r[active[start + 1]], r2 = r[active[start + 2]], r3 = r[active[start + 3]];
					final double f0 = weight[active[start]] * r0[i], f1 = weight[active[start + 1]] * r1[i], f2 = weight[active[start + 2]] * r2[i], f3 = weight[active[start + 3]] * r3[i];
					for (int j = i; j < cols; j++)
						g[gi + j] += f0 * r0[j] + f1 * r1[j] + f2 * r2[j] + f3 * r3[j];
					start += 4;
				}
				switch (n - start) {
					case 3: {
						final double[] r0 = r[active[start]], r1 = r[active[start + 1]], r2 = r[active[start + 2]];
						final double f0 = weight[active[start]] * r0[i], f1 = weight[active[start + 1]] * r1[i], f2 = weight[active[start + 2]] * r2[i];
						for (int j = i; j < cols; j++)
							g[gi + j] += f0 * r0[j] + f1 * r1[j] + f2 * r2[j];
						break;
					}
					case 2: {
						final double[] r0 = r[active[start]], r1 = r[active[start + 1]];
						final double f0 = weight[active[start]] * r0[i], f1 = weight[active[start + 1]] * r1[i];
						for (int j = i; j < cols; j++)
							g[gi + j] += f0 * r0[j] + f1 * r1[j];
						break;
					}
					case 1: {
						final double[] r0 = r[active[start]];
						final double f0 = weight[active[start]] * r0[i];
						for (int j = i; j < cols; j++)
							g[gi + j] += f0 * r0[j];
						break;
					}
					default:
						break;
				}
			}
		}
	}
}
