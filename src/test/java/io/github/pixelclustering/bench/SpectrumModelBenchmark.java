package io.github.pixelclustering.bench;

import io.github.pixelclustering.api.ImageDescription;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringResult;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.testutil.SyntheticSpectra;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;

/**
 * Times applying a spectrum model (SVD with 5 components, norm, k-means k = 4 with 10 restarts, fitted
 * on the synthetic map of seed 0) to another synthetic map (seed 1) of 128 x 128 x 1024, and HyperSpy
 * 1.7.3's path for the same projection and predict ({@code bench/spectrum_model.py}, run with
 * {@code /usr/bin/python3} when HyperSpy is installed), in one run; prints the ratios, cold and warm.
 * <p>
 * Ours: {@link SpectrumClusteringModel#apply} (features, labels, distances to the centroids, cluster
 * spectra), the first (cold) run in this JVM after the fit, then the median of the warm runs
 * ({@link BenchmarkRuns}). Theirs: projection + Normalizer + {@code KMeans.predict} ("predict"), and the
 * same plus the distances and cluster sum spectra ("full"); for context, HyperSpy fitting the new map
 * again ("refit", what its users do without an apply). Ratio = their seconds / ours (above 1: ours
 * faster).
 *
 * <pre>
 * java -Xmx2g -cp target/classes:target/test-classes:... io.github.pixelclustering.bench.SpectrumModelBenchmark [width height channels threads]
 * </pre>
 */
public final class SpectrumModelBenchmark {

	private SpectrumModelBenchmark() {}

	public static void main(final String[] args) throws IOException, InterruptedException {
		final int width = args.length > 0 ? Integer.parseInt(args[0]) : 128;
		final int height = args.length > 1 ? Integer.parseInt(args[1]) : 128;
		final int channels = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
		final int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
		final float[][] training = planes(width, height, channels, 0), other = planes(width, height, channels, 1);
		final List<RandomAccessibleInterval<? extends RealType<?>>> trainingViews = views(training, width, height), otherViews = views(other, width, height);
		final SpectrumClustering.Settings settings = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 5, false, Preprocessing.NORM, ClusterAnalysis.Algorithm.KMEANS, 0, 4, 10, 0, 0, -1);
		final SpectrumClusteringModel model = Parallelization.runWithNumThreads(threads, () -> {
			final SpectrumClusteringResult fit = SpectrumClustering.cluster(SpectrumClustering.features(trainingViews, null, settings, ProgressListener.NONE), trainingViews, settings, ProgressListener.NONE);
			final int[] lut = new int[5];
			return SpectrumClusteringModel.of(SpectrumClusteringModel.COMMAND, fit, settings, Map.of("clusters", 4), new ImageDescription("synthetic", new int[] { width, height, 1, channels, 1 }, 32, new double[] { 1, 1, 0.01 }, "pixel"), new SpectrumClusteringModel.EnergyAxis(channels, 0, 0.01, "keV"), false, "mean", lut, trainingViews);
		});
		final BenchmarkRuns<SpectrumClusteringResult> runs = BenchmarkRuns.measure(5, threads, runner -> model.apply(otherViews, null, ProgressListener.NONE));
		final int[] ours = runs.last().labels();
		boolean deterministic = true;
		for (int r = 1; r < runs.runs(); r++)
			deterministic &= Arrays.equals(runs.result(0).labels(), runs.result(r).labels());
		final double megapixels = width * (double) height / 1e6;
		System.out.println(String.format(Locale.ROOT, "{\"ours\": \"SpectrumClusteringModel.apply\", \"shape\": [%d, %d, %d], \"threads\": %d, \"cold_seconds\": %.4f, \"seconds\": %.4f, \"warmups\": %d, \"megapixels_per_second\": %.2f, \"deterministic\": %b}", width, height, channels, threads, runs.cold(), runs.median(), runs.warmups(), megapixels / runs.median(), deterministic));

