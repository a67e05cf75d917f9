package io.github.pixelclustering.api;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.List;
import java.util.Locale;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/** The pixel profiles of Pixel Agglomeration (a fit, or a model applied): one row per pixel, one column per sample. */
final class PixelProfiles {

	/** Pixels read between two progress reports, minus 1 (a mask of low bits). */
	private static final int READ_REPORT = (1 << 16) - 1;

	private PixelProfiles() {}

	/**
	 * The profiles of the pixels inside the mask, read in parallel (one task per sample).
	 *
	 * @param samples one image per sample, all over space
	 * @param inside the pixels to read in raster order, or null for all
	 * @param n how many are inside
	 * @param dims the size of space
	 * @param runner where to run
	 * @param listener progress
	 * @return {@code n x samples}, row-major
	 * @throws IllegalArgumentException ({@link #NOT_FINITE}) on a NaN or infinite value
	 */
	static double[] read(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> samples, final boolean[] inside, final int n, final int[] dims, final TaskRunner runner, final ProgressListener listener) {
		final int d = samples.size();
		final long size = Intervals.numElements(samples.get(0));
		final double[] x = new double[Math.multiplyExact(n, d)];
		final String[] bad = new String[d];
		final SharedProgress reading = new SharedProgress(listener, (double) size * d);
		Chunks.of(d, 1).forEach(runner, (chunk, from, to) -> {
			for (int s = from; s < to; s++) {
				final Cursor<? extends RealType<?>> c = Views.flatIterable(samples.get(s)).cursor();
				int row = 0;
				for (int p = 0; p < size; p++) {
					if ((p & READ_REPORT) == READ_REPORT) reading.add(READ_REPORT + 1, "Reading profiles");
					final double v = c.next().getRealDouble();
					if (inside != null && !inside[p]) continue;
					if (!Double.isFinite(v) && bad[s] == null) bad[s] = String.format(PixelAgglomeration.NOT_FINITE, v, position(p, dims) + ", sample " + (s + 1));
					x[row++ * d + s] = v;
				}
			}
		});
		for (final String message : bad)
			if (message != null) throw new IllegalArgumentException(message);
		listener.checkCanceled();
		return x;
	}

	/** @return e.g. {@code "x=3, y=4"} or {@code "x=3, y=4, z=1"} (0-based pixel coordinates) */
	static String position(final int p, final int[] dims) {
		final int x = p % dims[0];
		final int y = p / dims[0] % dims[1];
		return dims.length == 3 ? String.format(Locale.ROOT, "x=%d, y=%d, z=%d", x, y, p / dims[0] / dims[1]) : String.format(Locale.ROOT, "x=%d, y=%d", x, y);
	}
}
