package io.github.pixelclustering.output;

import ij.ImagePlus;
import ij.process.LUT;

import java.awt.Color;

/** Output etiquette of label images: type, LUT, display range, calibration. */
public final class LabelImages {

	private LabelImages() {}

	/** @return 8 for up to 255 labels, else 16 */
	public static int bitDepthFor(final int labels) {
		return labels <= 255 ? 8 : 16;
	}

	/**
	 * Gives a label image the {@link LabelLut}, a display range that shows every label in its own colour
	 * (0..255 for 8-bit, 0..k for 16-bit) and the calibration of the image it was computed from.
	 *
	 * @param labels the label image
	 * @param source the image it labels
	 * @param k the largest label
	 */
	public static void configure(final ImagePlus labels, final ImagePlus source, final int k) {
		final LUT lut = LabelLut.lut();
		if (labels.getBitDepth() == 8) lut.min = 0;
		lut.max = labels.getBitDepth() == 8 ? 255 : Math.max(1, k);
		labels.getProcessor().setLut(lut);
		labels.setDisplayRange(0, lut.max);
		labels.setCalibration(source.getCalibration().copy());
		labels.getCalibration().disableDensityCalibration();
	}

	/**
	 * @param labels the label image
	 * @param label a label value
	 * @param k the largest label
	 * @return the colour the label is displayed in
	 */
	public static Color colour(final ImagePlus labels, final int label, final int k) {
		return colour(labels.getBitDepth(), label, k);
	}

	private static Color colour(final int bitDepth, final int label, final int k) {
		if (bitDepth == 8) return LabelLut.colour(label);
		return LabelLut.colour((int) Math.round(label * 255.0 / Math.max(1, k)));
	}

	/**
	 * @param labels a label image configured by {@link #configure}
	 * @param k the largest label
	 * @return colour 0xrrggbb of labels 0..k, as a model stores them
	 */
	public static int[] colours(final ImagePlus labels, final int k) {
		final int[] out = new int[k + 1];
		for (int l = 0; l <= k; l++)
			out[l] = colour(labels, l, k).getRGB() & 0xffffff;
		return out;
	}

	/**
	 * @param k the largest label
	 * @return colour 0xrrggbb of labels 0..k in a label image of {@link #bitDepthFor}{@code (k)} bits
	 *         configured by {@link #configure}: what {@link #colours(ImagePlus, int)} gives for it, without
	 *         the image
	 */
	public static int[] colours(final int k) {
		final int[] out = new int[k + 1];
		for (int l = 0; l <= k; l++)
			out[l] = colour(bitDepthFor(k), l, k).getRGB() & 0xffffff;
		return out;
	}

	/**
	 * {@link #configure}, then shows labels 0..k in the given colours (a model's LUT).
	 *
	 * @param labels the label image
	 * @param source the image it labels
	 * @param k the largest label
	 * @param colours colour 0xrrggbb of labels 0..k
	 */
	public static void configure(final ImagePlus labels, final ImagePlus source, final int k, final int[] colours) {
		configure(labels, source, k);
		final LUT lut = (LUT) labels.getProcessor().getLut().clone();
		final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		lut.getReds(r);
		lut.getGreens(g);
		lut.getBlues(b);
		for (int l = 0; l <= k && l < colours.length; l++) {
			final int index = labels.getBitDepth() == 8 ? l : (int) Math.round(l * 255.0 / Math.max(1, k));
			if (index > 255) break;
			r[index] = (byte) (colours[l] >> 16);
			g[index] = (byte) (colours[l] >> 8);
			b[index] = (byte) colours[l];
		}
		final LUT mine = new LUT(r, g, b);
		mine.min = lut.min;
		mine.max = lut.max;
		labels.getProcessor().setLut(mine);
		labels.setDisplayRange(lut.min, lut.max);
	}
}
