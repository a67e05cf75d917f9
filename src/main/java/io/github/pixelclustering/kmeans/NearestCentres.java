package io.github.pixelclustering.kmeans;

/**
 * scikit-learn's {@code KMeans.predict} on primitive arrays: the nearest of k fitted centres by squared
 * Euclidean distance, computed exactly as the fit computes it (so a training sample gets the label of
 * the fit), lowest index on ties. {@link KMeans} fits compare {@link Distances#squared}; mini-batch fits
 * ({@link MiniBatchKMeans}, and so hierarchical k-means) compare rows of at least
 * {@value Distances#INTERLEAVED} features as {@code max(0, |x|^2 + |c|^2 - 2 x.c)} (see
 * {@link #ofMiniBatch}). Immutable and safe to share between threads.
 */
public final class NearestCentres {

	private final double[] centres;
	private final int clusters;
	private final int features;
	/** Squared norms of the centres for the mini-batch arithmetic of long rows, else null. */
	private final double[] centreNorms;

	/**
	 * The nearest centre as {@link KMeans} computes it.
	 *
	 * @param centres k x d, row-major (copied)
	 * @param clusters k, >= 1
	 */
	public NearestCentres(final double[] centres, final int clusters) {
		this(centres, clusters, false);
	}

	/**
	 * The nearest centre as {@link MiniBatchKMeans}' final assignment (and its Lloyd iterations) compute
	 * it: for rows of at least {@value Distances#INTERLEAVED} features {@code max(0, |x|^2 + |c|^2 - 2
	 * x.c)}, the dot product multiply-added in feature order, as {@code Columns}; shorter rows as
	 * {@link KMeans}.
	 *
	 * @param centres k x d, row-major (copied)
	 * @param clusters k, >= 1
	 * @return the search
	 */
	public static NearestCentres ofMiniBatch(final double[] centres, final int clusters) {
		return new NearestCentres(centres, clusters, true);
	}

	private NearestCentres(final double[] centres, final int clusters, final boolean miniBatch) {
		if (clusters < 1 || centres.length % clusters != 0 || centres.length == 0) throw new IllegalArgumentException("centres must be k x d with k >= 1, got " + centres.length + " values for k = " + clusters);
		for (int v = 0; v < centres.length; v++)
			if (!Double.isFinite(centres[v])) throw new IllegalArgumentException("centres must be finite, got " + centres[v] + " in centre " + (v / (centres.length / clusters)));
		this.centres = centres.clone();
		this.clusters = clusters;
		this.features = centres.length / clusters;
		this.centreNorms = miniBatch && features >= Distances.INTERLEAVED ? Distances.norms(this.centres, clusters, features) : null;
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
		return nearest(row, 0);
	}

	/**
	 * @param x samples, row-major
	 * @param i the row
	 * @return index 0..k-1 of the nearest centre of row {@code i}
	 */
	public int nearest(final double[] x, final int i) {
		if (centreNorms != null) return nearestDense(x, i);
		return Distances.nearest(x, i, centres, clusters, features);
	}

	/** The mini-batch arithmetic of long rows: one row against every centre, strict {@code <}. */
	private int nearestDense(final double[] x, final int i) {
		final int d = features;
		final int o = i * d;
		final double norm = Distances.norm(x, o, d);
		int best = 0;
		double bestDistance = Double.POSITIVE_INFINITY;
		for (int j = 0; j < clusters; j++) {
			final int c = j * d;
			double dot = 0;
			for (int f = 0; f < d; f++)
				dot = Math.fma(x[o + f], centres[c + f], dot);
			final double dist = Math.max(0, norm + centreNorms[j] - 2 * dot);
			if (dist < bestDistance) {
				bestDistance = dist;
				best = j;
			}
		}
		return best;
	}

	/**
	 * @param x samples, row-major
	 * @param i the row
	 * @param distance receives the squared distance to the nearest centre in its first element
	 * @return index 0..k-1 of the nearest centre of row {@code i}
	 */
	public int nearest(final double[] x, final int i, final double[] distance) {
		if (centreNorms != null) {
			final int j = nearestDense(x, i);
			distance[0] = Math.max(0, Distances.norm(x, i * features, features) + centreNorms[j] - 2 * dot(x, i * features, j * features));
			return j;
		}
		return Distances.nearest(x, i, centres, clusters, features, distance); // the KMeans arithmetic
	}

	private double dot(final double[] x, final int o, final int c) {
		double dot = 0;
		for (int f = 0; f < features; f++)
			dot = Math.fma(x[o + f], centres[c + f], dot);
		return dot;
	}

	/** @return squared distance of row {@code i} of {@code x} to centre {@code j} */
	public double squaredDistance(final double[] x, final int i, final int j) {
		return Distances.squared(x, i * features, centres, j * features, features);
	}
}
