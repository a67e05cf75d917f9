package io.github.pixelclustering.kmeans;

/**
 * Settings of {@link MiniBatchKMeans}, validated when built; scikit-learn 1.2 defaults.
 * <p>
 * Build with {@link #builder(int)}: {@code MiniBatchSettings.builder(16).seed(0).build()}.
 */
public final class MiniBatchSettings {

	/** Default samples per mini-batch. */
	public static final int DEFAULT_BATCH_SIZE = 1024;
	/** Default number of initialisations tried (scikit-learn's {@code n_init}). */
	public static final int DEFAULT_RESTARTS = 3;
	/** Default largest number of passes over the data. */
	public static final int DEFAULT_MAX_ITERATIONS = 100;
	/** Default number of steps without improvement of the smoothed batch inertia before stopping. */
	public static final int DEFAULT_MAX_NO_IMPROVEMENT = 10;
	/** Default fraction of the largest cluster count below which a centre is reassigned. */
	public static final double DEFAULT_REASSIGNMENT_RATIO = 0.01;

	private final int clusters;
	private final int batchSize;
	private final int restarts;
	private final int maxIterations;
	private final int maxNoImprovement;
	private final double reassignmentRatio;
	private final int initSize;
	private final double tolerance;
	private final long seed;
	private final Init init;
	private final int lloydIterations;
	private final int seedingTrials;
	private final double[] initialCentres;

	private MiniBatchSettings(final Builder b) {
		if (b.clusters < 1 || b.clusters > KMeansSettings.MAX_CLUSTERS) throw new IllegalArgumentException("clusters must be in [1, " + KMeansSettings.MAX_CLUSTERS + "], got " + b.clusters);
		if (b.batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + b.batchSize);
		if (b.restarts < 1) throw new IllegalArgumentException("restarts must be >= 1, got " + b.restarts);
		if (b.maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, got " + b.maxIterations);
		if (b.maxNoImprovement < 0) throw new IllegalArgumentException("maxNoImprovement must be >= 0 (0 = never stop early), got " + b.maxNoImprovement);
		if (!(b.reassignmentRatio >= 0) || b.reassignmentRatio > 1) throw new IllegalArgumentException("reassignment ratio must be in [0, 1], got " + b.reassignmentRatio);
		if (b.initSize < 0) throw new IllegalArgumentException("init size must be >= 0 (0 = 3 x batch size), got " + b.initSize);
		if (b.lloydIterations < 0) throw new IllegalArgumentException("Lloyd iterations must be >= 0 (0 = none, scikit-learn's algorithm), got " + b.lloydIterations);
		if (b.seedingTrials < 0) throw new IllegalArgumentException("k-means++ candidates per centre must be >= 0 (0 = scikit-learn's 2 + ln k), got " + b.seedingTrials);
		if (!(b.tolerance >= 0) || Double.isInfinite(b.tolerance)) throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + b.tolerance);
		clusters = b.clusters;
		batchSize = b.batchSize;
		restarts = b.restarts;
		maxIterations = b.maxIterations;
		maxNoImprovement = b.maxNoImprovement;
		reassignmentRatio = b.reassignmentRatio;
		initSize = b.initSize;
		tolerance = b.tolerance;
		seed = b.seed;
		init = b.init;
		if (b.initialCentres != null) {
			if (b.initialCentres.length == 0 || b.initialCentres.length % b.clusters != 0) throw new IllegalArgumentException("initial centres must hold clusters x features values, got " + b.initialCentres.length + " values for " + b.clusters + " clusters");
			for (int i = 0; i < b.initialCentres.length; i++)
				if (!Double.isFinite(b.initialCentres[i])) throw new IllegalArgumentException("initial centres must be finite, got " + b.initialCentres[i] + " at value " + i);
		}
		initialCentres = b.initialCentres == null ? null : b.initialCentres.clone();
		lloydIterations = b.lloydIterations;
		seedingTrials = b.seedingTrials;
	}

	/**
	 * @param clusters number of clusters k
	 * @return a builder with scikit-learn's defaults
	 */
	public static Builder builder(final int clusters) {
		return new Builder(clusters);
	}

	/** @return number of clusters k */
	public int clusters() {
		return clusters;
	}

	/** @return samples per mini-batch */
	public int batchSize() {
		return batchSize;
	}

	/** @return number of k-means++ initialisations tried on a subset; the best on a validation subset wins */
	public int restarts() {
		return restarts;
	}

	/** @return largest number of passes over the data */
	public int maxIterations() {
		return maxIterations;
	}

	/** @return steps without improvement of the smoothed batch inertia before stopping; 0 = never */
	public int maxNoImprovement() {
		return maxNoImprovement;
	}

	/** @return centres whose count falls below this fraction of the largest count are reassigned */
	public double reassignmentRatio() {
		return reassignmentRatio;
	}

	/** @return samples drawn for each initialisation; 0 = 3 x batch size (at least 3 x clusters) */
	public int initSize() {
		return initSize;
	}

