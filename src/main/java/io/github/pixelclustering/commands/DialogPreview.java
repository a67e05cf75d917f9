package io.github.pixelclustering.commands;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.output.PreviewOverlay;

import ij.ImagePlus;
import ij.gui.Roi;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.scijava.app.StatusService;

/**
 * The preview of a command's dialog ({@link org.scijava.command.Previewable}): computed again only when a
 * setting it depends on changes, shown on the image's overlay (never in its pixels), and taken away for
 * good when the dialog closes, with OK or Cancel. SciJava calls the command's {@code preview()} after the
 * dialog is built and after every change, one call at a time; a preview still running when the dialog
 * closes stops at the engine's next check.
 */
final class DialogPreview {

	/** The checkbox's label. */
	static final String LABEL = "Preview";
	/** The most pixels of the plane a preview clusters: larger images are averaged down to it first. */
	static final long MAX_PIXELS = 512L * 512;
	/** The checkbox's tooltip. */
	static final String DESCRIPTION = DialogText.WRAP + "Shows the result on the image while the dialog is open (on the plane shown, at most 512 x 512 pixels, scaled up); the image itself is not changed. No effect in a macro.";

	private final Supplier<ImagePlus> image;
	private final Supplier<StatusService> status;
	/** Made at the first preview (SciJava fills the command's inputs after constructing it), under overlayLock. */
	private PreviewOverlay overlay;
	/** Guards overlay only, so that closing never waits for a preview being computed. */
	private final Object overlayLock = new Object();
	private volatile boolean closed;
	private List<Object> shown;
	private long millis = -1;
	private Object copyKey;
	private Object copy;

	/**
	 * @param image the command's image input, read at the first preview (null: no preview)
	 * @param status where a preview's failure is said (may give null)
	 */
	DialogPreview(final Supplier<ImagePlus> image, final Supplier<StatusService> status) {
		this.image = image;
		this.status = status;
	}

	/**
	 * Shows the preview of the settings given, or takes it away.
	 *
	 * @param on whether the Preview checkbox is ticked
	 * @param settings everything the preview depends on: computed again only when it differs
	 * @param picture computes the preview, polling the listener it is given
	 */
	synchronized void update(final boolean on, final List<Object> settings, final Function<ProgressListener, Roi> picture) {
		final PreviewOverlay target = overlay();
		if (target == null) return;
		if (!on) {
			shown = null;
			target.show(null);
			return;
		}
		if (settings.equals(shown)) return;
		final long start = System.nanoTime();
		try {
			final Roi roi = picture.apply(new ProgressListener() {
				@Override
				public boolean isCanceled() {
					return closed;
				}
			});
			millis = (System.nanoTime() - start) / 1_000_000;
			target.show(roi);
			shown = settings;
			say("Preview: " + millis + " ms");
		}
		catch (final CancellationException e) {
			// the dialog closed meanwhile
		}
		catch (final IllegalArgumentException | IllegalStateException e) {
			shown = null;
			target.show(null);
			say("Preview: " + e.getMessage());
		}
	}

	/**
	 * The downscaled copy a preview clusters, made once per key: the image does not change while its
	 * dialog is open, only the settings do.
	 *
	 * @param <T> the copy's type
	 * @param key what the copy depends on (e.g. the plane shown)
	 * @param make makes the copy
	 * @return the copy made for this key
	 */
	@SuppressWarnings("unchecked")
	synchronized <T> T copy(final Object key, final Supplier<T> make) {
		if (copy == null || !key.equals(copyKey)) {
			copy = make.get();
			copyKey = key;
		}
		return (T) copy;
	}

	/** Takes the preview away for good, giving the image back its own overlay. */
	void close() {
		closed = true;
		synchronized (overlayLock) {
			if (overlay != null) overlay.restore();
		}
		synchronized (this) {
			copy = null;
		}
	}

	/** @return milliseconds the last preview shown took to compute, -1 before the first */
	synchronized long millis() {
		return millis;
	}

	/** @return the overlay previews are shown on, made now if need be; null once closed or without an image */
	private PreviewOverlay overlay() {
		synchronized (overlayLock) {
			if (closed) return null;
			if (overlay == null) {
				final ImagePlus imp = image.get();
				if (imp != null) overlay = new PreviewOverlay(imp);
			}
			return overlay;
		}
	}

	private void say(final String message) {
		final StatusService service = status.get();
		if (service != null) service.showStatus(message);
	}
}
