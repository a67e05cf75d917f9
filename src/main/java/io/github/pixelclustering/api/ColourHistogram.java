package io.github.pixelclustering.api;

import io.github.pixelclustering.core.DistinctKeys;

import java.io.Serializable;
import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * The distinct RGB colours of some pixels with how many pixels have each: what one part of an image (a
 * band of tiles, one image of a folder) contributes to an exact colour fit when the parts are counted
 * apart, on other threads or machines, and merged ({@link #merge}) before {@link ColourCounts#add(ColourHistogram)}.
 * Immutable and serializable; merging is associative and commutative, so the merged histogram does not
 * depend on the order of the parts.
 */
public final class ColourHistogram implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The colours, 0xRRGGBB, ascending. */
	private final int[] colours;
	/** The pixels of each colour, each at least 1. */
	private final long[] counts;
	private final long pixels;

	private ColourHistogram(final int[] colours, final long[] counts) {
		this.colours = colours;
		this.counts = counts;
		long sum = 0;
		for (final long c : counts)
			sum += c;
		this.pixels = sum;
	}

	/** The histogram of no pixels. */
	public static final ColourHistogram EMPTY = new ColourHistogram(new int[0], new long[0]);

	/**
	 * @param argb RGB pixels (alpha ignored)
	 * @param from index of the first pixel counted
	 * @param to one past the last
	 * @return the histogram of those pixels
	 */
	public static ColourHistogram of(final int[] argb, final int from, final int to) {
		if (from < 0 || to > argb.length || from > to) throw new IllegalArgumentException("expected pixels within [0, " + argb.length + "], got [" + from + ", " + to + ")");
		final DistinctKeys.Builder builder = DistinctKeys.builder(24, to - from);
		for (int i = from; i < to; i++)
			builder.add(argb[i] & 0xffffff);
		return of(builder.build());
	}

	private static ColourHistogram of(final DistinctKeys distinct) {
		final int[] colours = new int[distinct.size()];
		final long[] counts = new long[colours.length];
		for (int i = 0; i < colours.length; i++) {
			colours[i] = (int) distinct.key(i);
			counts[i] = (long) distinct.count(i);
		}
		return new ColourHistogram(colours, counts);
	}

	/**
	 * @param image RGB pixels (alpha ignored), any number of dimensions
	 * @param mask which pixels count (same interval), or null for all
	 * @return the histogram of those pixels: the colours {@link ColourCounts} counts of the image
	 */
	public static ColourHistogram of(final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask) {
		final DistinctKeys.Builder builder = DistinctKeys.builder(24, Intervals.numElements(image));
		final Cursor<ARGBType> colours = Views.flatIterable(image).cursor();
		final Cursor<? extends BooleanType<?>> inside = Views.flatIterable(ColourQuantization.orAll(mask, image)).cursor();
		while (colours.hasNext()) {
			final int colour = colours.next().get() & 0xffffff;
			if (inside.next().get()) builder.add(colour);
		}
		return of(builder.build());
	}

	/**
	 * @param other another histogram
	 * @return the histogram of the pixels of both
	 */
	public ColourHistogram merge(final ColourHistogram other) {
		if (other.colours.length == 0) return this;
		if (colours.length == 0) return other;
		final int[] c = new int[colours.length + other.colours.length];
		final long[] n = new long[c.length];
		int i = 0, j = 0, m = 0;
		while (i < colours.length || j < other.colours.length) {
			if (j == other.colours.length || i < colours.length && colours[i] < other.colours[j]) {
				c[m] = colours[i];
				n[m++] = counts[i++];
			}
			else if (i == colours.length || other.colours[j] < colours[i]) {
				c[m] = other.colours[j];
				n[m++] = other.counts[j++];
			}
			else {
				c[m] = colours[i];
				n[m++] = counts[i++] + other.counts[j++];
			}
		}
		return new ColourHistogram(Arrays.copyOf(c, m), Arrays.copyOf(n, m));
	}

	/** @return the number of distinct colours */
	public int size() {
		return colours.length;
	}

	/** @return the i-th smallest colour, 0xRRGGBB */
	public int colour(final int i) {
		return colours[i];
	}

	/** @return the pixels of the i-th colour */
	public long count(final int i) {
		return counts[i];
	}

	/** @return the pixels counted */
	public long pixels() {
		return pixels;
	}
}
