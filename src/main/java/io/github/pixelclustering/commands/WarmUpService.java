package io.github.pixelclustering.commands;

import io.github.pixelclustering.api.WarmUp;

import java.awt.GraphicsEnvironment;

import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.SciJavaService;
import org.scijava.service.Service;

/**
 * Warms the engines up in Fiji: a few seconds after Fiji has started, a background thread of low
 * priority runs {@link WarmUp#all} (about 0.7 s of one core), so that a user's first Colour Quantization
 * or Pixel Agglomeration runs at nearly the speed of later ones instead of waiting for Java's compiler.
 * It stops as soon as one of our commands starts, and does nothing headless (batch runs, the command
 * line, the tests) or when Java runs with {@code -Dpixelclustering.warmup=false}.
 */
@Plugin(type = Service.class)
public final class WarmUpService extends AbstractService implements SciJavaService {

	/** The system property that turns the warm-up off: {@code false}. */
	public static final String PROPERTY = "pixelclustering.warmup";
	/** Milliseconds after start-up before the warm-up begins: Fiji's own start comes first. */
	static final long DELAY = 3000;

	/** Set when one of our commands starts (or the service is disposed): the warm-up stops. */
	private static volatile boolean stop;

	private Thread thread;

	/** @return whether to warm up here: with a display, and not turned off */
	static boolean wanted() {
		return !GraphicsEnvironment.isHeadless() && !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
	}

	@Override
	public void initialize() {
		if (!wanted()) return;
		thread = new Thread(() -> run(DELAY), "pixel-clustering-warm-up");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	/**
	 * Waits {@code delay} ms, then warms up unless stopped.
	 *
	 * @return how many workloads ran to their end
	 */
	static int run(final long delay) {
		try {
			Thread.sleep(delay);
			return stop ? 0 : WarmUp.all(() -> stop || Thread.currentThread().isInterrupted());
		}
		catch (final InterruptedException e) {
			return 0;
		}
		catch (final RuntimeException | OutOfMemoryError e) {
			// a warm-up is never worth a message: the user's own runs report their problems
			return 0;
		}
	}

	/** A command of ours is starting: the warm-up gives way at once. */
	static void commandStarted() {
		stop = true;
	}

	/** For the tests: warm up again. */
	static void reset() {
		stop = false;
	}

	/** @return whether this service started its warm-up thread */
	boolean started() {
		return thread != null;
	}

	@Override
	public void dispose() {
		stop = true;
		if (thread != null) thread.interrupt();
	}
}
