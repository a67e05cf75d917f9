package io.github.pixelclustering.spectral;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

/**
 * Singular value decomposition of a spectrum image without centring, as HyperSpy 1.7.3's
 * {@code decomposition(algorithm="SVD")}, optionally after its Poisson noise normalisation.
 * <p>
 * The data X are n pixels x m channels. The leading singular triplets come from the eigenpairs of the
 * Gram matrix of the smaller side (X X^T when there are fewer pixels than channels, else X^T X), so the
 * work is that of one Gram matrix plus a Lanczos iteration, instead of a full SVD. Conventions follow
 * HyperSpy (which transposes the data when there are fewer pixels than channels):
 * <ul>
 * <li>explained variance = s^2 / n, ratio = s^2 / (sum of all s^2) = s^2 / ||X||^2;</li>
 * <li>the singular vectors of the smaller side are unit vectors, those of the larger side are scaled by
 * s: with fewer pixels than channels the loadings are unit vectors and the factors carry s, otherwise
 * the reverse;</li>
 * <li>signs: the entry of largest magnitude of each larger-side vector is positive;</li>
 * <li>{@code poisson}: X is divided by sqrt(a_p b_c), a = pixel sums, b = channel sums (0 where they
 * are 0); afterwards loadings are multiplied by sqrt(a) and factors by sqrt(b).</li>
 * </ul>
 */
public final class Decomposition {

	/** Message when a value is NaN or infinite. */
	public static final String NOT_FINITE = "The spectrum image must have finite values, got %s at pixel %d, channel %d.";

	/** Message for Poisson normalisation of negative data. */
	public static final String NEGATIVE = "Poisson noise normalisation needs counts (values >= 0), got %s at pixel %d, channel %d.";

	/** Message when more components are asked for than the data have. */
	public static final String TOO_MANY_COMPONENTS = "The number of components must be between 1 and min(pixels, channels) = %d, got %d.";

	/** Message when all values are zero. */
	public static final String ALL_ZERO = "The spectrum image is all zeros in the pixels and channels analysed: there is nothing to decompose.";

	private final int pixels;
	private final int channels;
	private final int components;
	private final double[] explainedVariance;
	private final double[] explainedVarianceRatio;
	private final double total;
	private final double[] loadings;
	private final double[] factors;
	private final boolean poisson;

	private Decomposition(final int pixels, final int channels, final int components, final double[] explainedVariance, final double[] explainedVarianceRatio, final double total, final double[] loadings, final double[] factors, final boolean poisson) {
		this.pixels = pixels;
		this.channels = channels;
		this.components = components;
		this.explainedVariance = explainedVariance;
		this.explainedVarianceRatio = explainedVarianceRatio;
		this.total = total;
		this.loadings = loadings;
		this.factors = factors;
		this.poisson = poisson;
	}

