package io.github.pixelclustering.spectrum;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Estimates the number of clusters, as HyperSpy 1.7.3's {@code estimate_number_of_clusters}: the
 * clustering is run for every k of a range and a metric is computed per k.
 * <ul>
 * <li><b>elbow</b> (k = 1..max): log of the within-cluster sum of squares W_k; the estimate is the
 * point of the curve farthest from the straight line through its first and last points (at most 21
 * points; HyperSpy's {@code estimate_elbow_position} with {@code log=False}, including its clipping of
 * the values at 1e-30).</li>
 * <li><b>silhouette</b> (k = 2..max): the mean silhouette coefficient; the candidates are the local
 * maxima (HyperSpy compares the first value with the last, as Python's index -1 does), preceded by the
 * smallest k when its value is higher than every local maximum. The estimate is the candidate with
 * the highest silhouette.</li>
 * <li><b>gap</b> (k = 1..max): log W_k of a reference data set minus that of the data, the reference
 * being, per feature, n values evenly spaced between the feature's minimum and maximum, clustered
 * {@value #REFERENCES} times with different seeds; the estimate is the first k from the second on whose
 * gap is at least the next gap minus its standard error sqrt(1 + 1/4) sd.</li>
 * </ul>
 * With the agglomerative algorithm k starts at 2 for every metric, as in HyperSpy.
 */
public final class ClusterNumber {

	/** Reference data sets of the gap statistic, HyperSpy's {@code n_ref}. */
	public static final int REFERENCES = 4;

	/** Message when max_clusters is too small. */
	public static final String MAX_TOO_SMALL = "max_clusters must be at least 2, got %d.";

	/** Message when max_clusters exceeds the pixels. */
	public static final String MAX_TOO_LARGE = "max_clusters must be at most the number of pixels analysed (%d), got %d.";

	/** Message for an unknown metric. */
	public static final String UNKNOWN_METRIC = "metric must be elbow, silhouette or gap, got \"%s\".";

	/** The metrics. */
	public enum Metric {
		/** Elbow of log W_k. */
		ELBOW("elbow"),
		/** Mean silhouette coefficient. */
		SILHOUETTE("silhouette"),
		/** Gap statistic. */
		GAP("gap");

		private final String label;

		Metric(final String label) {
			this.label = label;
		}

		/** @return the name used in dialogs and macros */
		public String label() {
			return label;
		}

		/**
		 * @param label a name as in {@link #label()}, any case
		 * @return the metric
		 */
		public static Metric of(final String label) {
			for (final Metric m : values())
				if (m.label.equals(label.trim().toLowerCase(Locale.ROOT))) return m;
			throw new IllegalArgumentException(String.format(UNKNOWN_METRIC, label));
		}
	}

	private ClusterNumber() {}

	/**
	 * @param x row-major n x d features (already preprocessed)
	 * @param n pixels
	 * @param d features
	 * @param maxClusters largest k tried, >= 2
	 * @param metric the metric
	 * @param settings algorithm, restarts, seed and connectivity (its number of clusters is ignored)
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return the metric per k and the estimate
	 */
	public static Result estimate(final double[] x, final int n, final int d, final int maxClusters, final Metric metric, final ClusterAnalysis.Settings settings, final TaskRunner runner, final ProgressListener listener) {
		if (maxClusters < 2) throw new IllegalArgumentException(String.format(MAX_TOO_SMALL, maxClusters));
		if (maxClusters > n) throw new IllegalArgumentException(String.format(MAX_TOO_LARGE, n, maxClusters));
		final int minK = metric == Metric.SILHOUETTE || settings.algorithm == ClusterAnalysis.Algorithm.AGGLOMERATIVE ? 2 : 1;
		final int count = maxClusters - minK + 1;
		final int[] ks = new int[count];
		for (int i = 0; i < count; i++)
			ks[i] = minK + i;
		final double[] values = new double[count];
		final double[] errors = new double[count];
		final int runsPerK = metric == Metric.GAP ? 1 + REFERENCES : 1;
		final double[] reference = metric == Metric.GAP ? reference(x, n, d) : null;
		// two phases per k, weighted by their estimated work: the clustering, then the metric (all pairs of
		// pixels for the silhouette; the references' clusterings for the gap)
		final double[] weights = new double[2 * count];
		for (int i = 0; i < count; i++) {
			weights[2 * i] = ks[i] == 1 ? (double) n * d : ClusterAnalysis.cost(settings.algorithm, n, d, ks[i], settings.graph != null);
			weights[2 * i + 1] = metric == Metric.SILHOUETTE ? (double) n * n * d : (double) n * d + (runsPerK - 1) * weights[2 * i];
		}
		final Phases phases = new Phases(listener, weights);
		for (int i = 0; i < count; i++) {
			final int k = ks[i];
			final ProgressListener clustering = phases.next("k = " + k + ": clustering");
			final int[] labels = cluster(x, n, d, k, settings, settings.seed, runner, new PartialProgress(clustering, 0, 1, "k = " + k));
			final ProgressListener measuring = phases.next("k = " + k + ": " + metric.label());
			switch (metric) {
				case ELBOW:
					values[i] = Math.log(withinSumOfSquares(x, n, d, labels, k));
					break;
				case SILHOUETTE:
					values[i] = silhouette(x, n, d, labels, k, runner, measuring);
					break;
				default: {
					final double data = Math.log(withinSumOfSquares(x, n, d, labels, k));
					final double[] logs = new double[REFERENCES];
					double mean = 0;
					for (int r = 0; r < REFERENCES; r++) {
						final ProgressListener refPart = new PartialProgress(measuring, (double) r / REFERENCES, 1.0 / REFERENCES, "k = " + k + ", reference " + (r + 1));
						final int[] refLabels = cluster(reference, n, d, k, settings, settings.seed + 1 + r, runner, refPart);
						logs[r] = Math.log(withinSumOfSquares(reference, n, d, refLabels, k));
						mean += logs[r];
					}
					mean /= REFERENCES;
					double variance = 0;
					for (final double v : logs)
						variance += (v - mean) * (v - mean);
					variance /= REFERENCES;
					values[i] = mean - data;
					errors[i] = Math.sqrt(1.0 + 1.0 / REFERENCES) * Math.sqrt(variance);
				}
			}
			listener.checkCanceled();
		}
		phases.done("Estimating the number of clusters: done");
		switch (metric) {
			case ELBOW:
				return new Result(metric, ks, values, errors, new int[] { ks[elbowPosition(values)] });
			case SILHOUETTE:
				return new Result(metric, ks, values, errors, silhouetteCandidates(values, minK));
			default: {
				int best = minK + 1;
				for (int i = 1; i < count - 1; i++)
					if (values[i] >= values[i + 1] - errors[i + 1]) {
						best = i + minK;
						break;
					}
				return new Result(metric, ks, values, errors, new int[] { best });
			}
		}
	}

	private static int[] cluster(final double[] x, final int n, final int d, final int k, final ClusterAnalysis.Settings settings, final long seed, final TaskRunner runner, final ProgressListener listener) {
		if (k == 1) return new int[n];
		return ClusterAnalysis.labels(x, n, d, new ClusterAnalysis.Settings(k, settings.algorithm, settings.restarts, seed, settings.graph, settings.init).withUserClustering(settings.user), runner, listener);
	}

	/** Per feature, n evenly spaced values from the minimum to the maximum (numpy's linspace). */
	static double[] reference(final double[] x, final int n, final int d) {
		final double[] out = new double[n * d];
		for (int j = 0; j < d; j++) {
			double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				min = Math.min(min, x[i * d + j]);
				max = Math.max(max, x[i * d + j]);
			}
			if (n == 1) {
				out[j] = min;
				continue;
			}
			final double step = (max - min) / (n - 1);
			for (int i = 0; i < n; i++)
				out[i * d + j] = min + i * step;
			out[(n - 1) * d + j] = max;
		}
		return out;
	}

	/** @return the sum over clusters of the squared distances of the members to their mean */
	static double withinSumOfSquares(final double[] x, final int n, final int d, final int[] labels, final int k) {
		final double[] means = new double[k * d];
		final int[] sizes = new int[k];
		for (int i = 0; i < n; i++) {
			sizes[labels[i]]++;
			for (int j = 0; j < d; j++)
				means[labels[i] * d + j] += x[i * d + j];
		}
		for (int l = 0; l < k; l++)
			for (int j = 0; j < d; j++)
				if (sizes[l] > 0) means[l * d + j] /= sizes[l];
		double sum = 0;
		for (int i = 0; i < n; i++)
			for (int j = 0; j < d; j++) {
				final double v = x[i * d + j] - means[labels[i] * d + j];
				sum += v * v;
			}
		return sum;
	}

	/** HyperSpy's {@code estimate_elbow_position(values, log=False)}. */
	static int elbowPosition(final double[] values) {
		return Elbow.position(values, values.length, false);
	}

	/** HyperSpy's list of silhouette candidates. */
	static int[] silhouetteCandidates(final double[] s, final int minK) {
		final List<Integer> candidates = new ArrayList<>();
		double max = -1;
		for (int u = 0; u < s.length - 1; u++) {
			final double previous = s[u == 0 ? s.length - 1 : u - 1];
			if (s[u] > previous && s[u] > s[u + 1]) {
				candidates.add(u + minK);
				max = Math.max(max, s[u]);
			}
		}
		if (s[0] > max) candidates.add(0, minK);
		final int[] out = new int[candidates.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = candidates.get(i);
		return out;
	}

	/**
	 * scikit-learn's {@code silhouette_score}: the mean over pixels of (b - a) / max(a, b), a the mean
	 * distance to the other members of the pixel's cluster, b the smallest mean distance to another
	 * cluster; 0 for members of single-pixel clusters.
	 */
	static double silhouette(final double[] x, final int n, final int d, final int[] labels, final int k, final TaskRunner runner, final ProgressListener listener) {
		final int[] sizes = new int[k];
		for (final int l : labels)
			sizes[l]++;
		final Chunks chunks = Chunks.of(n, 256);
		final double[] partial = new double[chunks.count()];
		final SharedProgress progress = new SharedProgress(listener, n);
		chunks.forEach(runner, (c, start, end) -> {
			final double[] sums = new double[k];
			double total = 0;
			for (int i = start; i < end; i++) {
				if (listener.isCanceled()) return;
				java.util.Arrays.fill(sums, 0);
				final int offset = i * d;
				for (int j = 0; j < n; j++) {
					double sum = 0;
					final int other = j * d;
					for (int f = 0; f < d; f++) {
						final double v = x[offset + f] - x[other + f];
						sum += v * v;
					}
					sums[labels[j]] += Math.sqrt(sum);
				}
				final int own = labels[i];
				if (sizes[own] <= 1) continue;
				final double a = sums[own] / (sizes[own] - 1);
				double b = Double.POSITIVE_INFINITY;
				for (int l = 0; l < k; l++)
					if (l != own && sizes[l] > 0) b = Math.min(b, sums[l] / sizes[l]);
				final double m = Math.max(a, b);
				if (m > 0) total += (b - a) / m;
			}
			partial[c] = total;
			progress.add(end - start, "silhouette of " + n + " pixels");
		});
		listener.checkCanceled();
		double total = 0;
		for (final double p : partial)
			total += p;
		return total / n;
	}

	/** The metric per k and the estimate. */
	public static final class Result {

		private final Metric metric;
		private final int[] ks;
		private final double[] values;
		private final double[] errors;
		private final int[] candidates;

		Result(final Metric metric, final int[] ks, final double[] values, final double[] errors, final int[] candidates) {
			this.metric = metric;
			this.ks = ks;
			this.values = values;
			this.errors = errors;
			this.candidates = candidates;
		}

		/** @return the metric */
		public Metric metric() {
			return metric;
		}

		/** @return the k values tried */
		public int[] ks() {
			return ks.clone();
		}

		/** @return the metric per k (log W for elbow, mean silhouette, gap) */
		public double[] values() {
			return values.clone();
		}

		/** @return the gap's standard error per k (zeros for the other metrics) */
		public double[] errors() {
			return errors.clone();
		}

		/** @return HyperSpy's estimate(s): one k for elbow and gap, the candidates for silhouette */
		public int[] candidates() {
			return candidates.clone();
		}

		/** @return the estimated number of clusters */
		public int estimate() {
			if (metric != Metric.SILHOUETTE) return candidates[0];
			if (candidates.length == 0) {
				int best = ks[0];
				for (int i = 1; i < ks.length; i++)
					if (values[i] > values[best - ks[0]]) best = ks[i];
				return best;
			}
			int best = candidates[0];
			for (final int k : candidates)
				if (values[k - ks[0]] > values[best - ks[0]]) best = k;
			return best;
		}
	}
}
