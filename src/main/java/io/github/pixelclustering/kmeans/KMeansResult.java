package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.FeatureMatrix;

/**
 * A fitted k-means model: centres, the label of every training sample, inertia and iterations.
 * Immutable; accessors return copies.
 */
public final class KMeansResult {

	private final double[] centres;
	private final int clusters;
	private final int features;
	private final int[] labels;
	private final double inertia;
	private final int iterations;

	/**
	 * @param centres k x d, row-major
	 * @param clusters k
	 * @param labels label in 0..k-1 of each training sample
	 * @param inertia weighted sum of squared distances of the samples to their centres
	 * @param iterations Lloyd iterations (k-means) or mini-batch steps of the returned run
	 */
	KMeansResult(final double[] centres, final int clusters, final int[] labels, final double inertia, final int iterations) {
		this.centres = centres;
		this.clusters = clusters;
		this.features = centres.length / clusters;
		this.labels = labels;
		this.inertia = inertia;
		this.iterations = iterations;
	}

	/** @return the centres, k x d, row-major (a copy) */
	public double[] centres() {
		return centres.clone();
	}

	/** @return number of clusters k */
	public int clusters() {
		return clusters;
	}

	/** @return number of features d */
	public int features() {
		return features;
	}

	/** @return the label in 0..k-1 of each training sample (a copy) */
	public int[] labels() {
		return labels.clone();
	}

	/** @return the label of training sample {@code i} */
	public int label(final int i) {
		return labels[i];
	}

	/** @return weighted sum of squared distances of the training samples to their centres */
	public double inertia() {
		return inertia;
	}

	/** @return iterations of the returned run */
	public int iterations() {
		return iterations;
	}

	/**
	 * Nearest centre of each sample (lowest index on ties), as in the fit.
	 *
	 * @param x samples with {@link #features()} columns
	 * @return one label per row
	 */
	public int[] predict(final FeatureMatrix x) {
		checkFeatures(x);
		final int[] out = new int[x.rows()];
		for (int i = 0; i < out.length; i++)
			out[i] = Distances.nearest(x.data(), i, centres, clusters, features);
		return out;
	}

	/**
	 * Euclidean distance of each sample to each centre.
	 *
	 * @param x samples with {@link #features()} columns
	 * @return n x k distances, row-major
	 */
	public double[] transform(final FeatureMatrix x) {
		checkFeatures(x);
		final double[] out = new double[x.rows() * clusters];
		for (int i = 0; i < x.rows(); i++)
			for (int j = 0; j < clusters; j++)
				out[i * clusters + j] = Math.sqrt(Distances.squared(x.data(), i * features, centres, j * features, features));
		return out;
	}

	private void checkFeatures(final FeatureMatrix x) {
		if (x.cols() != features) throw new IllegalArgumentException("samples must have " + features + " features, got " + x.cols());
	}
}
