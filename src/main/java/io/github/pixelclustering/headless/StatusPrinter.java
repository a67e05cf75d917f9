package io.github.pixelclustering.headless;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;

/**
 * Prints status events on standard error for the command line, one line each: {@code [ 42%] stage} for
 * progress, the message alone for other status (SciJava's "Running command: ...").
 * <p>
 * At most one progress line a second: a progress event that comes sooner after the last line waits, and
 * the newest waiting one is printed as soon as the second is over, even when no event follows (a timer
 * checks ten times a second). So a phase that lasts more than a second always shows, and the last line
 * is never more than about a second old. Other status is printed at once, after any waiting progress.
 * <p>
 * SciJava publishes status events from a pool of threads, so they may arrive out of order: a progress
 * event below the highest fraction seen since the last other status is an old one, and is not printed.
 */
public final class StatusPrinter implements AutoCloseable {

	/** Nanoseconds between two progress lines. */
	static final long INTERVAL = 1_000_000_000L;

	private final PrintStream err;
	private final LongSupplier clock;
	private final ScheduledExecutorService timer;
	private long lastPrinted;
	private boolean printed;
	private String last;
	private String waiting;
	private double highest;

	/** @param err where to print */
	StatusPrinter(final PrintStream err) {
		this(err, System::nanoTime, true);
	}

	/**
	 * @param err where to print
	 * @param clock nanoseconds
	 * @param timer whether a daemon thread prints waiting lines; without, call {@link #tick()}
	 */
	StatusPrinter(final PrintStream err, final LongSupplier clock, final boolean timer) {
		this.err = err;
		this.clock = clock;
		if (!timer) this.timer = null;
		else {
			this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
				final Thread t = new Thread(r, "pixel-clustering-progress");
				t.setDaemon(true);
				return t;
			});
			this.timer.scheduleAtFixedRate(this::tick, 100, 100, TimeUnit.MILLISECONDS);
		}
	}

	/** @param event a status update */
	@EventHandler
	public void onEvent(final StatusEvent event) {
		final String message = event.getStatusMessage();
		final int max = event.getProgressMaximum();
		if (max <= 0) {
			// the end or start of a run (SciJava's own messages, or a cleared bar): the next run starts at 0
			status(message == null || message.isEmpty() ? null : message);
			return;
		}
		if (message == null || message.isEmpty()) return;
		progress((double) event.getProgressValue() / max, message);
	}

	/** @return {@code [ 42%] stage}: the percentage rounded down, so 100 % only when done */
	static String format(final double fraction, final String stage) {
		final int percent = (int) Math.floor(100 * Math.max(0, Math.min(1, fraction)) + 1e-9);
		return String.format(Locale.ROOT, "[%3d%%] %s", percent, stage);
	}

	/** Prints a waiting progress line whose second has come; called by the timer. */
	synchronized void tick() {
		if (waiting != null && clock.getAsLong() - lastPrinted >= INTERVAL) print(waiting);
	}

	private synchronized void progress(final double fraction, final String stage) {
		// SciJava delivers status events from a pool of threads, so an older one may come after a newer
		// one: within a run, progress never goes back, so a lower fraction is an old event
		if (fraction < highest) return;
		highest = fraction;
		final String line = format(fraction, stage);
		if (line.equals(last)) return;
		if (!printed || clock.getAsLong() - lastPrinted >= INTERVAL) print(line);
		else waiting = line;
	}

	private synchronized void status(final String message) {
		highest = 0;
		if (message == null) return;
		if (waiting != null) print(waiting);
		print(message);
	}

	private void print(final String line) {
		err.println(line);
		last = line;
		waiting = null;
		printed = true;
		lastPrinted = clock.getAsLong();
	}

	@Override
	public void close() {
		if (timer != null) timer.shutdownNow();
	}
}
