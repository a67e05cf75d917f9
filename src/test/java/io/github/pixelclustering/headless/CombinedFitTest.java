package io.github.pixelclustering.headless;

import static io.github.pixelclustering.headless.CommandLineTest.assertFails;
import static io.github.pixelclustering.headless.CommandLineTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.core.PixelDraw;
import io.github.pixelclustering.testutil.SmoothNoise;
import io.github.pixelclustering.testutil.SyntheticSpectra;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's {@code fit} mode for Spectrum Image Cluster Analysis and Pixel Agglomeration: the
 * model of a folder is the fit of the images combined (side by side, or along the samples for ward and
 * connected=true), so applied to each image it gives that image's part of the combined fit's labels.
 */
class CombinedFitTest {

	/** A 16-bit spectrum stack (slices = energy channels) of synthetic counts. */
	private static ImagePlus spectrumMap(final String title, final int width, final int height, final int channels, final long seed) {
		final int[] counts = SyntheticSpectra.generate(width, height, channels, seed).counts();
		final ImageStack stack = new ImageStack(width, height);
		for (int c = 0; c < channels; c++) {
			final short[] plane = new short[width * height];
			for (int p = 0; p < plane.length; p++)
				plane[p] = (short) counts[p * channels + c];
			stack.addSlice(null, new ShortProcessor(width, height, plane, null));
		}
		return new ImagePlus(title, stack);
	}

	/** A 32-bit stack whose slices are the samples: smoothed noise. */
	private static ImagePlus noiseStack(final String title, final int width, final int height, final int samples, final long seed) {
		final double[] x = SmoothNoise.pixelMajor(width, height, 1, samples, seed, 2);
		final ImageStack stack = new ImageStack(width, height);
		for (int s = 0; s < samples; s++) {
			final float[] plane = new float[width * height];
			for (int p = 0; p < plane.length; p++)
				plane[p] = (float) x[p * samples + s];
			stack.addSlice(null, new FloatProcessor(width, height, plane));
		}
		return new ImagePlus(title, stack);
	}

	private static void save(final ImagePlus image, final Path folder) throws IOException {
		Files.createDirectories(folder);
		final String title = image.getTitle();
		IJ.saveAsTiff(image, folder.resolve(title + ".tif").toString());
		image.setTitle(title); // saving renames the image after its file
	}

	/** The images side by side, as the test builds them (independently of the fit mode). */
	private static ImagePlus sideBySide(final ImagePlus... images) {
		int width = 0;
		for (final ImagePlus image : images)
			width += image.getWidth();
		final ImageStack stack = new ImageStack(width, images[0].getHeight());
		for (int plane = 1; plane <= images[0].getStackSize(); plane++) {
			final ImageProcessor ip = images[0].getStack().getProcessor(plane).createProcessor(width, images[0].getHeight());
			int x = 0;
			for (final ImagePlus image : images) {
				ip.insert(image.getStack().getProcessor(plane), x, 0);
				x += image.getWidth();
			}
			stack.addSlice(null, ip);
		}
		return new ImagePlus("combined", stack);
	}

	/** Runs the command on the combined image (run mode), returns its labels. */
	private static ImagePlus combinedLabels(final Path dir, final String label, final String options, final ImagePlus combined) throws IOException {
		save(combined, dir.resolve("combined"));
		final CommandLineTest.Outcome run = cli("run", label, options, dir.resolve("combined/combined.tif").toString(), dir.resolve("combined-out").toString());
		assertEquals(CommandLine.OK, run.code, run.err);
		return IJ.openImage(dir.resolve("combined-out/combined-labels.tif").toString());
	}

	/** Applies the model to the folder and checks each image's labels equal the combined labels from x0 on. */
	private static void assertModelReproducesTheJointFit(final Path dir, final Path model, final Path folder, final ImagePlus combined, final String[] names, final int[] x0) {
		final CommandLineTest.Outcome apply = cli("apply", model.toString(), folder.toString(), dir.resolve("applied").toString());
		assertEquals(CommandLine.OK, apply.code, apply.err);
		for (int i = 0; i < names.length; i++) {
			final ImagePlus labels = IJ.openImage(dir.resolve("applied/" + names[i] + "-labels.tif").toString());
			for (int y = 0; y < labels.getHeight(); y++)
				for (int x = 0; x < labels.getWidth(); x++)
					assertEquals(combined.getProcessor().getPixel(x0[i] + x, y), labels.getProcessor().getPixel(x, y), names[i] + " at " + x + "," + y);
		}
	}

