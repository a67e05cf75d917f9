package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

import java.util.SplittableRandom;

/**
 * Greedy k-means++ seeding with sample weights, as scikit-learn's {@code _kmeans_plusplus}.
 * <p>
 * The first centre is drawn with probability proportional to the weight; each further centre is the
 * best of {@code 2 + floor(ln k)} candidates drawn proportional to weight x squared distance to the
 * nearest chosen centre, where best = lowest resulting potential (earliest candidate on ties). Integer
 * weights give the same distribution as seeding over the samples repeated weight times.
 * <p>
 * Samples are processed in blocks: fixed-size chunks, or the leaves of a {@link KdTree}. With a tree, a
 * leaf that no candidate can bring closer (its box is at least as far from the candidate as its farthest
 * sample is from its nearest centre) keeps its mass without computing distances. Masses are summed per
 * block, then per chunk, in a fixed order: the result is identical for any {@link TaskRunner}.
 *
 * <h2>References</h2> D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful seeding",
 * SODA 2007.
 */
final class KMeansPlusPlus {

	private final double[] x;
	private final int n;
	private final int d;
	private final double[] w;
	private final int k;
	private final TaskRunner runner;
	private final KdTree tree;
	/** Blocks: block b holds samples blockStart[b]..blockStart[b+1]-1. */
	private final int[] blockStart;
	/** Chunks of whole blocks: chunk c holds blocks chunkBlock[c]..chunkBlock[c+1]-1. */
	private final int[] chunkBlock;

	private final double[] closest;
	/**
	 * Without a kd-tree and with more than 4 features: the centre each sample is closest to, for the
	 * triangle inequality: a sample cannot get closer to a candidate z whose squared distance to the
	 * sample's centre is more than 4 x the sample's squared distance, so its distance to z is not computed
	 * (with a relative margin of 1e-9, so the result is the one computing would give).
	 */
	private final int[] owner;
	private static final double MARGIN = 1 + 1e-9;
	private final double[] blockMass;
	private final double[] blockMax;
	private final double[] chunkMass;

	private KMeansPlusPlus(final double[] x, final int n, final int d, final double[] w, final int k, final TaskRunner runner, final KdTree tree) {
		this.x = x;
		this.n = n;
		this.d = d;
		this.w = w;
		this.k = k;
		this.runner = runner;
		this.tree = tree;
		if (tree != null) {
			blockStart = tree.leafStart;
			final int[] roots = LloydSolver.subtrees(tree, LloydSolver.subtreeSize(n));
			chunkBlock = new int[roots.length + 1];
			for (int c = 0; c < roots.length; c++)
				chunkBlock[c + 1] = tree.endLeaf[roots[c]];
		}
		else {
			final Chunks chunks = Chunks.of(n);
			blockStart = new int[chunks.count() + 1];
			chunkBlock = new int[chunks.count() + 1];
			for (int c = 0; c < chunks.count(); c++) {
				blockStart[c + 1] = chunks.end(c);
				chunkBlock[c + 1] = c + 1;
			}
		}
		final int blocks = blockStart.length - 1;
		closest = new double[n];
		owner = tree == null && d > 4 ? new int[n] : null;
		blockMass = new double[blocks];
		blockMax = new double[blocks];
		chunkMass = new double[chunkBlock.length - 1];
	}

	/**
	 * @param x samples, n x d row-major (in tree order when a tree is given)
	 * @param n number of samples
	 * @param d number of features
	 * @param w sample weights, length n
	 * @param k number of centres
	 * @param random source of randomness
	 * @param runner where to run chunks
	 * @param tree the kd-tree whose order x and w are in, or null
	 * @param listener progress (fraction of the centres chosen) and cancellation
	 * @return k x d centres, row-major
	 */
	static double[] seed(final double[] x, final int n, final int d, final double[] w, final int k, final SplittableRandom random, final TaskRunner runner, final KdTree tree, final ProgressListener listener) {
		return seed(x, n, d, w, k, trials(k), random, runner, tree, listener);
	}

	/** {@link #seed(double[], int, int, double[], int, SplittableRandom, TaskRunner, KdTree, ProgressListener)} with {@code trials} candidates per centre after the first (>= 1) */
	static double[] seed(final double[] x, final int n, final int d, final double[] w, final int k, final int trials, final SplittableRandom random, final TaskRunner runner, final KdTree tree, final ProgressListener listener) {
		return new KMeansPlusPlus(x, n, d, w, k, runner, tree).seed(trials, random, listener);
	}

