package io.github.pixelclustering.bench;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.hkmeans.HierarchicalKMeans;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.kmeans.MiniBatchSettings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

import net.imglib2.parallel.Parallelization;

/**
 * Times hierarchical k-means of the pixels of one stack of images (nilearn's {@code HierarchicalKMeans}
 * with its defaults: batch size 1000, 10 initialisations, early stopping after 10 mini-batches without
 * improvement, seed 0, k-means++), from the feature matrix to the label of every pixel. The data is read
 * and converted to double before timing. Prints one JSON line: seconds of the first (cold) run, median
 * seconds of the warm runs, the number of non-empty clusters, and whether every run gave the same labels;
 * writes the labels of the last run as raw little-endian int32, one per pixel in raster order. Run by
 * {@code bench/hkmeans.py}, which compares with the Python reference ({@code scripts/hkmeans_fixtures.py},
 * on scikit-learn's {@code MiniBatchKMeans}) and with our Ward in the same run.
 *
 * <pre>
 * java -Xmx1g -cp target/classes:target/test-classes:<dependencies> io.github.pixelclustering.bench.HierarchicalKMeansBenchmark data.f32 200 4096 1000 3 2 labels.i32
 * </pre>
 *
 * Arguments: data (raw little-endian float32 laid out [sample][pixel]), samples, pixels, clusters K, warm
 * runs, threads, labels file. The first run is the cold one (JIT not yet warmed up). Untimed runs follow
 * until {@value #WARMUP_SECONDS} s have passed since it started (at most {@value #MAX_WARMUPS}), then the
 * timed warm runs, in the same JVM.
 */
public final class HierarchicalKMeansBenchmark {

	/** Untimed runs after the cold one continue until this many seconds have passed since it started. */
	static final double WARMUP_SECONDS = 2.0;
	/** At most this many untimed runs. */
	static final int MAX_WARMUPS = 200;

	private HierarchicalKMeansBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final Path data = Paths.get(args[0]);
		final int samples = Integer.parseInt(args[1]);
		final int pixels = Integer.parseInt(args[2]);
		final int k = Integer.parseInt(args[3]);
		final int warmRuns = Integer.parseInt(args[4]);
		final int threads = Integer.parseInt(args[5]);
		final Path labelsFile = Paths.get(args[6]);
		final FeatureMatrix x = read(data, samples, pixels);
		final HierarchicalKMeans.Settings settings = new HierarchicalKMeans.Settings(k, 1000, 10, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS);
		final double[] seconds = new double[1 + warmRuns];
		final HierarchicalKMeans.Result[] result = new HierarchicalKMeans.Result[1];
		final int[][] firstLabels = new int[1][];
		final boolean[] deterministic = { true };
		final int[] warmups = new int[1];
		Parallelization.runWithNumThreads(threads, () -> {
			final TaskRunner runner = ParallelTasks.current();
			final long begin = System.nanoTime();
			for (int r = 0; r < seconds.length; r++) {
				result[0] = null;
				final long start = System.nanoTime();
				result[0] = HierarchicalKMeans.fit(x, settings, runner, ProgressListener.NONE);
				seconds[r] = (System.nanoTime() - start) / 1e9;
				final int[] labels = result[0].labels();
				if (r == 0) firstLabels[0] = labels;
				else deterministic[0] &= Arrays.equals(firstLabels[0], labels);
				// after the cold run, untimed runs until the JIT has had WARMUP_SECONDS (small inputs need many)
				while (r == 0 && warmups[0] < MAX_WARMUPS && (System.nanoTime() - begin) / 1e9 < WARMUP_SECONDS) {
					HierarchicalKMeans.fit(x, settings, runner, ProgressListener.NONE);
					warmups[0]++;
				}
			}
		});
		write(labelsFile, result[0].labels());
		final double[] warm = Arrays.copyOfRange(seconds, 1, seconds.length);
		Arrays.sort(warm);
		final double median = warm.length == 0 ? seconds[0] : warm.length % 2 == 1 ? warm[warm.length / 2] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
		final Runtime runtime = Runtime.getRuntime();
		System.out.println(String.format(Locale.ROOT,
				"{\"pixels\": %d, \"samples\": %d, \"k\": %d, \"cold_seconds\": %.4f, \"seconds\": %.4f, \"warm_runs\": %d, \"warmups\": %d, \"clusters\": %d, \"coarse_clusters\": %d, \"deterministic\": %b, \"max_heap_mb\": %d}",
				x.rows(), samples, k, seconds[0], median, warm.length, warmups[0], result[0].clusters(), result[0].coarseSizes().length, deterministic[0], runtime.maxMemory() >> 20));
	}

	/** Reads [sample][pixel] float32 values into the pixels x samples matrix the engine clusters. */
	private static FeatureMatrix read(final Path file, final int samples, final int pixels) throws IOException {
		final FloatBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
		if (in.remaining() != (long) samples * pixels) throw new IllegalArgumentException(file + ": expected " + (long) samples * pixels + " float32 values, got " + in.remaining());
		final double[] matrix = new double[pixels * samples];
		for (int s = 0; s < samples; s++)
			for (int p = 0; p < pixels; p++)
				matrix[p * samples + s] = in.get();
		return new FeatureMatrix(matrix, pixels, samples);
	}

	private static void write(final Path file, final int[] labels) throws IOException {
		final ByteBuffer out = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
		out.asIntBuffer().put(labels);
		Files.write(file, out.array());
	}
}
