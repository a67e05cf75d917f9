package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.pixelclustering.adapters.SampleLayout;
import io.github.pixelclustering.api.PixelAgglomeration;
import io.github.pixelclustering.hkmeans.HierarchicalKMeans;
import io.github.pixelclustering.output.RoiOutput;
import io.github.pixelclustering.testutil.BatchImages;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;
import io.github.pixelclustering.testutil.Partitions;
import io.github.pixelclustering.testutil.Regions;
import io.github.pixelclustering.testutil.SmoothNoise;
import io.github.pixelclustering.testutil.TestData;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.module.Module;
import io.github.pixelclustering.headless.CommandRunner;
import org.scijava.command.CommandService;

/** {@link PixelAgglomerationCommand} through SciJava's CommandService, headless. */
class PixelAgglomerationCommandTest {

	private static Context context;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	private static Map<String, Object> settings(final ImagePlus image, final int clusters) {
		return Commands.inputs("image", image, "clusters", clusters, "distance_threshold", 0.0, "method", "ward", "samples", "auto", "dimensions", "2D", "connectivity", "4", "mask", PixelAgglomerationCommand.NO_MASK_CHOICE, "batch_size", 1000, "restarts", 10, "max_no_improvement", 10, "seed", 0L, "init", "k-means++", "lloyd_iterations", 2, "scaling", false, "connected", false, "overlay", false, "roi_manager", false);
	}

	private static Module run(final Map<String, Object> inputs) {
		return Commands.runModule(context, PixelAgglomerationCommand.class, inputs);
	}

