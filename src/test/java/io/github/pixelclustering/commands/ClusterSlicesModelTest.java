package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.SliceClusteringModel;
import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.headless.MacroBridge;
import io.github.pixelclustering.output.RunSummary;
import io.github.pixelclustering.testutil.BatchImages;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;

import ij.ImagePlus;
import ij.ImageStack;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * Cluster Slices models: fitted with {@code save_model} on 1000 digits, applied to them (the fit's
 * outputs back) and to the 797 others (a nearest centre written here), with 1 and 2 threads.
 */
class ClusterSlicesModelTest {

	private static Context context;
	private static ImageStack digits;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
		MacroBridge.install(context);
		digits = Images.digits().getStack();
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/** Digits from..to-1 (0-based) as a stack. */
	private static ImagePlus digits(final String title, final int from, final int to) {
		final ImageStack stack = new ImageStack(8, 8);
		for (int i = from; i < to; i++)
			stack.addSlice(digits.getSliceLabel(i + 1), digits.getProcessor(i + 1).duplicate());
		return new ImagePlus(title, stack);
	}

	private static Map<String, Object> fitInputs(final ImagePlus image, final String method, final String mask, final File model) {
		return Commands.inputs("image", image, "clusters", 10, "method", method, "restarts", 0, "seed", 4L, "init", "k-means++", "mask", mask, "reorder", true, "save_model", model);
	}

	private static Module ok(final Module module) {
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static Module apply(final ImagePlus image, final File model) {
		return Commands.runModule(context, ApplyClusteringModelCommand.class, Commands.inputs("image", image, "model", model, "overlay", false, "roi_manager", false));
	}

	private static ResultsTable table(final Module module, final String title) {
		return ((RunSummary) CommandRunner.commandOf(module)).tables().get(title);
	}

	private static JsonObject json(final File file) throws IOException {
		return JsonParser.parseString(new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8)).getAsJsonObject();
	}

	@ParameterizedTest
	@CsvSource({ "k-means, false", "mini-batch, false", "k-means, true", "mini-batch, true" })
	void slicesGetTheFitsClustersBackAndUnseenSlicesTheirNearestCentre(final String method, final boolean masked, @TempDir final Path dir) throws IOException {
		final ImagePlus training = digits("train", 0, 1000);
		final ByteProcessor m = new ByteProcessor(8, 8);
		m.setColor(255);
		m.fillRect(1, 0, 6, 8);
		final ImagePlus maskImage = new ImagePlus("cs-model-mask", m);
		final File file = dir.resolve("slices.json").toFile();
		final Module[] fit = new Module[1];
		BatchImages.with(new ImagePlus[] { training, maskImage }, () -> fit[0] = ok(Commands.runModule(context, ClusterSlicesCommand.class, fitInputs(training, method, masked ? "cs-model-mask" : PixelAgglomerationCommand.NO_MASK_CHOICE, file))));
		assertEquals(file.getPath(), ((RunSummary) CommandRunner.commandOf(fit[0])).summary().get("model"));
		final int hash = Images.pixelHash(training);
		for (final boolean single : new boolean[] { true, false }) {
			final Module applied = single ? Commands.withThreads(1, () -> ok(apply(training, file))) : Commands.withThreads(3, () -> ok(apply(training, file)));
			final ResultsTable a = table(fit[0], "train-slices");
			final ResultsTable b = table(applied, "train-slices");
			assertArrayEquals(a.getColumn("cluster"), b.getColumn("cluster"), method + ": clusters of the fit");
			assertArrayEquals(a.getColumn("distance"), b.getColumn("distance"));
			assertArrayEquals(a.getColumn("slice"), b.getColumn("slice"));
			final ImagePlus fitCentres = (ImagePlus) fit[0].getOutput("centres");
			final ImagePlus centres = (ImagePlus) applied.getOutput("centres");
			assertEquals(fitCentres.getStackSize(), centres.getStackSize());
			for (int s = 1; s <= centres.getStackSize(); s++) {
				assertArrayEquals((float[]) fitCentres.getStack().getPixels(s), (float[]) centres.getStack().getPixels(s));
				assertEquals(fitCentres.getStack().getSliceLabel(s), centres.getStack().getSliceLabel(s));
			}
			final ImagePlus ordered = (ImagePlus) applied.getOutput("ordered");
			assertEquals(Images.pixelHash((ImagePlus) fit[0].getOutput("ordered")), Images.pixelHash(ordered), "reorder=true as in the fit");
			assertNull(applied.getOutput("labels"));
			assertEquals("nearest centre (k-means predict)", ((RunSummary) CommandRunner.commandOf(applied)).summary().get("assignment"));
		}
		assertEquals(hash, Images.pixelHash(training), "the input is not modified");

		// write -> read -> write is byte-identical
		final File again = dir.resolve("again.json").toFile();
		ClusteringModel.read(file).write(again);
		assertArrayEquals(Files.readAllBytes(file.toPath()), Files.readAllBytes(again.toPath()));

		// the other 797 digits: the nearest centre, written here from the file
		final ImagePlus unseen = digits("unseen", 1000, 1797);
		final JsonObject model = json(file);
		final JsonArray rows = model.getAsJsonArray("centres");
		final boolean[] inside = ((SliceClusteringModel) ClusteringModel.read(file)).mask();
		final ResultsTable t = table(ok(apply(unseen, file)), "unseen-slices");
		for (int s = 0; s < 797; s++) {
			final byte[] pixels = (byte[]) unseen.getStack().getPixels(s + 1);
			int best = -1;
			double bestDistance = Double.POSITIVE_INFINITY;
			for (int c = 0; c < rows.size(); c++) {
				final JsonArray centre = rows.get(c).getAsJsonArray();
				double sum = 0;
				int f = 0;
				for (int p = 0; p < 64; p++) {
					if (!inside[p]) continue;
					final double e = (pixels[p] & 0xff) - centre.get(f++).getAsDouble();
					sum += e * e;
				}
				assertEquals(f, centre.size());
				if (sum < bestDistance) {
					bestDistance = sum;
					best = c + 1;
				}
			}
			assertEquals(best, (int) t.getValue("cluster", s), "unseen digit " + (s + 1));
			assertEquals(Math.sqrt(bestDistance), t.getValue("distance", s), 1e-9);
		}
		assertEquals(masked ? 48 : 64, rows.get(0).getAsJsonArray().size());
	}

