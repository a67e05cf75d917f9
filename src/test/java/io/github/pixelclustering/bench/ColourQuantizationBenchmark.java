package io.github.pixelclustering.bench;

import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.WarmUp;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.MedianCut;

import java.util.Arrays;
import java.util.Locale;

import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;

/**
 * Times colour quantization of one image, clustering only (the image is decoded before timing; the
 * labels of every pixel are part of the timed work): our k-means and mini-batch k-means, and ImageJ's
 * built-in MedianCut ({@code Image > Type > 8-bit Color}). Prints one JSON line per method: seconds of
 * the first (cold) run, median seconds of the warm runs, inertia per pixel in RGB scaled to [0, 1].
 * Run by {@code bench/colour_quantization.py}, which compares with scikit-learn in the same run.
 *
 * <pre>
 * java -Xmx1g -cp target/classes:target/test-classes:<dependencies> io.github.pixelclustering.bench.ColourQuantizationBenchmark image.png 16 5 2
 * </pre>
 *
 * Arguments: image, clusters, timed runs, threads, and optionally {@code warmed}. Each method first runs
 * {@value #WARMUP} times untimed but the first (reported as the cold run), so that the JIT has compiled
 * the hot loops. With {@code warmed}, the JVM first runs the warm-up Fiji runs after its start-up
 * ({@link WarmUp#all}, as {@code WarmUpService} does), waits {@value #AFTER_WARM_UP} ms (a click comes
 * a while after it) and then runs only our k-means, reported as {@code k-means-after-warm-up}: its first
 * run is what the first click in Fiji costs.
 */
public final class ColourQuantizationBenchmark {

	/** Runs before the timed ones; the first is reported as cold. */
	static final int WARMUP = 3;

	private ColourQuantizationBenchmark() {}

	public static void main(final String[] args) {
		final String path = args[0];
		final int k = Integer.parseInt(args[1]);
		final int runs = Integer.parseInt(args[2]);
		final int threads = Integer.parseInt(args[3]);
		final ImagePlus image = IJ.openImage(path);
		if (image == null || image.getType() != ImagePlus.COLOR_RGB) throw new IllegalArgumentException("need an RGB image: " + path);
		if (args.length > 4 && args[4].equals("warmed")) {
			final long start = System.nanoTime();
			WarmUp.all(() -> false);
			System.out.println(String.format(Locale.ROOT, "{\"warm_up_seconds\": %.4f}", (System.nanoTime() - start) / 1e9));
			// in Fiji the first click comes a while after the warm-up (which starts 3 s after start-up):
			// the compiler threads finish what the warm-up queued
			pause(AFTER_WARM_UP);
			Parallelization.runWithNumThreads(threads, () -> measure("k-means-after-warm-up", image, k, runs, ColourQuantization.Method.K_MEANS));
			return;
		}
		Parallelization.runWithNumThreads(threads, () -> {
			measure("k-means", image, k, runs, ColourQuantization.Method.K_MEANS);
			measure("mini-batch", image, k, runs, ColourQuantization.Method.MINI_BATCH);
		});
		medianCut(image, k, runs);
	}

	/** Milliseconds between the warm-up and the first run with {@code warmed}. */
	static final long AFTER_WARM_UP = 1000;

	private static void pause(final long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void measure(final String name, final ImagePlus image, final int k, final int runs, final ColourQuantization.Method method) {
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(k, method, ColourQuantization.Space.RGB, 0, 0);
		final double[] seconds = new double[runs + WARMUP];
		ColourQuantizationResult result = null;
		for (int r = 0; r < seconds.length; r++) {
			final byte[] labels = new byte[image.getWidth() * image.getHeight()];
			final long start = System.nanoTime();
			result = ColourQuantization.quantizeRgb(ImagePlusImgs.rgb(image), null, settings, ProgressListener.NONE);
			result.writeLabels(ArrayImgs.unsignedBytes(labels, image.getWidth(), image.getHeight()));
			seconds[r] = (System.nanoTime() - start) / 1e9;
		}
		print(name, seconds, result.inertiaPerPixel(), result.fit().labels().length);
	}

	private static void medianCut(final ImagePlus image, final int k, final int runs) {
		final double[] seconds = new double[runs + WARMUP];
		ImageProcessor indexed = null;
		for (int r = 0; r < seconds.length; r++) {
			final ColorProcessor copy = (ColorProcessor) image.getProcessor().duplicate();
			final long start = System.nanoTime();
			indexed = new MedianCut(copy).convertToByte(k);
			seconds[r] = (System.nanoTime() - start) / 1e9;
		}
		// inertia: each pixel against the palette colour it was given
		final int[] rgb = (int[]) image.getProcessor().getPixels();
		final byte[] index = (byte[]) indexed.getPixels();
		final java.awt.image.IndexColorModel cm = (java.awt.image.IndexColorModel) indexed.getColorModel();
		double sum = 0;
		for (int i = 0; i < rgb.length; i++) {
			final int c = index[i] & 0xff;
			final double dr = (((rgb[i] >> 16) & 0xff) - cm.getRed(c)) / 255.0;
			final double dg = (((rgb[i] >> 8) & 0xff) - cm.getGreen(c)) / 255.0;
			final double db = ((rgb[i] & 0xff) - cm.getBlue(c)) / 255.0;
			sum += dr * dr + dg * dg + db * db;
		}
		print("imagej-mediancut", seconds, sum / rgb.length, -1);
	}

	private static void print(final String name, final double[] seconds, final double inertiaPerPixel, final int distinct) {
		final double[] warm = Arrays.copyOfRange(seconds, WARMUP, seconds.length);
		Arrays.sort(warm);
		final double median = warm.length == 0 ? seconds[0] : warm[warm.length / 2];
		System.out.println(String.format(Locale.ROOT, "{\"method\": \"%s\", \"cold_seconds\": %.4f, \"seconds\": %.4f, \"inertia_per_pixel\": %.8f, \"distinct_colours\": %d}", name, seconds[0], median, inertiaPerPixel, distinct));
	}
}