	@Test
	void spectrumFitIsTheFitOfTheMapsSideBySide(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("maps");
		final ImagePlus a = spectrumMap("a", 12, 10, 32, 1);
		final ImagePlus b = spectrumMap("b", 8, 10, 32, 2);
		final ImagePlus c = spectrumMap("c", 10, 10, 32, 3);
		for (final ImagePlus image : new ImagePlus[] { a, b, c })
			save(image, folder);
		save(spectrumMap("d other", 10, 10, 16, 4), folder);
		final String options = "clusters=4 components=3 seed=2";
		final Path model = dir.resolve("maps.json");
		final CommandLineTest.Outcome fit = cli("fit", "Spectrum Image Cluster Analysis", options + " save_model=[" + model + "]", folder.toString());
		assertEquals(CommandLine.OK, fit.code, fit.err);
		assertTrue(fit.err.contains("Left out d other.tif: a 16-bit image of height 10 (1 channel, 16 slices, 1 frame; z: 1.0 pixel per slice, origin 0.0), but a.tif is a 16-bit image of height 10 (1 channel, 32 slices, 1 frame; z: 1.0 pixel per slice, origin 0.0); the images of a fit must agree."), fit.err);
		final JsonObject json = fit.json();
		assertEquals("fit", json.get("mode").getAsString());
		assertEquals(3, json.get("images").getAsInt());
		assertEquals(1, json.get("left_out").getAsInt());
		assertEquals(CombinedFit.SIDE_BY_SIDE, json.get("combined").getAsString());
		assertEquals(30L * 10, json.get("pixels").getAsLong());
		assertEquals(model.toString(), json.get("model").getAsString());
		assertEquals(30, ClusteringModel.read(model.toFile()).training().width(), "the training image is the combined one");
		final ImagePlus labels = combinedLabels(dir, "Spectrum Image Cluster Analysis", options, sideBySide(a, b, c));
		Files.delete(folder.resolve("d other.tif"));
		assertModelReproducesTheJointFit(dir, model, folder, labels, new String[] { "a", "b", "c" }, new int[] { 0, 12, 20 });
	}

	/** The spectra of the {@code n} pixels with the smallest draws, in raster order, as one row (built here by sorting every draw). */
	private static ImagePlus drawnRow(final ImagePlus image, final int n, final long seed, final int number) {
		final int size = image.getWidth() * image.getHeight();
		final long imageSeed = PixelDraw.imageSeed(seed, number);
		final Long[] draws = new Long[size];
		for (int p = 0; p < size; p++)
			draws[p] = PixelDraw.draw(imageSeed, p);
		final Long[] sorted = draws.clone();
		java.util.Arrays.sort(sorted);
		final java.util.List<Integer> kept = new java.util.ArrayList<>();
		for (int p = 0; p < size; p++)
			if (n >= size || draws[p] <= sorted[n - 1]) kept.add(p);
		final ImageStack stack = new ImageStack(kept.size(), 1);
		for (int plane = 1; plane <= image.getStackSize(); plane++) {
			final ImageProcessor ip = image.getStack().getProcessor(plane);
			final ShortProcessor row = new ShortProcessor(kept.size(), 1);
			for (int i = 0; i < kept.size(); i++)
				row.set(i, 0, ip.get(kept.get(i) % image.getWidth(), kept.get(i) / image.getWidth()));
			stack.addSlice(null, row);
		}
		return new ImagePlus("row", stack);
	}

