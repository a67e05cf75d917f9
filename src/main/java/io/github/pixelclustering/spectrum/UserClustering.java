package io.github.pixelclustering.spectrum;

/**
 * A clustering algorithm written by the user, in place of {@link ClusterAnalysis.Algorithm}: HyperSpy's
 * {@code cluster_analysis(algorithm=obj)}, which takes any object with {@code fit} and {@code labels_},
 * setting its {@code n_clusters} (as {@code estimate_number_of_clusters} does for every k).
 * <p>
 * A functional interface, so a Groovy closure and a Jython function are one (see
 * {@link UserPreprocessing}). The labels are renumbered largest cluster first, and the centroids,
 * distances and centroid pixels are computed from them as for the agglomerative and spectral algorithms
 * (centres = the clusters' mean features). It should be deterministic for the results to be. A model
 * cannot be saved with it.
 */
@FunctionalInterface
public interface UserClustering {

	/**
	 * Clusters the features.
	 *
	 * @param features row-major n x d preprocessed features (a copy)
	 * @param pixels n
	 * @param dimensions d
	 * @param clusters k, the number of clusters asked for
	 * @return a label 0..k-1 per pixel, every label used
	 */
	int[] fit(double[] features, int pixels, int dimensions, int clusters);
}
