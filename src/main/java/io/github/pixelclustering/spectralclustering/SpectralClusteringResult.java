package io.github.pixelclustering.spectralclustering;

/**
 * The result of {@link SpectralClustering}: the label of every sample, the spectral embedding it was
 * clustered in and what the eigensolver found. Immutable; accessors return copies.
 */
public final class SpectralClusteringResult {

	private final int[] labels;
	private final int clusters;
	private final double[] embedding;
	private final double[] eigenvalues;
	private final int components;
	private final SpectralClusteringSettings.Eigensolver eigensolver;
	private final double residual;
	private final double inertia;

	SpectralClusteringResult(final int[] labels, final int clusters, final double[] embedding, final double[] eigenvalues, final int components, final SpectralClusteringSettings.Eigensolver eigensolver, final double residual, final double inertia) {
		this.labels = labels;
		this.clusters = clusters;
		this.embedding = embedding;
		this.eigenvalues = eigenvalues;
		this.components = components;
		this.eigensolver = eigensolver;
		this.residual = residual;
		this.inertia = inertia;
	}

	/** @return the label in 0..k-1 of every sample (a copy) */
	public int[] labels() {
		return labels.clone();
	}

	/** @return number of clusters k */
	public int clusters() {
		return clusters;
	}

	/** @return number of samples */
	public int samples() {
		return labels.length;
	}

	/**
	 * @return the spectral embedding, n x k row-major (a copy): column c is the eigenvector of the c-th
	 *         smallest eigenvalue of the normalised Laplacian divided by sqrt(degree), its sign chosen so
	 *         that its largest absolute entry is positive (scikit-learn's {@code spectral_embedding(...,
	 *         drop_first=False)})
	 */
	public double[] embedding() {
		return embedding.clone();
	}

	/** @return the k smallest eigenvalues of the normalised Laplacian, increasing (a copy) */
	public double[] eigenvalues() {
		return eigenvalues.clone();
	}

	/**
	 * @return connected components of the neighbour graph; more than 1 means the embedding is only
	 *         defined up to a rotation within the null space (scikit-learn warns "Graph is not fully
	 *         connected")
	 */
	public int components() {
		return components;
	}

	/** @return the eigensolver used, {@code DENSE} or {@code ITERATIVE} */
	public SpectralClusteringSettings.Eigensolver eigensolver() {
		return eigensolver;
	}

	/** @return the largest residual norm {@code |S v - lambda v|} of the returned unit eigenvectors */
	public double residual() {
		return residual;
	}

	/** @return the k-means inertia of the labels in the embedding */
	public double inertia() {
		return inertia;
	}
}
