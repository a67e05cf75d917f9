package io.github.pixelclustering.kmeans;

/**
 * Squared distances from chosen rows to all rows of a matrix, computed when first asked for and kept
 * (up to a memory budget), for k-means++ restarts on the same rows: their candidates are rows, drawn
 * again and again, and the validation distances are those from the chosen rows. The distance matrix is
 * symmetric, so a new row takes its entries for the rows already kept from them, and computes only the
 * others (kept in a packed, feature-by-feature copy of the rows not yet kept: {@link Columns}).
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
	/** The rows kept, in the order they were. */
	private final int[] keptRows;
	private int keptCount;
	private final int room;
	/** The rows not kept, packed (feature by feature), and the index of each. */
	private final Columns open;
	private final int[] openRow;
	/** Per row: its place among the rows not kept, or -1. */
	private final int[] openAt;
	private int openCount;

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
		this.keptRows = new int[n];
		this.room = (int) Math.min(n, BUDGET / (8L * Math.max(1, n)));
		this.open = new Columns().of(x, n, d, norms);
		this.openRow = new int[n];
		this.openAt = new int[n];
		for (int i = 0; i < n; i++) {
			openRow[i] = i;
			openAt[i] = i;
		}
		this.openCount = n;
	}

	/**
	 * Fills {@code out[t]} with the distances from row {@code which[t]} to every row, for t < count;
	 * the rows not yet kept are computed together.
	 *
	 * @param which row indices
	 * @param count how many of them
	 * @param out receives one array of n distances per row (not to be modified)
	 */
	void distances(final int[] which, final int count, final double[][] out) {
		// the distinct rows not kept yet
		final int[] missing = new int[count];
		int m = 0;
		for (int t = 0; t < count; t++) {
			out[t] = kept[which[t]];
			if (out[t] != null) continue;
			boolean again = false;
			for (int p = 0; p < m; p++)
				again |= missing[p] == which[t];
			if (!again) missing[m++] = which[t];
		}
		if (m == 0) return;
		// to the rows not kept: computed; to the kept rows: their entries
		final int u = openCount;
		final double[] computed = new double[u];
		final double[][] fresh = new double[m][];
		for (int p = 0; p < m; p++) {
			final int i = missing[p];
			open.squaredTo(0, u, x, i * d, norms[i], computed);
			final double[] row = new double[n];
			for (int q = 0; q < u; q++)
				row[openRow[q]] = computed[q];
			for (int c = 0; c < keptCount; c++) {
				final int j = keptRows[c];
				row[j] = kept[j][i];
			}
			fresh[p] = row;
		}
		for (int p = 0; p < m; p++)
			keep(missing[p], fresh[p]);
		for (int t = 0; t < count; t++)
			if (out[t] == null) for (int p = 0; p < m; p++)
				if (missing[p] == which[t]) out[t] = fresh[p];
	}

	/** @return the distances from row i to every row (not to be modified) */
	double[] distances(final int i) {
		final double[][] out = new double[1][];
		distances(new int[] { i }, 1, out);
		return out[0];
	}

	/** Keeps row i's distances while there is room, and takes it out of the packed open rows. */
	private void keep(final int i, final double[] row) {
		if (keptCount >= room) return;
		kept[i] = row;
		keptRows[keptCount++] = i;
		final int at = openAt[i];
		final int last = --openCount;
		open.removeBySwap(at);
		if (at != last) {
			openRow[at] = openRow[last];
			openAt[openRow[at]] = at;
		}
		openAt[i] = -1;
	}
}
