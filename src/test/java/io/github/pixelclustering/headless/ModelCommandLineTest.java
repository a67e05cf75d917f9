package io.github.pixelclustering.headless;

import static io.github.pixelclustering.headless.CommandLineTest.assertFails;
import static io.github.pixelclustering.headless.CommandLineTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.testutil.TestData;
import io.github.pixelclustering.testutil.TimeSeries;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's {@code apply} and {@code fit} modes: models saved, applied to files and folders. */
class ModelCommandLineTest {

	private static byte[] pixels(final Path labels) {
		return (byte[]) IJ.openImage(labels.toString()).getProcessor().getPixels();
	}

	/** Fits Colour Quantization on four-colours.png with save_model; returns the model file. */
	private static Path fitFourColours(final Path dir) {
		final Path model = dir.resolve("model.json");
		final CommandLineTest.Outcome fit = cli("run", "Colour Quantization", "clusters=4 seed=1 save_model=[" + model + "]", TestData.image("four-colours.png").toString(), dir.resolve("fit").toString());
		assertEquals(CommandLine.OK, fit.code, fit.err);
		return model;
	}

	@Test
	void applyLabelsAnImageAsTheRunModeSavesIt(@TempDir final Path dir) {
		final Path model = fitFourColours(dir);
		// the training image gets the fit's labels back, in files named as the run mode names them
		final CommandLineTest.Outcome same = cli("apply", model.toString(), TestData.image("four-colours.png").toString(), dir.resolve("same").toString());
		assertEquals(CommandLine.OK, same.code, same.err);
		final JsonObject json = same.json();
		assertEquals("Apply Clustering Model", json.get("command").getAsString());
		assertEquals(TestData.image("four-colours.png").toString(), json.get("image").getAsString());
		assertEquals(model.toString(), json.get("model").getAsString());
		assertEquals("Colour Quantization", json.get("model_command").getAsString());
		assertEquals(4, json.get("clusters").getAsInt());
		assertEquals(3, json.getAsJsonArray("outputs").size(), json.toString());
		assertEquals(1, same.out.trim().split("\n").length, same.out);
		assertArrayEquals(pixels(dir.resolve("fit/four-colours-labels.tif")), pixels(dir.resolve("same/four-colours-labels.tif")));
		assertTrue(Files.isRegularFile(dir.resolve("same/four-colours-quantized.tif")));
		assertTrue(Files.isRegularFile(dir.resolve("same/four-colours-clusters.csv")));
		MacrosTest.assertNoTemporaryFiles(dir.resolve("same"));
		// another image: labelled with the model's four clusters
		final CommandLineTest.Outcome other = cli("apply", model.toString(), TestData.image("flower-213x142.png").toString(), dir.resolve("other").toString());
		assertEquals(CommandLine.OK, other.code, other.err);
		final ImagePlus labels = IJ.openImage(dir.resolve("other/flower-213x142-labels.tif").toString());
		assertTrue(labels.getStatistics().max <= 4 && labels.getStatistics().min >= 1);
	}