	/** @return candidates per centre after the first: {@code 2 + floor(ln k)} */
	static int trials(final int k) {
		return 2 + (int) Math.log(k);
	}

	private double[] seed(final int trials, final SplittableRandom random, final ProgressListener listener) {
		final double[] centres = new double[k * d];

		// first centre: proportional to weight
		forEachChunk((c, from, to) -> {
			double chunk = 0;
			for (int b = from; b < to; b++) {
				double s = 0;
				for (int i = blockStart[b]; i < blockStart[b + 1]; i++)
					s += w[i];
				blockMass[b] = s;
				chunk += s;
			}
			chunkMass[c] = chunk;
		});
		final int first = pick(random.nextDouble() * total(chunkMass), i -> w[i]);
		System.arraycopy(x, first * d, centres, 0, d);
		forEachChunk((c, from, to) -> {
			for (int i = blockStart[from]; i < blockStart[to]; i++)
				closest[i] = Distances.squared(x, i * d, centres, 0, d);
			refresh(c, from, to, null, 0, null, 0);
		});
		double potential = total(chunkMass);

		final int[] candidates = new int[trials];
		final double[][] candidatePotential = new double[chunkMass.length][trials];
		final double[][] toCentres = owner == null ? null : new double[trials][k];
		final double[] candidateRows = owner == null ? null : new double[trials * d];
		final int report = Math.max(1, k / 100);
		for (int centre = 1; centre < k; centre++) {
			if (centre % report == 0) {
				listener.checkCanceled();
				listener.progress((double) centre / k, "k-means++ centre " + centre + "/" + k);
			}
			for (int t = 0; t < trials; t++)
				candidates[t] = pick(random.nextDouble() * potential, i -> w[i] * closest[i]);
			if (owner != null) for (int t = 0; t < trials; t++)
				for (int j = 0; j < centre; j++)
					toCentres[t][j] = Distances.squared(x, candidates[t] * d, centres, j * d, d);
			if (owner != null) {
				// long rows: every sample against all candidates at once
				for (int t = 0; t < trials; t++)
					System.arraycopy(x, candidates[t] * d, candidateRows, t * d, d);
				forEachChunk((c, from, to) -> {
					final double[] pot = candidatePotential[c];
					java.util.Arrays.fill(pot, 0);
					final double[] dist = new double[trials];
					for (int i = blockStart[from]; i < blockStart[to]; i++) {
						final double near = closest[i];
						Distances.squaredToMany(x, i * d, candidateRows, trials, d, dist);
						for (int t = 0; t < trials; t++)
							pot[t] += w[i] * Math.min(near, dist[t]);
					}
				});
			}
			else forEachChunk((c, from, to) -> {
				final double[] pot = candidatePotential[c];
				java.util.Arrays.fill(pot, 0);
				for (int b = from; b < to; b++) {
					for (int t = 0; t < trials; t++) {
						final int offset = candidates[t] * d;
						if (cannotImprove(b, offset)) {
							pot[t] += blockMass[b];
							continue;
						}
						pot[t] += potentialWith(b, x, offset, owner == null ? null : toCentres[t]);
					}
				}
			});
			int best = 0;
			double bestPotential = Double.POSITIVE_INFINITY;
			for (int t = 0; t < trials; t++) {
				double pot = 0;
				for (final double[] partial : candidatePotential)
					pot += partial[t];
				if (pot < bestPotential) {
					bestPotential = pot;
					best = t;
				}
			}
			final int offset = centre * d;
			System.arraycopy(x, candidates[best] * d, centres, offset, d);
			final double[] newToCentres = owner == null ? null : toCentres[best].clone();
			final int index = centre;
			forEachChunk((c, from, to) -> refresh(c, from, to, centres, offset, newToCentres, index));
			potential = total(chunkMass);
		}
		return centres;
	}

	/** Whether no sample of block b can get closer to the point x[offset..+d) than to its nearest centre. */
	private boolean cannotImprove(final int b, final int offset) {
		return tree != null && tree.boxDistance(tree.leafNode[b], x, offset) >= blockMax[b];
	}

	/**
	 * Lowers the closest distances of blocks [from, to) to the new centre (if any), then recomputes their
	 * masses, largest closest distance, and the chunk's mass.
	 */
	private void refresh(final int chunk, final int from, final int to, final double[] centres, final int offset, final double[] newToCentres, final int index) {
		double chunkSum = 0;
		for (int b = from; b < to; b++) {
			if (centres != null) {
				if (tree != null && tree.boxDistance(tree.leafNode[b], centres, offset) >= blockMax[b]) {
					chunkSum += blockMass[b];
					continue;
				}
				lowerClosest(b, centres, offset, newToCentres, index);
			}
			double s = 0;
			double max = 0;
			for (int i = blockStart[b]; i < blockStart[b + 1]; i++) {
				s += w[i] * closest[i];
				if (closest[i] > max) max = closest[i];
			}
			blockMass[b] = s;
			blockMax[b] = max;
			chunkSum += s;
		}
		chunkMass[chunk] = chunkSum;
	}

