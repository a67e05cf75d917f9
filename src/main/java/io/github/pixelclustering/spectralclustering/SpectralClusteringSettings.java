package io.github.pixelclustering.spectralclustering;

import io.github.pixelclustering.kmeans.KMeansSettings;

/**
 * Settings of {@link SpectralClustering}, validated when built; scikit-learn 1.2 defaults
 * ({@code SpectralClustering(affinity="nearest_neighbors", n_neighbors=10, assign_labels="kmeans",
 * n_init=10)}).
 * <p>
 * Build with {@link #builder(int)}: {@code SpectralClusteringSettings.builder(4).seed(0).build()}.
 */
public final class SpectralClusteringSettings {

	/** Default neighbours per sample, the sample itself included (scikit-learn's {@code n_neighbors}). */
	public static final int DEFAULT_NEIGHBOURS = 10;
	/** Default number of k-means++ restarts on the embedding (scikit-learn's {@code n_init}). */
	public static final int DEFAULT_RESTARTS = 10;
	/** Most samples for which {@link Eigensolver#AUTO} uses the dense solver. */
	public static final int DENSE_MAX_SAMPLES = 256;

	/** How the eigenvectors of the graph are computed. */
	public enum Eigensolver {
		/** {@link #DENSE} up to {@value SpectralClusteringSettings#DENSE_MAX_SAMPLES} samples (or when the block would not fit), else {@link #ITERATIVE}. */
		AUTO,
		/** All eigenpairs of the dense n x n matrix: O(n^3) time, O(n^2) memory. */
		DENSE,
		/** Chebyshev-filtered subspace iteration on the sparse graph: memory proportional to n. */
		ITERATIVE;

		/**
		 * @param samples number of samples n
		 * @param clusters number of clusters k
		 * @return the solver used for that problem
		 */
		public Eigensolver resolve(final int samples, final int clusters) {
			if (this != AUTO) return this;
			return samples <= DENSE_MAX_SAMPLES || 2 * GraphEigenvectors.blockSize(clusters) >= samples ? DENSE : ITERATIVE;
		}
	}

	private final int clusters;
	private final int neighbours;
	private final int restarts;
	private final long seed;
	private final Eigensolver eigensolver;

	private SpectralClusteringSettings(final Builder b) {
		if (b.clusters < 1 || b.clusters > KMeansSettings.MAX_CLUSTERS) throw new IllegalArgumentException("clusters must be in [1, " + KMeansSettings.MAX_CLUSTERS + "], got " + b.clusters);
		if (b.neighbours < 2) throw new IllegalArgumentException("neighbours must be >= 2 (the sample itself and at least one other), got " + b.neighbours);
		if (b.restarts < 1) throw new IllegalArgumentException("restarts must be >= 1, got " + b.restarts);
		if (b.eigensolver == null) throw new IllegalArgumentException("eigensolver must be AUTO, DENSE or ITERATIVE, got null");
		this.clusters = b.clusters;
		this.neighbours = b.neighbours;
		this.restarts = b.restarts;
		this.seed = b.seed;
		this.eigensolver = b.eigensolver;
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

	/** @return neighbours per sample, the sample itself included */
	public int neighbours() {
		return neighbours;
	}

	/** @return number of k-means++ restarts on the embedding */
	public int restarts() {
		return restarts;
	}

	/** @return the random seed (start block of the iterative eigensolver, k-means++) */
	public long seed() {
		return seed;
	}

	/** @return the eigensolver asked for */
	public Eigensolver eigensolver() {
		return eigensolver;
	}

	/** Builds {@link SpectralClusteringSettings}. */
	public static final class Builder {

		private final int clusters;
		private int neighbours = DEFAULT_NEIGHBOURS;
		private int restarts = DEFAULT_RESTARTS;
		private long seed;
		private Eigensolver eigensolver = Eigensolver.AUTO;

		private Builder(final int clusters) {
			this.clusters = clusters;
		}

		/** @param value neighbours per sample, the sample itself included, >= 2 */
		public Builder neighbours(final int value) {
			neighbours = value;
			return this;
		}

		/** @param value k-means++ restarts on the embedding, >= 1; the lowest inertia wins */
		public Builder restarts(final int value) {
			restarts = value;
			return this;
		}

		/** @param value random seed */
		public Builder seed(final long value) {
			seed = value;
			return this;
		}

		/** @param value how the eigenvectors are computed */
		public Builder eigensolver(final Eigensolver value) {
			eigensolver = value;
			return this;
		}

		/** @return the validated settings */
		public SpectralClusteringSettings build() {
			return new SpectralClusteringSettings(this);
		}
	}
}
