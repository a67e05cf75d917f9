package io.github.pixelclustering.kmeans;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Squared distances from chosen rows to all rows of a matrix, computed when first asked for and kept
 * (up to a memory budget), for k-means++ restarts on the same rows: their candidates are rows, drawn
 * again and again, and the validation distances are those from the chosen rows. Every distance is the
 * number {@link Distances#squaredBlock} computes for that pair, in either order, so looking it up gives
 * the same result as computing it. Safe for concurrent use; a row two threads ask for at once may be
 * computed twice (with the same numbers).
 */
final class RowDistances {

	/** Bytes of kept rows per matrix, at most. */
	static final long BUDGET = 64L << 20;

	private final double[] x;
	private final int n;
	private final int d;
	private final double[] norms;
	private final AtomicReferenceArray<double[]> kept;
	private final AtomicLong room;

	/**
	 * @param x rows, n x d row-major
	 * @param n number of rows
	 * @param d features
	 * @param norms squared norms of the rows ({@link Distances#norm})
	 */
	RowDistances(final double[] x, final int n, final int d, final double[] norms) {
		this.x = x;
		this.n = n;
		this.d = d;
		this.norms = norms;
		this.kept = new AtomicReferenceArray<>(n);
		this.room = new AtomicLong(BUDGET / (8L * Math.max(1, n)));
	}

	/** @return number of rows */
	int rows() {
		return n;
	}

	/**
	 * Fills {@code out[t]} with the distances from row {@code which[t]} to every row, for t < count;
	 * the rows not yet kept are computed together in one pass.
	 *
	 * @param which row indices
	 * @param count how many of them
	 * @param out receives one array of n distances per row (not to be modified)
	 */
	void distances(final int[] which, final int count, final double[][] out) {
		int missing = 0;
		for (int t = 0; t < count; t++) {
			out[t] = kept.get(which[t]);
			if (out[t] == null) missing++;
		}
		if (missing == 0) return;
		final double[] packed = new double[missing * d];
		final double[] packedNorms = new double[missing];
		final int[] rowOf = new int[missing];
		int m = 0;
		for (int t = 0; t < count; t++)
			if (out[t] == null) {
				// a row asked for twice in one call is computed twice: harmless, rare
				System.arraycopy(x, which[t] * d, packed, m * d, d);
				packedNorms[m] = norms[which[t]];
				rowOf[m++] = t;
			}
		final double[] computed = new double[missing * n];
		Distances.squaredBlock(packed, 0, missing, packedNorms, x, n, norms, d, computed, 0);
		for (int p = 0; p < missing; p++) {
			final double[] row = java.util.Arrays.copyOfRange(computed, p * n, (p + 1) * n);
			final int t = rowOf[p];
			out[t] = row;
			if (room.getAndDecrement() > 0) kept.compareAndSet(which[t], null, row);
		}
	}

	/** @return the distances from row i to every row (not to be modified) */
	double[] distances(final int i) {
		final double[][] out = new double[1][];
		distances(new int[] { i }, 1, out);
		return out[0];
	}
}
