package io.github.pixelclustering.output;

import io.github.pixelclustering.colour.Cielab;

import java.awt.Color;

import ij.process.LUT;

/**
 * A Glasbey-like lookup table for label images: entry 0 is black (background), every further entry is
 * the colour of a 12-level RGB grid that is farthest, in CIELAB, from all entries chosen before it, so
 * that neighbouring labels are easy to tell apart. Computed once, deterministically.
 *
 * <h2>References</h2> C. Glasbey, G. van der Heijden, V. Toh, A. Gray, "Colour displays for categorical
 * images", Color Research and Application 32(4), 2007.
 */
public final class LabelLut {

	private static final int LEVELS = 12;
	private static final byte[][] RGB = compute();

	private LabelLut() {}

	/** @return the lookup table (a new LUT object each time) */
	public static LUT lut() {
		return new LUT(RGB[0].clone(), RGB[1].clone(), RGB[2].clone());
	}

	/** @return the colour of LUT entry {@code index} (0..255) */
	public static Color colour(final int index) {
		return new Color(RGB[0][index] & 0xff, RGB[1][index] & 0xff, RGB[2][index] & 0xff);
	}

	private static byte[][] compute() {
		final int candidates = LEVELS * LEVELS * LEVELS;
		final int[] rgb = new int[candidates];
		final double[] lab = new double[3 * candidates];
		int c = 0;
		for (int r = 0; r < LEVELS; r++)
			for (int g = 0; g < LEVELS; g++)
				for (int b = 0; b < LEVELS; b++) {
					final int rr = r * 255 / (LEVELS - 1), gg = g * 255 / (LEVELS - 1), bb = b * 255 / (LEVELS - 1);
					rgb[c] = rr << 16 | gg << 8 | bb;
					Cielab.fromRgb(rr, gg, bb, lab, 3 * c);
					c++;
				}
		final double[] nearest = new double[candidates];
		java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
		final byte[][] out = new byte[3][256];
		int chosen = 0; // black: the first candidate
		for (int entry = 0; entry < 256; entry++) {
			out[0][entry] = (byte) (rgb[chosen] >> 16);
			out[1][entry] = (byte) (rgb[chosen] >> 8);
			out[2][entry] = (byte) rgb[chosen];
			int farthest = 0;
			for (int i = 0; i < candidates; i++) {
				double d = 0;
				for (int f = 0; f < 3; f++) {
					final double e = lab[3 * i + f] - lab[3 * chosen + f];
					d += e * e;
				}
				if (d < nearest[i]) nearest[i] = d;
				if (nearest[i] > nearest[farthest]) farthest = i;
			}
			chosen = farthest;
		}
		return out;
	}
}
