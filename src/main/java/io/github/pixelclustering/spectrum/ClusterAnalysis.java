package io.github.pixelclustering.spectrum;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.kmeans.KMeans;
import io.github.pixelclustering.kmeans.KMeansResult;
import io.github.pixelclustering.kmeans.KMeansSettings;
import io.github.pixelclustering.kmeans.MiniBatchKMeans;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.ward.GridGraph;
import io.github.pixelclustering.ward.WardTree;
import io.github.pixelclustering.spectralclustering.SpectralClustering;
import io.github.pixelclustering.ward.AgglomerativeWard;

import java.util.Arrays;
import java.util.Locale;

/**
 * Clusters the (preprocessed) feature vectors of the pixels of a spectrum image, as HyperSpy 1.7.3's
 * {@code cluster_analysis}: the clustering itself, then clusters numbered by decreasing size, each
 * cluster's centroid (mean feature vector), every pixel's distance to every centroid, and the pixel
 * closest to each centroid.
 * <p>
 * HyperSpy means to number clusters largest first but applies the inverse permutation (see the
 * design notes); here cluster 0 is truly the largest, ties broken by the algorithm's own label order.
 */
public final class ClusterAnalysis {

	/** Message when k does not fit the data. */
	public static final String TOO_MANY_CLUSTERS = "The number of clusters must be between 1 and the number of pixels analysed (%d), got %d.";

	/** Message for an unknown algorithm name. */
	public static final String UNKNOWN_ALGORITHM = "algorithm must be k-means, mini-batch, agglomerative or spectral, got \"%s\".";

	/** Message when neither clusters nor a distance threshold says where to cut: clusters, threshold. */
	public static final String NO_CUT = "Give clusters >= 1, or clusters=0 with distance_threshold > 0 (algorithm=agglomerative), got clusters=%d and distance_threshold=%s.";
	/** Message when both clusters and a distance threshold are given: clusters, threshold. */
	public static final String BOTH_CUTS = "Give clusters or distance_threshold, not both: with distance_threshold > 0, clusters must be 0, got clusters=%d and distance_threshold=%s.";
	/** Message for a distance threshold with an algorithm that builds no tree: algorithm, threshold. */
	public static final String THRESHOLD_NEEDS_AGGLOMERATIVE = "distance_threshold cuts the Ward tree: it needs algorithm=agglomerative, got algorithm=%s and distance_threshold=%s.";
	/** Message for a bad distance threshold: threshold. */
	public static final String BAD_THRESHOLD = "distance_threshold must be finite and >= 0 (0 = cut by clusters), got %s.";

	/** The name of the user's algorithm in messages. */
	public static final String USER_DEFINED = "user-defined";

	/** Message when the user's algorithm returns wrong labels: k - 1, pixels, what it returned. */
	public static final String USER_LABELS = "The user-defined clustering must return a label 0..%d for each of the %d pixels, got %s.";

	/** Message for the user's algorithm with a distance threshold. */
	public static final String USER_THRESHOLD = "A user-defined clustering takes clusters, not distance_threshold, got distance_threshold=%s.";

	/** Message when the algorithm produced fewer clusters than asked. */
	public static final String FEWER_CLUSTERS = "The %s algorithm found only %d clusters of the %d asked for: the pixels have fewer distinct feature vectors than that.";

	/** Clustering algorithms. */
	public enum Algorithm {
		/** scikit-learn {@code KMeans}: k-means++ and Lloyd, best of the restarts. */
		KMEANS("k-means"),
		/** scikit-learn {@code MiniBatchKMeans}. */
		MINI_BATCH("mini-batch"),
		/** scikit-learn {@code AgglomerativeClustering} (Ward), optionally with grid connectivity. */
		AGGLOMERATIVE("agglomerative"),
		/** scikit-learn {@code SpectralClustering} on a 10-nearest-neighbour graph. */
		SPECTRAL("spectral");

		private final String label;

		Algorithm(final String label) {
			this.label = label;
		}

		/** @return the name used in dialogs and macros */
		public String label() {
			return label;
		}

