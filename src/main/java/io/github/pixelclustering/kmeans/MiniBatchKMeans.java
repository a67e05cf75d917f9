package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SampleWeights;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

/**
 * Mini-batch k-means with scikit-learn 1.2 semantics ({@code MiniBatchKMeans}).
 * <p>
 * A validation subset and, per restart, an initialisation subset of {@code initSize} samples are drawn
 * (no initialisation subset when {@code initSize} is not smaller than the number of samples: then every
 * sample takes part, as in scikit-learn); k-means++ on each initialisation subset gives candidate centres, and the candidate with the lowest
 * inertia on the validation subset is kept. Then each step draws {@code batchSize} samples, assigns them
 * to their nearest centres and moves each centre towards the mean of its batch samples with a per-centre
 * learning rate of {@code batch count / total count}. Centres whose count falls below
 * {@code reassignmentRatio x largest count} are moved to random batch samples (at most half a batch at a
 * time, every {@code 10 k} samples or whenever a count is zero). It stops after {@code maxIterations}
 * passes over the data, or after {@code maxNoImprovement} steps in which the exponentially smoothed batch
 * inertia did not reach a new minimum. Finally every sample gets the label of its nearest centre.
 * <p>
 * Beyond scikit-learn, {@link MiniBatchSettings#lloydIterations()} full k-means (Lloyd) iterations can
 * follow: each moves every centre to the mean of its samples and relabels every sample, so the inertia
 * only decreases. They stop early when no label changes, and an iteration that would empty a cluster is
 * not taken. The mini-batch centres are noisy estimates; a few such iterations lower the inertia
 * noticeably for a fraction of the cost of the mini-batch steps.
 * <p>
 * Weights, as scikit-learn's {@code sample_weight}, only weigh ({@link #fit}): samples are drawn
 * uniformly, the number of rows drives the batch sizes and stopping rules, and each drawn sample counts
 * with its weight in the centre updates, the initialisation and the inertias; so no weights, all ones
 * or any common scale give one result. Counts are the other reading ({@link #fitCounts}): samples are
 * drawn with probability proportional to their count and the number of samples is the total count, so
 * clustering distinct values with their counts behaves exactly as clustering every repeated value.
 * <p>
 * Precision: double. Threading: the steps are sequential; the final assignment runs in chunks on the
 * {@link TaskRunner}; results are identical for any runner. Randomness: one {@link SplittableRandom}
 * seeded with {@link MiniBatchSettings#seed()}.
 *
 * <h2>References</h2> D. Sculley, "Web-scale k-means clustering", WWW 2010.
 */
public final class MiniBatchKMeans {

	private MiniBatchKMeans() {}

	/**
	 * Fits mini-batch k-means to the samples, weights weighing them as scikit-learn's
	 * {@code sample_weight} (see the class description).
	 *
	 * @param x samples (n x d), finite
	 * @param weights one weight >= 0 per sample, or null for all ones (the same result as all ones, or as
	 *        any common scale)
	 * @param settings clusters, batch size, restarts, stopping rules, seed
	 * @param runner where to run the final assignment
	 * @param listener progress and cancellation
	 * @return centres, labels and inertia over all samples; iterations = mini-batch steps
	 * @throws IllegalArgumentException if the data are not finite, the weights are invalid, or there are
	 *         fewer samples with weight > 0 than clusters
	 * @throws java.util.concurrent.CancellationException when the listener cancels
	 */
	public static KMeansResult fit(final FeatureMatrix x, final double[] weights, final MiniBatchSettings settings, final TaskRunner runner, final ProgressListener listener) {
		return fit(x, weights, false, settings, runner, listener);
	}

	/**
	 * Fits mini-batch k-means to samples that stand for {@code counts[i]} repeated samples each: the same
	 * as fitting every repeated sample (see the class description).
	 *
	 * @param x distinct samples (n x d), finite
	 * @param counts how many samples each row stands for (>= 0, whole or not), or null for one each
	 * @param settings clusters, batch size, restarts, stopping rules, seed
	 * @param runner where to run the final assignment
	 * @param listener progress and cancellation
	 * @return centres, labels and inertia (counted with the counts); iterations = mini-batch steps
	 * @throws IllegalArgumentException as {@link #fit}
	 */
	public static KMeansResult fitCounts(final FeatureMatrix x, final double[] counts, final MiniBatchSettings settings, final TaskRunner runner, final ProgressListener listener) {
		return fit(x, counts, true, settings, runner, listener);
	}

