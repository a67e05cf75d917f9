package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.io.AtomicFiles;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.io.TiledTiffWriter;
import io.github.pixelclustering.testutil.TestData;
import io.github.pixelclustering.testutil.TiledLabels;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Colour models on a TIFF read band by band give what the same model gives on the image in memory:
 * the same labels, counts and inertia, and the exact fit the same centres.
 */
class TiledColourTest {

	private static final String IMAGE = "china-213x142.png";

	/** china as a tiled TIFF of 32 x 32 tiles (5 bands), written by our writer. */
	private static File tiled(final Path dir) throws IOException {
		final int[] size = TestData.size(IMAGE);
		final int[] argb = TestData.rgbPixels(IMAGE);
		final byte[] rgb = new byte[argb.length * 3];
		for (int i = 0; i < argb.length; i++) {
			rgb[3 * i] = (byte) (argb[i] >> 16);
			rgb[3 * i + 1] = (byte) (argb[i] >> 8);
			rgb[3 * i + 2] = (byte) argb[i];
		}
		final File file = dir.resolve("china.tif").toFile();
		try (TiledTiffWriter writer = new TiledTiffWriter(file, size[0], size[1], 3, 8, 32, 6)) {
			writer.writeRows(rgb, 0, size[1], TaskRunner.SEQUENTIAL);
			writer.finish();
		}
		return file;
	}

	private static ColourQuantization.Settings settings(final int k, final ColourQuantization.Space space) {
		return new ColourQuantization.Settings(k, ColourQuantization.Method.K_MEANS, space, 2, 3);
	}

	private static ColourQuantizationModel model(final ColourQuantizationResult fit, final ColourQuantization.Settings settings) {
		final int[] lut = new int[fit.clusters() + 1];
		for (int i = 0; i < lut.length; i++)
			lut[i] = i * 0x0a0b0c;
		final int[] size = TestData.size(IMAGE);
		final Map<String, Object> keys = new LinkedHashMap<>(settings.values());
		return ColourQuantizationModel.of(fit, keys, new ImageDescription(IMAGE, new int[] { size[0], size[1], 1, 1, 1 }, 24, new double[] { 1, 1, 1 }, "pixel"), lut);
	}

	@ParameterizedTest
	@ValueSource(strings = { "rgb", "cielab" })
	void bandByBandEqualsTheImageInMemory(final String spaceName, @TempDir final Path dir) throws Exception {
		final ColourQuantization.Space space = ColourQuantization.Space.of(spaceName);
		final int[] size = TestData.size(IMAGE);
		final int w = size[0], h = size[1];
		final ColourQuantization.Settings settings = settings(6, space);
		final ColourQuantizationResult fit = ColourQuantization.quantizeRgb(ArrayImgs.argbs(TestData.rgbPixels(IMAGE), w, h), null, settings, ProgressListener.NONE);
		final ColourQuantizationModel model = model(fit, settings);
		final File tiff = tiled(dir);
		// in memory, with a fresh model (an empty colour table), as an unseen image would be labelled
		final byte[] expected = new byte[w * h];
		final ColourQuantizationResult whole = model(fit, settings).apply(ArrayImgs.argbs(TestData.rgbPixels(IMAGE), w, h), null, ArrayImgs.unsignedBytes(expected, w, h), ProgressListener.NONE);
		final File one = dir.resolve("one-labels.tif").toFile();
		final ColourQuantizationResult tiles = TiledColour.apply(model, tiff, one, ProgressListener.NONE);
		assertArrayEquals(expected, TiledLabels.read(one.toPath()));
		assertEquals(whole.pixels(), tiles.pixels());
		for (int c = 1; c <= 6; c++)
			assertEquals(whole.pixelCount(c), tiles.pixelCount(c));
		assertEquals(whole.inertiaPerPixel(), tiles.inertiaPerPixel(), 0, "exact integer sums");
		assertEquals(whole.clustersTable().keySet(), tiles.clustersTable().keySet());
		// two threads: the same file, byte for byte
		final File two = dir.resolve("two-labels.tif").toFile();
		Parallelization.runWithNumThreads(2, () -> TiledColour.apply(model(fit, settings), tiff, two, ProgressListener.NONE));
		assertArrayEquals(Files.readAllBytes(one.toPath()), Files.readAllBytes(two.toPath()));
		// counts only
		assertEquals(whole.inertiaPerPixel(), TiledColour.apply(model, tiff, null, ProgressListener.NONE).inertiaPerPixel(), 0);
	}

	@Test
	void theExactFitIsTheFitInMemory(@TempDir final Path dir) throws Exception {
		final int[] size = TestData.size(IMAGE);
		for (final ColourQuantization.Method method : ColourQuantization.Method.values()) {
			final ColourQuantization.Settings settings = new ColourQuantization.Settings(5, method, ColourQuantization.Space.CIELAB, 2, 11);
			final ColourQuantizationResult memory = ColourQuantization.quantizeRgb(ArrayImgs.argbs(TestData.rgbPixels(IMAGE), size[0], size[1]), null, settings, ProgressListener.NONE);
			final ColourQuantizationResult tiles = Parallelization.runWithNumThreads(2, () -> TiledColour.fit(tiled(dir), settings, ProgressListener.NONE));
			assertEquals(memory.fit().labels().length, tiles.fit().labels().length, "distinct colours");
			for (int c = 1; c <= 5; c++) {
				assertArrayEquals(memory.centre(c), tiles.centre(c), 0, method + " centre " + c);
				assertEquals(memory.pixelCount(c), tiles.pixelCount(c));
			}
			assertEquals(memory.inertiaPerPixel(), tiles.inertiaPerPixel(), 0);
		}
	}

