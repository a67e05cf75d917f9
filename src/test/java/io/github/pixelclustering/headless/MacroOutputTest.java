package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What a macro prints reaches standard error whole lines at a time, between the progress lines. */
class MacroOutputTest {

	@Test
	void aProgressLineNeverLandsInsideAMacroLine() {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
		final MacroRun.LastLine macro = new MacroRun.LastLine(err);
		final PrintStream macroOut = new PrintStream(macro, true, StandardCharsets.UTF_8);
		macroOut.print("Impor");
		err.println("[100%] Reading hand-int16-little.RAW"); // the progress printer, from its own thread
		macroOut.println("ted hand-int16-little.rpl");
		macroOut.print("unfinished");
		macro.close();
		assertEquals("[100%] Reading hand-int16-little.RAW\nImported hand-int16-little.rpl\nunfinished\n", bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
		assertEquals("Imported hand-int16-little.rpl", macro.last());
	}
}
