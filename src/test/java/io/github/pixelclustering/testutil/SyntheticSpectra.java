package io.github.pixelclustering.testutil;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

/**
 * A seeded synthetic spectrum image with 4 known phases and Poisson noise, count for count the same
 * as {@code generate()} in {@code scripts/synthetic_spectra.py} (whose docstring gives the full
 * definition): phase 0 everywhere except a large disc (phase 1), a band at the bottom (phase 2) and a
 * small disc (phase 3), so the phases are ordered by decreasing size; each phase a spectrum of
 * Gaussian peaks on a smooth background, about 300 expected counts per pixel with an intensity
 * gradient along x (0.75 to 1.25), Poisson counts by inversion of SplitMix64 uniforms.
 * <p>
 * Only IEEE {@code + - * /} are used, in the same order as the Python code (the exponential is a
 * Taylor series with range halving, not {@link Math#exp}), so both produce identical numbers.
 */
public final class SyntheticSpectra {

	/** Number of phases. */
	public static final int PHASES = 4;

	/** Peak positions, as fractions of the energy axis. */
	private static final double[] MU = { 0.10, 0.17, 0.25, 0.35, 0.50, 0.64, 0.80 };
	/** Peak widths (standard deviations), as fractions of the energy axis. */
	private static final double[] SIGMA = { 0.010, 0.011, 0.012, 0.013, 0.015, 0.016, 0.018 };
	/** Peak heights of each phase. */
	private static final double[][] HEIGHTS = { //
		{ 1.0, 0.0, 0.8, 0.0, 0.4, 0.0, 0.0 }, //
		{ 1.0, 0.3, 0.5, 0.0, 0.4, 0.4, 0.0 }, //
		{ 0.8, 0.0, 0.8, 0.6, 0.2, 0.0, 0.0 }, //
		{ 0.6, 0.5, 0.6, 0.0, 0.0, 0.6, 0.4 } };
	/** Expected counts per pixel of each phase where the gradient is 1. */
	private static final double[] TOTAL = { 300.0, 260.0, 340.0, 280.0 };
	/** Largest count the Poisson inversion returns. */
	private static final int MAX_COUNT = 1000;

	// -- Fields --

	private final int width;
	private final int height;
	private final int channels;
	private final int[] counts;
	private final int[] phases;

	private SyntheticSpectra(final int width, final int height, final int channels, final int[] counts, final int[] phases) {
		this.width = width;
		this.height = height;
		this.channels = channels;
		this.counts = counts;
		this.phases = phases;
	}

	/**
	 * Makes the spectrum image.
	 *
	 * @param width pixels along x
	 * @param height pixels along y
	 * @param channels energy channels
	 * @param seed SplitMix64 seed
	 * @return counts and known phases
	 */
	public static SyntheticSpectra generate(final int width, final int height, final int channels, final long seed) {
		if (width < 1 || height < 1 || channels < 1)
			throw new IllegalArgumentException("width, height and channels must be >= 1, got " + width + ", " + height + ", " + channels);
		final int[] phases = phaseMap(width, height);
		final double[][] base = baseSpectra(channels);
		final int pixels = width * height;
		// expected counts and exp(-lambda) depend only on (phase, x, channel)
		final double[] lambda = new double[PHASES * width * channels];
		final double[] q0 = new double[lambda.length];
		for (int j = 0; j < PHASES; j++)
			for (int x = 0; x < width; x++) {
				final double g = (3.0 * width + 2.0 * x) / (4.0 * width);
				for (int c = 0; c < channels; c++) {
					final int i = (j * width + x) * channels + c;
					lambda[i] = base[j][c] * g;
					q0[i] = expNeg(lambda[i]);
				}
			}
		final int[] counts = new int[pixels * channels];
		long state = seed;
		for (int p = 0; p < pixels; p++) {
			final int row = (phases[p] * width + p % width) * channels;
			for (int c = 0; c < channels; c++) {
				state += 0x9E3779B97F4A7C15L;
				long z = state;
				z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
				z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
				z = z ^ (z >>> 31);
				final double u = (z >>> 11) * 0x1.0p-53;
				final double lam = lambda[row + c];
				double q = q0[row + c];
				double cdf = q;
				int k = 0;
				while (u > cdf && k < MAX_COUNT) {
					k++;
					q = q * lam / k;
					cdf += q;
				}
				counts[p * channels + c] = k;
			}
		}
		return new SyntheticSpectra(width, height, channels, counts, phases);
	}

