package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

/** {@link CommandProgress}: how a run ends when memory is short. */
class CommandMemoryTest {

	private static final double GB = 1L << 30;

	private static String outOfMemory(final String advice) {
		return String.format(Locale.ROOT, PixelAgglomerationCommand.OUT_OF_MEMORY, "Pixel Agglomeration", Runtime.getRuntime().maxMemory() / GB, advice);
	}

	@Test
	void outOfMemoryCancelsInOneLine() {
		final PixelAgglomerationCommand command = new PixelAgglomerationCommand();
		new CommandProgress(null).guard(command, PixelAgglomerationCommand.CANCELED, PixelAgglomerationCommand.USE_HKMEANS, () -> {
			throw new OutOfMemoryError("Java heap space");
		});
		assertTrue(command.isCanceled());
		assertEquals(outOfMemory(PixelAgglomerationCommand.USE_HKMEANS), command.getCancelReason());
		assertTrue(command.getCancelReason().startsWith("Pixel Agglomeration ran out of memory (Java may use "), command.getCancelReason());
		assertTrue(command.getCancelReason().endsWith(" GB): raise the maximum memory (java -Xmx..., or Edit > Options > Memory & Threads in Fiji), or use method=hkmeans."));
		assertEquals(-1, command.getCancelReason().indexOf('\n'));
	}

	@Test
	void outOfMemoryInAWorkerThreadToo() {
		final PixelAgglomerationCommand command = new PixelAgglomerationCommand();
		new CommandProgress(null).guard(command, PixelAgglomerationCommand.CANCELED, () -> {
			throw new RuntimeException(new ExecutionException(new OutOfMemoryError("Java heap space")));
		});
		assertEquals(outOfMemory(""), command.getCancelReason());
		// other errors are not hidden
		final RuntimeException bug = new IllegalStateException("a bug");
		assertSame(bug, assertThrows(IllegalStateException.class, () -> new CommandProgress(null).guard(new PixelAgglomerationCommand(), PixelAgglomerationCommand.CANCELED, () -> {
			throw bug;
		})));
	}

	@Test
	void refusalSaysWhatItNeedsAndWhatToDo() {
		final long needed = (long) (1.8 * GB);
		final long free = (long) (0.9 * GB);
		assertEquals("Ward on 12,000,000 pixels needs about 1.8 GB of memory, but only 0.9 GB is free: raise the maximum memory (java -Xmx..., or Edit > Options > Memory & Threads in Fiji), or use method=hkmeans.",
			CommandProgress.memoryRefusal("Ward", 12_000_000, needed, free, PixelAgglomerationCommand.USE_HKMEANS));
		assertEquals(String.format(Locale.ROOT, PixelAgglomerationCommand.NOT_ENOUGH_MEMORY, "k-means", "640", "1.8", "0.9", ""), CommandProgress.memoryRefusal("k-means", 640, needed, free, ""));
		assertEquals(String.format(Locale.ROOT, PixelAgglomerationCommand.NOT_ENOUGH_MEMORY, "Ward", "12,000,000", "1.44", "1.41", PixelAgglomerationCommand.USE_HKMEANS),
			CommandProgress.memoryRefusal("Ward", 12_000_000, (long) (1.44 * GB), (long) (1.414 * GB), PixelAgglomerationCommand.USE_HKMEANS), "as many decimals as tell the two apart");
		assertNull(CommandProgress.memoryRefusal("Ward", 12_000_000, free, needed, ""), "fits");
		CommandProgress.requireMemory("Ward", 10, 1000, ""); // a kilobyte is free
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CommandProgress.requireMemory("Ward", 10, Long.MAX_VALUE / 2, PixelAgglomerationCommand.USE_HKMEANS));
		assertTrue(e.getMessage().startsWith("Ward on 10 pixels needs about "), e.getMessage());
	}
}
