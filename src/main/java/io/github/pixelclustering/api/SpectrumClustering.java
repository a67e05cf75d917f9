package io.github.pixelclustering.api;

import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.ClusterNumber;
import io.github.pixelclustering.spectrum.ClusterSignals;
import io.github.pixelclustering.spectrum.Decomposition;
import io.github.pixelclustering.spectrum.BlindSourceSeparation;
import io.github.pixelclustering.spectrum.Elbow;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.spectrum.Spectra;
import io.github.pixelclustering.spectrum.UserClustering;
import io.github.pixelclustering.spectrum.UserPreprocessing;
import io.github.pixelclustering.ward.GridGraph;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.kmeans.MiniBatchSettings;

import java.util.List;
import java.util.Locale;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * Cluster analysis of a spectrum image given as one X x Y view per energy channel: HyperSpy's
 * {@code decomposition} + {@code cluster_analysis} and {@code estimate_number_of_clusters}, for scripts
 * and for the commands.
 * <p>
 * The features of a pixel are its spectrum over a range of channels ({@code source = signal}) or its
 * first loadings of the SVD of that part of the data ({@code source = decomposition}), then
 * preprocessed; only the pixels inside the mask take part. Cluster spectra are always computed over all
 * channels of the spectra given for them (the input, or another spectrum image of the same X x Y).
 * <p>
 * Precision: values are read as they are stored and computed with in float64, as HyperSpy: 8-, 16- and
 * 32-bit images (ImageJ's) as their exact values, {@code DoubleType} channels (and integer types wider
 * than 24 bits) without rounding to 32 bits.
 */
public final class SpectrumClustering {

	/** Message when the channel views differ in size. */
	public static final String BAD_CHANNELS = "Every energy channel must be the same 2D image, got %s.";

	/** Message when the mask is empty. */
	public static final String EMPTY_MASK = "The selection or mask contains no pixels.";

	/** Message when the channel range is empty or outside the axis. */
	public static final String BAD_RANGE = "The channel range must lie within 0..%d and hold at least one channel, got %d..%d.";

	/** Message for the centres' spectra of another size. */
	public static final String CENTRES_SIZE = "The spectra for the cluster centres must be %d x %d pixels, got %d x %d.";

	/** Message when more components are asked for than fit. */
	public static final String TOO_MANY_COMPONENTS = "components must be auto or between 1 and min(pixels, channels) = %d, got %d.";

	/**
	 * The {@code components} meaning HyperSpy's number of significant components: the elbow of the
	 * decomposition's scree plot plus one ({@link Elbow#significantComponents}), what HyperSpy's
	 * {@code cluster_analysis("decomposition")} clusters without {@code number_of_components}.
	 */
	public static final int AUTO_COMPONENTS = 0;

	/** Message for an unknown source. */
	public static final String UNKNOWN_SOURCE = "source must be signal, decomposition or bss, got \"%s\".";

	/** Message for bad connectivity. */
	public static final String BAD_CONNECTIVITY = "connectivity must be none, 4 or 8, got \"%s\".";

	/** Where the features come from. */
	public enum Source {
		/** The spectra themselves (over the channel range). */
		SIGNAL("signal"),
		/** The first loadings of the SVD decomposition. */
		DECOMPOSITION("decomposition"),
		/**
		 * The loadings of the blind source separation of the first components of the decomposition
		 * (HyperSpy's {@code blind_source_separation} defaults, {@link BlindSourceSeparation}).
		 */
		BSS("bss");

		private final String label;

		Source(final String label) {
			this.label = label;
		}

		/** @return the name used in dialogs and macros */
		public String label() {
			return label;
		}

		/**
		 * @param label a name as in {@link #label()}, any case
		 * @return the source
		 */
		public static Source of(final String label) {
			for (final Source s : values())
				if (s.label.equals(label.trim().toLowerCase(Locale.ROOT))) return s;
			throw new IllegalArgumentException(String.format(UNKNOWN_SOURCE, label));
		}
	}

	/** How to compute the features and cluster them. */
	public static final class Settings {