	@Test
	void spectrumFitOnASampleIsTheFitOfTheDrawnSpectraSideBySide(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("maps");
		// heights differ: with a sample only the drawn rows are combined
		final ImagePlus a = spectrumMap("a", 12, 10, 32, 1);
		final ImagePlus b = spectrumMap("b", 8, 9, 32, 2);
		final ImagePlus c = spectrumMap("c", 5, 6, 32, 3);
		for (final ImagePlus image : new ImagePlus[] { a, b, c })
			save(image, folder);
		final String options = "clusters=3 components=3 seed=5";
		final Path model = dir.resolve("sampled.json");
		final CommandLineTest.Outcome fit = cli("fit", "Spectrum Image Cluster Analysis", options + " sample=40 save_model=[" + model + "]", folder.toString());
		assertEquals(CommandLine.OK, fit.code, fit.err);
		final JsonObject json = fit.json();
		assertEquals(CombinedFit.DRAWN_SIDE_BY_SIDE, json.get("combined").getAsString());
		assertEquals(40, json.get("sample").getAsLong());
		assertEquals(40 + 40 + 30, json.get("pixels").getAsLong(), "40 of a and b, all 30 of c");
		final ClusteringModel read = ClusteringModel.read(model.toFile());
		assertEquals(110, read.training().width());
		assertEquals(1, read.training().height());
		// the same draw built independently: the fit of the rows side by side labels them as the model does
		final ImagePlus rows = sideBySide(drawnRow(a, 40, 5, 0), drawnRow(b, 40, 5, 1), drawnRow(c, 40, 5, 2));
		final ImagePlus labels = combinedLabels(dir, "Spectrum Image Cluster Analysis", options, rows);
		save(rows, dir.resolve("rows"));
		final CommandLineTest.Outcome apply = cli("apply", model.toString(), dir.resolve("rows/combined.tif").toString(), dir.resolve("rows-applied").toString());
		assertEquals(CommandLine.OK, apply.code, apply.err);
		final ImagePlus applied = IJ.openImage(dir.resolve("rows-applied/combined-labels.tif").toString());
		for (int x = 0; x < 110; x++)
			assertEquals(labels.getProcessor().getPixel(x, 0), applied.getProcessor().getPixel(x, 0), "drawn spectrum " + x);
		// the same again: the same model, byte for byte
		final Path again = dir.resolve("again.json");
		assertEquals(CommandLine.OK, cli("fit", "Spectrum Image Cluster Analysis", options + " sample=40 save_model=[" + again + "]", folder.toString()).code);
		assertEquals(new String(Files.readAllBytes(model)).replaceAll("\"plugin_version\".*", ""), new String(Files.readAllBytes(again)).replaceAll("\"plugin_version\".*", ""));
		// another seed draws other spectra
		final Path other = dir.resolve("other.json");
		assertEquals(CommandLine.OK, cli("fit", "Spectrum Image Cluster Analysis", "clusters=3 components=3 seed=6 sample=40 save_model=[" + other + "]", folder.toString()).code);
		assertTrue(!new String(Files.readAllBytes(model)).contains(new String(Files.readAllBytes(other)).replaceAll("(?s).*\"centres\"", "")), "seed 6 fits other spectra");
	}

	@Test
	void estimateFitsItsAnalysisOnTheMapsSideBySide(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("maps");
		final ImagePlus a = spectrumMap("a", 12, 10, 32, 1);
		final ImagePlus b = spectrumMap("b", 8, 10, 32, 2);
		for (final ImagePlus image : new ImagePlus[] { a, b })
			save(image, folder);
		final String options = "max_clusters=4 metric=elbow components=3 seed=2 analyse=true";
		final Path model = dir.resolve("estimate.json");
		final CommandLineTest.Outcome fit = cli("fit", "Estimate Number of Clusters", options + " save_model=[" + model + "]", folder.toString());
		assertEquals(CommandLine.OK, fit.code, fit.err);
		assertEquals(2, fit.json().get("images").getAsInt());
		assertEquals("Estimate Number of Clusters", ClusteringModel.read(model.toFile()).command());
		final ImagePlus labels = combinedLabels(dir, "Estimate Number of Clusters", options, sideBySide(a, b));
		assertModelReproducesTheJointFit(dir, model, folder, labels, new String[] { "a", "b" }, new int[] { 0, 12 });
		final CommandLineTest.Outcome noAnalysis = cli("fit", "Estimate Number of Clusters", "max_clusters=4 analyse=false save_model=[" + dir.resolve("none.json") + "]", folder.toString());
		assertEquals(CommandLine.FAILED, noAnalysis.code, noAnalysis.err);
		assertFalse(Files.exists(dir.resolve("none.json")));
	}

