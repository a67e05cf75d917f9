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
	 * @param x row-major n x d features; not modified
	 * @param n rows
	 * @param d columns
	 * @return the scaled features, a new array
	 */
	public double[] apply(final double[] x, final int n, final int d) {
		final double[] out = x.clone();
		switch (this) {
			case NORM:
				for (int i = 0; i < n; i++) {
					double sum = 0;
					for (int j = 0; j < d; j++)
						sum += out[i * d + j] * out[i * d + j];
					if (sum == 0) continue;
					final double norm = Math.sqrt(sum);
					for (int j = 0; j < d; j++)
						out[i * d + j] /= norm;
				}
				break;
			case STANDARD:
				for (int j = 0; j < d; j++) {
					double mean = 0;
					for (int i = 0; i < n; i++)
						mean += out[i * d + j];
					mean /= n;
					double variance = 0;
					for (int i = 0; i < n; i++) {
						final double v = out[i * d + j] - mean;
						variance += v * v;
					}
					variance /= n;
					final double scale = Math.sqrt(variance) < NEAR_ZERO ? 1 : Math.sqrt(variance);
					for (int i = 0; i < n; i++)
						out[i * d + j] = (out[i * d + j] - mean) / scale;
				}
				break;
			case MINMAX:
				for (int j = 0; j < d; j++) {
					double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
					for (int i = 0; i < n; i++) {
						min = Math.min(min, out[i * d + j]);
						max = Math.max(max, out[i * d + j]);
					}
					final double range = max - min < NEAR_ZERO ? 1 : max - min;
					for (int i = 0; i < n; i++)
						out[i * d + j] = (out[i * d + j] - min) / range;
				}
				break;
			default:
				break;
		}
		return out;
	}
}
