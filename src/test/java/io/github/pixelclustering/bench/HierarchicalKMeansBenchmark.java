package io.github.pixelclustering.bench;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.hkmeans.HierarchicalKMeans;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.kmeans.MiniBatchSettings;

import net.imglib2.parallel.Parallelization;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times hierarchical k-means of the pixels of one stack of images (nilearn's {@code HierarchicalKMeans}
 * with its defaults: batch size 1000, 10 initialisations, early stopping after 10 mini-batches without
 * improvement, seed 0, k-means++; then our Lloyd iterations), from the feature matrix to the label of every pixel. The data is read
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
 * runs, threads, labels file, and optionally a number of seeds S: after the timing, untimed fits with
 * seeds 1..S-1 write their labels to the labels file's name followed by {@code .seed<s>} (the objective
 * of a randomised method is compared over seeds), and optionally the Lloyd iterations after every
 * mini-batch k-means (default {@link HierarchicalKMeans#DEFAULT_LLOYD_ITERATIONS}, as the command; 0 =
 * nilearn's algorithm exactly). The first run is the cold one (JIT not yet warmed up). Untimed runs follow
 * until {@value BenchmarkRuns#WARMUP_SECONDS} s have passed since it started (at most {@value BenchmarkRuns#MAX_WARMUPS}), then the
 * timed warm runs, in the same JVM.
 */
public final class HierarchicalKMeansBenchmark {

	private HierarchicalKMeansBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final Path data = Paths.get(args[0]);
		final int samples = Integer.parseInt(args[1]);
		final int pixels = Integer.parseInt(args[2]);
		final int k = Integer.parseInt(args[3]);
		final int warmRuns = Integer.parseInt(args[4]);
		final int threads = Integer.parseInt(args[5]);
		final Path labelsFile = Paths.get(args[6]);
		final int seeds = args.length > 7 ? Integer.parseInt(args[7]) : 1;
		final int lloyd = args.length > 8 ? Integer.parseInt(args[8]) : HierarchicalKMeans.DEFAULT_LLOYD_ITERATIONS;
		final FeatureMatrix x = BenchmarkRuns.read(data, samples, pixels);
		final HierarchicalKMeans.Settings settings = new HierarchicalKMeans.Settings(k, 1000, 10, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, lloyd);
		final BenchmarkRuns<HierarchicalKMeans.Result> runs = BenchmarkRuns.measure(warmRuns, threads, runner -> HierarchicalKMeans.fit(x, settings, runner, ProgressListener.NONE));
		boolean deterministic = true;
		for (int r = 1; r < runs.runs(); r++)
			deterministic &= Arrays.equals(runs.result(0).labels(), runs.result(r).labels());
		final HierarchicalKMeans.Result result = runs.last();
		BenchmarkRuns.write(labelsFile, result.labels());
		for (int seed = 1; seed < seeds; seed++) {
			final HierarchicalKMeans.Settings other = new HierarchicalKMeans.Settings(k, 1000, 10, 10, seed, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS, lloyd);
			final HierarchicalKMeans.Result[] r = new HierarchicalKMeans.Result[1];
			Parallelization.runWithNumThreads(threads, () -> r[0] = HierarchicalKMeans.fit(x, other, ParallelTasks.current(), ProgressListener.NONE));
			BenchmarkRuns.write(Paths.get(labelsFile + ".seed" + seed), r[0].labels());
		}
		final Runtime runtime = Runtime.getRuntime();
		System.out.println(String.format(Locale.ROOT,
				"{\"pixels\": %d, \"samples\": %d, \"k\": %d, \"cold_seconds\": %.4f, \"seconds\": %.4f, \"warm_runs\": %d, \"warmups\": %d, \"clusters\": %d, \"coarse_clusters\": %d, \"deterministic\": %b, \"max_heap_mb\": %d, \"lloyd_iterations\": %d}",
				x.rows(), samples, k, runs.cold(), runs.median(), runs.warmRuns(), runs.warmups(), result.clusters(), result.coarseSizes().length, deterministic, runtime.maxMemory() >> 20, lloyd));
	}
}
