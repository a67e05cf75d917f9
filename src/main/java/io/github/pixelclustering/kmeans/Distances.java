package io.github.pixelclustering.kmeans;

/** Squared Euclidean distances and nearest-centre search shared by every k-means variant. */
final class Distances {

	private Distances() {}

	/** From this many features on, sums run in four interleaved parts. */
	static final int INTERLEAVED = 16;

	/**
	 * @return squared distance between a[aOffset..+d) and b[bOffset..+d); below {@value #INTERLEAVED}
	 *         features summed in feature order, from there in four interleaved partial sums (so long
	 *         profiles do not wait on one chain of additions), combined as (s0 + s1) + (s2 + s3)
	 */
	static double squared(final double[] a, final int aOffset, final double[] b, final int bOffset, final int d) {
		if (d < INTERLEAVED) {
			double sum = 0;
			for (int f = 0; f < d; f++) {
				final double diff = a[aOffset + f] - b[bOffset + f];
				sum += diff * diff;
			}
			return sum;
		}
		double s0 = 0;
		double s1 = 0;
		double s2 = 0;
		double s3 = 0;
		int f = 0;
		for (; f + 4 <= d; f += 4) {
			final double e0 = a[aOffset + f] - b[bOffset + f];
			final double e1 = a[aOffset + f + 1] - b[bOffset + f + 1];
			final double e2 = a[aOffset + f + 2] - b[bOffset + f + 2];
			final double e3 = a[aOffset + f + 3] - b[bOffset + f + 3];
			s0 += e0 * e0;
			s1 += e1 * e1;
			s2 += e2 * e2;
			s3 += e3 * e3;
		}
		for (; f < d; f++) {
			final double diff = a[aOffset + f] - b[bOffset + f];
			s0 += diff * diff;
		}
		return (s0 + s1) + (s2 + s3);
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
