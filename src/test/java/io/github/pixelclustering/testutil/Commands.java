package io.github.pixelclustering.testutil;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

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

	/** @return a mutable map from alternating names and values */
	public static Map<String, Object> inputs(final Object... namesAndValues) {
		final Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2)
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		return map;
	}
}
