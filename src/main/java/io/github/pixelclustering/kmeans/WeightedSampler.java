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
	private final double[] probability;
	private final int[] alias;

	/**
	 * @param weights weights >= 0 summing to > 0, or null for uniform
	 * @param n number of samples
	 */
	WeightedSampler(final double[] weights, final int n) {
		this.n = n;
		if (weights == null) {
			probability = null;
			alias = null;
			return;
		}
		probability = new double[n];
		alias = new int[n];
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
	}

	/** @return a sample index */
	int draw(final SplittableRandom random) {
		final int i = random.nextInt(n);
		if (probability == null) return i;
		return random.nextDouble() < probability[i] ? i : alias[i];
	}
}
