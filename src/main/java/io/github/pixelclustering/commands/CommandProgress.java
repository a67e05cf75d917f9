package io.github.pixelclustering.commands;

import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;

import ij.IJ;

import java.util.concurrent.CancellationException;

import org.scijava.Cancelable;
import org.scijava.app.StatusService;

/**
 * Engine progress shown in Fiji's status bar; cancel with Esc or by interrupting the command's thread.
 * Thread-safe: engines may report from worker threads.
 * <p>
 * A command splits its run into {@link #phases}: the engine's pipeline, then writing its outputs, so the
 * bar goes once from 0 to 100 %. The engines' fractions never go back (their tests check it); should
 * one ever do, the bar keeps the highest value shown rather than jumping back.
 */
final class CommandProgress implements ProgressListener {

	private final StatusService status;
	private final Thread owner;
	private double shown;

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
		final int value;
		synchronized (this) {
			shown = Math.max(shown, Math.max(0, Math.min(1, fraction)));
			value = (int) Math.round(1000 * shown);
		}
		if (status != null) status.showStatus(value, 1000, stage);
	}

	/**
	 * @param weights one weight per phase of the run, roughly proportional to its time
	 * @return the phases of the run on this progress
	 */
	Phases phases(final double... weights) {
		return new Phases(this, weights);
	}

	@Override
	public boolean isCanceled() {
		return owner.isInterrupted() || IJ.escapePressed();
	}

	/**
	 * Runs a command's work and ends the run the way our commands do: bad input (an
	 * {@link IllegalArgumentException}) cancels the command with its message, a cancellation by the user
	 * with the command's own message, and the progress bar is cleared in every case.
	 *
	 * @param command the command to cancel
	 * @param canceled the message when the user cancels
	 * @param work the run
	 */
	void guard(final Cancelable command, final String canceled, final Runnable work) {
		try {
			work.run();
		}
		catch (final IllegalArgumentException e) {
			command.cancel(e.getMessage());
		}
		catch (final CancellationException e) {
			command.cancel(canceled);
		}
		finally {
			done();
		}
	}

	/** Clears the progress bar. */
	void done() {
		if (status != null) status.clearStatus();
	}
}
