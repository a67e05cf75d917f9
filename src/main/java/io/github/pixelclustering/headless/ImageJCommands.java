package io.github.pixelclustering.headless;

import io.github.pixelclustering.headless.imagej.GaussianBlurFilter;
import io.github.pixelclustering.headless.imagej.RankFilter;
import io.github.pixelclustering.headless.imagej.ScaleCommand;
import io.github.pixelclustering.headless.imagej.SubtractBackgroundFilter;

import ij.IJ;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ImageJ 1's own menu commands for macros run without Fiji: the command table ImageJ would build from
 * its {@code IJ_Props.txt} and from the items its {@code Menus} class adds in code (listed in our
 * resource {@code imagej-menu-commands.txt}), so that {@code run("Gaussian Blur...", "sigma=2")} in a
 * macro finds its command as in Fiji.
 * <p>
 * Without a display, ImageJ 1 cannot build a dialog (a {@code GenericDialog} is an AWT window), even in
 * batch mode where a macro supplies every value. So a handful of commands that users run before
 * clustering have a dialog-free version here that reads the same macro keys and calls the same ImageJ
 * code as ImageJ's own: {@link #DIALOG_FREE}. Every other command runs as ImageJ's own; one that needs a
 * display fails the macro with one line naming it (see {@link ImageJCommand}).
 */
final class ImageJCommands {

	/** Our menu-item list (items ImageJ's Menus class adds in code, not from IJ_Props.txt). */
	static final String MENU_ITEMS = "imagej-menu-commands.txt";

	/** Commands whose ImageJ version needs a display, with the dialog-free version used instead. */
	static final Map<String, String> DIALOG_FREE = dialogFree();

	private ImageJCommands() {}

	private static Map<String, String> dialogFree() {
		final Map<String, String> map = new LinkedHashMap<>();
		map.put("Gaussian Blur...", GaussianBlurFilter.class.getName());
		map.put("Mean...", RankFilter.class.getName() + "(\"mean\")");
		map.put("Median...", RankFilter.class.getName() + "(\"median\")");
		map.put("Minimum...", RankFilter.class.getName() + "(\"min\")");
		map.put("Maximum...", RankFilter.class.getName() + "(\"max\")");
		map.put("Variance...", RankFilter.class.getName() + "(\"variance\")");
		map.put("Subtract Background...", SubtractBackgroundFilter.class.getName());
		map.put("Scale...", ScaleCommand.class.getName());
		return Collections.unmodifiableMap(map);
	}

	/**
	 * @return ImageJ's command table: menu label to plugin class (with its argument, as
	 *         {@code pkg.Class("arg")}), from ImageJ's properties and our list of its coded menu items
	 */
	static Map<String, String> table() {
		return Table.COMMANDS;
	}

	/** Read once, when first needed. */
	private static final class Table {

		static final Map<String, String> COMMANDS = Collections.unmodifiableMap(read());
	}

	private static Map<String, String> read() {
		final Map<String, String> table = new LinkedHashMap<>();
		read(IJ.class.getResourceAsStream("/IJ_Props.txt"), "IJ_Props.txt", table);
		read(ImageJCommands.class.getResourceAsStream(MENU_ITEMS), MENU_ITEMS, table);
		return table;
	}

	/** Reads the {@code key="Label",class} (or {@code "Label",class}) lines of a command list. */
	private static void read(final InputStream stream, final String name, final Map<String, String> table) {
		if (stream == null) throw new IllegalStateException("ImageJ's command list " + name + " is missing from the class path.");
		try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.ISO_8859_1))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				final int open = line.indexOf('"');
				if (line.startsWith("#") || open < 0 || open > 0 && line.charAt(open - 1) != '=') continue;
				final int close = line.indexOf("\",", open + 1);
				if (close < 0) continue;
				final String label = withoutShortcut(line.substring(open + 1, close));
				final String className = line.substring(close + 2).trim();
				if (!label.equals("-") && !className.isEmpty()) table.putIfAbsent(label, className);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read ImageJ's command list " + name + ": " + e.getMessage(), e);
		}
	}

	/**
	 * The label ImageJ installs for a properties entry: {@code "Image...[n]"} becomes {@code "Image..."}
	 * when the bracket holds a key shortcut (a letter or digit, or a keypad key N0..N9, N/, N*, N-, N+,
	 * N.), as ImageJ's Menus does; other brackets ({@code "In [+]"}, {@code "Put Behind [tab]"}, function
	 * keys) stay in the label.
	 */
	static String withoutShortcut(final String label) {
		if (!label.endsWith("]")) return label;
		final int open = label.lastIndexOf('[');
		if (open <= 0) return label;
		final String key = label.substring(open + 1, label.length() - 1);
		final boolean shortcut = key.length() == 1 && Character.isLetterOrDigit(key.charAt(0)) && key.charAt(0) < 128 || key.length() == 2 && key.charAt(0) == 'N' && "0123456789/*-+.".indexOf(key.charAt(1)) >= 0;
		return shortcut ? label.substring(0, open) : label;
	}

	/** Puts every ImageJ command into ImageJ's command table, each run through {@link ImageJCommand}. */
	static void register() {
		for (final String label : table().keySet())
			if (!IjMenus.isRegistered(label)) IjMenus.register(label, ImageJCommand.class.getName() + "(\"" + label + "\")");
	}
}