	@Test
	void applyToAFolderDoesEveryImageAndFailsWhenOneIsSkipped(@TempDir final Path dir) throws IOException {
		final Path model = fitFourColours(dir);
		final Path input = Files.createDirectories(dir.resolve("in"));
		Files.copy(TestData.image("four-colours.png"), input.resolve("b four-colours.png"));
		Files.copy(TestData.image("china-213x142.png"), input.resolve("a china.png"));
		IJ.saveAsTiff(IJ.createImage("grey", "8-bit ramp", 8, 8, 1), input.resolve("c grey.tif").toString());
		Files.writeString(input.resolve("d fake.png"), "not a PNG");
		Files.writeString(input.resolve("notes.txt"), "not an image");
		final Path output = dir.resolve("out/nested");
		final CommandLineTest.Outcome o = cli("apply", model.toString(), input.toString(), output.toString());
		assertFails(CommandLine.FAILED, "Skipped d fake.png: " + String.format(ImageFiles.CANNOT_OPEN, input.resolve("d fake.png")), o);
		assertTrue(o.err.contains("Left out c grey.tif: The model expects an RGB image, got an 8-bit image."), o.err);
		assertTrue(o.err.contains("Not images, left alone: notes.txt"), o.err);
		assertTrue(o.err.contains(String.format(ApplyRun.SUMMARY, 2, 1, 1, model, output)), o.err);
		assertEquals("apply: 2 done, 1 skipped, 1 left out; model " + model + ", outputs in " + output, String.format(ApplyRun.SUMMARY, 2, 1, 1, model, output));
		// one JSON line per image done, in name order; the others' outputs are written all the same
		final String[] lines = o.out.trim().split("\n");
		assertEquals(2, lines.length, o.out);
		assertEquals(input.resolve("a china.png").toString(), JsonParser.parseString(lines[0]).getAsJsonObject().get("image").getAsString());
		assertEquals(input.resolve("b four-colours.png").toString(), JsonParser.parseString(lines[1]).getAsJsonObject().get("image").getAsString());
		for (final String name : new String[] { "a china", "b four-colours" })
			for (final String output1 : new String[] { "-labels.tif", "-quantized.tif", "-clusters.csv" })
				assertTrue(Files.isRegularFile(output.resolve(name + output1)), name + output1);
		assertArrayEquals(pixels(dir.resolve("fit/four-colours-labels.tif")), pixels(output.resolve("b four-colours-labels.tif")));
		MacrosTest.assertNoTemporaryFiles(output);
		// nothing skipped: exit 0, the grey image left out all the same
		Files.delete(input.resolve("d fake.png"));
		final CommandLineTest.Outcome good = cli("apply", model.toString(), input.toString(), dir.resolve("good").toString());
		assertEquals(CommandLine.OK, good.code, good.err);
		assertTrue(good.err.contains(String.format(ApplyRun.SUMMARY, 2, 0, 1, model, dir.resolve("good"))), good.err);
	}

	@Test
	void applyErrorsAreOneLineWithExitCode2AndWriteNothing(@TempDir final Path dir) throws IOException {
		final Path model = fitFourColours(dir);
		final String image = TestData.image("four-colours.png").toString();
		final Path out = dir.resolve("never");
		final Path text = dir.resolve("notes.json");
		Files.writeString(text, "{\"format\": \"pixel-clustering-model\", \"version\": 1, ");
		assertFails(CommandLine.USAGE, String.format(ModelDocument.NOT_JSON, text), cli("apply", text.toString(), image, out.toString()));
		assertFails(CommandLine.USAGE, String.format(ModelDocument.NOT_FOUND, dir.resolve("none.json")), cli("apply", dir.resolve("none.json").toString(), image, out.toString()));
		final Path future = dir.resolve("future.json");
		Files.writeString(future, Files.readString(model).replace("\"version\": 1", "\"version\": 2"));
		assertFails(CommandLine.USAGE, String.format(ModelDocument.UNKNOWN_VERSION, future, "2"), cli("apply", future.toString(), image, out.toString()));
		final Path nan = dir.resolve("nan.json");
		Files.writeString(nan, Files.readString(model).replaceFirst("\"centres\": \\[\\s*\\[[-0-9.eE]+,", "\"centres\": [[null,"));
		final CommandLineTest.Outcome nanCentre = cli("apply", nan.toString(), image, out.toString());
		assertFails(CommandLine.USAGE, nan + ": \"centres[0]\" must be finite numbers, got NaN in column 0", nanCentre);
		assertEquals(1, nanCentre.err.trim().split("\n").length, "one line: " + nanCentre.err);
		assertFails(CommandLine.USAGE, String.format(ApplyRun.NOT_FOUND, dir.resolve("none.png")), cli("apply", model.toString(), dir.resolve("none.png").toString(), out.toString()));
		final Path grey = dir.resolve("grey.tif");
		IJ.saveAsTiff(IJ.createImage("grey", "8-bit ramp", 8, 8, 1), grey.toString());
		assertFails(CommandLine.USAGE, grey + ": The model expects an RGB image, got an 8-bit image.", cli("apply", model.toString(), grey.toString(), out.toString()));
		final Path empty = Files.createDirectories(dir.resolve("empty"));
		Files.writeString(empty.resolve("notes.txt"), "");
		assertFails(CommandLine.USAGE, String.format(ImageFiles.NO_IMAGES, empty, ".tif, .tiff, .png, .jpg, .jpeg, .gif, .bmp, .rpl"), cli("apply", model.toString(), empty.toString(), out.toString()));
		assertFails(CommandLine.USAGE, "apply takes 3 arguments (after --tiles if given), got 2.", cli("apply", model.toString(), image));
		assertFalse(Files.exists(out), "nothing is written");
	}

