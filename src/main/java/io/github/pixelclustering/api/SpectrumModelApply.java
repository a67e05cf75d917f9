package io.github.pixelclustering.api;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.PixelDraw;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.ClusterSignals;
import io.github.pixelclustering.spectrum.Decomposition;
import io.github.pixelclustering.spectrum.Projection;

import java.util.List;
import java.util.concurrent.CancellationException;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;

/**
 * {@link SpectrumClusteringModel#apply}: one pass over the pixels in blocks (each block's spectra read
 * into one tile per task, mapped to features, assigned, and measured against the centroids; no feature
 * matrix of the whole image is kept), then the cluster spectra as the fit computes them.
 */
final class SpectrumModelApply {

	/** Values per tile of spectra (2 MB of doubles), when the channels are the features. */
	private static final int TILE = 1 << 18;
	/** Pixels per block of the fingerprint (read a channel at a time: no tile). */
	private static final int PROJECTED_BLOCK = 2048;
	/** Bytes of a block's sums when the features are projections: about half the core's second-level cache. */
	private static final int PROJECTED_BYTES = 1 << 19;

	private SpectrumModelApply() {}

	static SpectrumClusteringResult apply(final SpectrumClusteringModel model, final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final ProgressListener listener) {
		final TaskRunner runner = ParallelTasks.current();
		final int width = (int) channels.get(0).dimension(0);
		final int height = channels.get(0).numDimensions() > 1 ? (int) channels.get(0).dimension(1) : 1;
		for (final RandomAccessibleInterval<? extends RealType<?>> c : channels)
			if (c.numDimensions() > 2 || c.dimension(0) != width || (c.numDimensions() > 1 ? c.dimension(1) : 1) != height) throw new IllegalArgumentException(String.format(SpectrumClustering.BAD_CHANNELS, c.dimension(0) + " x " + (c.numDimensions() > 1 ? c.dimension(1) : 1)));
		final boolean[] inside = SpectrumClustering.inside(mask, width, height);
		int n = 0;
		for (final boolean b : inside)
			if (b) n++;
		if (n == 0) throw new IllegalArgumentException(SpectrumClustering.EMPTY_MASK);
		final int[] pixels = new int[n];
		for (int i = 0, j = 0; i < inside.length; i++)
			if (inside[i]) pixels[j++] = i;
		final int first = model.firstChannel, m = model.lastChannel - first + 1;
		final int d = model.dimensions, k = model.clusters, c = model.components;
		// phases: features and assignment (a read, a projection and k distances per value), cluster spectra
		final double perPixel = m * (SpectrumWork.READ + c) + 3.0 * k * d;
		final double spectra = model.modelSpectra ? (double) k * m * c : SpectrumWork.READ * channels.size();
		final Phases phases = new Phases(listener, n * perPixel, n * spectra);
		final SharedProgress progress = new SharedProgress(phases.next("Labelling " + n + " spectra with the model"), n);
		final ViewSpectra x = new ViewSpectra(channels.subList(first, first + m), pixels, width * height, runner);
		final int[] searchOrder = new int[k];
		for (int j = 0; j < k; j++)
			searchOrder[j] = model.searchOrder[j] - 1;
		final int[] labels = new int[n];
		final double[] distances = new double[n * k];
		final double[] loadings = model.modelSpectra ? new double[n * c] : null;
		final Chunks chunks = Chunks.of(n, model.projection != null ? projectedBlock(n, c, runner.parallelism()) : Math.max(64, TILE / m));
		final long[] hashes = new long[chunks.count()];
		final boolean hashing = model.trainingLabels != null;
		chunks.forEach(runner, (b, start, end) -> {
			if (progress.isCanceled()) throw new CancellationException("Canceled");
			final int len = end - start;
			// per pixel of the block its hash, then its loadings (c) or channels (m), value j of pixel p at j * len + p
			final BlockHashes hash = hashing ? new BlockHashes(pixels, start, end) : null;
			final double[] block = model.projection != null ? projected(model, x, start, end, hash) : channels(model, x, start, end, hash);
			final int values = model.projection != null ? c : m;
			final double[] f = new double[d];
			for (int i = start; i < end; i++) {
				final int p = i - start;
				for (int j = 0; j < values; j++)
					f[j] = block[j * len + p];
				if (loadings != null && model.projection != null) System.arraycopy(f, 0, loadings, i * c, c);
				model.preprocessing.applyRow(f, 0, d, model.scaling);
				labels[i] = searchOrder[model.nearest.nearest(f, 0)];
				ClusterAnalysis.distances(f, 0, model.centroids, k, d, distances, i * k);
			}
			if (hashing) hashes[b] = hash.sum();
			progress.add(end - start, "Labelling spectra with the model");
		});
		// the training map (same pixels, same values) gets the fit's own labels back
		final boolean training = model.trainingLabels != null && model.trainingLabels.length == n && combine(hashes, n, width, height) == model.fingerprint;
		if (training) System.arraycopy(model.trainingLabels, 0, labels, 0, n);
		final ClusterAnalysis.Result fit = ClusterAnalysis.Result.assigned(labels, distances, k, d, model.centroids.clone(), model.centres.clone(), searchOrder);
		final ProgressListener signalProgress = phases.next("Cluster spectra");
		final int[] raster = new int[width * height];
		java.util.Arrays.fill(raster, -1);
		for (int i = 0; i < n; i++)
			raster[pixels[i]] = labels[i];
		final int[] centroidPixels = fit.centroidPixels();
		for (int l = 0; l < k; l++)
			centroidPixels[l] = pixels[centroidPixels[l]];
		final ClusterSignals signals = model.modelSpectra //
			? ClusterSignals.ofModel(loadings, model.factors, c, labels, k, fit.centroidPixels()) //
			: ClusterSignals.of(new ViewSpectra(channels, null, width * height, runner), raster, k, centroidPixels, runner, signalProgress);
		final SpectrumClustering.Features features = new SpectrumClustering.Features(width, height, channels.size(), inside, pixels, null, null, d, model.scaling.clone());
		features.loadings = loadings;
		features.components = c;
		features.automatic = model.componentsAutomatic;
		phases.done("Model applied");
		final SpectrumClusteringResult result = new SpectrumClusteringResult(features, fit, raster, centroidPixels, signals);
		result.trainingMap = training;
		return result;
	}

