package io.github.pixelclustering.api;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.Pooling;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.kmeans.KMeans;
import io.github.pixelclustering.kmeans.KMeansResult;
import io.github.pixelclustering.kmeans.KMeansSettings;
import io.github.pixelclustering.kmeans.MiniBatchKMeans;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.imglib.ParallelTasks;

import java.util.Arrays;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * Clusters the images of a stack: every slice (or frame) is one sample, its pixels are its features,
 * as in scikit-learn's k-means-on-digits example. Optional mask: only the pixels inside it are features.
 * <p>
 * Clusters are numbered 1..k by decreasing number of slices (ties: lower k-means label first). Each
 * cluster's centre is an image: the mean of its slices. Inputs are only read. Threading through ImgLib2's
 * {@code Parallelization}; same seed, same clusters for any number of threads.
 */
public final class SliceClustering {

	/** Message for fewer than two slices: slices. */
	public static final String TOO_FEW_SLICES = "Cluster Slices needs a stack of at least 2 slices (or frames), got %d.";
	/** Message when clusters exceed the slices: slices, clusters. */
	public static final String TOO_MANY_CLUSTERS = "clusters must be between 1 and the number of slices (%d), got %d.";
	/** Message when slices differ in size: what was received. */
	public static final String BAD_SLICES = "Every slice must have the same size, got %s.";

	private SliceClustering() {}

	/** What to compute. */
	public static final class Settings {

		private final int clusters;
		private final ColourQuantization.Method method;
		private final int restarts;
		private final long seed;
		private final MiniBatchSettings.Init init;

		/**
		 * Settings with k-means++ initialisations.
		 *
		 * @param clusters number of clusters k
		 * @param method k-means or mini-batch
		 * @param restarts k-means++ initialisations (0 = 10 for k-means, 3 for mini-batch)
		 * @param seed random seed
		 */
		public Settings(final int clusters, final ColourQuantization.Method method, final int restarts, final long seed) {
			this(clusters, method, restarts, seed, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS);
		}

		/**
		 * @param clusters number of clusters k
		 * @param method k-means or mini-batch
		 * @param restarts initialisations (0 = 10 for k-means, 3 for mini-batch)
		 * @param seed random seed
		 * @param init how every initialisation picks its first centres: k-means++ or k distinct slices
		 *        drawn at random (scikit-learn's {@code init="random"})
		 */
		public Settings(final int clusters, final ColourQuantization.Method method, final int restarts, final long seed, final MiniBatchSettings.Init init) {
			if (init == null) throw new IllegalArgumentException("init must be k-means++ or random, got null.");
			if (restarts < 0) throw new IllegalArgumentException("restarts must be >= 0 (0 = default), got " + restarts + ".");
			this.clusters = clusters;
			this.method = method;
			this.restarts = restarts == 0 ? (method == ColourQuantization.Method.K_MEANS ? KMeansSettings.DEFAULT_RESTARTS : MiniBatchSettings.DEFAULT_RESTARTS) : restarts;
			this.seed = seed;
			this.init = init;
		}

		/** @return k */
		public int clusters() {
			return clusters;
		}

		/** @return the method */
		public ColourQuantization.Method method() {
			return method;
		}

		/** @return restarts actually used */
		public int restarts() {
			return restarts;
		}

		/** @return the seed */
		public long seed() {
			return seed;
		}

		/** @return how every initialisation picks its first centres */
		public MiniBatchSettings.Init init() {
			return init;
		}
	}

