package io.github.pixelclustering.kmeans;

/**
 * scikit-learn's {@code KMeans.predict} on primitive arrays: the nearest of k fitted centres by squared
 * Euclidean distance, computed exactly as the fit computes it (so a training sample gets the label of
 * the fit), lowest index on ties. Immutable and safe to share between threads.
 */
public final class NearestCentres {

	private final double[] centres;
	private final int clusters;
	private final int features;

	/**
	 * @param centres k x d, row-major (copied)
	 * @param clusters k, >= 1
	 */
	public NearestCentres(final double[] centres, final int clusters) {
		if (clusters < 1 || centres.length % clusters != 0 || centres.length == 0) throw new IllegalArgumentException("centres must be k x d with k >= 1, got " + centres.length + " values for k = " + clusters);
		for (int v = 0; v < centres.length; v++)
			if (!Double.isFinite(centres[v])) throw new IllegalArgumentException("centres must be finite, got " + centres[v] + " in centre " + (v / (centres.length / clusters)));
		this.centres = centres.clone();
		this.clusters = clusters;
		this.features = centres.length / clusters;
	}

	/** @return k */
	public int clusters() {
		return clusters;
	}

	/** @return d */
	public int features() {
		return features;
	}

	/**
	 * @param row one sample of {@link #features()} values, starting at index 0
	 * @return index 0..k-1 of its nearest centre
	 */
	public int nearest(final double[] row) {
		return Distances.nearest(row, 0, centres, clusters, features);
	}

	/**
	 * @param x samples, row-major
	 * @param i the row
	 * @return index 0..k-1 of the nearest centre of row {@code i}
	 */
	public int nearest(final double[] x, final int i) {
		return Distances.nearest(x, i, centres, clusters, features);
	}

	/**
	 * @param x samples, row-major
	 * @param i the row
	 * @param distance receives the squared distance to the nearest centre in its first element
	 * @return index 0..k-1 of the nearest centre of row {@code i}
	 */
	public int nearest(final double[] x, final int i, final double[] distance) {
		return Distances.nearest(x, i, centres, clusters, features, distance);
	}

	/** @return squared distance of row {@code i} of {@code x} to centre {@code j} */
	public double squaredDistance(final double[] x, final int i, final int j) {
		return Distances.squared(x, i * features, centres, j * features, features);
	}
}