		/**
		 * @param label a name as in {@link #label()}, any case
		 * @return the algorithm
		 */
		public static Algorithm of(final String label) {
			for (final Algorithm a : values())
				if (a.label.equals(label.trim().toLowerCase(Locale.ROOT))) return a;
			throw new IllegalArgumentException(String.format(UNKNOWN_ALGORITHM, label));
		}
	}

	/** What to cluster and how. */
	public static final class Settings {

		final int clusters;
		final Algorithm algorithm;
		final int restarts;
		final long seed;
		final GridGraph graph;
		final MiniBatchSettings.Init init;
		final double distanceThreshold;
		/** The user's algorithm in place of {@link #algorithm}, or null. */
		final UserClustering user;

		/**
		 * Settings whose k-means start from k-means++.
		 *
		 * @param clusters k
		 * @param algorithm the algorithm
		 * @param restarts restarts of k-means or mini-batch k-means; 0 for scikit-learn's default (10, 3)
		 * @param seed random seed
		 * @param graph connectivity of the pixels for {@link Algorithm#AGGLOMERATIVE}, or null for none
		 */
		public Settings(final int clusters, final Algorithm algorithm, final int restarts, final long seed, final GridGraph graph) {
			this(clusters, algorithm, restarts, seed, graph, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS);
		}

		/**
		 * @param clusters k
		 * @param algorithm the algorithm
		 * @param restarts restarts of k-means or mini-batch k-means; 0 for scikit-learn's default (10, 3)
		 * @param seed random seed
		 * @param graph connectivity of the pixels for {@link Algorithm#AGGLOMERATIVE}, or null for none
		 * @param init how every k-means or mini-batch k-means initialisation picks its first centres
		 *        (k-means++ or random); the other algorithms ignore it
		 */
		public Settings(final int clusters, final Algorithm algorithm, final int restarts, final long seed, final GridGraph graph, final MiniBatchSettings.Init init) {
			if (init == null) throw new IllegalArgumentException("init must be k-means++ or random, got null.");
			if (restarts < 0) throw new IllegalArgumentException("restarts must be >= 0 (0 = the algorithm's default), got " + restarts + ".");
			this.clusters = clusters;
			this.algorithm = algorithm;
			this.restarts = restarts;
			this.seed = seed;
			this.graph = graph;
			this.init = init;
			this.distanceThreshold = 0;
			this.user = null;
		}

		private Settings(final Settings s, final double distanceThreshold, final UserClustering user) {
			this.clusters = s.clusters;
			this.algorithm = s.algorithm;
			this.restarts = s.restarts;
			this.seed = s.seed;
			this.graph = s.graph;
			this.init = s.init;
			this.distanceThreshold = distanceThreshold;
			this.user = user;
		}

		/**
		 * Cuts the Ward tree of {@link Algorithm#AGGLOMERATIVE} by distance instead of into k clusters,
		 * as scikit-learn's {@code AgglomerativeClustering(n_clusters=None, distance_threshold=t)}: one
		 * cluster more than the merges at a distance >= t ({@link WardTree#clustersAt},
		 * {@link AgglomerativeWard#clustersAt}). Give {@code clusters} 0.
		 *
		 * @param threshold the distance, > 0; 0 cuts into {@code clusters} again
		 * @return these settings with that threshold
		 * @throws IllegalArgumentException for a negative or non-finite threshold, a threshold with
		 *         {@code clusters} other than 0 or with another algorithm
		 */
		public Settings withDistanceThreshold(final double threshold) {
			checkThreshold(clusters, algorithm, threshold);
			if (threshold > 0 && user != null) throw new IllegalArgumentException(String.format(USER_THRESHOLD, threshold));
			return new Settings(this, threshold, user);
		}

