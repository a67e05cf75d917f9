package io.github.pixelclustering.testutil;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import java.util.Arrays;

/** Test images: from {@code test-images/} or drawn from array literals. */
public final class Images {

	private Images() {}

	/** @return an image from {@code test-images/} */
	public static ImagePlus open(final String name) {
		final ImagePlus imp = IJ.openImage(TestData.image(name).toString());
		if (imp == null) throw new IllegalStateException("could not open " + name);
		return imp;
	}

	/**
	 * @param width image width
	 * @param rgb packed 0xRRGGBB pixels, row-major, laid out like the image
	 * @return an RGB image
	 */
	public static ImagePlus rgb(final int width, final int... rgb) {
		final ColorProcessor cp = new ColorProcessor(width, rgb.length / width, rgb.clone());
		return new ImagePlus("picture", cp);
	}

	/** The digits as a stack of 1797 slices of 8 x 8 pixels (8-bit). */
	public static ImagePlus digits() {
		final double[] x = TestData.digitsPixelMajor();
		final ImageStack stack = new ImageStack(8, 8);
		for (int i = 0; i < TestData.DIGITS; i++) {
			final byte[] pixels = new byte[64];
			for (int p = 0; p < 64; p++)
				pixels[p] = (byte) x[p * TestData.DIGITS + i];
			stack.addSlice("digit " + (i + 1), pixels);
		}
		return new ImagePlus("digits.tif", stack);
	}

	/** @return a deep hash of every pixel of every plane */
	public static int pixelHash(final ImagePlus imp) {
		final ImageStack stack = imp.getStack();
		int hash = 1;
		for (int i = 1; i <= stack.getSize(); i++) {
			final Object p = stack.getPixels(i);
			final int h = p instanceof byte[] ? Arrays.hashCode((byte[]) p) : p instanceof short[] ? Arrays.hashCode((short[]) p) : p instanceof int[] ? Arrays.hashCode((int[]) p) : Arrays.hashCode((float[]) p);
			hash = 31 * hash + h;
		}
		return hash;
	}
}
