package io.github.pixelclustering.kmeans;

/**
 * The greedy weighted k-means++ of {@link KMeansPlusPlus} (same draws, same choices) for a small set of
 * long rows, in one thread: the distances from every row to each candidate of a step come from the
 * rows stored feature by feature ({@link Columns}: vector instructions, the numbers of
 * {@link Distances#squaredBlock}) and precomputed squared norms, and the chosen candidate's distances
 * are kept rather than computed again. Distances are {@code |x|^2 + |c|^2 - 2 x.c}
 * (as scikit-learn's), so they may differ from {@link KMeansPlusPlus}'s in the last bits.
 */
final class DenseSeeding {

	private DenseSeeding() {}

	/** Source of uniform numbers in [0, 1). */
	@FunctionalInterface
	interface Uniform {

		double next();

		/** @return the given numbers, in order */
		static Uniform of(final double[] values) {
			final int[] used = new int[1];
			return () -> values[used[0]++];
		}
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
		return new Workspace().seed(x, n, d, norms, w, k, uniform);
	}

	/** Rows per block of the running mass (sampling scans block masses, then one block). */
	private static final int BLOCK = 64;

	/** Buffers of {@link #seed}, reusable from one call to the next (in one thread at a time). */
	static final class Workspace {

		private double[] closest = new double[0];
		/** Per candidate of a step: its distances to every row (without a cache). */
		private double[][] dist = new double[0][];
		/** The rows, feature by feature (without a cache). */
		private final Columns columns = new Columns();
		private double[] blockMass = new double[0];
		/** Packed rows for callers (e.g. an initialisation subset) with their norms and weights. */
		double[] rows = new double[0];
		double[] rowNorms = new double[0];
		double[] weights = new double[0];
		/** Zeros, for callers' counting sorts (left all zero after use). */
		int[] tally = new int[0];
		/** The rows the last {@link #seed} chose, in order (its first k entries). */
		int[] chosen = new int[0];

		/** Makes {@link #rows}, {@link #rowNorms} and {@link #weights} hold at least n rows of d features. */
		void ensureRows(final int n, final int d) {
			if (rows.length < n * d) rows = new double[n * d];
			if (rowNorms.length < n) rowNorms = new double[n];
			if (weights.length < n) weights = new double[n];
		}

		/** {@link DenseSeeding#seed}, with this workspace's buffers (x may be {@link #rows}). */
		double[] seed(final double[] x, final int n, final int d, final double[] norms, final double[] w, final int k, final Uniform uniform) {
			return seed(x, n, d, norms, null, w, k, uniform);
		}

		/**
		 * {@link DenseSeeding#seed}, with every distance taken from {@code cache} (distances between rows of
		 * x, kept from one restart to the next) when it is not null: the same numbers, the same choices. The
		 * chosen rows are left in {@link #chosen}.
		 */
		double[] seed(final double[] x, final int n, final int d, final double[] norms, final RowDistances cache, final double[] w, final int k, final Uniform uniform) {
			if (chosen.length < k) chosen = new int[k];
			final int trials = KMeansPlusPlus.trials(k);
			final int blocks = (n + BLOCK - 1) / BLOCK;
			if (closest.length < n) closest = new double[n];
			if (cache == null) {
				if (dist.length < trials) dist = new double[trials][];
				for (int t = 0; t < trials; t++)
					if (dist[t] == null || dist[t].length < n) dist[t] = new double[n];
				columns.of(x, n, d, norms);
			}
			if (blockMass.length < blocks) blockMass = new double[blocks];
			final double[] closest = this.closest;
			final double[][] dist = this.dist;
			final double[] centres = new double[k * d];
			final double[] candidateRows = new double[trials * d];
			final double[] candidateNorms = new double[trials];
			final int[] candidates = new int[trials];
			final double[] potentials = new double[trials];
			// with a cache: candidate t's distance to row i is candidateDistances[t][candidateOffsets[t] + i]
			final double[][] candidateDistances = cache != null ? new double[trials][] : null;
			final int[] candidateOffsets = new int[trials];

			// first centre: proportional to weight
			for (int b = 0; b < blocks; b++) {
				double s = 0;
				for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++)
					s += w[i];
				blockMass[b] = s;
			}
			final int first = pick(uniform.next() * total(blockMass, blocks), w, null, n, blocks);
			System.arraycopy(x, first * d, centres, 0, d);
			chosen[0] = first;
			candidateNorms[0] = norms[first];
			if (cache != null) {
				cache.distances(chosen, 1, candidateDistances, candidateOffsets);
				System.arraycopy(candidateDistances[0], candidateOffsets[0], closest, 0, n);
			}
			else columns.squaredTo(0, n, centres, 0, candidateNorms[0], closest);
			double potential = updateMasses(closest, w, n, blocks);

