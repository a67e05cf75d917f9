package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

/**
 * Split–merge local search after k-means: a converged k-means often has two centres sharing one dense
 * region while another region that deserves two centres has one. Restarts escape such a local minimum
 * only by luck; this search moves one centre directly.
 * <p>
 * Each round ranks every swap "remove centre r, split cluster j in two" by an estimate: the cost of
 * giving r's samples to their second-nearest centres, each recentred, minus the gain of splitting j with
 * 2-means started along its principal axis. The best {@link #TRIALS} swaps each run k-means on the
 * {@link Coreset} (one weighted point per kd-tree leaf of up to 32 samples); the best of these, if it
 * beats the current centres on the coreset, runs Lloyd on all samples and is kept when its inertia
 * there is lower than the current one. Rounds repeat until a round gains nothing, at
 * most {@link #MAX_ROUNDS} times. The result is a k-means local minimum of the full data (Lloyd on all
 * samples ends every accepted round), with an inertia never above the start's.
 * <p>
 * Deterministic: no randomness; every sum runs over fixed chunks in a fixed order, so the result is the
 * same for any runner.
 *
 * <h2>References</h2> T. Kanungo et al., "A local search approximation algorithm for k-means
 * clustering", Computational Geometry 2004 (swaps followed by Lloyd); P. Fränti and J. Kivijärvi,
 * "Randomised local search algorithm for the clustering problem", Pattern Analysis and Applications 2000.
 */
final class SwapSearch {

	/** Swaps run on the coreset in each round. */
	static final int TRIALS = 8;
	/** Largest number of rounds. */
	static final int MAX_ROUNDS = 6;
	/** Most clusters for which the search runs (it is skipped above: its estimates cost k^2). */
	static final int MAX_CLUSTERS = 256;
	/** 2-means iterations when splitting a cluster. */
	private static final int SPLIT_ITERATIONS = 3;

	/** Coreset: samples (m x d) and weights. */
	private final double[] x;
	private final double[] w;
	private final int m;
	private final int d;
	private final int k;
	private final TaskRunner runner;
	/** Chunks for passes without accumulators, and for accumulators of k x (1 + d + d^2) values. */
	private final Chunks chunks;
	private final Chunks momentChunks;
	private final LloydSolver coresetSolver;
	private final int maxIterations;
	private final double tolerance;
	/** Per coreset sample: its nearest and second-nearest centre. */
	private final int[] label;
	private final int[] label2;

	private SwapSearch(final Coreset coreset, final int k, final KMeansSettings.Algorithm algorithm, final double scale, final int maxIterations, final double tolerance, final TaskRunner runner) {
		this.x = coreset.points;
		this.w = coreset.weights;
		this.m = coreset.count;
		this.d = coreset.tree.d;
		this.k = k;
		this.runner = runner;
		this.chunks = Chunks.of(m);
		this.momentChunks = LloydSolver.accumulatorChunks(m, 2 * k * (1 + d + d * d));
		this.maxIterations = maxIterations;
		this.tolerance = tolerance;
		this.coresetSolver = new LloydSolver(x, w, m, d, k, algorithm, KMeans.usesTree(algorithm, d) ? coreset.tree : null, scale, runner);
		this.label = new int[m];
		this.label2 = new int[m];
	}

	/**
	 * Improves a k-means result by swaps.
	 *
	 * @param start a converged run on all samples (not modified)
	 * @param full the solver of all samples (in the order of the start's labels)
	 * @param coreset the summary of the samples on which swaps are tried
	 * @param k number of clusters
	 * @param algorithm the Lloyd algorithm (resolved)
	 * @param scale largest absolute coordinate of the data
	 * @param maxIterations largest number of Lloyd iterations per run
	 * @param tolerance absolute tolerance on the summed squared centre shift
	 * @return the start, or a run on all samples with lower inertia (its labels a copy); the start
	 *         itself when k < 2 or k > {@link #MAX_CLUSTERS}, or the coreset has at most k points
	 */
	static LloydSolver.Run improve(final LloydSolver.Run start, final LloydSolver full, final Coreset coreset, final int k, final KMeansSettings.Algorithm algorithm, final double scale, final int maxIterations, final double tolerance, final TaskRunner runner, final ProgressListener listener) {
		int positive = 0;
		for (final double v : coreset.weights)
			if (v > 0) positive++;
		if (k < 2 || k > MAX_CLUSTERS || positive <= k) return start;
		return new SwapSearch(coreset, k, algorithm, scale, maxIterations, tolerance, runner).search(start, full, listener);
	}