		final Source source;
		final int components;
		final boolean poisson;
		final Preprocessing preprocessing;
		final ClusterAnalysis.Algorithm algorithm;
		final int connectivity;
		final int clusters;
		final int restarts;
		final long seed;
		final int firstChannel;
		final int lastChannel;
		final int extraComponents;
		final MiniBatchSettings.Init init;
		final double distanceThreshold;
		/** The energy between channels, for the derivative of the factors of source = bss. */
		double channelWidth = 1;
		/** The user's preprocessing in place of {@link #preprocessing}, or null. */
		final UserPreprocessing userPreprocessing;
		/** The user's clustering algorithm in place of {@link #algorithm}, or null. */
		final UserClustering userClustering;

		/**
		 * @param source signal or decomposition
		 * @param components loadings used with the decomposition; {@link #AUTO_COMPONENTS} for HyperSpy's
		 *        number of significant components
		 * @param poisson Poisson noise normalisation before the decomposition
		 * @param preprocessing feature scaling
		 * @param algorithm clustering algorithm
		 * @param connectivity 0 for none, 4 or 8 (agglomerative only)
		 * @param clusters k
		 * @param restarts k-means restarts, 0 for the default
		 * @param seed random seed
		 * @param firstChannel first channel of the range (0-based)
		 * @param lastChannel last channel of the range, inclusive; -1 for the last channel
		 */
		public Settings(final Source source, final int components, final boolean poisson, final Preprocessing preprocessing, final ClusterAnalysis.Algorithm algorithm, final int connectivity, final int clusters, final int restarts, final long seed, final int firstChannel, final int lastChannel) {
			if (connectivity != 0 && connectivity != 4 && connectivity != 8) throw new IllegalArgumentException(String.format(BAD_CONNECTIVITY, connectivity));
			this.source = source;
			this.components = components;
			this.poisson = poisson;
			this.preprocessing = preprocessing;
			this.algorithm = algorithm;
			this.connectivity = connectivity;
			this.clusters = clusters;
			this.restarts = restarts;
			this.seed = seed;
			this.firstChannel = firstChannel;
			this.lastChannel = lastChannel;
			this.extraComponents = 0;
			this.init = MiniBatchSettings.Init.K_MEANS_PLUS_PLUS;
			this.distanceThreshold = 0;
			this.userPreprocessing = null;
			this.userClustering = null;
		}

		private Settings(final Settings s, final int clusters, final int extraComponents, final MiniBatchSettings.Init init, final double distanceThreshold) {
			this(s, clusters, extraComponents, init, distanceThreshold, s.userPreprocessing, s.userClustering);
		}

		private Settings(final Settings s, final int clusters, final int extraComponents, final MiniBatchSettings.Init init, final double distanceThreshold, final UserPreprocessing userPreprocessing, final UserClustering userClustering) {
			this.source = s.source;
			this.components = s.components;
			this.poisson = s.poisson;
			this.preprocessing = s.preprocessing;
			this.algorithm = s.algorithm;
			this.connectivity = s.connectivity;
			this.clusters = clusters;
			this.restarts = s.restarts;
			this.seed = s.seed;
			this.firstChannel = s.firstChannel;
			this.lastChannel = s.lastChannel;
			this.extraComponents = extraComponents;
			this.init = init;
			this.distanceThreshold = distanceThreshold;
			this.userPreprocessing = userPreprocessing;
			this.userClustering = userClustering;
			this.channelWidth = s.channelWidth;
		}

		/**
		 * @param width the energy between channels in the axis unit (HyperSpy differentiates the factors
		 *        over the calibrated axis before its blind source separation; 1 when uncalibrated)
		 * @return the same settings with that channel width, used by {@code source = bss}
		 */
		public Settings withChannelWidth(final double width) {
			if (!(width > 0) || Double.isInfinite(width)) throw new IllegalArgumentException("The channel width must be finite and > 0, got " + width + ".");
			final Settings out = new Settings(this, clusters, extraComponents, init, distanceThreshold, userPreprocessing, userClustering);
			out.channelWidth = width;
			return out;
		}

