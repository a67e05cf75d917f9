package io.github.pixelclustering.spectrum;

/**
 * The spectra of the pixels of a spectrum image, read in pieces so that no pixel-major copy of the
 * whole image is needed: engines pull a channel's values of a range of pixels at a time, as doubles, so
 * 64-bit data keep their precision (32-bit and integer data are widened exactly, so their results do not
 * depend on it). Implementations must allow reads from several threads at once.
 */
public interface Spectra {

	/** @return number of pixels n */
	int pixels();

	/** @return number of channels m */
	int channels();

	/**
	 * Copies the values of one channel for pixels {@code from..to-1} into
	 * {@code out[offset + (p - from) * stride]}.
	 *
	 * @param channel 0..m-1
	 * @param from first pixel
	 * @param to one past the last pixel
	 * @param out destination
	 * @param offset where pixel {@code from} goes
	 * @param stride distance between consecutive pixels in {@code out}
	 */
	void read(int channel, int from, int to, double[] out, int offset, int stride);

	/**
	 * @param channel 0..m-1
	 * @return the channel's values as one float array, pixel p at index p, when they are stored so (then an
	 *         engine may read them there, without {@link #read} copying them); else null (the default)
	 */
	default float[] floatPlane(final int channel) {
		return null;
	}

	/**
	 * @param x pixel-major values, entry {@code p * channels + c}
	 * @param pixels n
	 * @param channels m
	 * @return the spectra over that array
	 */
	static Spectra of(final float[] x, final int pixels, final int channels) {
		if (x.length != (long) pixels * channels) throw new IllegalArgumentException("Expected " + pixels + " x " + channels + " values, got " + x.length + ".");
		return new Spectra() {

			@Override
			public int pixels() {
				return pixels;
			}

			@Override
			public int channels() {
				return channels;
			}

			@Override
			public void read(final int channel, final int from, final int to, final double[] out, final int offset, final int stride) {
				for (int p = from, o = offset; p < to; p++, o += stride)
					out[o] = x[p * channels + channel];
			}
		};
	}

	/**
	 * @param x pixel-major 64-bit values, entry {@code p * channels + c} (read as they are, not rounded to
	 *        32 bits)
	 * @param pixels n
	 * @param channels m
	 * @return the spectra over that array
	 */
	static Spectra of(final double[] x, final int pixels, final int channels) {
		if (x.length != (long) pixels * channels) throw new IllegalArgumentException("Expected " + pixels + " x " + channels + " values, got " + x.length + ".");
		return new Spectra() {

			@Override
			public int pixels() {
				return pixels;
			}

			@Override
			public int channels() {
				return channels;
			}

			@Override
			public void read(final int channel, final int from, final int to, final double[] out, final int offset, final int stride) {
				for (int p = from, o = offset; p < to; p++, o += stride)
					out[o] = x[p * channels + channel];
			}
		};
	}
}