	@Test
	void agglomerationKmeansFitIsTheFitOfTheStacksSideBySide(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("stacks");
		final ImagePlus a = noiseStack("a", 10, 9, 6, 1);
		final ImagePlus b = noiseStack("b", 14, 9, 6, 2);
		save(a, folder);
		save(b, folder);
		for (final String method : new String[] { "kmeans", "hkmeans" }) {
			final String options = "clusters=3 method=" + method + " seed=1 batch_size=20";
			final Path model = dir.resolve(method + ".json");
			final CommandLineTest.Outcome fit = cli("fit", "Pixel Agglomeration", options + " save_model=[" + model + "]", folder.toString());
			assertEquals(CommandLine.OK, fit.code, fit.err);
			assertEquals(2, fit.json().get("images").getAsInt());
			assertEquals(CombinedFit.SIDE_BY_SIDE, fit.json().get("combined").getAsString());
			final Path sub = Files.createDirectories(dir.resolve(method));
			final ImagePlus labels = combinedLabels(sub, "Pixel Agglomeration", options, sideBySide(a, b));
			assertModelReproducesTheJointFit(sub, model, folder, labels, new String[] { "a", "b" }, new int[] { 0, 10 });
		}
	}

	@Test
	void wardAndConnectedFitTheParcelsOfTheSamplesTogether(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("subjects");
		final ImagePlus a = noiseStack("a", 12, 10, 4, 1);
		final ImagePlus b = noiseStack("b", 12, 10, 3, 2);
		save(a, folder);
		save(b, folder);
		save(noiseStack("c wider", 13, 10, 4, 3), folder);
		// the test's own concatenation of the samples: a's 4 slices, then b's 3
		final ImageStack stack = new ImageStack(12, 10);
		for (final ImagePlus image : new ImagePlus[] { a, b })
			for (int s = 1; s <= image.getStackSize(); s++)
				stack.addSlice(null, image.getStack().getProcessor(s).duplicate());
		final ImagePlus joint = new ImagePlus("combined", stack);
		for (final String options : new String[] { "clusters=5 method=ward", "clusters=3 method=kmeans connected=true seed=1" }) {
			final Path sub = Files.createDirectories(dir.resolve(options.contains("ward") ? "ward" : "connected"));
			final Path model = sub.resolve("model.json");
			final CommandLineTest.Outcome fit = cli("fit", "Pixel Agglomeration", options + " save_model=[" + model + "]", folder.toString());
			assertEquals(CommandLine.OK, fit.code, fit.err);
			assertTrue(fit.err.contains("Left out c wider.tif: a 32-bit image on a 13x10 grid, samples along its slices, but a.tif is a 32-bit image on a 12x10 grid, samples along its slices; the images of a fit must agree."), fit.err);
			assertEquals(2, fit.json().get("images").getAsInt());
			assertEquals(1, fit.json().get("left_out").getAsInt());
			assertEquals(CombinedFit.ALONG_SAMPLES, fit.json().get("combined").getAsString());
			assertEquals(120, fit.json().get("pixels").getAsLong());
			assertEquals(7, ClusteringModel.read(model.toFile()).training().slices(), "the training image holds every sample");
			final ImagePlus labels = combinedLabels(sub, "Pixel Agglomeration", options, joint);
			// the model is the parcellation: every subject of the grid gets it whole
			final Path grid = Files.createDirectories(sub.resolve("grid"));
			Files.copy(folder.resolve("a.tif"), grid.resolve("a.tif"));
			Files.copy(folder.resolve("b.tif"), grid.resolve("b.tif"));
			assertModelReproducesTheJointFit(sub, model, grid, labels, new String[] { "a", "b" }, new int[] { 0, 0 });
		}
	}

