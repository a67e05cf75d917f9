package io.github.pixelclustering.bench;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

import net.imglib2.parallel.Parallelization;

/**
 * The timing protocol and file formats the engine benchmarks share: a cold run (the first in a fresh
 * JVM), untimed runs until {@value #WARMUP_SECONDS} s have passed since it started (at least
 * {@value #MIN_WARMUPS}, at most {@value #MAX_WARMUPS}; a small input needs dozens before the JIT has compiled the hot loops, a large one
 * none), then the timed warm runs; raw little-endian float32 input and int32 labels.
 *
 * @param <T> what one run produces
 */
final class BenchmarkRuns<T> {

	/** Untimed runs after the cold one continue until this many seconds have passed since it started. */
	static final double WARMUP_SECONDS = 2.0;
	/** At most this many untimed runs. */
	static final int MAX_WARMUPS = 200;
	/** At least this many untimed runs (a large input's cold run may take all of the warm-up time alone). */
	static final int MIN_WARMUPS = 3;

	private final double[] seconds;
	private final T[] results;
	private int warmups;

	@SuppressWarnings("unchecked")
	private BenchmarkRuns(final int warmRuns) {
		seconds = new double[1 + warmRuns];
		results = (T[]) new Object[1 + warmRuns];
	}

	/**
	 * @param warmRuns timed runs after the warm-up
	 * @param threads threads of the ImgLib2 {@code Parallelization} the runs use
	 * @param run one run, timed, given the task runner
	 * @return the timings and results of the cold run and the timed warm runs
	 */
	static <T> BenchmarkRuns<T> measure(final int warmRuns, final int threads, final Function<TaskRunner, T> run) {
		final BenchmarkRuns<T> runs = new BenchmarkRuns<>(warmRuns);
		Parallelization.runWithNumThreads(threads, () -> {
			final TaskRunner runner = ParallelTasks.current();
			final long begin = System.nanoTime();
			for (int r = 0; r < runs.seconds.length; r++) {
				runs.results[r] = null;
				final long start = System.nanoTime();
				runs.results[r] = run.apply(runner);
				runs.seconds[r] = (System.nanoTime() - start) / 1e9;
				while (r == 0 && runs.warmups < MAX_WARMUPS && (runs.warmups < MIN_WARMUPS || (System.nanoTime() - begin) / 1e9 < WARMUP_SECONDS)) {
					run.apply(runner);
					runs.warmups++;
				}
			}
		});
		return runs;
	}

	/** @return seconds of the cold run */
	double cold() {
		return seconds[0];
	}

	/** @return median seconds of the timed warm runs (the cold run when there are none) */
	double median() {
		final double[] warm = Arrays.copyOfRange(seconds, 1, seconds.length);
		Arrays.sort(warm);
		return warm.length == 0 ? seconds[0] : warm.length % 2 == 1 ? warm[warm.length / 2] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
	}

	/** @return number of timed warm runs */
	int warmRuns() {
		return seconds.length - 1;
	}

	/** @return number of untimed warm-up runs */
	int warmups() {
		return warmups;
	}

	/** @return what run {@code r} produced (0 = the cold run) */
	T result(final int r) {
		return results[r];
	}

	/** @return what the last run produced */
	T last() {
		return results[results.length - 1];
	}

	/** @return number of recorded runs (the cold one and the timed warm ones) */
	int runs() {
		return results.length;
	}

	/** Reads [sample][pixel] float32 values into the pixels x samples matrix the engines cluster. */
	static FeatureMatrix read(final Path file, final int samples, final int pixels) throws IOException {
		final FloatBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
		if (in.remaining() != (long) samples * pixels) throw new IllegalArgumentException(file + ": expected " + (long) samples * pixels + " float32 values, got " + in.remaining());
		final double[] matrix = new double[pixels * samples];
		for (int s = 0; s < samples; s++)
			for (int p = 0; p < pixels; p++)
				matrix[p * samples + s] = in.get();
		return new FeatureMatrix(matrix, pixels, samples);
	}

	/** Writes labels as raw little-endian int32. */
	static void write(final Path file, final int[] labels) throws IOException {
		final ByteBuffer out = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
		out.asIntBuffer().put(labels);
		Files.write(file, out.array());
	}
}