	private static Module ok(final Map<String, Object> inputs) {
		final Module module = run(inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static ImagePlus output(final Module module, final String name) {
		return (ImagePlus) module.getOutput(name);
	}

	private static PixelAgglomerationCommand command(final Module module) {
		return (PixelAgglomerationCommand) CommandRunner.commandOf(module);
	}

	private static JsonObject fixture(final String name) {
		for (final JsonElement e : TestData.fixture("ward.json").getAsJsonArray("cases"))
			if (e.getAsJsonObject().get("name").getAsString().equals(name)) return e.getAsJsonObject();
		throw new AssertionError("no fixture case " + name);
	}

	/** Smoothed noise as a hyperstack: Z slices (space) x T frames (samples), 32-bit. */
	private static ImagePlus noise(final int w, final int h, final int z, final int samples, final long seed, final int radius, final boolean framesAsSlices) {
		final double[] x = SmoothNoise.pixelMajor(w, h, z, samples, seed, radius);
		final ImageStack stack = new ImageStack(w, h);
		for (int t = 0; t < samples; t++)
			for (int s = 0; s < z; s++) {
				final float[] plane = new float[w * h];
				for (int p = 0; p < w * h; p++)
					plane[p] = (float) x[(s * w * h + p) * samples + t];
				stack.addSlice(null, plane);
			}
		final ImagePlus imp = new ImagePlus("noise", stack);
		if (framesAsSlices) imp.setDimensions(1, samples, 1);
		else imp.setDimensions(1, z, samples);
		imp.setOpenAsHyperStack(!framesAsSlices);
		return imp;
	}

	private static int[] labelsOf(final ImagePlus labels) {
		final int n = labels.getWidth() * labels.getHeight();
		final int[] out = new int[n * labels.getStackSize()];
		for (int s = 1; s <= labels.getStackSize(); s++) {
			final ImageProcessor ip = labels.getStack().getProcessor(s);
			for (int p = 0; p < n; p++)
				out[(s - 1) * n + p] = ip.get(p);
		}
		return out;
	}

	@Test
	void digitsGiveScikitLearnsSuperPixels() {
		final ImagePlus image = Images.digits();
		final int before = Images.pixelHash(image);
		final Module module = ok(settings(image, 32));
		final ImagePlus labels = output(module, "labels");
		final ImagePlus agglomerated = output(module, "agglomerated");
		final ImagePlus reduced = output(module, "reduced");
		assertEquals("digits-labels", labels.getTitle());
		assertEquals("digits-agglomerated", agglomerated.getTitle());
		assertEquals("digits-reduced", reduced.getTitle());
		assertEquals(before, Images.pixelHash(image), "input untouched");

		final JsonObject ref = fixture("digits");
		final int[] ours = labelsOf(labels);
		assertEquals(1, labels.getStackSize());
		assertEquals(1.0, Partitions.adjustedRand(ours, TestData.ints(ref.getAsJsonArray("labels"))), 0.0);
		final Map<String, Object> summary = command(module).summary();
		final double objective = ref.get("objective").getAsDouble();
		assertEquals(objective, (double) summary.get("ward_objective"), 1e-9 * objective);
		assertEquals("slices", summary.get("sample_axis"));
		assertEquals(1797, summary.get("samples"));

		// reduced: 32 columns (clusters) x 1797 rows (samples), the cluster means
		assertEquals(32, reduced.getWidth());
		assertEquals(1797, reduced.getHeight());
		assertEquals(32, reduced.getBitDepth());
		// agglomerated: same shape as the input, 32-bit, each pixel = its cluster's mean in that sample
		assertEquals(1797, agglomerated.getStackSize());
		assertEquals(32, agglomerated.getBitDepth());
		for (final int slice : new int[] { 1, 2, 1000, 1797 })
			for (int p = 0; p < 64; p++)
				assertEquals(reduced.getProcessor().getf(ours[p] - 1, slice - 1), agglomerated.getStack().getProcessor(slice).getf(p), 0f);
		// the table: 32 rows, sizes add up, largest first
		final ResultsTable table = command(module).tables().get("digits-clusters");
		assertEquals(32, table.size());
		assertArrayEquals(new String[] { "label", "pixels", "fraction", "x", "y" }, table.getHeadings());
		int total = 0;
		for (int row = 0; row < 32; row++) {
			total += (int) table.getValue("pixels", row);
			if (row > 0) assertTrue(table.getValue("pixels", row) <= table.getValue("pixels", row - 1));
		}
		assertEquals(64, total);
	}

	@Test
	void pictureOfTwoRegions() {
		// two frames; the left 3 columns rise, the right 3 fall
		final float[] first = { //
			1, 1, 1, 9, 9, 9, //
			1, 1, 1, 9, 9, 9, //
			1, 1, 1, 9, 9, 9 };
		final float[] second = { //
			9, 9, 9, 1, 1, 1, //
			9, 9, 9, 1, 1, 1, //
			9, 9, 9, 1, 1, 1 };
		final ImageStack stack = new ImageStack(6, 3);
		stack.addSlice(new FloatProcessor(6, 3, first));
		stack.addSlice(new FloatProcessor(6, 3, second));
		final ImagePlus image = new ImagePlus("two.tif", stack);
		image.setDimensions(1, 1, 2);
		image.getCalibration().pixelWidth = 2;
		final Module module = ok(settings(image, 2));
		final int[] labels = labelsOf(output(module, "labels"));
		assertArrayEquals(new int[] { //
			1, 1, 1, 2, 2, 2, //
			1, 1, 1, 2, 2, 2, //
			1, 1, 1, 2, 2, 2 }, labels, "equal sizes: the cluster of the first pixel is 1");
		assertEquals(Images.pixelHash(image), Images.pixelHash(output(module, "agglomerated")), "flat regions are their own means");
		final ResultsTable table = command(module).tables().get("two-clusters");
		assertEquals(1.5 * 2, table.getValue("x", 0), 1e-12, "calibrated centroid of columns 0..2");
		assertEquals(1.5, table.getValue("y", 0), 1e-12);
		assertEquals(4.5 * 2, table.getValue("x", 1), 1e-12);
		assertEquals("frames", command(module).summary().get("sample_axis"));
		assertEquals(0.0, (double) command(module).summary().get("ward_objective"), 0.0);
	}

	@Test
	void rgbRegionsAreKeptWhenKIsTheirNumber() {
		final ImagePlus image = Images.open("four-colours.png");
		final int regions = Regions.count((int[]) image.getProcessor().getPixels(), image.getWidth(), image.getHeight());
		final Module module = ok(settings(image, regions));
		assertEquals(24, output(module, "agglomerated").getBitDepth());
		assertEquals(Images.pixelHash(image), Images.pixelHash(output(module, "agglomerated")));
		assertEquals("channels", command(module).summary().get("sample_axis"));
		assertEquals(3, command(module).summary().get("samples"));
		// one cluster fewer merges two regions: the objective becomes positive
		assertTrue((double) command(module).summary().get("ward_objective") == 0.0);
		assertTrue((double) command(ok(settings(image, regions - 1))).summary().get("ward_objective") > 0.0);
	}

	@Test
	void threeDimensionalHyperstackGivesScikitLearnsSupervoxels() {
		final JsonObject ref = fixture("noise 3D 10x9x8x6, 6-connected");
		final ImagePlus image = noise(10, 9, 8, 6, 2, 1, false);
		final Map<String, Object> inputs = settings(image, 20);
		inputs.put("dimensions", "3D");
		inputs.put("connectivity", "6");
		final Module module = ok(inputs);
		final ImagePlus labels = output(module, "labels");
		assertEquals(8, labels.getStackSize(), "a 3D label image");
		assertEquals(1.0, Partitions.adjustedRand(labelsOf(labels), TestData.ints(ref.getAsJsonArray("labels"))), 0.0);
		assertEquals(6, output(module, "reduced").getHeight());
		assertEquals(48, output(module, "agglomerated").getStackSize());
		assertArrayEquals(new String[] { "label", "pixels", "fraction", "x", "y", "z" }, command(module).tables().get("noise-clusters").getHeadings());

		// 26-connectivity, through the same command
		inputs.put("connectivity", "26");
		final int[] ours26 = labelsOf(output(ok(inputs), "labels"));
		assertEquals(1.0, Partitions.adjustedRand(ours26, TestData.ints(fixture("noise 3D 10x9x8x6, 26-connected").getAsJsonArray("labels"))), 0.0);
	}

	@Test
	void maskImageWithThreeIslands() {
		final JsonObject ref = fixture("noise 24x16x4, 3 islands");
		final String bits = ref.get("mask").getAsString();
		final ByteProcessor mask = new ByteProcessor(24, 16);
		for (int p = 0; p < bits.length(); p++)
			mask.set(p, bits.charAt(p) == '1' ? 255 : 0);
		final ImagePlus maskImage = new ImagePlus("islands", mask);
		final ImagePlus image = noise(24, 16, 1, 4, 4, 1, true);
		BatchImages.with(new ImagePlus[] { image, maskImage }, () -> {
			final Map<String, Object> inputs = settings(image, 5);
			inputs.put("mask", "islands");
			final Module module = ok(inputs);
			final int[] all = labelsOf(output(module, "labels"));
			final int[] inside = new int[ref.get("pixels").getAsInt()];
			int row = 0;
			for (int p = 0; p < all.length; p++) {
				if (bits.charAt(p) == '1') inside[row++] = all[p];
				else assertEquals(0, all[p], "0 outside the mask");
			}
			assertEquals(1.0, Partitions.adjustedRand(inside, TestData.ints(ref.getAsJsonArray("labels"))), 0.0);
			assertEquals(3, command(module).summary().get("components"));
			// outside the mask, the agglomerated image keeps the input's values
			final ImagePlus agglomerated = output(module, "agglomerated");
			for (int p = 0; p < all.length; p++)
				if (all[p] == 0) assertEquals(image.getStack().getProcessor(2).getf(p), agglomerated.getStack().getProcessor(2).getf(p), 0f);
		});
	}

	@Test
	void areaSelectionRestrictsAndOutlinesGoToOverlayAndRoiSet(@TempDir final Path dir) {
		System.setProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY, dir.toString());
		try {
			final ImagePlus image = noise(20, 20, 1, 3, 7, 2, true);
			image.setRoi(new Roi(5, 5, 10, 8));
			final Map<String, Object> inputs = settings(image, 4);
			inputs.put("overlay", true);
			inputs.put("roi_manager", true);
			final Module module = ok(inputs);
			final int[] labels = labelsOf(output(module, "labels"));
			int inside = 0;
			for (int p = 0; p < labels.length; p++) {
				final int x = p % 20;
				final int y = p / 20;
				final boolean in = x >= 5 && x < 15 && y >= 5 && y < 13;
				assertEquals(in, labels[p] > 0);
				if (in) inside++;
			}
			assertEquals(80, inside);
			final Overlay overlay = image.getOverlay();
			assertEquals(4, overlay.size());
			assertEquals("cluster 1", overlay.get(0).getName());
			final File zip = dir.resolve("noise-rois.zip").toFile();
			assertTrue(zip.isFile());
			assertEquals(java.util.List.of(zip), command(module).files());
		}
		finally {
			System.clearProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY);
		}
	}

