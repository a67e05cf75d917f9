package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.scijava.app.event.StatusEvent;

/** The command line's progress lines, on a clock of the test's own (no timer thread). */
class StatusPrinterTest {

	private static final long SECOND = StatusPrinter.INTERVAL;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
	private final long[] now = { 5 * SECOND };
	private final StatusPrinter printer = new StatusPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0], false);

	private List<String> lines() {
		final String text = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
		return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
	}

	private void at(final double seconds, final int permille, final String stage) {
		now[0] = (long) ((5 + seconds) * SECOND);
		printer.onEvent(new StatusEvent(permille, 1000, stage));
	}

	private void tickAt(final double seconds) {
		now[0] = (long) ((5 + seconds) * SECOND);
		printer.tick();
	}

	@Test
	void formatIsPercentRoundedDownThenTheStage() {
		assertEquals("[  0%] Reading profiles", StatusPrinter.format(0, "Reading profiles"));
		assertEquals("[ 42%] Ward merges 1200/11999", StatusPrinter.format(0.4299, "Ward merges 1200/11999"));
		assertEquals("[ 99%] Labelling pixels", StatusPrinter.format(0.999, "Labelling pixels"));
		assertEquals("[100%] done", StatusPrinter.format(1, "done"));
	}

	@Test
	void atMostOneLineASecondAndTheNewestWaitingLineComesWhenTheSecondIsOver() {
		at(0, 0, "Reading profiles");
		at(0.2, 10, "Building the pixel graph");
		at(0.4, 20, "Ward merges 0/99");
		assertEquals(List.of("[  0%] Reading profiles"), lines());
		tickAt(0.9);
		assertEquals(1, lines().size());
		// the newest waiting line, without another event: a long silent phase is still named
		tickAt(1.0);
		assertEquals(List.of("[  0%] Reading profiles", "[  2%] Ward merges 0/99"), lines());
		tickAt(5);
		assertEquals(2, lines().size(), "nothing new to print");
		at(5.5, 500, "Ward merges 50/99");
		assertEquals("[ 50%] Ward merges 50/99", lines().get(2));
	}

	@Test
	void anOldEventArrivingLateIsNotPrinted() {
		at(0, 300, "Ward merges 30/99");
		at(2, 290, "Ward merges 29/99");
		tickAt(4);
		assertEquals(List.of("[ 30%] Ward merges 30/99"), lines());
	}

	@Test
	void otherStatusIsPrintedAtOnceAfterTheWaitingLineAndANewRunStartsAtZero() {
		at(0, 100, "Reading colours");
		at(0.5, 1000, "Colour Quantization done");
		printer.onEvent(new StatusEvent("Command finished: Colour Quantization"));
		assertEquals(List.of("[ 10%] Reading colours", "[100%] Colour Quantization done", "Command finished: Colour Quantization"), lines());
		// a cleared bar is not printed
		printer.onEvent(new StatusEvent(0, 0, ""));
		at(3, 0, "Reading profiles");
		assertEquals("[  0%] Reading profiles", lines().get(3));
	}
}