	private static Path frames(final Path dir, final int n) throws IOException {
		return TimeSeries.write(dir.resolve("frames"), n, 5);
	}

	@Test
	void fitMakesOneModelOfAllTheImagesOfAFolder(@TempDir final Path dir) throws IOException {
		final Path frames = frames(dir, 3);
		final Path model = dir.resolve("series.json");
		final CommandLineTest.Outcome o = cli("fit", "Colour Quantization", "clusters=4 seed=3 save_model=[" + model + "]", frames.toString());
		assertEquals(CommandLine.OK, o.code, o.err);
		final JsonObject json = o.json();
		assertEquals("fit", json.get("mode").getAsString());
		assertEquals(3, json.get("images").getAsInt());
		assertEquals(3L * TimeSeries.WIDTH * TimeSeries.HEIGHT, json.get("pixels").getAsLong());
		assertEquals(0, json.get("sample").getAsLong());
		assertEquals(model.toString(), json.get("model").getAsString());
		final ColourQuantizationModel read = (ColourQuantizationModel) ClusteringModel.read(model.toFile());
		assertEquals(TimeSeries.name(1), read.training().title(), "the training image is the first");
		assertEquals(3, ((Number) read.settings().get("images")).intValue());
		assertEquals(0, ((Number) read.settings().get("sample")).intValue());
		// the same fit as the API's on the three frames at once
		final List<RandomAccessibleInterval<ARGBType>> images = new ArrayList<>();
		for (int t = 1; t <= 3; t++)
			images.add(ImagePlusImgs.rgb(IJ.openImage(frames.resolve(TimeSeries.name(t)).toString())));
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(4, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 0, 3);
		final ColourQuantizationResult expected = ColourQuantization.quantizeRgb(images, null, settings, 0, ProgressListener.NONE);
		for (int l = 1; l <= 4; l++)
			assertArrayEquals(expected.centre(l), java.util.Arrays.copyOfRange(read.centres(), 3 * (l - 1), 3 * l), "centre " + l);
		// a sample: at most n pixels of each image, said in the summary and the model
		final Path sampled = dir.resolve("sampled.json");
		final CommandLineTest.Outcome s = cli("fit", "Colour Quantization", "clusters=4 seed=3 sample=500 save_model=[" + sampled + "]", frames.toString());
		assertEquals(CommandLine.OK, s.code, s.err);
		assertEquals(1500, s.json().get("pixels").getAsLong());
		assertEquals(500, s.json().get("sample").getAsLong());
		assertEquals(500, ((Number) ClusteringModel.read(sampled.toFile()).settings().get("sample")).intValue());
		final ColourQuantizationResult sampledFit = ColourQuantization.quantizeRgb(images, null, settings, 500, ProgressListener.NONE);
		assertArrayEquals(sampledFit.centre(1), java.util.Arrays.copyOfRange(((ColourQuantizationModel) ClusteringModel.read(sampled.toFile())).centres(), 0, 3));
		// and the model applies to every frame
		assertEquals(CommandLine.OK, cli("apply", model.toString(), frames.toString(), dir.resolve("applied").toString()).code);
		assertTrue(Files.isRegularFile(dir.resolve("applied/frame-03-labels.tif")));
	}

