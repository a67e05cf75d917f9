package io.github.pixelclustering.commands;

import io.github.pixelclustering.core.ProgressListener;

import ij.IJ;

import org.scijava.app.StatusService;

/**
 * Engine progress shown in Fiji's status bar; cancel with Esc or by interrupting the command's thread.
 * Thread-safe: engines may report from worker threads.
 */
final class CommandProgress implements ProgressListener {

	private final StatusService status;
	private final Thread owner;

	/**
	 * Call on the command's thread: it resets Esc and remembers the thread to watch for interrupts.
	 *
	 * @param status where to show progress, or null
	 */
	CommandProgress(final StatusService status) {
		this.status = status;
		this.owner = Thread.currentThread();
		IJ.resetEscape();
	}

	@Override
	public void progress(final double fraction, final String stage) {
		if (status != null) status.showStatus((int) Math.round(1000 * fraction), 1000, stage);
	}

	@Override
	public boolean isCanceled() {
		return owner.isInterrupted() || IJ.escapePressed();
	}

	/** Clears the progress bar. */
	void done() {
		if (status != null) status.clearStatus();
	}
}