		/**
		 * @param count decomposition components to compute for plots (scree, factors) beyond those used
		 *        for clustering
		 * @return the same settings computing at least that many components
		 */
		public Settings withComponentsShown(final int count) {
			return new Settings(this, clusters, count, init, distanceThreshold);
		}

		/** @return the same settings with another k */
		public Settings withClusters(final int k) {
			return new Settings(this, k, extraComponents, init, k > 0 ? 0 : distanceThreshold);
		}

		/**
		 * @param value how every k-means or mini-batch k-means initialisation picks its first centres:
		 *        k-means++ (the default, HyperSpy's and scikit-learn's) or k distinct pixels drawn at
		 *        random (scikit-learn's {@code init="random"})
		 * @return the same settings with that initialisation
		 */
		public Settings withInit(final MiniBatchSettings.Init value) {
			if (value == null) throw new IllegalArgumentException("init must be k-means++ or random, got null.");
			return new Settings(this, clusters, extraComponents, value, distanceThreshold);
		}

		/**
		 * Cuts the Ward tree of the agglomerative algorithm by distance instead of into k clusters, as
		 * scikit-learn's {@code AgglomerativeClustering(n_clusters=None, distance_threshold=t)} (see
		 * {@link ClusterAnalysis.Settings#withDistanceThreshold}); give {@code clusters} 0.
		 *
		 * @param threshold the distance in the clustering space, > 0; 0 cuts into {@code clusters} again
		 * @return the same settings with that threshold
		 * @throws IllegalArgumentException for a negative or non-finite threshold, a threshold with
		 *         {@code clusters} other than 0 or with another algorithm
		 */
		public Settings withDistanceThreshold(final double threshold) {
			ClusterAnalysis.checkThreshold(clusters, algorithm, threshold);
			return new Settings(this, clusters, extraComponents, init, threshold);
		}

		/**
		 * Preprocesses the features with the user's function instead of {@code preprocessing}, as HyperSpy's
		 * {@code cluster_analysis(preprocessing=obj)} calls {@code obj.fit_transform}: e.g. a closure from a
		 * Groovy or Jython script. A model cannot be saved with it.
		 *
		 * @param preprocessing the function, or null for the settings' {@link Preprocessing} again
		 * @return the same settings with that preprocessing
		 */
		public Settings withPreprocessing(final UserPreprocessing preprocessing) {
			return new Settings(this, clusters, extraComponents, init, distanceThreshold, preprocessing, userClustering);
		}

		/**
		 * Clusters with the user's algorithm instead of {@code algorithm}, as HyperSpy's
		 * {@code cluster_analysis(algorithm=obj)} calls {@code obj.fit} and reads {@code labels_}; it gets k
		 * ({@code clusters}, or every k of {@link SpectrumClustering#estimate}). A model cannot be saved
		 * with it.
		 *
		 * @param clustering the algorithm, or null for the settings' {@link ClusterAnalysis.Algorithm} again
		 * @return the same settings with that algorithm
		 * @throws IllegalArgumentException with a distance threshold
		 */
		public Settings withAlgorithm(final UserClustering clustering) {
			if (clustering != null && distanceThreshold > 0) throw new IllegalArgumentException(String.format(ClusterAnalysis.USER_THRESHOLD, distanceThreshold));
			return new Settings(this, clusters, extraComponents, init, distanceThreshold, userPreprocessing, clustering);
		}

		/** @return the user's preprocessing, or null */
		public UserPreprocessing userPreprocessing() {
			return userPreprocessing;
		}

		/** @return the user's clustering algorithm, or null */
		public UserClustering userClustering() {
			return userClustering;
		}

		/** @return the distance at which the Ward tree is cut, or 0 to cut it into {@link #clusters()} */
		public double distanceThreshold() {
			return distanceThreshold;
		}

		/** @return how every k-means initialisation picks its first centres */
		public MiniBatchSettings.Init init() {
			return init;
		}

		/** @return k */
		public int clusters() {
			return clusters;
		}

		/** @return the source */
		public Source source() {
			return source;
		}