	private static KMeansResult fit(final FeatureMatrix x, final double[] weights, final boolean multiplicities, final MiniBatchSettings settings, final TaskRunner runner, final ProgressListener listener) {
		x.checkFinite();
		final int n = x.rows();
		final int d = x.cols();
		final int k = settings.clusters();
		final double[] w = SampleWeights.checkOrOnes(weights, n);
		KMeans.checkEnoughSamples(w, k);
		final double[] data = x.data();
		// counts: drawn in proportion, the total is the number of samples; weights: drawn uniformly,
		// weighing each drawn sample (null for none)
		final double total = weights == null || !multiplicities ? n : sum(w);
		final long samples = Math.max(1, Math.round(total));
		final double[] weigh = multiplicities || weights == null ? null : w;
		// as scikit-learn: never more per batch than there are samples
		final int batch = (int) Math.min(settings.batchSize(), samples);
		final SplittableRandom random = new SplittableRandom(settings.seed());

		// initialisation: best of `restarts` k-means++ runs on subsets, judged on a validation subset
		final int initSize = (int) Math.min(initSize(settings, batch, k), samples);
		final long steps = (settings.maxIterations() * samples) / batch;
		// phases, weighted by their operations: initialisation (k-means++ with its candidates per centre on
		// each subset), steps (usually some hundreds to thousands of batches before the early stop; a drawn
		// sample also costs its draw and update), final labelling and Lloyd iterations (a pass over all
		// samples each); a distance to a centre costs d
		final double initWork = (double) settings.restarts() * initSize * settings.trials();
		final double perRow = (double) k * d;
		final Phases phases = new Phases(listener, initWork * perRow, Math.min(steps, TYPICAL_STEPS) * batch * (perRow + ROW_OVERHEAD), n * (perRow + 30) * (1 + settings.lloydIterations()));
		final ProgressListener initialising = phases.next("mini-batch k-means: " + settings.restarts() + " initialisations of " + k + " centres");
		final WeightedSampler sampler = new WeightedSampler(multiplicities ? weights : null, n);
		final int[] validation = draw(sampler, random, initSize);
		// as scikit-learn: the initialisation runs on a drawn subset only when that is smaller than the
		// data; otherwise on all samples (and draws no subset)
		final boolean subsample = initSize < samples;
		// long rows: distances as |x|^2 + |c|^2 - 2 x.c from rows stored feature by feature (Columns), norms computed once
		final boolean dense = d >= Distances.INTERLEAVED;
		final double[] norms = dense ? norms(data, n, d, runner) : null;
		final DistinctDraws valid = dense ? new DistinctDraws(n, validation.length, d).of(validation, data, d, norms) : null;
		final double[] given = settings.initialCentres();
		if (given != null && given.length != k * d) throw new IllegalArgumentException("initial centres must be clusters x features = " + k + " x " + d + ", got " + given.length + " values");
		double[] centres = given != null ? given : bestInitialisation(data, n, d, w, weigh, k, settings, sampler, random, initSize, subsample, norms, validation, valid, runner, new SharedProgress(initialising, settings.restarts()));

		final double tolerance = settings.tolerance() > 0 ? settings.tolerance() * KMeans.meanVariance(data, n, d, w, runner) : 0;
		// the fraction is of the largest number of steps (max_iter passes over the samples); the early
		// stopping rules usually end the steps well before
		final ProgressListener stepping = phases.next("mini-batch k-means steps (at most " + steps + ")");
		final MiniBatchSteps descent = new MiniBatchSteps(data, n, d, norms, k, batch, samples, settings, sampler, weigh, random, runner, centres, tolerance);
		// a report every 64 steps, or fewer steps for batches of long rows (about 2^24 operations apart)
		final long every = Math.max(1, Math.min(64, (1L << 24) / (batch * ((long) k * d + ROW_OVERHEAD))));
		long step = 0;
		for (; step < steps; step++) {
			if (step % every == 0) {
				stepping.checkCanceled();
				stepping.progress((double) step / steps, "mini-batch k-means step " + step + " of at most " + steps);
			}
			if (descent.step(step)) {
				step++;
				break;
			}
		}
		centres = descent.centres;
		final int iterations = (int) Math.max(1, Math.min(Integer.MAX_VALUE, step));
		final ProgressListener labelling = phases.next("mini-batch k-means: labelling " + n + " samples after " + iterations + " steps");
		final KMeansResult result;
		if (settings.lloydIterations() > 0) result = LloydPolish.run(data, n, d, norms, w, centres, k, settings.lloydIterations(), iterations, runner, labelling);
		else result = dense ? labelDense(data, n, d, norms, w, centres, k, iterations, runner, labelling) : label(data, n, d, w, centres, k, iterations, runner, labelling);
		phases.done("mini-batch k-means done");
		return result;
	}

