package io.github.pixelclustering.kmeans;

import java.util.SplittableRandom;

/**
 * Draws sample indices with probability proportional to their weights in constant time (Vose's alias
 * method), or uniformly when there are no weights.
 *
 * <h2>References</h2> M. D. Vose, "A linear algorithm for generating random numbers with a given
 * distribution", IEEE TSE 17(9), 1991.
 */
final class WeightedSampler {

	private final int n;
	/**
	 * Per index i: the probability of keeping i at 2i and its alias (exact as a double) at 2i + 1, side by
	 * side so that a draw reads one cache line.
	 */
	private final double[] table;

	/**
	 * @param weights weights >= 0 summing to > 0, or null for uniform
	 * @param n number of samples
	 */
	WeightedSampler(final double[] weights, final int n) {
		this.n = n;
		if (weights == null) {
			table = null;
			return;
		}
		final double[] probability = new double[n];
		final int[] alias = new int[n];
		double total = 0;
		for (final double w : weights)
			total += w;
		final double[] scaled = new double[n];
		final int[] small = new int[n];
		final int[] large = new int[n];
		int smalls = 0;
		int larges = 0;
		for (int i = 0; i < n; i++) {
			scaled[i] = weights[i] * n / total;
			if (scaled[i] < 1) small[smalls++] = i;
			else large[larges++] = i;
		}
		int lastLarge = -1;
		while (smalls > 0 && larges > 0) {
			final int s = small[--smalls];
			final int l = large[--larges];
			lastLarge = l;
			probability[s] = scaled[s];
			alias[s] = l;
			scaled[l] = scaled[l] + scaled[s] - 1;
			if (scaled[l] < 1) small[smalls++] = l;
			else large[larges++] = l;
		}
		while (larges > 0) {
			final int l = large[--larges];
			lastLarge = l;
			probability[l] = 1;
			alias[l] = l;
		}
		// left over by rounding: their own probability is ~1, unless they weigh nothing
		while (smalls > 0) {
			final int s = small[--smalls];
			final boolean empty = weights[s] <= 0 && lastLarge >= 0;
			probability[s] = empty ? 0 : 1;
			alias[s] = empty ? lastLarge : s;
		}
		table = new double[2 * n];
		for (int i = 0; i < n; i++) {
			table[2 * i] = probability[i];
			table[2 * i + 1] = alias[i];
		}
	}

	/** @return a sample index */
	int draw(final SplittableRandom random) {
		final int i = random.nextInt(n);
		if (table == null) return i;
		return random.nextDouble() < table[2 * i] ? i : (int) table[2 * i + 1];
	}
}
