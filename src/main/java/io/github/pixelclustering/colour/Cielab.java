package io.github.pixelclustering.colour;

/**
 * Converts 8-bit sRGB colours to CIE L*a*b* (D65 white, 2 degree observer), the colour space in which
 * Euclidean distance approximates perceived difference.
 * <p>
 * sRGB values are linearised with the sRGB transfer curve, converted to XYZ with the sRGB (D65) matrix,
 * and to L*a*b* with CIE 1976 formulas. L* is in [0, 100]; a*, b* roughly in [-128, 128].
 */
public final class Cielab {

	private static final double XN = 0.95047;
	private static final double YN = 1.0;
	private static final double ZN = 1.08883;
	private static final double[] LINEAR = new double[256];

	static {
		for (int v = 0; v < 256; v++) {
			final double c = v / 255.0;
			LINEAR[v] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
		}
	}

	private Cielab() {}

	/**
	 * @param r red, 0..255
	 * @param g green, 0..255
	 * @param b blue, 0..255
	 * @param out receives L*, a*, b* at {@code out[offset..offset+2]}
	 * @param offset where to write
	 */
	public static void fromRgb(final int r, final int g, final int b, final double[] out, final int offset) {
		final double lr = LINEAR[r];
		final double lg = LINEAR[g];
		final double lb = LINEAR[b];
		final double x = 0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb;
		final double y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb;
		final double z = 0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb;
		final double fx = f(x / XN);
		final double fy = f(y / YN);
		final double fz = f(z / ZN);
		out[offset] = 116 * fy - 16;
		out[offset + 1] = 500 * (fx - fy);
		out[offset + 2] = 200 * (fy - fz);
	}

	private static double f(final double t) {
		final double delta = 6.0 / 29.0;
		return t > delta * delta * delta ? Math.cbrt(t) : t / (3 * delta * delta) + 4.0 / 29.0;
	}
}
