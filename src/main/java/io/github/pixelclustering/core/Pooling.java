package io.github.pixelclustering.core;

import java.util.Arrays;

/**
 * Mean pooling of clustered features, scikit-learn's {@code FeatureAgglomeration.transform} and
 * {@code inverse_transform}: the items (rows of a matrix, e.g. pixels) are grouped by a label, and every
 * feature (column, e.g. a time point) is reduced to the mean of each group.
 * <p>
 * Sums run over the rows in row order, as NumPy's {@code bincount} does, and every feature is summed by
 * one task, so the result is the same for any number of threads.
 */
public final class Pooling {

	private Pooling() {}

	/**
	 * @param labels group of every row, 0..k-1
	 * @param k number of groups
	 * @return rows per group
	 */
	public static int[] sizes(final int[] labels, final int k) {
		final int[] sizes = new int[k];
		for (final int label : labels) {
			if (label < 0 || label >= k) throw new IllegalArgumentException("labels must be in 0.." + (k - 1) + ", got " + label);
			sizes[label]++;
		}
		return sizes;
	}

	/**
	 * {@code transform}: the mean of every group in every column.
	 *
	 * @param x the rows (items) and columns (features)
	 * @param labels group of every row, 0..k-1
	 * @param k number of groups (each must be non-empty)
	 * @param runner where to run
	 * @return a {@code cols x k} row-major matrix: entry (f, c) is the mean of column f over group c
	 */
	public static double[] means(final FeatureMatrix x, final int[] labels, final int k, final TaskRunner runner) {
		if (labels.length != x.rows()) throw new IllegalArgumentException("need one label per row: " + x.rows() + " rows, got " + labels.length + " labels");
		final int[] sizes = sizes(labels, k);
		for (int c = 0; c < k; c++)
			if (sizes[c] == 0) throw new IllegalArgumentException("group " + c + " is empty; every label 0.." + (k - 1) + " needs at least one row");
		return pool(x, labels, sizes, k, runner);
	}

	/**
	 * {@link #means}, where a group may be empty: its means are NaN (e.g. a model's cluster that no pixel
	 * of a new image falls in). The same sums in the same order as {@link #means}.
	 *
	 * @param x the rows (items) and columns (features)
	 * @param labels group of every row, 0..k-1
	 * @param k number of groups
	 * @param runner where to run
	 * @return a {@code cols x k} row-major matrix: entry (f, c) is the mean of column f over group c
	 */
	public static double[] meansOrNaN(final FeatureMatrix x, final int[] labels, final int k, final TaskRunner runner) {
		if (labels.length != x.rows()) throw new IllegalArgumentException("need one label per row: " + x.rows() + " rows, got " + labels.length + " labels");
		return pool(x, labels, sizes(labels, k), k, runner);
	}

	private static double[] pool(final FeatureMatrix x, final int[] labels, final int[] sizes, final int k, final TaskRunner runner) {
		final int n = x.rows();
		final int d = x.cols();
		final double[] data = x.data();
		final double[] out = new double[d * k];
		Chunks.of(d, Math.max(1, Math.min(16, (d + 1) / 2))).forEach(runner, (chunk, from, to) -> {
			for (int f = from; f < to; f++) {
				final int o = f * k;
				for (int r = 0; r < n; r++)
					out[o + labels[r]] += data[r * d + f];
				for (int c = 0; c < k; c++)
					out[o + c] = sizes[c] > 0 ? out[o + c] / sizes[c] : Double.NaN;
			}
		});
		return out;
	}

	/**
	 * {@code inverse_transform}: every row gets its group's values.
	 *
	 * @param reduced a {@code cols x k} row-major matrix as returned by {@link #means}
	 * @param cols number of columns (features)
	 * @param k number of groups
	 * @param labels group of every row
	 * @return the {@code rows x cols} row-major matrix
	 */
	public static double[] expand(final double[] reduced, final int cols, final int k, final int[] labels) {
		if (reduced.length != (long) cols * k) throw new IllegalArgumentException("reduced values must be features x clusters = " + cols + " x " + k + ", got " + reduced.length);
		final double[] out = new double[labels.length * cols];
		for (int r = 0; r < labels.length; r++)
			for (int f = 0; f < cols; f++)
				out[r * cols + f] = reduced[f * k + labels[r]];
		return out;
	}

	/**
	 * The within-group sum of squares, sum over rows of the squared distance to the group mean.
	 *
	 * @param x the rows
	 * @param labels group of every row
	 * @param reduced the group means as returned by {@link #means}
	 * @param k number of groups
	 * @return the sum
	 */
	public static double withinSumOfSquares(final FeatureMatrix x, final int[] labels, final double[] reduced, final int k) {
		final int d = x.cols();
		final double[] data = x.data();
		double sum = 0;
		for (int r = 0; r < labels.length; r++)
			for (int f = 0; f < d; f++) {
				final double diff = data[r * d + f] - reduced[f * k + labels[r]];
				sum += diff * diff;
			}
		return sum;
	}

	/**
	 * Renumbers groups by decreasing size, ties by increasing old number.
	 *
	 * @param labels group of every row, 0..k-1
	 * @param k number of groups
	 * @return {@code map[old] = new}
	 */
	public static int[] largestFirst(final int[] labels, final int k) {
		final int[] sizes = sizes(labels, k);
		final long[] order = new long[k];
		for (int c = 0; c < k; c++)
			order[c] = (long) (Integer.MAX_VALUE - sizes[c]) << 32 | c;
		Arrays.sort(order);
		final int[] map = new int[k];
		for (int i = 0; i < k; i++)
			map[(int) order[i]] = i;
		return map;
	}
}
