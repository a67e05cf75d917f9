package io.github.pixelclustering.output;

import ij.gui.Roi;

import java.awt.Graphics;
import java.awt.image.BufferedImage;

/**
 * An overlay element that covers a whole image with a picture, which may be smaller than the image: it
 * is drawn stretched over the image (nearest neighbour), at the canvas's zoom. A preview computed on a
 * downscaled copy is shown this way, without a full-size copy and without touching a pixel.
 */
public final class ScaledPicture extends Roi {

	private static final long serialVersionUID = 1L;

	private final transient BufferedImage picture;
	private final int coveredWidth;
	private final int coveredHeight;

	/**
	 * @param picture the picture (transparent where the image should show through)
	 * @param width width of the image it covers
	 * @param height height of the image it covers
	 */
	public ScaledPicture(final BufferedImage picture, final int width, final int height) {
		super(0, 0, width, height);
		this.picture = picture;
		coveredWidth = width;
		coveredHeight = height;
	}

	/** @return the picture */
	public BufferedImage picture() {
		return picture;
	}

	@Override
	public void draw(final Graphics g) {
		final int x0 = screenX(0);
		final int y0 = screenY(0);
		g.drawImage(picture, x0, y0, screenX(coveredWidth) - x0, screenY(coveredHeight) - y0, null);
	}
}
