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
	 * fed one channel at a time (the values of channel c of every spectrum of the block, channels in
	 * order), with the same numbers: each spectrum's sums run in channel order, while the loops run over
	 * the spectra (independent sums, which the JIT compiles to vector instructions). Fed a channel at a
	 * time, a block never needs its spectra in memory together: one channel's values are read, checked
	 * and projected while they are in the cache. One per block.
	 */
	public static final class Block {

		private final double[] projection;
		private final int channels;
		private final int count;
		private final boolean poisson;
		private final int pixels;
		/** Per component, the sums of the block's spectra. */
		private final double[][] acc;
		/** The spectra's sums, with Poisson normalisation. */
		private final double[] sums;

		/**
		 * @param projection component-major, {@code count x channels}: row k is {@code P[.][k]}
		 * @param channels m
		 * @param count components
		 * @param poisson whether the decomposition normalised Poisson noise
		 * @param pixels spectra in the block
		 */
		public Block(final double[] projection, final int channels, final int count, final boolean poisson, final int pixels) {
			this.projection = projection;
			this.channels = channels;
			this.count = count;
			this.poisson = poisson;
			this.pixels = pixels;
			acc = new double[count][pixels];
			sums = poisson ? new double[pixels] : null;
		}

		/**
		 * Adds the next channel (channels in order 0, 1, ...).
		 *
		 * @param channel its index
		 * @param row its value in each spectrum of the block
		 */
		public void add(final int channel, final double[] row) {
			final int n = pixels;
			// two components per pass over the channel's values
			int k = 0;
			for (; k + 1 < count; k += 2) {
				final double w0 = projection[k * channels + channel], w1 = projection[(k + 1) * channels + channel];
				final double[] a0 = acc[k], a1 = acc[k + 1];
				for (int p = 0; p < n; p++) {
					final double v = row[p];
					a0[p] += v * w0;
					a1[p] += v * w1;
				}
			}
			if (k < count) {
				final double w = projection[k * channels + channel];
				final double[] a0 = acc[k];
				for (int p = 0; p < n; p++)
					a0[p] += row[p] * w;
			}
			if (poisson) for (int p = 0; p < n; p++)
				sums[p] += row[p];
		}

		/**
		 * Adds the next four channels ({@code channel} to {@code channel + 3}), with the numbers of four
		 * calls of {@link #add(int, double[])}: each sum still adds the channels one by one, in order,
		 * but it stays in a register over the four (a quarter of the loads and stores of the sums).
		 *
		 * @param channel the first one's index
		 * @param r0 the first channel's value in each spectrum of the block
		 * @param r1 the second's
		 * @param r2 the third's
		 * @param r3 the fourth's
		 */
		public void add(final int channel, final double[] r0, final double[] r1, final double[] r2, final double[] r3) {
			final int n = pixels;
			int k = 0;
			for (; k + 1 < count; k += 2) {
				final int o = k * channels + channel, q = o + channels;
				final double w0 = projection[o], w1 = projection[o + 1], w2 = projection[o + 2], w3 = projection[o + 3];
				final double u0 = projection[q], u1 = projection[q + 1], u2 = projection[q + 2], u3 = projection[q + 3];
				final double[] a0 = acc[k], a1 = acc[k + 1];
				for (int p = 0; p < n; p++) {
					final double v0 = r0[p], v1 = r1[p], v2 = r2[p], v3 = r3[p];
					double a = a0[p], b = a1[p];
					a += v0 * w0;
					b += v0 * u0;
					a += v1 * w1;
					b += v1 * u1;
					a += v2 * w2;
					b += v2 * u2;
					a += v3 * w3;
					b += v3 * u3;
					a0[p] = a;
					a1[p] = b;
				}
			}
			if (k < count) {
				final int o = k * channels + channel;
				final double w0 = projection[o], w1 = projection[o + 1], w2 = projection[o + 2], w3 = projection[o + 3];
				final double[] a0 = acc[k];
				for (int p = 0; p < n; p++) {
					double a = a0[p];
					a += r0[p] * w0;
					a += r1[p] * w1;
					a += r2[p] * w2;
					a += r3[p] * w3;
					a0[p] = a;
				}
			}
			if (poisson) for (int p = 0; p < n; p++) {
				double a = sums[p];
				a += r0[p];
				a += r1[p];
				a += r2[p];
				a += r3[p];
				sums[p] = a;
			}
		}

		/** @param out receives loading k of spectrum p at {@code k * pixels + p}, after every channel */
		public void finish(final double[] out) {
			final int n = pixels;
			for (int k = 0; k < count; k++)
				System.arraycopy(acc[k], 0, out, k * n, n);
			if (!poisson) return;
			for (int k = 0; k < count; k++)
				for (int p = 0; p < n; p++) {
					final double sum = sums[p];
					out[k * n + p] = out[k * n + p] * Math.sqrt(sum > 0 ? 1 / sum : 0) * Math.sqrt(sum);
				}
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