	/** An RGB image of smoothed noise. */
	private static ImagePlus rgbNoise(final String title, final int width, final int height, final long seed) {
		final double[] x = SmoothNoise.pixelMajor(width, height, 1, 3, seed, 1);
		final int[] rgb = new int[width * height];
		for (int p = 0; p < rgb.length; p++)
			rgb[p] = ((int) x[3 * p] / 9 & 0xff) << 16 | ((int) x[3 * p + 1] / 9 & 0xff) << 8 | ((int) x[3 * p + 2] / 9 & 0xff);
		return new ImagePlus(title, new ij.process.ColorProcessor(width, height, rgb));
	}

	@Test
	void wardOnRgbImagesJoinsTheirRedGreenAndBlue(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("rgb");
		final ImagePlus a = rgbNoise("a", 10, 8, 1);
		final ImagePlus b = rgbNoise("b", 10, 8, 2);
		save(a, folder);
		save(b, folder);
		final String options = "clusters=4 method=ward";
		final Path model = dir.resolve("rgb.json");
		final CommandLineTest.Outcome fit = cli("fit", "Pixel Agglomeration", options + " save_model=[" + model + "]", folder.toString());
		assertEquals(CommandLine.OK, fit.code, fit.err);
		assertEquals(6, ClusteringModel.read(model.toFile()).training().channels(), "R, G, B of a, then of b");
		// the test's own joint image: six 8-bit channels
		final ImageStack stack = new ImageStack(10, 8);
		for (final ImagePlus image : new ImagePlus[] { a, b })
			for (int c = 1; c <= 3; c++)
				stack.addSlice(null, ((ij.process.ColorProcessor) image.getProcessor()).getChannel(c, null));
		final ImagePlus joint = new ImagePlus("combined", stack);
		joint.setDimensions(6, 1, 1);
		joint.setOpenAsHyperStack(true);
		final ImagePlus labels = combinedLabels(dir, "Pixel Agglomeration", options, joint);
		assertModelReproducesTheJointFit(dir, model, folder, labels, new String[] { "a", "b" }, new int[] { 0, 0 });
	}

	/** The cluster column of a slices table (CSV with a header). */
	private static int[] clusters(final Path csv) throws IOException {
		final java.util.List<String> lines = Files.readAllLines(csv);
		final int column = java.util.Arrays.asList(lines.get(0).split(",")).indexOf("cluster");
		assertTrue(column >= 0, lines.get(0));
		final int[] clusters = new int[lines.size() - 1];
		for (int i = 1; i < lines.size(); i++)
			clusters[i - 1] = (int) Double.parseDouble(lines.get(i).split(",")[column]);
		return clusters;
	}

