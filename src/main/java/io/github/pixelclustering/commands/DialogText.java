package io.github.pixelclustering.commands;

/**
 * What the dialogs of every command share: the limits of the fields that mean the same thing, their
 * labels, and the wrapping of long tooltips.
 * <p>
 * The Swing input harvester shows a parameter's description as the tooltip of its label and widget, on
 * one line unless it is HTML: a sentence of 200 characters becomes a tooltip wider than a laptop
 * screen. {@link #WRAP} before a description makes it HTML wrapped at {@value #WIDTH} pixels, so it
 * must then write {@code <} as {@code &lt;}, {@code >} as {@code &gt;} and {@code &} as {@code &amp;}.
 * The command line prints descriptions as plain text (it strips the HTML).
 */
public final class DialogText {

	/** Width of a wrapped tooltip, in pixels. */
	public static final int WIDTH = 360;

	/** Prefix of a description shown as a tooltip wrapped at {@link #WIDTH} pixels. */
	public static final String WRAP = "<html><div width=360>";

	/** Most clusters anywhere a label image is made: the largest 16-bit label. */
	public static final String CLUSTERS_MAX = "65535";

	/** Smallest random seed. */
	public static final String SEED_MIN = "0";

	/** Largest random seed: 2^32 - 1, scikit-learn's largest random_state. */
	public static final String SEED_MAX = "4294967295";

	/** Label of a restart count where 0 takes the method's default. */
	public static final String RESTARTS_AUTO = "Restarts (0 = auto)";

	/** Message for a seed outside the range. */
	public static final String BAD_SEED = "seed must be 0 to 4294967295 (as scikit-learn's random_state), got %d.";

	private DialogText() {
	}

	/**
	 * Refuses a seed outside the range the dialog offers (a macro or the command line can give any long).
	 *
	 * @param seed the seed given
	 * @throws IllegalArgumentException when it is below 0 or above 2^32 - 1
	 */
	public static void checkSeed(final long seed) {
		if (seed < 0 || seed > Long.parseLong(SEED_MAX)) throw new IllegalArgumentException(String.format(BAD_SEED, seed));
	}
}
