package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pixelclustering.core.DistinctKeys;
import io.github.pixelclustering.core.ProgressListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/** One Colour Quantization fit on several images: merged colour counts, exact or a seeded sample. */
class ColourCountsTest {

	private static final int W = 40;
	private static final int H = 30;

	/** A few palette colours with noise, different in every image. */
	private static int[] pixels(final long seed) {
		final Random random = new Random(seed);
		final int[] palette = { 0xc03020, 0x20a040, 0x3040c0, 0xe0e0d0 };
		final int[] out = new int[W * H];
		for (int p = 0; p < out.length; p++) {
			final int c = palette[(p / 7 + random.nextInt(2)) % 4];
			final int r = clamp((c >> 16 & 0xff) + random.nextInt(21) - 10), g = clamp((c >> 8 & 0xff) + random.nextInt(21) - 10), b = clamp((c & 0xff) + random.nextInt(21) - 10);
			out[p] = 0xff000000 | r << 16 | g << 8 | b;
		}
		return out;
	}

	private static int clamp(final int v) {
		return Math.max(0, Math.min(255, v));
	}

	private static List<RandomAccessibleInterval<ARGBType>> images(final int n) {
		final List<RandomAccessibleInterval<ARGBType>> images = new ArrayList<>();
		for (int i = 0; i < n; i++)
			images.add(ArrayImgs.argbs(pixels(100 + i), W, H));
		return images;
	}

	private static final ColourQuantization.Settings SETTINGS = new ColourQuantization.Settings(4, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 3, 7);

	private static void assertSameFit(final ColourQuantizationResult expected, final ColourQuantizationResult actual) {
		assertEquals(expected.pixels(), actual.pixels());
		assertEquals(expected.inertiaPerPixel(), actual.inertiaPerPixel());
		for (int l = 1; l <= expected.clusters(); l++) {
			assertArrayEquals(expected.centre(l), actual.centre(l), "centre " + l);
			assertArrayEquals(expected.meanColour(l), actual.meanColour(l), "palette " + l);
			assertEquals(expected.pixelCount(l), actual.pixelCount(l), "pixels of " + l);
		}
	}

	@Test
	void allPixelsOfSeveralImagesFitAsOneImageHoldingThemAll() {
		final List<RandomAccessibleInterval<ARGBType>> images = images(3);
		// the three images as the slices of one stack: the fit of every pixel at once
		final int[] all = new int[3 * W * H];
		for (int i = 0; i < 3; i++)
			System.arraycopy(pixels(100 + i), 0, all, i * W * H, W * H);
		final ColourQuantizationResult one = ColourQuantization.quantizeRgb(ArrayImgs.argbs(all, W, H, 3), null, SETTINGS, ProgressListener.NONE);
		final ColourQuantizationResult merged = ColourQuantization.quantizeRgb(images, null, SETTINGS, 0, ProgressListener.NONE);
		assertSameFit(one, merged);
		assertEquals(3L * W * H, merged.pixels());
		// a sample larger than every image is every pixel
		assertSameFit(one, ColourQuantization.quantizeRgb(images, null, SETTINGS, W * H, ProgressListener.NONE));
		// the model of the merged fit labels each image as the fit's nearest centres
		final ColourQuantizationModel model = ColourQuantizationModel.of(merged, SETTINGS.values(), new ImageDescription("frame 1", new int[] { W, H, 1, 1, 1 }, 24, new double[] { 1, 1, 1 }, "pixel"), new int[5]);
		final ArrayImg<IntType, IntArray> fitLabels = ArrayImgs.ints(W, H);
		merged.writeLabels(fitLabels);
		final ArrayImg<IntType, IntArray> applied = ArrayImgs.ints(W, H);
		model.apply(images.get(0), null, ProgressListener.NONE).writeLabels(applied);
		assertArrayEquals(fitLabels.update(null).getCurrentStorageArray(), applied.update(null).getCurrentStorageArray(), "the first image gets the fit's labels back");
	}

	@Test
	void aSampleHasAtMostNPixelsPerImageDrawnBySeedAndPositionAlone() {
		final List<RandomAccessibleInterval<ARGBType>> images = images(3);
		final int n = 200;
		final ColourCounts counts = new ColourCounts(n, SETTINGS.seed());
		for (final RandomAccessibleInterval<ARGBType> image : images)
			assertEquals(n, counts.add(image, null));
		assertEquals(3L * n, counts.pixels());
		// the same draw written here: per image, the n positions with the smallest hash
		final DistinctKeys.Builder expected = DistinctKeys.builder(24, 1);
		for (int i = 0; i < 3; i++) {
			final int[] px = pixels(100 + i);
			final long imageSeed = ColourCounts.imageSeed(SETTINGS.seed(), i);
			final long[] draws = new long[px.length];
			for (int p = 0; p < px.length; p++)
				draws[p] = ColourCounts.draw(imageSeed, p);
			final long[] sorted = draws.clone();
			Arrays.sort(sorted);
			for (int p = 0; p < px.length; p++)
				if (draws[p] <= sorted[n - 1]) expected.add(px[p] & 0xffffff);
		}
		final DistinctKeys want = expected.build();
		final DistinctKeys got = counts.distinct();
		assertEquals(want.size(), got.size());
		for (int i = 0; i < want.size(); i++) {
			assertEquals(want.key(i), got.key(i));
			assertEquals(want.count(i), got.count(i));
		}
		final ColourQuantizationResult sampled = ColourQuantization.quantizeRgb(counts, SETTINGS, ProgressListener.NONE);
		assertEquals(3L * n, sampled.pixels());
		// independent of threads, of the images' offsets, and of nothing but the seed
		final ColourQuantizationResult single = Parallelization.runSingleThreaded(() -> ColourQuantization.quantizeRgb(images, null, SETTINGS, n, ProgressListener.NONE));
		final ColourQuantizationResult multi = Parallelization.runMultiThreaded(() -> ColourQuantization.quantizeRgb(images, null, SETTINGS, n, ProgressListener.NONE));
		assertSameFit(sampled, single);
		assertSameFit(sampled, multi);
		final List<RandomAccessibleInterval<ARGBType>> moved = new ArrayList<>();
		for (final RandomAccessibleInterval<ARGBType> image : images)
			moved.add(Views.translate(image, 1000, -50));
		assertSameFit(sampled, ColourQuantization.quantizeRgb(moved, null, SETTINGS, n, ProgressListener.NONE));
		final ColourCounts other = new ColourCounts(n, SETTINGS.seed() + 1);
		for (final RandomAccessibleInterval<ARGBType> image : images)
			other.add(image, null);
		assertNotEquals(Arrays.toString(got.counts()), Arrays.toString(other.distinct().counts()), "another seed draws other pixels");
	}