	@Test
	void sameLabelsForOneOrManyThreads() {
		final ImagePlus image = noise(40, 30, 1, 5, 9, 2, true);
		final int[] one = Commands.withThreads(1, () -> labelsOf(output(ok(settings(image, 30)), "labels")));
		final int[] many = Commands.withThreads(3, () -> labelsOf(output(ok(settings(image, 30)), "labels")));
		assertArrayEquals(one, many);
	}

	@Test
	void hkmeansLloydIterationsLowerTheObjective() {
		// 48 x 40 pixels of 12-sample smoothed noise, K = 60: the command passes lloyd_iterations on
		final int w = 48;
		final int h = 40;
		final double[] x = SmoothNoise.pixelMajor(w, h, 1, 12, 3, 2);
		final ImagePlus image = noise(w, h, 1, 12, 3, 2, true);
		// 0: nilearn's algorithm; the default 3 (with 3 k-means++ candidates per centre instead of 5)
		final double[] objective = new double[2];
		final int[] iterations = { 0, HierarchicalKMeans.DEFAULT_LLOYD_ITERATIONS };
		for (int v = 0; v < 2; v++) {
			final int value = iterations[v];
			final int[] labels = labelsOf(output(ok(with(settings(image, 60), m -> {
				m.put("method", "hkmeans");
				m.put("lloyd_iterations", value);
			})), "labels"));
			assertEquals(60, Arrays.stream(labels).distinct().count(), "K clusters, labels 1..K");
			assertEquals(1, Arrays.stream(labels).min().getAsInt());
			objective[v] = within(x, labels, 12, 61);
		}
		assertTrue(objective[1] < 0.998 * objective[0], "lloyd_iterations=" + iterations[1] + ": " + objective[1] + " vs 0: " + objective[0]);
		assertCanceled(with(settings(image, 60), m -> {
			m.put("method", "hkmeans");
			m.put("lloyd_iterations", -1);
		}), "lloyd_iterations must be >= 0, got -1.");
	}