	// -- Getters --

	/** @return pixels along x */
	public int width() {
		return width;
	}

	/** @return pixels along y */
	public int height() {
		return height;
	}

	/** @return energy channels */
	public int channels() {
		return channels;
	}

	/** @return a copy of the counts, pixel-major: entry {@code p * channels + c} is pixel p (raster order) in channel c */
	public int[] counts() {
		return counts.clone();
	}

	/** @return the counts as doubles, pixel-major like {@link #counts()} */
	public double[] pixelMajor() {
		final double[] x = new double[counts.length];
		for (int i = 0; i < x.length; i++)
			x[i] = counts[i];
		return x;
	}

	/** @return one float image per channel (width x height), as an ImageJ stack of the map is seen */
	public List<RandomAccessibleInterval<? extends RealType<?>>> floatChannels() {
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (int c = 0; c < channels; c++) {
			final float[] plane = new float[width * height];
			for (int p = 0; p < plane.length; p++)
				plane[p] = counts[p * channels + c];
			out.add(ArrayImgs.floats(plane, width, height));
		}
		return out;
	}

	/** @return a copy of the known phase (0..3) of every pixel, raster order */
	public int[] phases() {
		return phases.clone();
	}

	/** @return the sum of all counts */
	public long totalCounts() {
		long total = 0;
		for (final int count : counts)
			total += count;
		return total;
	}

	/** @return the sum over the pixel-major counts of index * count (the script's second checksum) */
	public long weightedChecksum() {
		long sum = 0;
		for (int i = 0; i < counts.length; i++)
			sum += (long) i * counts[i];
		return sum;
	}

	// -- Helper methods --

	/** @return phase of every pixel (raster order), integer geometry as in the script */
	private static int[] phaseMap(final int width, final int height) {
		final int m = Math.min(width, height);
		final int[] phases = new int[width * height];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final long dx1 = x - 3 * width / 10, dy1 = y - 2 * height / 5, r1 = 3 * m / 10;
				final long dx3 = x - 3 * width / 4, dy3 = y - 3 * height / 10, r3 = m / 8;
				final int phase;
				if (dx3 * dx3 + dy3 * dy3 <= r3 * r3) phase = 3;
				else if (dx1 * dx1 + dy1 * dy1 <= r1 * r1) phase = 1;
				else if (y >= 4 * height / 5) phase = 2;
				else phase = 0;
				phases[y * width + x] = phase;
			}
		return phases;
	}

	/** @return expected counts of each phase and channel where the gradient is 1 (PHASES x channels) */
	private static double[][] baseSpectra(final int channels) {
		final double[] background = new double[channels];
		final double[][] gauss = new double[MU.length][channels];
		for (int c = 0; c < channels; c++) {
			final double e = (c + 0.5) / channels;
			final double oneMinus = 1.0 - e;
			background[c] = 0.04 + 0.2 * (oneMinus * oneMinus * oneMinus * oneMinus);
			for (int k = 0; k < MU.length; k++) {
				final double d = e - MU[k];
				gauss[k][c] = expNeg(d * d / (2.0 * SIGMA[k] * SIGMA[k]));
			}
		}
		final double[][] base = new double[PHASES][channels];
		for (int j = 0; j < PHASES; j++) {
			final double[] shape = new double[channels];
			double sum = 0;
			for (int c = 0; c < channels; c++) {
				double v = background[c];
				for (int k = 0; k < MU.length; k++)
					v = v + HEIGHTS[j][k] * gauss[k][c];
				shape[c] = v;
				sum += v;
			}
			for (int c = 0; c < channels; c++)
				base[j][c] = TOTAL[j] * shape[c] / sum;
		}
		return base;
	}

	/**
	 * exp(-t) for t >= 0 with + - * / only: halve t until at most 1/16, Taylor series of degree 12 in
	 * Horner form, square back. About 1e-12 relative error; identical to the script's exp_neg.
	 */
	static double expNeg(final double t) {
		if (t > 700.0) return 0.0;
		double y = t;
		int n = 0;
		while (y > 0.0625) {
			y *= 0.5;
			n++;
		}
		double r = 1.0;
		for (int i = 12; i >= 1; i--)
			r = 1.0 - y * r / i;
		for (int s = 0; s < n; s++)
			r = r * r;
		return r;
	}
}
