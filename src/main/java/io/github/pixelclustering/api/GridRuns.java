package io.github.pixelclustering.api;

import io.github.pixelclustering.io.ModelDocument;

/**
 * Values on a pixel grid (labels, a mask) stored in a model file as run-length pairs: {@code [value,
 * count, value, count, ...]} in raster order (x fastest, then y, then z). A 512 x 512 parcellation of a
 * few hundred parcels is some thousands of runs on one line, readable and exact.
 */
final class GridRuns {

	private GridRuns() {}

	/** @return the runs of the values, {@code [value, count, ...]} */
	static int[] encode(final int[] values) {
		int runs = 0;
		for (int p = 0; p < values.length; p++)
			if (p == 0 || values[p] != values[p - 1]) runs++;
		final int[] out = new int[2 * runs];
		int r = -1;
		for (int p = 0; p < values.length; p++) {
			if (p == 0 || values[p] != values[p - 1]) {
				out[2 * ++r] = values[p];
				out[2 * r + 1] = 0;
			}
			out[2 * r + 1]++;
		}
		return out;
	}

	/** @return the runs of a mask, {@code [1 or 0, count, ...]} */
	static int[] encode(final boolean[] mask) {
		final int[] values = new int[mask.length];
		for (int p = 0; p < mask.length; p++)
			values[p] = mask[p] ? 1 : 0;
		return encode(values);
	}

	/**
	 * Reads runs written by {@link #encode}.
	 *
	 * @param d the document
	 * @param key the key of the runs
	 * @param size the pixels of the grid
	 * @param max the largest value allowed (values are 0..max)
	 * @return the values, one per pixel
	 */
	static int[] decode(final ModelDocument d, final String key, final int size, final int max) {
		final int[] runs = d.integers(key);
		if (runs.length % 2 != 0) throw d.invalid(key, "pairs of value and count", runs.length + " numbers");
		final int[] out = new int[size];
		int p = 0;
		for (int r = 0; r < runs.length; r += 2) {
			final int value = runs[r];
			final int count = runs[r + 1];
			if (value < 0 || value > max) throw d.invalid(key + "[" + r + "]", "a value 0.." + max, value + "");
			if (count < 1 || count > size - p) throw d.invalid(key + "[" + (r + 1) + "]", "a count 1.." + (size - p) + " (runs covering the " + size + " pixels of the grid)", count + "");
			for (int i = 0; i < count; i++)
				out[p++] = value;
		}
		if (p != size) throw d.invalid(key, "runs covering the " + size + " pixels of the grid", "runs of " + p + " pixels");
		return out;
	}

	/** @return {@link #decode} of a mask */
	static boolean[] decodeMask(final ModelDocument d, final String key, final int size) {
		final int[] values = decode(d, key, size, 1);
		final boolean[] out = new boolean[size];
		for (int p = 0; p < size; p++)
			out[p] = values[p] == 1;
		return out;
	}
}
