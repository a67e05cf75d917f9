package io.github.pixelclustering.spectrum;

import io.github.pixelclustering.core.ProgressListener;

import java.util.Arrays;

/**
 * A chunk of rows of A kept as their non-zero entries only (compressed rows), and the Gram kernel for
 * such rows: every pair of non-zero entries {@code (i, j)}, {@code i <= j}, of a row adds its product to
 * {@code G[i][j]}. Spectrum images of counts are mostly zeros (the synthetic 128 x 128 x 1024 map: 21 %
 * non-zero), where this does about {@code density^2} of the dense work instead of {@code density}.
 * Each entry of G still sums the rows in their order, one product at a time: for whole-number data
 * without weights (counts) every partial sum is exact, so G is the same bits as the dense kernel's.
 * A buffer takes chunk after chunk; {@link #of} makes one to keep (the decomposition keeps every sparse chunk
 * as it first reads the map, when they fit, and its loadings use {@link #dot} on them).
 */
final class SparseRows {

	/** At most this share of non-zero entries makes a chunk sparse (measured on 16,384 rows of 1,024: the kernels break even near 0.5, sparse 1.4x faster at 0.25, 2.4x at 0.21 non-zero counts of the synthetic map). */
	static final double DENSITY = 0.4;

	/** Row r's entries are {@code starts[r]..starts[r + 1] - 1}. */
	private final int[] starts;
	private final int[] columns;
	private final double[] values;
	private int rows;

	/**
	 * @param rows most rows of a chunk
	 * @param cols columns of A
	 */
	SparseRows(final int rows, final int cols) {
		starts = new int[rows + 1];
		// room for one row past the most a chunk may hold: a row is copied before it is counted
		final int room = (int) Math.min(Integer.MAX_VALUE - 8, (long) most(rows, cols) + cols);
		columns = new int[room];
		values = new double[room];
	}

	private SparseRows(final int[] starts, final int[] columns, final double[] values, final int rows) {
		this.starts = starts;
		this.columns = columns;
		this.values = values;
		this.rows = rows;
	}

	/** @return the most non-zero entries a chunk of {@code rows x cols} may have to be taken */
	static int most(final int rows, final int cols) {
		return (int) Math.min(Integer.MAX_VALUE - 8 - cols, (long) (DENSITY * rows * cols));
	}

	/** @return bytes a chunk of its own of {@code rows x cols} may take at most ({@link #of}) */
	static long mostBytes(final int rows, final int cols) {
		return 4L * (rows + 1) + 12L * ((long) most(rows, cols) + cols);
	}

	/**
	 * Takes a chunk when it is sparse enough.
	 *
	 * @param tile the chunk's rows, row r at {@code r * stride}
	 * @return whether the chunk was taken (at most {@link #DENSITY} non-zero); else use the dense kernel
	 */
	boolean take(final double[] tile, final int rows, final int cols, final int stride) {
		if (!fill(tile, rows, cols, stride, starts, columns, values, most(rows, cols))) return false;
		this.rows = rows;
		return true;
	}

	/**
	 * A chunk of its own (kept while other chunks are read), of a known number of non-zero entries.
	 *
	 * @param tile the chunk's rows, row r at {@code r * stride}
	 * @param nonZero how many of its entries are not zero
	 * @return the chunk's non-zero entries
	 */
	static SparseRows of(final double[] tile, final int rows, final int cols, final int stride, final int nonZero) {
		// room for one row past the entries: a row's entries are written before they are counted
		final int[] starts = new int[rows + 1];
		final int[] columns = new int[nonZero + cols];
		final double[] values = new double[nonZero + cols];
		fill(tile, rows, cols, stride, starts, columns, values, nonZero);
		return new SparseRows(starts, columns, values, rows);
	}

	/** Fills the compressed rows; false (and left half filled) when there are more than {@code most} non-zero entries. */
	private static boolean fill(final double[] tile, final int rows, final int cols, final int stride, final int[] starts, final int[] columns, final double[] values, final int most) {
		int n = 0;
		for (int r = 0; r < rows; r++) {
			starts[r] = n;
			final int offset = r * stride;
			// every entry is written, and kept by counting it only when it is not zero (no branch)
			for (int j = 0; j < cols; j++) {
				final double v = tile[offset + j];
				columns[n] = j;
				values[n] = v;
				n += v != 0 ? 1 : 0;
			}
			if (n > most) return false;
		}
		starts[rows] = n;
		return true;
	}

	/**
	 * The dot product of row r with a dense vector, over the row's non-zero entries in column order:
	 * the same sum, bit for bit, as the dense loop over all columns (the products skipped are zeros).
	 *
	 * @param r row of the chunk
	 * @param b the vector, entry j at {@code b[offset + j]}
	 * @param offset where entry 0 is
	 * @return sum of row[j] * b[offset + j]
	 */
	double dot(final int r, final double[] b, final int offset) {
		double sum = 0;
		for (int p = starts[r], end = starts[r + 1]; p < end; p++)
			sum += values[p] * b[offset + columns[p]];
		return sum;
	}

	/**
	 * Adds the chunk's rows to rows {@code i0..i1-1} of G (upper triangle, {@code j >= i}).
	 *
	 * @param base the chunk's first row in A (for the weights)
	 * @param weights per-row weights, or null for 1
	 */
	void add(final int base, final int cols, final double[] weights, final double[] g, final int i0, final int i1, final ProgressListener listener) {
		final int[] columns = this.columns;
		final double[] values = this.values;
		for (int k = 0; k < rows; k++) {
			if ((k & 255) == 0 && listener.isCanceled()) return;
			final int end = starts[k + 1];
			// a row's columns are ascending and distinct: the search gives the first at or above i0
			int p = Arrays.binarySearch(columns, starts[k], end, i0);
			if (p < 0) p = -p - 1;
			final double w = weights == null ? 1 : weights[base + k];
			for (; p < end && columns[p] < i1; p++) {
				final double f = w * values[p];
				final int gi = columns[p] * cols;
				for (int q = p; q < end; q++)
					g[gi + columns[q]] += f * values[q];
			}
		}
	}
}
