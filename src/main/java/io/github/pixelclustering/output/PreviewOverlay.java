package io.github.pixelclustering.output;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;

/**
 * A preview on an image's overlay: {@link #show} puts one element over the image (on a copy of the
 * image's own overlay, which stays as it was), {@link #restore} gives the image back the very overlay it
 * had (or none). The pixels are never touched. Safe to call from the preview thread and the command's
 * thread: once restored, later previews are ignored.
 */
public final class PreviewOverlay {

	private final ImagePlus image;
	private boolean started;
	private boolean restored;
	private Overlay original;

	/** @param image the image previewed on */
	public PreviewOverlay(final ImagePlus image) {
		this.image = image;
	}

	/**
	 * Shows an element over the image in place of the last one shown (ignored once restored).
	 *
	 * @param element the preview, or null to show the image's own overlay only
	 */
	public synchronized void show(final Roi element) {
		if (restored) return;
		if (!started) {
			original = image.getOverlay();
			started = true;
		}
		if (element == null) {
			image.setOverlay(original);
			return;
		}
		final Overlay overlay = original == null ? new Overlay() : original.duplicate();
		overlay.add(element);
		image.setOverlay(overlay);
	}

	/** Gives the image back its own overlay, for good; does nothing when nothing was shown. */
	public synchronized void restore() {
		if (restored) return;
		restored = true;
		if (started) image.setOverlay(original);
	}
}
