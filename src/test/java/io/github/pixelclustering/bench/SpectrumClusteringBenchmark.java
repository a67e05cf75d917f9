package io.github.pixelclustering.bench;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumClusteringResult;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.ClusterNumber;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.testutil.SyntheticSpectra;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

/**
 * Times the spectrum-image cluster analysis the way HyperSpy's users run it, from the channel images to
 * the result. Run by {@code bench/spectrum_clustering.py}, which times HyperSpy 1.7.3 on the same data in
 * the same run.
 * <ul>
 * <li>{@code analysis}: SVD decomposition, 5 components, norm preprocessing, k-means with k = 4 and 10
 * restarts, then labels (largest first), distances and cluster spectra: HyperSpy's
 * {@code decomposition()} + {@code cluster_analysis("decomposition", number_of_components=5,
 * n_clusters=4, preprocessing="norm")};</li>
 * <li>{@code gap}: the number of clusters by the gap statistic, k = 1..10, on the features of the same
 * decomposition (computed before timing, as HyperSpy's {@code estimate_number_of_clusters} needs a
 * decomposition done before it).</li>
 * </ul>
 *
 * <pre>
 * java -Xmx1g -cp ... io.github.pixelclustering.bench.SpectrumClusteringBenchmark analysis data.f32 30 30 2048 3 2 labels.i32
 * java -Xmx2g -cp ... io.github.pixelclustering.bench.SpectrumClusteringBenchmark analysis synthetic:256x256x2048 0 0 0 0 2 labels.i32
 * </pre>
 *
 * Arguments: task, data (raw little-endian float32 laid out [channel][pixel], or
 * {@code synthetic:WxHxC} for {@code testutil.SyntheticSpectra} with seed 0, generated in the JVM), width,
 * height, channels, warm runs, threads, labels file. Prints one JSON line.
 */
public final class SpectrumClusteringBenchmark {

	private SpectrumClusteringBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final String task = args[0];
		int width = Integer.parseInt(args[2]);
		int height = Integer.parseInt(args[3]);
		int channels = Integer.parseInt(args[4]);
		final int warmRuns = Integer.parseInt(args[5]);
		final int threads = Integer.parseInt(args[6]);
		final Path labelsFile = Paths.get(args[7]);
		final float[][] planes;
		if (args[1].startsWith("synthetic:")) {
			final String[] size = args[1].substring("synthetic:".length()).split("x");
			width = Integer.parseInt(size[0]);
			height = Integer.parseInt(size[1]);
			channels = Integer.parseInt(size[2]);
			planes = synthetic(width, height, channels);
		}
		else planes = read(Paths.get(args[1]), width * height, channels);
		final List<RandomAccessibleInterval<? extends RealType<?>>> views = views(planes, width, height);
		final int[] labels;
		final BenchmarkRuns<?> runs;
		String extra = "";
		if ("analysis".equals(task)) {
			final BenchmarkRuns<SpectrumClusteringResult> r = BenchmarkRuns.measure(warmRuns, threads, runner -> {
				final SpectrumClustering.Features features = SpectrumClustering.features(views, null, SETTINGS, ProgressListener.NONE);
				return SpectrumClustering.cluster(features, views, SETTINGS, ProgressListener.NONE);
			});
			labels = r.last().labels();
			boolean deterministic = true;
			for (int i = 1; i < r.runs(); i++)
				deterministic &= Arrays.equals(r.result(0).labels(), r.result(i).labels());
			extra = String.format(Locale.ROOT, ", \"sizes\": %s, \"deterministic\": %b", Arrays.toString(r.last().fit().sizes()), deterministic);
			runs = r;
		}
		else if ("gap".equals(task)) {
			final SpectrumClustering.Features[] features = new SpectrumClustering.Features[1];
			net.imglib2.parallel.Parallelization.runWithNumThreads(threads, () -> features[0] = SpectrumClustering.features(views, null, SETTINGS, ProgressListener.NONE));
			final BenchmarkRuns<ClusterNumber.Result> r = BenchmarkRuns.measure(warmRuns, threads, runner -> SpectrumClustering.estimate(features[0], 10, ClusterNumber.Metric.GAP, SETTINGS, ProgressListener.NONE));
			labels = new int[] { r.last().estimate() };
			extra = String.format(Locale.ROOT, ", \"estimate\": %d, \"gap\": %s", r.last().estimate(), Arrays.toString(r.last().values()));
			runs = r;
		}
		else throw new IllegalArgumentException("task must be analysis or gap, got " + task);
		BenchmarkRuns.write(labelsFile, labels);
		final Runtime runtime = Runtime.getRuntime();
		System.out.println(String.format(Locale.ROOT, "{\"task\": \"%s\", \"width\": %d, \"height\": %d, \"channels\": %d, \"cold_seconds\": %.4f, \"seconds\": %.4f, \"warm_runs\": %d, \"warmups\": %d, \"max_heap_mb\": %d, \"used_heap_mb\": %d%s}", task, width, height, channels, runs.cold(), runs.median(), runs.warmRuns(), runs.warmups(), runtime.maxMemory() >> 20, (runtime.totalMemory() - runtime.freeMemory()) >> 20, extra));
	}

	/** HyperSpy's analysis as the benchmark runs it: decomposition, 5 components, norm, k-means k = 4, 10 restarts, seed 0. */
	static final SpectrumClustering.Settings SETTINGS = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 5, false, Preprocessing.NORM, ClusterAnalysis.Algorithm.KMEANS, 0, 4, 10, 0, 0, -1);

	/** @return one width x height float image per plane */
	static List<RandomAccessibleInterval<? extends RealType<?>>> views(final float[][] planes, final int width, final int height) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> views = new ArrayList<>(planes.length);
		for (final float[] plane : planes)
			views.add(ArrayImgs.floats(plane, width, height));
		return views;
	}

	/**
	 * @return the synthetic map of seed 0 ({@link SyntheticSpectra}) as float planes, one per channel; the
	 *         int counts are dropped before the analysis
	 */
	static float[][] synthetic(final int width, final int height, final int channels) {
		final int[] counts = SyntheticSpectra.generate(width, height, channels, 0).counts();
		final float[][] planes = new float[channels][width * height];
		for (int p = 0; p < width * height; p++)
			for (int c = 0; c < channels; c++)
				planes[c][p] = counts[p * channels + c];
		return planes;
	}

	private static float[][] read(final Path file, final int pixels, final int channels) throws IOException {
		final FloatBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
		if (in.remaining() != (long) pixels * channels) throw new IllegalArgumentException(file + ": expected " + (long) pixels * channels + " float32 values, got " + in.remaining());
		final float[][] planes = new float[channels][pixels];
		for (final float[] plane : planes)
			in.get(plane);
		return planes;
	}
}