			for (int centre = 1; centre < k; centre++) {
				for (int t = 0; t < trials; t++) {
					candidates[t] = pick(uniform.next() * potential, w, closest, n, blocks);
					if (cache != null) continue; // the distances are looked up, not computed
					System.arraycopy(x, candidates[t] * d, candidateRows, t * d, d);
					candidateNorms[t] = norms[candidates[t]];
				}
				if (cache != null) {
					cache.distances(candidates, trials, candidateDistances, candidateOffsets);
					for (int t = 0; t < trials; t++)
						potentials[t] = potential(closest, w, n, candidateDistances[t], candidateOffsets[t]);
				}
				else {
					for (int t = 0; t < trials; t++) {
						columns.squaredTo(0, n, candidateRows, t * d, candidateNorms[t], dist[t]);
						potentials[t] = potential(closest, w, n, dist[t], 0);
					}
				}
				int best = 0;
				double bestPotential = Double.POSITIVE_INFINITY;
				for (int t = 0; t < trials; t++)
					if (potentials[t] < bestPotential) {
						bestPotential = potentials[t];
						best = t;
					}
				System.arraycopy(x, candidates[best] * d, centres, centre * d, d);
				chosen[centre] = candidates[best];
				if (cache != null) {
					final double[] row = candidateDistances[best];
					final int o = candidateOffsets[best];
					for (int i = 0; i < n; i++)
						closest[i] = Math.min(closest[i], row[o + i]);
				}
				else {
					final double[] row = dist[best];
					for (int i = 0; i < n; i++)
						closest[i] = Math.min(closest[i], row[i]);
				}
				potential = updateMasses(closest, w, n, blocks);
			}
			return centres;
		}

		/**
		 * @return the sum over rows i of {@code w[i] x min(closest[i], distances[offset + i])}, in four
		 *         interleaved partial sums (so the additions do not wait on each other)
		 */
		private static double potential(final double[] closest, final double[] w, final int n, final double[] distances, final int offset) {
			double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
			int i = 0;
			for (; i + 4 <= n; i += 4) {
				final int o = offset + i;
				s0 += w[i] * Math.min(closest[i], distances[o]);
				s1 += w[i + 1] * Math.min(closest[i + 1], distances[o + 1]);
				s2 += w[i + 2] * Math.min(closest[i + 2], distances[o + 2]);
				s3 += w[i + 3] * Math.min(closest[i + 3], distances[o + 3]);
			}
			for (; i < n; i++)
				s0 += w[i] * Math.min(closest[i], distances[offset + i]);
			return (s0 + s1) + (s2 + s3);
		}

		/** @return the total mass, after computing every block's mass of w x closest */
		private double updateMasses(final double[] closest, final double[] w, final int n, final int blocks) {
			for (int b = 0; b < blocks; b++) {
				double s = 0;
				for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++)
					s += w[i] * closest[i];
				blockMass[b] = s;
			}
			return total(blockMass, blocks);
		}

		/**
		 * The first row at which the running mass (weight, times the closest distance if given; block
		 * masses, then the rows of one block) exceeds the target; rows without mass are never picked while
		 * any has mass; the last row with mass when rounding leaves the target past the total.
		 */
		private int pick(final double target, final double[] w, final double[] closest, final int n, final int blocks) {
			double prefix = 0;
			for (int b = 0; b < blocks; b++) {
				if (prefix + blockMass[b] > target) {
					double running = prefix;
					for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++) {
						final double m = closest == null ? w[i] : w[i] * closest[i];
						if (m <= 0) continue;
						running += m;
						if (running > target) return i;
					}
				}
				prefix += blockMass[b];
			}
			for (int i = n - 1; i >= 0; i--)
				if ((closest == null ? w[i] : w[i] * closest[i]) > 0) return i;
			return 0;
		}
	}

	private static double total(final double[] parts, final int count) {
		double s = 0;
		for (int b = 0; b < count; b++)
			s += parts[b];
		return s;
	}
}
