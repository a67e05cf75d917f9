package io.github.pixelclustering.bench;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.ward.GridGraph;
import io.github.pixelclustering.ward.WardTree;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times Ward agglomeration of the pixels of one stack of images under grid connectivity: building the
 * grid graph, the full Ward tree, and cutting it into k clusters (the labels of every pixel). The data is
 * read and converted to double before timing. Prints one JSON line: seconds of the first (cold) run,
 * median seconds of the warm runs, and the within-cluster sum of squares of the cut as the tree reports
 * it; writes the labels of the last run as raw little-endian int32, one per pixel in raster order. Run by
 * {@code bench/pixel_agglomeration.py}, which compares with scikit-learn's
 * {@code FeatureAgglomeration(linkage="ward")} in the same run.
 *
 * <pre>
 * java -Xmx1g -cp target/classes:target/test-classes:<dependencies> io.github.pixelclustering.bench.PixelAgglomerationBenchmark data.f32 200 64x64 4 100 3 2 labels.i32
 * </pre>
 *
 * Arguments: data (raw little-endian float32 laid out [sample][z][y][x], x fastest), samples, grid size
 * {@code WxH} or {@code WxHxD}, neighbourhood (4|8 in 2D, 6|18|26 in 3D), clusters, warm runs,
 * threads, labels file. The first run is the cold one (JIT not yet warmed up). Untimed runs follow until
 * {@value BenchmarkRuns#WARMUP_SECONDS} s have passed since it started (at most {@value BenchmarkRuns#MAX_WARMUPS}; a 64x64 image needs
 * dozens before the JIT has compiled the hot loops, a large one none), then the timed warm runs, in the
 * same JVM.
 */
public final class PixelAgglomerationBenchmark {

	private PixelAgglomerationBenchmark() {}

	/** What a run produces: the tree and its cut. */
	private static final class Run {
		final WardTree tree;
		final int[] labels;

		Run(final WardTree tree, final int[] labels) {
			this.tree = tree;
			this.labels = labels;
		}
	}

	public static void main(final String[] args) throws IOException {
		final Path data = Paths.get(args[0]);
		final int samples = Integer.parseInt(args[1]);
		final int[] dims = Arrays.stream(args[2].split("x")).mapToInt(Integer::parseInt).toArray();
		final int neighbourhood = Integer.parseInt(args[3]);
		final int k = Integer.parseInt(args[4]);
		final int warmRuns = Integer.parseInt(args[5]);
		final int threads = Integer.parseInt(args[6]);
		final Path labelsFile = Paths.get(args[7]);
		final FeatureMatrix x = BenchmarkRuns.read(data, samples, Arrays.stream(dims).reduce(1, (a, b) -> a * b));
		final BenchmarkRuns<Run> runs = BenchmarkRuns.measure(warmRuns, threads, runner -> {
			final WardTree tree = WardTree.build(x, GridGraph.grid(dims, null, neighbourhood, runner), runner, ProgressListener.NONE);
			return new Run(tree, tree.cut(k));
		});
		BenchmarkRuns.write(labelsFile, runs.last().labels);
		final Runtime runtime = Runtime.getRuntime();
		System.out.println(String.format(Locale.ROOT,
				"{\"pixels\": %d, \"samples\": %d, \"neighbourhood\": %d, \"k\": %d, \"cold_seconds\": %.4f, \"seconds\": %.4f, \"warm_runs\": %d, \"warmups\": %d, \"objective\": %.10e, \"max_heap_mb\": %d}",
				x.rows(), samples, neighbourhood, k, runs.cold(), runs.median(), runs.warmRuns(), runs.warmups(), runs.last().tree.objective(k), runtime.maxMemory() >> 20));
	}
}
