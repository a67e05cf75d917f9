package io.github.pixelclustering.headless;

import java.util.Locale;

/**
 * The {@code sample=} key of the command line's {@code fit}, taken out of the command's macro options
 * (the command itself has no such key): at most that many pixels of each image join the fit.
 */
final class SampleKey {

	/** A bad sample size: the value as given. */
	static final String BAD_SAMPLE = "sample must be a whole number of pixels per image, at least 1 (leave it out for every pixel), got \"%s\".";

	/** Pixels per image, 0 = every pixel. */
	final long sample;
	/** The options without {@code sample=}. */
	final String rest;

	private SampleKey(final long sample, final String rest) {
		this.sample = sample;
		this.rest = rest;
	}

	/**
	 * @param options macro options, maybe with {@code sample=<n>}
	 * @return the sample size and the other options
	 * @throws IllegalArgumentException for a bad size, a capitalised key or a key given twice
	 */
	static SampleKey of(final String options) {
		final StringBuilder rest = new StringBuilder();
		String text = null;
		for (final MacroOptions.Key key : MacroOptions.keys(options)) {
			if (key.name.toLowerCase(Locale.ROOT).equals("sample")) {
				MacroOptions.requireLowerCase(key);
				if (text != null) throw new IllegalArgumentException(String.format(MacroOptions.KEY_TWICE, "sample", "sample=" + text, key.text));
				text = key.hasValue ? key.value() : "";
			}
			else rest.append(rest.length() == 0 ? "" : " ").append(key.text);
		}
		return new SampleKey(text == null ? 0 : size(text), rest.toString());
	}

	private static long size(final String text) {
		final String t = text.trim();
		if (!t.matches("\\d{1,18}") || Long.parseLong(t) < 1) throw new IllegalArgumentException(String.format(BAD_SAMPLE, text));
		return Long.parseLong(t);
	}
}
