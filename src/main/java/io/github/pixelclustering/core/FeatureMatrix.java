package io.github.pixelclustering.core;

/**
 * A row-major matrix of samples (rows) by features (columns) over a {@code double[]}, not copied.
 * <p>
 * Engines read it and never write to it. Use {@link #checkFinite()} to reject NaN or infinite values
 * with a message naming the first bad row and column.
 */
public final class FeatureMatrix {

	private final double[] data;
	private final int rows;
	private final int cols;

	/**
	 * @param data row-major values, length {@code rows * cols}; not copied
	 * @param rows number of samples, >= 1
	 * @param cols number of features, >= 1
	 */
	public FeatureMatrix(final double[] data, final int rows, final int cols) {
		if (rows < 1) throw new IllegalArgumentException("samples must be >= 1, got " + rows);
		if (cols < 1) throw new IllegalArgumentException("features must be >= 1, got " + cols);
		if (data.length != (long) rows * cols) throw new IllegalArgumentException("data must have samples x features = " + rows + " x " + cols + " = " + (long) rows * cols + " values, got " + data.length);
		this.data = data;
		this.rows = rows;
		this.cols = cols;
	}

	/** @return the backing row-major array (shared, do not modify) */
	public double[] data() {
		return data;
	}

	/** @return number of samples */
	public int rows() {
		return rows;
	}

	/** @return number of features */
	public int cols() {
		return cols;
	}

	/** @return the value at (row, col) */
	public double get(final int row, final int col) {
		return data[row * cols + col];
	}

	/**
	 * Checks every value is finite.
	 *
	 * @return this
	 * @throws IllegalArgumentException naming the first NaN or infinite value
	 */
	public FeatureMatrix checkFinite() {
		for (int i = 0; i < data.length; i++) {
			if (!Double.isFinite(data[i])) throw new IllegalArgumentException("data must be finite, got " + data[i] + " at sample " + i / cols + ", feature " + i % cols);
		}
		return this;
	}
}
