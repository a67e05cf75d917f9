package io.github.pixelclustering.headless.imagej;

import ij.Macro;
import ij.util.Tools;

/**
 * The values a macro gives an ImageJ command's dialog, read as ImageJ's {@code GenericDialog} reads
 * them in a macro: a field's key is the first word of its label in lower case ({@code "Sigma (Radius):"}
 * is {@code sigma}); a numeric or text field takes {@code key=value} (brackets for spaces), else its
 * default; a checkbox is on when its key stands alone as a word ({@code "sigma=2 stack"}).
 */
final class DialogOptions {

	private final String command;
	private final String options;

	/**
	 * @param command the command's menu label, for messages
	 * @param options the macro options, or null for none
	 */
	DialogOptions(final String command, final String options) {
		this.command = command;
		this.options = options == null ? " " : options.endsWith(" ") ? options : options + " ";
	}

	/** @return the options of the command running on this thread */
	static DialogOptions current(final String command) {
		return new DialogOptions(command, Macro.getOptions());
	}

	/**
	 * @return the number given for the key, or the default
	 * @throws IllegalArgumentException when the value is not a number
	 */
	double number(final String key, final double defaultValue) {
		final String text = Macro.getValue(options, key, null);
		if (text == null) return defaultValue;
		final double value = Tools.parseDouble(text.trim());
		if (Double.isNaN(value)) throw new IllegalArgumentException(command + ": " + key + "= must be a number, got \"" + text + "\".");
		return value;
	}

	/** @return the text given for the key, or the default */
	String text(final String key, final String defaultValue) {
		return Macro.getValue(options, key, defaultValue);
	}

	/**
	 * @return the choice given for the key (as written in the list), or the default
	 * @throws IllegalArgumentException when the value is not one of the choices
	 */
	String choice(final String key, final String defaultValue, final String... choices) {
		final String text = Macro.getValue(options, key, null);
		if (text == null) return defaultValue;
		for (final String choice : choices)
			if (choice.equals(text)) return choice;
		throw new IllegalArgumentException(command + ": " + key + "= must be one of " + String.join(", ", choices) + ", got \"" + text + "\".");
	}

	/** @return whether the key stands alone as a word, outside brackets (a checked checkbox) */
	boolean flag(final String key) {
		final String word = key + " ";
		if (options.startsWith(word)) return true;
		boolean literal = false;
		for (int i = 0; i + 1 + word.length() <= options.length(); i++) {
			final char c = options.charAt(i);
			if (c == '[') literal = true;
			else if (c == ']') literal = false;
			else if (!literal && c == ' ' && options.startsWith(word, i + 1)) return true;
		}
		return false;
	}

	/** @return whether the key is given with a value */
	boolean has(final String key) {
		return Macro.getValue(options, key, null) != null;
	}
}
