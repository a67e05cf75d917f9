package io.github.pixelclustering.imglib;

import io.github.pixelclustering.core.TaskRunner;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;

import java.util.List;

/**
 * A {@link TaskRunner} backed by ImgLib2's {@link Parallelization}: the caller picks the threading,
 * e.g. {@code Parallelization.runSingleThreaded(() -> ...)}, as for any ImgLib2 algorithm.
 */
public final class ParallelTasks implements TaskRunner {

	private final TaskExecutor executor;

	private ParallelTasks(final TaskExecutor executor) {
		this.executor = executor;
	}

	/** @return a runner using the task executor of the calling thread's {@link Parallelization} context */
	public static TaskRunner current() {
		final TaskExecutor executor = Parallelization.getTaskExecutor();
		return executor.getParallelism() <= 1 ? TaskRunner.SEQUENTIAL : new ParallelTasks(executor);
	}

	@Override
	public int parallelism() {
		return executor.getParallelism();
	}

	@Override
	public void runAll(final List<Runnable> tasks) {
		executor.runAll(tasks);
	}
}
