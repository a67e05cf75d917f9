package io.github.pixelclustering.kmeans;

/** Squared Euclidean distances and nearest-centre search shared by every k-means variant. */
final class Distances {

	private Distances() {}

	/** @return squared distance between a[aOffset..+d) and b[bOffset..+d) */
	static double squared(final double[] a, final int aOffset, final double[] b, final int bOffset, final int d) {
		double sum = 0;
		for (int f = 0; f < d; f++) {
			final double diff = a[aOffset + f] - b[bOffset + f];
			sum += diff * diff;
		}
		return sum;
	}

	/** @return index of the nearest centre to sample {@code i}; strict {@code <}, so the lowest index wins ties */
	static int nearest(final double[] x, final int i, final double[] centres, final int k, final int d) {
		final int offset = i * d;
		int best = 0;
		double bestDistance = Double.POSITIVE_INFINITY;
		for (int j = 0; j < k; j++) {
			final double dist = squared(x, offset, centres, j * d, d);
			if (dist < bestDistance) {
				bestDistance = dist;
				best = j;
			}
		}
		return best;
	}
}
