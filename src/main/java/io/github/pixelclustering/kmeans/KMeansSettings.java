package io.github.pixelclustering.kmeans;

/**
 * Settings of {@link KMeans}, validated when built; scikit-learn 1.2 defaults.
 * <p>
 * Build with {@link #builder(int)}: {@code KMeansSettings.builder(16).restarts(10).seed(0).build()}.
 */
public final class KMeansSettings {

	/** Largest number of clusters accepted. */
	public static final int MAX_CLUSTERS = 65535;
	/** Default number of restarts (scikit-learn's {@code n_init}). */
	public static final int DEFAULT_RESTARTS = 10;
	/** Default largest number of Lloyd iterations per restart. */
	public static final int DEFAULT_MAX_ITERATIONS = 300;
	/** Default tolerance, relative to the mean per-feature variance of the data. */
	public static final double DEFAULT_TOLERANCE = 1e-4;

	/**
	 * How the Lloyd iterations are computed; all give the same labels, centres and iterations from the
	 * same seed or the same initial centres (k-means++ always seeds in the caller's sample order). With
	 * {@link #refine()} and more than {@value KMeansSettings#KD_TREE_MAX_FEATURES} features, {@code KD_TREE}
	 * builds its coreset from its own tree and may reach another minimum than the others.
	 */
	public enum Algorithm {
		/** {@link #KD_TREE} for at most {@value KMeansSettings#KD_TREE_MAX_FEATURES} features, else {@link #HAMERLY}. */
		AUTO,
		/** Distances from every sample to every centre, every iteration. */
		LLOYD,
		/** Hamerly's bounds skip distance computations that cannot change an assignment. */
		HAMERLY,
		/** Kanungo's filtering over a kd-tree of the samples: for low-dimensional data such as colours. */
		KD_TREE;

		/** @return the algorithm to use for data with {@code features} features */
		public Algorithm resolve(final int features) {
			if (this != AUTO) return this;
			return features <= KD_TREE_MAX_FEATURES ? KD_TREE : HAMERLY;
		}
	}

	/** Most features for which {@link Algorithm#AUTO} picks the kd-tree. */
	public static final int KD_TREE_MAX_FEATURES = 4;

	private final int clusters;
	private final int restarts;
	private final int maxIterations;
	private final double tolerance;
	private final long seed;
	private final double[] initialCentres;
	private final Algorithm algorithm;
	private final boolean refine;
	private final MiniBatchSettings.Init init;

	private KMeansSettings(final Builder b) {
		if (b.clusters < 1 || b.clusters > MAX_CLUSTERS) throw new IllegalArgumentException("clusters must be in [1, " + MAX_CLUSTERS + "], got " + b.clusters);
		if (b.restarts < 1) throw new IllegalArgumentException("restarts must be >= 1, got " + b.restarts);
		if (b.maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, got " + b.maxIterations);
		if (!(b.tolerance >= 0) || Double.isInfinite(b.tolerance)) throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + b.tolerance);
		if (b.initialCentres != null) {
			if (b.initialCentres.length % b.clusters != 0 || b.initialCentres.length == 0) throw new IllegalArgumentException("initial centres must hold clusters x features values, got " + b.initialCentres.length + " values for " + b.clusters + " clusters");
			for (int i = 0; i < b.initialCentres.length; i++)
				if (!Double.isFinite(b.initialCentres[i])) throw new IllegalArgumentException("initial centres must be finite, got " + b.initialCentres[i] + " at value " + i);
		}
		this.clusters = b.clusters;
		this.restarts = b.initialCentres != null ? 1 : b.restarts;
		this.maxIterations = b.maxIterations;
		this.tolerance = b.tolerance;
		this.seed = b.seed;
		this.initialCentres = b.initialCentres == null ? null : b.initialCentres.clone();
		this.algorithm = b.algorithm;
		this.refine = b.refine;
		this.init = b.init;
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

	/** @return number of k-means++ restarts; 1 with explicit initial centres */
	public int restarts() {
		return restarts;
	}

	/** @return largest number of Lloyd iterations per restart */
	public int maxIterations() {
		return maxIterations;
	}

	/** @return tolerance on the squared centre shift, relative to the mean per-feature variance */
	public double tolerance() {
		return tolerance;
	}

	/** @return the random seed */
	public long seed() {
		return seed;
	}

	/**
	 * @return how each restart chooses its initial centres when none are given: k-means++ (the default)
	 *         or k distinct samples drawn uniformly (scikit-learn's {@code init="random"}; samples of
	 *         weight 0 are never drawn); the coreset restarts of {@link #refine()} are k-means++ only
	 */
	public MiniBatchSettings.Init init() {
		return init;
	}

	/** @return a copy of the explicit initial centres (k x d, row-major), or null for k-means++ */
	public double[] initialCentres() {
		return initialCentres == null ? null : initialCentres.clone();
	}

	/** @return the iteration algorithm */
	public Algorithm algorithm() {
		return algorithm;
	}

	/**
	 * @return whether the restarts run on a coreset, followed by a consensus run and a split–merge search
	 *         (see {@link KMeans}); off by default, for scikit-learn's exact algorithm
	 */
	public boolean refine() {
		return refine;
	}

	/** Builds {@link KMeansSettings}. */
	public static final class Builder {

		private final int clusters;
		private int restarts = DEFAULT_RESTARTS;
		private int maxIterations = DEFAULT_MAX_ITERATIONS;
		private double tolerance = DEFAULT_TOLERANCE;
		private long seed;
		private double[] initialCentres;
		private Algorithm algorithm = Algorithm.AUTO;
		private boolean refine;
		private MiniBatchSettings.Init init = MiniBatchSettings.Init.K_MEANS_PLUS_PLUS;

		private Builder(final int clusters) {
			this.clusters = clusters;
		}

		/** @param value number of k-means++ restarts (n_init), >= 1; the best inertia wins */
		public Builder restarts(final int value) {
			restarts = value;
			return this;
		}

		/** @param value largest number of iterations per restart, >= 1 */
		public Builder maxIterations(final int value) {
			maxIterations = value;
			return this;
		}

		/** @param value tolerance relative to the mean per-feature variance, >= 0 */
		public Builder tolerance(final double value) {
			tolerance = value;
			return this;
		}

		/** @param value random seed */
		public Builder seed(final long value) {
			seed = value;
			return this;
		}

		/** @param centres explicit initial centres, k x d row-major; implies one restart */
		public Builder initialCentres(final double[] centres) {
			initialCentres = centres;
			return this;
		}

		/** @param value how each restart chooses its initial centres (see {@link KMeansSettings#init()}) */
		public Builder init(final MiniBatchSettings.Init value) {
			if (value == null) throw new IllegalArgumentException("init must be k-means++ or random, got null");
			init = value;
			return this;
		}

		/** @param value iteration algorithm */
		public Builder algorithm(final Algorithm value) {
			algorithm = value;
			return this;
		}

		/**
		 * @param value run several k-means++ restarts on a coreset, then from the consensus of their
		 *        centres, finish the best on all samples and improve it by split–merge swaps
		 */
		public Builder refine(final boolean value) {
			refine = value;
			return this;
		}

		/** @return the validated settings */
		public KMeansSettings build() {
			return new KMeansSettings(this);
		}
	}
}
