package io.github.pixelclustering.kmeans;

/**
 * Squared distances from chosen rows to all rows of a matrix, computed when first asked for and kept
 * (up to a memory budget), for k-means++ restarts on the same rows: their candidates are rows, drawn
 * again and again, and the validation distances are those from the chosen rows. A row's distances are
 * computed from a feature-by-feature copy of the rows ({@link Columns}, vector instructions); taking
 * the entries of rows already kept (the matrix is symmetric) would read one entry from each of many
 * arrays, which is slower than computing them.
 * <p>
 * Kept rows live in a few large blocks rather than one array each: they stay alive through a whole
 * fit, and a garbage collector copies small live arrays from one young space to the next (measured: a
 * second of pauses in a 3-second first run), while large arrays are placed once and never copied.
 * <p>
 * Every distance is the number {@link Columns} computes for that pair, in either order (the dot product
 * is the same chain of multiply-adds, the sum of the norms commutes), so looking it up gives the same
 * result as computing it. Not thread-safe: one instance per thread.
 */
final class RowDistances {

	/** Bytes of kept rows per matrix, at most. */
	static final long BUDGET = 64L << 20;
	/** Bytes per block of kept rows, about (large enough to be a "humongous" object of the G1 collector for heaps up to 32 GB). */
	static final long BLOCK_BYTES = 8L << 20;

	private final double[] x;
	private final int n;
	private final int d;
	private final double[] norms;
	/** Per row: where its distances are kept (its place in the order rows were kept), or -1. */
	private final int[] keptAt;
	private int keptCount;
	/** How many rows may be kept, and how many per block. */
	private final int room;
	private final int blockRows;
	/** Blocks of kept rows: kept row r at blocks[r / blockRows], from (r % blockRows) x n. */
	private final double[][] blocks;
	/** Distances of rows asked for once the room is used up, one array per position of the request. */
	private double[][] scratch = new double[0][];
	/** The rows, feature by feature. */
	private final Columns columns;

	/**
	 * @param x rows, n x d row-major
	 * @param n number of rows
	 * @param d features
	 * @param norms squared norms of the rows ({@link Distances#norm})
	 */
	RowDistances(final double[] x, final int n, final int d, final double[] norms) {
		this(x, n, d, norms, BUDGET, BLOCK_BYTES);
	}

	/** {@link #RowDistances(double[], int, int, double[])} with the given bytes of kept rows at most, and per block. */
	RowDistances(final double[] x, final int n, final int d, final double[] norms, final long budget, final long blockBytes) {
		this.x = x;
		this.n = n;
		this.d = d;
		this.norms = norms;
		this.keptAt = new int[n];
		java.util.Arrays.fill(keptAt, -1);
		final long rowBytes = 8L * Math.max(1, n);
		this.room = (int) Math.min(n, budget / rowBytes);
		this.blockRows = (int) Math.max(1, Math.min(room, blockBytes / rowBytes));
		this.blocks = new double[room == 0 ? 0 : (room + blockRows - 1) / blockRows][];
		this.columns = new Columns().of(x, n, d, norms);
	}

	/** @return the number of rows */
	int rows() {
		return n;
	}

	/**
	 * Finds the distances from row {@code which[t]} to every row, for t < count: row i's distance is
	 * {@code arrays[t][offsets[t] + i]}. Arrays of rows not kept are reused by the next call.
	 *
	 * @param which row indices
	 * @param count how many of them
	 * @param arrays receives the array holding each row's distances (not to be modified)
	 * @param offsets receives where in it they start
	 */
	void distances(final int[] which, final int count, final double[][] arrays, final int[] offsets) {
		if (scratch.length < count) scratch = java.util.Arrays.copyOf(scratch, count);
		for (int t = 0; t < count; t++) {
			final int i = which[t];
			if (keptAt[i] < 0) {
				if (scratch[t] == null) scratch[t] = new double[n];
				// computed from index 0 (an offset into the output would stop the loops' vectorisation)
				columns.squaredTo(0, n, x, i * d, norms[i], scratch[t]);
				if (keptCount < room) {
					final int r = keptCount++;
					final int block = r / blockRows;
					if (blocks[block] == null) blocks[block] = new double[Math.min(blockRows, room - block * blockRows) * n];
					System.arraycopy(scratch[t], 0, blocks[block], r % blockRows * n, n);
					keptAt[i] = r;
				}
				else {
					arrays[t] = scratch[t];
					offsets[t] = 0;
					continue;
				}
			}
			final int r = keptAt[i];
			arrays[t] = blocks[r / blockRows];
			offsets[t] = r % blockRows * n;
		}
	}
}
