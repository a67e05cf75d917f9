package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The state of the mini-batch steps; one {@link #step} per batch (a method of its own, so that the
 * just-in-time compiler compiles it early and whole, rather than the long loop that calls it).
 */
final class MiniBatchSteps {

	final double[] data;
	final int d;
	final double[] norms;
	final int k;
	final int batch;
	final MiniBatchSettings settings;
	final WeightedSampler sampler;
	/** The weight of each sample in the updates and inertias, or null for one each (counts: drawn in proportion). */
	final double[] weigh;
	final SplittableRandom random;
	final TaskRunner runner;
	final double tolerance;
	final boolean dense;
	/** The current centres (k x d). */
	double[] centres;
	double[] next;
	final double[] counts;
	final double[] batchSums;
	final double[] batchCounts;
	final int[] indices;
	final int[] labels;
	final double[] distance = new double[1];
	final double[] rows;
	final MiniBatchConvergence convergence;
	long sinceReassign;
	final double[] centreNorms;
	/** The distances of a large batch are computed in parallel row chunks (the same numbers in any chunk). */
	final boolean parallelSteps;
	final double[] block;
	final DistinctDraws unique;
	final int[] slotLabel;
	final double[] slotDistance;

	MiniBatchSteps(final double[] data, final int n, final int d, final double[] norms, final int k, final int batch, final long samples, final MiniBatchSettings settings, final WeightedSampler sampler, final double[] weigh, final SplittableRandom random, final TaskRunner runner, final double[] centres, final double tolerance) {
		this.data = data;
		this.d = d;
		this.norms = norms;
		this.k = k;
		this.batch = batch;
		this.settings = settings;
		this.sampler = sampler;
		this.weigh = weigh;
		this.random = random;
		this.runner = runner;
		this.tolerance = tolerance;
		this.centres = centres;
		dense = norms != null;
		next = new double[k * d];
		counts = new double[k];
		batchSums = new double[k * d];
		batchCounts = new double[k];
		indices = new int[batch];
		labels = new int[batch];
		rows = dense ? null : new double[batch * d];
		convergence = new MiniBatchConvergence(batch, samples, settings.maxNoImprovement());
		centreNorms = dense ? new double[k] : null;
		parallelSteps = dense && runner.parallelism() > 1 && (double) batch * k * d >= 1e6;
		block = dense ? new double[batch] : null;
		unique = dense ? new DistinctDraws(n, batch, d) : null;
		slotLabel = dense ? new int[batch] : null;
		slotDistance = dense ? new double[batch] : null;
	}

	/** One mini-batch step; @return whether the stopping rules say to stop after it */
	boolean step(final long step) {
		for (int b = 0; b < batch; b++)
			indices[b] = sampler.draw(random);
		sinceReassign += batch;
		boolean anyZero = false;
		for (final double c : counts)
			if (c == 0) anyZero = true;
		final boolean reassign = anyZero || sinceReassign >= 10L * k;
		if (reassign) sinceReassign = 0;

		// assign and sum the batch
		Arrays.fill(batchSums, 0);
		Arrays.fill(batchCounts, 0);
		final double inertia = dense ? assignDense(unique, indices, weigh, batch, data, d, norms, centres, k, centreNorms, parallelSteps, block, slotLabel, slotDistance, labels, batchSums, batchCounts, runner) : assignRows(indices, weigh, batch, data, d, rows, centres, k, distance, labels, batchSums, batchCounts);
		moveCentres(centres, next, counts, batchSums, batchCounts, k, d);
		if (reassign && settings.reassignmentRatio() > 0) reassignSmallClusters(dense ? unique.rows : rows, dense ? unique.slot : null, d, k, batch, next, counts, settings.reassignmentRatio(), random);

		double shift = 0;
		if (tolerance > 0) for (int v = 0; v < next.length; v++)
			shift += (next[v] - centres[v]) * (next[v] - centres[v]);
		final double[] swap = centres;
		centres = next;
		next = swap;
		return convergence.done(step, inertia, tolerance > 0 && shift <= tolerance);
	}

