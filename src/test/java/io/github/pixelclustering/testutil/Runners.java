package io.github.pixelclustering.testutil;

import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Task runners for tests: a fixed pool of threads. */
public final class Runners {

	private Runners() {}

	/** Runs the action with a runner of {@code threads} threads. */
	public static <T> T withThreads(final int threads, final java.util.function.Function<TaskRunner, T> action) {
		final ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			return action.apply(tasks -> {
				final List<Future<?>> futures = new ArrayList<>();
				for (final Runnable t : tasks)
					futures.add(pool.submit(t));
				try {
					for (final Future<?> f : futures)
						f.get();
				}
				catch (final InterruptedException | ExecutionException e) {
					throw new RuntimeException(e);
				}
			});
		}
		finally {
			pool.shutdown();
		}
	}
}
