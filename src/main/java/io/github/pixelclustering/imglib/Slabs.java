package io.github.pixelclustering.imglib;

import io.github.pixelclustering.core.ProgressListener;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.view.Views;

/** Work on an image slab after slab along its last axis, with a progress report after each slab. */
public final class Slabs {

	/** Slabs an image is split into (fewer when its last axis is shorter). */
	public static final int COUNT = 32;

	private Slabs() {}

	/** Work on the positions {@code from..to} (0-based, inclusive) of the last axis. */
	@FunctionalInterface
	public interface Task {

		void run(long from, long to);
	}

	/**
	 * Runs the task slab after slab over the image's last axis, reporting each slab done.
	 *
	 * @param image the image whose last axis is split
	 * @param listener progress (slabs done) and cancellation, checked before each slab
	 * @param task the work on one slab
	 */
	public static void forEach(final RandomAccessibleInterval<?> image, final ProgressListener listener, final Task task) {
		final long size = image.dimension(image.numDimensions() - 1);
		final long step = Math.max(1, (size + COUNT - 1) / COUNT);
		for (long from = 0; from < size; from += step) {
			listener.checkCanceled();
			final long to = Math.min(size, from + step) - 1;
			task.run(from, to);
			listener.progress((double) (to + 1) / size, "writing pixels");
		}
	}

	/** @return the positions {@code from..to} (0-based, inclusive) of the image's last axis */
	public static <T> RandomAccessibleInterval<T> of(final RandomAccessibleInterval<T> image, final long from, final long to) {
		final int last = image.numDimensions() - 1;
		final long[] min = image.minAsLongArray();
		final long[] max = image.maxAsLongArray();
		min[last] = image.min(last) + from;
		max[last] = image.min(last) + to;
		return Views.interval(image, min, max);
	}
}
