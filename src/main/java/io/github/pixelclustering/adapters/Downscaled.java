package io.github.pixelclustering.adapters;

import ij.ImagePlus;
import ij.ImageStack;

import java.util.Arrays;

/**
 * Smaller copies of an image for previews: every plane averaged over blocks of f x f pixels (f an
 * integer, the blocks at the right and bottom edges cut short), so a plane has at most a given number of
 * pixels; and masks sampled to the same grid. One pass over the pixel arrays; the input is never
 * modified.
 */
public final class Downscaled {

	private Downscaled() {
	}

	/**
	 * @param width width of the image
	 * @param height height of the image
	 * @param maxPixels the most pixels a plane of the copy may have (at least 1)
	 * @return the smallest block size f &gt;= 1 that brings a width x height plane to at most maxPixels
	 */
	public static int factor(final int width, final int height, final long maxPixels) {
		int f = Math.max(1, (int) Math.floor(Math.sqrt((double) width * height / Math.max(1, maxPixels))));
		while ((long) size(width, f) * size(height, f) > maxPixels)
			f++;
		return f;
	}

	/**
	 * @param length a width or a height
	 * @param factor a block size of {@link #factor}
	 * @return the length in the copy
	 */
	public static int size(final int length, final int factor) {
		return (length + factor - 1) / factor;
	}

	/**
	 * @param imp an image (RGB, 8-, 16- or 32-bit, any number of planes)
	 * @param factor a block size of {@link #factor}
	 * @return the image itself at factor 1; else a copy of the same type with every plane block-averaged
	 *         (rounded for integer types, per channel for RGB), its channels, slices and frames kept, no
	 *         selection
	 */
	public static ImagePlus copy(final ImagePlus imp, final int factor) {
		if (factor <= 1) return imp;
		final int width = imp.getWidth();
		final int height = imp.getHeight();
		final int w = size(width, factor);
		final int h = size(height, factor);
		final ImageStack source = imp.getStack();
		final ImageStack stack = new ImageStack(w, h);
		for (int i = 1; i <= source.getSize(); i++)
			stack.addSlice(null, average(source.getPixels(i), width, height, factor, w, h));
		final ImagePlus copy = new ImagePlus(imp.getTitle(), stack);
		copy.setDimensions(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
		return copy;
	}

	/** @return the block means of one plane's pixel array, in an array of its type */
	private static Object average(final Object pixels, final int width, final int height, final int f, final int w, final int h) {
		final boolean rgb = pixels instanceof int[];
		final int bands = rgb ? 3 : 1;
		final double[] sums = new double[w * bands];
		final int[] counts = new int[w];
		final Object out = pixels instanceof int[] ? new int[w * h] : pixels instanceof byte[] ? new byte[w * h] : pixels instanceof short[] ? new short[w * h] : new float[w * h];
		for (int by = 0; by < h; by++) {
			Arrays.fill(sums, 0);
			Arrays.fill(counts, 0);
			for (int y = by * f; y < Math.min(height, (by + 1) * f); y++) {
				final int row = y * width;
				for (int x = 0; x < width; x++) {
					final int bx = x / f;
					counts[bx]++;
					if (rgb) {
						final int v = ((int[]) pixels)[row + x];
						sums[3 * bx] += v >> 16 & 0xff;
						sums[3 * bx + 1] += v >> 8 & 0xff;
						sums[3 * bx + 2] += v & 0xff;
					}
					else sums[bx] += value(pixels, row + x);
				}
			}
			for (int bx = 0; bx < w; bx++) {
				final int p = by * w + bx;
				final double n = counts[bx];
				if (rgb) ((int[]) out)[p] = 0xff000000 | (int) Math.round(sums[3 * bx] / n) << 16 | (int) Math.round(sums[3 * bx + 1] / n) << 8 | (int) Math.round(sums[3 * bx + 2] / n);
				else if (out instanceof byte[]) ((byte[]) out)[p] = (byte) Math.round(sums[bx] / n);
				else if (out instanceof short[]) ((short[]) out)[p] = (short) Math.round(sums[bx] / n);
				else ((float[]) out)[p] = (float) (sums[bx] / n);
			}
		}
		return out;
	}

	private static double value(final Object pixels, final int p) {
		if (pixels instanceof byte[]) return ((byte[]) pixels)[p] & 0xff;
		if (pixels instanceof short[]) return ((short[]) pixels)[p] & 0xffff;
		return ((float[]) pixels)[p];
	}

	/**
	 * @param imp an image
	 * @return the image itself when it has one slice and one frame; else its channels at the slice and
	 *         frame shown, as an image of one plane per channel (the pixels shared, not copied)
	 */
	public static ImagePlus shownPlane(final ImagePlus imp) {
		if (imp.getNSlices() == 1 && imp.getNFrames() == 1) return imp;
		final ImageStack source = imp.getStack();
		final ImageStack stack = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int c = 1; c <= imp.getNChannels(); c++)
			stack.addSlice(null, source.getPixels(imp.getStackIndex(c, imp.getSlice(), imp.getFrame())));
		final ImagePlus plane = new ImagePlus(imp.getTitle(), stack);
		plane.setDimensions(imp.getNChannels(), 1, 1);
		return plane;
	}

	/**
	 * @param inside a mask, raster order, z slowest, or null
	 * @param width its width
	 * @param height its height
	 * @param depth its z slices
	 * @param factor a block size of {@link #factor}
	 * @return the mask at the centre pixel of every block (same depth); the mask itself at factor 1; null
	 *         for null
	 */
	public static boolean[] mask(final boolean[] inside, final int width, final int height, final int depth, final int factor) {
		if (inside == null || factor <= 1) return inside;
		final int w = size(width, factor);
		final int h = size(height, factor);
		final boolean[] out = new boolean[w * h * depth];
		for (int z = 0; z < depth; z++)
			for (int y = 0; y < h; y++) {
				final int sy = Math.min(height - 1, y * factor + factor / 2);
				for (int x = 0; x < w; x++) {
					final int sx = Math.min(width - 1, x * factor + factor / 2);
					out[(z * h + y) * w + x] = inside[(z * height + sy) * width + sx];
				}
			}
		return out;
	}
}