	/** Mini-batch steps assumed for weighing progress: early stopping usually ends the steps about then. */
	private static final long TYPICAL_STEPS = 2000;
	/** Work of drawing a sample in a step and updating its centre, in operations (measured: about 300). */
	private static final int ROW_OVERHEAD = 300;

	/** @return scikit-learn's init_size: 3 batches by default, at least 3 k */
	private static int initSize(final MiniBatchSettings settings, final int batch, final int k) {
		final int initSize = settings.initSize() > 0 ? settings.initSize() : 3 * batch;
		return initSize < k ? 3 * k : initSize;
	}

	/**
	 * The best of the settings' restarts (k-means++ or random), each judged by its inertia on the
	 * validation draws.
	 */
	private static double[] bestInitialisation(final double[] data, final int n, final int d, final double[] w, final double[] weigh, final int k, final MiniBatchSettings settings, final WeightedSampler sampler, final SplittableRandom random, final int initSize, final boolean subsample, final double[] norms, final int[] validation, final DistinctDraws valid, final TaskRunner runner, final SharedProgress listener) {
		final boolean dense = norms != null;
		final int trials = settings.trials();
		double[] centres = null;
		double bestInertia = Double.POSITIVE_INFINITY;
		if (dense && settings.init() == MiniBatchSettings.Init.K_MEANS_PLUS_PLUS) {
			// the random numbers of every restart are drawn first, in the order a sequential run draws
			// them; then the restarts run in parallel, and the best is chosen in restart order
			final int restarts = settings.restarts();
			final int[][] drawn = new int[restarts][];
			final double[][] uniforms = new double[restarts][];
			for (int r = 0; r < restarts; r++) {
				drawn[r] = subsample ? draw(sampler, random, initSize) : null;
				uniforms[r] = new double[DenseSeeding.uniformsNeeded(k, trials)];
				for (int u = 0; u < uniforms[r].length; u++)
					uniforms[r][u] = random.nextDouble();
			}
			final double[][] candidates = new double[restarts][];
			final double[] inertias = new double[restarts];
			// one task per thread, each with its own buffers, takes every `parallel`-th restart
			final int parallel = Math.max(1, Math.min(runner.parallelism(), restarts));
			final java.util.List<Runnable> tasks = new java.util.ArrayList<>();
			for (int p = 0; p < parallel; p++) {
				final int part = p;
				tasks.add(() -> {
					final DenseSeeding.Workspace workspace = new DenseSeeding.Workspace();
					// no subset: every distance the seeding and the validation need is one between two
					// rows, and the restarts draw the same rows again and again; each row's distances are
					// computed once (per thread)
					final RowDistances cache = subsample ? null : new RowDistances(data, n, d, norms);
					for (int restart = part; restart < restarts; restart += parallel) {
						if (listener.isCanceled()) throw new CancellationException("Canceled");
						final ProgressListener seeding = listener.part(1, "mini-batch k-means initialisation " + (restart + 1) + "/" + restarts);
						workspace.progress = seeding;
						if (cache != null) {
							candidates[restart] = workspace.seed(data, n, d, norms, cache, w, k, trials, DenseSeeding.Uniform.of(uniforms[restart]));
							inertias[restart] = batchInertia(cache, validation, weigh, workspace.chosen, k);
						}
						else {
							candidates[restart] = subsample ? initialCentresDense(data, n, d, norms, w, weigh, k, trials, drawn[restart], uniforms[restart], workspace) : workspace.seed(data, n, d, norms, w, k, trials, DenseSeeding.Uniform.of(uniforms[restart]));
							inertias[restart] = batchInertiaDense(valid, validation, weigh, d, candidates[restart], k);
						}
						seeding.progress(1, "done");
					}
				});
			}
			runner.runAll(tasks);
			for (int r = 0; r < restarts; r++)
				if (centres == null || inertias[r] < bestInertia) {
					centres = candidates[r];
					bestInertia = inertias[r];
				}
		}
		else for (int r = 0; r < settings.restarts(); r++) {
			if (listener.isCanceled()) throw new CancellationException("Canceled");
			final ProgressListener part = listener.part(1, "mini-batch k-means initialisation " + (r + 1) + "/" + settings.restarts());
			final double[] candidate = settings.init() == MiniBatchSettings.Init.RANDOM ? randomCentres(data, n, d, w, k, sampler, random, subsample ? initSize : 0) : initialCentres(data, n, d, w, weigh, k, trials, sampler, random, subsample ? initSize : 0, runner, part);
			final double inertia = dense ? batchInertiaDense(valid, validation, weigh, d, candidate, k) : batchInertia(data, d, validation, weigh, candidate, k);
			if (centres == null || inertia < bestInertia) {
				centres = candidate;
				bestInertia = inertia;
			}
			part.progress(1, "done");
		}
		return centres;
	}

