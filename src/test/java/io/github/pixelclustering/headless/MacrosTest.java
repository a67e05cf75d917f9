package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.TestData;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every batch macro in {@code macros/} run through the real ImageJ macro interpreter (via the command
 * line's macro mode) on {@code test-images/}, with its saved files checked. A macro without a case here
 * fails the build.
 */
class MacrosTest {

	/** Per macro: how to call it on an input and output folder, and how to check its output. */
	private static final Map<String, BiConsumer<Path, Path>> CASES = Map.of("colour-quantize.ijm", MacrosTest::colourQuantize, "pixel-agglomerate.ijm", MacrosTest::pixelAgglomerate, "cluster-slices.ijm", MacrosTest::clusterSlices, "ripple-to-tiff.ijm", MacrosTest::rippleToTiff, "spectrum-cluster-analysis.ijm", MacrosTest::spectrumClusterAnalysis, "apply-model.ijm", MacrosTest::applyModel);

	static Path macros() {
		return TestData.testImages().getParent().resolve("macros");
	}

	@Test
	void everyMacroHasACaseAndPasses(@TempDir final Path dir) throws IOException {
		final List<String> names;
		try (Stream<Path> files = Files.list(macros())) {
			names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ijm")).sorted().collect(Collectors.toList());
		}
		assertTrue(!names.isEmpty());
		for (final String name : names) {
			final BiConsumer<Path, Path> check = CASES.get(name);
			assertTrue(check != null, "macros/" + name + " has no case in MacrosTest");
			final Path input = Files.createDirectories(dir.resolve(name + " input"));
			final Path output = dir.resolve(name + " output");
			check.accept(input, output);
		}
	}

	private static void colourQuantize(final Path input, final Path output) {
		try {
			for (final String image : new String[] { "four-colours.png", "flower-213x142.png" })
				Files.copy(TestData.image(image), input.resolve(image));
			Files.writeString(input.resolve("notes.txt"), "not an image");
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final String macro = macros().resolve("colour-quantize.ijm").toString();
		final Path nested = output.resolve("made/with parents");
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + nested + "] clusters=4 seed=1");
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(o.err.contains("colour-quantize.ijm: 2 done, 0 skipped, 0 left out; 4 colours"), o.err);
		assertTrue(o.err.contains("Not images, left alone: notes.txt"), o.err);
		assertEquals(1, o.out.trim().split("\n").length, "standard output holds the JSON line only: " + o.out);
		for (final String name : new String[] { "four-colours", "flower-213x142" }) {
			final ImagePlus labels = IJ.openImage(nested.resolve(name + "-labels.tif").toString());
			assertEquals(1, (int) labels.getStatistics().min, name);
			assertEquals(4, (int) labels.getStatistics().max, name);
			final ImagePlus quantized = IJ.openImage(nested.resolve(name + "-quantized.tif").toString());
			assertEquals(ImagePlus.COLOR_RGB, quantized.getType());
			final ResultsTable table = ResultsTable.open2(nested.resolve(name + "-clusters.csv").toString());
			assertEquals(4, table.size());
			long pixels = 0;
			for (int row = 0; row < 4; row++)
				pixels += (long) table.getValue("pixels", row);
			assertEquals(labels.getWidth() * labels.getHeight(), pixels);
		}
		assertNoTemporaryFiles(nested);
		// a file it cannot use is skipped with its reason, the others are done, and the run fails (1)
		try {
			IJ.saveAsTiff(IJ.createImage("grey", "8-bit ramp", 8, 8, 1), input.resolve("grey.tif").toString());
			final byte[] tiff = Files.readAllBytes(TestData.image(io.github.pixelclustering.testutil.EdsData.FILE));
			Files.write(input.resolve("cut.tif"), java.util.Arrays.copyOf(tiff, tiff.length / 3));
			Files.writeString(input.resolve("fake.png"), "not a PNG");
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final Path second = output.resolve("second");
		final CommandLineTest.Outcome five = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + second + "] clusters=5 seed=1");
		assertEquals(CommandLine.FAILED, five.code, five.err);
		assertTrue(five.err.contains("Skipped four-colours.png: Clusters must be at most the number of distinct colours in the clustered pixels (4), got 5."), five.err);
		assertTrue(five.err.contains("Skipped cut.tif: truncated: its image data end at byte"), five.err);
		assertTrue(five.err.contains("Skipped fake.png: not an image ImageJ can open."), five.err);
		assertTrue(five.err.contains("Left out grey.tif: one channel"), five.err);
		assertTrue(five.err.contains("colour-quantize.ijm: 1 done, 3 skipped, 1 left out; 5 colours"), five.err);
		assertTrue(Files.isRegularFile(second.resolve("flower-213x142-labels.tif")), "the batch went on after the skipped files");
		assertTrue(!Files.exists(second.resolve("four-colours-labels.tif")));
		assertNoTemporaryFiles(second);
		// bad arguments stop the macro before any file, with exit code 2
		CommandLineTest.assertFails(CommandLine.USAGE, "Input folder not found: " + input.resolve("nowhere"), CommandLineTest.cli("macro", macro, "input=[" + input.resolve("nowhere") + "] output=[" + output + "] clusters=4"));
		CommandLineTest.assertFails(CommandLine.USAGE, "colour-quantize.ijm does not take colours=: its keys are input, output, clusters, method, space, restarts, seed, init.", CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "] colours=4"));
		CommandLineTest.assertFails(CommandLine.USAGE, "colour-quantize.ijm does not take cluster=", CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "] cluster=4"));
		CommandLineTest.assertFails(CommandLine.USAGE, "Keys are lower case: write clusters=4", CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "] Clusters=4"));
		CommandLineTest.assertFails(CommandLine.USAGE, "clusters is given twice (clusters=3, then clusters=5): give it once.", CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "] clusters=3 clusters=5"));
		CommandLineTest.assertFails(CommandLine.USAGE, "colour-quantize.ijm needs output=<folder>.", CommandLineTest.cli("macro", macro, "input=[" + input + "]"));
		final Path empty;
		try {
			empty = Files.createDirectories(input.getParent().resolve("empty input"));
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		CommandLineTest.assertFails(CommandLine.USAGE, "The input folder " + empty + " holds no files.", CommandLineTest.cli("macro", macro, "input=[" + empty + "] output=[" + output + "]"));
	}

	/**
	 * A model fitted on one image labels a folder: the fit's labels on the training image, the model's
	 * palette on the others; what it cannot label is skipped. (The time series: {@link TimeSeriesTest}.)
	 */
	private static void applyModel(final Path input, final Path output) {
		final Path model = input.getParent().resolve("apply model/four colours.json");
		try {
			Files.createDirectories(model.getParent());
			for (final String image : new String[] { "four-colours.png", "flower-213x142.png" })
				Files.copy(TestData.image(image), input.resolve(image));
			Files.writeString(input.resolve("notes.txt"), "not an image");
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final Path fit = output.resolve("fit");
		final CommandLineTest.Outcome fitted = CommandLineTest.cli("run", "Colour Quantization", "clusters=4 seed=1 save_model=[" + model + "]", TestData.image("four-colours.png").toString(), fit.toString());
		assertEquals(CommandLine.OK, fitted.code, fitted.err);
		final String macro = macros().resolve("apply-model.ijm").toString();
		final Path nested = output.resolve("made/with parents");
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + nested + "] model=[" + model + "]");
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(o.err.contains("apply-model.ijm: 2 done, 0 skipped, 0 left out; model four colours.json (Colour Quantization, 4 clusters), outputs in " + nested), o.err);
		assertTrue(o.err.contains("Not images, left alone: notes.txt"), o.err);
		assertEquals(1, o.out.trim().split("\n").length, "standard output holds the JSON line only: " + o.out);
		final ImagePlus fitLabels = IJ.openImage(fit.resolve("four-colours-labels.tif").toString());
		final ImagePlus labels = IJ.openImage(nested.resolve("four-colours-labels.tif").toString());
		org.junit.jupiter.api.Assertions.assertArrayEquals((byte[]) fitLabels.getProcessor().getPixels(), (byte[]) labels.getProcessor().getPixels(), "the training image gets the fit's labels");
		final ImagePlus flower = IJ.openImage(nested.resolve("flower-213x142-labels.tif").toString());
		assertTrue(flower.getStatistics().max <= 4, "the model's 4 clusters");
		assertEquals(ImagePlus.COLOR_RGB, IJ.openImage(nested.resolve("flower-213x142-quantized.tif").toString()).getType());
		assertEquals(4, ResultsTable.open2(nested.resolve("flower-213x142-clusters.csv").toString()).size());
		assertNoTemporaryFiles(nested);
		// an image the model cannot describe is left out with both sides named, a file it cannot open is
		// skipped (and the run fails); the others are done
		try {
			IJ.saveAsTiff(IJ.createImage("grey", "8-bit ramp", 8, 8, 1), input.resolve("grey.tif").toString());
			Files.writeString(input.resolve("fake.png"), "not a PNG");
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final Path second = output.resolve("second");
		final CommandLineTest.Outcome skipped = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + second + "] model=[" + model + "]");
		assertEquals(CommandLine.FAILED, skipped.code, skipped.err);
		assertTrue(skipped.err.contains("Left out grey.tif: The model expects an RGB image, got an 8-bit image."), skipped.err);
		assertTrue(skipped.err.contains("Skipped fake.png: not an image ImageJ can open."), skipped.err);
		assertTrue(skipped.err.contains("apply-model.ijm: 2 done, 1 skipped, 1 left out"), skipped.err);
		assertTrue(Files.isRegularFile(second.resolve("four-colours-labels.tif")));
		// bad arguments stop the macro before any file, with exit code 2
		final Path broken = input.getParent().resolve("apply model/broken.json");
		try {
			Files.writeString(broken, "{\"format\": \"pixel-clustering-model\"");
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final Path never = output.resolve("never");
		CommandLineTest.assertFails(CommandLine.USAGE, String.format(io.github.pixelclustering.io.ModelDocument.NOT_JSON, broken), CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + never + "] model=[" + broken + "]"));
		CommandLineTest.assertFails(CommandLine.USAGE, String.format(io.github.pixelclustering.io.ModelDocument.NOT_FOUND, model.resolveSibling("none.json")), CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + never + "] model=[" + model.resolveSibling("none.json") + "]"));
		CommandLineTest.assertFails(CommandLine.USAGE, "apply-model.ijm needs model=<value>.", CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + never + "]"));
		CommandLineTest.assertFails(CommandLine.USAGE, "apply-model.ijm does not take clusters=: its keys are input, output, model.", CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + never + "] model=[" + model + "] clusters=4"));
		CommandLineTest.assertFails(CommandLine.USAGE, "Input folder not found: " + input.resolve("nowhere"), CommandLineTest.cli("macro", macro, "input=[" + input.resolve("nowhere") + "] output=[" + never + "] model=[" + model + "]"));
		assertTrue(!Files.exists(never), "nothing is written");
	}

	/** No hidden temporary output (.name.part.ext) is left in the folder. */
	static void assertNoTemporaryFiles(final Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).collect(Collectors.toList()));
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
	}

	private static void pixelAgglomerate(final Path input, final Path output) {
		try {
			IJ.saveAsTiff(io.github.pixelclustering.testutil.Images.digits(), input.resolve("digits.tif").toString());
			Files.copy(TestData.image("four-colours.png"), input.resolve("four-colours.png"));
			final ImagePlus tiny = IJ.createImage("tiny", "8-bit ramp", 4, 4, 3);
			IJ.saveAsTiff(tiny, input.resolve("tiny.tif").toString());
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final String macro = macros().resolve("pixel-agglomerate.ijm").toString();
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "] clusters=32");
		assertEquals(CommandLine.FAILED, o.code, "a file was skipped: " + o.err);
		assertTrue(o.err.contains("Skipped tiny.tif: clusters must be between 1 and the number of pixels clustered (16), got 32."), o.err);
		assertTrue(o.err.contains("pixel-agglomerate.ijm: 2 done, 1 skipped; 32 clusters"), o.err);
		final int[][] shapes = { { 8, 8, 1797 }, { 96, 64, 3 } };
		final String[] names = { "digits", "four-colours" };
		for (int i = 0; i < names.length; i++) {
			final String name = names[i];
			final ImagePlus labels = IJ.openImage(output.resolve(name + "-labels.tif").toString());
			assertEquals(1, (int) labels.getStatistics().min, name);
			assertEquals(32, (int) labels.getStatistics().max, name);
			final ImagePlus agglomerated = IJ.openImage(output.resolve(name + "-agglomerated.tif").toString());
			assertEquals(shapes[i][0], agglomerated.getWidth(), name);
			assertEquals(i == 0 ? 1797 : 1, agglomerated.getStackSize(), name);
			final ImagePlus reduced = IJ.openImage(output.resolve(name + "-reduced.tif").toString());
			assertEquals(32, reduced.getWidth(), name);
			assertEquals(shapes[i][2], reduced.getHeight(), name);
			final ResultsTable table = ResultsTable.open2(output.resolve(name + "-clusters.csv").toString());
			assertEquals(32, table.size());
			long pixels = 0;
			for (int row = 0; row < 32; row++)
				pixels += (long) table.getValue("pixels", row);
			assertEquals(shapes[i][0] * shapes[i][1], pixels, name);
		}
	}

	private static void spectrumClusterAnalysis(final Path input, final Path output) {
		try {
			Files.copy(TestData.image(io.github.pixelclustering.testutil.EdsData.FILE), input.resolve("eds map.tif"));
			IJ.saveAsTiff(new ImagePlus("flat", new ij.process.FloatProcessor(4, 4)), input.resolve("flat.tif").toString());
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final String macro = macros().resolve("spectrum-cluster-analysis.ijm").toString();
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "] clusters=auto metric=elbow max_clusters=8 poisson=true");
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(o.err.contains("Left out flat.tif: a single image, not a spectrum image"), o.err);
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("eds map.tif: estimated (\\d+) clusters \\(elbow\\)").matcher(o.err);
		assertTrue(m.find(), o.err);
		final int k = Integer.parseInt(m.group(1));
		assertTrue(o.err.contains("spectrum-cluster-analysis.ijm: 1 done, 0 skipped, 1 left out"), o.err);
		final ImagePlus labels = IJ.openImage(output.resolve("eds map-labels.tif").toString());
		assertEquals(30, labels.getWidth());
		assertEquals(k, (int) labels.getProcessor().getStatistics().max);
		assertEquals(k, IJ.openImage(output.resolve("eds map-distances.tif").toString()).getStackSize());
		assertTrue(Files.isRegularFile(output.resolve("eds map-cluster-spectra.png")));
		assertTrue(Files.isRegularFile(output.resolve("eds map-cluster-metric.png")));
		try {
			final List<String> lines = Files.readAllLines(output.resolve("eds map-cluster-spectra.csv"));
			assertEquals(2049, lines.size());
			assertTrue(lines.get(0).startsWith("channel,energy,sum_1,"), lines.get(0));
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		// clusters= is read as a whole word: max_clusters=6 does not set it (the old reader made 6 clusters)
		final Path three = output.resolve("three");
		final CommandLineTest.Outcome fixed = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + three + "] max_clusters=6 clusters=3 poisson=true");
		assertEquals(CommandLine.OK, fixed.code, fixed.err);
		assertEquals(3, (int) IJ.openImage(three.resolve("eds map-labels.tif").toString()).getProcessor().getStatistics().max);
		CommandLineTest.assertFails(CommandLine.USAGE, "spectrum-cluster-analysis.ijm does not take max_k=", CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + three + "] max_k=6"));
	}

	private static void clusterSlices(final Path input, final Path output) {
		try {
			IJ.saveAsTiff(io.github.pixelclustering.testutil.Images.digits(), input.resolve("digits.tif").toString());
			Files.copy(TestData.image("four-colours.png"), input.resolve("four-colours.png"));
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final String macro = macros().resolve("cluster-slices.ijm").toString();
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "] clusters=10 reorder=true");
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(o.err.contains("Left out four-colours.png: a single image; Cluster Slices needs a stack."), o.err);
		assertTrue(o.err.contains("cluster-slices.ijm: 1 done, 0 skipped, 1 left out; 10 clusters"), o.err);
		final ImagePlus centres = IJ.openImage(output.resolve("digits-centres.tif").toString());
		assertEquals(10, centres.getStackSize());
		assertEquals(8, centres.getWidth());
		final ImagePlus ordered = IJ.openImage(output.resolve("digits-by-cluster.tif").toString());
		assertEquals(1797, ordered.getStackSize());
		final ResultsTable table = ResultsTable.open2(output.resolve("digits-slices.csv").toString());
		assertEquals(1797, table.size());
		for (int row = 0; row < table.size(); row++) {
			final int cluster = (int) table.getValue("cluster", row);
			assertTrue(cluster >= 1 && cluster <= 10);
		}
	}

	private static void rippleToTiff(final Path input, final Path output) {
		try {
			RippleImportMacroTest.copyPair("vector-uint8", ".raw", input);
			RippleImportMacroTest.copyPair("image-float32-big", ".raw", input);
			RippleImportMacroTest.copyPair("hand-int16-little", ".RAW", input);
			Files.writeString(input.resolve("notes.txt"), "not a ripple file");
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final String macro = macros().resolve("ripple-to-tiff.ijm").toString();
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "]");
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(o.err.contains("Imported vector-uint8.rpl: 4 x 3 pixels x 5 channels, 8-bit"), o.err);
		assertTrue(o.err.contains("Imported hand-int16-little.rpl: 4 x 3 pixels x 5 channels, 32-bit"), o.err);
		assertTrue(o.err.contains("ripple-to-tiff.ijm: 3 done, 0 skipped"), o.err);
		assertTrue(o.err.contains("Not ripple files, left alone: notes.txt"), o.err);
		final ImagePlus eds = IJ.openImage(output.resolve("vector-uint8.tif").toString());
		assertEquals(5, eds.getNSlices());
		assertEquals(8, eds.getBitDepth());
		assertEquals(40 + 4 * 2 + 3, eds.getStack().getProcessor(2).get(3, 2));
		assertEquals("\u00b5m", eds.getCalibration().getUnit());
		assertEquals(0.01, eds.getCalibration().pixelDepth, 1e-12);
		assertEquals(-0.2, eds.getCalibration().getZ(0), 1e-9);
		assertEquals("keV", eds.getCalibration().getZUnit());
		assertEquals("-0.2 keV", eds.getStack().getSliceLabel(1));
		final ImagePlus stack = IJ.openImage(output.resolve("image-float32-big.tif").toString());
		assertEquals(32, stack.getBitDepth());
		assertEquals(40 * 4 + 4 * 2 + 3, stack.getStack().getProcessor(5).getf(3, 2));
		final ImagePlus hand = IJ.openImage(output.resolve("hand-int16-little.tif").toString());
		assertEquals(-15000, hand.getStack().getProcessor(1).getf(0, 0));
		assertEquals("eV", hand.getCalibration().getZUnit());
		// a broken header is skipped with the file, line and key; the batch goes on and the run fails
		try {
			Files.writeString(input.resolve("broken.rpl"), "width\t4\nheight\t3\ndepth\t5\ndata-type\tsigned\ndata-length\t3\n");
		}
		catch (final IOException e) {
			throw new AssertionError(e);
		}
		final CommandLineTest.Outcome broken = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output.resolve("again") + "]");
		assertEquals(CommandLine.FAILED, broken.code, broken.err);
		assertTrue(broken.err.contains("Skipped broken.rpl: broken.rpl, line 5: data-length must be one of 1, 2, 4, 8, got \"3\"."), broken.err);
		assertTrue(broken.err.contains("ripple-to-tiff.ijm: 3 done, 1 skipped"), broken.err);
		assertTrue(Files.isRegularFile(output.resolve("again/vector-uint8.tif")));
	}
}