	private LloydSolver.Run search(final LloydSolver.Run start, final LloydSolver full, final ProgressListener listener) {
		LloydSolver.Run current = start;
		for (int round = 0; round < MAX_ROUNDS; round++) {
			listener.checkCanceled();
			// each round: runs on the coreset, then one on all samples (most of the time); the fraction is of
			// the largest number of rounds
			final String name = "k-means swap search, round " + (round + 1) + " (at most " + MAX_ROUNDS + ")";
			listener.progress((double) round / MAX_ROUNDS, name);
			final ProgressListener fullRun = new PartialProgress(listener, (round + 0.3) / MAX_ROUNDS, 0.7 / MAX_ROUNDS, name + ", on all samples");
			final LloydSolver.Run base = coresetSolver.run(current.centres, maxIterations, tolerance, listener, done -> {});
			final double[] centres = base.centres;
			final double baseInertia = base.inertia;
			assign(centres);
			final double[] sse = new double[k];
			final double[] removal = removalCosts(sse);
			final double[] halves = new double[2 * k * d];
			final double[] gain = splitGains(centres, sse, halves);

			// the TRIALS lowest estimates, in order (ties: lowest j, then lowest r)
			final double[] topCost = new double[TRIALS];
			final int[] topRemove = new int[TRIALS];
			final int[] topSplit = new int[TRIALS];
			java.util.Arrays.fill(topCost, Double.POSITIVE_INFINITY);
			for (int j = 0; j < k; j++) {
				if (!(gain[j] > 0)) continue;
				for (int r = 0; r < k; r++) {
					if (r == j) continue;
					final double cost = removal[r] - gain[j];
					if (!(cost < topCost[TRIALS - 1])) continue;
					int q = TRIALS - 1;
					for (; q > 0 && topCost[q - 1] > cost; q--) {
						topCost[q] = topCost[q - 1];
						topRemove[q] = topRemove[q - 1];
						topSplit[q] = topSplit[q - 1];
					}
					topCost[q] = cost;
					topRemove[q] = r;
					topSplit[q] = j;
				}
			}
			double[] bestCentres = null;
			double bestInertia = baseInertia;
			for (int q = 0; q < TRIALS && topCost[q] < Double.POSITIVE_INFINITY; q++) {
				final double[] trial = centres.clone();
				final int j = topSplit[q];
				System.arraycopy(halves, 2 * j * d, trial, topRemove[q] * d, d);
				System.arraycopy(halves, (2 * j + 1) * d, trial, j * d, d);
				final LloydSolver.Run run = coresetSolver.run(trial, maxIterations, tolerance, listener, done -> {});
				if (run.inertia < bestInertia) {
					bestInertia = run.inertia;
					bestCentres = run.centres;
				}
			}
			if (bestCentres == null) break;
			final LloydSolver.Run candidate = full.run(bestCentres, maxIterations, tolerance, listener, KMeans.iterationProgress(fullRun, 0, maxIterations));
			if (!(candidate.inertia < current.inertia)) break;
			current = candidate.withOwnLabels();
		}
		return current;
	}

