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
		return nearest(x, i, centres, k, d, null);
	}

	/**
	 * Index of the nearest centre to sample {@code i} (strict {@code <}: the lowest index wins ties), with
	 * a fast path for three features that computes the same numbers as {@link #squared}.
	 *
	 * @param distance if not null, receives the squared distance to that centre at index 0
	 */
	static int nearest(final double[] x, final int i, final double[] centres, final int k, final int d, final double[] distance) {
		int best = 0;
		double bestDistance = Double.POSITIVE_INFINITY;
		if (d == 3) {
			final double x0 = x[3 * i], x1 = x[3 * i + 1], x2 = x[3 * i + 2];
			for (int j = 0, o = 0; j < k; j++, o += 3) {
				final double e0 = x0 - centres[o], e1 = x1 - centres[o + 1], e2 = x2 - centres[o + 2];
				final double dist = e0 * e0 + e1 * e1 + e2 * e2;
				if (dist < bestDistance) {
					bestDistance = dist;
					best = j;
				}
			}
		}
		else {
			final int offset = i * d;
			for (int j = 0; j < k; j++) {
				final double dist = squared(x, offset, centres, j * d, d);
				if (dist < bestDistance) {
					bestDistance = dist;
					best = j;
				}
			}
		}
		if (distance != null) distance[0] = bestDistance;
		return best;
	}
}
