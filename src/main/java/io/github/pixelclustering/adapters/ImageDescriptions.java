package io.github.pixelclustering.adapters;

import io.github.pixelclustering.api.ImageDescription;

import ij.ImagePlus;
import ij.measure.Calibration;

/** What a clustering model records of an ImagePlus: title, dimensions, bit depth, calibration. */
public final class ImageDescriptions {

	private ImageDescriptions() {}

	/**
	 * @param imp an image
	 * @return its description
	 */
	public static ImageDescription of(final ImagePlus imp) {
		final Calibration c = imp.getCalibration();
		return new ImageDescription(imp.getTitle(), imp.getDimensions(), imp.getBitDepth(), new double[] { c.pixelWidth, c.pixelHeight, c.pixelDepth }, c.getUnit());
	}
}
