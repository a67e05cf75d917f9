package io.github.pixelclustering.headless;

import ij.Executer;
import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.macro.Interpreter;
import ij.plugin.PlugIn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

/**
 * The ImageJ 1 plugin behind {@code run("Colour Quantization", "...")} when there is no Fiji: it runs the
 * SciJava command of that menu label with the macro's options (see {@link CommandRunner}) and shows the
 * image outputs (in batch mode they become the active image, reachable with {@code selectImage}).
 * <p>
 * When the command cancels (bad input, too few colours, ...), its message goes to standard error and the
 * macro goes on, as in Fiji, where a canceled command returns to the macro without outputs; the command
 * line then exits with 1. An option Fiji would silently ignore (an unknown key, a boolean without a
 * value, a value that does not convert) stops the macro instead; the command line exits with 2.
 * <p>
 * ImageJ 1 creates plugins itself, so the bridge reads its {@link Session} from a static field set by
 * {@link #install(Context)}: only the command line and tests install it. In Fiji it is never installed,
 * as imagej-legacy runs our commands.
 */
public final class MacroBridge implements PlugIn {

	private static volatile Session session;

	/** The installed bridge: its runner and the failures seen. */
	public static final class Session {

		private final CommandRunner runner;
		private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
		private final List<Module> modules = Collections.synchronizedList(new ArrayList<>());
		private volatile boolean badArguments;

		private Session(final CommandRunner runner) {
			this.runner = runner;
		}

		/** @return the runner */
		public CommandRunner runner() {
			return runner;
		}

		/** @return messages of commands that failed, in order */
		public List<String> failures() {
			return new ArrayList<>(failures);
		}

		/** Records a failure that needs no message of its own (the macro printed it). */
		void fail(final String message) {
			failures.add(message);
		}

		/** @return whether a failure was a bad argument or option (exit code 2) rather than a failed run */
		public boolean badArguments() {
			return badArguments;
		}

		/** @return modules of the commands that ran, in order */
		public List<Module> modules() {
			return new ArrayList<>(modules);
		}
	}

	/**
	 * Registers every command of this plugin in ImageJ's command table and makes the bridge run them with
	 * {@code context}.
	 *
	 * @param context a context with a command service
	 * @return the new session
	 */
	public static Session install(final Context context) {
		final Session s = new Session(new CommandRunner(context));
		for (final String label : s.runner.commands().keySet())
			IjMenus.register(label, MacroBridge.class.getName() + "(\"" + label + "\")");
		// ImageJ's own commands (Gaussian Blur..., 8-bit, Crop, saveAs("PNG", ...) runs "PNG...")
		ImageJCommands.register();
		if (session == null) Executer.addCommandListener(MacroBridge::known);
		session = s;
		return s;
	}

	/**
	 * ImageJ's answer to a command missing from its table is an error dialog, which fails without a
	 * display (a stack trace, and the macro goes on): say it in one line and stop the macro instead.
	 *
	 * @return the command, or null (not run) when it is unknown
	 */
	private static String known(final String command) {
		if (session == null || IjMenus.isRegistered(command)) return command;
		fail("Unrecognized command: \"" + command + "\"", false);
		return null;
	}

	/** @return the installed session, or null */
	public static Session session() {
		return session;
	}

	@Override
	public void run(final String label) {
		final Session s = session;
		if (s == null) {
			IJ.error("Pixel Clustering", "The macro bridge is not installed: " + label + " runs in Fiji, or from the Pixel Clustering command line.");
			return;
		}
		try {
			final CommandInfo info;
			final Map<String, Object> inputs;
			try {
				info = s.runner.find(label);
				inputs = s.runner.inputs(info, Macro.getOptions(), null);
			}
			catch (final IllegalArgumentException e) {
				fail(Messages.named(label, e.getMessage()), true);
				return;
			}
			final Module module = s.runner.run(info, inputs);
			s.modules.add(module);
			if (CommandRunner.canceled(module)) {
				// as in Fiji: the command said why and returns without outputs; the macro goes on
				final String message = Messages.named(label, CommandRunner.cancelReason(module));
				s.failures.add(message);
				System.err.println(message);
				return;
			}
			for (final ImagePlus imp : CommandRunner.imageOutputs(module))
				imp.show();
		}
		catch (final IllegalStateException e) {
			fail(Messages.named(label, e.getMessage()), false);
		}
	}

	/**
	 * Records a failure in the installed session, prints it on standard error and stops the running
	 * macro. Without a session (in Fiji) it only stops the macro with the message.
	 *
	 * @param message one line saying what went wrong
	 * @param badArgument whether it was a bad argument or option (exit code 2) rather than a failed run
	 */
	static void fail(final String message, final boolean badArgument) {
		final Session s = session;
		if (s != null) {
			s.failures.add(message);
			if (badArgument) s.badArguments = true;
			System.err.println(message);
		}
		final Interpreter interpreter = Interpreter.getInstance();
		if (interpreter != null) {
			if (s != null) interpreter.setIgnoreErrors(true);
			interpreter.abort(message);
		}
	}
}
