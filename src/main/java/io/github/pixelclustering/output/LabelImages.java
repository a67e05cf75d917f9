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
		if (labels.getBitDepth() == 8) return LabelLut.colour(label);
		return LabelLut.colour((int) Math.round(label * 255.0 / Math.max(1, k)));
	}
}
