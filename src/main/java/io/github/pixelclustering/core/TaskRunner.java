package io.github.pixelclustering.core;

import java.util.List;

/**
 * Runs independent tasks, possibly in parallel, and returns when all are done.
 * <p>
 * Engines split their work into {@link Chunks} whose boundaries do not depend on the number of
 * threads, and combine per-chunk results in chunk order: so results are bit-identical whatever runner
 * is used. The ImgLib2 layer provides a runner backed by {@code net.imglib2.parallel.Parallelization}.
 */
public interface TaskRunner {

	/** Runs every task in the calling thread, in order. */
	TaskRunner SEQUENTIAL = tasks -> {
		for (final Runnable task : tasks)
			task.run();
	};

	/** @return how many tasks may run at once (1 for a sequential runner) */
	default int parallelism() {
		return 1;
	}

	/**
	 * Runs all tasks and waits for them. An exception thrown by a task is rethrown.
	 *
	 * @param tasks the tasks, independent of each other
	 */
	void runAll(List<Runnable> tasks);
}