	/** Nearest and second-nearest centre of every coreset sample. */
	private void assign(final double[] centres) {
		chunks.forEach(runner, (c, start, end) -> {
			for (int i = start; i < end; i++) {
				double a = Double.POSITIVE_INFINITY;
				double b = Double.POSITIVE_INFINITY;
				int la = 0;
				int lb = 0;
				for (int j = 0; j < k; j++) {
					final double dist = Distances.squared(x, i * d, centres, j * d, d);
					if (dist < a) {
						b = a;
						lb = la;
						a = dist;
						la = j;
					}
					else if (dist < b) {
						b = dist;
						lb = j;
					}
				}
				label[i] = la;
				label2[i] = lb;
			}
		});
	}

	/**
	 * The cost of removing each centre: its samples go to their second-nearest centre, and every centre
	 * that receives samples moves to the mean of its new cluster.
	 *
	 * @param sse filled with each cluster's sum of squares about its mean
	 */
	private double[] removalCosts(final double[] sse) {
		final int stride = d + 2;
		// per cluster: weight, weighted sum, weighted sum of squared norms
		final double[][] partial = new double[momentChunks.count()][k * stride];
		momentChunks.forEach(runner, (c, start, end) -> {
			final double[] p = partial[c];
			for (int i = start; i < end; i++)
				accumulate(p, label[i] * stride, i);
		});
		final double[] clusters = sum(partial);
		for (int j = 0; j < k; j++)
			sse[j] = sumOfSquares(clusters, j * stride, null, 0);
		// the samples of each cluster r, grouped by their second-nearest centre s (counting sort by r)
		final int[] first = new int[k + 1];
		for (int i = 0; i < m; i++)
			first[label[i] + 1]++;
		for (int j = 0; j < k; j++)
			first[j + 1] += first[j];
		final int[] byCluster = new int[m];
		final int[] next = first.clone();
		for (int i = 0; i < m; i++)
			byCluster[next[label[i]]++] = i;
		final double[] moved = new double[k * stride];
		final double[] removal = new double[k];
		for (int r = 0; r < k; r++) {
			for (int q = first[r]; q < first[r + 1]; q++)
				accumulate(moved, label2[byCluster[q]] * stride, byCluster[q]);
			double cost = -sse[r];
			for (int s = 0; s < k; s++) {
				final int o = s * stride;
				if (!(moved[o] > 0)) continue;
				cost += sumOfSquares(clusters, o, moved, o) - sse[s];
				java.util.Arrays.fill(moved, o, o + stride, 0);
			}
			removal[r] = cost;
		}
		return removal;
	}