		/**
		 * Clusters with the user's algorithm instead of {@link #algorithm()} (HyperSpy's
		 * {@code cluster_analysis(algorithm=obj)}): it gets the features and k, and returns the labels.
		 *
		 * @param clustering the algorithm, or null for {@link #algorithm()} again
		 * @return these settings with that algorithm
		 * @throws IllegalArgumentException with a distance threshold (the user's algorithm takes k)
		 */
		public Settings withUserClustering(final UserClustering clustering) {
			if (clustering != null && distanceThreshold > 0) throw new IllegalArgumentException(String.format(USER_THRESHOLD, distanceThreshold));
			return new Settings(this, distanceThreshold, clustering);
		}

		/** @return the user's algorithm, or null */
		public UserClustering userClustering() {
			return user;
		}

		/** @return the algorithm's name in messages: its label, or "user-defined" */
		String name() {
			return user != null ? USER_DEFINED : algorithm.label();
		}

		/** @return the distance at which the Ward tree is cut, or 0 to cut it into {@link #clusters()} */
		public double distanceThreshold() {
			return distanceThreshold;
		}

		/** @return k */
		public int clusters() {
			return clusters;
		}

		/** @return the algorithm */
		public Algorithm algorithm() {
			return algorithm;
		}

		/** @return the restarts actually used by k-means (10) or mini-batch (3) when 0 was given */
		public int restarts() {
			if (restarts > 0) return restarts;
			return algorithm == Algorithm.MINI_BATCH ? MiniBatchSettings.DEFAULT_RESTARTS : KMeansSettings.DEFAULT_RESTARTS;
		}

		/** @return the seed */
		public long seed() {
			return seed;
		}

		/** @return how every k-means initialisation picks its first centres */
		public MiniBatchSettings.Init init() {
			return init;
		}
	}

	private ClusterAnalysis() {}

	/**
	 * Checks a distance threshold against the other settings (see {@link Settings#withDistanceThreshold}).
	 *
	 * @param clusters k, 0 with a threshold
	 * @param algorithm the algorithm
	 * @param threshold the distance threshold, 0 for none
	 * @throws IllegalArgumentException with {@link #BAD_THRESHOLD}, {@link #THRESHOLD_NEEDS_AGGLOMERATIVE} or
	 *         {@link #BOTH_CUTS}
	 */
	public static void checkThreshold(final int clusters, final Algorithm algorithm, final double threshold) {
		if (!(threshold >= 0) || Double.isInfinite(threshold)) throw new IllegalArgumentException(String.format(BAD_THRESHOLD, threshold));
		if (threshold > 0 && algorithm != Algorithm.AGGLOMERATIVE) throw new IllegalArgumentException(String.format(THRESHOLD_NEEDS_AGGLOMERATIVE, algorithm.label(), threshold));
		if (threshold > 0 && clusters != 0) throw new IllegalArgumentException(String.format(BOTH_CUTS, clusters, threshold));
	}

	/**
	 * Runs the clustering algorithm alone.
	 *
	 * @param x row-major n x d features
	 * @param n pixels
	 * @param d features
	 * @param settings what to do
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return a label 0..k-1 per pixel, in the algorithm's own numbering
	 */
	public static int[] labels(final double[] x, final int n, final int d, final Settings settings, final TaskRunner runner, final ProgressListener listener) {
		return run(x, n, d, settings, runner, listener).labels;
	}

	/** Labels in the algorithm's numbering, k, and the k-means centres (null for the other algorithms). */
	private static final class Run {

		final int[] labels;
		final double[] centres;
		final int clusters;

		Run(final int[] labels, final double[] centres, final int clusters) {
			this.labels = labels;
			this.centres = centres;
			this.clusters = clusters;
		}

		Run(final int[] labels, final double[] centres) {
			this(labels, centres, -1);
		}
	}

