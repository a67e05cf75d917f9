package io.github.pixelclustering.testutil;

/** Connected regions of equal values in raster images. */
public final class Regions {

	private Regions() {}

	/**
	 * @param values one value per pixel, raster order (labels, packed RGB, ...)
	 * @param w width
	 * @param h height
	 * @return number of 4-connected regions of equal value
	 */
	public static int count(final int[] values, final int w, final int h) {
		final boolean[] seen = new boolean[w * h];
		final int[] stack = new int[w * h];
		int regions = 0;
		for (int s = 0; s < w * h; s++) {
			if (seen[s]) continue;
			regions++;
			int top = 0;
			stack[top++] = s;
			seen[s] = true;
			while (top > 0) {
				final int p = stack[--top];
				final int x = p % w;
				final int y = p / w;
				final int[] next = { x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1 };
				for (final int q : next)
					if (q >= 0 && !seen[q] && values[q] == values[p]) {
						seen[q] = true;
						stack[top++] = q;
					}
			}
		}
		return regions;
	}
}
