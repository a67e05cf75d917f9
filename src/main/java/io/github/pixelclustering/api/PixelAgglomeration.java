package io.github.pixelclustering.api;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.hkmeans.HierarchicalKMeans;
import io.github.pixelclustering.kmeans.KMeans;
import io.github.pixelclustering.kmeans.KMeansResult;
import io.github.pixelclustering.kmeans.KMeansSettings;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.ward.GridGraph;
import io.github.pixelclustering.ward.WardTree;
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
 * Pixel agglomeration of ImgLib2 images: groups the pixels (or voxels) of a 2D or 3D grid whose profiles
 * over a set of samples are alike into spatially connected clusters, scikit-learn's
 * {@code FeatureAgglomeration(connectivity=grid_to_graph(...), linkage="ward")}.
 * <p>
 * Input: one image per sample, all with the same 2D or 3D interval (space), and an optional mask of that
 * interval. Clusters are numbered 1..k by decreasing pixel count (ties: the cluster whose first pixel in
 * raster order comes first). The merge tree is kept: {@link PixelAgglomerationResult#cut(int)} gives another number of
 * clusters without clustering again. Inputs are only read.
 * <p>
 * Threading: through ImgLib2's {@code Parallelization} of the calling thread; results are identical for
 * any number of threads.
 */
public final class PixelAgglomeration {

	/** Message when clusters is out of range: pixels, clusters. */
	public static final String TOO_MANY_CLUSTERS = "clusters must be between 1 and the number of pixels clustered (%d), got %d.";
	/** Message when neither clusters nor a distance threshold says where to cut: clusters, threshold. */
	public static final String NO_CUT = "Give clusters >= 1, or clusters=0 with distance_threshold > 0 (method=ward), got clusters=%d and distance_threshold=%s.";
	/** Message when both clusters and a distance threshold are given: clusters, threshold. */
	public static final String BOTH_CUTS = "Give clusters or distance_threshold, not both: with distance_threshold > 0, clusters must be 0, got clusters=%d and distance_threshold=%s.";
	/** Message for a distance threshold with a method that builds no tree: method, threshold. */
	public static final String THRESHOLD_NEEDS_WARD = "distance_threshold cuts the Ward tree: it needs method=ward, got method=%s and distance_threshold=%s.";
	/** Message for a bad distance threshold: threshold. */
	public static final String BAD_THRESHOLD = "distance_threshold must be finite and >= 0 (0 = cut by clusters), got %s.";
	/** Message when the mask holds no pixel. */
	public static final String EMPTY_MASK = "The selection or mask contains no pixels.";
	/** Message for NaN or infinite values: value, position. */
	public static final String NOT_FINITE = "Pixel values must be finite, got %s at %s.";
	/** Message when the samples are not one 2D or 3D interval: what was received. */
	public static final String BAD_SPACE = "Every sample must be the same 2D or 3D image, got %s.";

	private PixelAgglomeration() {}

	/** Agglomeration method. */
	public enum Method {
		/** Ward linkage with connectivity: {@link WardTree}. */
		WARD("ward"),
		/** nilearn's two-level mini-batch k-means: {@link HierarchicalKMeans} (no connectivity). */
		HKMEANS("hkmeans"),
		/** k-means of the pixel profiles: {@link KMeans} (no connectivity). */
		KMEANS("kmeans");

		private final String label;

		Method(final String label) {
			this.label = label;
		}

		/** @return the name used in dialogs and macros */
		public String label() {
			return label;
		}

		/** @return the method named {@code label} (case-insensitive) */
		public static Method of(final String label) {
			for (final Method m : values())
				if (m.label.equalsIgnoreCase(label)) return m;
			throw new IllegalArgumentException("method must be " + Arrays.stream(values()).map(Method::label).reduce((a, b) -> a + " or " + b).orElse("") + ", got \"" + label + "\".");
		}
	}

	/** What to compute; immutable, with defaults for the k-means options (nilearn's for hkmeans). */
	public static final class Settings {

		private final int clusters;
		private final Method method;
		private final int connectivity;
		private double distanceThreshold;
		private int batchSize = 1000;
		private int restarts = 10;
		private int maxNoImprovement = 10;
		private long seed;
		private MiniBatchSettings.Init init = MiniBatchSettings.Init.K_MEANS_PLUS_PLUS;
		private int lloydIterations = HierarchicalKMeans.DEFAULT_LLOYD_ITERATIONS;
		private boolean scaling;
		private boolean connected;

		/**
		 * @param clusters number of clusters k; 0 with a distance threshold
		 *        ({@link #withDistanceThreshold})
		 * @param method the method
		 * @param connectivity 4 or 8 for 2D space; 6, 18 or 26 for 3D space (ward, and connected)
		 */
		public Settings(final int clusters, final Method method, final int connectivity) {
			this.clusters = clusters;
			this.method = method;
			this.connectivity = connectivity;
		}

		private Settings copy() {
			final Settings s = new Settings(clusters, method, connectivity);
			s.distanceThreshold = distanceThreshold;
			s.batchSize = batchSize;
			s.restarts = restarts;
			s.maxNoImprovement = maxNoImprovement;
			s.seed = seed;
			s.init = init;
			s.lloydIterations = lloydIterations;
			s.scaling = scaling;
			s.connected = connected;
			return s;
		}

		/**
		 * @param batch mini-batch size (hkmeans), >= 1
		 * @param starts initialisations per k-means (n_init), >= 1
		 * @param noImprovement mini-batch early stopping (hkmeans), >= 0
		 * @param randomSeed the seed of every k-means
		 * @param initialisation how every k-means picks its first centres: k-means++ or k distinct
		 *        profiles drawn at random (hkmeans, kmeans)
		 * @return these settings with those k-means options
		 */
		public Settings withKMeans(final int batch, final int starts, final int noImprovement, final long randomSeed, final MiniBatchSettings.Init initialisation) {
			if (batch < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batch + ".");
			if (starts < 1) throw new IllegalArgumentException("restarts must be >= 1, got " + starts + ".");
			if (noImprovement < 0) throw new IllegalArgumentException("max_no_improvement must be >= 0, got " + noImprovement + ".");
			final Settings s = copy();
			s.batchSize = batch;
			s.restarts = starts;
			s.maxNoImprovement = noImprovement;
			s.seed = randomSeed;
			s.init = initialisation;
			return s;
		}

		/**
		 * Cuts the Ward tree by distance instead of into a number of clusters, as scikit-learn's
		 * {@code FeatureAgglomeration(n_clusters=None, distance_threshold=t, compute_full_tree=True)}:
		 * the number of clusters is one more than the number of merges whose distance
		 * ({@link WardTree#distance}, scikit-learn's {@code distances_}) is at least {@code t}
		 * ({@link WardTree#clustersAt}), and the tree is cut into that many. Give {@code clusters} 0.
		 *
		 * @param threshold the distance, > 0; 0 cuts by {@code clusters} again
		 * @return these settings with that threshold
		 * @throws IllegalArgumentException for a negative or non-finite threshold, a threshold with
		 *         {@code clusters} other than 0 or with a method other than ward
		 */
		public Settings withDistanceThreshold(final double threshold) {
			if (!(threshold >= 0) || Double.isInfinite(threshold)) throw new IllegalArgumentException(String.format(BAD_THRESHOLD, threshold));
			if (threshold > 0 && method != Method.WARD) throw new IllegalArgumentException(String.format(THRESHOLD_NEEDS_WARD, method.label(), threshold));
			if (threshold > 0 && clusters != 0) throw new IllegalArgumentException(String.format(BOTH_CUTS, clusters, threshold));
			final Settings s = copy();
			s.distanceThreshold = threshold;
			return s;
		}

		/**
		 * @param iterations full k-means (Lloyd) iterations after every mini-batch k-means (hkmeans), >= 0;
		 *        when > 0 the k-means++ seeding also takes {@link HierarchicalKMeans#POLISHED_SEEDING_TRIALS}
		 *        candidates per centre; 0 = nilearn's algorithm exactly (see
		 *        {@link MiniBatchSettings#lloydIterations()})
		 * @return these settings with that option
		 */
		public Settings withLloydIterations(final int iterations) {
			if (iterations < 0) throw new IllegalArgumentException("lloyd_iterations must be >= 0, got " + iterations + ".");
			final Settings s = copy();
			s.lloydIterations = iterations;
			return s;
		}

		/**
		 * @param value whether {@code transform} multiplies every cluster mean by sqrt(cluster size)
		 *        (nilearn's {@code scaling}; inverse_transform divides again)
		 * @return these settings with that option
		 */
		public Settings withScaling(final boolean value) {
			final Settings s = copy();
			s.scaling = value;
			return s;
		}

		/**
		 * @param value whether every cluster is split into its spatially connected parts (kmeans, hkmeans)
		 * @return these settings with that option
		 */
		public Settings withConnected(final boolean value) {
			final Settings s = copy();
			s.connected = value;
			return s;
		}

		/** @return number of clusters; 0 when the tree is cut by {@link #distanceThreshold()} */
		public int clusters() {
			return clusters;
		}

		/** @return the distance at which the Ward tree is cut, or 0 to cut it into {@link #clusters()} */
		public double distanceThreshold() {
			return distanceThreshold;
		}

		/** @return the method */
		public Method method() {
			return method;
		}

		/** @return the neighbourhood */
		public int connectivity() {
			return connectivity;
		}

		/** @return whether transform scales by sqrt(size) */
		public boolean scaling() {
			return scaling;
		}

		/** @return whether clusters are split into connected parts */
		public boolean connected() {
			return connected;
		}
	}

	/**
	 * Clusters the pixels.
	 *
	 * @param samples one image per sample, all with the same 2D or 3D interval
	 * @param mask which pixels to cluster (same interval), or null for all
	 * @param settings what to compute
	 * @param listener progress and cancellation
	 * @return the clustering
	 * @throws IllegalArgumentException with one of the messages of this class
	 */
	public static PixelAgglomerationResult agglomerate(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> samples, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Settings settings, final ProgressListener listener) {
		if (samples.isEmpty()) throw new IllegalArgumentException(String.format(BAD_SPACE, "no samples"));
		final RandomAccessibleInterval<? extends RealType<?>> first = samples.get(0);
		if (first.numDimensions() != 2 && first.numDimensions() != 3) throw new IllegalArgumentException(String.format(BAD_SPACE, first.numDimensions() + "D images"));
		for (final RandomAccessibleInterval<? extends RealType<?>> s : samples)
			if (!Intervals.equalDimensions(first, s)) throw new IllegalArgumentException(String.format(BAD_SPACE, "sizes " + Arrays.toString(first.dimensionsAsLongArray()) + " and " + Arrays.toString(s.dimensionsAsLongArray())));
		if (mask != null && !Intervals.equalDimensions(first, mask)) throw new IllegalArgumentException(String.format(BAD_SPACE, "a mask of size " + Arrays.toString(mask.dimensionsAsLongArray()) + " for images of size " + Arrays.toString(first.dimensionsAsLongArray())));
		final int[] dims = Arrays.stream(first.dimensionsAsLongArray()).mapToInt(v -> (int) v).toArray();
		final long size = Intervals.numElements(first);
		if (size > Integer.MAX_VALUE / 2) throw new IllegalArgumentException(String.format(BAD_SPACE, size + " pixels per sample (at most " + Integer.MAX_VALUE / 2 + ")"));
		final TaskRunner runner = ParallelTasks.current();
		final Phases phases = phases(listener, settings, mask != null);

		// the masked pixels, in raster order
		final boolean[] inside = mask == null ? null : new boolean[(int) size];
		int n = (int) size;
		if (mask == null) phases.skip();
		else {
			phases.next("Reading the mask");
			n = 0;
			final Cursor<? extends BooleanType<?>> c = Views.flatIterable(mask).cursor();
			for (int p = 0; p < size; p++)
				if (inside[p] = c.next().get()) n++;
			if (n == 0) throw new IllegalArgumentException(EMPTY_MASK);
		}
		final boolean byDistance = settings.distanceThreshold > 0;
		if (settings.clusters() == 0 && !byDistance) throw new IllegalArgumentException(String.format(NO_CUT, settings.clusters(), settings.distanceThreshold));
		if (!byDistance && (settings.clusters() < 1 || settings.clusters() > n)) throw new IllegalArgumentException(String.format(TOO_MANY_CLUSTERS, n, settings.clusters()));

		// pixel profiles, one row per masked pixel; samples are read in parallel
		final int d = samples.size();
		final double[] x = PixelProfiles.read(samples, inside, n, dims, runner, phases.next("Reading profiles: " + d + " samples of " + n + " pixels"));
		listener.checkCanceled();
		final FeatureMatrix matrix = new FeatureMatrix(x, n, d);
		int k = settings.clusters();
		GridGraph graph = null;
		WardTree tree = null;
		int[] labels;
		int found;
		// k-means and hkmeans fits: how they assign new pixels, once the clusters are numbered
		KMeansResult kmeans = null;
		int[] compacted = null;
		HierarchicalKMeans.Result hkmeans = null;
		switch (settings.method()) {
			case WARD:
				graph = GridGraph.grid(dims, inside, settings.connectivity(), runner, phases.next("Building the pixel graph"));
				tree = WardTree.build(matrix, graph, runner, phases.next("Ward tree of " + n + " pixels"));
				if (byDistance) k = tree.clustersAt(settings.distanceThreshold);
				phases.next("Cutting the Ward tree into " + k + " clusters" + (byDistance ? " (distance_threshold=" + settings.distanceThreshold + ")" : ""));
				labels = tree.cut(k);
				found = k;
				break;
			case HKMEANS: {
				phases.skip();
				final HierarchicalKMeans.Result fit = HierarchicalKMeans.fit(matrix, new HierarchicalKMeans.Settings(k, settings.batchSize, settings.restarts, settings.maxNoImprovement, settings.seed, settings.init, settings.lloydIterations), runner, phases.next("hkmeans of " + n + " pixels into " + k + " clusters"));
				labels = fit.labels();
				found = fit.clusters();
				hkmeans = fit;
				break;
			}
			default: {
				phases.skip();
				final KMeansResult fit = KMeans.fit(matrix, null, KMeansSettings.builder(k).restarts(settings.restarts).seed(settings.seed).init(settings.init).build(), runner, phases.next("k-means of " + n + " pixels into " + k + " clusters"));
				labels = fit.labels();
				compacted = compact(labels, k);
				found = 0;
				for (final int l : compacted)
					found = Math.max(found, l + 1);
				kmeans = fit;
				break;
			}
		}
		if (settings.method() != Method.WARD) phases.skip(); // no tree to cut
		if (settings.connected() && settings.method() != Method.WARD) {
			graph = GridGraph.grid(dims, inside, settings.connectivity(), runner, phases.next("Building the pixel graph"));
			phases.next("Splitting clusters into connected parts");
			found = splitConnected(labels, graph);
		}
		else {
			phases.skip();
			phases.skip();
		}
		phases.next("Summarising " + found + " clusters");
		final PixelAgglomerationResult result = new PixelAgglomerationResult(dims, inside, matrix, tree, labels, found, settings.scaling(), runner);
		if (!settings.connected() && kmeans != null) {
			final int[] numbering = new int[compacted.length];
			for (int c = 0; c < numbering.length; c++)
				numbering[c] = compacted[c] < 0 ? -1 : result.numbering[compacted[c]];
			result.centres = ProfileCentres.ofKMeans(kmeans, numbering);
		}
		if (!settings.connected() && hkmeans != null) result.centres = ProfileCentres.ofHierarchical(hkmeans, d, result.numbering);
		phases.done("Pixel agglomeration done: " + found + " clusters");
		return result;
	}

	/**
	 * The phases of a run, weighted by their usual share of the time: mask, profiles, graph (ward), fit,
	 * cut (ward), graph and split (connected), summary.
	 */
	private static Phases phases(final ProgressListener listener, final Settings settings, final boolean mask) {
		final boolean ward = settings.method() == Method.WARD;
		final boolean split = settings.connected() && !ward;
		final double fit = ward ? 200 : 50;
		return new Phases(listener, mask ? 0.2 : 0, 1, ward ? 2 : 0, fit, ward ? 2 : 0, split ? 2 : 0, split ? 1 : 0, 0.5);
	}

	/**
	 * Estimates the memory {@link #agglomerate} needs at its peak: pure arithmetic on the size of a run,
	 * for deciding before it starts whether it fits. The input images are not counted (they exist
	 * already).
	 * <p>
	 * It counts the pixel profiles ({@code 8 * samples} bytes per pixel), the mask and its numbering, and
	 * the method's own work: for ward {@link WardTree#memoryEstimate}; for hkmeans and kmeans figures
	 * measured on a 4000 x 3000 photo with 3, 6 and 12 samples (live heap at its peak, within 10%):
	 * hkmeans {@code 34 + samples / 2} bytes per pixel, kmeans {@code 52 + 8 * samples} with at most
	 * {@value KMeansSettings#KD_TREE_MAX_FEATURES} samples (its kd-tree copies the profiles) and 48 with
	 * more. A mask is recognised by {@code pixels < points}.
	 *
	 * @param points pixels (or voxels) of the whole image's space
	 * @param pixels how many of them are clustered (all, or those inside the mask)
	 * @param samples values per pixel
	 * @param settings method and connectivity
	 * @return bytes, approximately
	 */
	public static long memoryEstimate(final long points, final long pixels, final int samples, final Settings settings) {
		final boolean masked = pixels < points;
		final boolean graph = settings.method() == Method.WARD || settings.connected();
		long bytes = 16 + 8 * pixels * samples;
		if (masked) bytes += points + (graph ? 4 * (points + pixels) : 0);
		switch (settings.method()) {
			case WARD:
				return bytes + WardTree.memoryEstimate(pixels, samples, settings.connectivity());
			case HKMEANS:
				bytes += pixels * (34 + samples / 2);
				break;
			default:
				bytes += pixels * (samples <= KMeansSettings.KD_TREE_MAX_FEATURES ? 52 + 8 * samples : 48);
				break;
		}
		return settings.connected() ? bytes + 8 * pixels : bytes;
	}

	/**
	 * Renumbers labels 0..k-1 to consecutive numbers in the same order.
	 *
	 * @return {@code map[old] = new}, -1 for a label not used
	 */
	private static int[] compact(final int[] labels, final int k) {
		final int[] map = new int[k];
		Arrays.fill(map, -1);
		for (final int l : labels)
			map[l] = 0;
		int next = 0;
		for (int l = 0; l < k; l++)
			if (map[l] == 0) map[l] = next++;
		for (int i = 0; i < labels.length; i++)
			labels[i] = map[labels[i]];
		return map;
	}

	/**
	 * Splits every cluster into its connected parts in the graph (pixels of one cluster joined by edges).
	 *
	 * @param labels cluster of every vertex, replaced by its part, numbered in the order of first vertex
	 * @param graph the pixel graph
	 * @return number of parts
	 */
	static int splitConnected(final int[] labels, final GridGraph graph) {
		final int n = labels.length;
		final int[] part = new int[n];
		Arrays.fill(part, -1);
		final int[] stack = new int[n];
		final int[] around = new int[graph.maxDegree()];
		int next = 0;
		for (int s = 0; s < n; s++) {
			if (part[s] >= 0) continue;
			part[s] = next;
			int top = 0;
			stack[top++] = s;
			while (top > 0) {
				final int v = stack[--top];
				final int degree = graph.neighbours(v, around);
				for (int e = 0; e < degree; e++) {
					final int u = around[e];
					if (part[u] < 0 && labels[u] == labels[s]) {
						part[u] = next;
						stack[top++] = u;
					}
				}
			}
			next++;
		}
		System.arraycopy(part, 0, labels, 0, n);
		return next;
	}
}
