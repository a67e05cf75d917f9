package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.macro.Interpreter;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;

/** {@code run("Colour Quantization", ...)} in a real ImageJ macro interpreter, without a display. */
class MacroBridgeTest {

	private static Context context;
	private static MacroBridge.Session session;

	@BeforeAll
	static void install() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
		session = MacroBridge.install(context);
	}

	@AfterAll
	static void dispose() {
		context.dispose();
	}

	private static String run(final String macro) {
		return new Interpreter().run(macro, "");
	}

	@Test
	void outputsBecomeTheActiveImageAndTheTableTheResults() {
		final String result = run(String.join("\n", //
			"setBatchMode(true);", //
			"newImage('first', 'RGB white', 8, 4, 1);", //
			"setColor(255, 0, 0); fillRect(0, 0, 4, 4);", //
			"run('Colour Quantization', 'clusters=2 method=k-means space=RGB restarts=0 seed=0 overlay=false roi_manager=false');", //
			"labels = getTitle();", //
			"selectImage('first-labels'); v = '' + getPixel(0, 0) + ',' + getPixel(7, 0);", //
			"return labels + ' ' + v + ' ' + nResults + ' ' + getResult('pixels', 0);"));
		assertEquals("first-quantized 1,2 2 16", result);
	}

	@Test
	void imageKeyPicksAnImageByTitle() {
		final String result = run(String.join("\n", //
			"setBatchMode(true);", //
			"newImage('a', 'RGB black', 4, 4, 1);", //
			"newImage('b b', 'RGB white', 4, 4, 1);", //
			"selectImage('a');", //
			"run('Colour Quantization', 'image=[b b] clusters=1 method=k-means space=RGB restarts=0 seed=0 overlay=false roi_manager=false');", //
			"return getTitle() + ' ' + isOpen('b b-labels') + ' ' + isOpen('a-labels');"));
		assertEquals("b b-quantized 1 0", result);
	}

	@Test
	void aFailingCommandSaysWhyAndTheMacroGoesOnAsInFiji() {
		// in Fiji a canceled command returns to the macro without outputs; the macro checks for them
		final int before = session.failures().size();
		final String result = run(String.join("\n", //
			"setBatchMode(true);", //
			"newImage('grey', '8-bit black', 4, 4, 1);", //
			"run('Colour Quantization', 'clusters=2');", //
			"newImage('after', '8-bit black', 4, 4, 1);", //
			"return '' + isOpen('grey-labels') + ',' + isOpen('after') + ' ' + call('io.github.pixelclustering.commands.LastCancel.reason');"));
		final List<String> failures = session.failures();
		assertEquals(before + 1, failures.size());
		// the command's message names it already: it is not named twice
		assertEquals("Colour Quantization needs an RGB image or a multichannel image, got a single-channel 8-bit image.", failures.get(before));
		assertEquals("0,1 Colour Quantization needs an RGB image or a multichannel image, got a single-channel 8-bit image.", result);
	}

	@Test
	void aBadOptionStopsTheMacro() {
		final int before = session.failures().size();
		run("setBatchMode(true); newImage('c', 'RGB black', 4, 4, 1); run('Colour Quantization', 'clusters=2 overlay');");
		assertTrue(session.failures().size() > before);
		assertEquals("Colour Quantization: overlay needs a value: write overlay=true", session.failures().get(before));
		assertTrue(session.badArguments(), "a bad option is a bad argument: exit code 2");
	}
}