		/**
		 * @return components used with the decomposition as given, {@link #AUTO_COMPONENTS} for the number
		 *         of significant components ({@link Features#components()} says how many that was)
		 */
		public int components() {
			return components;
		}

		/** @return the algorithm */
		public ClusterAnalysis.Algorithm algorithm() {
			return algorithm;
		}

		/** @return restarts given (0 = default) */
		public int restarts() {
			return restarts;
		}
	}

	private SpectrumClustering() {}

	/**
	 * The features of the pixels inside the mask, with the decomposition when asked for.
	 */
	public static final class Features {

		final int width;
		final int height;
		final int channels;
		final boolean[] inside;
		final int[] pixels;
		final Decomposition decomposition;
		final double[] values;
		final int dimensions;
		final double[] scaling;
		/** The loadings clustered (before preprocessing), pixels x components; null for signal. */
		double[] loadings;
		/** Whether the components were HyperSpy's number of significant components (components = auto). */
		boolean automatic;
		/** The decomposition components the features come from (0 for signal). */
		int components;
		/** Whether the user's preprocessing made the features. */
		boolean user;
		/** With source = bss, the separation; else null. */
		BlindSourceSeparation bss;

		Features(final int width, final int height, final int channels, final boolean[] inside, final int[] pixels, final Decomposition decomposition, final double[] values, final int dimensions, final double[] scaling) {
			this.width = width;
			this.height = height;
			this.channels = channels;
			this.inside = inside;
			this.pixels = pixels;
			this.decomposition = decomposition;
			this.values = values;
			this.dimensions = dimensions;
			this.scaling = scaling;
		}

		/** @return the decomposition, or null with {@code source = signal} */
		public Decomposition decomposition() {
			return decomposition;
		}

		/** @return the decomposition components clustered (0 with {@code source = signal}) */
		public int components() {
			return components;
		}

		/** @return the blind source separation of source = bss, or null */
		public BlindSourceSeparation blindSourceSeparation() {
			return bss;
		}

		/** @return the factors of the components clustered (BSS factors with source = bss), channels x components */
		double[] modelFactors() {
			return bss != null ? bss.factors() : decomposition.factors(components);
		}

		/** @return whether the features were preprocessed by the user's function */
		public boolean userPreprocessed() {
			return user;
		}

		/**
		 * @return whether {@link #components()} is HyperSpy's number of significant components, chosen
		 *         because the settings said {@link #AUTO_COMPONENTS}
		 */
		public boolean componentsAutomatic() {
			return automatic;
		}

		/**
		 * @return HyperSpy's number of significant components of the decomposition (the elbow of its scree
		 *         plot plus one), or -1 without a decomposition or when too few components were computed
		 *         for it (fewer than 21, or min(pixels, channels) when smaller: give
		 *         {@link Settings#withComponentsShown} 21 to have it)
		 */
		public int significantComponents() {
			return decomposition == null ? -1 : Elbow.significantComponents(decomposition);
		}

		/** @return number of pixels analysed */
		public int pixels() {
			return pixels.length;
		}

		/** @return the raster index of every analysed pixel */
		public int[] pixelIndices() {
			return pixels.clone();
		}

		/** @return features per pixel */
		public int dimensions() {
			return dimensions;
		}

		/**
		 * @return the preprocessed features, pixels x dimensions row-major; null for the features of a
		 *         model applied (computed a block of pixels at a time, not kept)
		 */
		public double[] values() {
			return values == null ? null : values.clone();
		}

		/** @return the preprocessing's parameters as fitted on these pixels ({@link Preprocessing#fit}) */
		public double[] scaling() {
			return scaling.clone();
		}
	}

