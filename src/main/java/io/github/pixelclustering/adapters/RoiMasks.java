package io.github.pixelclustering.adapters;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ImageProcessor;

import java.awt.Rectangle;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.view.Views;

/** Turns an ImageJ area selection into an ImgLib2 mask over every plane of the image. */
public final class RoiMasks {

	private RoiMasks() {}

	/**
	 * @param imp the image
	 * @return a mask (X x Y, or X x Y x planes like {@link ImagePlusImgs}) of the pixels inside the image's
	 *         area selection, or null when the image has no area selection
	 */
	public static RandomAccessibleInterval<NativeBoolType> of(final ImagePlus imp) {
		final Roi roi = imp.getRoi();
		if (roi == null || !roi.isArea()) return null;
		final int w = imp.getWidth();
		final int h = imp.getHeight();
		final boolean[] inside = new boolean[w * h];
		final Rectangle r = roi.getBounds();
		final ImageProcessor mask = roi.getMask();
		for (int y = Math.max(0, r.y); y < Math.min(h, r.y + r.height); y++)
			for (int x = Math.max(0, r.x); x < Math.min(w, r.x + r.width); x++)
				inside[y * w + x] = mask == null || mask.get(x - r.x, y - r.y) != 0;
		final RandomAccessibleInterval<NativeBoolType> plane = ArrayImgs.booleans(inside, w, h);
		final int planes = ImagePlusImgs.planes(imp);
		return planes == 1 ? plane : Views.addDimension(plane, 0, planes - 1);
	}
}
