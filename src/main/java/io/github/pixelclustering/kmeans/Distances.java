package io.github.pixelclustering.kmeans;

/** Squared Euclidean distances and nearest-centre search shared by every k-means variant. */
final class Distances {

	private Distances() {}

	/** From this many features on, sums run in eight interleaved parts. */
	static final int INTERLEAVED = 16;

	/**
	 * @return squared distance between a[aOffset..+d) and b[bOffset..+d); below {@value #INTERLEAVED}
	 *         features summed in feature order, from there in eight interleaved partial sums (so long
	 *         profiles do not wait on one chain of additions), combined pairwise
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
		double s4 = 0;
		double s5 = 0;
		double s6 = 0;
		double s7 = 0;
		int f = 0;
		for (; f + 8 <= d; f += 8) {
			final int a0 = aOffset + f;
			final int b0 = bOffset + f;
			final double e0 = a[a0] - b[b0];
			final double e1 = a[a0 + 1] - b[b0 + 1];
			final double e2 = a[a0 + 2] - b[b0 + 2];
			final double e3 = a[a0 + 3] - b[b0 + 3];
			final double e4 = a[a0 + 4] - b[b0 + 4];
			final double e5 = a[a0 + 5] - b[b0 + 5];
			final double e6 = a[a0 + 6] - b[b0 + 6];
			final double e7 = a[a0 + 7] - b[b0 + 7];
			s0 += e0 * e0;
			s1 += e1 * e1;
			s2 += e2 * e2;
			s3 += e3 * e3;
			s4 += e4 * e4;
			s5 += e5 * e5;
			s6 += e6 * e6;
			s7 += e7 * e7;
		}
		for (; f < d; f++) {
			final double diff = a[aOffset + f] - b[bOffset + f];
			s0 += diff * diff;
		}
		return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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

	/**
	 * Squared distances from one row to several others at once, each summed in feature order: one chain
	 * of additions per other row, so the processor works on all of them while each waits.
	 *
	 * @param x the row's array
	 * @param offset where the row starts
	 * @param others the other rows, packed ({@code count x d})
	 * @param count number of other rows
	 * @param d features
	 * @param out receives the {@code count} squared distances
	 */
	static void squaredToMany(final double[] x, final int offset, final double[] others, final int count, final int d, final double[] out) {
		int t = 0;
		for (; t + 4 <= count; t += 4) {
			final int o0 = t * d;
			final int o1 = o0 + d;
			final int o2 = o1 + d;
			final int o3 = o2 + d;
			double s0 = 0;
			double s1 = 0;
			double s2 = 0;
			double s3 = 0;
			for (int f = 0; f < d; f++) {
				final double v = x[offset + f];
				final double e0 = v - others[o0 + f];
				final double e1 = v - others[o1 + f];
				final double e2 = v - others[o2 + f];
				final double e3 = v - others[o3 + f];
				s0 += e0 * e0;
				s1 += e1 * e1;
				s2 += e2 * e2;
				s3 += e3 * e3;
			}
			out[t] = s0;
			out[t + 1] = s1;
			out[t + 2] = s2;
			out[t + 3] = s3;
		}
		for (; t < count; t++)
			out[t] = squared(x, offset, others, t * d, d);
	}

	/** Lowers each of a[0..n) to b[offset + i] where that is smaller ({@link Math#min}). */
	static void lowerTo(final double[] a, final double[] b, final int offset, final int n) {
		for (int i = 0; i < n; i++)
			a[i] = Math.min(a[i], b[offset + i]);
	}

	/** @return the squared norm of a[offset..+d), FMA-accumulated in feature order (as {@link Columns}' dot products) */
	static double norm(final double[] a, final int offset, final int d) {
		double s = 0;
		for (int f = 0; f < d; f++)
			s = Math.fma(a[offset + f], a[offset + f], s);
		return s;
	}

	/** @return the squared norm ({@link #norm}) of each of the {@code count} rows of {@code rows} */
	static double[] norms(final double[] rows, final int count, final int d) {
		final double[] out = new double[count];
		for (int j = 0; j < count; j++)
			out[j] = norm(rows, j * d, d);
		return out;
	}
}