	/**
	 * The nearest centre of rows from..to-1 (the lowest index on ties: strict {@code <}, centres in order) and the
	 * squared distance to it, centre by centre over the rows.
	 *
	 * @param scratch at least {@code to} entries, of which from..to-1 are overwritten
	 */
	static void nearest(final Columns rows, final int from, final int to, final double[] centres, final int k, final double[] centreNorms, final int d, final double[] scratch, final int[] label, final double[] distance) {
		Arrays.fill(label, from, to, 0);
		Arrays.fill(distance, from, to, Double.POSITIVE_INFINITY);
		for (int j = 0; j < k; j++) {
			rows.squaredTo(from, to, centres, j * d, centreNorms[j], scratch);
			for (int u = from; u < to; u++)
				if (scratch[u] < distance[u]) {
					distance[u] = scratch[u];
					label[u] = j;
				}
		}
	}

	/** Rows per chunk of a large batch's parallel assignment. */
	static final int BLOCK = 64;
	/** Rows per block of the final labelling. */
	private static final int LABEL_BLOCK = 256;

	/** @return the squared norm of every row ({@link Distances#norm}) */
	private static double[] norms(final double[] data, final int n, final int d, final TaskRunner runner) {
		final double[] norms = new double[n];
		Chunks.of(n).forEach(runner, (c, start, end) -> {
			for (int i = start; i < end; i++)
				norms[i] = Distances.norm(data, i * d, d);
		});
		return norms;
	}

	/**
	 * {@link #initialCentres} for long rows, with the restart's drawn samples (sorted here) and uniform
	 * numbers given.
	 */
	private static double[] initialCentresDense(final double[] data, final int n, final int d, final double[] norms, final double[] w, final double[] weigh, final int k, final int trials, final int[] drawn, final double[] uniforms, final DenseSeeding.Workspace workspace) {
		sort(drawn, n, workspace);
		int distinct = 0;
		for (int i = 0; i < drawn.length; i++)
			if ((i == 0 || drawn[i] != drawn[i - 1]) && weighs(weigh, drawn[i])) distinct++;
		final DenseSeeding.Uniform uniform = DenseSeeding.Uniform.of(uniforms);
		if (distinct < k) return workspace.seed(data, n, d, norms, w, k, trials, uniform);
		workspace.ensureRows(distinct, d);
		final double[] subset = workspace.rows;
		final double[] subsetNorms = workspace.rowNorms;
		final double[] multiplicity = workspace.weights;
		int m = -1;
		for (int i = 0; i < drawn.length; i++) {
			if (!weighs(weigh, drawn[i])) continue;
			if (i == 0 || drawn[i] != drawn[i - 1]) {
				System.arraycopy(data, drawn[i] * d, subset, ++m * d, d);
				subsetNorms[m] = norms[drawn[i]];
				multiplicity[m] = 0;
			}
			multiplicity[m] += weigh == null ? 1 : weigh[drawn[i]];
		}
		return workspace.seed(subset, distinct, d, subsetNorms, multiplicity, k, trials, uniform);
	}

