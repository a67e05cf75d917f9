package io.github.pixelclustering.api;

import io.github.pixelclustering.core.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;

/**
 * Small runs of the engines on seeded synthetic images, so that the JIT has compiled their hot code
 * before a user's first run: Java compiles a method after it has run a while, and a first run in a
 * fresh JVM otherwise spends much of its time in the interpreter and waiting for the compiler (a k = 16
 * Colour Quantization of china.jpg in WarmUpBenchmark: 0.41 s fresh, 0.10 s warm, 0.20 s after {@link #all}). The
 * runs use one thread; their results are thrown away and change nothing of later runs.
 */
public final class WarmUp {

	private WarmUp() {}

	/**
	 * Runs the warm-up workloads one after the other, on one thread.
	 *
	 * @param stop polled often: once it is true, the current workload stops and no other starts
	 * @return how many workloads ran to their end
	 */
	public static int all(final BooleanSupplier stop) {
		final ProgressListener listener = new ProgressListener() {

			@Override
			public boolean isCanceled() {
				return stop.getAsBoolean();
			}
		};
		final List<Runnable> workloads = List.of(() -> colourQuantization(listener), () -> ward(listener));
		int done = 0;
		for (final Runnable workload : workloads) {
			if (stop.getAsBoolean()) break;
			try {
				Parallelization.runSingleThreaded(workload);
				done++;
			}
			catch (final CancellationException e) {
				break;
			}
		}
		return done;
	}

	/**
	 * k = 16 k-means of a 320 x 240 RGB image of gradients and seeded noise (about 60,000 colours), then
	 * its 8-bit labels and quantized image written, as the command does: planar images, as ImageJ's
	 * images are seen (the first label writing of china.jpg after a warm-up without it: 0.08 to 0.10 s,
	 * warm 0.02 s).
	 */
	static void colourQuantization(final ProgressListener listener) {
		final int w = 320, h = 240;
		final PlanarImg<ARGBType, IntArray> image = PlanarImgs.argbs(w, h);
		final int[] pixels = image.getPlane(0).getCurrentStorageArray();
		final SplittableRandom random = new SplittableRandom(1);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int r = (x * 255 / w + random.nextInt(24)) & 255, g = (y * 255 / h + random.nextInt(24)) & 255, b = ((x + y) * 127 / (w + h) + random.nextInt(24)) & 255;
				pixels[y * w + x] = r << 16 | g << 8 | b;
			}
		final ColourQuantizationResult result = ColourQuantization.quantizeRgb(image, null, new ColourQuantization.Settings(16, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 0, 0), listener);
		result.writeLabels(PlanarImgs.unsignedBytes(w, h), listener);
		result.writeQuantized(PlanarImgs.argbs(w, h), listener);
	}

	/**
	 * Ward k = 1000 of a stack of 10 samples of 256 x 256 seeded, smoothed noise, 4-connectivity: the
	 * grid of a typical stack, so that the merges run long enough for the JIT to compile them with a
	 * whole profile (measured in a fresh JVM, first Ward k = 1000 of 50 x 256 x 256 after the warm-up:
	 * 0.28 to 0.31 s after this workload, 0.48 to 0.52 s after one of 10 x 64 x 64 with k = 100; warm
	 * 0.15 to 0.18 s).
	 */
	static void ward(final ProgressListener listener) {
		final int w = 256, h = 256, samples = 10;
		final SplittableRandom random = new SplittableRandom(2);
		final List<RandomAccessibleInterval<? extends RealType<?>>> stack = new ArrayList<>();
		for (int s = 0; s < samples; s++) {
			final float[] noise = new float[w * h];
			for (int i = 0; i < noise.length; i++)
				noise[i] = (float) (random.nextDouble() - 0.5);
			// a 3 x 3 box blur: neighbouring pixels alike, as in images
			final float[] smooth = new float[w * h];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					float sum = 0;
					for (int dy = -1; dy <= 1; dy++)
						for (int dx = -1; dx <= 1; dx++)
							sum += noise[Math.floorMod(y + dy, h) * w + Math.floorMod(x + dx, w)];
					smooth[y * w + x] = sum / 9;
				}
			stack.add(ArrayImgs.floats(smooth, w, h));
		}
		PixelAgglomeration.agglomerate(stack, null, new PixelAgglomeration.Settings(1000, PixelAgglomeration.Method.WARD, 4), listener);
	}
}