	/**
	 * Pixels per block when the features are projections: as many as keep the block's sums (a row and
	 * the Poisson sums too) within {@link #PROJECTED_BYTES}, a power of two from 1024, and at most an
	 * even share of the pixels per thread. Long stretches of each channel are read at a time (measured,
	 * 128 x 128 x 1024, 5 components, 2 threads: the labelling 10 to 12 ms with 8192 pixels a block,
	 * 14 ms with 2048); the results do not depend on it.
	 */
	static int projectedBlock(final int n, final int components, final int threads) {
		int block = 1024;
		while (2L * block * 8 * (components + 2) <= PROJECTED_BYTES && 2L * block <= (n + threads - 1) / threads)
			block *= 2;
		return block;
	}

	/**
	 * The loadings of a block of pixels, read a channel at a time (each channel's values checked, hashed
	 * and projected while they are in the cache: the block's spectra are never held together).
	 *
	 * @param hash per pixel of the block its hash so far, or null; the channels are mixed in
	 * @return loading j of pixel p of the block at {@code j * (end - start) + p}
	 */
	private static double[] projected(final SpectrumClusteringModel model, final ViewSpectra x, final int start, final int end, final BlockHashes hash) {
		final int len = end - start, m = model.lastChannel - model.firstChannel + 1;
		final Projection.Block projection = new Projection.Block(model.projection, m, model.components, model.poisson, len);
		// four channels at a time (the last m % 4 one at a time)
		final double[][] rows = new double[4][len];
		final int grouped = m - m % 4;
		for (int ch = 0; ch < m; ch++) {
			final double[] row = rows[ch < grouped ? ch % 4 : 0];
			x.read(ch, start, end, row, 0, 1);
			if (model.poisson) check(model, row, 0, len, start, ch);
			if (hash != null) hash.mixIn(row, 0, x.floats(ch));
			if (ch >= grouped) projection.add(ch, row);
			else if (ch % 4 == 3) projection.add(ch - 3, rows[0], rows[1], rows[2], rows[3]);
		}
		final double[] out = new double[model.components * len];
		projection.finish(out);
		// a value that is not finite makes its pixel's loadings not finite (0 x infinity is NaN): only
		// then are the values searched for it, to name it
		boolean finite = true;
		for (final double v : out)
			finite &= Double.isFinite(v);
		if (!finite) for (int ch = 0; ch < m; ch++) {
			x.read(ch, start, end, rows[0], 0, 1);
			check(model, rows[0], 0, len, start, ch);
		}
		return out;
	}

	/**
	 * The channels of a block of pixels as its features (no decomposition), checked and hashed.
	 *
	 * @param hash per pixel of the block its hash so far, or null; the channels are mixed in
	 * @return channel j of pixel p of the block at {@code j * (end - start) + p}
	 */
	private static double[] channels(final SpectrumClusteringModel model, final ViewSpectra x, final int start, final int end, final BlockHashes hash) {
		final int len = end - start, m = model.lastChannel - model.firstChannel + 1;
		final double[] tile = new double[len * m];
		for (int ch = 0; ch < m; ch++) {
			x.read(ch, start, end, tile, ch * len, 1);
			check(model, tile, ch * len, len, start, ch);
			if (hash != null) hash.mixIn(tile, ch * len, x.floats(ch));
		}
		return tile;
	}

