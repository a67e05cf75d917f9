package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.colour.Cielab;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.testutil.TestData;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ColourQuantizationModel}: fit, save, read, apply; on real photos. */
class ColourQuantizationModelTest {

	private static final ImageDescription TRAINING = new ImageDescription("photo.png", new int[] { 213, 142, 1, 1, 1 }, 24, new double[] { 1, 1, 1 }, "pixel");

	private static ArrayImg<ARGBType, IntArray> rgb(final String name) {
		final int[] size = TestData.size(name);
		return ArrayImgs.argbs(TestData.rgbPixels(name), size[0], size[1]);
	}

	private static int[] labels(final ColourQuantizationResult result, final RandomAccessibleInterval<ARGBType> image) {
		final ArrayImg<IntType, IntArray> out = ArrayImgs.ints(image.dimensionsAsLongArray());
		result.writeLabels(out);
		return out.update(null).getCurrentStorageArray();
	}

	private static int[] lut(final int k) {
		final int[] lut = new int[k + 1];
		for (int l = 0; l <= k; l++)
			lut[l] = l * 0x010203;
		return lut;
	}

	private static Map<String, Object> keys(final ColourQuantization.Settings s) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("clusters", s.clusters());
		m.put("method", s.method().label());
		m.put("space", s.space().name());
		m.put("restarts", s.restarts());
		m.put("seed", s.seed());
		m.put("init", s.init().label());
		return m;
	}

	/** Nearest centre by label, written here independently of the model's code. */
	private static int[] predict(final ColourQuantizationModel model, final int[] argb) {
		final int k = model.clusters();
		final double[] centres = model.centres();
		final int[] out = new int[argb.length];
		final double[] f = new double[3];
		for (int p = 0; p < argb.length; p++) {
			final int r = argb[p] >> 16 & 0xff, g = argb[p] >> 8 & 0xff, b = argb[p] & 0xff;
			if (model.space() == ColourQuantization.Space.CIELAB) Cielab.fromRgb(r, g, b, f, 0);
			else {
				f[0] = r / 255.0;
				f[1] = g / 255.0;
				f[2] = b / 255.0;
			}
			double best = Double.POSITIVE_INFINITY;
			for (int j = 0; j < k; j++) {
				double d = 0;
				for (int c = 0; c < 3; c++)
					d += (f[c] - centres[j * 3 + c]) * (f[c] - centres[j * 3 + c]);
				if (d < best) {
					best = d;
					out[p] = j + 1;
				}
			}
		}
		return out;
	}

	@ParameterizedTest
	@CsvSource({ "china-213x142.png, flower-213x142.png, 8, k-means, RGB", "flower-213x142.png, china-213x142.png, 16, k-means, CIELAB", "ihc-170x170.png, china-213x142.png, 5, mini-batch, RGB", "china-213x142.png, ihc-170x170.png, 64, mini-batch, CIELAB" })
	void appliedToItsTrainingImageGivesTheFitsLabelsAndToAnotherTheNearestCentre(final String train, final String other, final int k, final String method, final String space, @TempDir final Path dir) throws IOException {
		final ArrayImg<ARGBType, IntArray> image = rgb(train);
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(k, ColourQuantization.Method.of(method), ColourQuantization.Space.of(space), 0, 3);
		final ColourQuantizationResult fit = ColourQuantization.quantizeRgb(image, null, settings, ProgressListener.NONE);
		final int[] fitLabels = labels(fit, image);
		final ColourQuantizationModel model = ColourQuantizationModel.of(fit, keys(settings), TRAINING, lut(k));
		final File file = dir.resolve("model.json").toFile();
		model.write(file);
		final ColourQuantizationModel read = (ColourQuantizationModel) ClusteringModel.read(file);
		for (final ColourQuantizationModel m : List.of(model, read)) {
			for (final int threads : new int[] { 1, 2 }) {
				final ColourQuantizationResult applied = threads == 1 ? Parallelization.runSingleThreaded(() -> m.apply(image, null, ProgressListener.NONE)) : Parallelization.runMultiThreaded(() -> m.apply(image, null, ProgressListener.NONE));
				assertArrayEquals(fitLabels, labels(applied, image), train + ": labels of the fit, " + threads + " thread(s)");
				for (int l = 1; l <= k; l++) {
					assertEquals(fit.pixelCount(l), applied.pixelCount(l));
					assertArrayEquals(fit.meanColour(l), applied.meanColour(l));
				}
				assertEquals(fit.inertiaPerPixel(), applied.inertiaPerPixel(), 1e-12);
			}
			final ArrayImg<ARGBType, IntArray> unseen = rgb(other);
			assertArrayEquals(predict(m, TestData.rgbPixels(other)), labels(m.apply(unseen, null, ProgressListener.NONE), unseen), other + ": nearest centre");
		}
		// write -> read -> write is byte-identical
		final File again = dir.resolve("again.json").toFile();
		read.write(again);
		assertArrayEquals(Files.readAllBytes(file.toPath()), Files.readAllBytes(again.toPath()));
		assertEquals(Double.toString(model.centres()[0]), Double.toString(read.centres()[0]));
		assertArrayEquals(model.centres(), read.centres());
		assertArrayEquals(model.meanColours(), read.meanColours());
	}

	@Test
	void channelModelsLabelChannelsAndRefuseRgbImages(@TempDir final Path dir) throws IOException {
		final int[] argb = TestData.rgbPixels("ihc-170x170.png");
		final List<RandomAccessibleInterval<? extends RealType<?>>> channels = new ArrayList<>();
		for (int c = 0; c < 2; c++) {
			final short[] plane = new short[argb.length];
			for (int p = 0; p < argb.length; p++)
				plane[p] = (short) ((argb[p] >> (8 * c) & 0xff) * 200);
			channels.add(ArrayImgs.unsignedShorts(plane, 170, 170));
		}
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(4, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 0, 0);
		final ColourQuantizationResult fit = ColourQuantization.quantizeChannels(channels, null, settings, ProgressListener.NONE);
		final ImageDescription training = new ImageDescription("two.tif", new int[] { 170, 170, 2, 1, 1 }, 16, new double[] { 0.5, 0.5, 1 }, "µm");
		final ColourQuantizationModel model = ColourQuantizationModel.of(fit, keys(settings), training, lut(4));
		final File file = dir.resolve("channels.json").toFile();
		model.write(file);
		final ColourQuantizationModel read = (ColourQuantizationModel) ClusteringModel.read(file);
		assertEquals("µm", read.training().unit());
		final ArrayImg<IntType, IntArray> a = ArrayImgs.ints(170, 170);
		final ArrayImg<IntType, IntArray> b = ArrayImgs.ints(170, 170);
		fit.writeLabels(a);
		read.applyChannels(channels, null, ProgressListener.NONE).writeLabels(b);
		assertArrayEquals(a.update(null).getCurrentStorageArray(), b.update(null).getCurrentStorageArray());
		read.requireFits(training);
		final IllegalArgumentException rgbImage = assertThrows(IllegalArgumentException.class, () -> read.requireFits(TRAINING));
		assertEquals("The model expects a 16-bit image with 2 channels, got an RGB image.", rgbImage.getMessage());
		final IllegalArgumentException three = assertThrows(IllegalArgumentException.class, () -> read.requireFits(new ImageDescription("t", new int[] { 9, 9, 3, 1, 1 }, 8, new double[] { 1, 1, 1 }, "pixel")));
		assertEquals("The model expects a 16-bit image with 2 channels, got an 8-bit image with 3 channels.", three.getMessage());
	}

	@Test
	void badFilesGiveOneLineNamingTheFile(@TempDir final Path dir) throws IOException {
		final ArrayImg<ARGBType, IntArray> image = rgb("four-colours.png");
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(4, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 0, 0);
		final ColourQuantizationModel model = ColourQuantizationModel.of(ColourQuantization.quantizeRgb(image, null, settings, ProgressListener.NONE), keys(settings), TRAINING, lut(4));
		final File good = dir.resolve("good.json").toFile();
		model.write(good);
		final String text = Files.readString(good.toPath());
		final File missing = dir.resolve("missing.json").toFile();
		assertEquals("Model file not found: " + missing + ".", message(missing));
		assertEquals(file(dir, "cut.json", text.substring(0, text.length() / 2)) + " is not a Pixel Clustering model: it is not complete JSON.", message(dir.resolve("cut.json").toFile()));
		assertEquals(file(dir, "photo.json", "{\"format\": \"something-else\"}") + " is not a Pixel Clustering model: expected \"format\": \"pixel-clustering-model\", got \"something-else\".", message(dir.resolve("photo.json").toFile()));
		assertEquals(file(dir, "v2.json", text.replace("\"version\": 1", "\"version\": 2")) + " is a model of version 2; this Pixel Clustering reads version 1.", message(dir.resolve("v2.json").toFile()));
		final String firstCentre = text.substring(text.indexOf("\"centres\": [") + 12, text.indexOf("]", text.indexOf("\"centres\": [")) + 1);
		assertTrue(firstCentre.trim().startsWith("["), firstCentre);
		final String nan = text.replaceFirst("(\"centres\": \\[\\s*\\[)[^,]*,", "$1null,");
		assertTrue(message(new File(file(dir, "nan.json", nan))).startsWith(dir.resolve("nan.json") + ": \"centres[0]\" must be finite numbers, got NaN in column 0"));
		assertEquals(file(dir, "who.json", text.replace("\"command\": \"Colour Quantization\"", "\"command\": \"Threshold\"")) + ": the model was made by \"Threshold\", which this Pixel Clustering cannot apply.", message(dir.resolve("who.json").toFile()));
		assertEquals(file(dir, "nok.json", text.replace("\"clusters\": 4,\n\t\"centres\"", "\"centresX\"")) + ": the model has no \"clusters\".", message(dir.resolve("nok.json").toFile()));
		final IllegalArgumentException noFolder = assertThrows(IllegalArgumentException.class, () -> model.write(dir.resolve("nowhere/model.json").toFile()));
		assertEquals(String.format(ModelDocument.NO_FOLDER, dir.resolve("nowhere/model.json")), noFolder.getMessage());
		try (var files = Files.list(dir)) {
			assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".part")), "no temporary file left");
		}
	}

	private static String file(final Path dir, final String name, final String content) throws IOException {
		final Path p = dir.resolve(name);
		Files.writeString(p, content);
		return p.toString();
	}

	private static String message(final File file) {
		return assertThrows(IllegalArgumentException.class, () -> ClusteringModel.read(file)).getMessage();
	}
}