	@Test
	void clusterSlicesFitIsTheFitOfTheSlicesAppended(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("stacks");
		final ImagePlus a = noiseStack("a", 8, 6, 5, 1);
		final ImagePlus b = noiseStack("b", 8, 6, 4, 2);
		save(a, folder);
		save(b, folder);
		save(noiseStack("c small", 7, 6, 4, 3), folder);
		final ImagePlus both = noiseStack("d both", 8, 6, 4, 4);
		both.setDimensions(1, 2, 2);
		save(both, folder);
		final String options = "clusters=3 seed=1";
		final Path model = dir.resolve("slices.json");
		final CommandLineTest.Outcome fit = cli("fit", "Cluster Slices", options + " save_model=[" + model + "]", folder.toString());
		assertEquals(CommandLine.OK, fit.code, fit.err);
		assertTrue(fit.err.contains("Left out c small.tif: a 32-bit image of 7x6 with 1 channel, but a.tif is a 32-bit image of 8x6 with 1 channel; the images of a fit must agree."), fit.err);
		assertTrue(fit.err.contains("Left out d both.tif: " + String.format(CombinedFit.SLICES_AND_FRAMES, 2, 2)), fit.err);
		final JsonObject json = fit.json();
		assertEquals(2, json.get("images").getAsInt());
		assertEquals(2, json.get("left_out").getAsInt());
		assertEquals(CombinedFit.SLICES_APPENDED, json.get("combined").getAsString());
		assertEquals(9, json.get("slices").getAsInt());
		// the test's own appending: a's 5 slices, then b's 4
		final ImageStack stack = new ImageStack(8, 6);
		for (final ImagePlus image : new ImagePlus[] { a, b })
			for (int s = 1; s <= image.getStackSize(); s++)
				stack.addSlice(null, image.getStack().getProcessor(s).duplicate());
		save(new ImagePlus("combined", stack), dir.resolve("combined"));
		final CommandLineTest.Outcome run = cli("run", "Cluster Slices", options, dir.resolve("combined/combined.tif").toString(), dir.resolve("combined-out").toString());
		assertEquals(CommandLine.OK, run.code, run.err);
		final int[] joint = clusters(dir.resolve("combined-out/combined-slices.csv"));
		assertEquals(9, joint.length);
		Files.delete(folder.resolve("c small.tif"));
		Files.delete(folder.resolve("d both.tif"));
		final CommandLineTest.Outcome apply = cli("apply", model.toString(), folder.toString(), dir.resolve("applied").toString());
		assertEquals(CommandLine.OK, apply.code, apply.err);
		org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(joint, 0, 5), clusters(dir.resolve("applied/a-slices.csv")));
		org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(joint, 5, 9), clusters(dir.resolve("applied/b-slices.csv")));
	}

	@Test
	void fitErrorsOfTheCombinedCommands(@TempDir final Path dir) throws IOException {
		final Path folder = dir.resolve("maps");
		save(spectrumMap("a", 6, 6, 16, 1), folder);
		final String model = "save_model=[" + dir.resolve("m.json") + "]";
		assertFails(CommandLine.USAGE, "sample= draws pixels, and Pixel Agglomeration needs every pixel of each image: a parcellation (method=ward or connected=true) covers the whole grid.", cli("fit", "Pixel Agglomeration", "sample=100 " + model, folder.toString()));
		assertFails(CommandLine.USAGE, String.format(CombinedFit.SAMPLE_WHOLE, "Pixel Agglomeration", CombinedFit.WHOLE_GRID), cli("fit", "Pixel Agglomeration", "method=kmeans connected=true sample=100 " + model, folder.toString()));
		assertFails(CommandLine.USAGE, String.format(SampleKey.BAD_SAMPLE, "0"), cli("fit", "Spectrum Image Cluster Analysis", "sample=0 " + model, folder.toString()));
		assertFails(CommandLine.USAGE, CombinedFit.NO_CONNECTIVITY, cli("fit", "Spectrum Image Cluster Analysis", "algorithm=agglomerative connectivity=4 " + model, folder.toString()));
		assertFails(CommandLine.USAGE, String.format(FolderFit.NEEDS_MODEL, "Pixel Agglomeration"), cli("fit", "Pixel Agglomeration", "clusters=2", folder.toString()));
		assertFails(CommandLine.USAGE, String.format(FolderFit.OUTLINES, "roi_manager"), cli("fit", "Pixel Agglomeration", "roi_manager=true " + model, folder.toString()));
		assertFails(CommandLine.USAGE, "sample= draws pixels, and Cluster Slices needs every pixel of each image: it clusters whole slices.", cli("fit", "Cluster Slices", "sample=100 " + model, folder.toString()));
		// the fit refuses the data: exit 1, no model
		assertFails(CommandLine.FAILED, "Spectrum Image Cluster Analysis", cli("fit", "Spectrum Image Cluster Analysis", "clusters=100 " + model, folder.toString()));
		// every image left out: exit 1
		final Path stacks = dir.resolve("stacks");
		save(noiseStack("a", 6, 6, 3, 1), stacks);
		final CommandLineTest.Outcome none = cli("fit", "Pixel Agglomeration", "method=ward samples=frames " + model, stacks.toString());
		assertFails(CommandLine.FAILED, String.format(CombinedFit.NONE_KEPT, stacks, "Pixel Agglomeration"), none);
		assertTrue(none.err.contains("Left out a.tif: The single-channel 32-bit image \"a.tif\" (3 slices, 1 frame): the samples are its frames, so its slices (3) would be left over."), none.err);
		assertFalse(Files.exists(dir.resolve("m.json")), "no model is written");
	}
}
