package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SampleWeights;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-means clustering with scikit-learn 1.2 semantics ({@code KMeans(algorithm="lloyd")}).
 * <p>
 * Initialisation is greedy k-means++ (best of {@link KMeansSettings#restarts()} runs by inertia,
 * earliest run on ties) or explicit centres; each run iterates Lloyd's algorithm, exactly accelerated
 * with Hamerly's bounds by default (see {@link LloydSolver}), until no label changes or the squared
 * centre shift is at most {@code tolerance x mean per-feature variance}. Sample weights act as
 * multiplicities: clustering distinct values weighted by their counts optimises the same objective as
 * clustering every repeated value.
 * <p>
 * With {@link KMeansSettings#refine()} and several k-means++ restarts, the restarts run on a small
 * summary of the samples (a {@code Coreset}: one weighted mean per kd-tree leaf), one more run starts from the consensus of their centres,
 * the best is finished on all samples and a split–merge search then moves single centres while that
 * lowers the inertia (see {@code RefinedKMeans} and {@code SwapSearch}): a lower local minimum, more
 * often, for less work than the plain restarts.
 * <p>
 * Precision: double. Threading: with several restarts on a parallel {@link TaskRunner} the restarts
 * run in parallel, otherwise each restart's chunks do; results are bit-identical for any runner. Randomness: run {@code r} uses the {@code r}-th split of a {@link SplittableRandom}
 * seeded with {@link KMeansSettings#seed()}.
 *
 * <h2>References</h2> S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 1982;
 * P. Bradley and U. Fayyad, "Refining initial points for k-means clustering", ICML 1998;
 * T. Kanungo et al., "A local search approximation algorithm for k-means clustering", 2004;
 * D. Arthur and S. Vassilvitskii, "k-means++", SODA 2007; G. Hamerly, "Making k-means even faster",
 * SDM 2010.
 */
public final class KMeans {

	private KMeans() {}

	/**
	 * Fits k-means to the samples.
	 *
	 * @param x samples (n x d), finite
	 * @param weights one weight >= 0 per sample, or null for all ones
	 * @param settings clusters, restarts, iterations, tolerance, seed, initial centres
	 * @param runner where to run chunks of work
	 * @param listener progress and cancellation
	 * @return centres, labels, inertia and iterations of the best run
	 * @throws IllegalArgumentException if the data are not finite, the weights are invalid, or there
	 *         are fewer samples with weight > 0 than clusters
	 * @throws java.util.concurrent.CancellationException when the listener cancels
	 */
	public static KMeansResult fit(final FeatureMatrix x, final double[] weights, final KMeansSettings settings, final TaskRunner runner, final ProgressListener listener) {
		x.checkFinite();
		final int n = x.rows();
		final int d = x.cols();
		final int k = settings.clusters();
		final double[] w = SampleWeights.checkOrOnes(weights, n);
		checkEnoughSamples(w, k);
		final double[] init = settings.initialCentres();
		if (init != null && init.length != k * d) throw new IllegalArgumentException("initial centres must be clusters x features = " + k + " x " + d + ", got " + init.length + " values");

		final KMeansSettings.Algorithm algorithm = settings.algorithm().resolve(d);
		final int restarts = settings.restarts();
		final boolean random = settings.init() == MiniBatchSettings.Init.RANDOM;
		final boolean refine = settings.refine() && init == null && restarts > 1 && !random;
		// refined: leaves as small as the coreset needs (when it is not the samples), so that one tree serves both
		final int coresetLeaf = refine ? Coreset.leafSize(n, k) : 0;
		final int leafSize = coresetLeaf >= 2 ? coresetLeaf : KdTree.LEAF_SIZE;
		final boolean usesTree = usesTree(algorithm, d);
		// phases: the kd-tree (a pass over the samples per level, like a few Lloyd iterations), then the runs
		final Phases phases = new Phases(listener, usesTree ? 3 : 0, 17);
		final KdTree tree = usesTree ? KdTree.build(x.data(), w, n, d, leafSize, runner, new PartialProgress(phases.next("k-means: kd-tree of " + n + " samples"), 0, 1, "k-means")) : null;
		if (!usesTree) phases.skip();
		final double[] data = tree != null ? tree.points : x.data();
		final double[] weight = tree != null ? tree.weights : w;
		final double tolerance = settings.tolerance() * meanVariance(data, n, d, weight, runner);
		final SplittableRandom root = new SplittableRandom(settings.seed());
		final SplittableRandom[] randoms = new SplittableRandom[restarts];
		for (int r = 0; r < restarts; r++)
			randoms[r] = root.split();
		final int maxIterations = settings.maxIterations();
		final double scale = largestAbsolute(data);

		final ProgressListener runs = phases.next(restarts == 1 ? "k-means" : "k-means: " + restarts + " runs");
		final LloydSolver.Run run = refine ? RefinedKMeans.fit(data, weight, n, d, k, tree, algorithm, scale, tolerance, randoms, settings.seed(), maxIterations, runner, runs) : restarts(data, weight, n, d, k, tree, algorithm, scale, tolerance, randoms, init, random, maxIterations, runner, runs, x.data(), w);
		phases.done("k-means done");
		final int[] labels = tree != null ? tree.toOriginalOrder(run.labels) : run.labels;
		return new KMeansResult(run.centres, k, labels, run.inertia, run.iterations);
	}

	/**
	 * The best of the restarts (or the run from the explicit centres), each on all samples. k-means++
	 * seeds in the caller's sample order ({@code original}, {@code originalWeight}) whenever the kd-tree
	 * order is not the order every algorithm uses (more than {@value KMeansSettings#KD_TREE_MAX_FEATURES}
	 * features, where only {@code KD_TREE} builds a tree), so that the same seed picks the same samples
	 * for every algorithm.
	 */
	private static LloydSolver.Run restarts(final double[] data, final double[] weight, final int n, final int d, final int k, final KdTree tree, final KMeansSettings.Algorithm algorithm, final double scale, final double tolerance, final SplittableRandom[] randoms, final double[] init, final boolean random, final int maxIterations, final TaskRunner runner, final ProgressListener listener, final double[] original, final double[] originalWeight) {
		final boolean seedInTreeOrder = tree != null && d <= KMeansSettings.KD_TREE_MAX_FEATURES;
		final double[] seedData = tree == null || seedInTreeOrder ? data : original;
		final double[] seedWeight = tree == null || seedInTreeOrder ? weight : originalWeight;
		final KdTree seedTree = seedInTreeOrder ? tree : null;
		final int restarts = randoms.length;
		// Several restarts on a parallel runner: one restart per task, each single-threaded. Otherwise
		// the restarts run in turn, each split into chunks. Each restart computes the same numbers either way.
		final boolean restartsInParallel = restarts > 1 && runner.parallelism() > 1;
		final TaskRunner inner = restartsInParallel ? TaskRunner.SEQUENTIAL : runner;
		final Best best = new Best();
		final SharedProgress progress = new SharedProgress(listener, restarts);
		final List<Runnable> tasks = new ArrayList<>(restarts);
		final LloydSolver shared = restartsInParallel ? null : new LloydSolver(data, weight, n, d, k, algorithm, tree, scale, runner);
		for (int r = 0; r < restarts; r++) {
			final int restart = r;
			tasks.add(() -> {
				listener.checkCanceled();
				final ProgressListener part = progress.part(1, restarts == 1 ? "k-means" : "k-means run " + (restart + 1) + "/" + restarts);
				final LloydSolver solver = shared != null ? shared : new LloydSolver(data, weight, n, d, k, algorithm, tree, scale, inner);
				final double[] centres = init != null ? init : random ? randomCentres(original, originalWeight, n, d, k, randoms[restart]) : KMeansPlusPlus.seed(seedData, n, d, seedWeight, k, randoms[restart], inner, seedTree, new PartialProgress(part, 0, SEEDING, null));
				final LloydSolver.Run run = solver.run(centres, maxIterations, tolerance, listener, iterationProgress(part, init != null ? 0 : SEEDING, maxIterations));
				part.progress(1, "k-means run done after " + run.iterations + " iterations");
				best.offer(restart, run);
			});
		}
		if (restartsInParallel) runner.runAll(tasks);
		else tasks.forEach(Runnable::run);
		return best.run();
	}

	/**
	 * scikit-learn's {@code init="random"}: k distinct samples drawn uniformly, in the caller's order, from
	 * those of weight > 0 (a partial Fisher-Yates shuffle of their indices).
	 */
	static double[] randomCentres(final double[] x, final double[] w, final int n, final int d, final int k, final SplittableRandom random) {
		return pickRows(x, d, java.util.stream.IntStream.range(0, n).filter(i -> w[i] > 0).toArray(), k, random);
	}

	/**
	 * @param candidates distinct row indices, at least k; reordered (a partial Fisher-Yates shuffle)
	 * @return k of the rows drawn uniformly without replacement, in draw order, k x d row-major
	 */
	static double[] pickRows(final double[] x, final int d, final int[] candidates, final int k, final SplittableRandom random) {
		final double[] centres = new double[k * d];
		for (int j = 0; j < k; j++) {
			final int pick = j + random.nextInt(candidates.length - j);
			final int chosen = candidates[pick];
			candidates[pick] = candidates[j];
			candidates[j] = chosen;
			System.arraycopy(x, chosen * d, centres, j * d, d);
		}
		return centres;
	}

	/** Share of a run's progress for its k-means++ seeding (the rest: its Lloyd iterations). */
	static final double SEEDING = 0.3;

	/**
	 * @param part the run's listener
	 * @param offset the run's progress before its first iteration
	 * @param maxIterations the largest number of iterations: the fraction is of those (runs usually
	 *        converge well before)
	 * @return reports of the iterations of a run
	 */
	static LloydSolver.IterationProgress iterationProgress(final ProgressListener part, final double offset, final int maxIterations) {
		return done -> part.progress(offset + (1 - offset) * done / maxIterations, "iteration " + done + " (at most " + maxIterations + ")");
	}

	/** The best run so far: lowest inertia, then lowest restart index, whatever order runs finish in. */
	static final class Best {

		private LloydSolver.Run run;
		private int restart = Integer.MAX_VALUE;

		synchronized void offer(final int index, final LloydSolver.Run candidate) {
			if (run == null || candidate.inertia < run.inertia || candidate.inertia == run.inertia && index < restart) {
				run = candidate.withOwnLabels();
				restart = index;
			}
		}

		/** @return the best run (a copy of its labels), or null before the first offer */
		synchronized LloydSolver.Run run() {
			return run;
		}
	}

	/**
	 * Low-dimensional data (at most {@link KMeansSettings#KD_TREE_MAX_FEATURES} features) are always
	 * processed in kd-tree order, whatever the algorithm, so that every algorithm sums in the same order
	 * and gives identical results from the same seed.
	 */
	static boolean usesTree(final KMeansSettings.Algorithm algorithm, final int d) {
		return algorithm == KMeansSettings.Algorithm.KD_TREE || d <= KMeansSettings.KD_TREE_MAX_FEATURES;
	}

	/** Requires at least k samples with weight > 0. */
	static void checkEnoughSamples(final double[] w, final int k) {
		int positive = 0;
		for (final double wi : w)
			if (wi > 0 && ++positive >= k) return;
		throw new IllegalArgumentException("clusters must be <= number of samples with weight > 0 (" + positive + "), got " + k);
	}

	/** Mean over features of the weighted (population) variance, as scikit-learn's tolerance scale. */
	static double meanVariance(final double[] x, final int n, final int d, final double[] w, final TaskRunner runner) {
		final Chunks chunks = Chunks.of(n);
		final double[][] partial = new double[chunks.count()][d + 1];
		chunks.forEach(runner, (c, start, end) -> {
			final double[] p = partial[c];
			for (int i = start; i < end; i++) {
				for (int f = 0; f < d; f++)
					p[f] += w[i] * x[i * d + f];
				p[d] += w[i];
			}
		});
		final double[] mean = new double[d];
		double totalWeight = 0;
		for (final double[] p : partial) {
			for (int f = 0; f < d; f++)
				mean[f] += p[f];
			totalWeight += p[d];
		}
		for (int f = 0; f < d; f++)
			mean[f] /= totalWeight;
		final double[][] squares = new double[chunks.count()][d];
		chunks.forEach(runner, (c, start, end) -> {
			final double[] s = squares[c];
			for (int i = start; i < end; i++)
				for (int f = 0; f < d; f++) {
					final double diff = x[i * d + f] - mean[f];
					s[f] += w[i] * diff * diff;
				}
		});
		double sum = 0;
		for (int f = 0; f < d; f++) {
			double v = 0;
			for (final double[] s : squares)
				v += s[f];
			sum += v / totalWeight;
		}
		return sum / d;
	}

	private static double largestAbsolute(final double[] x) {
		double m = 0;
		for (final double v : x)
			m = Math.max(m, Math.abs(v));
		return m;
	}
}