	/**
	 * @param slices the samples, each an image of the same size (2D, or 3D with channels as the last axis)
	 * @param mask which pixels are features (the size of a slice's first two axes), or null for all
	 * @param settings what to compute
	 * @param listener progress and cancellation
	 * @return the clustering
	 */
	public static Result cluster(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> slices, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Settings settings, final ProgressListener listener) {
		final int n = slices.size();
		if (n < 2) throw new IllegalArgumentException(String.format(TOO_FEW_SLICES, n));
		final int k = settings.clusters();
		if (k < 1 || k > n) throw new IllegalArgumentException(String.format(TOO_MANY_CLUSTERS, n, k));
		final RandomAccessibleInterval<? extends RealType<?>> first = slices.get(0);
		for (final RandomAccessibleInterval<? extends RealType<?>> s : slices)
			if (!Intervals.equalDimensions(first, s)) throw new IllegalArgumentException(String.format(BAD_SLICES, Arrays.toString(first.dimensionsAsLongArray()) + " and " + Arrays.toString(s.dimensionsAsLongArray())));
		final int plane = (int) (first.dimension(0) * first.dimension(1));
		final int channels = first.numDimensions() > 2 ? (int) first.dimension(2) : 1;
		final boolean[] inside = new boolean[plane];
		int pixels = plane;
		if (mask == null) Arrays.fill(inside, true);
		else {
			if (mask.dimension(0) != first.dimension(0) || mask.dimension(1) != first.dimension(1)) throw new IllegalArgumentException(String.format(BAD_SLICES, "a mask of size " + Arrays.toString(mask.dimensionsAsLongArray()) + " for slices of size " + Arrays.toString(first.dimensionsAsLongArray())));
			pixels = 0;
			final Cursor<? extends BooleanType<?>> c = Views.flatIterable(mask).cursor();
			for (int p = 0; p < plane; p++)
				if (inside[p] = c.next().get()) pixels++;
			if (pixels == 0) throw new IllegalArgumentException(PixelAgglomeration.EMPTY_MASK);
		}
		final int d = pixels * channels;
		// phases: reading, fit, summary
		final Phases phases = new Phases(listener, 1, 8, 0.3);
		final double[] x = features(slices, inside, d, phases.next("Reading " + n + " slices"));
		final FeatureMatrix matrix = new FeatureMatrix(x, n, d);
		final TaskRunner runner = ParallelTasks.current();
		final boolean kmeans = settings.method() == ColourQuantization.Method.K_MEANS;
		final ProgressListener fitting = phases.next((kmeans ? "k-means" : "mini-batch k-means") + " of " + n + " slices into " + k + " clusters");
		final KMeansResult fit = kmeans //
			? KMeans.fit(matrix, null, KMeansSettings.builder(k).restarts(settings.restarts()).seed(settings.seed()).init(settings.init()).build(), runner, fitting) //
			: MiniBatchKMeans.fit(matrix, null, MiniBatchSettings.builder(k).restarts(settings.restarts()).seed(settings.seed()).init(settings.init()).build(), runner, fitting);
		phases.next("Summarising " + k + " clusters");
		final Result result = new Result(fit, matrix, inside, channels, k, kmeans);
		phases.done("Slice clustering done");
		return result;
	}

	/**
	 * The features of every slice: its pixels inside the mask, in raster order, channel fastest.
	 *
	 * @param slices the slices, all of one size (2D, or 3D with channels as the last axis)
	 * @param inside the pixels of a slice's plane that are features
	 * @param d features per slice (pixels inside times channels)
	 * @param listener progress and cancellation
	 * @return slices x d, row-major
	 * @throws IllegalArgumentException on a NaN or infinite value
	 */
	static double[] features(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> slices, final boolean[] inside, final int d, final ProgressListener listener) {
		final int n = slices.size();
		final RandomAccessibleInterval<? extends RealType<?>> first = slices.get(0);
		final int plane = inside.length;
		final int channels = first.numDimensions() > 2 ? (int) first.dimension(2) : 1;
		final double[] x = new double[Math.multiplyExact(n, d)];
		for (int s = 0; s < n; s++) {
			listener.progress((double) s / n, "Reading slice " + (s + 1) + "/" + n);
			final Cursor<? extends RealType<?>> c = Views.flatIterable(slices.get(s)).cursor();
			for (int ch = 0; ch < channels; ch++) {
				int f = 0;
				for (int p = 0; p < plane; p++) {
					final double v = c.next().getRealDouble();
					if (!inside[p]) continue;
					if (!Double.isFinite(v)) throw new IllegalArgumentException(String.format(PixelAgglomeration.NOT_FINITE, v, "x=" + p % first.dimension(0) + ", y=" + p / first.dimension(0) + (channels > 1 ? ", channel " + (ch + 1) : "") + ", slice " + (s + 1)));
					x[s * d + f * channels + ch] = v;
					f++;
				}
			}
			if (s % 64 == 0) listener.checkCanceled();
		}
		return x;
	}

