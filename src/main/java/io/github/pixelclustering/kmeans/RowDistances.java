package io.github.pixelclustering.kmeans;

/**
 * Squared distances from chosen rows to all rows of a matrix, computed when first asked for and kept
 * (up to a memory budget), for k-means++ restarts on the same rows: their candidates are rows, drawn
 * again and again, and the validation distances are those from the chosen rows. A row's distances are
 * computed from a feature-by-feature copy of the rows ({@link Columns}, vector instructions); taking
 * the entries of rows already kept (the matrix is symmetric) would read one entry from each of many
 * arrays, which is slower than computing them.
 * <p>
 * Every distance is the number {@link Distances#squaredBlock} computes for that pair, in either order
 * (the dot product is the same chain of multiply-adds, the sum of the norms commutes), so looking it up
 * gives the same result as computing it. Not thread-safe: one instance per thread.
 */
final class RowDistances {

	/** Bytes of kept rows per matrix, at most. */
	static final long BUDGET = 64L << 20;

	private final double[] x;
	private final int n;
	private final int d;
	private final double[] norms;
	/** Per row: its distances to every row once kept, else null. */
	private final double[][] kept;
	/** How many rows may still be kept. */
	private int room;
	/** The rows, feature by feature. */
	private final Columns columns;

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
		this.kept = new double[n][];
		this.room = (int) Math.min(n, BUDGET / (8L * Math.max(1, n)));
		this.columns = new Columns().of(x, n, d, norms);
	}

	/**
	 * Fills {@code out[t]} with the distances from row {@code which[t]} to every row, for t < count.
	 *
	 * @param which row indices
	 * @param count how many of them
	 * @param out receives one array of n distances per row (not to be modified)
	 */
	void distances(final int[] which, final int count, final double[][] out) {
		for (int t = 0; t < count; t++)
			out[t] = distances(which[t]);
	}

	/** @return the distances from row i to every row (not to be modified) */
	double[] distances(final int i) {
		if (kept[i] != null) return kept[i];
		final double[] row = new double[n];
		columns.squaredTo(0, n, x, i * d, norms[i], row);
		if (room > 0) {
			room--;
			kept[i] = row;
		}
		return row;
	}
}
