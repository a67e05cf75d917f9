package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.PixelAgglomerationModel;
import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.headless.MacroBridge;
import io.github.pixelclustering.output.RunSummary;
import io.github.pixelclustering.testutil.BatchImages;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.SmoothNoise;

import ij.ImagePlus;
import ij.ImageStack;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;


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
 * Pixel Agglomeration models, every method: fitted with {@code save_model} through the command, applied
 * through Apply Clustering Model to the training stack (the fit's outputs back), to unseen stacks (a
 * predict written here), with 1 and 2 threads; files round-trip byte for byte; bad stacks refused.
 */
class PixelAgglomerationModelTest {

	private static final int W = 40;
	private static final int H = 32;

	private static Context context;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
		MacroBridge.install(context);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/** Smoothed noise, 32-bit, frames as the samples. */
	static ImagePlus noise(final int w, final int h, final int samples, final long seed) {
		final double[] x = SmoothNoise.pixelMajor(w, h, 1, samples, seed, 2);
		final ImageStack stack = new ImageStack(w, h);
		for (int t = 0; t < samples; t++) {
			final float[] plane = new float[w * h];
			for (int p = 0; p < w * h; p++)
				plane[p] = (float) x[p * samples + t];
			stack.addSlice(null, plane);
		}
		final ImagePlus imp = new ImagePlus("noise-" + seed, stack);
		imp.setDimensions(1, 1, samples);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	private static Map<String, Object> fitInputs(final ImagePlus image, final String method, final boolean connected, final int clusters, final String mask, final File model) {
		return Commands.inputs("image", image, "clusters", clusters, "distance_threshold", 0.0, "method", method, "samples", "auto", "dimensions", "2D", "connectivity", "4", "mask", mask, "batch_size", 200, "restarts", 3, "max_no_improvement", 10, "seed", 1L, "init", "k-means++", "lloyd_iterations", 2, "scaling", false, "connected", connected, "overlay", false, "roi_manager", false, "save_model", model);
	}

	private static Module ok(final Module module) {
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static Module apply(final ImagePlus image, final File model) {
		return Commands.runModule(context, ApplyClusteringModelCommand.class, Commands.inputs("image", image, "model", model, "overlay", false, "roi_manager", false));
	}

	static int[] pixels(final ImagePlus imp) {
		final int n = imp.getWidth() * imp.getHeight();
		final int[] out = new int[n * imp.getStackSize()];
		for (int s = 1; s <= imp.getStackSize(); s++) {
			final ImageProcessor ip = imp.getStack().getProcessor(s);
			for (int p = 0; p < n; p++)
				out[(s - 1) * n + p] = Float.floatToIntBits(ip.getf(p));
		}
		return out;
	}

	static int[] labels(final Module module) {
		final ImagePlus labels = (ImagePlus) module.getOutput("labels");
		final int[] out = new int[labels.getWidth() * labels.getHeight() * labels.getStackSize()];
		for (int s = 1; s <= labels.getStackSize(); s++)
			for (int p = 0; p < labels.getWidth() * labels.getHeight(); p++)
				out[(s - 1) * labels.getWidth() * labels.getHeight() + p] = labels.getStack().getProcessor(s).get(p);
		return out;
	}

	static String table(final Module module, final String title) {
		final ResultsTable t = ((RunSummary) CommandRunner.commandOf(module)).tables().get(title);
		final StringBuilder sb = new StringBuilder(String.join(",", t.getHeadings())).append('\n');
		for (int r = 0; r < t.size(); r++) {
			for (final String h : t.getHeadings())
				sb.append(t.getValue(h, r)).append(',');
			sb.append('\n');
		}
		return sb.toString();
	}

	private static Object summary(final Module module, final String key) {
		return ((RunSummary) CommandRunner.commandOf(module)).summary().get(key);
	}

	private static JsonObject json(final File file) throws IOException {
		return JsonParser.parseString(new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8)).getAsJsonObject();
	}

	private static double[][] rows(final JsonObject o, final String key) {
		final JsonArray a = o.getAsJsonArray(key);
		final double[][] out = new double[a.size()][];
		for (int r = 0; r < out.length; r++) {
			final JsonArray row = a.get(r).getAsJsonArray();
			out[r] = new double[row.size()];
			for (int c = 0; c < out[r].length; c++)
				out[r][c] = row.get(c).getAsDouble();
		}
		return out;
	}

	private static int[] ints(final JsonObject o, final String key) {
		final JsonArray a = o.getAsJsonArray(key);
		final int[] out = new int[a.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = a.get(i).getAsInt();
		return out;
	}

	/** Index of the nearest of the rows (squared differences summed in feature order; the first wins ties). */
	private static int nearest(final double[] x, final int offset, final double[][] centres, final int[] among) {
		int best = -1;
		double bestDistance = Double.POSITIVE_INFINITY;
		for (final int j : among) {
			double d = 0;
			for (int f = 0; f < centres[j].length; f++)
				d += (x[offset + f] - centres[j][f]) * (x[offset + f] - centres[j][f]);
			if (d < bestDistance) {
				bestDistance = d;
				best = j;
			}
		}
		return best;
	}

	private static int[] all(final int n) {
		final int[] out = new int[n];
		for (int i = 0; i < n; i++)
			out[i] = i;
		return out;
	}

	/** The model's predict, written here from the model file: k-means' nearest centre, or hkmeans' coarse then fine. */
	private static int[] predict(final JsonObject model, final double[] x, final int n, final int d) {
		final int[] out = new int[n];
		if (model.get("assignment").getAsString().equals("nearest centre")) {
			final double[][] centres = rows(model, "centres");
			final int[] labels = ints(model, "centre_labels");
			for (int p = 0; p < n; p++)
				out[p] = labels[nearest(x, p * d, centres, all(centres.length))];
			return out;
		}
		final double[][] coarse = rows(model, "coarse_centres");
		final double[][] fine = rows(model, "fine_centres");
		final int[] fineCoarse = ints(model, "fine_coarse");
		final int[] fineLabels = ints(model, "fine_labels");
		for (int p = 0; p < n; p++) {
			final int c = nearest(x, p * d, coarse, all(coarse.length));
			final int[] members = java.util.stream.IntStream.range(0, fine.length).filter(j -> fineCoarse[j] == c).toArray();
			out[p] = fineLabels[nearest(x, p * d, fine, members)];
		}
		return out;
	}

	@ParameterizedTest
	@CsvSource({ "kmeans, false, 6, 12, nearest centre (k-means predict)", "hkmeans, false, 16, 20, nearest coarse then fine centre (hkmeans)", "hkmeans, false, 6, 9, nearest coarse then fine centre (hkmeans)", "ward, false, 6, 15, the model's parcellation", "kmeans, true, 6, 8, the model's parcellation", "hkmeans, true, 5, 6, the model's parcellation" })
	void everyMethodAppliesToItsTrainingStackAndToUnseenStacks(final String method, final boolean connected, final int samples, final int clusters, final String assignment, @TempDir final Path dir) throws IOException {
		final ImagePlus training = noise(W, H, samples, 11);
		final File file = dir.resolve(method + ".json").toFile();
		final Module fit = ok(Commands.runModule(context, PixelAgglomerationCommand.class, fitInputs(training, method, connected, clusters, PixelAgglomerationCommand.NO_MASK_CHOICE, file)));
		assertTrue(file.isFile());
		assertEquals(file.getPath(), summary(fit, "model"));
		final int[] before = pixels(training);

		// the training stack: the fit's labels, tables and images, with 1 and 2 threads
		for (final boolean single : new boolean[] { true, false }) {
			final Supplier<Module> run = () -> ok(apply(training, file));
			final Module applied = single ? Commands.withThreads(1, run::get) : Commands.withThreads(3, run::get);
			assertArrayEquals(labels(fit), labels(applied), method + ": labels of the fit");
			assertEquals(table(fit, "noise-11-clusters"), table(applied, "noise-11-clusters"));
			assertArrayEquals(pixels((ImagePlus) fit.getOutput("agglomerated")), pixels((ImagePlus) applied.getOutput("agglomerated")));
			assertArrayEquals(pixels((ImagePlus) fit.getOutput("reduced")), pixels((ImagePlus) applied.getOutput("reduced")));
			assertEquals(assignment, summary(applied, "assignment"));
			// ward's objective comes from its merge tree, the applied one from the pixels: equal to rounding
			assertEquals((double) summary(fit, "ward_objective"), (double) summary(applied, "ward_objective"), 1e-12 * (double) summary(fit, "ward_objective"));
		}
		assertArrayEquals(before, pixels(training), "the input is not modified");

		// write -> read -> write is byte-identical
		final File again = dir.resolve("again.json").toFile();
		ClusteringModel.read(file).write(again);
		assertArrayEquals(Files.readAllBytes(file.toPath()), Files.readAllBytes(again.toPath()));

		final JsonObject model = json(file);
		if (!((PixelAgglomerationModel) ClusteringModel.read(file)).isParcellation()) {
			// an unseen stack on another grid: the predict written here
			final int w = 30, h = 20;
			final ImagePlus unseen = noise(w, h, samples, 12);
			final Module one = Commands.withThreads(1, () -> ok(apply(unseen, file)));
			final Module two = Commands.withThreads(3, () -> ok(apply(unseen, file)));
			assertArrayEquals(predict(model, SmoothNoise.pixelMajor(w, h, 1, samples, 12, 2), w * h, samples), labels(one), method + ": predict on an unseen stack");
			assertArrayEquals(labels(one), labels(two));
			assertEquals(table(one, "noise-12-clusters"), table(two, "noise-12-clusters"));
			return;
		}
		// an unseen stack on the same grid with other samples: the parcels, and their means in the new stack
		final int other = samples + 3;
		final ImagePlus unseen = noise(W, H, other, 12);
		final Module one = Commands.withThreads(1, () -> ok(apply(unseen, file)));
		final Module two = Commands.withThreads(3, () -> ok(apply(unseen, file)));
		assertArrayEquals(labels(fit), labels(one), "the parcellation");
		assertArrayEquals(labels(one), labels(two));
		final int k = model.get("clusters").getAsInt();
		final double[] x = SmoothNoise.pixelMajor(W, H, 1, other, 12, 2);
		final int[] parcels = labels(one);
		final double[] sums = new double[k * other];
		final int[] counts = new int[k];
		for (int p = 0; p < W * H; p++) {
			counts[parcels[p] - 1]++;
			for (int s = 0; s < other; s++)
				sums[(parcels[p] - 1) * other + s] += x[p * other + s];
		}
		final ImagePlus reduced = (ImagePlus) one.getOutput("reduced");
		assertEquals(k, reduced.getWidth());
		assertEquals(other, reduced.getHeight());
		for (int c = 0; c < k; c++)
			for (int s = 0; s < other; s++)
				assertEquals((float) (sums[c * other + s] / counts[c]), reduced.getProcessor().getf(c, s), 1e-3, "parcel " + (c + 1) + ", sample " + s);
		final ImagePlus agglomerated = (ImagePlus) one.getOutput("agglomerated");
		assertEquals(other, agglomerated.getStackSize());
		assertEquals(reduced.getProcessor().getf(parcels[7] - 1, 2), agglomerated.getStack().getProcessor(3).getf(7));
	}

	@Test
	void stacksTheModelCannotDescribeAreRefusedNamingBothSides(@TempDir final Path dir) {
		final ImagePlus training = noise(W, H, 6, 11);
		final File ward = dir.resolve("ward.json").toFile();
		ok(Commands.runModule(context, PixelAgglomerationCommand.class, fitInputs(training, "ward", false, 10, PixelAgglomerationCommand.NO_MASK_CHOICE, ward)));
		final Module bigger = apply(noise(2 * W, 2 * H, 6, 12), ward);
		assertTrue(CommandRunner.canceled(bigger));
		assertEquals("The model expects a 40x32 grid (parcellation of the training image), got 80x64.", CommandRunner.cancelReason(bigger));
		assertEquals(String.format(PixelAgglomerationModel.GRID, "40x32", PixelAgglomerationModel.PARCELLATION_GRID, "80x64"), CommandRunner.cancelReason(bigger));

		final File kmeans = dir.resolve("kmeans.json").toFile();
		ok(Commands.runModule(context, PixelAgglomerationCommand.class, fitInputs(training, "kmeans", false, 10, PixelAgglomerationCommand.NO_MASK_CHOICE, kmeans)));
		final Module fewer = apply(noise(W, H, 5, 12), kmeans);
		assertTrue(CommandRunner.canceled(fewer));
		assertEquals("The model expects 6 samples per pixel (frames), got 5.", CommandRunner.cancelReason(fewer));
		// a k-means model labels any grid
		ok(apply(noise(2 * W, H, 6, 12), kmeans));
	}

	@Test
	void aMaskedFitLabelsTheSamePixelsAndNeedsItsGrid(@TempDir final Path dir) {
		final ImagePlus training = noise(W, H, 6, 11);
		final ByteProcessor m = new ByteProcessor(W, H);
		m.setColor(255);
		m.fillOval(4, 3, 30, 25);
		final ImagePlus mask = new ImagePlus("pa-model-mask", m);
		BatchImages.with(new ImagePlus[] { training, mask }, () -> {
			for (final String method : new String[] { "kmeans", "hkmeans" }) {
				final File file = dir.resolve(method + "-masked.json").toFile();
				final Module fit = ok(Commands.runModule(context, PixelAgglomerationCommand.class, fitInputs(training, method, false, 9, "pa-model-mask", file)));
				final Module applied = ok(apply(training, file));
				assertArrayEquals(labels(fit), labels(applied), method);
				assertEquals(0, labels(applied)[0], "outside the mask");
				assertEquals(table(fit, "noise-11-clusters"), table(applied, "noise-11-clusters"));
				final Module other = apply(noise(W + 1, H, 6, 12), file);
				assertEquals("The model expects a 40x32 grid (mask of the training image), got 41x32.", CommandRunner.cancelReason(other));
			}
		});
	}

	/** An RGB picture of smoothed noise. */
	private static ImagePlus rgb(final int w, final int h, final long seed) {
		final double[] x = SmoothNoise.pixelMajor(w, h, 1, 3, seed, 1);
		final int[] argb = new int[w * h];
		for (int p = 0; p < w * h; p++)
			argb[p] = 0xff000000 | (int) (x[3 * p] / 9) << 16 | (int) (x[3 * p + 1] / 9) << 8 | (int) (x[3 * p + 2] / 9);
		return new ImagePlus("rgb-" + seed, new ij.process.ColorProcessor(w, h, argb));
	}

	@Test
	void rgbPicturesAndOutlines(@TempDir final Path dir) throws IOException {
		final ImagePlus training = rgb(30, 20, 3);
		final File file = dir.resolve("rgb.json").toFile();
		final Map<String, Object> inputs = fitInputs(training, "kmeans", false, 6, PixelAgglomerationCommand.NO_MASK_CHOICE, file);
		inputs.put("overlay", true);
		final Module fit = ok(Commands.runModule(context, PixelAgglomerationCommand.class, inputs));
		final int outlines = training.getOverlay().size();
		training.setOverlay(null);
		final Module applied = ok(Commands.runModule(context, ApplyClusteringModelCommand.class, Commands.inputs("image", training, "model", file, "overlay", true, "roi_manager", false)));
		assertArrayEquals(labels(fit), labels(applied));
		assertEquals(outlines, training.getOverlay().size(), "the same outlines");
		assertArrayEquals((int[]) ((ImagePlus) fit.getOutput("agglomerated")).getProcessor().getPixels(), (int[]) ((ImagePlus) applied.getOutput("agglomerated")).getProcessor().getPixels());
		assertEquals(ImagePlus.COLOR_RGB, ((ImagePlus) applied.getOutput("agglomerated")).getType());
		// another picture: R, G, B as read, nearest centre
		final ImagePlus other = rgb(25, 15, 4);
		final int[] argb = (int[]) other.getProcessor().getPixels();
		final double[] x = new double[3 * argb.length];
		for (int p = 0; p < argb.length; p++) {
			x[3 * p] = argb[p] >> 16 & 0xff;
			x[3 * p + 1] = argb[p] >> 8 & 0xff;
			x[3 * p + 2] = argb[p] & 0xff;
		}
		assertArrayEquals(predict(json(file), x, argb.length, 3), labels(ok(apply(other, file))));
		assertEquals("channels", json(file).getAsJsonObject("features").get("sample_axis").getAsString());
	}

	@Test
	void threeDimensionalParcellations(@TempDir final Path dir) {
		final int w = 12, h = 10;
		final ImagePlus training = noise3d(w, h, 4, 3, 21);
		final File file = dir.resolve("3d.json").toFile();
		final Map<String, Object> inputs = fitInputs(training, "ward", false, 7, PixelAgglomerationCommand.NO_MASK_CHOICE, file);
		inputs.put("dimensions", "3D");
		inputs.put("connectivity", "6");
		final Module fit = ok(Commands.runModule(context, PixelAgglomerationCommand.class, inputs));
		final Module applied = ok(apply(training, file));
		assertArrayEquals(labels(fit), labels(applied));
		assertEquals(4, ((ImagePlus) applied.getOutput("labels")).getStackSize());
		assertEquals(table(fit, "noise3d-clusters"), table(applied, "noise3d-clusters"));
		ok(apply(noise3d(w, h, 4, 5, 22), file));
		assertEquals("The model expects a 12x10x4 grid (parcellation of the training image), got 12x10x5.", CommandRunner.cancelReason(apply(noise3d(w, h, 5, 3, 22), file)));
	}

	/** Smoothed noise as a hyperstack: z slices (space) x frames (samples). */
	private static ImagePlus noise3d(final int w, final int h, final int z, final int samples, final long seed) {
		final double[] x = SmoothNoise.pixelMajor(w, h, z, samples, seed, 1);
		final ImageStack stack = new ImageStack(w, h);
		for (int t = 0; t < samples; t++)
			for (int s = 0; s < z; s++) {
				final float[] plane = new float[w * h];
				for (int p = 0; p < w * h; p++)
					plane[p] = (float) x[(s * w * h + p) * samples + t];
				stack.addSlice(null, plane);
			}
		final ImagePlus imp = new ImagePlus("noise3d", stack);
		imp.setDimensions(1, z, samples);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	@Test
	void aMacroFitsWithSaveModelAndAppliesTheModel(@TempDir final Path dir) {
		final String model = dir.resolve("macro model.json").toString();
		final String result = new Interpreter().run(String.join("\n", //
			"setBatchMode(true);", //
			"newImage('train', '32-bit ramp', 24, 16, 1, 1, 5);", //
			"for (t = 1; t <= 5; t++) { Stack.setFrame(t); for (y = 0; y < 16; y++) for (x = 0; x < 24; x++) setPixel(x, y, (x * t + y * y * (6 - t)) % 17); }", //
			"run('Pixel Agglomeration', 'image=train clusters=6 method=ward samples=auto dimensions=2D connectivity=4 mask=<none> batch_size=1000 restarts=10 max_no_improvement=10 seed=0 init=k-means++ lloyd_iterations=2 scaling=false connected=false overlay=false roi_manager=false save_model=[" + model + "]');", //
			"selectImage('train-labels'); fit = '' + getPixel(0, 0) + ',' + getPixel(23, 15) + ',' + getPixel(12, 8);", //
			"close('train-labels');", //
			"run('Apply Clustering Model', 'image=train model=[" + model + "] overlay=false roi_manager=false');", //
			"selectImage('train-labels'); applied = '' + getPixel(0, 0) + ',' + getPixel(23, 15) + ',' + getPixel(12, 8);", //
			"return fit + ' ' + applied + ' ' + nResults;"), "");
		final String[] parts = result.split(" ");
		assertEquals(3, parts.length, result);
		assertEquals(parts[0], parts[1], result);
		assertEquals("6", parts[2], result);
		assertTrue(new File(model).isFile());
	}
}