	@Test
	void fitErrorsSayWhatIsExpected(@TempDir final Path dir) throws IOException {
		final Path frames = frames(dir, 2);
		final String model = "save_model=[" + dir.resolve("m.json") + "]";
		final String folder = frames.toString();
		assertFails(CommandLine.USAGE, "Apply Clustering Model makes no model to fit on a folder: fit works for Colour Quantization, Spectrum Image Cluster Analysis, Estimate Number of Clusters, Pixel Agglomeration, Cluster Slices.", cli("fit", "Apply Clustering Model", model, folder));
		assertFails(CommandLine.USAGE, "Unknown command \"Quantize\"", cli("fit", "Quantize", model, folder));
		assertFails(CommandLine.USAGE, String.format(FolderFit.NEEDS_MODEL, "Colour Quantization"), cli("fit", "Colour Quantization", "clusters=4", folder));
		assertFails(CommandLine.USAGE, "fit needs save_model=[<file.json>]: the model is what it makes (Colour Quantization).", cli("fit", "Colour Quantization", "clusters=4 save_model=[]", folder));
		final Path missing = dir.resolve("no folder/m.json");
		assertFails(CommandLine.USAGE, String.format(ModelDocument.NO_FOLDER, missing), cli("fit", "Colour Quantization", "clusters=4 save_model=[" + missing + "]", folder));
		assertFails(CommandLine.USAGE, String.format(FolderFit.BAD_SAMPLE, "0"), cli("fit", "Colour Quantization", "sample=0 " + model, folder));
		assertFails(CommandLine.USAGE, "sample must be a whole number of pixels per image, at least 1 (leave it out for every pixel), got \"x\".", cli("fit", "Colour Quantization", "sample=x " + model, folder));
		assertFails(CommandLine.USAGE, "sample is given twice (sample=5, then sample=6): give it once.", cli("fit", "Colour Quantization", "sample=5 sample=6 " + model, folder));
		assertFails(CommandLine.USAGE, "Keys are lower case: write sample=5", cli("fit", "Colour Quantization", "Sample=5 " + model, folder));
		assertFails(CommandLine.USAGE, "Unknown key \"colours\" for Colour Quantization", cli("fit", "Colour Quantization", "colours=4 " + model, folder));
		assertFails(CommandLine.USAGE, String.format(FolderFit.OUTLINES, "overlay"), cli("fit", "Colour Quantization", "overlay=true " + model, folder));
		assertFails(CommandLine.USAGE, String.format(FolderFit.NO_FOLDER, dir.resolve("none")), cli("fit", "Colour Quantization", model, dir.resolve("none").toString()));
		assertFails(CommandLine.USAGE, "fit takes 3 arguments (after --tiles if given), got 2.", cli("fit", "Colour Quantization", model));
		// data the fit refuses: exit 1, no model
		assertFails(CommandLine.FAILED, "Colour Quantization: Clusters must be at most the number of distinct colours in the clustered pixels (4), got 5.", cli("fit", "Colour Quantization", "clusters=5 " + model, copyOf("four-colours.png", dir.resolve("four")).toString()));
		final Path greys = Files.createDirectories(dir.resolve("greys"));
		IJ.saveAsTiff(IJ.createImage("grey", "8-bit ramp", 8, 8, 1), greys.resolve("grey.tif").toString());
		final CommandLineTest.Outcome noRgb = cli("fit", "Colour Quantization", model, greys.toString());
		assertFails(CommandLine.FAILED, String.format(FolderFit.NO_RGB, greys), noRgb);
		assertTrue(noRgb.err.contains("Left out grey.tif: an 8-bit image; Colour Quantization fits the RGB images of a folder."), noRgb.err);
		// images that are not RGB are left out of a fit, said on standard error and in the JSON line
		IJ.saveAsTiff(IJ.createImage("grey", "8-bit ramp", 8, 8, 1), frames.resolve("grey.tif").toString());
		final Path kept = dir.resolve("kept.json");
		final CommandLineTest.Outcome leftOut = cli("fit", "Colour Quantization", "save_model=[" + kept + "]", folder);
		assertEquals(CommandLine.OK, leftOut.code, leftOut.err);
		assertTrue(leftOut.err.contains(String.format(FolderFit.NOT_RGB, "grey.tif", "an 8-bit image")), leftOut.err);
		assertEquals(2, leftOut.json().get("images").getAsInt());
		assertEquals(1, leftOut.json().get("left_out").getAsInt());
		Files.writeString(frames.resolve("fake.png"), "not a PNG");
		assertFails(CommandLine.USAGE, String.format(ImageFiles.CANNOT_OPEN, frames.resolve("fake.png")), cli("fit", "Colour Quantization", model, folder));
		assertFalse(Files.exists(dir.resolve("m.json")), "no model is written");
	}

	private static Path copyOf(final String image, final Path folder) {
		try {
			Files.createDirectories(folder);
			Files.copy(TestData.image(image), folder.resolve(image));
			return folder;
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
	}
}
