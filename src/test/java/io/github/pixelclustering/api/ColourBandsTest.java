package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.io.TiledTiffWriter;
import io.github.pixelclustering.output.LabelImages;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pieces a distributed job does part by part, put together by hand (no Spark): the merged band
 * histograms fit the one-machine model, the labelled parts give the one-machine label file byte for byte.
 */
class ColourBandsTest {

	@TempDir
	Path dir;

	/** A seeded RGB image of a few noisy hues, as a tiled BigTIFF. */
	private static File image(final Path file, final int width, final int height, final int tile) throws IOException {
		final Random random = new Random(width * 31L + height);
		final byte[] rgb = new byte[width * height * 3];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int hue = (x / 97 + y / 61) % 4;
				for (int c = 0; c < 3; c++)
					rgb[(y * width + x) * 3 + c] = (byte) (50 * hue + 30 * c + random.nextInt(25));
			}
		try (TiledTiffWriter w = new TiledTiffWriter(file.toFile(), width, height, 3, 8, tile, 1)) {
			w.writeRows(rgb, 0, height, TaskRunner.SEQUENTIAL);
			w.finish();
		}
		return file.toFile();
	}

	@Test
	void histogramsMergedInAnyOrderFitTheOneMachineModel() throws IOException {
		final File tif = image(dir.resolve("a.tif"), 700, 1100, 128);
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(5, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.CIELAB, 2, 4);
		final ColourQuantizationResult one = TiledColour.fit(tif, settings, ProgressListener.NONE);
		final List<ColourHistogram> parts = new ArrayList<>();
		try (TiledTiff tiff = TiledTiff.open(tif)) {
			for (int b = 0; b < tiff.bands(); b++)
				parts.add(ColourBands.count(tif, b));
		}
		Collections.shuffle(parts, new Random(3));
		ColourHistogram merged = ColourHistogram.EMPTY;
		for (final ColourHistogram h : parts)
			merged = h.merge(merged);
		assertEquals(700L * 1100, merged.pixels());
		final ColourCounts counts = new ColourCounts(0, settings.seed());
		counts.add(merged);
		final ColourQuantizationResult spread = ColourQuantization.quantizeRgb(counts, settings, ProgressListener.NONE);
		final ImageDescription d = new ImageDescription("a.tif", new int[] { 700, 1100, 1, 1, 1 }, 24, new double[] { 1, 1, 1 }, "pixel");
		final Map<String, Object> values = settings.values();
		assertEquals(ColourQuantizationModel.of(one, values, d, LabelImages.colours(5)).text(), ColourQuantizationModel.of(spread, values, d, LabelImages.colours(5)).text());
	}

	@Test
	void aHistogramHoldsEveryPixelAndMergesAsTheUnion() {
		final ColourHistogram a = ColourHistogram.of(new int[] { 0xff000001, 0x000001, 0x7f123456, 0 }, 0, 4);
		final ColourHistogram b = ColourHistogram.of(new int[] { 0x123456, 5, 0x000001 }, 0, 3);
		final ColourHistogram m = a.merge(b);
		assertEquals(7, m.pixels());
		assertArrayEquals(new int[] { 0, 1, 5, 0x123456 }, new int[] { m.colour(0), m.colour(1), m.colour(2), m.colour(3) });
		assertArrayEquals(new long[] { 1, 3, 1, 2 }, new long[] { m.count(0), m.count(1), m.count(2), m.count(3) });
		assertEquals(m.size(), b.merge(a).size());
		assertThrows(IllegalArgumentException.class, () -> new ColourCounts(10, 1).add(m));
	}

	@ParameterizedTest
	@ValueSource(ints = { 6, 400 })
	void labelledPartsWrittenInOrderAreTheOneMachineLabelFile(final int clusters) throws IOException {
		// input tiles of 256: a part (512 rows) covers two bands; 1300 rows leave a short last part
		final File tif = image(dir.resolve("b.tif"), 900, 1300, 256);
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(clusters, ColourQuantization.Method.MINI_BATCH, ColourQuantization.Space.RGB, 1, 2);
		final ColourQuantizationResult fit = TiledColour.fit(tif, settings, ProgressListener.NONE);
		final ColourQuantizationModel model = ColourQuantizationModel.of(fit, settings.values(), new ImageDescription("b.tif", new int[] { 900, 1300, 1, 1, 1 }, 24, new double[] { 1, 1, 1 }, "pixel"), LabelImages.colours(clusters));
		final File reference = dir.resolve("reference.tif").toFile();
		final ColourQuantizationResult one = TiledColour.apply(model, tif, reference, ProgressListener.NONE);
		final File assembled = dir.resolve("assembled.tif").toFile();
		final ColourTally tally = model.tally();
		try (TiledTiff tiff = TiledTiff.open(tif); TiledTiffWriter writer = ColourBands.labelWriter(model, tiff, assembled)) {
			assertEquals(512, ColourBands.partRows(tiff));
			assertEquals(3, ColourBands.parts(tiff));
			for (int p = 0; p < ColourBands.parts(tiff); p++) {
				final ColourBands.LabelledPart part = ColourBands.label(model, tif, p);
				assertEquals(p, part.part());
				for (final byte[][] row : part.tiles())
					writer.writeEncodedRow(row);
				tally.add(part.totals());
			}
			writer.finish();
			assertThrows(IllegalArgumentException.class, () -> ColourBands.label(model, tif, 3));
		}
		assertArrayEquals(Files.readAllBytes(reference.toPath()), Files.readAllBytes(assembled.toPath()));
		final ColourQuantizationResult spread = tally.result();
		assertEquals(one.pixels(), spread.pixels());
		assertEquals(one.inertiaPerPixel(), spread.inertiaPerPixel(), 0);
		for (int l = 1; l <= clusters; l++)
			assertEquals(one.pixelCount(l), spread.pixelCount(l));
		assertThrows(IllegalArgumentException.class, () -> tally.add(new long[3]));
	}

	@Test
	void aModelsTextParsesToTheSameModel() throws IOException {
		final File tif = image(dir.resolve("c.tif"), 200, 100, 64);
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(3, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 1, 1);
		final ColourQuantizationModel model = ColourQuantizationModel.of(TiledColour.fit(tif, settings, ProgressListener.NONE), settings.values(), new ImageDescription("c.tif", new int[] { 200, 100, 1, 1, 1 }, 24, new double[] { 1, 1, 1 }, "pixel"), LabelImages.colours(3));
		assertEquals(model.text(), ClusteringModel.parse(model.text(), "sent.json").text());
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusteringModel.parse("{\"format\": 1", "sent.json"));
		assertEquals(true, e.getMessage().contains("sent.json"), e.getMessage());
	}
}
