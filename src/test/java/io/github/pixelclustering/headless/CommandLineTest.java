package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.pixelclustering.testutil.TestData;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in this JVM with its output captured. */
class CommandLineTest {

	/** Exit code, standard output and standard error of one run. */
	static final class Outcome {

		final int code;
		final String out;
		final String err;

		Outcome(final int code, final String out, final String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}

		JsonObject json() {
			final String[] lines = out.trim().split("\n");
			return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
		}
	}

	static Outcome cli(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void runQuantizesAnImageAndPrintsAJsonLine(@TempDir final Path dir) {
		final Outcome o = cli("run", "Colour Quantization", "clusters=16 seed=0", TestData.image("china-213x142.png").toString(), dir.toString());
		assertEquals(CommandLine.OK, o.code, o.err);
		final JsonObject json = o.json();
		assertEquals("Colour Quantization", json.get("command").getAsString());
		assertEquals(TestData.image("china-213x142.png").toString(), json.get("image").getAsString());
		assertEquals(16, json.get("clusters").getAsInt());
		assertTrue(json.get("seconds").getAsDouble() > 0);
		// the clustering matches scikit-learn's inertia (fixture kmeans-plusplus.json, random_state 0)
		final double reference = TestData.fixture("kmeans-plusplus.json").getAsJsonArray("cases").get(0).getAsJsonObject().getAsJsonArray("runs").get(0).getAsJsonObject().get("inertia_per_pixel").getAsDouble();
		assertTrue(json.get("inertia_per_pixel").getAsDouble() <= 1.001 * reference);
		assertEquals(3, json.getAsJsonArray("outputs").size());
		final ImagePlus labels = IJ.openImage(dir.resolve("china-213x142-labels.tif").toString());
		assertEquals(8, labels.getBitDepth());
		assertEquals(16, (int) labels.getStatistics().max);
		assertEquals(1, (int) labels.getStatistics().min);
		assertEquals(ImagePlus.COLOR_RGB, IJ.openImage(dir.resolve("china-213x142-quantized.tif").toString()).getType());
		assertEquals(16, ResultsTable.open2(dir.resolve("china-213x142-clusters.csv").toString()).size());
	}

	@Test
	void overlayAndRoiManagerOutlinesAreSavedAsRoiSets(@TempDir final Path dir) {
		final Outcome o = cli("run", "Colour Quantization", "clusters=4 overlay=true roi_manager=true", TestData.image("four-colours.png").toString(), dir.toString());
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(new File(dir.toFile(), "four-colours-rois.zip").isFile());
		assertTrue(new File(dir.toFile(), "four-colours-overlay.zip").isFile());
		assertEquals(5, o.json().getAsJsonArray("outputs").size());
		assertTrue(o.err.contains("No ROI Manager without a display: saved 4 cluster selections to " + dir.resolve("four-colours-rois.zip")), o.err);
		MacrosTest.assertNoTemporaryFiles(dir);
	}

	@Test
	void badArgumentsExitWithOneLineAndNoStackTrace(@TempDir final Path dir) {
		final String image = TestData.image("four-colours.png").toString();
		assertFails(CommandLine.USAGE, "Unknown key \"colors\" for Colour Quantization", cli("run", "Colour Quantization", "colors=3", image, dir.toString()));
		assertFails(CommandLine.USAGE, "roi_manager needs a value: write roi_manager=true", cli("run", "Colour Quantization", "roi_manager", image, dir.toString()));
		assertFails(CommandLine.USAGE, "seed must be a whole number, got \"x\".", cli("run", "Colour Quantization", "seed=x", image, dir.toString()));
		assertFails(CommandLine.USAGE, "Image file not found: " + dir.resolve("no.png"), cli("run", "Colour Quantization", "", dir.resolve("no.png").toString(), dir.toString()));
		assertFails(CommandLine.USAGE, "Unknown command \"Quantize\"", cli("run", "Quantize", "", image, dir.toString()));
		assertFails(CommandLine.FAILED, "Colour Quantization: Clusters must be at most the number of distinct colours in the clustered pixels (4), got 5.", cli("run", "Colour Quantization", "clusters=5", image, dir.toString()));
		assertFails(CommandLine.USAGE, "Macro file not found: " + dir.resolve("x.ijm"), cli("macro", dir.resolve("x.ijm").toString()));
		assertFails(CommandLine.USAGE, "No arguments.", cli());
		assertFails(CommandLine.USAGE, "run takes 4 arguments, got 1.", cli("run", "Colour Quantization"));
	}

	/** The README's exit-code table, case by case: 2 for every bad argument or value, 1 for a failed run. */
	@Test
	void exitCodesSayWhetherAnArgumentWasBadOrTheRunFailed(@TempDir final Path dir) throws Exception {
		final String image = TestData.image("four-colours.png").toString();
		final String out = dir.resolve("out").toString();
		assertFails(CommandLine.USAGE, "clusters must be at least 1, got 0.", cli("run", "Colour Quantization", "clusters=0", image, out));
		assertFails(CommandLine.USAGE, "clusters must be at most 65535, got 99999999999.", cli("run", "Colour Quantization", "clusters=99999999999", image, out));
		assertFails(CommandLine.USAGE, "Keys are lower case: write clusters=3", cli("run", "Colour Quantization", "Clusters=3", image, out));
		assertFails(CommandLine.USAGE, "clusters is given twice (clusters=3, then clusters=5): give it once.", cli("run", "Colour Quantization", "clusters=3 clusters=5", image, out));
		final Path text = dir.resolve("notes.png");
		java.nio.file.Files.writeString(text, "not an image");
		final Outcome notImage = cli("run", "Colour Quantization", "clusters=3", text.toString(), out);
		assertFails(CommandLine.USAGE, "Cannot open " + text + ": not an image ImageJ can read.", notImage);
		assertEquals("", notImage.out, "ImageJ's own messages go to standard error");
		final byte[] tiff = java.nio.file.Files.readAllBytes(TestData.image(io.github.pixelclustering.testutil.EdsData.FILE));
		final Path cut = dir.resolve("cut.tif");
		java.nio.file.Files.write(cut, java.util.Arrays.copyOf(tiff, tiff.length / 3));
		assertFails(CommandLine.USAGE, "cut.tif is truncated: its image data end at byte", cli("run", "Spectrum Image Cluster Analysis", "clusters=3", cut.toString(), out));
		final Path file = dir.resolve("a file");
		java.nio.file.Files.writeString(file, "");
		assertFails(CommandLine.USAGE, "The output folder " + file + " is a file, not a folder.", cli("run", "Colour Quantization", "clusters=3", image, file.toString()));
		// a run that fails leaves no output folder behind, not even the parents it made
		assertFails(CommandLine.FAILED, "Colour Quantization: Clusters must be at most the number of distinct colours", cli("run", "Colour Quantization", "clusters=5", image, dir.resolve("new/nested/out").toString()));
		assertFalse(java.nio.file.Files.exists(dir.resolve("new")), "no empty output folder is left");
		// a command's message that names it is not prefixed again
		final Outcome single = cli("run", "Cluster Slices", "clusters=2", image, out);
		assertFails(CommandLine.FAILED, "Cluster Slices needs a stack", single);
		final String line = java.util.Arrays.stream(single.err.split("\n")).filter(l -> l.contains("needs a stack")).findFirst().orElseThrow();
		assertEquals("Cluster Slices needs a stack of at least 2 slices (or frames), got 1.", line, "the command is named once");
		// a good run makes the folder with its parents; standard output is the JSON line alone
		final Outcome good = cli("run", "Colour Quantization", "clusters=4", image, dir.resolve("made/with/parents").toString());
		assertEquals(CommandLine.OK, good.code, good.err);
		assertEquals(1, good.out.trim().split("\n").length, good.out);
		assertTrue(new File(dir.toFile(), "made/with/parents/four-colours-labels.tif").isFile());
		MacrosTest.assertNoTemporaryFiles(dir.resolve("made/with/parents"));
	}

	/** A model file in a missing folder is a bad argument before the run (2); an empty value is no model. */
	@Test
	void saveModelNeedsAnExistingFolderAndEmptyMeansNone(@TempDir final Path dir) throws Exception {
		final String image = TestData.image("four-colours.png").toString();
		final Path missing = dir.resolve("missing/model.json");
		assertFails(CommandLine.USAGE, String.format(io.github.pixelclustering.io.ModelDocument.NO_FOLDER, missing), cli("run", "Colour Quantization", "clusters=4 save_model=[" + missing + "]", image, dir.resolve("out").toString()));
		assertFalse(java.nio.file.Files.exists(dir.resolve("out")), "checked before the run: no output folder");
		final Path macro = dir.resolve("save.ijm");
		java.nio.file.Files.writeString(macro, "setBatchMode(true);\nnewImage('c', 'RGB ramp', 8, 8, 1);\nrun('Colour Quantization', 'clusters=2 save_model=[" + missing + "]');\n");
		assertFails(CommandLine.USAGE, "Cannot save the model as " + missing + ": its folder does not exist.", cli("macro", macro.toString()));
		for (final String empty : new String[] { "save_model=", "save_model=[]" }) {
			final Path out = dir.resolve("empty " + empty.length());
			final Outcome o = cli("run", "Colour Quantization", "clusters=4 " + empty, image, out.toString());
			assertEquals(CommandLine.OK, o.code, o.err);
			assertFalse(o.json().has("model"), o.out);
			assertEquals(3, o.json().getAsJsonArray("outputs").size(), "no model file: " + o.out);
		}
	}

	@Test
	void macroExitCodesAndErrorLines(@TempDir final Path dir) throws Exception {
		final Path error = dir.resolve("error.ijm");
		java.nio.file.Files.writeString(error, "setBatchMode(true);\nx = 1;\ny = undefinedVariable + 1;\nprint('not reached');\n");
		assertFails(CommandLine.FAILED, "Macro error in line 3: Undefined variable", cli("macro", error.toString()));
		final Path stop = dir.resolve("stop.ijm");
		java.nio.file.Files.writeString(stop, "print('working');\nexit('Nothing to do here.');\n");
		final Outcome stopped = cli("macro", stop.toString());
		assertFails(CommandLine.FAILED, "Macro stopped by exit(): Nothing to do here.", stopped);
		assertEquals("", stopped.out);
		final Path bad = dir.resolve("bad.ijm");
		java.nio.file.Files.writeString(bad, "setBatchMode(true);\nnewImage('c', 'RGB black', 4, 4, 1);\nrun('Colour Quantization', 'clusters=2 colours=3');\n");
		assertFails(CommandLine.USAGE, "Unknown key \"colours\" for Colour Quantization", cli("macro", bad.toString()));
		final Path prints = dir.resolve("prints.ijm");
		java.nio.file.Files.writeString(prints, "print('hello');\nIJ.log('log line');\n");
		final Outcome printed = cli("macro", prints.toString());
		assertEquals(CommandLine.OK, printed.code, printed.err);
		assertTrue(printed.err.contains("hello\nlog line\n"), printed.err);
		assertEquals(1, printed.out.trim().split("\n").length, "standard output holds the JSON line only: " + printed.out);
		printed.json();
	}

	@Test
	void runOpensARippleFileWithOurReader(@TempDir final Path dir) throws Exception {
		RippleImportMacroTest.copyPair("vector-uint8", ".raw", dir);
		final Outcome o = cli("run", "Spectrum Image Cluster Analysis", "clusters=2 components=2", dir.resolve("vector-uint8.rpl").toString(), dir.resolve("out").toString());
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(new File(dir.toFile(), "out/vector-uint8-labels.tif").isFile(), "outputs are named after the map, not map.rpl: " + o.out);
		final ImagePlus labels = IJ.openImage(dir.resolve("out/vector-uint8-labels.tif").toString());
		assertEquals(4, labels.getWidth());
		assertEquals(2, (int) labels.getStatistics().max);
		final Outcome broken = cli("run", "Spectrum Image Cluster Analysis", "clusters=2", dir.resolve("missing.rpl").toString(), dir.resolve("out").toString());
		assertFails(CommandLine.USAGE, "Image file not found", broken);
	}

	@Test
	void listAndHelp() {
		final Outcome list = cli("list");
		assertEquals(CommandLine.OK, list.code);
		assertTrue(list.out.startsWith("Apply Clustering Model\n"), list.out);
		assertTrue(list.out.contains("\nCluster Slices\n"), list.out);
		assertTrue(list.out.contains("\nColour Quantization\n"), list.out);
		assertTrue(list.out.contains("\nPixel Agglomeration\n"), list.out);
		assertTrue(list.out.contains("  method (String [k-means, mini-batch], default k-means): "), list.out);
		assertTrue(list.out.contains("  clusters (int, default 8): "), list.out);
		assertTrue(list.out.contains("\nRipple Spectrum Image (.rpl/.raw)\n  open (File): The .rpl header; "), list.out);
		assertFalse(list.out.contains("context"), list.out);
		// descriptions are plain text there, without the HTML that wraps their tooltips in the dialogs
		assertFalse(list.out.contains("<html>") || list.out.contains("&lt;"), list.out);
		assertTrue(list.out.contains("): An open image whose non-zero pixels are clustered (with the selection, if any); <none> for all."), list.out);
		final Outcome help = cli("--help");
		assertEquals(CommandLine.OK, help.code);
		assertTrue(help.out.contains("macro <file.ijm>"));
		assertTrue(help.out.contains("apply [--tiles] <model.json> <image file or folder> <output folder>"), help.out);
		assertTrue(help.out.contains("fit [--tiles] \"<command>\" \"<macro options with save_model=[file.json]; sample=<n> optional, pixels per image>\" <image folder or TIFF file>"), help.out);
		assertFails(CommandLine.USAGE, "Unknown mode \"predict\": use run, apply, fit, macro or list.", cli("predict"));
	}

	static void assertFails(final int code, final String message, final Outcome o) {
		assertEquals(code, o.code, o.err);
		assertTrue(o.err.contains(message), "stderr should contain: " + message + "\nbut was: " + o.err);
		assertFalse(o.err.contains("Exception") || o.err.contains("\tat "), "no stack trace: " + o.err);
	}
}