	@Test
	void stacksOfAnotherSliceSizeAreRefused(@TempDir final Path dir) {
		final ImagePlus training = digits("train", 0, 200);
		final File file = dir.resolve("slices.json").toFile();
		ok(Commands.runModule(context, ClusterSlicesCommand.class, fitInputs(training, "k-means", PixelAgglomerationCommand.NO_MASK_CHOICE, file)));
		final ImageStack wide = new ImageStack(9, 8);
		wide.addSlice(new ByteProcessor(9, 8));
		wide.addSlice(new ByteProcessor(9, 8));
		assertEquals("The model expects slices of 8x8 pixels, got 9x8 pixels.", CommandRunner.cancelReason(apply(new ImagePlus("wide", wide), file)));
		final ImageStack rgb = new ImageStack(8, 8);
		rgb.addSlice(new ColorProcessor(8, 8));
		assertEquals(String.format(SliceClusteringModel.SLICE_SIZE, "8x8 pixels", "8x8 pixels, RGB"), CommandRunner.cancelReason(apply(new ImagePlus("rgb", rgb), file)));
		// one slice of the right size is labelled
		assertTrue(ok(apply(digits("one", 5, 6), file)).getOutput("centres") != null);
	}

	@Test
	void aMacroFitsWithSaveModelAndAppliesTheModel(@TempDir final Path dir) {
		final String model = dir.resolve("slices model.json").toString();
		final String result = new Interpreter().run(String.join("\n", //
			"setBatchMode(true);", //
			"newImage('stack', '8-bit black', 6, 5, 8);", //
			"for (z = 1; z <= 8; z++) { setSlice(z); for (y = 0; y < 5; y++) for (x = 0; x < 6; x++) setPixel(x, y, (z % 3) * 80 + x + y); }", //
			"run('Cluster Slices', 'image=stack clusters=3 method=k-means restarts=0 seed=0 mask=<none> reorder=false save_model=[" + model + "]');", //
			"fit = ''; for (i = 0; i < nResults; i++) fit = fit + getResult('cluster', i);", //
			"run('Apply Clustering Model', 'image=stack model=[" + model + "] overlay=false roi_manager=false');", //
			"applied = ''; for (i = 0; i < nResults; i++) applied = applied + getResult('cluster', i);", //
			"return fit + ' ' + applied + ' ' + getTitle();"), "");
		final String[] parts = result.split(" ");
		assertEquals(3, parts.length, result);
		assertEquals(8, parts[0].length(), result);
		assertEquals(parts[0], parts[1], result);
		assertEquals("stack-centres", parts[2], result);
	}
}