	/**
	 * Labels a batch of long rows with their nearest centres and sums it per cluster. A batch drawn with
	 * replacement repeats samples: the distances of each distinct sample are computed once, then the
	 * batch is summed in draw order, as without repeats.
	 *
	 * @return the batch inertia
	 */
	private static double assignDense(final DistinctDraws unique, final int[] indices, final double[] weigh, final int batch, final double[] data, final int d, final double[] norms, final double[] centres, final int k, final double[] centreNorms, final boolean parallelSteps, final double[] block, final int[] slotLabel, final double[] slotDistance, final int[] labels, final double[] batchSums, final double[] batchCounts, final TaskRunner runner) {
		unique.of(indices, data, d, norms);
		final double[] packed = unique.rows;
		for (int j = 0; j < k; j++)
			centreNorms[j] = Distances.norm(centres, j * d, d);
		final int m = unique.count;
		if (parallelSteps) Chunks.of(m, MiniBatchKMeans.BLOCK).forEach(runner, (c, start, end) -> MiniBatchKMeans.nearest(unique.columns, start, end, centres, k, centreNorms, d, block, slotLabel, slotDistance));
		else MiniBatchKMeans.nearest(unique.columns, 0, m, centres, k, centreNorms, d, block, slotLabel, slotDistance);
		double inertia = 0;
		for (int b = 0; b < batch; b++) {
			final int u = unique.slot[b];
			final int label = slotLabel[u];
			labels[b] = label;
			if (weigh == null) {
				inertia += slotDistance[u];
				for (int f = 0; f < d; f++)
					batchSums[label * d + f] += packed[u * d + f];
				batchCounts[label] += 1;
			}
			else {
				final double w = weigh[indices[b]];
				inertia += w * slotDistance[u];
				for (int f = 0; f < d; f++)
					batchSums[label * d + f] += w * packed[u * d + f];
				batchCounts[label] += w;
			}
		}
		return inertia;
	}

	/**
	 * Labels a batch of short rows (copied into {@code rows}) with their nearest centres and sums it per
	 * cluster.
	 *
	 * @return the batch inertia
	 */
	private static double assignRows(final int[] indices, final double[] weigh, final int batch, final double[] data, final int d, final double[] rows, final double[] centres, final int k, final double[] distance, final int[] labels, final double[] batchSums, final double[] batchCounts) {
		double inertia = 0;
		for (int b = 0; b < batch; b++) {
			System.arraycopy(data, indices[b] * d, rows, b * d, d);
			final int label = Distances.nearest(rows, b, centres, k, d, distance);
			labels[b] = label;
			final double w = weigh == null ? 1 : weigh[indices[b]];
			inertia += w * distance[0];
			for (int f = 0; f < d; f++)
				batchSums[label * d + f] += w * rows[b * d + f];
			batchCounts[label] += w;
		}
		return inertia;
	}

	/** Moves every centre with samples in the batch to the running mean (counts updated); copies the others. */
	private static void moveCentres(final double[] centres, final double[] next, final double[] counts, final double[] batchSums, final double[] batchCounts, final int k, final int d) {
		for (int j = 0; j < k; j++) {
			if (batchCounts[j] > 0) {
				final double updated = counts[j] + batchCounts[j];
				for (int f = 0; f < d; f++)
					next[j * d + f] = (centres[j * d + f] * counts[j] + batchSums[j * d + f]) / updated;
				counts[j] = updated;
			}
			else System.arraycopy(centres, j * d, next, j * d, d);
		}
	}

	/**
	 * Moves the centres with too small a count to distinct random samples of the batch (its rows; batch
	 * position b is row {@code slots[b]}, or row b when slots is null), and sets their counts to the
	 * smallest count among the others, as scikit-learn.
	 */
	private static void reassignSmallClusters(final double[] rows, final int[] slots, final int d, final int k, final int batch, final double[] centres, final double[] counts, final double ratio, final SplittableRandom random) {
		double max = 0;
		for (final double c : counts)
			max = Math.max(max, c);
		final boolean[] reassign = new boolean[k];
		int number = 0;
		for (int j = 0; j < k; j++)
			if (counts[j] < ratio * max) {
				reassign[j] = true;
				number++;
			}
		final int limit = (int) (0.5 * batch);
		if (number > limit) {
			// keep only the `limit` smallest counts (stable: lower index first among equal counts)
			final Integer[] byCount = new Integer[k];
			for (int j = 0; j < k; j++)
				byCount[j] = j;
			Arrays.sort(byCount, (a, b) -> Double.compare(counts[a], counts[b]));
			for (int m = limit; m < k; m++)
				reassign[byCount[m]] = false;
			number = limit;
		}
		if (number == 0) return;
		// distinct batch positions, uniformly (partial Fisher-Yates)
		final int[] positions = new int[batch];
		for (int b = 0; b < positions.length; b++)
			positions[b] = b;
		int taken = 0;
		for (int j = 0; j < k; j++) {
			if (!reassign[j]) continue;
			final int pick = taken + random.nextInt(positions.length - taken);
			final int position = positions[pick];
			positions[pick] = positions[taken];
			positions[taken++] = position;
			System.arraycopy(rows, (slots == null ? position : slots[position]) * d, centres, j * d, d);
		}
		double smallest = Double.POSITIVE_INFINITY;
		for (int j = 0; j < k; j++)
			if (!reassign[j]) smallest = Math.min(smallest, counts[j]);
		if (smallest == Double.POSITIVE_INFINITY) return;
		for (int j = 0; j < k; j++)
			if (reassign[j]) counts[j] = smallest;
	}
}
