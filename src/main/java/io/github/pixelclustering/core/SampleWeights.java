package io.github.pixelclustering.core;

/** Checks and sums sample weights (multiplicities: a weight of 3 counts a sample three times). */
public final class SampleWeights {

	private SampleWeights() {}

	/**
	 * Returns the weights to use: a copy-free check of {@code weights}, or all ones when null.
	 *
	 * @param weights one weight per sample, each finite and >= 0, summing to > 0; or null
	 * @param rows number of samples
	 * @return the weights (never null)
	 * @throws IllegalArgumentException naming the first bad weight
	 */
	public static double[] checkOrOnes(final double[] weights, final int rows) {
		if (weights == null) {
			final double[] ones = new double[rows];
			java.util.Arrays.fill(ones, 1);
			return ones;
		}
		if (weights.length != rows) throw new IllegalArgumentException("weights must have one value per sample (" + rows + "), got " + weights.length);
		double total = 0;
		for (int i = 0; i < rows; i++) {
			final double w = weights[i];
			if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weights must be finite and >= 0, got " + w + " at sample " + i);
			total += w;
		}
		if (!(total > 0)) throw new IllegalArgumentException("weights must sum to > 0, got " + total);
		return weights;
	}
}