	/** The channels of a fixture TIFF (scripts/tiff_fixtures.py), from the formulas that made them. */
	private static List<RandomAccessibleInterval<? extends RealType<?>>> fixtureChannels(final String name) {
		final int w = 100, h = 70;
		final List<RandomAccessibleInterval<? extends RealType<?>>> channels = new ArrayList<>();
		if (name.startsWith("grey16")) {
			final short[] v = new short[w * h];
			for (int i = 0; i < v.length; i++)
				v[i] = (short) ((i % w * 997 + i / w * 131) % 65536);
			channels.add(ArrayImgs.unsignedShorts(v, w, h));
			return channels;
		}
		for (int c = 0; c < 4; c++) {
			final byte[] v = new byte[w * h];
			for (int i = 0; i < v.length; i++)
				v[i] = (byte) ((i % w * 7 + i / w * 3 + c * 50) % 256);
			channels.add(ArrayImgs.unsignedBytes(v, w, h));
		}
		return channels;
	}

	@ParameterizedTest
	@ValueSource(strings = { "grey16-tiled-bigtiff.tif", "channels4-tiled-deflate.tif" })
	void greyAndMultichannelBandByBandEqualTheImageInMemory(final String name, @TempDir final Path dir) throws Exception {
		final File tiff = Paths.get(TiledColourTest.class.getResource("/tiff/" + name).toURI()).toFile();
		final List<RandomAccessibleInterval<? extends RealType<?>>> channels = fixtureChannels(name);
		final ColourQuantization.Settings settings = settings(5, ColourQuantization.Space.RGB);
		final ColourQuantizationResult memory = ColourQuantization.quantizeChannels(channels, null, settings, ProgressListener.NONE);
		final ColourQuantizationResult tiles = Parallelization.runWithNumThreads(2, () -> TiledColour.fit(tiff, settings, ProgressListener.NONE));
		for (int c = 1; c <= 5; c++) {
			assertArrayEquals(memory.centre(c), tiles.centre(c), 0, name + " centre " + c);
			assertEquals(memory.pixelCount(c), tiles.pixelCount(c));
		}
		final int[] lut = new int[6];
		final ColourQuantizationModel model = ColourQuantizationModel.of(memory, new LinkedHashMap<>(settings.values()), new ImageDescription(name, new int[] { 100, 70, channels.size(), 1, 1 }, name.startsWith("grey16") ? 16 : 8, new double[] { 1, 1, 1 }, "pixel"), lut);
		final ColourQuantizationResult whole = model.applyChannels(channels, null, ProgressListener.NONE);
		final byte[] expected = new byte[100 * 70];
		whole.writeLabels(ArrayImgs.unsignedBytes(expected, 100, 70));
		final File labels = dir.resolve("labels.tif").toFile();
		final ColourQuantizationResult applied = TiledColour.apply(model, tiff, labels, ProgressListener.NONE);
		assertArrayEquals(expected, TiledLabels.read(labels.toPath()));
		for (int c = 1; c <= 5; c++)
			assertEquals(whole.pixelCount(c), applied.pixelCount(c));
		assertEquals(whole.inertiaPerPixel(), applied.inertiaPerPixel(), 1e-12 * whole.inertiaPerPixel());
		// an RGB model does not take these files, and the channels model not an RGB one
		assertThrows(IllegalArgumentException.class, () -> TiledColour.apply(model, tiled(dir), dir.resolve("x.tif").toFile(), ProgressListener.NONE));
		assertFalse(dir.resolve("x.tif").toFile().exists());
	}

	@Test
	void badInputNamesTheFileAndWritesNothing(@TempDir final Path dir) throws Exception {
		final File grey = dir.resolve("grey.tif").toFile();
		try (TiledTiffWriter writer = new TiledTiffWriter(grey, 40, 30, 1, 8, 16, 1)) {
			writer.writeRows(new byte[40 * 30], 0, 30, TaskRunner.SEQUENTIAL);
			writer.finish();
		}
		final int[] size = TestData.size(IMAGE);
		final ColourQuantization.Settings settings = settings(4, ColourQuantization.Space.RGB);
		final ColourQuantizationModel model = model(ColourQuantization.quantizeRgb(ArrayImgs.argbs(TestData.rgbPixels(IMAGE), size[0], size[1]), null, settings, ProgressListener.NONE), settings);
		final File labels = dir.resolve("labels.tif").toFile();
		assertEquals(String.format(TiledColour.NOT_RGB, "grey.tif", 1, 8), assertThrows(IllegalArgumentException.class, () -> TiledColour.apply(model, grey, labels, ProgressListener.NONE)).getMessage());
		assertEquals(ColourQuantization.CIELAB_NEEDS_RGB, assertThrows(IllegalArgumentException.class, () -> TiledColour.fit(grey, settings(4, ColourQuantization.Space.CIELAB), ProgressListener.NONE)).getMessage());
		assertFalse(labels.exists());
		// canceled after the first band: no labels under the final name, no temporary file left
		final File tiff = tiled(dir);
		final ProgressListener cancelSecond = new ProgressListener() {

			private int bands;

			@Override
			public void progress(final double fraction, final String stage) {
				if (stage.startsWith("Labelling band")) bands++;
			}

			@Override
			public boolean isCanceled() {
				return bands >= 2;
			}
		};
		assertThrows(CancellationException.class, () -> TiledColour.apply(model, tiff, labels, cancelSecond));
		assertFalse(labels.exists());
		assertFalse(AtomicFiles.temporary(labels).exists());
	}
}