		final Path dir = Paths.get("target", "bench");
		Files.createDirectories(dir);
		final Path script = Paths.get("bench", "spectrum_model.py");
		final File python = new File("/usr/bin/python3");
		if (!python.canExecute() || !Files.isRegularFile(script)) {
			System.out.println("No ratio: /usr/bin/python3 or bench/spectrum_model.py is missing.");
			return;
		}
		final Path trainingFile = write(dir.resolve("spectrum-model-training.f32"), training), otherFile = write(dir.resolve("spectrum-model-other.f32"), other);
		final Process p = new ProcessBuilder(python.getPath(), script.toString(), trainingFile.toString(), otherFile.toString(), "" + width, "" + height, "" + channels, "" + threads).redirectErrorStream(true).start();
		final String output = new String(p.getInputStream().readAllBytes());
		if (p.waitFor() != 0) {
			System.out.println("No ratio: HyperSpy is not installed or its run failed: " + output.trim().replaceAll("\\s+", " "));
			return;
		}
		final String line = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}");
		System.out.println(line);
		final double predict = value(line, "predict_seconds"), predictCold = value(line, "predict_cold_seconds"), full = value(line, "full_seconds"), fullCold = value(line, "full_cold_seconds"), refit = value(line, "refit_seconds");
		final int[] theirs = read(Paths.get(otherFile + ".hyperspy-labels.i32"), ours.length);
		System.out.println(String.format(Locale.ROOT, "{\"ratio_warm_vs_predict\": %.2f, \"ratio_cold_vs_predict\": %.2f, \"ratio_warm_vs_full\": %.2f, \"ratio_cold_vs_full\": %.2f, \"ratio_warm_vs_refit\": %.1f, \"label_agreement_with_hyperspy\": %.4f}", predict / runs.median(), predictCold / runs.cold(), full / runs.median(), fullCold / runs.cold(), refit / runs.median(), agreement(ours, theirs, 4)));
	}

	private static float[][] planes(final int width, final int height, final int channels, final long seed) {
		final int[] counts = SyntheticSpectra.generate(width, height, channels, seed).counts();
		final float[][] planes = new float[channels][width * height];
		for (int p = 0; p < width * height; p++)
			for (int c = 0; c < channels; c++)
				planes[c][p] = counts[p * channels + c];
		return planes;
	}

	private static List<RandomAccessibleInterval<? extends RealType<?>>> views(final float[][] planes, final int width, final int height) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>(planes.length);
		for (final float[] plane : planes)
			out.add(ArrayImgs.floats(plane, width, height));
		return out;
	}

	private static Path write(final Path file, final float[][] planes) throws IOException {
		final ByteBuffer all = ByteBuffer.allocate(4 * planes.length * planes[0].length).order(ByteOrder.LITTLE_ENDIAN);
		for (final float[] plane : planes)
			for (final float v : plane)
				all.putFloat(v);
		Files.write(file, all.array());
		return file;
	}

	private static int[] read(final Path file, final int n) throws IOException {
		final int[] out = new int[n];
		ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
		return out;
	}

	/** @return the fraction of pixels on which the two labellings agree after matching clusters (greedy by overlap) */
	private static double agreement(final int[] a, final int[] b, final int k) {
		final long[][] overlap = new long[k][k];
		for (int i = 0; i < a.length; i++)
			overlap[a[i]][b[i]]++;
		final boolean[] usedA = new boolean[k], usedB = new boolean[k];
		long same = 0;
		for (int step = 0; step < k; step++) {
			int bi = -1, bj = -1;
			for (int i = 0; i < k; i++)
				for (int j = 0; j < k; j++)
					if (!usedA[i] && !usedB[j] && (bi < 0 || overlap[i][j] > overlap[bi][bj])) {
						bi = i;
						bj = j;
					}
			usedA[bi] = usedB[bj] = true;
			same += overlap[bi][bj];
		}
		return (double) same / a.length;
	}

	private static double value(final String json, final String key) {
		final int at = json.indexOf("\"" + key + "\":");
		if (at < 0) return Double.NaN;
		final String rest = json.substring(at + key.length() + 3).trim();
		return Double.parseDouble(rest.split("[,}]")[0].trim());
	}
}
