package io.github.pixelclustering.core;

import java.util.concurrent.CancellationException;

/**
 * Receives progress from an engine and tells it whether to stop.
 * <p>
 * Engines poll {@link #isCanceled()} between iterations; a canceled engine throws
 * {@link CancellationException} and returns nothing. Engines that run parts in parallel may call both
 * methods from worker threads, so implementations must be thread-safe.
 */
public interface ProgressListener {

	/** A listener that ignores progress and never cancels. */
	ProgressListener NONE = new ProgressListener() {};

	/**
	 * Reports progress.
	 *
	 * @param fraction done so far, in [0, 1]
	 * @param stage what is being done, e.g. {@code "k-means restart 3/10"}
	 */
	default void progress(final double fraction, final String stage) {}

	/** @return whether the caller wants the engine to stop as soon as possible */
	default boolean isCanceled() {
		return false;
	}

	/**
	 * Throws {@link CancellationException} if this listener says stop.
	 *
	 * @throws CancellationException when canceled
	 */
	default void checkCanceled() {
		if (isCanceled()) throw new CancellationException("Canceled");
	}
}
