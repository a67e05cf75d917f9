package io.github.pixelclustering.spectrum;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.core.TopEigen;

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
	/** Component-major (k x channels): loading k of a spectrum x is x . row k, see {@link #project}. */
	private final double[] projection;
	/** Sum of every channel over the pixels (Poisson normalisation), or null. */
	private final double[] channelSums;
	/** Whether the loadings came from the pixels' Gram matrix (fewer pixels than channels). */
	private final boolean pixelGram;

	private Decomposition(final int pixels, final int channels, final int components, final double[] explainedVariance, final double[] explainedVarianceRatio, final double total, final double[] loadings, final double[] factors, final boolean poisson, final double[] projection, final double[] channelSums, final boolean pixelGram) {
		this.pixels = pixels;
		this.channels = channels;
		this.components = components;
		this.explainedVariance = explainedVariance;
		this.explainedVarianceRatio = explainedVarianceRatio;
		this.total = total;
		this.loadings = loadings;
		this.factors = factors;
		this.poisson = poisson;
		this.projection = projection;
		this.channelSums = channelSums;
		this.pixelGram = pixelGram;
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
		return compute(Spectra.of(x, pixels, channels), components, poisson, runner, listener);
	}

	/**
	 * {@link #compute(float[], int, int, int, boolean, TaskRunner, ProgressListener)} of 64-bit data,
	 * decomposed as they are (not rounded to 32 bits).
	 *
	 * @param x pixel-major data, entry {@code p * channels + c}
	 * @param pixels n
	 * @param channels m
	 * @param components how many components to compute, 1..min(n, m)
	 * @param poisson whether to normalise Poisson noise first
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return the leading components
	 */
	public static Decomposition compute(final double[] x, final int pixels, final int channels, final int components, final boolean poisson, final TaskRunner runner, final ProgressListener listener) {
		return compute(Spectra.of(x, pixels, channels), components, poisson, runner, listener);
	}

	/**
	 * @param spectra the data, read a chunk at a time (no dense copy of the whole image is made; the
	 *        non-zero entries of sparse chunks are kept when they may take at most an eighth of the heap)
	 * @param components how many components to compute, 1..min(n, m)
	 * @param poisson whether to normalise Poisson noise first
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return the leading components
	 */
	public static Decomposition compute(final Spectra spectra, final int components, final boolean poisson, final TaskRunner runner, final ProgressListener listener) {
		return compute(spectra, components, poisson, runner, listener, Runtime.getRuntime().maxMemory() / KEEP_SHARE);
	}

	/**
	 * {@link #compute(Spectra, int, boolean, TaskRunner, ProgressListener)}, keeping the sparse chunks
	 * when they may take at most {@code keepBytes} (the result is the same bits either way).
	 */
	static Decomposition compute(final Spectra spectra, final int components, final boolean poisson, final TaskRunner runner, final ProgressListener listener, final long keepBytes) {
		final int pixels = spectra.pixels(), channels = spectra.channels();
		final int side = Math.min(pixels, channels);
		if (components < 1 || components > side) throw new IllegalArgumentException(String.format(TOO_MANY_COMPONENTS, side, components));
		// A is the data with the larger side as rows: X^T (channels x pixels) with fewer pixels than
		// channels, else X; the Gram matrix A^T A is side x side.
		final boolean pixelGram = pixels < channels;
		final int rows = pixelGram ? channels : pixels;
		final Gram.Rows a = pixelGram //
			? (from, to, tile, stride) -> {
				for (int c = from; c < to; c++)
					spectra.read(c, 0, pixels, tile, (c - from) * stride, 1);
			} //
			: (from, to, tile, stride) -> {
				for (int c = 0; c < channels; c++)
					spectra.read(c, from, to, tile, c, stride);
			};
		// phases, weighted by estimated cost: every pass reads all values (about 50 units each); the Gram
		// matrix adds rows x side^2 / 2 multiply-adds, the scores rows x side x components, the dense
		// eigenproblem about side^3 (Lanczos: a few products with G per eigenvector)
		final double read = 50.0 * rows * side;
		final double eigen = TopEigen.dense(side, components) ? (double) side * side * side : 4.0 * (components + 30) * side * side;
		final Phases phases = new Phases(listener, read, read + 0.5 * rows * side * side, eigen, read + (double) rows * side * components);
		final double[] rowSums = new double[rows];
		final double[] colSums = new double[side];
		// The sparse chunks (mostly zeros, as maps of counts) are kept as they are read when all of them
		// together may take at most keepBytes (an eighth of the heap): the Gram matrix and the loadings then use them
		// instead of reading the spectra again (the same bits either way).
		final int chunk = Gram.chunkRows(side);
		final Chunks chunks = Chunks.of(rows, chunk);
		final SparseRows[] sparse = (double) SparseRows.mostBytes(chunk, side) * chunks.count() <= keepBytes ? new SparseRows[chunks.count()] : null;
		final double sumOfSquares = checkAndSum(a, chunks, side, pixelGram, poisson, rowSums, colSums, sparse, runner, new SharedProgress(phases.next("Reading " + pixels + " spectra of " + channels + " channels"), rows));
		listener.checkCanceled();
		// Poisson: Gram = D^-1/2 (A^T W A) D^-1/2 with W = 1 / row sums, D = column sums.
		final double[] rowWeights = poisson ? inverse(rowSums) : null;
		final double[] sideScale = poisson ? inverseRoot(colSums) : null;
		final double[] g = Gram.of(a, sparse, rows, side, rowWeights, runner, phases.next("Gram matrix " + side + " x " + side));
		if (sideScale != null)
			for (int i = 0; i < side; i++)
				for (int j = 0; j < side; j++)
					g[i * side + j] *= sideScale[i] * sideScale[j];
		double trace = 0;
		for (int i = 0; i < side; i++)
			trace += g[i * side + i];
		if (!(trace > 0)) throw new IllegalArgumentException(ALL_ZERO);
		final TopEigen eig = TopEigen.of(g, side, components, runner, phases.next("Eigenvectors of the " + side + " x " + side + " Gram matrix"));
		final double[] variance = new double[components];
		final double[] ratio = new double[components];
		for (int k = 0; k < components; k++) {
			final double value = Math.max(0, eig.values[k]);
			variance[k] = value / pixels;
			ratio[k] = value / trace;
		}
		// The larger side: u_k = A~ w_k (scaled by s_k), row by row; the smaller side: w_k (unit).
		final double[] w = eig.vectors;
		final double[] columns = new double[components * side];
		for (int k = 0; k < components; k++)
			for (int i = 0; i < side; i++)
				columns[k * side + i] = sideScale == null ? w[k * side + i] : w[k * side + i] * sideScale[i];
		final double[] large = new double[rows * components];
		final SharedProgress scoring = new SharedProgress(phases.next("Loadings and factors of " + components + " components"), rows);
		chunks.forEach(runner, (c, start, end) -> {
			listener.checkCanceled();
			// a kept sparse chunk is not read again (its dot products are the dense ones, bit for bit)
			final SparseRows few = sparse != null ? sparse[c] : null;
			final int stride = Gram.stride(side);
			final double[] tile = few != null ? null : tile((end - start) * stride);
			if (few == null) a.fill(start, end, tile, stride);
			for (int r = start; r < end; r++) {
				final int offset = (r - start) * stride;
				final double scale = rowWeights == null ? 1 : Math.sqrt(rowWeights[r]);
				for (int k = 0; k < components; k++)
					large[r * components + k] = (few != null ? few.dot(r - start, columns, k * side) : Projection.dot(tile, offset, columns, k * side, side)) * scale;
			}
			scoring.add(end - start, "Loadings and factors");
		});
		final double[] small = new double[side * components];
		final double[] signs = new double[components];
		for (int k = 0; k < components; k++) {
			// Sign: the larger-side entry of largest magnitude is positive (first one on ties).
			int best = 0;
			for (int i = 1; i < rows; i++)
				if (Math.abs(large[i * components + k]) > Math.abs(large[best * components + k])) best = i;
			final double sign = large[best * components + k] < 0 ? -1 : 1;
			signs[k] = sign;
			for (int i = 0; i < rows; i++)
				large[i * components + k] *= sign;
			for (int i = 0; i < side; i++)
				small[i * components + k] = sign * w[k * side + i];
		}
		// what maps a spectrum to its loadings: the (signed) columns with more pixels than channels, so
		// that the loadings are exactly Projection.project of the spectra; with fewer pixels, u_k s_k / s_k^2
		// (scaled as the columns are for Poisson), which gives the loadings to rounding
		final double[] projection = new double[components * channels];
		for (int k = 0; k < components; k++) {
			if (!pixelGram) {
				for (int i = 0; i < side; i++)
					projection[k * channels + i] = signs[k] * columns[k * side + i];
			}
			else {
				final double value = Math.max(0, eig.values[k]);
				for (int r = 0; r < rows; r++)
					projection[k * channels + r] = value > 0 ? large[r * components + k] * (rowWeights == null ? 1 : Math.sqrt(rowWeights[r])) / value : 0;
			}
		}
		if (poisson) {
			// Undo the normalisation: loadings times sqrt(a), factors times sqrt(b).
			for (int i = 0; i < side; i++)
				for (int k = 0; k < components; k++)
					small[i * components + k] *= Math.sqrt(colSums[i]);
			for (int i = 0; i < rows; i++)
				for (int k = 0; k < components; k++)
					large[i * components + k] *= Math.sqrt(rowSums[i]);
		}
		phases.done("Decomposition done");
		return new Decomposition(pixels, channels, components, variance, ratio, sumOfSquares, pixelGram ? small : large, pixelGram ? large : small, poisson, projection, poisson ? (pixelGram ? rowSums : colSums).clone() : null, pixelGram);
	}

	/**
	 * The loadings of every pixel of some spectra with this decomposition's projection
	 * ({@link Projection#project}).
	 *
	 * @param spectra n pixels of {@link #channels()} channels
	 * @param count components, 1..{@link #components()}
	 * @param runner where to run (the result does not depend on it)
	 * @return loadings, n x count row-major
	 */
	public double[] project(final Spectra spectra, final int count, final TaskRunner runner) {
		if (spectra.channels() != channels) throw new IllegalArgumentException("Expected spectra of " + channels + " channels, got " + spectra.channels() + ".");
		final double[] p = leadingRows(count);
		final int n = spectra.pixels();
		final double[] out = new double[n * count];
		Chunks.of(n, Gram.chunkRows(channels)).forEach(runner, (b, start, end) -> {
			final double[] tile = new double[(end - start) * channels];
			for (int c = 0; c < channels; c++)
				spectra.read(c, start, end, tile, c, channels);
			for (int i = start; i < end; i++)
				Projection.project(tile, (i - start) * channels, channels, p, count, poisson, out, i * count);
		});
		return out;
	}

	/** One tile per thread, reused: fresh memory is slow to touch (a page fault per page). */
	private static final ThreadLocal<double[]> TILES = new ThreadLocal<>();

	private static double[] tile(final int size) {
		double[] tile = TILES.get();
		if (tile == null || tile.length < size) {
			tile = new double[size];
			TILES.set(tile);
		}
		return tile;
	}

	/** The sparse chunks are kept when they may take at most this share (1 / KEEP_SHARE) of the heap. */
	private static final int KEEP_SHARE = 8;

	/**
	 * Checks the values; fills the row and column sums of A; returns the sum of squares; keeps every
	 * sparse chunk in {@code sparse} when that is not null.
	 */
	private static double checkAndSum(final Gram.Rows a, final Chunks chunks, final int cols, final boolean pixelGram, final boolean poisson, final double[] rowSums, final double[] colSums, final SparseRows[] sparse, final TaskRunner runner, final SharedProgress progress) {
		final double[][] partialCols = new double[chunks.count()][];
		final double[] partialSquares = new double[chunks.count()];
		chunks.forEach(runner, (c, start, end) -> {
			final int stride = Gram.stride(cols);
			final double[] tile = tile((end - start) * stride);
			a.fill(start, end, tile, stride);
			final double[] sums = new double[cols];
			double squares = 0;
			int nonZero = 0;
			for (int r = start; r < end; r++) {
				double sum = 0;
				final int offset = (r - start) * stride;
				for (int j = 0; j < cols; j++) {
					final double v = tile[offset + j];
					if (!Double.isFinite(v) || poisson && v < 0) {
						final int pixel = pixelGram ? j : r, channel = pixelGram ? r : j;
						throw new IllegalArgumentException(String.format(Double.isFinite(v) ? NEGATIVE : NOT_FINITE, value(v), pixel, channel));
					}
					sum += v;
					sums[j] += v;
					squares += v * v;
					nonZero += v != 0 ? 1 : 0;
				}
				rowSums[r] = sum;
			}
			partialCols[c] = sums;
			partialSquares[c] = squares;
			if (sparse != null && nonZero <= SparseRows.most(end - start, cols)) sparse[c] = SparseRows.of(tile, end - start, cols, stride, nonZero);
			progress.add(end - start, "Reading spectra");
		});
		double total = 0;
		for (int c = 0; c < partialCols.length; c++) {
			for (int j = 0; j < cols; j++)
				colSums[j] += partialCols[c][j];
			total += partialSquares[c];
		}
		return total;
	}

	/**
	 * @param v a value of a spectrum
	 * @return it as messages show it: as a 32-bit float when it is one (so ImageJ's values read as typed),
	 *         else in full
	 */
	public static String value(final double v) {
		final float f = (float) v;
		return f == v || Double.isNaN(v) ? Float.toString(f) : Double.toString(v);
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

	/**
	 * The map from a spectrum to its loadings, as fitted: loading k of spectrum x is
	 * {@code sum_c x_c P[c][k]} (see {@link Projection#project}).
	 * Without Poisson normalisation P is the factors with at least as many pixels as channels, the factors
	 * divided by s_k^2 otherwise; with it, each channel's row is further divided by the channel's sum
	 * ({@link #channelSums()}).
	 *
	 * @param count how many leading components, 1..{@link #components()}
	 * @return P, m x count row-major (channel c, component k at {@code c * count + k})
	 */
	public double[] projection(final int count) {
		final double[] rows = leadingRows(count);
		final double[] out = new double[channels * count];
		for (int k = 0; k < count; k++)
			for (int c = 0; c < channels; c++)
				out[c * count + k] = rows[k * channels + c];
		return out;
	}

	/** @return the sum of every channel over the pixels, the Poisson weights as fitted; null without Poisson */
	public double[] channelSums() {
		return channelSums == null ? null : channelSums.clone();
	}

	/**
	 * @return whether {@link #loadings} are exactly {@link #project(Spectra, int, TaskRunner)} of the
	 *         spectra (at least as many pixels as channels); otherwise they are the Gram matrix's
	 *         eigenvectors, which the projection reproduces to rounding
	 */
	public boolean loadingsAreProjections() {
		return !pixelGram;
	}

	private double[] leadingRows(final int count) {
		if (count < 1 || count > components) throw new IllegalArgumentException("Expected 1 to " + components + " components, got " + count + ".");
		return java.util.Arrays.copyOf(projection, count * channels);
	}

	private double[] leading(final double[] all, final int rows, final int count) {
		if (count < 1 || count > components) throw new IllegalArgumentException("Expected 1 to " + components + " components, got " + count + ".");
		final double[] out = new double[rows * count];
		for (int i = 0; i < rows; i++)
			System.arraycopy(all, i * components, out, i * count, count);
		return out;
	}
}
