package io.github.pixelclustering.hkmeans;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.LabelGroups;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.kmeans.KMeansResult;
import io.github.pixelclustering.kmeans.MiniBatchKMeans;
import io.github.pixelclustering.kmeans.MiniBatchSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two-level k-means of the rows of a matrix, with nilearn's {@code HierarchicalKMeans} semantics: for
 * very many items (pixels) where Ward is too slow.
 * <ol>
 * <li>mini-batch k-means with {@code (int) sqrt(K)} clusters on all rows;</li>
 * <li>coarse cluster i gets {@code a_i = K * size_i / n} fine clusters, as integers (see
 * {@link #allocate});</li>
 * <li>mini-batch k-means with that many clusters on the rows of each coarse cluster;</li>
 * <li>empty labels removed, the others renumbered consecutively (coarse cluster order, then fine
 * label).</li>
 * </ol>
 * Every mini-batch k-means uses the same settings and seed, as nilearn passes one {@code random_state}
 * to all of them. The fine clusterings are independent and run in parallel; the result does not depend
 * on the number of threads.
 */
public final class HierarchicalKMeans {

	private HierarchicalKMeans() {}

	/**
	 * Full k-means (Lloyd) iterations after every mini-batch k-means by default in the commands (beyond
	 * nilearn, which has none): on smoothed-noise stacks they lower the Ward objective by about 1 %, and
	 * with them the seeding takes {@link #POLISHED_SEEDING_TRIALS} candidates per centre.
	 */
	public static final int DEFAULT_LLOYD_ITERATIONS = 3;

	/**
	 * k-means++ candidates per centre of every mini-batch k-means when Lloyd iterations follow it
	 * (scikit-learn and nilearn: {@code 2 + floor(ln k)}, 5 for the usual 30-odd clusters): seeding is
	 * about half of the fit, and the Lloyd iterations more than make up for the slightly worse seeds
	 * (measured on bench/hkmeans.py: 3 candidates and 3 iterations give a lower objective than nilearn's
	 * algorithm on every case and seed, in about 15 % less time than 5 candidates and 2 iterations, in
	 * alternating runs). With no Lloyd iterations scikit-learn's number is kept: nilearn's algorithm exactly.
	 */
	public static final int POLISHED_SEEDING_TRIALS = 3;

	/** Settings of every mini-batch k-means, nilearn's defaults. */
	public static final class Settings {

		private final int clusters;
		private final int batchSize;
		private final int restarts;
		private final int maxNoImprovement;
		private final long seed;
		private final MiniBatchSettings.Init init;
		private final int lloydIterations;

		/**
		 * @param clusters number of clusters K, >= 1
		 * @param batchSize mini-batch size (nilearn: 1000), >= 1
		 * @param restarts initialisations per mini-batch k-means (n_init; nilearn: 10), >= 1
		 * @param maxNoImprovement early stopping (nilearn: 10), >= 0
		 * @param seed random seed (random_state; nilearn: 0)
		 * @param init k-means++ or random
		 */
		public Settings(final int clusters, final int batchSize, final int restarts, final int maxNoImprovement, final long seed, final MiniBatchSettings.Init init) {
			this(clusters, batchSize, restarts, maxNoImprovement, seed, init, 0);
		}

		/**
		 * @param clusters number of clusters K, >= 1
		 * @param batchSize mini-batch size (nilearn: 1000), >= 1
		 * @param restarts initialisations per mini-batch k-means (n_init; nilearn: 10), >= 1
		 * @param maxNoImprovement early stopping (nilearn: 10), >= 0
		 * @param seed random seed (random_state; nilearn: 0)
		 * @param init k-means++ or random
		 * @param lloydIterations full k-means iterations after every mini-batch k-means, >= 0 (nilearn:
		 *        0; see {@link MiniBatchSettings#lloydIterations()}); when > 0, k-means++ also takes
		 *        {@link #POLISHED_SEEDING_TRIALS} candidates per centre
		 */
		public Settings(final int clusters, final int batchSize, final int restarts, final int maxNoImprovement, final long seed, final MiniBatchSettings.Init init, final int lloydIterations) {
			if (clusters < 1) throw new IllegalArgumentException("clusters must be >= 1, got " + clusters + ".");
			if (batchSize < 1) throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize + ".");
			if (restarts < 1) throw new IllegalArgumentException("restarts must be >= 1, got " + restarts + ".");
			if (maxNoImprovement < 0) throw new IllegalArgumentException("max_no_improvement must be >= 0, got " + maxNoImprovement + ".");
			if (lloydIterations < 0) throw new IllegalArgumentException("lloyd_iterations must be >= 0, got " + lloydIterations + ".");
			this.clusters = clusters;
			this.batchSize = batchSize;
			this.restarts = restarts;
			this.maxNoImprovement = maxNoImprovement;
			this.seed = seed;
			this.init = init;
			this.lloydIterations = lloydIterations;
		}

		/** @return K */
		public int clusters() {
			return clusters;
		}

		/**
		 * @return the mini-batch settings for {@code k} clusters: with Lloyd iterations,
		 *         {@link #POLISHED_SEEDING_TRIALS} k-means++ candidates per centre; without, scikit-learn's
		 */
		MiniBatchSettings miniBatch(final int k) {
			return MiniBatchSettings.builder(k).batchSize(batchSize).restarts(restarts).maxNoImprovement(maxNoImprovement).seed(seed).init(init).lloydIterations(lloydIterations).seedingTrials(lloydIterations > 0 ? POLISHED_SEEDING_TRIALS : 0).build();
		}
	}

	/** The clustering. */
	public static final class Result {

		private final int[] labels;
		private final int clusters;
		private final int[] coarse;
		private final int[] coarseSizes;
		private final int[] allocation;
		private final double[] coarseCentres;
		private final double[][] fineCentres;
		private final int[][] fineLabels;

		Result(final int[] labels, final int clusters, final int[] coarse, final int[] coarseSizes, final int[] allocation, final double[] coarseCentres, final double[][] fineCentres, final int[][] fineLabels) {
			this.labels = labels;
			this.clusters = clusters;
			this.coarse = coarse;
			this.coarseSizes = coarseSizes;
			this.allocation = allocation;
			this.coarseCentres = coarseCentres;
			this.fineCentres = fineCentres;
			this.fineLabels = fineLabels;
		}

		/** @return the cluster of every row, 0..clusters()-1 */
		public int[] labels() {
			return labels.clone();
		}

		/** @return number of non-empty clusters */
		public int clusters() {
			return clusters;
		}

		/** @return the coarse cluster of every row */
		public int[] coarseLabels() {
			return coarse.clone();
		}

		/** @return rows per coarse cluster */
		public int[] coarseSizes() {
			return coarseSizes.clone();
		}

		/** @return fine clusters asked of every coarse cluster */
		public int[] allocation() {
			return allocation.clone();
		}

		/** @return number of coarse clusters, {@code max(1, (int) sqrt(K))} */
		public int coarseClusters() {
			return coarseSizes.length;
		}

		/** @return the centres of the coarse mini-batch k-means, coarse clusters x features, row-major */
		public double[] coarseCentres() {
			return coarseCentres.clone();
		}

		/**
		 * @param c a coarse cluster
		 * @return the centres of its fine mini-batch k-means (fine clusters x features, row-major); when it
		 *         has one fine cluster (no k-means run), its coarse centre; empty when it has no rows
		 */
		public double[] fineCentres(final int c) {
			return fineCentres[c] == null ? new double[0] : fineCentres[c].clone();
		}

		/**
		 * @param c a coarse cluster
		 * @return for each of its fine centres the cluster (0..clusters()-1) of the rows nearest to it, -1
		 *         for a centre no row is nearest to (its label was removed); empty when it has no rows
		 */
		public int[] fineLabels(final int c) {
			return fineLabels[c] == null ? new int[0] : fineLabels[c].clone();
		}
	}

	/**
	 * @param x the rows to cluster (items x features), finite
	 * @param settings K and the mini-batch settings
	 * @param runner where to run the fine clusterings
	 * @param listener progress and cancellation
	 * @return the clustering
	 */
	public static Result fit(final FeatureMatrix x, final Settings settings, final TaskRunner runner, final ProgressListener listener) {
		final int n = x.rows();
		final int d = x.cols();
		final int k = settings.clusters();
		if (k > n) throw new IllegalArgumentException("clusters must be at most the number of items (" + n + "), got " + k + ".");
		final int big = Math.max(1, (int) Math.sqrt(k));
		// phases: the coarse clustering of all rows, then the fine ones, together about as long
		final Phases phases = new Phases(listener, 1, 1);
		final ProgressListener coarsePhase = phases.next("hkmeans: " + big + " coarse clusters of " + n + " rows");
		final KMeansResult level1 = MiniBatchKMeans.fit(x, null, settings.miniBatch(big), runner, new PartialProgress(coarsePhase, 0, 1, "hkmeans coarse"));
		listener.checkCanceled();
		final int[] coarse = level1.labels();
		// members of every coarse cluster, in row order
		final LabelGroups groups = LabelGroups.of(coarse, big);
		final int[] sizes = new int[big];
		for (int c = 0; c < big; c++)
			sizes[c] = groups.size(c);
		final int[] allocation = allocate(sizes, k, n);
		final int[][] fine = new int[big][];
		final double[][] fineCentres = new double[big][];
		final double[] coarseCentres = level1.centres();
		final List<Runnable> tasks = new ArrayList<>();
		// one part per coarse cluster, weighted by its rows
		final SharedProgress finePhase = new SharedProgress(phases.next("hkmeans: " + k + " fine clusters in " + big + " coarse ones"), n);
		// largest coarse clusters first, so that no thread is left with a large one at the end (each
		// clustering is independent: the order changes no result)
		final Integer[] bySize = new Integer[big];
		for (int c = 0; c < big; c++)
			bySize[c] = c;
		Arrays.sort(bySize, (a, b) -> sizes[a] != sizes[b] ? Integer.compare(sizes[b], sizes[a]) : Integer.compare(a, b));
		for (final int c : bySize) {
			final int cluster = c;
			if (allocation[c] == 0) continue;
			tasks.add(() -> {
				listener.checkCanceled();
				final int from = groups.start[cluster], size = sizes[cluster];
				final int want = Math.min(allocation[cluster], size);
				final ProgressListener part = finePhase.part(size, "hkmeans fine, coarse cluster " + (cluster + 1) + "/" + big + " (" + want + " clusters)");
				if (want == 1) {
					fine[cluster] = new int[size];
					fineCentres[cluster] = Arrays.copyOfRange(coarseCentres, cluster * d, cluster * d + d);
					part.progress(1, "one cluster");
					return;
				}
				final double[] sub = new double[size * d];
				for (int i = 0; i < size; i++)
					System.arraycopy(x.data(), groups.members[from + i] * d, sub, i * d, d);
				final KMeansResult level2 = MiniBatchKMeans.fit(new FeatureMatrix(sub, size, d), null, settings.miniBatch(want), TaskRunner.SEQUENTIAL, part);
				fine[cluster] = level2.labels();
				fineCentres[cluster] = level2.centres();
			});
		}
		runner.runAll(tasks);
		listener.checkCanceled();
		// fine labels q_i + label, then empty labels removed
		final int[] labels = new int[n];
		int q = 0;
		for (int c = 0; c < big; c++) {
			if (fine[c] == null) continue;
			for (int i = 0; i < sizes[c]; i++)
				labels[groups.members[groups.start[c] + i]] = q + fine[c][i];
			q += allocation[c];
		}
		final int[] used = new int[Math.max(1, q)];
		Arrays.fill(used, -1);
		for (final int l : labels)
			used[l] = 0;
		int next = 0;
		for (int l = 0; l < used.length; l++)
			if (used[l] == 0) used[l] = next++;
		for (int r = 0; r < n; r++)
			labels[r] = used[labels[r]];
		// the cluster of every fine centre (-1: none of its rows, so its label was removed)
		final int[][] fineLabels = new int[big][];
		q = 0;
		for (int c = 0; c < big; c++) {
			if (fine[c] == null) continue;
			final int centres = fineCentres[c].length / d;
			fineLabels[c] = new int[centres];
			for (int j = 0; j < centres; j++)
				fineLabels[c][j] = used[q + j];
			q += allocation[c];
		}
		phases.done("hkmeans done: " + next + " clusters");
		return new Result(labels, next, coarse, sizes, allocation, coarseCentres, fineCentres, fineLabels);
	}

	/**
	 * nilearn's allocation of K fine clusters to the coarse clusters: {@code a_i = K * size_i / n};
	 * {@code r_i = max(round(a_i), 1)} (round half to even, as NumPy); while the sum is below K, add 1
	 * where {@code a_i - r_i} is largest; while above K, subtract 1 where {@code a_i - r_i} is smallest
	 * among {@code r_i > 1} (ties: the lowest i). Empty coarse clusters get none.
	 *
	 * @param sizes items per coarse cluster
	 * @param k K
	 * @param n number of items (the sum of sizes)
	 * @return fine clusters per coarse cluster
	 */
	public static int[] allocate(final int[] sizes, final int k, final int n) {
		final int m = sizes.length;
		final double[] a = new double[m];
		final int[] r = new int[m];
		long sum = 0;
		for (int i = 0; i < m; i++) {
			if (sizes[i] == 0) continue;
			a[i] = (double) k * sizes[i] / n;
			r[i] = Math.max((int) Math.rint(a[i]), 1);
			sum += r[i];
		}
		while (sum < k) {
			int best = -1;
			for (int i = 0; i < m; i++)
				if (sizes[i] > 0 && (best < 0 || a[i] - r[i] > a[best] - r[best])) best = i;
			r[best]++;
			sum++;
		}
		while (sum > k) {
			int best = -1;
			for (int i = 0; i < m; i++)
				if (r[i] > 1 && (best < 0 || a[i] - r[i] < a[best] - r[best])) best = i;
			if (best < 0) break;
			r[best]--;
			sum--;
		}
		return r;
	}
}
