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
	private static final Map<String, BiConsumer<Path, Path>> CASES = Map.of("colour-quantize.ijm", MacrosTest::colourQuantize);

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
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro, "input=[" + input + "] output=[" + output + "] clusters=4 seed=1");
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(o.out.contains("quantized 2 images to 4 colours"), o.out);
		for (final String name : new String[] { "four-colours", "flower-213x142" }) {
			final ImagePlus labels = IJ.openImage(output.resolve(name + "-labels.tif").toString());
			assertEquals(1, (int) labels.getStatistics().min, name);
			assertEquals(4, (int) labels.getStatistics().max, name);
			final ImagePlus quantized = IJ.openImage(output.resolve(name + "-quantized.tif").toString());
			assertEquals(ImagePlus.COLOR_RGB, quantized.getType());
			final ResultsTable table = ResultsTable.open2(output.resolve(name + "-clusters.csv").toString());
			assertEquals(4, table.size());
			long pixels = 0;
			for (int row = 0; row < 4; row++)
				pixels += (long) table.getValue("pixels", row);
			assertEquals(labels.getWidth() * labels.getHeight(), pixels);
		}
		// a missing input folder stops the macro with a message naming it, and a non-zero exit code
		final CommandLineTest.Outcome missing = CommandLineTest.cli("macro", macro, "input=[" + input.resolve("nowhere") + "] output=[" + output + "] clusters=4");
		CommandLineTest.assertFails(CommandLine.FAILED, "Input folder not found: " + input.resolve("nowhere"), missing);
	}
}