	/** @return the Euclidean distance of row {@code s} of x to row {@code j} of the centres, summed in feature order */
	static double euclidean(final double[] x, final int s, final double[] centres, final int j, final int d) {
		double sum = 0;
		for (int f = 0; f < d; f++) {
			final double diff = x[s * d + f] - centres[j * d + f];
			sum += diff * diff;
		}
		return Math.sqrt(sum);
	}

	/** The clusters of the slices. */
	public static final class Result {

		final boolean[] inside;
		final int channels;
		private final int k;
		private final int[] labels;
		private final double[] distances;
		private final int[] sizes;
		private final double inertia;
		/** k x d, row = label - 1. */
		final double[] centres;
		/** Label 1..k of k-means centre j (a fit), or null (a model applied). */
		final int[] searchOrder;
		/** Whether the fit was plain k-means (else mini-batch). */
		final boolean kmeans;

		Result(final KMeansResult fit, final FeatureMatrix x, final boolean[] inside, final int channels, final int k, final boolean kmeans) {
			this.inside = inside;
			this.channels = channels;
			this.k = k;
			this.kmeans = kmeans;
			final int[] map = Pooling.largestFirst(fit.labels(), k);
			final int n = x.rows();
			final int d = x.cols();
			this.labels = new int[n];
			this.distances = new double[n];
			final double[] kmeansCentres = fit.centres();
			for (int s = 0; s < n; s++) {
				final int label = fit.label(s);
				labels[s] = map[label] + 1;
				distances[s] = euclidean(x.data(), s, kmeansCentres, label, d);
			}
			this.sizes = new int[k];
			for (final int label : labels)
				sizes[label - 1]++;
			this.inertia = fit.inertia();
			this.centres = new double[k * d];
			this.searchOrder = new int[k];
			for (int j = 0; j < k; j++) {
				System.arraycopy(kmeansCentres, j * d, centres, map[j] * d, d);
				searchOrder[j] = map[j] + 1;
			}
		}

		/** A model applied: labels 1..k, distances to the model's centres (k x d by label). */
		Result(final int[] labels, final double[] distances, final double inertia, final double[] centres, final boolean[] inside, final int channels, final int k) {
			this.inside = inside;
			this.channels = channels;
			this.k = k;
			this.kmeans = false;
			this.labels = labels;
			this.distances = distances;
			this.inertia = inertia;
			this.centres = centres;
			this.searchOrder = null;
			this.sizes = new int[k];
			for (final int label : labels)
				sizes[label - 1]++;
		}

		/** @return whether this is a model applied to a stack (not a fit) */
		public boolean isApplied() {
			return searchOrder == null;
		}

		/** @return number of clusters */
		public int clusters() {
			return k;
		}

		/** @return number of slices */
		public int slices() {
			return labels.length;
		}

		/** @return the cluster (1..k) of slice {@code s} (0-based) */
		public int label(final int s) {
			return labels[s];
		}

		/** @return the Euclidean distance of slice {@code s} to its cluster's centre */
		public double distance(final int s) {
			return distances[s];
		}

		/** @return slices in cluster {@code label} (1..k) */
		public int size(final int label) {
			return sizes[label - 1];
		}

		/** @return the k-means inertia: the sum of squared distances of the slices to their centres */
		public double inertia() {
			return inertia;
		}

		/**
		 * @param label 1..k
		 * @return the centre as an image: {@code plane x channels} values, pixel-major in raster order of
		 *         the slice (channel fastest), 0 outside the mask
		 */
		public double[] centre(final int label) {
			final int d = centres.length / k;
			final double[] out = new double[inside.length * channels];
			int f = 0;
			for (int p = 0; p < inside.length; p++) {
				if (!inside[p]) continue;
				for (int ch = 0; ch < channels; ch++)
					out[p * channels + ch] = centres[(label - 1) * d + f * channels + ch];
				f++;
			}
			return out;
		}
	}
}
