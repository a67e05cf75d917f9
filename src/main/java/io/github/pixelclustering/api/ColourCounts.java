package io.github.pixelclustering.api;

import io.github.pixelclustering.core.DistinctKeys;
import io.github.pixelclustering.core.PixelDraw;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * The colours of the pixels of several RGB images counted together, for one Colour Quantization fit on
 * all of them ({@link ColourQuantization#quantizeRgb(ColourCounts, ColourQuantization.Settings,
 * io.github.pixelclustering.core.ProgressListener)}): every pixel, or at most {@code sample} pixels of
 * each image.
 * <p>
 * Counting every pixel is exact: the distinct colours of all the images merged, each weighted by its
 * pixel count, are the samples of the fit of one image holding all their pixels, so the fit is that
 * fit. A sample of an image is its {@code sample} clustered pixels with the smallest draws, a draw being
 * a hash of the seed, the image's number (0, 1, ... in the order added) and the pixel's position in the
 * image (its index in flat iteration order from the interval's minimum): it depends on nothing else,
 * not on threads nor on the order pixels are visited (equal draws, which need a 64-bit hash collision,
 * go to the pixel first in flat order).
 * <p>
 * Images are read when added, one after the other, and need not stay in memory after. Memory: a table
 * of the 2^24 colours (64 MB), plus 8 bytes per sampled pixel while an image is drawn from. Counts are
 * {@code int}, so at most {@link #MAX_PIXELS} pixels are counted in all (an image that could pass it is
 * refused before it is read). Not thread-safe; each image is read on the calling thread.
 */
public final class ColourCounts {

	/** A negative sample size: the value. */
	public static final String BAD_SAMPLE = "sample must be 0 (every pixel) or a number of pixels per image, got %d.";
	/** More pixels than the counts hold: the limit, the images so far. */
	public static final String TOO_MANY_PIXELS = "Counting every pixel holds at most %d pixels in all, and image %d would pass it: give a sample size (sample=<pixels per image>).";
	/** Adding after the fit. */
	static final String ALREADY_FITTED = "these colour counts were fitted already: count again for another fit";

	/** The most pixels counted in all: no colour's count can overflow. */
	public static final long MAX_PIXELS = Integer.MAX_VALUE;

	private final long sample;
	private final long seed;
	private DistinctKeys.Builder builder;
	private DistinctKeys distinct;
	private int images;
	private long pixels;
	private RandomAccessibleInterval<ARGBType> first;
	private RandomAccessibleInterval<? extends BooleanType<?>> firstMask;

	/**
	 * @param sample at most this many clustered pixels of each image, or 0 for every pixel
	 * @param seed the seed of the draw (Colour Quantization uses the fit's seed)
	 * @throws IllegalArgumentException for a negative sample size ({@link #BAD_SAMPLE})
	 */
	public ColourCounts(final long sample, final long seed) {
		if (sample < 0) throw new IllegalArgumentException(String.format(BAD_SAMPLE, sample));
		this.sample = sample;
		this.seed = seed;
		// a table of all RGB colours: the count of a series is not known in advance
		this.builder = DistinctKeys.builder(24, Long.MAX_VALUE);
	}

	/**
	 * Counts the colours of one image (all its clustered pixels, or its sample).
	 *
	 * @param image RGB pixels (alpha ignored), any number of dimensions
	 * @param mask which pixels may be counted (same interval), or null for all
	 * @return how many pixels of the image were counted
	 * @throws IllegalArgumentException when the mask's interval is not the image's, or when the image could
	 *         bring the pixels counted above {@link #MAX_PIXELS} ({@link #TOO_MANY_PIXELS})
	 */
	public long add(final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask) {
		if (builder == null) throw new IllegalStateException(ALREADY_FITTED);
		final RandomAccessibleInterval<? extends BooleanType<?>> m = ColourQuantization.orAll(mask, image);
		final long most = sample == 0 ? Intervals.numElements(image) : Math.min(sample, Intervals.numElements(image));
		if (pixels + most > MAX_PIXELS) throw new IllegalArgumentException(String.format(TOO_MANY_PIXELS, MAX_PIXELS, images + 1));
		final long imageSeed = imageSeed(seed, images);
		final long threshold;
		final long atThreshold;
		if (sample == 0 || Intervals.numElements(image) <= sample) {
			threshold = Long.MAX_VALUE;
			atThreshold = Long.MAX_VALUE;
		}
		else {
			// the sample: the smallest draws (a max-heap of the `sample` smallest so far)
			final long[] heap = new long[(int) Math.min(sample, Integer.MAX_VALUE - 8)];
			int size = 0;
			long position = 0;
			final Cursor<? extends BooleanType<?>> inside = Views.flatIterable(m).cursor();
			while (inside.hasNext()) {
				final boolean in = inside.next().get();
				final long p = position++;
				if (!in) continue;
				final long d = draw(imageSeed, p);
				if (size < heap.length) siftUp(heap, size++, d);
				else if (d < heap[0]) siftDown(heap, size, d);
			}
			if (size < heap.length) {
				threshold = Long.MAX_VALUE;
				atThreshold = Long.MAX_VALUE;
			}
			else {
				threshold = heap[0];
				long equal = 0;
				for (int i = 0; i < size; i++)
					if (heap[i] == threshold) equal++;
				atThreshold = equal;
			}
		}
		final Cursor<ARGBType> colours = Views.flatIterable(image).cursor();
		final Cursor<? extends BooleanType<?>> inside = Views.flatIterable(m).cursor();
		long position = 0;
		long counted = 0;
		long equalTaken = 0;
		final DistinctKeys.Builder b = builder;
		while (inside.hasNext()) {
			final boolean in = inside.next().get();
			final int colour = colours.next().get() & 0xffffff;
			final long p = position++;
			if (!in) continue;
			if (threshold != Long.MAX_VALUE) {
				final long d = draw(imageSeed, p);
				if (d > threshold || d == threshold && equalTaken++ >= atThreshold) continue;
			}
			b.add(colour);
			counted++;
		}
		if (images == 0) {
			first = image;
			firstMask = m;
		}
		images++;
		pixels += counted;
		return counted;
	}

	/**
	 * Adds the colours of one image counted elsewhere (on another machine, say), every pixel: the counts
	 * are then those {@link #add(RandomAccessibleInterval, RandomAccessibleInterval)} makes of the image's
	 * pixels.
	 *
	 * @param histogram the image's colours and their pixel counts
	 * @return the pixels added
	 * @throws IllegalArgumentException when these counts sample the images (a histogram holds every pixel),
	 *         or when the pixels would pass {@link #MAX_PIXELS} ({@link #TOO_MANY_PIXELS})
	 */
	public long add(final ColourHistogram histogram) {
		if (builder == null) throw new IllegalStateException(ALREADY_FITTED);
		if (sample != 0) throw new IllegalArgumentException("a colour histogram holds every pixel of an image: expected counts of every pixel (sample 0), got sample " + sample);
		if (pixels + histogram.pixels() > MAX_PIXELS) throw new IllegalArgumentException(String.format(TOO_MANY_PIXELS, MAX_PIXELS, images + 1));
		for (int i = 0; i < histogram.size(); i++)
			builder.add(histogram.colour(i), histogram.count(i));
		images++;
		pixels += histogram.pixels();
		return histogram.pixels();
	}

	/** @return the images added */
	public int images() {
		return images;
	}

	/** @return the pixels counted in all images */
	public long pixels() {
		return pixels;
	}

	/** @return the sample size per image, 0 = every pixel */
	public long sample() {
		return sample;
	}

	/** @return the seed of the draw */
	public long seed() {
		return seed;
	}

	// -- Package-private --

	/** @return the distinct colours of all images with their counts (no image can be added after) */
	DistinctKeys distinct() {
		if (distinct == null) {
			distinct = builder.build();
			builder = null;
		}
		return distinct;
	}

	RandomAccessibleInterval<ARGBType> first() {
		return first;
	}

	RandomAccessibleInterval<? extends BooleanType<?>> firstMask() {
		return firstMask;
	}

	/** The draw of a pixel ({@link PixelDraw#draw}). */
	static long draw(final long imageSeed, final long position) {
		return PixelDraw.draw(imageSeed, position);
	}

	/** The image's seed for {@link #draw} ({@link PixelDraw#imageSeed}). */
	static long imageSeed(final long seed, final int image) {
		return PixelDraw.imageSeed(seed, image);
	}

	// -- Helper methods --

	/** Adds {@code value} at the end of a max-heap of {@code size} values. */
	private static void siftUp(final long[] heap, final int size, final long value) {
		int i = size;
		while (i > 0) {
			final int parent = (i - 1) >>> 1;
			if (heap[parent] >= value) break;
			heap[i] = heap[parent];
			i = parent;
		}
		heap[i] = value;
	}

	/** Replaces the largest value of a max-heap of {@code size} values by {@code value}. */
	private static void siftDown(final long[] heap, final int size, final long value) {
		int i = 0;
		while (true) {
			int child = 2 * i + 1;
			if (child >= size) break;
			if (child + 1 < size && heap[child + 1] > heap[child]) child++;
			if (heap[child] <= value) break;
			heap[i] = heap[child];
			i = child;
		}
		heap[i] = value;
	}
}
