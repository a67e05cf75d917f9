package io.github.pixelclustering.kmeans;

/**
 * The greedy weighted k-means++ of {@link KMeansPlusPlus} (same draws, same choices) for a small set of
 * long rows, in one thread: the distances from every row to all candidates of a step come from one
 * register-blocked {@link Distances#squaredBlock} pass over precomputed squared norms, and the chosen
 * candidate's distances are kept rather than computed again. Distances are {@code |x|^2 + |c|^2 - 2 x.c}
 * (as scikit-learn's), so they may differ from {@link KMeansPlusPlus}'s in the last bits.
 */
final class DenseSeeding {

	private DenseSeeding() {}

	/** Source of uniform numbers in [0, 1). */
	@FunctionalInterface
	interface Uniform {

		double next();
	}

	/** @return how many uniform numbers {@link #seed} takes for k centres */
	static int uniformsNeeded(final int k) {
		return 1 + (k - 1) * KMeansPlusPlus.trials(k);
	}

	/**
	 * @param x rows, n x d row-major
	 * @param n number of rows
	 * @param d features
	 * @param norms squared norms of the rows ({@link Distances#norm})
	 * @param w row weights (multiplicities), at least k of them > 0
	 * @param k centres
	 * @param uniform {@link #uniformsNeeded} uniform numbers, used in the order {@link KMeansPlusPlus}
	 *        uses its random numbers
	 * @return k x d centres
	 */
	static double[] seed(final double[] x, final int n, final int d, final double[] norms, final double[] w, final int k, final Uniform uniform) {
		final int trials = KMeansPlusPlus.trials(k);
		final double[] centres = new double[k * d];
		final double[] closest = new double[n];
		final double[] dist = new double[n * trials];
		final double[] rows = new double[trials * d];
		final double[] rowNorms = new double[trials];
		final int[] candidates = new int[trials];
		final double[] potentials = new double[trials];

		double total = 0;
		for (int i = 0; i < n; i++)
			total += w[i];
		final int first = pick(uniform.next() * total, w, null, n);
		System.arraycopy(x, first * d, centres, 0, d);
		rowNorms[0] = norms[first];
		Distances.squaredBlock(x, 0, n, norms, centres, 1, rowNorms, d, closest);
		double potential = 0;
		for (int i = 0; i < n; i++)
			potential += w[i] * closest[i];

		for (int centre = 1; centre < k; centre++) {
			for (int t = 0; t < trials; t++) {
				candidates[t] = pick(uniform.next() * potential, w, closest, n);
				System.arraycopy(x, candidates[t] * d, rows, t * d, d);
				rowNorms[t] = norms[candidates[t]];
			}
			Distances.squaredBlock(x, 0, n, norms, rows, trials, rowNorms, d, dist);
			java.util.Arrays.fill(potentials, 0);
			for (int i = 0; i < n; i++) {
				final double near = closest[i];
				final double wi = w[i];
				for (int t = 0; t < trials; t++)
					potentials[t] += wi * Math.min(near, dist[i * trials + t]);
			}
			int best = 0;
			double bestPotential = Double.POSITIVE_INFINITY;
			for (int t = 0; t < trials; t++)
				if (potentials[t] < bestPotential) {
					bestPotential = potentials[t];
					best = t;
				}
			System.arraycopy(x, candidates[best] * d, centres, centre * d, d);
			for (int i = 0; i < n; i++)
				closest[i] = Math.min(closest[i], dist[i * trials + best]);
			potential = bestPotential;
		}
		return centres;
	}

	/**
	 * The first row at which the running mass (weight, times the closest distance if given) exceeds the
	 * target; rows without mass are never picked while any has mass; the last row with mass when rounding
	 * leaves the target past the total.
	 */
	private static int pick(final double target, final double[] w, final double[] closest, final int n) {
		double running = 0;
		for (int i = 0; i < n; i++) {
			final double m = closest == null ? w[i] : w[i] * closest[i];
			if (m <= 0) continue;
			running += m;
			if (running > target) return i;
		}
		for (int i = n - 1; i >= 0; i--)
			if ((closest == null ? w[i] : w[i] * closest[i]) > 0) return i;
		return 0;
	}
}
