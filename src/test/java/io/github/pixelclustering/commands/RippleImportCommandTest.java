package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.io.RippleHeader;
import io.github.pixelclustering.testutil.Commands;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** {@link RippleImportCommand} through SciJava, headless: the imported image and every cancel reason. */
class RippleImportCommandTest {

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

	static Path fixture(final String name) {
		try {
			return Paths.get(RippleImportCommandTest.class.getResource("/ripple/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static CommandModule run(final File file) {
		return Commands.run(context, RippleImportCommand.class, Commands.inputs("open", file));
	}

	@Test
	void importsAnEdsSpectrumImageAsACalibratedStack() {
		final CommandModule module = run(fixture("vector-uint8.rpl").toFile());
		assertFalse(module.isCanceled(), module.getCancelReason());
		final ImagePlus imp = (ImagePlus) module.getOutput("imported");
		assertEquals("vector-uint8.rpl", imp.getTitle());
		assertEquals(4, imp.getWidth());
		assertEquals(3, imp.getHeight());
		assertEquals(5, imp.getNSlices());
		assertEquals(8, imp.getBitDepth());
		assertEquals(40 * 2 + 4 * 1 + 3, imp.getStack().getProcessor(3).get(3, 1), "value at x=3, y=1, channel 2");
		assertEquals("keV", imp.getCalibration().getZUnit());
		assertEquals(-0.2 + 4 * 0.01, imp.getCalibration().getZ(4), 1e-12);
	}

	@Test
	void float64ValuesAreConvertedAndTheInfoSaysSo() {
		final ImagePlus imp = (ImagePlus) run(fixture("vector-float64.rpl").toFile()).getOutput("imported");
		assertEquals(32, imp.getBitDepth());
		assertTrue(((String) imp.getProperty("Info")).contains("60 of 60 values were rounded"));
	}

	@Test
	void withoutAFileTheCommandCancels() {
		final CommandModule module = run(null);
		assertTrue(module.isCanceled());
		assertEquals(RippleImportCommand.NO_FILE, module.getCancelReason());
	}

	@Test
	void aMalformedHeaderCancelsWithItsMessage(@TempDir final Path dir) throws IOException {
		final Path rpl = dir.resolve("broken.rpl");
		Files.writeString(rpl, String.join("\n", "width\t4", "height\t3", "depth\t5", "data-type\tcomplex", "data-length\t2", ""), StandardCharsets.ISO_8859_1);
		final CommandModule module = run(rpl.toFile());
		assertTrue(module.isCanceled());
		assertEquals(String.format(RippleHeader.NOT_CHOICE, "broken.rpl", 4, "data-type", "signed, unsigned, float", "complex"), module.getCancelReason());
		assertEquals(null, module.getOutput("imported"));
	}

	@Test
	void aMissingRawFileCancels(@TempDir final Path dir) throws IOException {
		final Path rpl = dir.resolve("alone.rpl");
		Files.copy(fixture("vector-uint8.rpl"), rpl);
		final CommandModule module = run(rpl.toFile());
		assertTrue(module.isCanceled());
		assertEquals("alone.rpl: the raw file is missing: expected " + dir.resolve("alone.raw") + " (or alone.RAW) next to the header.", module.getCancelReason());
	}
}
