package io.github.pixelclustering.commands;

import ij.ImagePlus;
import ij.WindowManager;

import io.github.pixelclustering.adapters.RoiMasks;

import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.view.Views;

import org.scijava.module.MutableModuleItem;

/** The {@code mask} input of commands: an open image named by title (or id), or none. */
final class MaskImages {

	/** The mask value meaning none. */
	static final String NONE = "<none>";
	/** The mask names no open image: the name. */
	static final String NOT_OPEN = "mask must be the title of an open image (or <none>), got \"%s\".";
	/** The mask's size differs: expected size, mask description. */
	static final String WRONG_SIZE = "The mask must be %s, got %s.";

	private MaskImages() {}

	/**
	 * Offers {@link #NONE} and the titles of the open images the input can use (see
	 * {@link #offerOpenImages(MutableModuleItem, ImagePlus, String...)}) as the item's choices.
	 *
	 * @param item the mask input
	 * @param input the command's image, left out
	 */
	static void offerOpenImages(final MutableModuleItem<String> item, final ImagePlus input) {
		offerOpenImages(item, input, NONE);
	}

	/**
	 * Offers the given special choices, then the titles of the open images of the input's width and
	 * height (the only ones a mask or the spectra for the centres can be), the input itself left out;
	 * every open image when there is no input yet.
	 *
	 * @param item a string input naming an image
	 * @param input the command's image, left out; null for none yet
	 * @param first the choices before the titles
	 */
	static void offerOpenImages(final MutableModuleItem<String> item, final ImagePlus input, final String... first) {
		item.setChoices(choices(input, first));
	}

	/**
	 * @param input the command's image, or null
	 * @param first the choices before the titles
	 * @return the choices {@link #offerOpenImages(MutableModuleItem, ImagePlus, String...)} offers
	 */
	static List<String> choices(final ImagePlus input, final String... first) {
		final List<String> choices = new ArrayList<>(List.of(first));
		final int[] ids = WindowManager.getIDList();
		if (ids != null)
			for (final int id : ids) {
				final ImagePlus imp = WindowManager.getImage(id);
				if (imp == null || imp == input) continue;
				if (input != null && (imp.getWidth() != input.getWidth() || imp.getHeight() != input.getHeight())) continue;
				if (!choices.contains(imp.getTitle())) choices.add(imp.getTitle());
			}
		return choices;
	}

	/**
	 * @param name the mask input: a title, an id, {@link #NONE} or empty
	 * @return the open image it names, or null for none
	 * @throws IllegalArgumentException when it names no open image
	 */
	static ImagePlus find(final String name) {
		if (name == null || name.trim().isEmpty() || NONE.equals(name.trim())) return null;
		return open(name, NOT_OPEN);
	}

	/**
	 * @param name a title or an id
	 * @param notOpen message (with the name as %s) when no open image has it
	 * @return the open image with that title or id
	 * @throws IllegalArgumentException when it names no open image
	 */
	static ImagePlus open(final String name, final String notOpen) {
		final String key = name.trim();
		ImagePlus imp = WindowManager.getImage(key);
		if (imp == null && key.matches("-?\\d+")) imp = WindowManager.getImage(Integer.parseInt(key));
		if (imp == null) throw new IllegalArgumentException(String.format(notOpen, name));
		return imp;
	}

	/**
	 * The pixels a command clusters: inside the image's area selection (on every z slice) and non-zero in
	 * the mask image (which has 1 slice, used for every z, or one per z slice).
	 *
	 * @param image the command's image (its selection counts)
	 * @param mask the mask input (see {@link #find})
	 * @param w width of space
	 * @param h height of space
	 * @param depth z slices of space (1 in 2D)
	 * @return raster order, z slowest; null when neither a selection nor a mask restricts
	 * @throws IllegalArgumentException when the mask names no open image or has another size
	 */
	static boolean[] inside(final ImagePlus image, final String mask, final int w, final int h, final int depth) {
		boolean[] inside = null;
		final RandomAccessibleInterval<NativeBoolType> roi = RoiMasks.of(image);
		if (roi != null) {
			inside = new boolean[w * h * depth];
			final Cursor<NativeBoolType> c = Views.flatIterable(roi.numDimensions() == 3 ? Views.hyperSlice(roi, 2, 0) : roi).cursor();
			for (int p = 0; p < w * h; p++) {
				final boolean v = c.next().get();
				for (int z = 0; z < depth; z++)
					inside[z * w * h + p] = v;
			}
		}
		final ImagePlus m = find(mask);
		if (m != null) {
			final int planes = m.getStackSize();
			if (m.getWidth() != w || m.getHeight() != h || planes != 1 && planes != depth) {
				final String expected = w + " x " + h + " pixels" + (depth > 1 ? " with 1 or " + depth + " slices" : " with 1 slice");
				throw new IllegalArgumentException(String.format(WRONG_SIZE, expected, "\"" + m.getTitle() + "\", " + m.getWidth() + " x " + m.getHeight() + " pixels with " + planes + (planes == 1 ? " slice" : " slices")));
			}
			if (inside == null) {
				inside = new boolean[w * h * depth];
				Arrays.fill(inside, true);
			}
			for (int z = 0; z < depth; z++) {
				final ImageProcessor ip = m.getStack().getProcessor(planes == 1 ? 1 : z + 1);
				for (int p = 0; p < w * h; p++)
					if (ip.getf(p) == 0) inside[z * w * h + p] = false;
			}
		}
		return inside;
	}
}
