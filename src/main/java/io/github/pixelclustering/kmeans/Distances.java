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
	 * @return the squared distances between centres, k x k row-major (for {@link #nearest(double[], int,
	 *         double[], int, int, double[], int, double[])})
	 */
	static double[] betweenCentres(final double[] centres, final int k, final int d) {
		final double[] out = new double[k * k];
		for (int a = 0; a < k; a++)
			for (int b = a + 1; b < k; b++) {
				final double v = squared(centres, a * d, centres, b * d, d);
				out[a * k + b] = v;
				out[b * k + a] = v;
			}
		return out;
	}

	/**
	 * The same nearest centre as {@link #nearest(double[], int, double[], int, int, double[])}, computing
	 * fewer distances: the distance to a guess (e.g. the sample's previous label) comes first, and a centre
	 * whose squared distance to the guess exceeds 4 x that distance (with a relative margin of 1e-9) is
	 * strictly farther (triangle inequality) and skipped. Ties still go to the lowest index.
	 *
	 * @param guess a centre index to start from
	 * @param between squared distances between centres, from {@link #betweenCentres}
	 */
	static int nearest(final double[] x, final int i, final double[] centres, final int k, final int d, final double[] distance, final int guess, final double[] between) {
		final int offset = i * d;
		final double guessDistance = squared(x, offset, centres, guess * d, d);
		final double limit = 4 * guessDistance * (1 + 1e-9);
		int best = 0;
		double bestDistance = Double.POSITIVE_INFINITY;
		for (int j = 0; j < k; j++) {
			final double dist;
			if (j == guess) dist = guessDistance;
			else if (between[guess * k + j] > limit) continue;
			else dist = squared(x, offset, centres, j * d, d);
			if (dist < bestDistance) {
				bestDistance = dist;
				best = j;
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

	/** @return the squared norm of a[offset..+d), FMA-accumulated in feature order (as {@link #squaredBlock}'s dot products) */
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

	/**
	 * Squared distances between rows {@code from..to-1} of {@code a} and the {@code count} rows of {@code b}
	 * as {@code max(0, |a|^2 + |b|^2 - 2 a.b)}, with the dot products FMA-accumulated in feature order and
	 * computed four rows by four rows at a time (register-blocked, as a matrix product): each distance is
	 * the same number whatever block it falls in.
	 *
	 * @param a rows, row-major
	 * @param from first row of a
	 * @param to end row (exclusive)
	 * @param aNorms squared norms of a's rows ({@link #norm}), indexed by row of a
	 * @param b the other rows, packed ({@code count x d})
	 * @param count number of rows of b
	 * @param bNorms squared norms of b's rows
	 * @param d features
	 * @param out receives {@code out[(i - from) * count + t]}
	 */
	static void squaredBlock(final double[] a, final int from, final int to, final double[] aNorms, final double[] b, final int count, final double[] bNorms, final int d, final double[] out) {
		squaredBlock(a, from, to, aNorms, b, count, bNorms, d, out, from);
	}

	/** {@link #squaredBlock(double[], int, int, double[], double[], int, double[], int, double[])} into {@code out[(i - outFrom) * count + t]}. */
	static void squaredBlock(final double[] a, final int from, final int to, final double[] aNorms, final double[] b, final int count, final double[] bNorms, final int d, final double[] out, final int outFrom) {
		// columns in groups of four; the last count % 4 columns eight rows at a time (enough independent
		// chains of multiply-adds to keep the processor busy)
		final int full = count & ~3;
		int i = from;
		for (; i + 4 <= to; i += 4) {
			final int a0 = i * d, a1 = a0 + d, a2 = a1 + d, a3 = a2 + d;
			final int o = (i - outFrom) * count;
			int t = 0;
			for (; t < full; t += 4) {
				final int b0 = t * d, b1 = b0 + d, b2 = b1 + d, b3 = b2 + d;
				double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
				double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
				for (int f = 0; f < d; f++) {
					final double x0 = a[a0 + f], x1 = a[a1 + f], x2 = a[a2 + f], x3 = a[a3 + f];
					final double y0 = b[b0 + f], y1 = b[b1 + f], y2 = b[b2 + f], y3 = b[b3 + f];
					s00 = Math.fma(x0, y0, s00);
					s01 = Math.fma(x0, y1, s01);
					s02 = Math.fma(x0, y2, s02);
					s03 = Math.fma(x0, y3, s03);
					s10 = Math.fma(x1, y0, s10);
					s11 = Math.fma(x1, y1, s11);
					s12 = Math.fma(x1, y2, s12);
					s13 = Math.fma(x1, y3, s13);
					s20 = Math.fma(x2, y0, s20);
					s21 = Math.fma(x2, y1, s21);
					s22 = Math.fma(x2, y2, s22);
					s23 = Math.fma(x2, y3, s23);
					s30 = Math.fma(x3, y0, s30);
					s31 = Math.fma(x3, y1, s31);
					s32 = Math.fma(x3, y2, s32);
					s33 = Math.fma(x3, y3, s33);
				}
				final double n0 = aNorms[i], n1 = aNorms[i + 1], n2 = aNorms[i + 2], n3 = aNorms[i + 3];
				final double m0 = bNorms[t], m1 = bNorms[t + 1], m2 = bNorms[t + 2], m3 = bNorms[t + 3];
				final int p0 = o + t, p1 = p0 + count, p2 = p1 + count, p3 = p2 + count;
				out[p0] = fromDot(n0, m0, s00);
				out[p0 + 1] = fromDot(n0, m1, s01);
				out[p0 + 2] = fromDot(n0, m2, s02);
				out[p0 + 3] = fromDot(n0, m3, s03);
				out[p1] = fromDot(n1, m0, s10);
				out[p1 + 1] = fromDot(n1, m1, s11);
				out[p1 + 2] = fromDot(n1, m2, s12);
				out[p1 + 3] = fromDot(n1, m3, s13);
				out[p2] = fromDot(n2, m0, s20);
				out[p2 + 1] = fromDot(n2, m1, s21);
				out[p2 + 2] = fromDot(n2, m2, s22);
				out[p2 + 3] = fromDot(n2, m3, s23);
				out[p3] = fromDot(n3, m0, s30);
				out[p3 + 1] = fromDot(n3, m1, s31);
				out[p3 + 2] = fromDot(n3, m2, s32);
				out[p3 + 3] = fromDot(n3, m3, s33);
			}
		}
		for (; i < to; i++) {
			final int a0 = i * d;
			final int o = (i - outFrom) * count;
			final double n0 = aNorms[i];
			int t = 0;
			for (; t < full; t += 4) {
				final int b0 = t * d, b1 = b0 + d, b2 = b1 + d, b3 = b2 + d;
				double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
				for (int f = 0; f < d; f++) {
					final double x = a[a0 + f];
					s0 = Math.fma(x, b[b0 + f], s0);
					s1 = Math.fma(x, b[b1 + f], s1);
					s2 = Math.fma(x, b[b2 + f], s2);
					s3 = Math.fma(x, b[b3 + f], s3);
				}
				out[o + t] = fromDot(n0, bNorms[t], s0);
				out[o + t + 1] = fromDot(n0, bNorms[t + 1], s1);
				out[o + t + 2] = fromDot(n0, bNorms[t + 2], s2);
				out[o + t + 3] = fromDot(n0, bNorms[t + 3], s3);
			}
		}
		for (int t = full; t < count; t++) {
			final int b0 = t * d;
			final double m = bNorms[t];
			int r = from;
			for (; r + 8 <= to; r += 8) {
				final int a0 = r * d;
				double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
				for (int f = 0; f < d; f++) {
					final double y = b[b0 + f];
					final int q = a0 + f;
					s0 = Math.fma(a[q], y, s0);
					s1 = Math.fma(a[q + d], y, s1);
					s2 = Math.fma(a[q + 2 * d], y, s2);
					s3 = Math.fma(a[q + 3 * d], y, s3);
					s4 = Math.fma(a[q + 4 * d], y, s4);
					s5 = Math.fma(a[q + 5 * d], y, s5);
					s6 = Math.fma(a[q + 6 * d], y, s6);
					s7 = Math.fma(a[q + 7 * d], y, s7);
				}
				final int o = (r - outFrom) * count + t;
				out[o] = fromDot(aNorms[r], m, s0);
				out[o + count] = fromDot(aNorms[r + 1], m, s1);
				out[o + 2 * count] = fromDot(aNorms[r + 2], m, s2);
				out[o + 3 * count] = fromDot(aNorms[r + 3], m, s3);
				out[o + 4 * count] = fromDot(aNorms[r + 4], m, s4);
				out[o + 5 * count] = fromDot(aNorms[r + 5], m, s5);
				out[o + 6 * count] = fromDot(aNorms[r + 6], m, s6);
				out[o + 7 * count] = fromDot(aNorms[r + 7], m, s7);
			}
			for (; r < to; r++) {
				final int a0 = r * d;
				double s = 0;
				for (int f = 0; f < d; f++)
					s = Math.fma(a[a0 + f], b[b0 + f], s);
				out[(r - outFrom) * count + t] = fromDot(aNorms[r], m, s);
			}
		}
	}

	private static double fromDot(final double aNorm, final double bNorm, final double dot) {
		return Math.max(0, aNorm + bNorm - 2 * dot);
	}
}
