package io.github.pixelclustering.bench;

import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.PixelAgglomeration;
import io.github.pixelclustering.api.PixelAgglomerationResult;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.WarmUp;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.testutil.SmoothNoise;

import ij.IJ;
import ij.ImagePlus;

import java.util.Arrays;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * What the first click in Fiji costs, with and without the warm-up Fiji runs after start-up
 * ({@code WarmUpService}): in a fresh JVM, optionally {@link WarmUp#all} first, then the first run of
 * each case and, after two untimed runs, the median of 3 warm runs. The engines run with ImgLib2's
 * default threading (fork-join's common pool: one thread on 2 cores; Fiji's commands use ImageJ's
 * thread count, all cores). Cases: Colour Quantization k = 16 of china.jpg; Ward k = 1000 of 50 x 256 x 256 seeded smoothed
 * noise ({@link SmoothNoise}, radius 2); Spectrum Image Cluster Analysis of the synthetic 128 x 128 x 1024
 * map as {@link SpectrumClusteringBenchmark} runs it. One JVM per mode; run each mode a few times, the machine is noisy.
 * <p>
 * Usage: {@code java -cp <test classpath> io.github.pixelclustering.bench.WarmUpBenchmark cold|warmed <china.jpg>}
 */
public final class WarmUpBenchmark {

	private WarmUpBenchmark() {}

	public static void main(final String[] args) {
		final boolean warmed = args[0].equals("warmed");
		final ImagePlus china = IJ.openImage(args[1]);
		final List<RandomAccessibleInterval<? extends RealType<?>>> stack = SmoothNoise.samples(256, 256, 50, 0, 2);
		double warmUp = 0;
		if (warmed) {
			final long t = System.nanoTime();
			WarmUp.all(() -> false);
			warmUp = (System.nanoTime() - t) / 1e9;
		}
		final ColourQuantization.Settings colour = new ColourQuantization.Settings(16, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 0, 0);
		final PixelAgglomeration.Settings ward = new PixelAgglomeration.Settings(1000, PixelAgglomeration.Method.WARD, 4);
		final List<RandomAccessibleInterval<? extends RealType<?>>> map = SpectrumClusteringBenchmark.views(SpectrumClusteringBenchmark.synthetic(128, 128, 1024), 128, 128);
		final double[] colourTimes = new double[6], wardTimes = new double[6], spectrumTimes = new double[6];
		double inertia = 0;
		long clusters = 0;
		for (int run = 0; run < 6; run++) {
			long t = System.nanoTime();
			inertia = ColourQuantization.quantizeRgb(ImagePlusImgs.rgb(china), null, colour, ProgressListener.NONE).inertiaPerPixel();
			colourTimes[run] = (System.nanoTime() - t) / 1e9;
			t = System.nanoTime();
			final PixelAgglomerationResult result = PixelAgglomeration.agglomerate(stack, null, ward, ProgressListener.NONE);
			wardTimes[run] = (System.nanoTime() - t) / 1e9;
			clusters = result.clusters();
			t = System.nanoTime();
			SpectrumClustering.cluster(SpectrumClustering.features(map, null, SpectrumClusteringBenchmark.SETTINGS, ProgressListener.NONE), map, SpectrumClusteringBenchmark.SETTINGS, ProgressListener.NONE);
			spectrumTimes[run] = (System.nanoTime() - t) / 1e9;
		}
		System.out.printf(java.util.Locale.ROOT, "{\"mode\": \"%s\", \"warm_up_seconds\": %.3f, \"colour_first\": %.3f, \"colour_warm\": %.3f, \"colour_inertia\": %.7f, \"ward_first\": %.3f, \"ward_warm\": %.3f, \"ward_clusters\": %d, \"spectrum_first\": %.3f, \"spectrum_warm\": %.3f}%n", args[0], warmUp, colourTimes[0], median(colourTimes), inertia, wardTimes[0], median(wardTimes), clusters, spectrumTimes[0], median(spectrumTimes));
	}

	/** The median of the last 3 of the runs. */
	private static double median(final double[] times) {
		final double[] last = Arrays.copyOfRange(times, times.length - 3, times.length);
		Arrays.sort(last);
		return last[1];
	}
}
