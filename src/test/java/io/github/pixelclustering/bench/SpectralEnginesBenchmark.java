package io.github.pixelclustering.bench;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.ward.AgglomerativeWard;
import io.github.pixelclustering.spectralclustering.SpectralClustering;
import io.github.pixelclustering.spectralclustering.SpectralClusteringResult;
import io.github.pixelclustering.spectralclustering.SpectralClusteringSettings;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Times one of the spectrum-image engines without a spatial graph on an n x d matrix: unconstrained
 * Ward ({@link AgglomerativeWard}: full tree + cut at k) or {@link SpectralClustering} (neighbour graph,
 * eigenvectors, k-means; seed 0). The data is read and converted to double before timing. Prints one JSON
 * line (seconds of the cold run, median seconds of the warm runs) and writes the labels of the last run
 * as raw little-endian int32. Run by {@code bench/spectral_engines.py}, which compares with scikit-learn
 * in the same run.
 *
 * <pre>
 * java -Xmx1g -cp target/classes:target/test-classes:<dependencies> io.github.pixelclustering.bench.SpectralEnginesBenchmark ward data.f32 16384 5 4 3 2 labels.i32
 * </pre>
 *
 * Arguments: engine ({@code ward} or {@code spectral}), data (raw little-endian float32 laid out
 * [feature][row]), rows, features, clusters, warm runs, threads, labels file. The timing protocol is
 * {@link BenchmarkRuns}'s.
 */
public final class SpectralEnginesBenchmark {

	private SpectralEnginesBenchmark() {}

	public static void main(final String[] args) throws IOException {
		final String engine = args[0];
		final Path data = Paths.get(args[1]);
		final int rows = Integer.parseInt(args[2]);
		final int features = Integer.parseInt(args[3]);
		final int k = Integer.parseInt(args[4]);
		final int warmRuns = Integer.parseInt(args[5]);
		final int threads = Integer.parseInt(args[6]);
		final Path labelsFile = Paths.get(args[7]);
		final FeatureMatrix x = BenchmarkRuns.read(data, features, rows);
		final String extra;
		final BenchmarkRuns<int[]> runs;
		if (engine.equals("ward")) {
			runs = BenchmarkRuns.measure(warmRuns, threads, runner -> AgglomerativeWard.build(x, runner, ProgressListener.NONE).cut(k));
			extra = "";
		}
		else if (engine.equals("spectral")) {
			final SpectralClusteringSettings settings = SpectralClusteringSettings.builder(k).seed(0).build();
			final SpectralClusteringResult[] last = new SpectralClusteringResult[1];
			runs = BenchmarkRuns.measure(warmRuns, threads, runner -> {
				last[0] = SpectralClustering.fit(x, settings, runner, ProgressListener.NONE);
				return last[0].labels();
			});
			extra = String.format(Locale.ROOT, ", \"eigensolver\": \"%s\", \"components\": %d, \"residual\": %.3e", last[0].eigensolver(), last[0].components(), last[0].residual());
		}
		else throw new IllegalArgumentException("engine must be ward or spectral, got " + engine);
		BenchmarkRuns.write(labelsFile, runs.last());
		System.out.println(String.format(Locale.ROOT, "{\"engine\": \"%s\", \"rows\": %d, \"features\": %d, \"k\": %d, \"cold_seconds\": %.4f, \"seconds\": %.4f, \"warm_runs\": %d, \"warmups\": %d%s}",
				engine, rows, features, k, runs.cold(), runs.median(), runs.warmRuns(), runs.warmups(), extra));
	}
}
