package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.ProgressListener;
/**
 * The greedy weighted k-means++ of {@link KMeansPlusPlus} (same draws, same choices) for a small set of
 * long rows, in one thread: the distances from every row to each candidate of a step come from the
 * rows stored feature by feature ({@link Columns}: vector instructions) and precomputed squared norms,
 * and the chosen candidate's distances are kept rather than computed again. Distances are {@code |x|^2 + |c|^2 - 2 x.c}
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

	/** @return how many uniform numbers {@link #seed} takes for k centres with the given candidates per centre */
	static int uniformsNeeded(final int k, final int trials) {
		return 1 + (k - 1) * trials;
	}

	/**
	 * @param x rows, n x d row-major
	 * @param n number of rows
	 * @param d features
	 * @param norms squared norms of the rows ({@link Distances#norm})
	 * @param w row weights (multiplicities), at least k of them > 0
	 * @param k centres
	 * @param trials candidates per centre after the first, >= 1 (scikit-learn: {@link KMeansPlusPlus#trials})
	 * @param uniform {@link #uniformsNeeded} uniform numbers, used in the order {@link KMeansPlusPlus}
	 *        uses its random numbers
	 * @return k x d centres
	 */
	static double[] seed(final double[] x, final int n, final int d, final double[] norms, final double[] w, final int k, final int trials, final Uniform uniform) {
		return new Workspace().seed(x, n, d, norms, w, k, trials, uniform);
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
		/** Where {@link #seed} reports the centres chosen (fraction of k) and checks cancellation. */
		ProgressListener progress = ProgressListener.NONE;

		/** Makes {@link #rows}, {@link #rowNorms} and {@link #weights} hold at least n rows of d features. */
		void ensureRows(final int n, final int d) {
			if (rows.length < n * d) rows = new double[n * d];
			if (rowNorms.length < n) rowNorms = new double[n];
			if (weights.length < n) weights = new double[n];
		}

		/** {@link DenseSeeding#seed}, with this workspace's buffers (x may be {@link #rows}). */
		double[] seed(final double[] x, final int n, final int d, final double[] norms, final double[] w, final int k, final int trials, final Uniform uniform) {
			return seed(x, n, d, norms, null, w, k, trials, uniform);
		}

		/**
		 * {@link DenseSeeding#seed}, with every distance taken from {@code cache} (distances between rows of
		 * x, kept from one restart to the next) when it is not null: the same numbers, the same choices. The
		 * chosen rows are left in {@link #chosen}.
		 */
		double[] seed(final double[] x, final int n, final int d, final double[] norms, final RowDistances cache, final double[] w, final int k, final int trials, final Uniform uniform) {
			if (chosen.length < k) chosen = new int[k];
			final int blocks = (n + BLOCK - 1) / BLOCK;
			if (closest.length < n) closest = new double[n];
			if (cache == null) {
				if (dist.length < trials) dist = new double[trials][];
				for (int t = 0; t < trials; t++)
					if (dist[t] == null || dist[t].length < n) dist[t] = new double[n];
				columns.of(x, n, d, norms);
			}
			if (blockMass.length < blocks) blockMass = new double[blocks];
			final Call call = new Call(x, n, d, norms, cache, w, k, trials, blocks, uniform);

			// first centre: proportional to weight
			weightMasses(w, n, blocks);
			final int first = pick(uniform.next() * total(blockMass, blocks), w, null, n, blocks);
			System.arraycopy(x, first * d, call.centres, 0, d);
			chosen[0] = first;
			if (cache != null) {
				cache.distances(chosen, 1, call.candidateDistances, call.candidateOffsets);
				System.arraycopy(call.candidateDistances[0], call.candidateOffsets[0], closest, 0, n);
			}
			else columns.squaredTo(0, n, call.centres, 0, norms[first], closest);
			double potential = updateMasses(closest, w, n, blocks);
			for (int centre = 1; centre < k; centre++) {
				progress.checkCanceled();
				progress.progress((double) centre / k, "k-means++ centre " + centre + "/" + k);
				potential = addCentre(call, centre, potential);
			}
			return call.centres;
		}

		/** The arguments and buffers of one {@link #seed}. */
		private static final class Call {

			final double[] x;
			final int n;
			final int d;
			final double[] norms;
			final RowDistances cache;
			final double[] w;
			final int trials;
			final int blocks;
			final Uniform uniform;
			final double[] centres;
			final double[] candidateRows;
			final double[] candidateNorms;
			final int[] candidates;
			final double[] potentials;
			/** With a cache: candidate t's distance to row i is candidateDistances[t][candidateOffsets[t] + i]. */
			final double[][] candidateDistances;
			final int[] candidateOffsets;

			Call(final double[] x, final int n, final int d, final double[] norms, final RowDistances cache, final double[] w, final int k, final int trials, final int blocks, final Uniform uniform) {
				this.x = x;
				this.n = n;
				this.d = d;
				this.norms = norms;
				this.cache = cache;
				this.w = w;
				this.trials = trials;
				this.blocks = blocks;
				this.uniform = uniform;
				centres = new double[k * d];
				candidateRows = new double[trials * d];
				candidateNorms = new double[trials];
				candidates = new int[trials];
				potentials = new double[trials];
				candidateDistances = cache != null ? new double[trials][] : null;
				candidateOffsets = new int[trials];
			}
		}

		/**
		 * Chooses centre number {@code centre} (> 0): the best of the step's candidates, a method of its own
		 * so that the just-in-time compiler compiles it early and whole.
		 *
		 * @return the new potential
		 */
		private double addCentre(final Call c, final int centre, final double potential) {
			final int n = c.n;
			final int d = c.d;
			for (int t = 0; t < c.trials; t++) {
				c.candidates[t] = pick(c.uniform.next() * potential, c.w, closest, n, c.blocks);
				if (c.cache != null) continue; // the distances are looked up, not computed
				System.arraycopy(c.x, c.candidates[t] * d, c.candidateRows, t * d, d);
				c.candidateNorms[t] = c.norms[c.candidates[t]];
			}
			if (c.cache != null) {
				c.cache.distances(c.candidates, c.trials, c.candidateDistances, c.candidateOffsets);
				for (int t = 0; t < c.trials; t++)
					c.potentials[t] = potential(closest, c.w, n, c.candidateDistances[t], c.candidateOffsets[t]);
			}
			else for (int t = 0; t < c.trials; t++) {
				columns.squaredTo(0, n, c.candidateRows, t * d, c.candidateNorms[t], dist[t]);
				c.potentials[t] = potential(closest, c.w, n, dist[t], 0);
			}
			int best = 0;
			double bestPotential = Double.POSITIVE_INFINITY;
			for (int t = 0; t < c.trials; t++)
				if (c.potentials[t] < bestPotential) {
					bestPotential = c.potentials[t];
					best = t;
				}
			System.arraycopy(c.x, c.candidates[best] * d, c.centres, centre * d, d);
			chosen[centre] = c.candidates[best];
			if (c.cache != null) Distances.lowerTo(closest, c.candidateDistances[best], c.candidateOffsets[best], n);
			else Distances.lowerTo(closest, dist[best], 0, n);
			return updateMasses(closest, c.w, n, c.blocks);
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

		/** Computes every block's mass of w. */
		private void weightMasses(final double[] w, final int n, final int blocks) {
			for (int b = 0; b < blocks; b++) {
				double s = 0;
				for (int i = b * BLOCK, end = Math.min(n, i + BLOCK); i < end; i++)
					s += w[i];
				blockMass[b] = s;
			}
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
