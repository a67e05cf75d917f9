package io.github.pixelclustering.headless;

import ij.ImagePlus;
import ij.Macro;
import ij.plugin.PlugIn;
import ij.plugin.filter.ExtendedPlugInFilter;
import ij.plugin.filter.PlugInFilter;
import ij.plugin.filter.PlugInFilterRunner;
import ij.process.ImageProcessor;

import java.awt.HeadlessException;

/**
 * The ImageJ 1 plugin behind every ImageJ menu command in a macro run without Fiji (see
 * {@link ImageJCommands}): it runs the command's dialog-free version if there is one, else ImageJ's own
 * plugin, and turns a command that needs a display, a bad value, or an error into one line on standard
 * error that stops the macro and fails the run.
 * <p>
 * ImageJ itself would go on silently in two of these cases: its filter runner ignores an exception thrown
 * while a filter shows its dialog (the filter would then run with its default values), and a plugin's
 * exception becomes a stack trace. So filters with a dialog run here through {@link DialogGuard}.
 */
public final class ImageJCommand implements PlugIn {

	/** A command that opens a window or dialog: its label. */
	public static final String NEEDS_DISPLAY = "%s needs a display (it opens a dialog or window), which the command line does not have: "
		+ "run this macro in Fiji (also fiji --headless), or use a macro function instead.";
	/** A command that failed: its label and the error. */
	public static final String FAILED = "%s failed: %s";

	@Override
	public void run(final String label) {
		final String dialogFree = ImageJCommands.DIALOG_FREE.get(label);
		final String className = dialogFree != null ? dialogFree : ImageJCommands.table().get(label);
		if (className == null) {
			MacroBridge.fail("Unrecognized command: \"" + label + "\"", false);
			return;
		}
		String plugin = className;
		String argument = "";
		final int open = className.lastIndexOf("(\"");
		if (open > 0 && className.endsWith("\")")) {
			plugin = className.substring(0, open);
			argument = className.substring(open + 2, className.length() - 2);
		}
		try {
			final Object instance = Class.forName(plugin).getDeclaredConstructor().newInstance();
			if (instance instanceof PlugIn) ((PlugIn) instance).run(argument);
			else if (instance instanceof ExtendedPlugInFilter) new PlugInFilterRunner(new DialogGuard((ExtendedPlugInFilter) instance, label), label, argument);
			else if (instance instanceof PlugInFilter) new PlugInFilterRunner(instance, label, argument);
			else MacroBridge.fail(String.format(FAILED, label, plugin + " is not an ImageJ plugin"), false);
		}
		catch (final HeadlessException e) {
			MacroBridge.fail(String.format(NEEDS_DISPLAY, label), false);
		}
		catch (final IllegalArgumentException e) { // a dialog-free version's bad macro value
			MacroBridge.fail(e.getMessage(), true);
		}
		catch (final ReflectiveOperationException e) {
			MacroBridge.fail(String.format(FAILED, label, "cannot load " + plugin + ": " + e), false);
		}
		catch (final RuntimeException e) {
			if (Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			MacroBridge.fail(String.format(FAILED, label, e), false);
		}
	}

	/**
	 * An ImageJ filter whose dialog step reports what goes wrong (no display, a bad value) and stops,
	 * instead of letting ImageJ's filter runner ignore it.
	 */
	static final class DialogGuard implements ExtendedPlugInFilter {

		private final ExtendedPlugInFilter filter;
		private final String label;

		DialogGuard(final ExtendedPlugInFilter filter, final String label) {
			this.filter = filter;
			this.label = label;
		}

		@Override
		public int setup(final String arg, final ImagePlus imp) {
			return filter.setup(arg, imp);
		}

		@Override
		public int showDialog(final ImagePlus imp, final String command, final PlugInFilterRunner pfr) {
			try {
				return filter.showDialog(imp, command, pfr);
			}
			catch (final HeadlessException e) {
				MacroBridge.fail(String.format(NEEDS_DISPLAY, label), false);
			}
			catch (final IllegalArgumentException e) {
				MacroBridge.fail(e.getMessage(), true);
			}
			return DONE;
		}

		@Override
		public void setNPasses(final int nPasses) {
			filter.setNPasses(nPasses);
		}

		@Override
		public void run(final ImageProcessor ip) {
			filter.run(ip);
		}
	}
}