	/** Refuses a value that is not finite, or negative with Poisson normalisation, naming its pixel and channel. */
	private static void check(final SpectrumClusteringModel model, final double[] values, final int offset, final int len, final int start, final int ch) {
		for (int p = 0; p < len; p++) {
			final double v = values[offset + p];
			if (!Double.isFinite(v) || model.poisson && v < 0) throw new IllegalArgumentException(String.format(Double.isFinite(v) ? Decomposition.NEGATIVE : Decomposition.NOT_FINITE, Decomposition.value(v), start + p, model.firstChannel + ch));
		}
	}

	/**
	 * The hashes of the pixels {@code pixels[start..end)} of a block: each starts from its raster
	 * position, then each channel's values are mixed in ({@link BlockHashes#mixIn}), channels in order, and the
	 * hashes are summed.
	 */
	private static final class BlockHashes {

		private final long[] hash;
		/** The bits of one channel's values, when they are floats. */
		private final long[] bits;

		BlockHashes(final int[] pixels, final int start, final int end) {
			hash = new long[end - start];
			bits = new long[end - start];
			for (int p = 0; p < hash.length; p++)
				hash[p] = mix(pixels[start + p] + 1L);
		}

		/**
		 * Mixes the next channel's values into the hashes: the bits of a value as a 32-bit float when it
		 * is one (the values of 8-, 16- and 32-bit images), else its 64 bits.
		 *
		 * @param values the channel's value of every pixel of the block, pixel p at {@code offset + p}
		 * @param floats whether every value is known to be a 32-bit float (read from an 8-, 16- or 32-bit
		 *        channel): then the bits are taken in a loop of their own and mixed in a loop the JIT
		 *        compiles to vector instructions (the same hashes, several times faster)
		 */
		void mixIn(final double[] values, final int offset, final boolean floats) {
			final int len = hash.length;
			if (!floats) {
				for (int p = 0; p < len; p++)
					hash[p] = mix(hash[p] ^ bits(values[offset + p]));
				return;
			}
			// floatToRawIntBits differs from floatToIntBits only for NaN, which no map that is hashed
			// holds (its pixel is refused before the hash is used)
			for (int p = 0; p < len; p++)
				bits[p] = Float.floatToRawIntBits((float) values[offset + p]);
			for (int p = 0; p < len; p++)
				hash[p] = mix(hash[p] ^ bits[p]);
		}

		long sum() {
			long sum = 0;
			for (final long h : hash)
				sum += h;
			return sum;
		}
	}

	/** @return the bits of a value as a 32-bit float when it is one, else its 64 bits */
	private static long bits(final double v) {
		final float f = (float) v;
		return f == v ? Float.floatToIntBits(f) : Double.doubleToLongBits(v);
	}

	/**
	 * A fingerprint of the spectra of a map over the model's channel range: the pixels analysed, their
	 * raster positions and every value's bits, independent of the order the pixels are read in (the
	 * pixels' hashes are summed).
	 *
	 * @param channels one view per channel of the map
	 * @param pixels raster indices of the pixels analysed
	 * @param first first channel of the range
	 * @param m channels in the range
	 * @return the fingerprint
	 */
	static long fingerprint(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final int[] pixels, final int first, final int m, final int width, final int height, final TaskRunner runner) {
		final ViewSpectra x = new ViewSpectra(channels.subList(first, first + m), pixels, width * height, runner);
		final Chunks chunks = Chunks.of(pixels.length, PROJECTED_BLOCK);
		final long[] hashes = new long[chunks.count()];
		chunks.forEach(runner, (b, start, end) -> {
			final BlockHashes hash = new BlockHashes(pixels, start, end);
			final double[] row = new double[end - start];
			for (int ch = 0; ch < m; ch++) {
				x.read(ch, start, end, row, 0, 1);
				hash.mixIn(row, 0, x.floats(ch));
			}
			hashes[b] = hash.sum();
		});
		return combine(hashes, pixels.length, width, height);
	}

	private static long combine(final long[] hashes, final int n, final int width, final int height) {
		long sum = mix(((long) width << 32) ^ height) + mix(n);
		for (final long h : hashes)
			sum += h;
		return mix(sum);
	}

	/** SplitMix64's finaliser ({@link PixelDraw#mix}). */
	private static long mix(final long value) {
		return PixelDraw.mix(value);
	}
}
