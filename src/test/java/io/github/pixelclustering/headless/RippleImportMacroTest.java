package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run("Ripple Spectrum Image (.rpl/.raw)", "open=[...]")} in a real ImageJ macro, run by the command
 * line's macro mode (the macro bridge), as a user would: the imported image becomes the active image.
 */
class RippleImportMacroTest {

	static Path fixture(final String name) {
		try {
			return Paths.get(RippleImportMacroTest.class.getResource("/ripple/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Copies a ripple pair (header and raw) into a folder. */
	static void copyPair(final String name, final String rawExtension, final Path folder) throws IOException {
		Files.copy(fixture(name + ".rpl"), folder.resolve(name + ".rpl"));
		Files.copy(fixture(name + rawExtension), folder.resolve(name + rawExtension));
	}

	@Test
	void aMacroImportsCalibratesAndSaves(@TempDir final Path dir) throws IOException {
		final Path data = Files.createDirectories(dir.resolve("my maps"));
		copyPair("vector-uint16-big", ".raw", data);
		final Path tif = dir.resolve("out.tif");
		final Path macro = dir.resolve("import.ijm");
		Files.writeString(macro, String.join("\n", //
			"setBatchMode(true);", //
			"run(\"Ripple Spectrum Image (.rpl/.raw)\", \"open=[\" + getArgument() + \"]\");", //
			"getVoxelSize(width, height, depth, unit);", //
			"Stack.getUnits(x, y, z, time, value);", //
			"print(getTitle() + \" \" + getWidth() + \"x\" + getHeight() + \"x\" + nSlices + \" \" + bitDepth() + \"-bit \" + width + \" \" + unit + \" \" + depth + \" \" + z);", //
			"setSlice(3);", //
			"print(\"pixel \" + getPixel(1, 2) + \" label \" + getInfo(\"slice.label\"));", //
			"saveAs(\"Tiff\", \"" + tif.toString().replace("\\", "\\\\") + "\");", //
			"close();", //
			""));
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro.toString(), data.resolve("vector-uint16-big.rpl").toString());
		assertEquals(CommandLine.OK, o.code, o.err);
		// what the macro prints goes to standard error; standard output has the JSON line only
		assertTrue(o.err.contains("vector-uint16-big.rpl 4x3x5 16-bit 2 nm 5 eV\n"), o.err);
		// value at (x, y, channel k) = 100 (100 k + 10 y + x) + 7; channel 2 is slice 3
		assertTrue(o.err.contains("pixel " + (100 * (200 + 20 + 1) + 7) + " label 110 eV\n"), o.err);
		assertEquals(1, o.out.trim().split("\n").length, o.out);
		assertEquals("[\"Ripple Spectrum Image (.rpl/.raw)\"]", o.json().getAsJsonArray("commands").toString());
		final ImagePlus saved = IJ.openImage(tif.toString());
		final Calibration cal = saved.getCalibration();
		assertEquals(5, saved.getNSlices());
		assertEquals(2.0, cal.pixelWidth);
		assertEquals(3.0, cal.pixelHeight, 1e-5, "TIFF stores 1 / pixel size as a rational");
		assertEquals("nm", cal.getUnit());
		assertEquals(5.0, cal.pixelDepth);
		assertEquals(100 + 4 * 5.0, cal.getZ(4), 1e-9, "the energy calibration survives a TIFF round trip");
	}

	@Test
	void aMalformedHeaderFailsTheRunWithItsLineAndKey(@TempDir final Path dir) throws IOException {
		final Path rpl = dir.resolve("bad.rpl");
		Files.writeString(rpl, String.join("\n", "width\t4", "height\tthree", "depth\t5", ""), StandardCharsets.ISO_8859_1);
		final Path macro = dir.resolve("import.ijm");
		Files.writeString(macro, "setBatchMode(true);\nn = nImages;\nrun(\"Ripple Spectrum Image (.rpl/.raw)\", \"open=[\" + getArgument() + \"]\");\nprint(\"images opened: \" + (nImages - n));\n");
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro.toString(), rpl.toString());
		assertFailed("Ripple Spectrum Image (.rpl/.raw): bad.rpl, line 2: height must be a whole number from 1 to 2147483647, got \"three\".", o);
		assertTrue(o.err.contains("Ripple Spectrum Image (.rpl/.raw): bad.rpl, line 2: height must be a whole number"), o.err);
		// as in Fiji, the macro goes on after a canceled command (without its output)
		assertTrue(o.err.contains("images opened: 0"), o.err);
	}

	/**
	 * The macro failed with this message. The bridge prints it on the JVM's standard error (the command
	 * line's own in real runs) and records it in its session.
	 */
	static void assertFailed(final String message, final CommandLineTest.Outcome o) {
		assertEquals(CommandLine.FAILED, o.code, o.err);
		final List<String> failures = MacroBridge.session().failures();
		assertEquals(message, failures.get(failures.size() - 1));
		assertTrue(!o.err.contains("Exception") && !o.err.contains("\tat "), "no stack trace: " + o.err);
	}
}
