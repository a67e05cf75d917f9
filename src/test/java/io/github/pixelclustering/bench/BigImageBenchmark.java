package io.github.pixelclustering.bench;

import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.TiledColour;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.testutil.SeededSlide;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import net.imglib2.parallel.Parallelization;

/**
 * Colour models on a slide larger than the heap ({@link SeededSlide}, 20,000 x 20,000 RGB, tiled
 * BigTIFF): the exact fit once, then on 1 and 2 threads the tile reading alone, apply counting only, and
 * apply writing the label BigTIFF, each cold (first in the JVM) and warm (median of the runs after).
 * Run it with {@code -Xmx512m}: the JVM cannot use more heap (it prints the limit and the old generation's
 * peak). One JSON object per line on stdout.
 *
 * <pre>
 * mvn -B -q -f plugin/pom.xml -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/target/bench-classpath.txt
 * java -Xmx512m -cp target/classes:target/test-classes:$(cat target/bench-classpath.txt) \
 *   io.github.pixelclustering.bench.BigImageBenchmark target/bench/slide.tif 20000 clusters=8 runs=3
 * </pre>
 *
 * The slide is written first when the file does not exist. bench/big_image.py runs this and scikit-learn.
 */
public final class BigImageBenchmark {

	private BigImageBenchmark() {}

	public static void main(final String[] args) throws Exception {
		final File slide = new File(args[0]);
		final int size = Integer.parseInt(args[1]);
		int clusters = 8;
		int runs = 3;
		for (int i = 2; i < args.length; i++) {
			if (args[i].startsWith("clusters=")) clusters = Integer.parseInt(args[i].substring(9));
			if (args[i].startsWith("runs=")) runs = Integer.parseInt(args[i].substring(5));
		}
		if (!slide.isFile()) {
			slide.getAbsoluteFile().getParentFile().mkdirs();
			final long start = System.nanoTime();
			Parallelization.runWithNumThreads(Runtime.getRuntime().availableProcessors(), () -> {
				SeededSlide.write(slide, size);
				return null;
			});
			System.err.printf(Locale.ROOT, "wrote %s (%d bytes) in %.1f s%n", slide, slide.length(), (System.nanoTime() - start) / 1e9);
		}
		final long pixels = (long) size * size;
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(clusters, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 1, 0);
		long start = System.nanoTime();
		final ColourQuantizationResult fit = threads(2, () -> TiledColour.fit(slide, settings, ProgressListener.NONE));
		final double fitSeconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "{\"job\": \"fit\", \"threads\": 2, \"seconds\": %.3f, \"clusters\": %d, \"distinct_colours\": %d, \"iterations\": %d, \"inertia_per_pixel\": %.9g, \"heap_limit_mb\": %d}%n", fitSeconds, clusters, fit.fit().labels().length, fit.fit().iterations(), fit.inertiaPerPixel(), Runtime.getRuntime().maxMemory() >> 20);
		final ColourQuantizationModel model;
		try (TiledTiff tiff = TiledTiff.open(slide)) {
			model = ColourQuantizationModel.of(fit, settings.values(), TiledColour.describe(tiff, slide), LabelImages.colours(clusters));
		}
		final File labels = new File(slide.getAbsoluteFile().getParentFile(), "slide-labels.tif");
		for (final int threads : new int[] { 1, 2 }) {
			final double[] read = new double[runs], count = new double[runs], write = new double[runs];
			for (int r = 0; r < runs; r++) {
				read[r] = timed(threads, () -> readAll(slide));
				count[r] = timed(threads, () -> TiledColour.apply(model, slide, null, ProgressListener.NONE));
				write[r] = timed(threads, () -> TiledColour.apply(model, slide, labels, ProgressListener.NONE));
			}
			System.out.printf(Locale.ROOT, "{\"job\": \"apply\", \"threads\": %d, \"read_cold\": %.3f, \"read_warm\": %.3f, \"count_cold\": %.3f, \"count_warm\": %.3f, \"apply_cold\": %.3f, \"apply_warm\": %.3f, \"apply_mp_per_s_warm\": %.1f, \"labels_bytes\": %d, \"heap_limit_mb\": %d, \"old_generation_peak_mb\": %d}%n", threads, read[0], warm(read), count[0], warm(count), write[0], warm(write), pixels / warm(write) / 1e6, labels.length(), Runtime.getRuntime().maxMemory() >> 20, oldGenerationPeakMb());
		}
	}

	/** Reads every band of the slide (decoding only). */
	private static Object readAll(final File slide) throws IOException {
		try (TiledTiff tiff = TiledTiff.open(slide)) {
			final TaskRunner tasks = ParallelTasks.current();
			int[] argb = new int[tiff.width() * tiff.maxBandRows()];
			for (int band = 0; band < tiff.bands(); band++) {
				if (argb.length != tiff.width() * tiff.bandRows(band)) argb = new int[tiff.width() * tiff.bandRows(band)];
				tiff.readRgb(band, argb, tasks);
			}
			return argb;
		}
	}

	private interface Work<T> {

		T run() throws IOException;
	}

	private static <T> T threads(final int threads, final Work<T> work) {
		final Callable<T> call = () -> {
			try {
				return work.run();
			}
			catch (final IOException e) {
				throw new UncheckedIOException(e);
			}
		};
		return Parallelization.runWithNumThreads(threads, call);
	}

	private static double timed(final int threads, final Work<?> work) {
		final long start = System.nanoTime();
		threads(threads, work);
		return (System.nanoTime() - start) / 1e9;
	}

	/** @return the median of the runs after the first (the first when there is one run) */
	private static double warm(final double[] seconds) {
		if (seconds.length == 1) return seconds[0];
		final double[] w = Arrays.copyOfRange(seconds, 1, seconds.length);
		Arrays.sort(w);
		return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
	}

	/** @return the peak use of the heap pool of long-lived objects (G1's old generation), in MB */
	private static long oldGenerationPeakMb() {
		long peak = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
			if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")) peak = Math.max(peak, pool.getPeakUsage().getUsed());
		return peak >> 20;
	}
}