	/**
	 * Builds the features: spectra over the channel range of the pixels inside the mask, or their SVD
	 * loadings, preprocessed.
	 *
	 * @param channels one X x Y view per energy channel
	 * @param mask pixels to analyse (true), or null for all
	 * @param settings what to compute
	 * @param listener progress and cancellation
	 * @return the features
	 */
	public static Features features(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Settings settings, final ProgressListener listener) {
		final TaskRunner runner = ParallelTasks.current();
		final int width = (int) channels.get(0).dimension(0);
		final int height = channels.get(0).numDimensions() > 1 ? (int) channels.get(0).dimension(1) : 1;
		for (final RandomAccessibleInterval<? extends RealType<?>> c : channels)
			if (c.numDimensions() > 2 || c.dimension(0) != width || (c.numDimensions() > 1 ? c.dimension(1) : 1) != height) throw new IllegalArgumentException(String.format(BAD_CHANNELS, describe(c)));
		final int total = channels.size();
		final int first = settings.firstChannel;
		final int last = settings.lastChannel < 0 ? total - 1 : settings.lastChannel;
		if (first < 0 || last >= total || last < first) throw new IllegalArgumentException(String.format(BAD_RANGE, total - 1, first, last));
		// phases: mask, decomposition or spectra, preprocessing
		final boolean decompose = settings.source != Source.SIGNAL;
		final Phases phases = new Phases(listener, 0.1, decompose ? 20 : 2, decompose ? 0.1 : 1);
		phases.next(mask == null ? "Pixels to analyse" : "Reading the mask");
		final boolean[] inside = inside(mask, width, height);
		int count = 0;
		for (final boolean b : inside)
			if (b) count++;
		if (count == 0) throw new IllegalArgumentException(EMPTY_MASK);
		final int[] pixels = new int[count];
		for (int i = 0, j = 0; i < inside.length; i++)
			if (inside[i]) pixels[j++] = i;
		final int m = last - first + 1;
		final Spectra x = new ViewSpectra(channels.subList(first, last + 1), pixels, width * height, runner);
		listener.checkCanceled();
		final Decomposition decomposition;
		final double[] raw;
		final int d;
		final boolean automatic;
		final BlindSourceSeparation bss;
		if (decompose) {
			final int side = Math.min(count, m);
			if (settings.components < 0 || settings.components > side) throw new IllegalArgumentException(String.format(TOO_MANY_COMPONENTS, side, settings.components));
			automatic = settings.components == AUTO_COMPONENTS;
			final int computed = Math.max(automatic ? Elbow.valuesRead(side) : settings.components, settings.extraComponents);
			decomposition = Decomposition.compute(x, Math.min(side, computed), settings.poisson, runner, new PartialProgress(phases.next("Decomposition of " + count + " spectra"), 0, 1, "Decomposition"));
			d = automatic ? Elbow.significantComponents(decomposition) : settings.components;
			// with fewer pixels than channels the loadings are eigenvectors: cluster their projection
			// instead (the same to rounding), which a model computes the same way for new pixels
			final double[] loadings = decomposition.loadingsAreProjections() ? decomposition.loadings(d) : decomposition.project(x, d, runner);
			bss = settings.source == Source.BSS ? BlindSourceSeparation.of(decomposition, d, settings.channelWidth, settings.seed) : null;
			raw = bss != null ? bss.loadings(loadings, count) : loadings;
		}
		else {
			automatic = false;
			bss = null;
			decomposition = null;
			raw = new double[count * m];
			final ProgressListener reading = phases.next("Reading " + count + " spectra of " + m + " channels");
			for (int c = 0; c < m; c++) {
				if (c % 16 == 0) {
					reading.checkCanceled();
					reading.progress((double) c / m, "Reading spectra: channel " + (c + 1) + "/" + m);
				}
				x.read(c, 0, count, raw, c, m);
			}
			for (int i = 0; i < raw.length; i++)
				if (!Double.isFinite(raw[i])) throw new IllegalArgumentException(String.format(Decomposition.NOT_FINITE, Decomposition.value(raw[i]), i / m, first + i % m));
			d = m;
		}
		final Features features;
		if (settings.userPreprocessing != null) {
			phases.next("Preprocessing: user-defined");
			final double[] values = userPreprocessed(settings.userPreprocessing, raw, count, d);
			features = new Features(width, height, total, inside, pixels, decomposition, values, values.length / count, new double[0]);
		}
		else {
			phases.next("Preprocessing: " + settings.preprocessing.label());
			final double[] scaling = settings.preprocessing.fit(raw, count, d);
			features = new Features(width, height, total, inside, pixels, decomposition, settings.preprocessing.apply(raw, count, d, scaling), d, scaling);
		}
		features.components = decompose ? d : 0;
		features.bss = bss;
		features.user = settings.userPreprocessing != null;
		if (decompose) features.loadings = raw;
		features.automatic = automatic;
		phases.done("Features ready: " + count + " pixels x " + features.dimensions);
		return features;
	}