	/**
	 * Sorts sample indices (0..n-1): by counting when n is not much larger than their number, else by
	 * {@link Arrays#sort(int[])}.
	 */
	static void sort(final int[] indices, final int n, final DenseSeeding.Workspace workspace) {
		if (n > 16L * indices.length) {
			Arrays.sort(indices);
			return;
		}
		if (workspace.tally.length < n) workspace.tally = new int[n];
		final int[] tally = workspace.tally;
		for (final int i : indices)
			tally[i]++;
		int at = 0;
		for (int i = 0; i < n; i++) {
			for (int c = tally[i]; c > 0; c--)
				indices[at++] = i;
			tally[i] = 0;
		}
	}

	/**
	 * {@link #batchInertiaDense} of the validation rows for centres that are rows, from the distances of
	 * those rows: the same numbers, summed in the same order.
	 */
	/** @return whether a drawn sample takes part in an initialisation subset (weight > 0, or counts) */
	private static boolean weighs(final double[] weigh, final int i) {
		return weigh == null || weigh[i] > 0;
	}

	private static double batchInertia(final RowDistances cache, final int[] validation, final double[] weigh, final int[] centreRows, final int k) {
		final double[][] rows = new double[k][];
		final int[] offsets = new int[k];
		cache.distances(centreRows, k, rows, offsets);
		final int n = cache.rows();
		final double[] nearest = Arrays.copyOfRange(rows[0], offsets[0], offsets[0] + n);
		for (int j = 1; j < k; j++)
			Distances.lowerTo(nearest, rows[j], offsets[j], n);
		double s = 0;
		for (final int v : validation)
			s += weigh == null ? nearest[v] : weigh[v] * nearest[v];
		return s;
	}

	/**
	 * {@link #batchInertia} for long rows: the nearest-centre distance of every distinct drawn sample
	 * computed once, then summed over the draws in draw order (as if computed for each draw).
	 */
	private static double batchInertiaDense(final DistinctDraws drawn, final int[] validation, final double[] weigh, final int d, final double[] centres, final int k) {
		final double[] norms = Distances.norms(centres, k, d);
		final int m = drawn.count;
		final double[] distances = new double[m];
		final double[] nearest = new double[m];
		Arrays.fill(nearest, Double.POSITIVE_INFINITY);
		for (int j = 0; j < k; j++) {
			drawn.columns.squaredTo(0, m, centres, j * d, norms[j], distances);
			Distances.lowerTo(nearest, distances, 0, m);
		}
		double s = 0;
		for (int b = 0; b < drawn.slot.length; b++)
			s += weigh == null ? nearest[drawn.slot[b]] : weigh[validation[b]] * nearest[drawn.slot[b]];
		return s;
	}

	/** {@link #label} for long rows. */
	private static KMeansResult labelDense(final double[] data, final int n, final int d, final double[] norms, final double[] w, final double[] centres, final int k, final int steps, final TaskRunner runner, final ProgressListener listener) {
		final int[] labels = new int[n];
		final double[] centreNorms = Distances.norms(centres, k, d);
		final SharedProgress progress = new SharedProgress(listener, n);
		final double inertia = Chunks.of(n).sum(runner, (start, end) -> {
			if (progress.isCanceled()) throw new CancellationException("Canceled");
			final Columns packed = new Columns();
			final double[] scratch = new double[LABEL_BLOCK];
			final int[] label = new int[LABEL_BLOCK];
			final double[] distance = new double[LABEL_BLOCK];
			double s = 0;
			for (int from = start; from < end; from += LABEL_BLOCK) {
				final int to = Math.min(end, from + LABEL_BLOCK);
				packed.clear(LABEL_BLOCK, d);
				for (int i = from; i < to; i++)
					packed.add(data, i, norms[i]);
				nearest(packed, 0, to - from, centres, k, centreNorms, d, scratch, label, distance);
				for (int i = from; i < to; i++) {
					labels[i] = label[i - from];
					s += w[i] * distance[i - from];
				}
			}
			progress.add(end - start, "mini-batch k-means: labelling samples");
			return s;
		});
		return new KMeansResult(centres.clone(), k, labels, inertia, steps);
	}