	/**
	 * Splits every cluster in two with 2-means started at the mean plus and minus 0.8 standard deviations
	 * along its principal axis (for a Gaussian, the 2-means centres lie at 0.8).
	 *
	 * @param halves filled with the two halves' centres of cluster j at rows 2j and 2j + 1
	 * @return per cluster: its sum of squares minus that of its two halves
	 */
	private double[] splitGains(final double[] centres, final double[] sse, final double[] halves) {
		final int dd = d * d;
		final int stride = 1 + d + dd;
		// per cluster: weight, weighted sum and second moments about its centre
		final double[][] partial = new double[momentChunks.count()][k * stride];
		momentChunks.forEach(runner, (c, start, end) -> {
			final double[] p = partial[c];
			final double[] v = new double[d];
			for (int i = start; i < end; i++) {
				final int j = label[i];
				final int o = j * stride;
				final double wi = w[i];
				for (int f = 0; f < d; f++)
					v[f] = x[i * d + f] - centres[j * d + f];
				p[o] += wi;
				for (int f = 0; f < d; f++) {
					p[o + 1 + f] += wi * v[f];
					for (int g = 0; g < d; g++)
						p[o + 1 + d + f * d + g] += wi * v[f] * v[g];
				}
			}
		});
		final double[] moments = sum(partial);
		for (int j = 0; j < k; j++) {
			final int o = j * stride;
			final double weight = moments[o];
			final double[] mean = new double[d];
			final double[] covariance = new double[dd];
			if (weight > 0) {
				for (int f = 0; f < d; f++)
					mean[f] = moments[o + 1 + f] / weight;
				for (int f = 0; f < d; f++)
					for (int g = 0; g < d; g++)
						covariance[f * d + g] = moments[o + 1 + d + f * d + g] / weight - mean[f] * mean[g];
			}
			final double[] axis = new double[d];
			final double variance = principalAxis(covariance, axis);
			final double step = 0.8 * Math.sqrt(variance);
			for (int f = 0; f < d; f++) {
				final double centre = centres[j * d + f] + mean[f];
				halves[2 * j * d + f] = centre + step * axis[f];
				halves[(2 * j + 1) * d + f] = centre - step * axis[f];
			}
		}
		final int sums = d + 2;
		final double[] halfSums = new double[2 * k * sums];
		for (int iteration = 0; iteration < SPLIT_ITERATIONS; iteration++) {
			final double[][] halfPartial = new double[momentChunks.count()][2 * k * sums];
			momentChunks.forEach(runner, (c, start, end) -> {
				final double[] p = halfPartial[c];
				for (int i = start; i < end; i++) {
					final int h = 2 * label[i];
					final int t = Distances.squared(x, i * d, halves, (h + 1) * d, d) < Distances.squared(x, i * d, halves, h * d, d) ? h + 1 : h;
					accumulate(p, t * sums, i);
				}
			});
			System.arraycopy(sum(halfPartial), 0, halfSums, 0, halfSums.length);
			for (int t = 0; t < 2 * k; t++) {
				final double weight = halfSums[t * sums];
				if (weight > 0) for (int f = 0; f < d; f++)
					halves[t * d + f] = halfSums[t * sums + 1 + f] / weight;
			}
		}
		final double[] gain = new double[k];
		for (int j = 0; j < k; j++)
			gain[j] = sse[j] - sumOfSquares(halfSums, 2 * j * sums, null, 0) - sumOfSquares(halfSums, (2 * j + 1) * sums, null, 0);
		return gain;
	}

	/** Unit eigenvector of the largest eigenvalue of a small symmetric matrix, by power iteration. */
	private double principalAxis(final double[] covariance, final double[] axis) {
		for (int f = 0; f < d; f++)
			axis[f] = 1 + 0.01 * f;
		double value = 0;
		final double[] next = new double[d];
		for (int iteration = 0; iteration < 50; iteration++) {
			java.util.Arrays.fill(next, 0);
			for (int f = 0; f < d; f++)
				for (int g = 0; g < d; g++)
					next[f] += covariance[f * d + g] * axis[g];
			double norm = 0;
			for (final double v : next)
				norm += v * v;
			norm = Math.sqrt(norm);
			if (!(norm > 0)) return 0;
			value = norm;
			for (int f = 0; f < d; f++)
				axis[f] = next[f] / norm;
		}
		return value;
	}

	/** Adds sample i (weight, weighted coordinates, weighted squared norm) at offset o of p. */
	private void accumulate(final double[] p, final int o, final int i) {
		final double wi = w[i];
		double squares = 0;
		p[o] += wi;
		for (int f = 0; f < d; f++) {
			final double v = x[i * d + f];
			p[o + 1 + f] += wi * v;
			squares += v * v;
		}
		p[o + 1 + d] += wi * squares;
	}

	/** Sum of squares about the mean of the accumulated set at t[a], plus the one at u[b] when u is given. */
	private double sumOfSquares(final double[] t, final int a, final double[] u, final int b) {
		double weight = t[a];
		double squares = t[a + 1 + d];
		if (u != null) {
			weight += u[b];
			squares += u[b + 1 + d];
		}
		if (!(weight > 0)) return 0;
		double norm = 0;
		for (int f = 0; f < d; f++) {
			final double s = t[a + 1 + f] + (u != null ? u[b + 1 + f] : 0);
			norm += s * s;
		}
		return Math.max(0, squares - norm / weight);
	}

	private static double[] sum(final double[][] partial) {
		final double[] total = new double[partial[0].length];
		for (final double[] p : partial)
			for (int q = 0; q < total.length; q++)
				total[q] += p[q];
		return total;
	}
}