	/**
	 * @param x pixel-major data, entry {@code p * channels + c}
	 * @param pixels n
	 * @param channels m
	 * @param components how many components to compute, 1..min(n, m)
	 * @param poisson whether to normalise Poisson noise first
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return the leading components
	 */
	public static Decomposition compute(final float[] x, final int pixels, final int channels, final int components, final boolean poisson, final TaskRunner runner, final ProgressListener listener) {
		if (x.length != (long) pixels * channels) throw new IllegalArgumentException("Expected " + pixels + " x " + channels + " values, got " + x.length + ".");
		final int side = Math.min(pixels, channels);
		if (components < 1 || components > side) throw new IllegalArgumentException(String.format(TOO_MANY_COMPONENTS, side, components));
		final double[] pixelSums = new double[pixels];
		final double[] channelSums = new double[channels];
		final double[] partialTotals = new double[Chunks.of(pixels, 256).count()];
		checkAndSum(x, pixels, channels, poisson, pixelSums, channelSums, partialTotals, runner);
		listener.checkCanceled();
		final boolean pixelGram = pixels < channels;
		// Poisson: Gram = D^-1/2 (A^T W A) D^-1/2 with W the other side's 1/sums.
		final double[] rowWeights;
		final double[] sideScale;
		if (poisson) {
			rowWeights = inverse(pixelGram ? channelSums : pixelSums);
			sideScale = inverseRoot(pixelGram ? pixelSums : channelSums);
		} else {
			rowWeights = null;
			sideScale = null;
		}
		final float[] a = pixelGram ? transpose(x, pixels, channels, runner) : x;
		final int rows = pixelGram ? channels : pixels;
		final double[] g = Gram.of(a, rows, side, rowWeights, runner, listener);
		if (sideScale != null)
			for (int i = 0; i < side; i++)
				for (int j = 0; j < side; j++)
					g[i * side + j] *= sideScale[i] * sideScale[j];
		double trace = 0;
		for (int i = 0; i < side; i++)
			trace += g[i * side + i];
		if (!(trace > 0)) throw new IllegalArgumentException(ALL_ZERO);
		listener.progress(0.7, "eigenvectors");
		final TopEigen eig = TopEigen.of(g, side, components, runner, listener);
		final double[] variance = new double[components];
		final double[] ratio = new double[components];
		for (int k = 0; k < components; k++) {
			final double value = Math.max(0, eig.values[k]);
			variance[k] = value / pixels;
			ratio[k] = value / trace;
		}
		// The larger side: u_k = X~ w_k (scaled by s_k); the smaller side: w_k (unit).
		final int other = pixelGram ? channels : pixels;
		final double[] large = new double[other * components];
		final double[] w = eig.vectors;
		final Chunks chunks = Chunks.of(other, 256);
		chunks.forEach(runner, (c, start, end) -> {
			final double[] column = new double[side];
			for (int k = 0; k < components; k++) {
				for (int i = 0; i < side; i++)
					column[i] = sideScale == null ? w[k * side + i] : w[k * side + i] * sideScale[i];
				if (pixelGram) {
					// u(c) = sum_p x(p, c) w~(p) / (sqrt(b_c) under Poisson), from the channel-major copy
					for (int ch = start; ch < end; ch++) {
						double sum0 = 0, sum1 = 0;
						final int offset = ch * pixels;
						int p = 0;
						for (; p + 1 < pixels; p += 2) {
							sum0 += a[offset + p] * column[p];
							sum1 += a[offset + p + 1] * column[p + 1];
						}
						if (p < pixels) sum0 += a[offset + p] * column[p];
						final double sum = sum0 + sum1;
						large[ch * components + k] = rowWeights == null ? sum : sum * Math.sqrt(rowWeights[ch]);
					}
				} else {
					for (int p = start; p < end; p++) {
						double sum = 0;
						final int offset = p * channels;
						for (int ch = 0; ch < channels; ch++)
							sum += x[offset + ch] * column[ch];
						large[p * components + k] = rowWeights == null ? sum : sum * Math.sqrt(rowWeights[p]);
					}
				}
			}
		});
		final double[] small = new double[side * components];
		for (int k = 0; k < components; k++) {
			// Sign: the larger-side entry of largest magnitude is positive (first one on ties).
			int best = 0;
			for (int i = 1; i < other; i++)
				if (Math.abs(large[i * components + k]) > Math.abs(large[best * components + k])) best = i;
			final double sign = large[best * components + k] < 0 ? -1 : 1;
			for (int i = 0; i < other; i++)
				large[i * components + k] *= sign;
			for (int i = 0; i < side; i++)
				small[i * components + k] = sign * w[k * side + i];
		}
		if (poisson) {
			// Undo the normalisation: loadings times sqrt(a), factors times sqrt(b).
			final double[] smallSums = pixelGram ? pixelSums : channelSums;
			final double[] largeSums = pixelGram ? channelSums : pixelSums;
			for (int i = 0; i < side; i++)
				for (int k = 0; k < components; k++)
					small[i * components + k] *= Math.sqrt(smallSums[i]);
			for (int i = 0; i < other; i++)
				for (int k = 0; k < components; k++)
					large[i * components + k] *= Math.sqrt(largeSums[i]);
		}
		double sumOfSquares = 0;
		for (final double t : partialTotals)
			sumOfSquares += t;
		listener.progress(1, "decomposition");
		return new Decomposition(pixels, channels, components, variance, ratio, sumOfSquares, pixelGram ? small : large, pixelGram ? large : small, poisson);
	}

