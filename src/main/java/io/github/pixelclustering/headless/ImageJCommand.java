package io.github.pixelclustering.headless;

import ij.IJ;
import ij.plugin.PlugIn;

import java.awt.HeadlessException;

/**
 * The ImageJ 1 plugin behind every ImageJ menu command in a macro run without Fiji (see
 * {@link ImageJCommands}): it runs the command's dialog-free version if there is one, else ImageJ's own
 * plugin, and turns a command that needs a display, or one that throws, into one line on standard error
 * that stops the macro and fails the run (ImageJ itself would print a stack trace and go on).
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
			IJ.runPlugIn(label, plugin, argument);
		}
		catch (final HeadlessException e) {
			MacroBridge.fail(String.format(NEEDS_DISPLAY, label), false);
		}
		catch (final IllegalArgumentException e) { // a dialog-free version's bad macro value
			MacroBridge.fail(e.getMessage(), true);
		}
		catch (final RuntimeException e) {
			if (ij.Macro.MACRO_CANCELED.equals(e.getMessage())) throw e;
			MacroBridge.fail(String.format(FAILED, label, e), false);
		}
	}
}