	private static Run run(final double[] x, final int n, final int d, final Settings settings, final TaskRunner runner, final ProgressListener listener) {
		final int k = settings.clusters;
		final FeatureMatrix matrix = new FeatureMatrix(x, n, d);
		if (settings.distanceThreshold > 0) {
			// the whole tree, cut where merges are at least the threshold apart
			if (settings.graph != null) {
				final WardTree tree = WardTree.build(matrix, settings.graph, runner, listener);
				final int found = tree.clustersAt(settings.distanceThreshold);
				return new Run(tree.cut(found), null, found);
			}
			final AgglomerativeWard tree = AgglomerativeWard.build(matrix, runner, listener);
			final int found = tree.clustersAt(settings.distanceThreshold);
			return new Run(tree.cut(found), null, found);
		}
		if (k == 0) throw new IllegalArgumentException(String.format(NO_CUT, k, settings.distanceThreshold));
		if (k < 1 || k > n) throw new IllegalArgumentException(String.format(TOO_MANY_CLUSTERS, n, k));
		if (settings.user != null) return new Run(userLabels(settings.user, x, n, d, k), null);
		switch (settings.algorithm) {
			case KMEANS: {
				final KMeansResult r = KMeans.fit(matrix, null, KMeansSettings.builder(k).restarts(settings.restarts()).seed(settings.seed).init(settings.init).build(), runner, listener);
				return new Run(r.labels(), r.centres());
			}
			case MINI_BATCH: {
				final KMeansResult r = MiniBatchKMeans.fit(matrix, null, MiniBatchSettings.builder(k).restarts(settings.restarts()).seed(settings.seed).init(settings.init).build(), runner, listener);
				return new Run(r.labels(), r.centres());
			}
			case AGGLOMERATIVE:
				if (settings.graph != null) return new Run(WardTree.build(matrix, settings.graph, runner, listener).cut(k), null);
				return new Run(AgglomerativeWard.fit(matrix, k, runner, listener), null);
			case SPECTRAL:
				return new Run(SpectralClustering.fit(matrix, k, settings.seed, runner, listener).labels(), null);
			default:
				throw new IllegalStateException(settings.algorithm.toString());
		}
	}

	private static int[] userLabels(final UserClustering clustering, final double[] x, final int n, final int d, final int k) {
		final int[] labels = clustering.fit(x.clone(), n, d, k);
		if (labels == null || labels.length != n) throw new IllegalArgumentException(String.format(USER_LABELS, k - 1, n, labels == null ? "null" : labels.length + " labels"));
		for (int i = 0; i < n; i++)
			if (labels[i] < 0 || labels[i] >= k) throw new IllegalArgumentException(String.format(USER_LABELS, k - 1, n, "label " + labels[i] + " at pixel " + i));
		return labels.clone();
	}

	/**
	 * Clusters and summarises.
	 *
	 * @param x row-major n x d features (already preprocessed)
	 * @param n pixels
	 * @param d features
	 * @param settings what to do
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return the clusters, largest first
	 */
	public static Result fit(final double[] x, final int n, final int d, final Settings settings, final TaskRunner runner, final ProgressListener listener) {
		final boolean byDistance = settings.distanceThreshold > 0;
		// by distance, k is known after the tree: the cost of the distances is guessed at 10 clusters
		final int expected = byDistance ? Math.min(n, 10) : settings.clusters;
		final Phases phases = new Phases(listener, cost(settings.algorithm, n, d, expected, settings.graph != null), 2.0 * n * d * Math.max(1, expected));
		final Run raw = run(x, n, d, settings, runner, phases.next(settings.name() + " of " + n + " pixels" + (byDistance ? " (distance_threshold=" + settings.distanceThreshold + ")" : " into " + expected + " clusters")));
		final int k = byDistance ? raw.clusters : settings.clusters;
		phases.next("Distances of the pixels to the " + k + " centroids");
		final Result result = Result.of(x, n, d, raw.labels, raw.centres, k, settings.name(), runner);
		phases.done("Cluster analysis done");
		return result;
	}