	/**
	 * k-means++ on {@code size} samples drawn proportional to weight (as distinct samples with
	 * multiplicities), or on all samples when {@code size} is 0.
	 */
	private static double[] initialCentres(final double[] data, final int n, final int d, final double[] w, final double[] weigh, final int k, final int trials, final WeightedSampler sampler, final SplittableRandom random, final int size, final TaskRunner runner, final ProgressListener listener) {
		if (size == 0) return KMeansPlusPlus.seed(data, n, d, w, k, trials, random, runner, null, listener);
		final int[] drawn = draw(sampler, random, size);
		Arrays.sort(drawn);
		int distinct = 0;
		for (int i = 0; i < drawn.length; i++)
			if ((i == 0 || drawn[i] != drawn[i - 1]) && weighs(weigh, drawn[i])) distinct++;
		if (distinct < k) return KMeansPlusPlus.seed(data, n, d, w, k, trials, random, runner, null, listener);
		final double[] subset = new double[distinct * d];
		final double[] multiplicity = new double[distinct];
		int m = -1;
		for (int i = 0; i < drawn.length; i++) {
			if (!weighs(weigh, drawn[i])) continue;
			if (i == 0 || drawn[i] != drawn[i - 1]) System.arraycopy(data, drawn[i] * d, subset, ++m * d, d);
			multiplicity[m] += weigh == null ? 1 : weigh[drawn[i]];
		}
		return KMeansPlusPlus.seed(subset, distinct, d, multiplicity, k, trials, random, TaskRunner.SEQUENTIAL, null, listener);
	}

	/**
	 * scikit-learn's {@code init="random"} on the initialisation subset: k distinct samples of it, drawn
	 * uniformly (a partial Fisher-Yates shuffle of the distinct drawn samples); when {@code size} is 0, of
	 * all samples with weight > 0.
	 */
	private static double[] randomCentres(final double[] data, final int n, final int d, final double[] w, final int k, final WeightedSampler sampler, final SplittableRandom random, final int size) {
		int[] drawn = size == 0 ? new int[0] : Arrays.stream(draw(sampler, random, size)).sorted().distinct().toArray();
		if (drawn.length < k) {
			// too few distinct samples in the subset: draw from all samples with weight > 0
			drawn = java.util.stream.IntStream.range(0, n).filter(i -> w[i] > 0).toArray();
		}
		return KMeans.pickRows(data, d, drawn, k, random);
	}

	private static int[] draw(final WeightedSampler sampler, final SplittableRandom random, final int size) {
		final int[] out = new int[size];
		for (int i = 0; i < size; i++)
			out[i] = sampler.draw(random);
		return out;
	}

	/** Inertia of the drawn samples (each counted once) with respect to the centres. */
	private static double batchInertia(final double[] data, final int d, final int[] indices, final double[] weigh, final double[] centres, final int k) {
		final double[] distance = new double[1];
		double s = 0;
		for (final int i : indices) {
			Distances.nearest(data, i, centres, k, d, distance);
			s += weigh == null ? distance[0] : weigh[i] * distance[0];
		}
		return s;
	}

	/** Labels every sample with its nearest centre and computes the weighted inertia. */
	static KMeansResult label(final double[] data, final int n, final int d, final double[] w, final double[] centres, final int k, final int steps, final TaskRunner runner, final ProgressListener listener) {
		final int[] labels = new int[n];
		final SharedProgress progress = new SharedProgress(listener, n);
		final double inertia = Chunks.of(n).sum(runner, (start, end) -> {
			if (progress.isCanceled()) throw new CancellationException("Canceled");
			final double[] distance = new double[1];
			double s = 0;
			for (int i = start; i < end; i++) {
				labels[i] = Distances.nearest(data, i, centres, k, d, distance);
				s += w[i] * distance[0];
			}
			progress.add(end - start, "mini-batch k-means: labelling samples");
			return s;
		});
		return new KMeansResult(centres.clone(), k, labels, inertia, steps);
	}

	private static double sum(final double[] values) {
		double s = 0;
		for (final double v : values)
			s += v;
		return s;
	}
}
