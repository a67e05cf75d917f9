package io.github.pixelclustering.spectral;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Weighted Gram matrices {@code G = A^T diag(w) A} of a row-major float matrix, in double precision.
 * <p>
 * The kernel adds, row after row of A, the outer product of the row with itself into a block of rows
 * of G: the innermost loop is a contiguous multiply-add that the JIT compiles to vector instructions,
 * and zero entries of A are skipped (spectrum images of counts are often mostly zeros). Each block of G
 * rows is one task and sums its rows of A in a fixed order, so the result does not depend on the
 * number of threads.
 */
final class Gram {

	/** Rows of G per task: a block of 32 rows of 2048 doubles stays in a core's cache. */
	private static final int BLOCK = 32;

	private Gram() {}

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
		final double[] g = new double[cols * cols];
		final int blocks = (cols + BLOCK - 1) / BLOCK;
		// Blocks near the top of the triangle carry more work: hand them out first.
		final List<Runnable> tasks = new ArrayList<>(blocks);
		final AtomicInteger done = new AtomicInteger();
		for (int b = 0; b < blocks; b++) {
			final int i0 = b * BLOCK, i1 = Math.min(cols, i0 + BLOCK);
			tasks.add(() -> {
				block(a, rows, cols, weights, g, i0, i1, listener);
				listener.progress((double) done.incrementAndGet() / blocks, "Gram matrix");
			});
		}
		runner.runAll(tasks);
		listener.checkCanceled();
		for (int i = 0; i < cols; i++)
			for (int j = 0; j < i; j++)
				g[i * cols + j] = g[j * cols + i];
		return g;
	}

	private static void block(final float[] a, final int rows, final int cols, final double[] weights, final double[] g, final int i0, final int i1, final ProgressListener listener) {
		final double[] row = new double[cols];
		for (int k = 0; k < rows; k++) {
			if ((k & 1023) == 0 && listener.isCanceled()) return;
			final int offset = k * cols;
			boolean any = false;
			for (int i = i0; i < i1; i++)
				if (a[offset + i] != 0) {
					any = true;
					break;
				}
			if (!any) continue;
			for (int j = i0; j < cols; j++)
				row[j] = a[offset + j];
			final double w = weights == null ? 1 : weights[k];
			for (int i = i0; i < i1; i++) {
				final double v = row[i];
				if (v == 0) continue;
				final double f = w * v;
				final int gi = i * cols;
				for (int j = i; j < cols; j++)
					g[gi + j] += f * row[j];
			}
		}
	}
}