	/** Message when the user's preprocessing returns no whole number of features per pixel: pixels, what it returned. */
	public static final String USER_PREPROCESSING = "The user-defined preprocessing must return a positive multiple of the %d pixels of finite values, got %s.";

	private static double[] userPreprocessed(final UserPreprocessing preprocessing, final double[] raw, final int count, final int d) {
		final double[] out = preprocessing.fitTransform(raw.clone(), count, d);
		if (out == null || out.length == 0 || out.length % count != 0) throw new IllegalArgumentException(String.format(USER_PREPROCESSING, count, out == null ? "null" : out.length + " values"));
		for (int i = 0; i < out.length; i++)
			if (!Double.isFinite(out[i])) throw new IllegalArgumentException(String.format(USER_PREPROCESSING, count, Decomposition.value(out[i]) + " at value " + i));
		return out.clone();
	}

	/** Message when model spectra are asked for without a decomposition. */
	public static final String MODEL_NEEDS_DECOMPOSITION = "Model spectra of the clusters (centres from the decomposition or BSS) need source=decomposition or source=bss.";

	/**
	 * Clusters the features and computes the cluster spectra.
	 *
	 * @param features from {@link #features}
	 * @param spectra one X x Y view per channel of the spectra for the cluster centres (the input, or
	 *        another spectrum image of the same size), over all their channels; null for the model spectra
	 *        of the {@code components} clustered, over the analysed channels. HyperSpy 1.7.3's
	 *        {@code cluster_analysis("decomposition")} gives the model spectra when
	 *        {@code number_of_components} is given; its default call ({@code number_of_components=None})
	 *        clusters the significant loadings but sums every component, which is the measured data: the
	 *        input's spectra here (on the analysed channels; NaN where its decomposition masked channels)
	 * @param settings algorithm, k, restarts, seed, connectivity
	 * @param listener progress and cancellation
	 * @return the result
	 */
	public static SpectrumClusteringResult cluster(final Features features, final List<? extends RandomAccessibleInterval<? extends RealType<?>>> spectra, final Settings settings, final ProgressListener listener) {
		final TaskRunner runner = ParallelTasks.current();
		if (spectra == null && features.decomposition == null) throw new IllegalArgumentException(MODEL_NEEDS_DECOMPOSITION);
		if (spectra != null) {
			final int sw = (int) spectra.get(0).dimension(0), sh = spectra.get(0).numDimensions() > 1 ? (int) spectra.get(0).dimension(1) : 1;
			if (sw != features.width || sh != features.height) throw new IllegalArgumentException(String.format(CENTRES_SIZE, features.width, features.height, sw, sh));
		}
		// phases: the pixel graph (Ward with connectivity), the clustering, the cluster spectra
		final int n = features.pixels.length;
		final boolean connected = usesGraph(settings);
		final double signals = SpectrumWork.READ * n * (spectra != null ? spectra.size() : features.decomposition.channels());
		final Phases phases = new Phases(listener, connected ? 50.0 * n : 0, ClusterAnalysis.cost(settings.algorithm, n, features.dimensions, Math.max(1, settings.clusters), connected), signals);
		if (connected) phases.next("Building the pixel graph");
		else phases.skip();
		final GridGraph graph = graph(features, settings, runner);
		ClusterAnalysis.Settings clustering = new ClusterAnalysis.Settings(settings.clusters, settings.algorithm, settings.restarts, settings.seed, graph, settings.init).withUserClustering(settings.userClustering);
		if (settings.distanceThreshold > 0) clustering = clustering.withDistanceThreshold(settings.distanceThreshold);
		final ClusterAnalysis.Result fit = ClusterAnalysis.fit(features.values, n, features.dimensions, clustering, runner, phases.next("Clustering " + n + " pixels"));
		final int k = fit.clusters();
		final ProgressListener signalProgress = phases.next("Cluster spectra");
		final int[] labels = new int[features.width * features.height];
		java.util.Arrays.fill(labels, -1);
		final int[] own = fit.labels();
		for (int i = 0; i < own.length; i++)
			labels[features.pixels[i]] = own[i];
		final int[] centroidPixels = fit.centroidPixels();
		for (int l = 0; l < centroidPixels.length; l++)
			centroidPixels[l] = features.pixels[centroidPixels[l]];
		final ClusterSignals clusterSignals;
		if (spectra != null) clusterSignals = ClusterSignals.of(new ViewSpectra(spectra, null, features.width * features.height, runner), labels, k, centroidPixels, runner, signalProgress);
		else {
			final int c = features.components;
			clusterSignals = ClusterSignals.ofModel(features.loadings, features.modelFactors(), c, own, k, fit.centroidPixels());
		}
		phases.done("Cluster analysis done");
		return new SpectrumClusteringResult(features, fit, labels, centroidPixels, clusterSignals);
	}

