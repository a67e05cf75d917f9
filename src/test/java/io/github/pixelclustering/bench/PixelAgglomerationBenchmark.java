package io.github.pixelclustering.bench;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.ward.GridGraph;
import io.github.pixelclustering.ward.WardTree;

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
 * {@value #WARMUP_SECONDS} s have passed since it started (at most {@value #MAX_WARMUPS}; a 64x64 image needs
 * dozens before the JIT has compiled the hot loops, a large one none), then the timed warm runs, in the
 * same JVM.
 */
public final class PixelAgglomerationBenchmark {

	/** Untimed runs after the cold one continue until this many seconds have passed since it started. */
	static final double WARMUP_SECONDS = 2.0;
	/** At most this many untimed runs. */
	static final int MAX_WARMUPS = 200;

	private PixelAgglomerationBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final Path data = Paths.get(args[0]);
		final int samples = Integer.parseInt(args[1]);
		final int[] dims = Arrays.stream(args[2].split("x")).mapToInt(Integer::parseInt).toArray();
		final int neighbourhood = Integer.parseInt(args[3]);
		final int k = Integer.parseInt(args[4]);
		final int warmRuns = Integer.parseInt(args[5]);
		final int threads = Integer.parseInt(args[6]);
		final Path labelsFile = Paths.get(args[7]);
		final FeatureMatrix x = read(data, samples, Arrays.stream(dims).reduce(1, (a, b) -> a * b));
		final double[] seconds = new double[1 + warmRuns];
		final int[][] labels = new int[1][];
		final double[] objective = new double[1];
		final int[] warmups = new int[1];
		Parallelization.runWithNumThreads(threads, () -> {
			final TaskRunner runner = ParallelTasks.current();
			final long begin = System.nanoTime();
			for (int r = 0; r < seconds.length; r++) {
				labels[0] = null;
				final long start = System.nanoTime();
				final GridGraph graph = GridGraph.grid(dims, null, neighbourhood, runner);
				final WardTree tree = WardTree.build(x, graph, runner, ProgressListener.NONE);
				labels[0] = tree.cut(k);
				seconds[r] = (System.nanoTime() - start) / 1e9;
				objective[0] = tree.objective(k);
				// after the cold run, untimed runs until the JIT has had WARMUP_SECONDS (small inputs need many)
				while (r == 0 && warmups[0] < MAX_WARMUPS && (System.nanoTime() - begin) / 1e9 < WARMUP_SECONDS) {
					WardTree.build(x, GridGraph.grid(dims, null, neighbourhood, runner), runner, ProgressListener.NONE).cut(k);
					warmups[0]++;
				}
			}
		});
		write(labelsFile, labels[0]);
		final double[] warm = Arrays.copyOfRange(seconds, 1, seconds.length);
		Arrays.sort(warm);
		final double median = warm.length == 0 ? seconds[0] : warm.length % 2 == 1 ? warm[warm.length / 2] : (warm[warm.length / 2 - 1] + warm[warm.length / 2]) / 2;
		final Runtime runtime = Runtime.getRuntime();
		System.out.println(String.format(Locale.ROOT,
				"{\"pixels\": %d, \"samples\": %d, \"neighbourhood\": %d, \"k\": %d, \"cold_seconds\": %.4f, \"seconds\": %.4f, \"warm_runs\": %d, \"warmups\": %d, \"objective\": %.10e, \"max_heap_mb\": %d}",
				x.rows(), samples, neighbourhood, k, seconds[0], median, warm.length, warmups[0], objective[0], runtime.maxMemory() >> 20));
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
