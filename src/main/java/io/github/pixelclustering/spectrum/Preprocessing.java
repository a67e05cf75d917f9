package io.github.pixelclustering.spectrum;

import java.util.Locale;

/**
 * Scaling of the features before clustering, as HyperSpy's {@code preprocessing} (scikit-learn's
 * {@code Normalizer}, {@code StandardScaler}, {@code MinMaxScaler}).
 */
public enum Preprocessing {

	/** Each pixel's feature vector divided by its Euclidean norm (all-zero vectors stay zero). */
	NORM("norm"),
	/** Each feature centred on its mean and divided by its standard deviation (1 when constant). */
	STANDARD("standard"),
	/** Each feature mapped linearly onto [0, 1] (unchanged range when constant). */
	MINMAX("minmax"),
	/** The features as they are. */
	NONE("none");

	/** Message for an unknown name. */
	public static final String UNKNOWN = "preprocessing must be norm, standard, minmax or none, got \"%s\".";

	/** Scales below this count as zero, as scikit-learn's (10 machine epsilons). */
	private static final double NEAR_ZERO = 10 * Math.ulp(1.0);

	private final String label;

	Preprocessing(final String label) {
		this.label = label;
	}

	/** @return the name used in dialogs and macros */
	public String label() {
		return label;
	}

	/**
	 * @param label a name as in {@link #label()}, any case
	 * @return the preprocessing
	 */
	public static Preprocessing of(final String label) {
		for (final Preprocessing p : values())
			if (p.label.equals(label.trim().toLowerCase(Locale.ROOT))) return p;
		throw new IllegalArgumentException(String.format(UNKNOWN, label));
	}

	/**
	 * Fits and applies the scaling: {@code apply(x, n, d, fit(x, n, d))}.
	 *
	 * @param x row-major n x d features; not modified
	 * @param n rows
	 * @param d columns
	 * @return the scaled features, a new array
	 */
	public double[] apply(final double[] x, final int n, final int d) {
		return apply(x, n, d, fit(x, n, d));
	}

	/**
	 * The parameters of the scaling as fitted on these features (scikit-learn's fitted attributes):
	 * {@link #STANDARD} the mean of each column then its scale (the standard deviation, 1 when below 10
	 * machine epsilons), {@link #MINMAX} the minimum of each column then its range (1 when below 10
	 * machine epsilons); {@link #NORM} and {@link #NONE} have none (an empty array).
	 *
	 * @param x row-major n x d features; not modified
	 * @param n rows
	 * @param d columns
	 * @return 2 d values (first d: mean or minimum; then d: scale or range), or none
	 */
	public double[] fit(final double[] x, final int n, final int d) {
		if (this == NORM || this == NONE) return new double[0];
		final double[] p = new double[2 * d];
		for (int j = 0; j < d; j++) {
			if (this == STANDARD) {
				double mean = 0;
				for (int i = 0; i < n; i++)
					mean += x[i * d + j];
				mean /= n;
				double variance = 0;
				for (int i = 0; i < n; i++) {
					final double v = x[i * d + j] - mean;
					variance += v * v;
				}
				variance /= n;
				p[j] = mean;
				p[d + j] = Math.sqrt(variance) < NEAR_ZERO ? 1 : Math.sqrt(variance);
			}
			else {
				double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
				for (int i = 0; i < n; i++) {
					min = Math.min(min, x[i * d + j]);
					max = Math.max(max, x[i * d + j]);
				}
				p[j] = min;
				p[d + j] = max - min < NEAR_ZERO ? 1 : max - min;
			}
		}
		return p;
	}

	/**
	 * Scales features with parameters fitted before ({@link #fit}, e.g. on the training map of a model).
	 *
	 * @param x row-major n x d features; not modified
	 * @param n rows
	 * @param d columns
	 * @param parameters from {@link #fit} for d columns
	 * @return the scaled features, a new array
	 */
	public double[] apply(final double[] x, final int n, final int d, final double[] parameters) {
		final double[] out = x.clone();
		for (int i = 0; i < n; i++)
			applyRow(out, i * d, d, parameters);
		return out;
	}

	/**
	 * Scales one row in place with fitted parameters: the same arithmetic as {@link #apply}, so a row of
	 * the training features is scaled bit for bit as in the fit.
	 *
	 * @param x holds the row
	 * @param offset where it starts
	 * @param d columns
	 * @param parameters from {@link #fit} for d columns
	 */
	public void applyRow(final double[] x, final int offset, final int d, final double[] parameters) {
		final int expected = this == NORM || this == NONE ? 0 : 2 * d;
		if (parameters.length != expected) throw new IllegalArgumentException(label + " needs " + expected + " parameters for " + d + " features, got " + parameters.length + ".");
		switch (this) {
			case NORM: {
				double sum = 0;
				for (int j = 0; j < d; j++)
					sum += x[offset + j] * x[offset + j];
				if (sum == 0) return;
				final double norm = Math.sqrt(sum);
				for (int j = 0; j < d; j++)
					x[offset + j] /= norm;
				return;
			}
			case STANDARD:
			case MINMAX:
				for (int j = 0; j < d; j++)
					x[offset + j] = (x[offset + j] - parameters[j]) / parameters[d + j];
				return;
			default:
				return;
		}
	}
}
