package io.github.pixelclustering.headless;

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
 * When the command cancels or an option is bad, the message goes to standard error and the macro stops.
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

		/** @return modules of the commands that ran, in order */
		public List<Module> modules() {
			return new ArrayList<>(modules);
		}
	}

	/** ImageJ commands (as in its IJ_Props.txt) that our macros need without Fiji's menus. */
	static final Map<String, String> BUILT_INS = Map.of("PNG...", "ij.plugin.filter.Writer(\"png\")");

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
		// ImageJ built-ins our macros use: saveAs("PNG", ...) runs the "PNG..." command
		for (final Map.Entry<String, String> builtIn : BUILT_INS.entrySet())
			IjMenus.register(builtIn.getKey(), builtIn.getValue());
		session = s;
		return s;
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
			final CommandInfo info = s.runner.find(label);
			final Module module = s.runner.run(info, s.runner.inputs(info, Macro.getOptions(), null));
			s.modules.add(module);
			if (CommandRunner.canceled(module)) {
				fail(s, label + ": " + CommandRunner.cancelReason(module));
				return;
			}
			for (final ImagePlus imp : CommandRunner.imageOutputs(module))
				imp.show();
		}
		catch (final IllegalArgumentException | IllegalStateException e) {
			fail(s, label + ": " + e.getMessage());
		}
	}

	/** Records the failure, prints it, and stops the running macro. */
	private static void fail(final Session s, final String message) {
		s.failures.add(message);
		System.err.println(message);
		final Interpreter interpreter = Interpreter.getInstance();
		if (interpreter != null) {
			interpreter.setIgnoreErrors(true);
			interpreter.abort(message);
		}
	}
}
