package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.imglib.FlatArrays;
import io.github.pixelclustering.testutil.TestData;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.BooleanArray;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.BooleanType;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Applying a colour model on the primitive arrays of {@code ArrayImg}s and {@code PlanarImg}s gives the
 * labels, counts, inertia and quantized colours of the generic path over views, on 1 and 2 threads.
 */
class ColourModelFastPathTest {

	private static final ImageDescription TRAINING = new ImageDescription("china.png", new int[] { 213, 142, 1, 1, 1 }, 24, new double[] { 1, 1, 1 }, "pixel");

	/** Three photos as the planes of one stack, 213 x 142 x 3 (each cut to that size). */
	private static int[][] planes() {
		final int[][] planes = new int[3][];
		int p = 0;
		for (final String name : new String[] { "china-213x142.png", "flower-213x142.png", "ihc-170x170.png" }) {
			final int[] argb = TestData.rgbPixels(name);
			final int[] size = TestData.size(name);
			planes[p] = new int[213 * 142];
			for (int y = 0; y < 142; y++)
				for (int x = 0; x < 213; x++)
					planes[p][y * 213 + x] = argb[Math.min(y, size[1] - 1) * size[0] + Math.min(x, size[0] - 1)];
			p++;
		}
		return planes;
	}

	private static int[] flat(final int[][] planes) {
		final int[] all = new int[planes.length * planes[0].length];
		for (int p = 0; p < planes.length; p++)
			System.arraycopy(planes[p], 0, all, p * planes[p].length, planes[p].length);
		return all;
	}

	private static PlanarImg<ARGBType, IntArray> planar(final int[][] planes) {
		final List<IntArray> slices = new ArrayList<>();
		for (final int[] plane : planes)
			slices.add(new IntArray(plane));
		final PlanarImg<ARGBType, IntArray> img = new PlanarImg<>(slices, new long[] { 213, 142, planes.length }, new Fraction());
		img.setLinkedType(new ARGBType(img));
		return img;
	}

	private static ColourQuantizationModel model(final int k, final ColourQuantization.Space space) {
		final ArrayImg<ARGBType, IntArray> image = ArrayImgs.argbs(TestData.rgbPixels("china-213x142.png"), 213, 142);
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(k, ColourQuantization.Method.K_MEANS, space, 0, 1);
		final ColourQuantizationResult fit = ColourQuantization.quantizeRgb(image, null, settings, ProgressListener.NONE);
		final Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("clusters", k);
		return ColourQuantizationModel.of(fit, keys, TRAINING, new int[k + 1]);
	}

	/** A mask of about two pixels in three, as an array image. */
	private static ArrayImg<NativeBoolType, BooleanArray> mask(final int size) {
		final boolean[] inside = new boolean[size];
		for (int i = 0; i < size; i++)
			inside[i] = (i * 7919L) % 3 != 0;
		return ArrayImgs.booleans(inside, 213, 142, size / (213 * 142));
	}

