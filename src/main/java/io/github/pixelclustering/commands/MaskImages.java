package io.github.pixelclustering.commands;

import ij.ImagePlus;
import ij.WindowManager;

import java.util.ArrayList;
import java.util.List;

import org.scijava.module.MutableModuleItem;

/** The {@code mask} input of commands: an open image named by title (or id), or none. */
final class MaskImages {

	/** The mask value meaning none. */
	static final String NONE = "<none>";
	/** The mask names no open image: the name. */
	static final String NOT_OPEN = "mask must be the title of an open image (or <none>), got \"%s\".";

	private MaskImages() {}

	/**
	 * Offers {@link #NONE} and the titles of the open images (except the input) as the item's choices.
	 *
	 * @param item the mask input
	 * @param input the command's image, left out
	 */
	static void offerOpenImages(final MutableModuleItem<String> item, final ImagePlus input) {
		final List<String> choices = new ArrayList<>();
		choices.add(NONE);
		final int[] ids = WindowManager.getIDList();
		if (ids != null)
			for (final int id : ids) {
				final ImagePlus imp = WindowManager.getImage(id);
				if (imp != null && imp != input) choices.add(imp.getTitle());
			}
		item.setChoices(choices);
	}

	/**
	 * @param name the mask input: a title, an id, {@link #NONE} or empty
	 * @return the open image it names, or null for none
	 * @throws IllegalArgumentException when it names no open image
	 */
	static ImagePlus find(final String name) {
		if (name == null || name.trim().isEmpty() || NONE.equals(name.trim())) return null;
		final String key = name.trim();
		ImagePlus imp = WindowManager.getImage(key);
		if (imp == null && key.matches("-?\\d+")) imp = WindowManager.getImage(Integer.parseInt(key));
		if (imp == null) throw new IllegalArgumentException(String.format(NOT_OPEN, name));
		return imp;
	}
}
