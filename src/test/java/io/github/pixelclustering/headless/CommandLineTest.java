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

	@Test
	void listAndHelp() {
		final Outcome list = cli("list");
		assertEquals(CommandLine.OK, list.code);
		assertTrue(list.out.startsWith("Cluster Slices\n"), list.out);
		assertTrue(list.out.contains("\nColour Quantization\n"), list.out);
		assertTrue(list.out.contains("\nPixel Agglomeration\n"), list.out);
		assertTrue(list.out.contains("  method (String [k-means, mini-batch], default k-means): "), list.out);
		assertTrue(list.out.contains("  clusters (int, default 8): "), list.out);
		assertTrue(list.out.contains("\nRipple Spectrum Image (.rpl/.raw)\n  open (File): The .rpl header; "), list.out);
		assertFalse(list.out.contains("context"), list.out);
		final Outcome help = cli("--help");
		assertEquals(CommandLine.OK, help.code);
		assertTrue(help.out.contains("macro <file.ijm>"));
	}

	static void assertFails(final int code, final String message, final Outcome o) {
		assertEquals(code, o.code, o.err);
		assertTrue(o.err.contains(message), "stderr should contain: " + message + "\nbut was: " + o.err);
		assertFalse(o.err.contains("Exception") || o.err.contains("\tat "), "no stack trace: " + o.err);
	}
}
