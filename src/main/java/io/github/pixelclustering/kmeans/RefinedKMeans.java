package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-means with {@link KMeansSettings#refine()}: a better local minimum than the best of the restarts,
 * for less work.
 * <ol>
 * <li>The k-means++ restarts run on a {@link Coreset} (the weighted means of the kd-tree's leaves), not
 * on all samples.</li>
 * <li>One more coreset run starts from the consensus of the restarts: the k-means (10 k-means++
 * restarts) of all their centres, weighted by their clusters' weights (Bradley and Fayyad's
 * refinement).</li>
 * <li>The run with the lowest coreset inertia (earliest on ties) is finished by Lloyd on all
 * samples.</li>
 * <li>{@link SwapSearch} then moves single centres while that lowers the inertia.</li>
 * </ol>
 * The result is a Lloyd fixed point of all samples (up to the tolerance), as without refinement.
 * Results are bit-identical for any runner.
 */
final class RefinedKMeans {

	/** k-means++ restarts when computing the consensus of the restarts' centres. */
	static final int CONSENSUS_RESTARTS = 10;

	private RefinedKMeans() {}

	/**
	 * @param data samples (n x d), in tree order when there is a tree
	 * @param weight their weights
	 * @param tree kd-tree of the samples, or null when the solver does not use one
	 * @param randoms one generator per restart
	 * @return centres, labels in tree order when there is a tree, inertia and iterations of the last
	 *         Lloyd run on all samples
	 */
	static LloydSolver.Run fit(final double[] data, final double[] weight, final int n, final int d, final int k, final KdTree tree, final KMeansSettings.Algorithm algorithm, final double scale, final double tolerance, final SplittableRandom[] randoms, final long seed, final int maxIterations, final TaskRunner runner, final ProgressListener listener) {
		// phases, weighted by their usual share of the time
		final Phases phases = new Phases(listener, 2, 3, 1, 3, 3);
		phases.next("k-means: coreset of " + n + " samples");
		final Coreset coreset = Coreset.of(data, weight, n, d, tree, k, runner);
		final KdTree coresetTree = KMeans.usesTree(algorithm, d) ? coreset.tree : null;
		final int m = coreset.count;
		final int restarts = randoms.length;

		// restarts in parallel, each single-threaded, when the runner is parallel; otherwise in turn
		final boolean restartsInParallel = restarts > 1 && runner.parallelism() > 1;
		final TaskRunner inner = restartsInParallel ? TaskRunner.SEQUENTIAL : runner;
		final KMeans.Best best = new KMeans.Best();
		final double[][] runCentres = new double[restarts][];
		final double[][] runWeights = new double[restarts][];
		final SharedProgress progress = new SharedProgress(phases.next("k-means: " + restarts + " runs on a coreset of " + m + " points"), restarts);
		final List<Runnable> tasks = new ArrayList<>(restarts);
		for (int r = 0; r < restarts; r++) {
			final int restart = r;
			tasks.add(() -> {
				listener.checkCanceled();
				final ProgressListener part = progress.part(1, "k-means coreset run " + (restart + 1) + "/" + restarts);
				final LloydSolver solver = new LloydSolver(coreset.points, coreset.weights, m, d, k, algorithm, coresetTree, scale, inner);
				final double[] centres = KMeansPlusPlus.seed(coreset.points, m, d, coreset.weights, k, randoms[restart], inner, coresetTree, new PartialProgress(part, 0, KMeans.SEEDING, null));
				final LloydSolver.Run run = solver.run(centres, maxIterations, tolerance, listener, KMeans.iterationProgress(part, KMeans.SEEDING, maxIterations));
				runCentres[restart] = run.centres.clone();
				runWeights[restart] = clusterWeights(run.labels, coreset.weights, k);
				best.offer(restart, run);
				part.progress(1, "done after " + run.iterations + " iterations");
			});
		}
		if (restartsInParallel) runner.runAll(tasks);
		else tasks.forEach(Runnable::run);
		final ProgressListener consensusProgress = phases.next("k-means: consensus of the " + restarts + " runs");
		final double[] consensus = consensus(runCentres, runWeights, k, d, seed);
		if (consensus != null) best.offer(restarts, new LloydSolver(coreset.points, coreset.weights, m, d, k, algorithm, coresetTree, scale, runner).run(consensus, maxIterations, tolerance, listener, KMeans.iterationProgress(new PartialProgress(consensusProgress, 0, 1, "k-means consensus run"), 0, maxIterations)));

		final ProgressListener fullProgress = new PartialProgress(phases.next("k-means on all " + n + " samples"), 0, 1, "k-means on all samples");
		final LloydSolver full = new LloydSolver(data, weight, n, d, k, algorithm, tree, scale, runner);
		final LloydSolver.Run start = full.run(best.run().centres, maxIterations, tolerance, listener, KMeans.iterationProgress(fullProgress, 0, maxIterations)).withOwnLabels();
		final LloydSolver.Run improved = SwapSearch.improve(start, full, coreset, k, algorithm, scale, maxIterations, tolerance, runner, phases.next("k-means swap search"));
		phases.done("k-means swap search done");
		return improved;
	}

	/** @return the total weight of each cluster */
	private static double[] clusterWeights(final int[] labels, final double[] w, final int k) {
		final double[] sums = new double[k];
		for (int i = 0; i < labels.length; i++)
			sums[labels[i]] += w[i];
		return sums;
	}

	/**
	 * The k-means of all restarts' non-empty centres, weighted by their clusters' weights
	 * ({@link #CONSENSUS_RESTARTS} k-means++ restarts, seeded from the settings' seed), or null when
	 * there are fewer than k such centres.
	 */
	private static double[] consensus(final double[][] centres, final double[][] weights, final int k, final int d, final long seed) {
		int count = 0;
		for (final double[] w : weights)
			for (final double v : w)
				if (v > 0) count++;
		if (count < k) return null;
		final double[] pool = new double[count * d];
		final double[] poolWeights = new double[count];
		int m = 0;
		for (int r = 0; r < centres.length; r++)
			for (int j = 0; j < k; j++) {
				if (weights[r][j] <= 0) continue;
				System.arraycopy(centres[r], j * d, pool, m * d, d);
				poolWeights[m++] = weights[r][j];
			}
		final KMeansSettings poolSettings = KMeansSettings.builder(k).restarts(CONSENSUS_RESTARTS).seed(new SplittableRandom(seed).nextLong()).build();
		return KMeans.fit(new FeatureMatrix(pool, count, d), poolWeights, poolSettings, TaskRunner.SEQUENTIAL, ProgressListener.NONE).centres();
	}
}
