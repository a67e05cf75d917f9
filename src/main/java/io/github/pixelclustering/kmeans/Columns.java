package io.github.pixelclustering.kmeans;

import java.util.Arrays;

/**
 * Rows stored feature by feature (column f holds feature f of every row, row i at index i), with their
 * squared norms, for the distances from many rows to one centre at a time.
 * <p>
 * The loops of {@link #squaredTo} run over rows and index every array by the row alone, with no offset: a
 * shape Java's just-in-time compiler turns into vector instructions (several rows per instruction),
 * which a row-major layout does not allow. Each distance is {@code max(0, |x|^2 + |c|^2 - 2 x.c)}, the
 * dot product multiply-added ({@link Math#fma}) in feature order from 0 and the norms from
 * {@link Distances#norm}: one number per pair of rows, whatever else is stored or asked with it and
 * whether vectorised or not, and the same in either direction (so distances from different calls,
 * blocks or threads agree bit for bit). Reusable: {@link #clear} or a new fill replaces the rows.
 * Filling is for one thread; {@link #squaredTo} only reads, so threads may share a filled instance.
 */
final class Columns {

	/** Features. */
	private int d;
	/** Rows held. */
	int count;
	/** Column f: feature f of rows 0..count-1 (the arrays may be longer). */
	private double[][] columns = new double[0][];
	/** Squared norms ({@link Distances#norm}) of rows 0..count-1. */
	double[] norms = new double[0];

	/** Empties this and makes room for {@code capacity} rows of {@code d} features. */
	Columns clear(final int capacity, final int features) {
		d = features;
		if (columns.length < features) columns = Arrays.copyOf(columns, features);
		for (int f = 0; f < features; f++)
			if (columns[f] == null || columns[f].length < capacity) columns[f] = new double[capacity];
		if (norms.length < capacity) norms = new double[capacity];
		count = 0;
		return this;
	}

	/** Appends row {@code i} of {@code x} (row-major, d features), whose squared norm is {@code norm}. */
	void add(final double[] x, final int i, final double norm) {
		final int o = i * d;
		final int r = count++;
		for (int f = 0; f < d; f++)
			columns[f][r] = x[o + f];
		norms[r] = norm;
	}

	/** @return this, holding rows 0..n-1 of {@code x} (row-major, d features) with their squared norms */
	Columns of(final double[] x, final int n, final int features, final double[] rowNorms) {
		clear(n, features);
		for (int f = 0; f < features; f++) {
			final double[] column = columns[f];
			for (int i = 0, o = f; i < n; i++, o += features)
				column[i] = x[o];
		}
		System.arraycopy(rowNorms, 0, norms, 0, n);
		count = n;
		return this;
	}

	/** Removes row {@code at} by moving the last row into its place. */
	void removeBySwap(final int at) {
		final int last = --count;
		if (at == last) return;
		for (int f = 0; f < d; f++)
			columns[f][at] = columns[f][last];
		norms[at] = norms[last];
	}

	/** @return feature f of row i */
	double get(final int i, final int f) {
		return columns[f][i];
	}

	/**
	 * Squared distances from rows {@code from..to-1} to centre {@code c[offset..+d)}, as
	 * {@code max(0, |x|^2 + |c|^2 - 2 x.c)} with the dot products multiply-added in feature order.
	 *
	 * @param cNorm the centre's squared norm ({@link Distances#norm})
	 * @param out receives the distance of row i at index i
	 */
	void squaredTo(final int from, final int to, final double[] c, final int offset, final double cNorm, final double[] out) {
		Arrays.fill(out, from, to, 0.0);
		final double[][] x = columns;
		int f = 0;
		// four features per pass over the rows: one load and one store of the running dot product per
		// four multiply-adds
		for (; f + 4 <= d; f += 4) {
			final double[] x0 = x[f], x1 = x[f + 1], x2 = x[f + 2], x3 = x[f + 3];
			final double c0 = c[offset + f], c1 = c[offset + f + 1], c2 = c[offset + f + 2], c3 = c[offset + f + 3];
			for (int i = from; i < to; i++)
				out[i] = Math.fma(x3[i], c3, Math.fma(x2[i], c2, Math.fma(x1[i], c1, Math.fma(x0[i], c0, out[i]))));
		}
		switch (d - f) {
		case 3: {
			final double[] x0 = x[f], x1 = x[f + 1], x2 = x[f + 2];
			final double c0 = c[offset + f], c1 = c[offset + f + 1], c2 = c[offset + f + 2];
			for (int i = from; i < to; i++)
				out[i] = Math.fma(x2[i], c2, Math.fma(x1[i], c1, Math.fma(x0[i], c0, out[i])));
			break;
		}
		case 2: {
			final double[] x0 = x[f], x1 = x[f + 1];
			final double c0 = c[offset + f], c1 = c[offset + f + 1];
			for (int i = from; i < to; i++)
				out[i] = Math.fma(x1[i], c1, Math.fma(x0[i], c0, out[i]));
			break;
		}
		case 1: {
			final double[] x0 = x[f];
			final double c0 = c[offset + f];
			for (int i = from; i < to; i++)
				out[i] = Math.fma(x0[i], c0, out[i]);
			break;
		}
		default:
			break;
		}
		final double[] n = norms;
		for (int i = from; i < to; i++)
			out[i] = Math.max(0, n[i] + cNorm - 2 * out[i]);
	}
}
