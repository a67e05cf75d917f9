package io.github.pixelclustering.commands;

/**
 * Why the last of our commands that canceled in this JVM did so, for ImageJ macros: a macro cannot see a
 * SciJava command's cancel reason (in Fiji a canceled command returns to the macro without outputs), so
 * the batch macros ask here, through ImageJ's {@code call(...)}, which reaches static methods only:
 * <pre>
 * call("io.github.pixelclustering.commands.LastCancel.clear");
 * run("Colour Quantization", "...");
 * if (!isOpen(name + "-labels")) print("Skipped " + file + ": " + call("io.github.pixelclustering.commands.LastCancel.reason"));
 * </pre>
 * One value for the whole JVM, so it answers for the last command run, whichever thread ran it.
 */
public final class LastCancel {

	private static volatile String reason = "";

	private LastCancel() {}

	/** Called by our commands when they cancel. */
	static void record(final String why) {
		reason = why == null || why.isEmpty() ? "the command was canceled" : why;
	}

	/** @return why the last command canceled, or "" if none did since {@link #clear()} */
	public static String reason() {
		return reason;
	}

	/** @return "" (forgets the last reason) */
	public static String clear() {
		reason = "";
		return "";
	}
}
