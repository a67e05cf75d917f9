package io.github.pixelclustering.testutil;

import ij.Prefs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/** Runs commands through SciJava's {@link CommandService} with every input given, as Fiji does. */
public final class Commands {

	private Commands() {}

	/**
	 * @param context the context
	 * @param command the command class
	 * @param inputs every input of the command, by name (so that no stored last-used value is used)
	 * @return the finished module (check {@code isCanceled()} and outputs)
	 */
	public static CommandModule run(final Context context, final Class<? extends Command> command, final Map<String, Object> inputs) {
		try {
			return context.service(CommandService.class).run(command, true, inputs).get();
		}
		catch (final InterruptedException | ExecutionException e) {
			throw new AssertionError(e);
		}
	}

	/**
	 * Runs any command, including a {@code DynamicCommand} (for which {@link CommandService} returns no
	 * future), through the {@link ModuleService}.
	 *
	 * @param context the context
	 * @param command the command class
	 * @param inputs every input of the command, by name
	 * @return the finished module: a {@code CommandModule}, or the command itself for a DynamicCommand
	 */
	public static Module runModule(final Context context, final Class<? extends Command> command, final Map<String, Object> inputs) {
		try {
			return context.service(ModuleService.class).run(context.service(CommandService.class).getCommand(command), true, inputs).get();
		}
		catch (final InterruptedException | ExecutionException e) {
			throw new AssertionError(e);
		}
	}

	/**
	 * Runs work (e.g. commands) with ImageJ's thread count set to {@code threads}, the threads our
	 * commands run with (a command runs on a thread of its own: ImgLib2's threading of the caller's
	 * thread does not reach it); then sets it back.
	 *
	 * @return what the work returns
	 */
	public static <T> T withThreads(final int threads, final Supplier<T> work) {
		final int before = Prefs.getThreads();
		Prefs.setThreads(threads);
		try {
			return work.get();
		}
		finally {
			Prefs.setThreads(before);
		}
	}

	/** @return a mutable map from alternating names and values */
	public static Map<String, Object> inputs(final Object... namesAndValues) {
		final Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2)
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		return map;
	}
}