	/** @return whether the settings cluster with Ward under pixel connectivity */
	static boolean usesGraph(final Settings settings) {
		return settings.algorithm == ClusterAnalysis.Algorithm.AGGLOMERATIVE && settings.connectivity != 0;
	}

	/**
	 * Estimates the number of clusters.
	 *
	 * @param features from {@link #features}
	 * @param maxClusters largest k tried
	 * @param metric elbow, silhouette or gap
	 * @param settings algorithm, restarts, seed, connectivity
	 * @param listener progress and cancellation
	 * @return the metric per k and the estimate
	 */
	public static ClusterNumber.Result estimate(final Features features, final int maxClusters, final ClusterNumber.Metric metric, final Settings settings, final ProgressListener listener) {
		final TaskRunner runner = ParallelTasks.current();
		final Phases phases = new Phases(listener, usesGraph(settings) ? 1 : 0, 50);
		if (usesGraph(settings)) phases.next("Building the pixel graph");
		else phases.skip();
		final GridGraph graph = graph(features, settings, runner);
		final ClusterNumber.Result result = ClusterNumber.estimate(features.values, features.pixels.length, features.dimensions, maxClusters, metric, new ClusterAnalysis.Settings(2, settings.algorithm, settings.restarts, settings.seed, graph, settings.init).withUserClustering(settings.userClustering), runner, phases.next("Estimating the number of clusters: " + metric.label() + " for k up to " + maxClusters));
		phases.done("Estimate done: " + result.estimate() + " clusters");
		return result;
	}

	private static GridGraph graph(final Features features, final Settings settings, final TaskRunner runner) {
		if (!usesGraph(settings)) return null;
		return GridGraph.grid(new int[] { features.width, features.height }, features.inside, settings.connectivity, runner);
	}

	// -- Helpers --

	static boolean[] inside(final RandomAccessibleInterval<? extends BooleanType<?>> mask, final int width, final int height) {
		final boolean[] inside = new boolean[width * height];
		if (mask == null) {
			java.util.Arrays.fill(inside, true);
			return inside;
		}
		if (mask.dimension(0) != width || (mask.numDimensions() > 1 ? mask.dimension(1) : 1) != height) throw new IllegalArgumentException("The mask must be " + width + " x " + height + ", got " + describe(mask) + ".");
		final Cursor<? extends BooleanType<?>> cursor = Views.flatIterable(mask).cursor();
		for (int i = 0; cursor.hasNext(); i++)
			inside[i] = cursor.next().get();
		return inside;
	}

	private static String describe(final RandomAccessibleInterval<?> view) {
		final StringBuilder s = new StringBuilder();
		for (int d = 0; d < view.numDimensions(); d++)
			s.append(d == 0 ? "" : " x ").append(view.dimension(d));
		return s.toString();
	}
}
