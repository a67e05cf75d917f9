package io.github.pixelclustering.spectrum;

/**
 * The elbow of a decreasing curve, HyperSpy 1.7.3's {@code estimate_elbow_position}: the point farthest
 * from the line through the first point and the point at {@code maxPoints}, and from it the number of
 * significant components of a decomposition (the elbow of its scree plot, plus one), which HyperSpy's
 * {@code decomposition()} stores as {@code number_significant_components} and
 * {@code cluster_analysis("decomposition")} clusters when {@code number_of_components} is not given.
 * <p>
 * The rule: with L the length of the whole curve, P = min(20, L - 1); y = the curve clipped below at
 * 1e-30, or its natural logarithm; for i = 0..P-1 the distance of (i, y_i) to the line through (0, y_0)
 * and (P, y_P), NaN read as 0; the elbow is the first i of the largest distance. Only the first P + 1
 * values are read, so the decomposition needs only that many components. With L = 1 there is no point
 * to compare (HyperSpy fails there); the elbow is 0.
 *
 * <h2>References</h2> V. Satopää, J. Albrecht, D. Irwin, B. Raghavan, "Finding a 'Kneedle' in a
 * Haystack: Detecting Knee Points in System Behavior", ICDCS Workshops, 2011.
 */
public final class Elbow {

	/** HyperSpy's {@code max_points}: the farthest point of the line. */
	public static final int MAX_POINTS = 20;

	/** Message when the curve holds fewer values than the rule reads. */
	static final String TOO_SHORT = "The elbow of a curve of length %d reads its first %d values, got %d.";

	private Elbow() {}

	/**
	 * @param length L, the length of the whole curve (for a decomposition: min(pixels, channels))
	 * @return how many leading values the rule reads, min(20, L - 1) + 1
	 */
	public static int valuesRead(final int length) {
		return Math.min(MAX_POINTS, Math.max(0, length - 1)) + 1;
	}

	/**
	 * HyperSpy's {@code estimate_elbow_position(curve, log=log, max_points=20)}.
	 *
	 * @param curve the leading values of the curve, at least {@link #valuesRead}(length) of them
	 * @param length L, the length of the whole curve
	 * @param log whether the rule reads the logarithm of the values (HyperSpy's default, used for the
	 *        number of significant components) or the values
	 * @return the elbow's index, 0..P-1 (0 when L = 1)
	 */
	public static int position(final double[] curve, final int length, final boolean log) {
		final int maxPoints = Math.min(MAX_POINTS, length - 1);
		if (maxPoints < 1) return 0;
		if (curve.length < maxPoints + 1) throw new IllegalArgumentException(String.format(TOO_SHORT, length, maxPoints + 1, curve.length));
		final double[] y = new double[maxPoints + 1];
		for (int i = 0; i <= maxPoints; i++) {
			final double v = Math.max(curve[i], 1e-30);
			y[i] = log ? Math.log(v) : v;
		}
		final double x2 = maxPoints, y1 = y[0], y2 = y[maxPoints];
		final double denominator = Math.sqrt(x2 * x2 + (y2 - y1) * (y2 - y1));
		int best = 0;
		double bestDistance = Double.NEGATIVE_INFINITY;
		for (int i = 0; i < maxPoints; i++) {
			double distance = Math.abs(x2 * (y1 - y[i]) + i * (y2 - y1)) / denominator;
			if (Double.isNaN(distance)) distance = 0;
			if (distance > bestDistance) {
				bestDistance = distance;
				best = i;
			}
		}
		return best;
	}

	/**
	 * HyperSpy's {@code number_significant_components} of a decomposition: the elbow of the logarithm of
	 * its explained variance ratio, plus one.
	 *
	 * @param decomposition computed with at least {@link #valuesRead}(min(pixels, channels)) components
	 * @return the number of significant components, or -1 when too few components were computed
	 */
	public static int significantComponents(final Decomposition decomposition) {
		final int length = Math.min(decomposition.pixels(), decomposition.channels());
		if (decomposition.components() < valuesRead(length)) return -1;
		return position(decomposition.explainedVarianceRatio(), length, true) + 1;
	}
}