	private static void checkAndSum(final float[] x, final int pixels, final int channels, final boolean poisson, final double[] pixelSums, final double[] channelSums, final double[] partialTotals, final TaskRunner runner) {
		final Chunks chunks = Chunks.of(pixels, 256);
		final double[][] partialChannels = new double[chunks.count()][];
		chunks.forEach(runner, (c, start, end) -> {
			final double[] sums = new double[channels];
			double squares = 0;
			for (int p = start; p < end; p++) {
				double sum = 0;
				final int offset = p * channels;
				for (int ch = 0; ch < channels; ch++) {
					final float v = x[offset + ch];
					if (!Float.isFinite(v)) throw new IllegalArgumentException(String.format(NOT_FINITE, v, p, ch));
					if (poisson && v < 0) throw new IllegalArgumentException(String.format(NEGATIVE, v, p, ch));
					sum += v;
					sums[ch] += v;
					squares += (double) v * v;
				}
				pixelSums[p] = sum;
			}
			partialChannels[c] = sums;
			partialTotals[c] = squares;
		});
		for (final double[] sums : partialChannels)
			for (int ch = 0; ch < channels; ch++)
				channelSums[ch] += sums[ch];
	}

	private static double[] inverse(final double[] sums) {
		final double[] out = new double[sums.length];
		for (int i = 0; i < sums.length; i++)
			out[i] = sums[i] > 0 ? 1 / sums[i] : 0;
		return out;
	}

	private static double[] inverseRoot(final double[] sums) {
		final double[] out = new double[sums.length];
		for (int i = 0; i < sums.length; i++)
			out[i] = sums[i] > 0 ? 1 / Math.sqrt(sums[i]) : 0;
		return out;
	}

	private static float[] transpose(final float[] x, final int rows, final int cols, final TaskRunner runner) {
		final float[] t = new float[x.length];
		Chunks.of(cols, 64).forEach(runner, (c, start, end) -> {
			for (int r = 0; r < rows; r++) {
				final int offset = r * cols;
				for (int j = start; j < end; j++)
					t[j * rows + r] = x[offset + j];
			}
		});
		return t;
	}

	/** @return number of pixels n */
	public int pixels() {
		return pixels;
	}

	/** @return number of channels m */
	public int channels() {
		return channels;
	}

	/** @return number of components computed */
	public int components() {
		return components;
	}

	/** @return whether Poisson noise was normalised */
	public boolean poisson() {
		return poisson;
	}

	/** @return s^2 / n per component */
	public double[] explainedVariance() {
		return explainedVariance.clone();
	}

	/** @return s^2 / sum of all s^2 per component */
	public double[] explainedVarianceRatio() {
		return explainedVarianceRatio.clone();
	}

	/** @return sum of squares of the data (before Poisson normalisation) */
	public double sumOfSquares() {
		return total;
	}

	/**
	 * @param count how many leading components, 1..{@link #components()}
	 * @return loadings, n x count row-major (pixel p, component k at {@code p * count + k})
	 */
	public double[] loadings(final int count) {
		return leading(loadings, pixels, count);
	}

	/**
	 * @param count how many leading components, 1..{@link #components()}
	 * @return factors, m x count row-major (channel c, component k at {@code c * count + k})
	 */
	public double[] factors(final int count) {
		return leading(factors, channels, count);
	}

	private double[] leading(final double[] all, final int rows, final int count) {
		if (count < 1 || count > components) throw new IllegalArgumentException("Expected 1 to " + components + " components, got " + count + ".");
		final double[] out = new double[rows * count];
		for (int i = 0; i < rows; i++)
			System.arraycopy(all, i * components, out, i * count, count);
		return out;
	}
}
