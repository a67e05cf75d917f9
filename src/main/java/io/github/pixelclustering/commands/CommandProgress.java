package io.github.pixelclustering.commands;

import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.ThreadFailures;

import ij.IJ;
import ij.Prefs;

import java.util.Locale;
import java.util.concurrent.CancellationException;

import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutors;

import org.scijava.Cancelable;
import org.scijava.app.StatusService;
import org.scijava.plugin.Plugin;

/**
 * Engine progress shown in Fiji's status bar; cancel with Esc or by interrupting the command's thread.
 * Thread-safe: engines may report from worker threads.
 * <p>
 * A command splits its run into {@link #phases}: the engine's pipeline, then writing its outputs, so the
 * bar goes once from 0 to 100 %. The engines' fractions never go back (their tests check it); should
 * one ever do, the bar keeps the highest value shown rather than jumping back.
 */
final class CommandProgress implements ProgressListener {

	/** Where to raise Java's memory, the end of both memory messages. */
	private static final String RAISE_MEMORY = "raise the maximum memory (java -Xmx..., or Edit > Options > Memory & Threads in Fiji)";
	/**
	 * A run would need more memory than is free: what, pixels, GB needed, GB free (one decimal, or as
	 * many as tell them apart), more advice.
	 */
	static final String NOT_ENOUGH_MEMORY = "%s on %s pixels needs about %s GB of memory, but only %s GB is free: " + RAISE_MEMORY + "%s.";
	/** A run ran out of memory: what, GB Java may use, more advice. */
	static final String OUT_OF_MEMORY = "%s ran out of memory (Java may use %.1f GB): " + RAISE_MEMORY + "%s.";

	private static final double GB = 1L << 30;

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
		WarmUpService.commandStarted();
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

	/**
	 * @param engine weight of the first phase, the engine's (or the model's)
	 * @param outputs weights of the output phases that follow
	 * @param after weights of any phases after the outputs
	 * @return the phases of the run on this progress
	 */
	Phases phases(final double engine, final double[] outputs, final double... after) {
		final double[] weights = new double[1 + outputs.length + after.length];
		weights[0] = engine;
		System.arraycopy(outputs, 0, weights, 1, outputs.length);
		System.arraycopy(after, 0, weights, 1 + outputs.length, after.length);
		return new Phases(this, weights);
	}

	@Override
	public boolean isCanceled() {
		return owner.isInterrupted() || IJ.escapePressed();
	}

	/**
	 * Runs a command's work and ends the run the way our commands do: bad input (an
	 * {@link IllegalArgumentException}) cancels the command with its message, a cancellation by the user
	 * with the command's own message, running out of memory with {@link #OUT_OF_MEMORY} (one line, no
	 * stack trace), and the progress bar is cleared in every case.
	 *
	 * @param command the command to cancel
	 * @param canceled the message when the user cancels
	 * @param work the run
	 */
	void guard(final Cancelable command, final String canceled, final Runnable work) {
		guard(command, canceled, "", work);
	}

	/**
	 * {@link #guard(Cancelable, String, Runnable)}, with more advice when memory runs out.
	 *
	 * @param memoryAdvice appended to {@link #OUT_OF_MEMORY}, e.g. {@code ", or use method=hkmeans"}, or ""
	 */
	void guard(final Cancelable command, final String canceled, final String memoryAdvice, final Runnable work) {
		try {
			threaded(work);
		}
		catch (final OutOfMemoryError e) {
			command.cancel(outOfMemory(command, memoryAdvice));
		}
		catch (final RuntimeException e) {
			// a worker thread's error comes as a copy, or wrapped: its message is the original's
			final Throwable original = ThreadFailures.original(e);
			if (original instanceof IllegalArgumentException) command.cancel(original.getMessage());
			else if (original instanceof CancellationException) command.cancel(canceled);
			else if (causedByOutOfMemory(e)) command.cancel(outOfMemory(command, memoryAdvice));
			else throw e;
		}
		finally {
			done();
		}
	}

	/**
	 * Runs a command's work with ImageJ's number of threads ({@code Prefs.getThreads()}: <i>Edit &gt;
	 * Options &gt; Memory &amp; Threads</i>, the machine's cores unless set), unless whoever runs the
	 * command on this thread chose its ImgLib2 threading. (ImgLib2's default, fork-join's common pool,
	 * has one thread fewer than the cores: one on a 2-core machine. A command runs on a thread of its
	 * own, so the threading a caller chose on its thread does not reach it.) Results do not depend on it.
	 */
	static void threaded(final Runnable work) {
		if (Parallelization.getTaskExecutor() != TaskExecutors.multiThreaded()) work.run();
		else Parallelization.runWithNumThreads(Math.max(1, Prefs.getThreads()), work);
	}

	/**
	 * Refuses a run that would need more memory than is free (after a garbage collection, if it looks
	 * short before).
	 *
	 * @param what what would run, e.g. {@code "Pixel Agglomeration with method=ward"}
	 * @param pixels how many pixels it clusters
	 * @param needed bytes it needs, estimated
	 * @param advice appended to the message, or ""
	 * @throws IllegalArgumentException with {@link #NOT_ENOUGH_MEMORY} when it does not fit
	 */
	static void requireMemory(final String what, final long pixels, final long needed, final String advice) {
		if (needed <= freeMemory()) return;
		System.gc(); // what looks used may be garbage; this is the moment to know
		final String refusal = memoryRefusal(what, pixels, needed, freeMemory(), advice);
		if (refusal != null) throw new IllegalArgumentException(refusal);
	}

	/** @return {@link #NOT_ENOUGH_MEMORY} filled in when needed exceeds free, else null */
	static String memoryRefusal(final String what, final long pixels, final long needed, final long free, final String advice) {
		if (needed <= free) return null;
		final double need = needed / GB;
		final double have = Math.max(0, free) / GB;
		int digits = 1;
		while (digits < 3 && String.format(Locale.ROOT, "%." + digits + "f", need).equals(String.format(Locale.ROOT, "%." + digits + "f", have)))
			digits++;
		final String format = "%." + digits + "f";
		return String.format(Locale.ROOT, NOT_ENOUGH_MEMORY, what, String.format(Locale.ROOT, "%,d", pixels), String.format(Locale.ROOT, format, need), String.format(Locale.ROOT, format, have), advice);
	}

	/** @return bytes the heap may still grow by: the maximum minus what is in use */
	static long freeMemory() {
		final Runtime runtime = Runtime.getRuntime();
		return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
	}

	/** @return {@link #OUT_OF_MEMORY} for the command (named by its menu entry) */
	static String outOfMemory(final Object command, final String advice) {
		final Plugin plugin = command.getClass().getAnnotation(Plugin.class);
		final String menu = plugin == null ? "" : plugin.menuPath();
		final String name = menu.isEmpty() ? "The command" : menu.substring(menu.lastIndexOf('>') + 1).trim();
		return String.format(Locale.ROOT, OUT_OF_MEMORY, name, Runtime.getRuntime().maxMemory() / GB, advice);
	}

	private static boolean causedByOutOfMemory(final Throwable e) {
		Throwable t = e;
		for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause())
			if (t instanceof OutOfMemoryError) return true;
		return false;
	}

	/** Clears the progress bar. */
	void done() {
		if (status != null) status.clearStatus();
	}
}
