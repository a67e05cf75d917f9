package io.github.pixelclustering.output;

import java.awt.image.BufferedImage;

/**
 * The pictures a preview shows over an image, from a label grid: every labelled pixel in its cluster's
 * colour, or the outlines of the clusters only. Label 0 (outside the mask or selection) stays
 * transparent, so the image shows through.
 */
public final class PreviewPictures {

	private PreviewPictures() {
	}

	/**
	 * @param labels labels 0..k of one plane, raster order
	 * @param width width of the plane
	 * @param height height of the plane
	 * @param colours colour 0xrrggbb of labels 0..k
	 * @return every pixel of a label &gt; 0 in its colour, opaque; label 0 transparent
	 */
	public static BufferedImage filled(final int[] labels, final int width, final int height, final int[] colours) {
		final int[] argb = new int[width * height];
		for (int p = 0; p < argb.length; p++)
			if (labels[p] > 0) argb[p] = 0xff000000 | colours[labels[p]];
		return picture(argb, width, height);
	}

	/**
	 * @param labels labels 0..k, raster order, planes after one another
	 * @param width width of a plane
	 * @param height height of a plane
	 * @param plane the plane drawn (0 for a single plane)
	 * @param colours colour 0xrrggbb of labels 0..k
	 * @return the pixels of the plane whose label &gt; 0 differs from a 4-neighbour's, opaque in their label's colour; all others transparent
	 */
	public static BufferedImage outlines(final int[] labels, final int width, final int height, final int plane, final int[] colours) {
		final int[] argb = new int[width * height];
		final int offset = plane * width * height;
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int p = y * width + x;
				final int l = labels[offset + p];
				if (l == 0) continue;
				final boolean edge = x > 0 && labels[offset + p - 1] != l || x < width - 1 && labels[offset + p + 1] != l //
					|| y > 0 && labels[offset + p - width] != l || y < height - 1 && labels[offset + p + width] != l;
				if (edge) argb[p] = 0xff000000 | colours[l];
			}
		return picture(argb, width, height);
	}

	private static BufferedImage picture(final int[] argb, final int width, final int height) {
		final BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		out.setRGB(0, 0, width, height, argb, 0, width);
		return out;
	}
}
