package io.github.pixelclustering.core;

import java.util.Arrays;

/**
 * The seeded draw by which a fit on many images samples their pixels: each pixel's draw is a hash of
 * the seed, the image's number (0, 1, ... in the order the images are taken) and the pixel's position,
 * and a sample of {@code n} pixels is the {@code n} smallest draws. So the sample depends on the seed and
 * the images alone, not on threads nor on the order pixels are visited (equal draws would need a 64-bit
 * hash collision; position breaks them).
 */
public final class PixelDraw {

	private PixelDraw() {}

	/** @return the image's seed for {@link #draw}: {@code mix(mix(seed) + image)} */
	public static long imageSeed(final long seed, final int image) {
		return mix(mix(seed) + image);
	}

	/**
	 * @param imageSeed from {@link #imageSeed}
	 * @param position the pixel's index in flat iteration order
	 * @return the pixel's draw: non-negative, uniform, a function of the image's seed and the position alone
	 */
	public static long draw(final long imageSeed, final long position) {
		return mix(imageSeed + position) >>> 1;
	}

	/**
	 * @param imageSeed from {@link #imageSeed}
	 * @param positions pixels 0..positions-1
	 * @param n how many to keep
	 * @return the positions of the {@code min(n, positions)} smallest draws, ascending (all positions when
	 *         n >= positions)
	 */
	public static int[] smallest(final long imageSeed, final int positions, final long n) {
		if (n >= positions) {
			final int[] all = new int[positions];
			for (int p = 0; p < positions; p++)
				all[p] = p;
			return all;
		}
		final long[] draws = new long[positions];
		for (int p = 0; p < positions; p++)
			draws[p] = draw(imageSeed, p);
		final long[] sorted = draws.clone();
		Arrays.sort(sorted);
		final long last = sorted[(int) n - 1];
		final int[] kept = new int[(int) n];
		int k = 0;
		for (int p = 0; p < positions && k < n; p++)
			if (draws[p] <= last) kept[k++] = p;
		return kept;
	}

	/** @return SplitMix64's finaliser of {@code value} plus its golden-ratio increment */
	public static long mix(final long value) {
		long z = value + 0x9E3779B97F4A7C15L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}
}