	/**
	 * A rough estimate of the work of {@link #labels} (in multiply-adds), to weigh progress phases: k-means
	 * about 200 passes over the samples (restarts x iterations), mini-batch a few hundred batches and
	 * one pass, Ward without connectivity and the spectral neighbour graph all pairs of samples.
	 *
	 * @param algorithm the algorithm
	 * @param n samples
	 * @param d features
	 * @param k clusters
	 * @param graph whether Ward has a connectivity graph
	 * @return the estimate, > 0
	 */
	public static double cost(final Algorithm algorithm, final int n, final int d, final int k, final boolean graph) {
		final double pass = (double) n * d * Math.max(1, k);
		switch (algorithm) {
			case KMEANS:
				return 200 * pass;
			case MINI_BATCH:
				return 3e5 * d * Math.max(1, k) + 2 * pass;
			case AGGLOMERATIVE:
				return graph ? 100.0 * n * d : (double) n * n * d;
			default:
				return (double) n * n * d + 200 * pass;
		}
	}

	/**
	 * Euclidean distances of one feature vector to k centroids, each summed in feature order.
	 *
	 * @param x holds the vector
	 * @param offset where it starts
	 * @param centroids k x d, row-major
	 * @param k centroids
	 * @param d features
	 * @param out receives the distance to centroid l at {@code outOffset + l}
	 * @param outOffset where the distance to centroid 0 goes
	 */
	public static void distances(final double[] x, final int offset, final double[] centroids, final int k, final int d, final double[] out, final int outOffset) {
		for (int l = 0; l < k; l++) {
			double sum = 0;
			for (int j = 0; j < d; j++) {
				final double v = x[offset + j] - centroids[l * d + j];
				sum += v * v;
			}
			out[outOffset + l] = Math.sqrt(sum);
		}
	}

	/** Clusters numbered largest first, with their centroids and distances. */
	public static final class Result {

		private final int clusters;
		private final int features;
		private final int[] labels;
		private final int[] sizes;
		private final double[] centroids;
		private final double[] distances;
		private final int[] centroidPixels;
		private final double inertia;
		private final double[] centres;
		private final int[] searchOrder;

		private Result(final int clusters, final int features, final int[] labels, final int[] sizes, final double[] centroids, final double[] distances, final int[] centroidPixels, final double inertia, final double[] centres, final int[] searchOrder) {
			this.clusters = clusters;
			this.features = features;
			this.labels = labels;
			this.sizes = sizes;
			this.centroids = centroids;
			this.distances = distances;
			this.centroidPixels = centroidPixels;
			this.inertia = inertia;
			this.centres = centres;
			this.searchOrder = searchOrder;
		}

		/**
		 * Renumbers labels largest first and computes the summaries.
		 *
		 * @param x row-major n x d features
		 * @param n pixels
		 * @param d features
		 * @param raw labels 0..k-1 in any order
		 * @param rawCentres the k-means centres in the order of the raw labels, or null (centroids)
		 * @param k number of clusters
		 * @param algorithm name for messages
		 * @param runner where to run
		 * @return the result
		 */
		static Result of(final double[] x, final int n, final int d, final int[] raw, final double[] rawCentres, final int k, final String algorithm, final TaskRunner runner) {
			final int[] rawSizes = new int[k];
			for (final int l : raw)
				rawSizes[l]++;
			int found = 0;
			for (final int s : rawSizes)
				if (s > 0) found++;
			if (found < k) throw new IllegalArgumentException(String.format(FEWER_CLUSTERS, algorithm, found, k));
			final Integer[] order = new Integer[k];
			for (int i = 0; i < k; i++)
				order[i] = i;
			Arrays.sort(order, (a, b) -> rawSizes[a] != rawSizes[b] ? Integer.compare(rawSizes[b], rawSizes[a]) : Integer.compare(a, b));
			final int[] rank = new int[k];
			for (int i = 0; i < k; i++)
				rank[order[i]] = i;
			final int[] labels = new int[n];
			final int[] sizes = new int[k];
			final double[] centroids = new double[k * d];
			for (int i = 0; i < n; i++) {
				final int l = rank[raw[i]];
				labels[i] = l;
				sizes[l]++;
				for (int j = 0; j < d; j++)
					centroids[l * d + j] += x[i * d + j];
			}
			for (int l = 0; l < k; l++)
				for (int j = 0; j < d; j++)
					centroids[l * d + j] /= sizes[l];
			final double[] distances = new double[n * k];
			final Chunks chunks = Chunks.of(n);
			chunks.forEach(runner, (c, start, end) -> {
				for (int i = start; i < end; i++)
					ClusterAnalysis.distances(x, i * d, centroids, k, d, distances, i * k);
			});
			final double[] centres;
			final int[] searchOrder = new int[k];
			if (rawCentres == null) {
				centres = centroids.clone();
				for (int j = 0; j < k; j++)
					searchOrder[j] = j;
			}
			else {
				centres = new double[k * d];
				for (int j = 0; j < k; j++) {
					searchOrder[j] = rank[j];
					System.arraycopy(rawCentres, j * d, centres, rank[j] * d, d);
				}
			}
			return assigned(labels, distances, k, d, centroids, centres, searchOrder);
		}

