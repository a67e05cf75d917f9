package io.github.pixelclustering.headless;

import ij.Menus;

import java.lang.reflect.Field;
import java.util.Hashtable;

/**
 * Gives ImageJ 1 a command table without a display, so that {@code run("<command>", "...")} works in a
 * macro run by a headless JVM.
 * <p>
 * Why reflection: with ImageJ 1.54p (the newest on Maven Central) the first {@code IJ.run(...)} calls
 * {@code IJ.init()} when {@code Menus.getCommands()} is null, which builds AWT menus and throws
 * {@code HeadlessException} (fixed upstream in 1.54q; Fiji avoids it by patching ImageJ at start-up).
 * Setting the private static {@code Menus.pluginsTable} to a table of our own commands skips that.
 * Only the command line and tests do this; in Fiji, imagej-legacy registers our commands.
 */
final class IjMenus {

	private IjMenus() {}

	/**
	 * Adds a command to ImageJ's command table, creating the table if there is none.
	 *
	 * @param command the menu label macros pass to {@code run}
	 * @param className the plugin class, optionally with its argument: {@code pkg.Class("arg")}
	 */
	@SuppressWarnings("unchecked")
	static synchronized void register(final String command, final String className) {
		Hashtable<String, String> table = Menus.getCommands();
		if (table == null) {
			table = new Hashtable<>();
			try {
				final Field field = Menus.class.getDeclaredField("pluginsTable");
				field.setAccessible(true);
				field.set(null, table);
			}
			catch (final ReflectiveOperationException e) {
				throw new IllegalStateException("Cannot give ImageJ a command table: " + e, e);
			}
		}
		table.put(command, className);
	}

	/** @return whether ImageJ knows the command */
	static boolean isRegistered(final String command) {
		final Hashtable<?, ?> table = Menus.getCommands();
		return table != null && table.containsKey(command);
	}
}