	private static int[] read(final RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		final List<Integer> out = new ArrayList<>();
		final Cursor<? extends IntegerType<?>> c = Views.flatIterable(labels).cursor();
		while (c.hasNext())
			out.add(c.next().getInteger());
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	private static String summary(final ColourQuantizationResult r) {
		final StringBuilder s = new StringBuilder(r.pixels() + " " + r.inertiaPerPixel());
		for (int l = 1; l <= r.clusters(); l++)
			s.append(' ').append(r.pixelCount(l));
		return s.toString();
	}

	private static <T> T threads(final int n, final Supplier<T> run) {
		return n == 1 ? Parallelization.runSingleThreaded(run::get) : Parallelization.runWithNumThreads(n, run::get);
	}

	@ParameterizedTest
	@CsvSource({ "8, RGB, false", "64, CIELAB, false", "8, CIELAB, true", "300, RGB, true" })
	void arraysAndViewsGiveTheSameLabelsCountsAndColours(final int k, final String space, final boolean masked, @TempDir final Path dir) throws IOException {
		final ColourQuantizationModel model = model(k, ColourQuantization.Space.of(space));
		final File file = dir.resolve("model.json").toFile();
		model.write(file);
		final int[][] planes = planes();
		final int size = 213 * 142 * 3;
		final ArrayImg<ARGBType, IntArray> array = ArrayImgs.argbs(flat(planes), 213, 142, 3);
		final PlanarImg<ARGBType, IntArray> planar = planar(planes);
		final RandomAccessibleInterval<ARGBType> view = Views.interval(Views.extendBorder(array), array);
		final ArrayImg<NativeBoolType, BooleanArray> maskArray = masked ? mask(size) : null;
		final RandomAccessibleInterval<NativeBoolType> maskView = masked ? Views.interval(Views.extendBorder(maskArray), maskArray) : null;
		assertNotNull(FlatArrays.of(array));
		assertNotNull(FlatArrays.of(planar));
		assertNull(FlatArrays.of(view));
		// the generic path, one thread: the reference
		final ColourQuantizationResult reference = threads(1, () -> model.apply(view, maskView, ProgressListener.NONE));
		final ArrayImg<UnsignedShortType, ?> expectedLabels = ArrayImgs.unsignedShorts(213, 142, 3);
		reference.writeLabels(Views.interval(Views.extendBorder(expectedLabels), expectedLabels));
		final int[] expected = read(expectedLabels);
		final ArrayImg<ARGBType, IntArray> expectedColours = ArrayImgs.argbs(213, 142, 3);
		reference.writeQuantized(Views.interval(Views.extendBorder(expectedColours), expectedColours));
		for (final int n : new int[] { 1, 2, 3 })
			for (final RandomAccessibleInterval<ARGBType> image : List.of(array, planar, view)) {
				// a fresh model too: an empty table on the fast path
				for (final ColourQuantizationModel m : List.of(model, (ColourQuantizationModel) ClusteringModel.read(file))) {
					final ColourQuantizationResult result = threads(n, () -> m.apply(image, image == view ? maskView : maskArray, ProgressListener.NONE));
					final String what = image.getClass().getSimpleName() + ", " + n + " thread(s)";
					assertEquals(summary(reference), summary(result), what);
					final List<RandomAccessibleInterval<? extends IntegerType<?>>> outputs = List.of(ArrayImgs.unsignedBytes(213, 142, 3), ArrayImgs.unsignedShorts(213, 142, 3), ArrayImgs.ints(213, 142, 3), shortPlanes(), shortView());
					final RandomAccessibleInterval<? extends BooleanType<?>> mask = image == view ? maskView : maskArray;
					for (final RandomAccessibleInterval<? extends IntegerType<?>> out : outputs) {
						final int[] labels = k <= 255 || out.getType() instanceof UnsignedShortType ? expected : read(narrow(expectedLabels, out));
						final String into = what + " into " + out.getType().getClass().getSimpleName() + (FlatArrays.of(out) == null ? " view" : "");
						// the result's second pass, the labels written in apply's pass, the labels alone
						fill(out);
						threads(n, () -> {
							result.writeLabels(out);
							return null;
						});
						assertArrayEquals(labels, read(out), into + ": writeLabels");
						fill(out);
						assertEquals(summary(reference), summary(threads(n, () -> m.apply(image, mask, out, ProgressListener.NONE))), into + ": apply with labels");
						assertArrayEquals(labels, read(out), into + ": apply with labels");
						fill(out);
						threads(n, () -> {
							m.predict(image, mask, out, ProgressListener.NONE);
							return null;
						});
						assertArrayEquals(labels, read(out), into + ": predict");
						final ColourQuantizationModel fresh = (ColourQuantizationModel) ClusteringModel.read(file);
						fill(out);
						threads(n, () -> {
							fresh.predict(image, mask, out, ProgressListener.NONE);
							return null;
						});
						assertArrayEquals(labels, read(out), into + ": predict with an empty table");
					}
					final ArrayImg<ARGBType, IntArray> colours = ArrayImgs.argbs(213, 142, 3);
					threads(n, () -> {
						result.writeQuantized(colours);
						return null;
					});
					assertArrayEquals(expectedColours.update(null).getCurrentStorageArray(), colours.update(null).getCurrentStorageArray(), what + ": quantized");
				}
			}
	}

	@Test
	void aUniformImageCountsEveryPixelOfItsFullBlocks() {
		// one colour over 20,000 pixels: blocks of 4 lanes x 1023 pixels, every lane full, all of one label
		final ColourQuantizationModel model = model(8, ColourQuantization.Space.RGB);
		final int[] pixels = new int[200 * 100];
		java.util.Arrays.fill(pixels, TestData.rgbPixels("china-213x142.png")[0]);
		final ArrayImg<ARGBType, IntArray> array = ArrayImgs.argbs(pixels, 200, 100);
		final RandomAccessibleInterval<ARGBType> view = Views.interval(Views.extendBorder(array), array);
		for (final int n : new int[] { 1, 2 }) {
			final ColourQuantizationResult fast = threads(n, () -> model.apply(array, null, ArrayImgs.unsignedBytes(200, 100), ProgressListener.NONE));
			final ColourQuantizationResult generic = threads(n, () -> model.apply(view, null, ProgressListener.NONE));
			assertEquals(summary(generic), summary(fast), n + " thread(s)");
			long most = 0;
			for (int l = 1; l <= fast.clusters(); l++)
				most = Math.max(most, fast.pixelCount(l));
			assertEquals(pixels.length, most, n + " thread(s): every pixel in one cluster");
		}
	}

	@Test
	void withMoreClustersThanABlocksLanesTheLabelsOfEachBlockAreCounted() {
		// 1100 clusters > 255: one lane, blocks of 1023 pixels, fewer than the clusters: a block's sums are added label by label
		final ArrayImg<ARGBType, IntArray> training = ArrayImgs.argbs(TestData.rgbPixels("china-213x142.png"), 213, 142);
		final ColourQuantizationResult fit = ColourQuantization.quantizeRgb(training, null, new ColourQuantization.Settings(1100, ColourQuantization.Method.MINI_BATCH, ColourQuantization.Space.RGB, 1, 1), ProgressListener.NONE);
		final ColourQuantizationModel model = ColourQuantizationModel.of(fit, new LinkedHashMap<>(Map.of("clusters", 1100)), TRAINING, new int[1101]);
		final ArrayImg<ARGBType, IntArray> array = ArrayImgs.argbs(flat(planes()), 213, 142, 3);
		final RandomAccessibleInterval<ARGBType> view = Views.interval(Views.extendBorder(array), array);
		final ArrayImg<NativeBoolType, BooleanArray> mask = mask(213 * 142 * 3);
		for (final boolean masked : new boolean[] { false, true }) {
			final ColourQuantizationResult generic = threads(1, () -> model.apply(view, masked ? Views.interval(Views.extendBorder(mask), mask) : null, ProgressListener.NONE));
			for (final int n : new int[] { 1, 2 })
				assertEquals(summary(generic), summary(threads(n, () -> model.apply(array, masked ? mask : null, ArrayImgs.unsignedShorts(213, 142, 3), ProgressListener.NONE))), n + " thread(s), masked " + masked);
		}
	}

	@Test
	void aFitsLabelsAreTheSameOnArraysAndViews() {
		final ArrayImg<ARGBType, IntArray> image = ArrayImgs.argbs(TestData.rgbPixels("flower-213x142.png"), 213, 142);
		final ColourQuantizationResult fit = ColourQuantization.quantizeRgb(image, null, new ColourQuantization.Settings(6, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 0, 2), ProgressListener.NONE);
		final ArrayImg<UnsignedByteType, ByteArray> fast = ArrayImgs.unsignedBytes(213, 142);
		final ArrayImg<UnsignedByteType, ByteArray> generic = ArrayImgs.unsignedBytes(213, 142);
		fit.writeLabels(fast);
		fit.writeLabels(Views.interval(Views.extendBorder(generic), generic));
		assertArrayEquals(generic.update(null).getCurrentStorageArray(), fast.update(null).getCurrentStorageArray());
	}

	@Test
	void blocksCoverEveryPixelOnceAndRunsStayInsideEachArray() {
		final PlanarImg<UnsignedShortType, ShortArray> planes = shortPlanes();
		final FlatArrays a = FlatArrays.of(planes);
		final FlatArrays b = FlatArrays.of(ArrayImgs.unsignedBytes(213, 142, 3));
		for (final int n : new int[] { 1, 2 }) {
			final AtomicIntegerArray seen = new AtomicIntegerArray(213 * 142 * 3);
			threads(n, () -> {
				FlatArrays.forEachBlock(a.size(), ProgressListener.NONE, "", (from, to) -> FlatArrays.runs(from, to, (i, length) -> {
					assertEquals(a.offset(i) + length <= 213 * 142, true);
					assertEquals(a.array(i), a.array(i + length - 1));
					for (int p = 0; p < length; p++)
						seen.incrementAndGet((int) i + p);
				}, a, b));
				return null;
			});
			for (int i = 0; i < seen.length(); i++)
				assertEquals(1, seen.get(i), "pixel " + i + ", " + n + " thread(s)");
		}
	}

	/** A label image without arrays: the second pass writes it. */
	private static RandomAccessibleInterval<UnsignedShortType> shortView() {
		final ArrayImg<UnsignedShortType, ShortArray> img = ArrayImgs.unsignedShorts(213, 142, 3);
		return Views.interval(Views.extendBorder(img), img);
	}

	/** Fills a label image with a value no apply writes, so a pass that wrote nothing shows. */
	private static void fill(final RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		for (final IntegerType<?> t : Views.flatIterable(labels))
			t.setInteger(77 * 77);
	}

	@Test
	void aLabelImageOfOtherDimensionsIsRefusedBeforeAnyWork() {
		final ColourQuantizationModel model = model(4, ColourQuantization.Space.RGB);
		final ArrayImg<ARGBType, IntArray> image = ArrayImgs.argbs(TestData.rgbPixels("china-213x142.png"), 213, 142);
		final String expected = "The label image must have the image's dimensions [213, 142], got [142, 213].";
		assertEquals(expected, org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> model.apply(image, null, ArrayImgs.unsignedBytes(142, 213), ProgressListener.NONE)).getMessage());
		assertEquals(expected, org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> model.predict(image, null, ArrayImgs.unsignedBytes(142, 213), ProgressListener.NONE)).getMessage());
	}

	private static PlanarImg<UnsignedShortType, ShortArray> shortPlanes() {
		final List<ShortArray> slices = new ArrayList<>();
		for (int p = 0; p < 3; p++)
			slices.add(new ShortArray(213 * 142));
		final PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(slices, new long[] { 213, 142, 3 }, new Fraction());
		img.setLinkedType(new UnsignedShortType(img));
		return img;
	}

	/** The expected labels as the generic path writes them into {@code out}'s type. */
	private static RandomAccessibleInterval<? extends IntegerType<?>> narrow(final RandomAccessibleInterval<UnsignedShortType> labels, final RandomAccessibleInterval<? extends IntegerType<?>> out) {
		final ArrayImg<UnsignedByteType, ByteArray> bytes = ArrayImgs.unsignedBytes(213, 142, 3);
		if (!(out.getType() instanceof UnsignedByteType)) return labels;
		final RandomAccessibleInterval<UnsignedByteType> view = Views.interval(Views.extendBorder(bytes), bytes);
		final Cursor<UnsignedShortType> in = Views.flatIterable(labels).cursor();
		final Cursor<UnsignedByteType> o = Views.flatIterable(view).cursor();
		while (in.hasNext())
			o.next().setInteger(in.next().getInteger());
		return bytes;
	}

	/** The fit reads an ImagePlus's arrays straight, and gets the clusters it gets through views. */
	@ParameterizedTest
	@CsvSource({ "false", "true" })
	void theFitFromArraysIsTheFitFromViews(final boolean masked) {
		final int[][] planes = planes();
		final PlanarImg<ARGBType, IntArray> planar = planar(planes);
		final ArrayImg<NativeBoolType, BooleanArray> mask = masked ? mask(planes.length * planes[0].length) : null;
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(7, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 2, 3);
		final ColourQuantizationResult fast = ColourQuantization.quantizeRgb(planar, mask, settings, ProgressListener.NONE);
		final ColourQuantizationResult generic = ColourQuantization.quantizeRgb(Views.interval(Views.extendBorder(planar), planar), mask == null ? null : Views.interval(Views.extendBorder(mask), mask), settings, ProgressListener.NONE);
		assertEquals(generic.pixels(), fast.pixels());
		assertEquals(masked ? java.util.stream.IntStream.range(0, 3 * 213 * 142).filter(i -> (i * 7919L) % 3 != 0).count() : 3 * 213 * 142, fast.pixels());
		assertEquals(generic.inertiaPerPixel(), fast.inertiaPerPixel(), 0);
		for (int c = 1; c <= 7; c++) {
			assertArrayEquals(generic.centre(c), fast.centre(c), 0);
			assertEquals(generic.pixelCount(c), fast.pixelCount(c));
		}
	}
}