		/**
		 * The result of labelling pixels with fitted clusters (a model applied): their sizes, the pixel
		 * closest to each centroid and the inertia, computed as for a fit (so the training pixels give the
		 * fit's result back).
		 *
		 * @param labels cluster 0..k-1 of every pixel (clusters may be empty)
		 * @param distances distance of pixel i to centroid l at {@code i * k + l} ({@link ClusterAnalysis#distances})
		 * @param k clusters
		 * @param d features
		 * @param centroids the fit's centroids, k x d by label
		 * @param centres the fit's assignment centres, k x d by label ({@link #centres()})
		 * @param searchOrder the fit's {@link #searchOrder()}
		 * @return the result (kept, not copied)
		 */
		public static Result assigned(final int[] labels, final double[] distances, final int k, final int d, final double[] centroids, final double[] centres, final int[] searchOrder) {
			final int n = labels.length;
			final int[] sizes = new int[k];
			for (final int l : labels)
				sizes[l]++;
			final int[] closest = new int[k];
			Arrays.fill(closest, -1);
			double inertia = 0;
			for (int i = 0; i < n; i++) {
				for (int l = 0; l < k; l++)
					if (closest[l] < 0 || distances[i * k + l] < distances[closest[l] * k + l]) closest[l] = i;
				final double own = distances[i * k + labels[i]];
				inertia += own * own;
			}
			return new Result(k, d, labels, sizes, centroids, distances, closest, inertia, centres, searchOrder);
		}

		/** @return k */
		public int clusters() {
			return clusters;
		}

		/**
		 * @return the centres a new pixel is assigned to, k x d row-major by label: the k-means centres
		 *         (scikit-learn's {@code cluster_centers_}) for k-means and mini-batch, the
		 *         {@link #centroids()} for agglomerative and spectral clustering (which have no predict)
		 */
		public double[] centres() {
			return centres.clone();
		}

		/**
		 * @return the label of the centre the algorithm numbered j, at j: searching the {@link #centres()}
		 *         in this order, lowest first on ties, gives the fit's k-means labels back
		 */
		public int[] searchOrder() {
			return searchOrder.clone();
		}

		/** @return number of features */
		public int features() {
			return features;
		}

		/** @return cluster 0..k-1 of every pixel, 0 the largest */
		public int[] labels() {
			return labels.clone();
		}

		/** @return pixels per cluster, non-increasing */
		public int[] sizes() {
			return sizes.clone();
		}

		/** @return centroids in feature space, k x d row-major */
		public double[] centroids() {
			return centroids.clone();
		}

		/** @return Euclidean distance of pixel i to centroid l at {@code i * k + l} */
		public double[] distances() {
			return distances.clone();
		}

		/**
		 * @param l cluster
		 * @param i pixel
		 * @return distance of pixel i to centroid l
		 */
		public double distance(final int l, final int i) {
			return distances[i * clusters + l];
		}

		/** @return for every cluster, the pixel (of all pixels) closest to its centroid, first on ties */
		public int[] centroidPixels() {
			return centroidPixels.clone();
		}

		/** @return sum of squared distances of the pixels to their own centroid */
		public double inertia() {
			return inertia;
		}
	}
}
