package io.github.pixelclustering.output;

/** Titles of output images and tables. */
public final class Titles {

	private Titles() {}

	/**
	 * The title without its extension: everything before the last dot (the whole title when it has no
	 * dot), as the macro function {@code File.getNameWithoutExtension} computes it, so that macros can
	 * predict output titles: {@code "my photo.jpg"} gives {@code "my photo"}.
	 *
	 * @param title an image title
	 * @return the base name for output titles
	 */
	public static String base(final String title) {
		final int dot = title.lastIndexOf('.');
		return dot >= 0 ? title.substring(0, dot) : title;
	}
}
