package io.github.pixelclustering.spectrum;

/**
 * Loadings of spectra with a fitted {@link Decomposition#projection}: the arithmetic the decomposition
 * computes its own loadings with, for one spectrum or for a block of spectra stored channel by channel,
 * giving the same numbers either way.
 */
public final class Projection {

	private Projection() {}

	/**
	 * The loadings of one spectrum with a fitted projection ({@link Decomposition#projection}), with
	 * the arithmetic of {@link Decomposition#compute}: {@code sum_c x_c P[c][k]} (summed in channel
	 * order), with Poisson normalisation multiplied by
	 * {@code sqrt(1 / a)} and then by {@code sqrt(a)}, a = the spectrum's sum (the normalisation of
	 * {@link Decomposition#compute}, which cancels up to rounding). So the spectra of the training map get
	 * their loadings back bit for bit (with fewer pixels than channels the fit clusters these loadings
	 * too, see {@link Decomposition#loadingsAreProjections()}).
	 *
	 * @param spectrum values, channel c at {@code offset + c}
	 * @param offset where channel 0 is
	 * @param channels m
	 * @param projection component-major, {@code count x m}: row k is {@code P[.][k]}
	 * @param count components
	 * @param poisson whether the decomposition normalised Poisson noise
	 * @param out receives loading k at {@code outOffset + k}
	 * @param outOffset where loading 0 goes
	 */
	public static void project(final double[] spectrum, final int offset, final int channels, final double[] projection, final int count, final boolean poisson, final double[] out, final int outOffset) {
		double scale = 1, sum = 0;
		if (poisson) {
			for (int c = 0; c < channels; c++)
				sum += spectrum[offset + c];
			scale = Math.sqrt(sum > 0 ? 1 / sum : 0);
		}
		for (int k = 0; k < count; k++) {
			final double loading = dot(spectrum, offset, projection, k * channels, channels) * scale;
			out[outOffset + k] = poisson ? loading * Math.sqrt(sum) : loading;
		}
	}

	/**
	 * {@link #project(double[], int, int, double[], int, boolean, double[], int)} of a block of spectra
	 * stored channel by channel, with the same numbers: each pixel's sums run in channel order, while
	 * the loops run over the pixels (independent sums, which the JIT compiles to vector instructions).
	 *
	 * @param tile channel c of pixel p at {@code c * pixels + p}
	 * @param pixels spectra in the block
	 * @param channels m
	 * @param projection component-major, {@code count x m}
	 * @param count components
	 * @param poisson whether the decomposition normalised Poisson noise
	 * @param sums scratch of at least {@code pixels} values (the spectra's sums with Poisson)
	 * @param out receives loading k of pixel p at {@code k * pixels + p}
	 */
	public static void projectBlock(final double[] tile, final int pixels, final int channels, final double[] projection, final int count, final boolean poisson, final double[] sums, final double[] out) {
		// one sum array per component, two components per pass over the channel's values
		final double[][] acc = new double[count][pixels];
		final double[] row = new double[pixels];
		for (int c = 0; c < channels; c++) {
			final int t = c * pixels;
			for (int p = 0; p < pixels; p++)
				row[p] = tile[t + p];
			int k = 0;
			for (; k + 1 < count; k += 2) {
				final double w0 = projection[k * channels + c], w1 = projection[(k + 1) * channels + c];
				final double[] a0 = acc[k], a1 = acc[k + 1];
				for (int p = 0; p < pixels; p++) {
					final double v = row[p];
					a0[p] += v * w0;
					a1[p] += v * w1;
				}
			}
			if (k < count) {
				final double w = projection[k * channels + c];
				final double[] a0 = acc[k];
				for (int p = 0; p < pixels; p++)
					a0[p] += row[p] * w;
			}
		}
		for (int k = 0; k < count; k++)
			System.arraycopy(acc[k], 0, out, k * pixels, pixels);
		if (!poisson) return;
		java.util.Arrays.fill(sums, 0, pixels, 0.0);
		for (int c = 0; c < channels; c++) {
			final int t = c * pixels;
			for (int p = 0; p < pixels; p++)
				sums[p] += tile[t + p];
		}
		for (int k = 0; k < count; k++)
			for (int p = 0; p < pixels; p++) {
				final double sum = sums[p];
				out[k * pixels + p] = out[k * pixels + p] * Math.sqrt(sum > 0 ? 1 / sum : 0) * Math.sqrt(sum);
			}
	}

	/** @return sum of a[ao..+len) times b[bo..+len), in index order */
	static double dot(final double[] a, final int ao, final double[] b, final int bo, final int len) {
		double sum = 0;
		for (int i = 0; i < len; i++)
			sum += a[ao + i] * b[bo + i];
		return sum;
	}
}
