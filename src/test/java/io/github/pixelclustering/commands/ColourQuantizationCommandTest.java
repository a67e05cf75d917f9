package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.output.LabelLut;
import io.github.pixelclustering.output.RoiOutput;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** {@link ColourQuantizationCommand} through SciJava's CommandService, headless. */
class ColourQuantizationCommandTest {

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
		return Commands.inputs("image", image, "clusters", clusters, "method", "k-means", "space", "RGB", "restarts", 0, "seed", 0L, "init", "k-means++", "overlay", false, "roi_manager", false);
	}

	private static CommandModule run(final Map<String, Object> inputs) {
		return Commands.run(context, ColourQuantizationCommand.class, inputs);
	}

	private static ImagePlus labels(final CommandModule module) {
		assertFalse(module.isCanceled(), () -> "canceled: " + module.getCancelReason());
		return (ImagePlus) module.getOutput("labels");
	}

	@Test
	void fourFlatColoursGiveFourExactClusters() {
		final ImagePlus image = Images.open("four-colours.png");
		final int before = Images.pixelHash(image);
		final CommandModule module = run(settings(image, 4));
		final ImagePlus labels = labels(module);
		final ImagePlus quantized = (ImagePlus) module.getOutput("quantized");
		assertEquals("four-colours-labels", labels.getTitle());
		assertEquals("four-colours-quantized", quantized.getTitle());
		assertEquals(8, labels.getBitDepth());
		assertEquals(Images.pixelHash(image), Images.pixelHash(quantized), "flat colours are their own means");
		assertEquals(before, Images.pixelHash(image), "input untouched");
		// every colour is one cluster, cluster 1 the largest
		final int[] rgb = (int[]) image.getProcessor().getPixels();
		final byte[] l = (byte[]) labels.getProcessor().getPixels();
		final int[] labelOfColour = new int[5];
		final long[] sizes = new long[5];
		final java.util.Map<Integer, Integer> seen = new java.util.HashMap<>();
		for (int i = 0; i < rgb.length; i++) {
			final int label = l[i] & 0xff;
			assertTrue(label >= 1 && label <= 4);
			final Integer previous = seen.putIfAbsent(rgb[i] & 0xffffff, label);
			if (previous != null) assertEquals((int) previous, label);
			sizes[label]++;
		}
		assertEquals(4, seen.size());
		assertTrue(sizes[1] >= sizes[2] && sizes[2] >= sizes[3] && sizes[3] >= sizes[4]);
		// the table
		final ResultsTable table = ((ColourQuantizationCommand) module.getCommand()).tables().get("four-colours-clusters");
		assertEquals(4, table.size());
		assertArrayEquals(new String[] { "label", "R", "G", "B", "pixels", "fraction" }, table.getHeadings());
		for (int row = 0; row < 4; row++) {
			assertEquals(row + 1, (int) table.getValue("label", row));
			assertEquals(sizes[row + 1], (long) table.getValue("pixels", row));
		}
		assertEquals(0, (double) ((ColourQuantizationCommand) module.getCommand()).summary().get("inertia_per_pixel"), 1e-20);
		// headless: the table is also the Results table, for macros
		assertEquals(table, Analyzer.getResultsTable());
		assertTrue(labelOfColour.length > 0);
	}

	@Test
	void labelImageEtiquette() {
		final ImagePlus image = Images.open("china-213x142.png");
		image.getCalibration().pixelWidth = 0.5;
		image.getCalibration().setUnit("mm");
		final ImagePlus labels = labels(run(settings(image, 16)));
		assertEquals(0.5, labels.getCalibration().pixelWidth);
		assertEquals("mm", labels.getCalibration().getUnit());
		assertEquals(0, labels.getDisplayRangeMin());
		assertEquals(255, labels.getDisplayRangeMax());
		assertEquals(LabelLut.colour(3).getRGB(), labels.getProcessor().getLut().getRGB(3));
		assertEquals(0xff000000, labels.getProcessor().getLut().getRGB(0));
		// 1..16 present, nothing else
		final boolean[] present = new boolean[256];
		for (final byte b : (byte[]) labels.getProcessor().getPixels())
			present[b & 0xff] = true;
		assertFalse(present[0]);
		for (int v = 1; v <= 16; v++)
			assertTrue(present[v], "label " + v);
		assertFalse(present[17]);
	}

	@Test
	void moreThan255ClustersGiveA16BitLabelImage() {
		final ImagePlus image = Images.open("china-213x142.png");
		final CommandModule module = run(Commands.inputs("image", image, "clusters", 300, "method", "mini-batch", "space", "RGB", "restarts", 1, "seed", 0L, "init", "k-means++", "overlay", false, "roi_manager", false));
		final ImagePlus labels = labels(module);
		assertEquals(16, labels.getBitDepth());
		int max = 0;
		for (final short s : (short[]) labels.getProcessor().getPixels())
			max = Math.max(max, s & 0xffff);
		assertTrue(max > 255 && max <= 300);
		assertEquals(300, labels.getDisplayRangeMax());
	}

	@Test
	void onlyPixelsInsideTheSelectionAreClustered() {
		final ImagePlus image = Images.open("flower-213x142.png");
		image.setRoi(new OvalRoi(20, 10, 100, 80));
		final ImageProcessor mask = image.getRoi().getMask();
		final CommandModule module = run(settings(image, 6));
		final ImagePlus labels = labels(module);
		final ImagePlus quantized = (ImagePlus) module.getOutput("quantized");
		final int[] in = (int[]) image.getProcessor().getPixels();
		final int[] out = (int[]) quantized.getProcessor().getPixels();
		long inside = 0;
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++) {
				final boolean isInside = x >= 20 && x < 120 && y >= 10 && y < 90 && mask.get(x - 20, y - 10) != 0;
				final int label = labels.getProcessor().get(x, y);
				if (isInside) inside++;
				assertEquals(isInside, label > 0, "(" + x + "," + y + ")");
				if (!isInside) assertEquals(in[y * image.getWidth() + x], out[y * image.getWidth() + x], "outside unchanged");
			}
		assertEquals(inside, ((Number) ((ColourQuantizationCommand) module.getCommand()).summary().get("pixels")).longValue());
	}

	@Test
	void aStackIsOneSetOfPixels() {
		final ImageStack stack = new ImageStack(2, 2);
		stack.addSlice(new ColorProcessor(2, 2, new int[] { 0xff0000, 0xff0000, 0x00ff00, 0x00ff00 }));
		stack.addSlice(new ColorProcessor(2, 2, new int[] { 0x0000ff, 0x0000ff, 0x0000ff, 0xff0000 }));
		final ImagePlus image = new ImagePlus("stack", stack);
		final ImagePlus labels = labels(run(settings(image, 3)));
		assertEquals(2, labels.getStackSize());
		// red (3 pixels) is cluster 1, blue (3) cluster 2 (lower k-means label on the tie decides), green 3
		final byte[] first = (byte[]) labels.getStack().getPixels(1);
		final byte[] second = (byte[]) labels.getStack().getPixels(2);
		assertEquals(first[0], second[3], "red in both slices");
		assertEquals(second[0], second[1]);
		assertEquals(3, first[2] == first[0] || first[2] == second[0] ? -1 : first[2] & 0xff, "green, the smallest, is cluster 3");
	}

	@Test
	void a16BitCompositeUsesOneFeaturePerChannel() {
		final int w = 4;
		final int h = 3;
		final ImageStack stack = new ImageStack(w, h);
		stack.addSlice(new ShortProcessor(w, h, new short[] { 100, 100, 4000, 4000, /**/ 100, 100, 4000, 4000, /**/ 100, 100, 4000, 4000 }, null));
		stack.addSlice(new ShortProcessor(w, h, new short[] { 7, 7, 7, 7, /**/ 7, 7, 7, 7, /**/ 900, 900, 900, 900 }, null));
		final ImagePlus plain = new ImagePlus("composite", stack);
		plain.setDimensions(2, 1, 1);
		final CompositeImage image = new CompositeImage(plain, CompositeImage.COMPOSITE);
		final CommandModule module = run(settings(image, 4));
		final ImagePlus labels = labels(module);
		assertEquals(1, labels.getNChannels());
		final ImageProcessor l = labels.getProcessor();
		// four flat regions: left/right x top-two-rows/bottom-row
		assertEquals(l.get(0, 0), l.get(1, 1));
		assertTrue(l.get(0, 0) != l.get(2, 0));
		assertTrue(l.get(0, 0) != l.get(0, 2));
		assertTrue(l.get(2, 2) != l.get(0, 2));
		final ImagePlus quantized = (ImagePlus) module.getOutput("quantized");
		assertTrue(quantized.isComposite());
		assertEquals(Images.pixelHash(image), Images.pixelHash(quantized));
		final ResultsTable table = ((ColourQuantizationCommand) module.getCommand()).tables().get("composite-clusters");
		assertArrayEquals(new String[] { "label", "C1", "C2", "pixels", "fraction" }, table.getHeadings());
	}

	@Test
	void floatChannelsWithNaNAreRejected() {
		final ImageStack stack = new ImageStack(2, 2);
		stack.addSlice(new FloatProcessor(2, 2, new float[] { 1, 2, 3, 4 }));
		stack.addSlice(new FloatProcessor(2, 2, new float[] { 1, Float.NaN, 3, 4 }));
		final ImagePlus image = new ImagePlus("float", stack);
		image.setDimensions(2, 1, 1);
		final CommandModule module = run(settings(new CompositeImage(image), 2));
		assertTrue(module.isCanceled());
		assertEquals(String.format(ColourQuantization.NOT_FINITE, "NaN", "position [1, 0], channel 2"), module.getCancelReason());
	}

	@Test
	void everyCancelReason() throws Exception {
		// SciJava rejects a missing image before the command runs; run unprocessed, the command says so itself
		final CommandModule noImage = context.service(CommandService.class).run(ColourQuantizationCommand.class, false, settings(null, 4)).get();
		assertEquals(ColourQuantizationCommand.NO_IMAGE, noImage.getCancelReason());
		final ImagePlus grey = new ImagePlus("grey", new ij.process.ByteProcessor(3, 3));
		assertCanceled(settings(grey, 2), String.format(ColourQuantizationCommand.NOT_COLOUR, "a single-channel 8-bit image"));
		assertCanceled(settings(Images.open("four-colours.png"), 0), "Clusters must be in [1, 65535], got 0.");
		assertCanceled(settings(Images.open("four-colours.png"), 5), String.format(ColourQuantization.TOO_MANY_CLUSTERS, 4, 5));
		final ImagePlus onePixel = Images.rgb(1, 0x336699);
		assertCanceled(settings(onePixel, 8), String.format(ColourQuantization.TOO_MANY_CLUSTERS, 1, 8));
		final Map<String, Object> lab = settings(compositeOf2(), 2);
		lab.put("space", "CIELAB");
		assertCanceled(lab, ColourQuantization.CIELAB_NEEDS_RGB);
		final Map<String, Object> restarts = settings(Images.open("four-colours.png"), 2);
		restarts.put("restarts", -1);
		assertCanceled(restarts, "Restarts must be >= 0 (0 = default), got -1.");
		final ImagePlus empty = Images.open("four-colours.png");
		empty.setRoi(new ij.gui.PolygonRoi(new int[] { 10, 20, 30 }, new int[] { 10, 10, 10 }, 3, Roi.POLYGON));
		assertCanceled(settings(empty, 2), ColourQuantization.EMPTY_MASK);
	}

	@Test
	void onePixelAndOneColourWorkWithOneCluster() {
		assertEquals(1, labels(run(settings(Images.rgb(1, 0x336699), 1))).getProcessor().get(0, 0));
		final ImagePlus flat = Images.rgb(3, 0x101010, 0x101010, 0x101010, 0x101010, 0x101010, 0x101010);
		final ImagePlus labels = labels(run(settings(flat, 1)));
		for (final byte b : (byte[]) labels.getProcessor().getPixels())
			assertEquals(1, b);
	}

	@Test
	void cielabGivesLabColumns() {
		final Map<String, Object> inputs = settings(Images.open("ihc-170x170.png"), 5);
		inputs.put("space", "CIELAB");
		final CommandModule module = run(inputs);
		labels(module);
		final ResultsTable table = ((ColourQuantizationCommand) module.getCommand()).tables().get("ihc-170x170-clusters");
		assertArrayEquals(new String[] { "label", "R", "G", "B", "L*", "a*", "b*", "pixels", "fraction" }, table.getHeadings());
		// the L* of the brightest cluster is the largest
		double brightestRgb = -1;
		double itsL = 0;
		double maxL = 0;
		for (int row = 0; row < table.size(); row++) {
			final double sum = table.getValue("R", row) + table.getValue("G", row) + table.getValue("B", row);
			if (sum > brightestRgb) {
				brightestRgb = sum;
				itsL = table.getValue("L*", row);
			}
			maxL = Math.max(maxL, table.getValue("L*", row));
		}
		assertEquals(maxL, itsL);
	}

	@Test
	void outlinesGoToTheOverlayAndHeadlessToARoiSet(@TempDir final Path dir) throws Exception {
		System.setProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY, dir.toString());
		try {
			final ImagePlus image = Images.open("four-colours.png");
			final Map<String, Object> inputs = settings(image, 4);
			inputs.put("overlay", true);
			inputs.put("roi_manager", true);
			final CommandModule module = run(inputs);
			labels(module);
			final Overlay overlay = image.getOverlay();
			assertNotNull(overlay);
			assertEquals(4, overlay.size());
			for (int i = 0; i < 4; i++)
				assertEquals("cluster " + (i + 1), overlay.get(i).getName());
			assertEquals(LabelLut.colour(1), overlay.get(0).getStrokeColor());
			final File zip = dir.resolve("four-colours-rois.zip").toFile();
			assertTrue(zip.isFile());
			try (ZipFile z = new ZipFile(zip)) {
				assertEquals(4, z.size());
			}
			assertEquals(java.util.List.of(zip), ((ColourQuantizationCommand) module.getCommand()).files());
		}
		finally {
			System.clearProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY);
		}
	}

	@Test
	void sameSeedSameLabelsForOneOrManyThreads() {
		final ImagePlus image = Images.open("china-213x142.png");
		final byte[] one = Commands.withThreads(1, () -> (byte[]) labels(run(settings(image, 12))).getProcessor().getPixels());
		final byte[] many = Commands.withThreads(3, () -> (byte[]) labels(run(settings(image, 12))).getProcessor().getPixels());
		assertArrayEquals(one, many);
	}

	@Test
	void noOutputsOnCancel() {
		final CommandModule module = run(settings(Images.open("four-colours.png"), 9));
		assertTrue(module.isCanceled());
		assertNull(module.getOutput("labels"));
	}

	private static ImagePlus compositeOf2() {
		final ImageStack stack = new ImageStack(2, 1);
		stack.addSlice(new ij.process.ByteProcessor(2, 1, new byte[] { 1, 2 }));
		stack.addSlice(new ij.process.ByteProcessor(2, 1, new byte[] { 3, 4 }));
		final ImagePlus imp = new ImagePlus("two", stack);
		imp.setDimensions(2, 1, 1);
		return new CompositeImage(imp);
	}

	private static void assertCanceled(final Map<String, Object> inputs, final String reason) {
		final CommandModule module = run(inputs);
		assertTrue(module.isCanceled(), "should cancel with: " + reason);
		assertEquals(reason, module.getCancelReason());
	}
}
