package io.github.pixelclustering.headless;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys of an ImageJ macro options string ({@code "clusters=8 folder=[my data] overlay=true"}), to
 * find unknown keys and keys without a value. Values themselves are read with
 * {@code ij.Macro.getValue}, exactly as Fiji does.
 */
final class MacroOptions {

	/** A key written with capitals: the key as it must be written. */
	static final String UPPER_CASE_KEY = "Keys are lower case: write %s";
	/** A key given twice: the key and both. */
	static final String KEY_TWICE = "%s is given twice (%s, then %s): give it once.";

	private MacroOptions() {}

	/**
	 * Refuses a key with capitals: Fiji looks keys up in lower case only, so {@code Clusters=3} would be
	 * ignored there.
	 *
	 * @param key a key as written
	 * @throws IllegalArgumentException with {@link #UPPER_CASE_KEY}
	 */
	static void requireLowerCase(final Key key) {
		final String name = key.name.toLowerCase(Locale.ROOT);
		if (!key.name.equals(name)) throw new IllegalArgumentException(String.format(UPPER_CASE_KEY, name + key.text.substring(key.name.length())));
	}

	/**
	 * Refuses a key given twice: Fiji reads the first one only.
	 *
	 * @param key a key as written, in lower case
	 * @param seen the keys given so far with their text; the key is added
	 * @throws IllegalArgumentException with {@link #KEY_TWICE}
	 */
	static void requireOnce(final Key key, final Map<String, String> seen) {
		final String before = seen.put(key.name, key.text);
		if (before != null) throw new IllegalArgumentException(String.format(KEY_TWICE, key.name, before, key.text));
	}

	/** A key and whether it has a value. */
	static final class Key {

		final String name;
		final boolean hasValue;
		/** The key with its value as written, e.g. {@code clusters=3}. */
		final String text;

		/** @return the value without its brackets or quotes, or null for a key without a value */
		String value() {
			if (!hasValue) return null;
			final String v = text.substring(name.length() + 1);
			return v.length() >= 2 && (v.startsWith("[") && v.endsWith("]") || v.startsWith("'") && v.endsWith("'")) ? v.substring(1, v.length() - 1) : v;
		}

		Key(final String name, final boolean hasValue, final String text) {
			this.name = name;
			this.hasValue = hasValue;
			this.text = text;
		}
	}

	/**
	 * @param options the options string (may be null)
	 * @return its keys as written (Fiji matches them in lower case only), in order
	 * @throws IllegalArgumentException for an unclosed {@code [}
	 */
	static List<Key> keys(final String options) {
		final List<Key> keys = new ArrayList<>();
		if (options == null) return keys;
		int i = 0;
		final int n = options.length();
		while (i < n) {
			while (i < n && Character.isWhitespace(options.charAt(i)))
				i++;
			if (i >= n) break;
			final int start = i;
			while (i < n && options.charAt(i) != '=' && !Character.isWhitespace(options.charAt(i)))
				i++;
			final String name = options.substring(start, i);
			if (i < n && options.charAt(i) == '=') {
				i++;
				if (i < n && options.charAt(i) == '[') {
					int depth = 0;
					final int open = i;
					for (; i < n; i++) {
						if (options.charAt(i) == '[') depth++;
						else if (options.charAt(i) == ']' && --depth == 0) break;
					}
					if (i >= n) throw new IllegalArgumentException("The value of " + name + " opens [ at character " + (open + 1) + " but never closes it.");
					i++;
				}
				else if (i < n && options.charAt(i) == '\'') {
					final int close = options.indexOf('\'', i + 1);
					i = close < 0 ? n : close + 1;
				}
				else while (i < n && !Character.isWhitespace(options.charAt(i)))
					i++;
				keys.add(new Key(name, true, options.substring(start, i)));
			}
			else keys.add(new Key(name, false, name));
		}
		return keys;
	}
}