	/**
	 * @return full k-means (Lloyd) iterations run after the mini-batch steps, each moving every centre to
	 *         the mean of its samples and relabelling all samples; 0 (the default) = none, scikit-learn's
	 *         algorithm
	 */
	public int lloydIterations() {
		return lloydIterations;
	}

	/**
	 * @return k-means++ candidates drawn per centre after the first, the best of which is kept; 0 (the
	 *         default) = scikit-learn's {@code 2 + floor(ln k)}
	 */
	public int seedingTrials() {
		return seedingTrials;
	}

	/** @return the k-means++ candidates per centre for these settings' k: {@link #seedingTrials()}, or scikit-learn's number when that is 0 */
	int trials() {
		return seedingTrials > 0 ? seedingTrials : KMeansPlusPlus.trials(clusters);
	}

	/** @return tolerance on the squared centre change, relative to the mean variance; 0 = not used */
	public double tolerance() {
		return tolerance;
	}

	/** @return the random seed */
	public long seed() {
		return seed;
	}

	/** How the initial centres are chosen (on the initialisation subset). */
	public enum Init {
		/** Greedy k-means++ (scikit-learn's default). */
		K_MEANS_PLUS_PLUS("k-means++"),
		/** k distinct samples drawn uniformly (scikit-learn's {@code init="random"}). */
		RANDOM("random");

		private final String label;

		Init(final String label) {
			this.label = label;
		}

		/** @return the name used in dialogs and macros */
		public String label() {
			return label;
		}

		/** @return the init named {@code label} (case-insensitive) */
		public static Init of(final String label) {
			for (final Init i : values())
				if (i.label.equalsIgnoreCase(label)) return i;
			throw new IllegalArgumentException("init must be k-means++ or random, got \"" + label + "\".");
		}
	}

	/** @return how the initial centres are chosen */
	public Init init() {
		return init;
	}

	/**
	 * @return a copy of the explicit initial centres (k x d, row-major), or null for {@link #init()}: given,
	 *         they replace the initialisations (one start, as scikit-learn with an array {@code init})
	 */
	public double[] initialCentres() {
		return initialCentres == null ? null : initialCentres.clone();
	}

	/** Builds {@link MiniBatchSettings}. */
	public static final class Builder {

		private final int clusters;
		private int batchSize = DEFAULT_BATCH_SIZE;
		private int restarts = DEFAULT_RESTARTS;
		private int maxIterations = DEFAULT_MAX_ITERATIONS;
		private int maxNoImprovement = DEFAULT_MAX_NO_IMPROVEMENT;
		private double reassignmentRatio = DEFAULT_REASSIGNMENT_RATIO;
		private int initSize;
		private int lloydIterations;
		private int seedingTrials;
		private double tolerance;
		private long seed;
		private Init init = Init.K_MEANS_PLUS_PLUS;
		private double[] initialCentres;

		private Builder(final int clusters) {
			this.clusters = clusters;
		}

		/** @param value samples per mini-batch, >= 1 */
		public Builder batchSize(final int value) {
			batchSize = value;
			return this;
		}

		/** @param value initialisations tried (n_init), >= 1 */
		public Builder restarts(final int value) {
			restarts = value;
			return this;
		}

		/** @param value largest number of passes over the data, >= 1 */
		public Builder maxIterations(final int value) {
			maxIterations = value;
			return this;
		}

		/** @param value steps without improvement before stopping, >= 0 (0 = never stop early) */
		public Builder maxNoImprovement(final int value) {
			maxNoImprovement = value;
			return this;
		}

		/** @param value reassignment ratio in [0, 1] */
		public Builder reassignmentRatio(final double value) {
			reassignmentRatio = value;
			return this;
		}

		/** @param value samples per initialisation, >= 0 (0 = 3 x batch size) */
		public Builder initSize(final int value) {
			initSize = value;
			return this;
		}

		/** @param value tolerance relative to the mean variance, >= 0 (0 = not used) */
		public Builder tolerance(final double value) {
			tolerance = value;
			return this;
		}

		/** @param value random seed */
		public Builder seed(final long value) {
			seed = value;
			return this;
		}

		/** @param value how the initial centres are chosen */
		public Builder init(final Init value) {
			init = value;
			return this;
		}

		/** @param centres explicit initial centres, k x d row-major (no initialisation is then drawn) */
		public Builder initialCentres(final double[] centres) {
			initialCentres = centres;
			return this;
		}

		/**
		 * @param value full k-means (Lloyd) iterations after the mini-batch steps, >= 0 (0 = none); they stop
		 *        early when no label changes, and an iteration that would empty a cluster is not taken
		 */
		public Builder lloydIterations(final int value) {
			lloydIterations = value;
			return this;
		}

		/**
		 * @param value k-means++ candidates per centre after the first, >= 0 (0 = scikit-learn's
		 *        {@code 2 + floor(ln k)}); fewer are faster, and seed a little worse
		 */
		public Builder seedingTrials(final int value) {
			seedingTrials = value;
			return this;
		}

		/** @return the validated settings */
		public MiniBatchSettings build() {
			return new MiniBatchSettings(this);
		}
	}
}
