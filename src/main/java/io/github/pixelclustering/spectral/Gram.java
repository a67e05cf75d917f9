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
		// Four rows of A at a time: each element of G is loaded and stored once per four products.
		final double[][] r = new double[4][cols];
		final double[] w = new double[4];
		int k = 0;
		while (k < rows) {
			if ((k & 1023) < 4 && listener.isCanceled()) return;
			// gather the next four rows that touch this block
			int q = 0;
			while (q < 4 && k < rows) {
				final int offset = k * cols;
				boolean any = false;
				for (int i = i0; i < i1; i++)
					if (a[offset + i] != 0) {
						any = true;
						break;
					}
				if (any) {
					final double[] row = r[q];
					for (int j = i0; j < cols; j++)
						row[j] = a[offset + j];
					w[q] = weights == null ? 1 : weights[k];
					q++;
				}
				k++;
			}
			for (int z = q; z < 4; z++) {
				java.util.Arrays.fill(r[z], i0, cols, 0);
				w[z] = 0;
			}
			if (q == 0) continue;
			final double[] r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];
			for (int i = i0; i < i1; i++) {
				final double f0 = w[0] * r0[i], f1 = w[1] * r1[i], f2 = w[2] * r2[i], f3 = w[3] * r3[i];
				if (f0 == 0 && f1 == 0 && f2 == 0 && f3 == 0) continue;
				final int gi = i * cols;
				for (int j = i; j < cols; j++)
					g[gi + j] += f0 * r0[j] + f1 * r1[j] + f2 * r2[j] + f3 * r3[j];
			}
		}
	}
}