	/** @return the weighted potential of block b if the point c[offset..+d) were a centre */
	private double potentialWith(final int b, final double[] c, final int offset, final double[] toCentres) {
		double s = 0;
		if (d == 3) {
			final double c0 = c[offset], c1 = c[offset + 1], c2 = c[offset + 2];
			for (int i = blockStart[b]; i < blockStart[b + 1]; i++) {
				final double e0 = x[3 * i] - c0, e1 = x[3 * i + 1] - c1, e2 = x[3 * i + 2] - c2;
				s += w[i] * Math.min(closest[i], e0 * e0 + e1 * e1 + e2 * e2);
			}
			return s;
		}
		if (toCentres != null) {
			for (int i = blockStart[b]; i < blockStart[b + 1]; i++) {
				final double near = closest[i];
				if (toCentres[owner[i]] > 4 * near * MARGIN) s += w[i] * near;
				else s += w[i] * Math.min(near, Distances.squared(x, i * d, c, offset, d));
			}
			return s;
		}
		for (int i = blockStart[b]; i < blockStart[b + 1]; i++)
			s += w[i] * Math.min(closest[i], Distances.squared(x, i * d, c, offset, d));
		return s;
	}

	/** Lowers the closest distances of block b to the point c[offset..+d). */
	private void lowerClosest(final int b, final double[] c, final int offset, final double[] newToCentres, final int index) {
		if (d == 3) {
			final double c0 = c[offset], c1 = c[offset + 1], c2 = c[offset + 2];
			for (int i = blockStart[b]; i < blockStart[b + 1]; i++) {
				final double e0 = x[3 * i] - c0, e1 = x[3 * i + 1] - c1, e2 = x[3 * i + 2] - c2;
				closest[i] = Math.min(closest[i], e0 * e0 + e1 * e1 + e2 * e2);
			}
			return;
		}
		if (newToCentres != null) {
			for (int i = blockStart[b]; i < blockStart[b + 1]; i++) {
				if (newToCentres[owner[i]] > 4 * closest[i] * MARGIN) continue;
				final double dist = Distances.squared(x, i * d, c, offset, d);
				if (dist < closest[i]) {
					closest[i] = dist;
					owner[i] = index;
				}
			}
			return;
		}
		for (int i = blockStart[b]; i < blockStart[b + 1]; i++)
			closest[i] = Math.min(closest[i], Distances.squared(x, i * d, c, offset, d));
	}

	/** Work on the blocks [from, to) of chunk c. */
	@FunctionalInterface
	private interface BlockTask {

		void run(int chunk, int from, int to);
	}

	private void forEachChunk(final BlockTask task) {
		Chunks.of(chunkMass.length, 1).forEach(runner, (c, start, end) -> task.run(c, chunkBlock[c], chunkBlock[c + 1]));
	}

	private static double total(final double[] parts) {
		double s = 0;
		for (final double p : parts)
			s += p;
		return s;
	}

	/** Mass of one sample. */
	@FunctionalInterface
	private interface Mass {

		double of(int i);
	}

	/**
	 * The first sample at which the running mass (chunks, then blocks, then samples, in order) exceeds
	 * {@code target}, so samples are drawn proportional to their mass; a sample without mass is never
	 * picked while any has mass. When rounding leaves the target past the total, the last sample with mass.
	 */
	private int pick(final double target, final Mass mass) {
		double prefix = 0;
		for (int c = 0; c < chunkMass.length; c++) {
			if (prefix + chunkMass[c] > target) {
				double running = prefix;
				for (int b = chunkBlock[c]; b < chunkBlock[c + 1]; b++) {
					if (running + blockMass[b] > target) {
						double inner = running;
						for (int i = blockStart[b]; i < blockStart[b + 1]; i++) {
							final double m = mass.of(i);
							if (m <= 0) continue;
							inner += m;
							if (inner > target) return i;
						}
					}
					running += blockMass[b];
				}
			}
			prefix += chunkMass[c];
		}
		for (int i = n - 1; i >= 0; i--)
			if (mass.of(i) > 0) return i;
		return 0;
	}
}