	/** Within-cluster sum of squares of the pixel profiles (pixel-major, d values each) for labels < k. */
	private static double within(final double[] x, final int[] labels, final int d, final int k) {
		final double[] sums = new double[k * d];
		final int[] counts = new int[k];
		for (int p = 0; p < labels.length; p++) {
			counts[labels[p]]++;
			for (int f = 0; f < d; f++)
				sums[labels[p] * d + f] += (float) x[p * d + f];
		}
		double s = 0;
		for (int p = 0; p < labels.length; p++)
			for (int f = 0; f < d; f++) {
				final double e = (float) x[p * d + f] - sums[labels[p] * d + f] / counts[labels[p]];
				s += e * e;
			}
		return s;
	}

	@Test
	void badInputCancelsWithAMessage() {
		final ImagePlus image = noise(6, 5, 1, 3, 1, 1, true);
		final int before = Images.pixelHash(image);
		assertCanceled(settings(image, 0), String.format(PixelAgglomeration.NO_CUT, 0, 0.0));
		assertCanceled(settings(image, 31), String.format(PixelAgglomeration.TOO_MANY_CLUSTERS, 30, 31));
		assertCanceled(with(settings(noise(6, 5, 1, 1, 1, 1, true), 3), m -> m.put("dimensions", "3D")), String.format(SampleLayout.NO_Z, "a single-channel 32-bit image"));
		assertCanceled(with(settings(image, 3), m -> m.put("dimensions", "3D")), String.format(PixelAgglomerationCommand.BAD_CONNECTIVITY, "4", "3D", "6, 18, 26"));
		assertCanceled(with(settings(image, 3), m -> m.put("connectivity", "6")), String.format(PixelAgglomerationCommand.BAD_CONNECTIVITY, "6", "2D", "4, 8"));
		assertCanceled(with(settings(image, 3), m -> m.put("mask", "nothing open")), String.format(PixelAgglomerationCommand.NO_MASK, "nothing open"));
		assertCanceled(with(settings(image, 70000), m -> {}), String.format(PixelAgglomerationCommand.TOO_MANY_LABELS, 70000));
		// an empty selection area: a mask with no pixel
		final ImagePlus empty = new ImagePlus("empty", new ByteProcessor(6, 5));
		final ImagePlus small = new ImagePlus("small", new ByteProcessor(4, 4));
		BatchImages.with(new ImagePlus[] { image, empty, small }, () -> {
			assertCanceled(with(settings(image, 3), m -> m.put("mask", "empty")), PixelAgglomeration.EMPTY_MASK);
			assertCanceled(with(settings(image, 3), m -> m.put("mask", "small")), String.format(PixelAgglomerationCommand.MASK_SIZE, "6 x 5 pixels with 1 slice", "\"small\", 4 x 4 pixels with 1 slice"));
		});
		// NaN: the message names the first position
		final ImagePlus nan = noise(6, 5, 1, 3, 1, 1, true);
		nan.getStack().getProcessor(2).setf(3, 1, Float.NaN);
		assertCanceled(settings(nan, 3), String.format(PixelAgglomeration.NOT_FINITE, "NaN", "x=3, y=1, sample 2"));
		// slices as samples in 3D; channels and frames both present
		final ImagePlus volume = noise(6, 5, 3, 2, 1, 1, false);
		assertCanceled(with(settings(volume, 3), m -> {
			m.put("dimensions", "3D");
			m.put("connectivity", "6");
			m.put("samples", "slices");
		}), SampleLayout.SLICES_ARE_SPACE);
		assertCanceled(settings(volume, 3), String.format(SampleLayout.AMBIGUOUS, SampleLayout.describe(volume), "frames", "slices", 3));
		final ImagePlus fourD = noise(6, 5, 1, 4, 1, 1, true);
		fourD.setDimensions(2, 1, 2);
		assertCanceled(settings(fourD, 3), String.format(SampleLayout.AMBIGUOUS, SampleLayout.describe(fourD), "frames", "channels", 2));
		assertEquals(before, Images.pixelHash(image), "input untouched");
		assertNull(run(settings(image, 0)).getOutput("labels"));
	}

	// -- Helpers --

	private static Map<String, Object> with(final Map<String, Object> inputs, final Consumer<Map<String, Object>> change) {
		change.accept(inputs);
		return inputs;
	}

	private static void assertCanceled(final Map<String, Object> inputs, final String reason) {
		final Module module = run(inputs);
		assertTrue(CommandRunner.canceled(module), "should cancel with: " + reason);
		assertEquals(reason, CommandRunner.cancelReason(module));
	}
}