	@Test
	void aSampleIsDrawnFromTheMaskedPixels() {
		final List<RandomAccessibleInterval<ARGBType>> images = images(2);
		final List<RandomAccessibleInterval<net.imglib2.type.logic.BitType>> masks = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			final net.imglib2.img.array.ArrayImg<net.imglib2.type.logic.BitType, ?> mask = ArrayImgs.bits(W, H);
			// the left 10 columns: 300 pixels
			Views.interval(mask, new long[] { 0, 0 }, new long[] { 9, H - 1 }).forEach(b -> b.set(true));
			masks.add(mask);
		}
		assertEquals(2 * 250L, ColourQuantization.quantizeRgb(images, masks, SETTINGS, 250, ProgressListener.NONE).pixels());
		assertEquals(2 * 300L, ColourQuantization.quantizeRgb(images, masks, SETTINGS, 1000, ProgressListener.NONE).pixels());
	}

	@Test
	void badInputSaysWhatWasExpected() {
		assertEquals(String.format(ColourCounts.BAD_SAMPLE, -1), assertThrows(IllegalArgumentException.class, () -> new ColourCounts(-1, 0)).getMessage());
		assertEquals("sample must be 0 (every pixel) or a number of pixels per image, got -1.", String.format(ColourCounts.BAD_SAMPLE, -1));
		assertEquals(ColourQuantization.NO_IMAGES, assertThrows(IllegalArgumentException.class, () -> ColourQuantization.quantizeRgb(List.of(), null, SETTINGS, 0, ProgressListener.NONE)).getMessage());
		assertEquals("Give one mask per image (or null), got 0 masks for 2 images.", assertThrows(IllegalArgumentException.class, () -> ColourQuantization.quantizeRgb(images(2), List.of(), SETTINGS, 0, ProgressListener.NONE)).getMessage());
		final ColourQuantization.Settings tooMany = new ColourQuantization.Settings(5, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 1, 0);
		final List<RandomAccessibleInterval<ARGBType>> flat = List.of(ArrayImgs.argbs(new int[] { 1, 2, 3, 4 }, 2, 2), ArrayImgs.argbs(new int[] { 1, 1, 2, 2 }, 2, 2));
		assertEquals(String.format(ColourQuantization.TOO_MANY_CLUSTERS, 4, 5), assertThrows(IllegalArgumentException.class, () -> ColourQuantization.quantizeRgb(flat, null, tooMany, 0, ProgressListener.NONE)).getMessage());
		// int counts cannot overflow: an image that could pass the limit is refused before it is read
		final RandomAccessibleInterval<ARGBType> huge = Views.interval(net.imglib2.util.ConstantUtils.constantRandomAccessible(new ARGBType(7), 2), new long[] { 0, 0 }, new long[] { 65535, 32768 });
		assertEquals("Counting every pixel holds at most 2147483647 pixels in all, and image 1 would pass it: give a sample size (sample=<pixels per image>).", assertThrows(IllegalArgumentException.class, () -> new ColourCounts(0, 0).add(huge, null)).getMessage());
		final ColourCounts fitted = new ColourCounts(0, 0);
		fitted.add(flat.get(0), null);
		ColourQuantization.quantizeRgb(fitted, new ColourQuantization.Settings(2, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 1, 0), ProgressListener.NONE);
		assertEquals(ColourCounts.ALREADY_FITTED, assertThrows(IllegalStateException.class, () -> fitted.add(flat.get(1), null)).getMessage());
		// a sampled fit cannot label a colour it never saw: its model can
		final ColourCounts few = new ColourCounts(1, 0);
		few.add(flat.get(0), null);
		final ColourQuantizationResult one = ColourQuantization.quantizeRgb(few, new ColourQuantization.Settings(1, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 1, 0), ProgressListener.NONE);
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> one.writeLabels(ArrayImgs.ints(2, 2)));
		assertEquals(true, e.getMessage().endsWith("was not among the fitted pixels (a sampled fit): label images with the model's apply."), e.getMessage());
	}
}
