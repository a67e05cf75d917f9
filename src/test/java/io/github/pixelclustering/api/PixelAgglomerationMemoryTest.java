package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.testutil.SmoothNoise;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;

/**
 * {@link PixelAgglomeration#memoryEstimate} against the heap a run holds: the live heap after a full
 * garbage collection at each new kind of progress report, at other reports at most every 200 ms, and
 * every 250 ms in between; the most of them.
 */
class PixelAgglomerationMemoryTest {

	private static final int W = 600;
	private static final int H = 400;

	private static List<RandomAccessibleInterval<? extends RealType<?>>> rgbLikeNoise() {
		final double[] x = SmoothNoise.pixelMajor(W, H, 1, 3, 11, 2);
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (int s = 0; s < 3; s++) {
			final byte[] plane = new byte[W * H];
			for (int p = 0; p < W * H; p++)
				plane[p] = (byte) (x[p * 3 + s] / 25);
			out.add(ArrayImgs.unsignedBytes(plane, W, H));
		}
		return out;
	}

	private static long live() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** @return the most live heap above what was live before, during the run */
	private static long measure(final List<RandomAccessibleInterval<? extends RealType<?>>> samples, final PixelAgglomeration.Settings settings) throws InterruptedException {
		final long before = live();
		final long[] most = { 0 };
		final ProgressListener listener = new ProgressListener() {
			private long last;
			private String lastKind = "";

			@Override
			public synchronized void progress(final double fraction, final String stage) {
				// a new kind of step (its text without counts) is always measured: a brief phase such as
				// k-means' first polish iteration can hold the peak for less than the 200 ms between samples
				final String kind = stage.replaceAll("[0-9]", "");
				final long now = System.nanoTime();
				if (kind.equals(lastKind) && now - last < 200_000_000L) return;
				lastKind = kind;
				most[0] = Math.max(most[0], live() - before);
				last = System.nanoTime();
			}
		};
		final Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				synchronized (listener) {
					most[0] = Math.max(most[0], live() - before);
				}
				try {
					Thread.sleep(250);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		});
		sampler.start();
		final PixelAgglomerationResult result = PixelAgglomeration.agglomerate(samples, null, settings, listener);
		sampler.interrupt();
		sampler.join();
		assertEquals(W * H, result.pixels());
		return most[0];
	}

	@Test
	void estimatesAreWithinAFactorOfTwoOfTheHeapARunHolds() throws InterruptedException {
		final List<RandomAccessibleInterval<? extends RealType<?>>> samples = rgbLikeNoise();
		final PixelAgglomeration.Settings[] runs = { //
			new PixelAgglomeration.Settings(50, PixelAgglomeration.Method.WARD, 4), //
			new PixelAgglomeration.Settings(50, PixelAgglomeration.Method.HKMEANS, 4).withKMeans(1000, 3, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS), //
			new PixelAgglomeration.Settings(8, PixelAgglomeration.Method.KMEANS, 4).withKMeans(1000, 2, 10, 0, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS) };
		for (final PixelAgglomeration.Settings settings : runs) {
			final long estimate = PixelAgglomeration.memoryEstimate(W * H, W * H, 3, settings);
			final long held = measure(samples, settings);
			final String what = settings.method().label() + " " + settings.connectivity() + ": estimate " + estimate / (W * H) + ", held " + held / (W * H) + " bytes per pixel";
			assertTrue(estimate <= 2 * held && held <= 2 * estimate, what);
		}
		// Ward on a 12-megapixel RGB photo: was about 480 bytes per pixel
		assertTrue(PixelAgglomeration.memoryEstimate(12_000_000, 12_000_000, 3, runs[0]) <= 150L * 12_000_000);
		assertTrue(PixelAgglomeration.memoryEstimate(12_000_000, 12_000_000, 3, new PixelAgglomeration.Settings(50, PixelAgglomeration.Method.WARD, 8)) <= 150L * 12_000_000);
	}
}
