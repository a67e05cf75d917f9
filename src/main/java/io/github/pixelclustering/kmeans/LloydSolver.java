package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One k-means run from given initial centres, with scikit-learn 1.2's {@code lloyd} semantics.
 * <p>
 * Each iteration assigns every sample to its nearest centre (E-step) and sums the samples of each
 * cluster, then moves each centre to the weighted mean of its samples (M-step). It stops when no label
 * changed (strict convergence) or when the summed squared centre shift is at most the tolerance; in the
 * latter case a last E-step makes the labels match the returned centres. Empty clusters get the samples
 * farthest from their centres.
 * <p>
 * The E-step is computed one of three ways, all giving identical labels:
 * <ul>
 * <li>{@link KMeansSettings.Algorithm#LLOYD}: all k distances of every sample;</li>
 * <li>{@link KMeansSettings.Algorithm#HAMERLY}: an upper bound on each sample's distance to its centre
 * and a lower bound on the distance to every other centre skip samples whose label cannot change. Bounds
 * are stored relative to the total drift of the centres, so that a skipped sample costs no store;</li>
 * <li>{@link KMeansSettings.Algorithm#KD_TREE}: a walk of a {@link KdTree} passes down to each box only
 * the centres that may be nearest somewhere in it (Kanungo's filtering); a box left with one centre is
 * assigned whole, and the points of a leaf left with several are assigned from exact distances to those
 * centres, in index order.</li>
 * </ul>
 * Every pruning test carries a safety margin far larger than any rounding error, and a sample that is not
 * pruned is assigned with the same arithmetic and tie rule (lowest index) as plain Lloyd. The M-step sums
 * runs of equal labels, restarting at chunk and leaf boundaries, in the same order for every algorithm (a
 * kd-tree leaf owned by one centre adds its precomputed sum, which is the same number): so all algorithms
 * give identical centres and iteration counts. Per-chunk sums are combined in chunk order, so the result
 * is also identical for any {@link TaskRunner}.
 *
 * <h2>References</h2> G. Hamerly, "Making k-means even faster", SDM 2010; T. Kanungo et al., "An
 * efficient k-means clustering algorithm: analysis and implementation", IEEE TPAMI 24(7), 2002.
 */
final class LloydSolver {

	/** Relative safety margin on bound comparisons. */
	private static final double RELATIVE_MARGIN = 1e-9;
	/** Absolute safety margin, relative to the largest absolute coordinate (or its square). */
	private static final double ABSOLUTE_MARGIN = 1e-12;

	private final double[] x;
	private final double[] w;
	private final int n;
	private final int d;
	private final int k;
	private final KMeansSettings.Algorithm algorithm;
	private final TaskRunner runner;
	private final KdTree tree;
	private final Chunks chunks;
	/** With a tree: the subtree whose samples are chunk c. */
	private final int[] chunkRoots;
	private final double absoluteMargin;
	private final double absoluteSquaredMargin;

	private final int[] labels;
	private final int[] changedPerChunk;
	private final double[][] sumsPerChunk;
	// Hamerly
	private final double[] upper;
	private final double[] lower;
	// kd-tree: per leaf, the label of all its samples, or -1 when mixed or unknown
	private final int[] leafOwner;

	// state of the current pass, read by all chunks
	private double[] centres;
	/** Per cluster: total distance its centre has moved since the run started (Hamerly). */
	private double[] drift;
	/** Total of the largest centre move of every iteration since the run started (Hamerly). */
	private double maxDrift;
	private double[] halfGap;

	/**
	 * @param x samples, n x d row-major, in tree order when {@code tree} is given
	 * @param w sample weights, in the same order
	 * @param n number of samples
	 * @param d number of features
	 * @param k number of clusters
	 * @param algorithm how to compute the E-step (not AUTO; KD_TREE needs a tree)
	 * @param tree the kd-tree whose order x and w are in, or null
	 * @param scale largest absolute coordinate of the data, for the safety margins
	 * @param runner where to run chunks
	 */
	LloydSolver(final double[] x, final double[] w, final int n, final int d, final int k, final KMeansSettings.Algorithm algorithm, final KdTree tree, final double scale, final TaskRunner runner) {
		if (algorithm == KMeansSettings.Algorithm.AUTO || algorithm == KMeansSettings.Algorithm.KD_TREE && tree == null) throw new IllegalArgumentException("no solver for " + algorithm + (tree == null ? " without a tree" : ""));
		this.x = x;
		this.w = w;
		this.n = n;
		this.d = d;
		this.k = k;
		this.algorithm = algorithm;
		this.runner = runner;
		this.tree = tree;
		if (tree != null) {
			chunkRoots = subtrees(tree, subtreeSize(n));
			final int[] bounds = new int[chunkRoots.length + 1];
			for (int c = 0; c < chunkRoots.length; c++)
				bounds[c + 1] = tree.end[chunkRoots[c]];
			chunks = Chunks.atBounds(bounds);
		}
		else {
			chunkRoots = null;
			chunks = accumulatorChunks(n, k * (d + 1));
		}
		absoluteMargin = ABSOLUTE_MARGIN * Math.max(scale, Double.MIN_NORMAL);
		absoluteSquaredMargin = ABSOLUTE_MARGIN * Math.max(scale * scale, Double.MIN_NORMAL);
		labels = new int[n];
		changedPerChunk = new int[chunks.count()];
		sumsPerChunk = new double[chunks.count()][k * (d + 1)];
		final boolean hamerly = algorithm == KMeansSettings.Algorithm.HAMERLY;
		upper = hamerly ? new double[n] : null;
		lower = hamerly ? new double[n] : null;
		leafOwner = algorithm == KMeansSettings.Algorithm.KD_TREE ? new int[tree.leaves] : null;
	}

	/**
	 * Chunks of at least {@link Chunks#DEFAULT_SIZE} rows, larger when each chunk needs a big
	 * accumulator, so that all accumulators together stay near 8 M doubles.
	 */
	static Chunks accumulatorChunks(final int n, final int accumulatorSize) {
		final long budget = 8L << 20;
		final long maxChunks = Math.max(1, budget / Math.max(1, accumulatorSize));
		final long size = Math.max(Chunks.DEFAULT_SIZE, (n + maxChunks - 1) / maxChunks);
		return Chunks.of(n, (int) Math.min(Integer.MAX_VALUE, size));
	}

	/** Largest number of samples in a chunk subtree: big enough to pay for a task, at most ~64 chunks. */
	static int subtreeSize(final int n) {
		return Math.max(Chunks.DEFAULT_SIZE, n / 64);
	}

	/** Subtrees of at most {@code target} samples (or leaves), left to right: together they cover all samples. */
	static int[] subtrees(final KdTree tree, final int target) {
		final List<Integer> roots = new ArrayList<>();
		final ArrayDeque<Integer> stack = new ArrayDeque<>();
		stack.push(0);
		while (!stack.isEmpty()) {
			final int node = stack.pop();
			if (tree.left[node] < 0 || tree.end[node] - tree.start[node] <= target) roots.add(node);
			else {
				stack.push(tree.right[node]);
				stack.push(tree.left[node]);
			}
		}
		return roots.stream().mapToInt(Integer::intValue).toArray();
	}

	/** Outcome of one run. */
	static final class Run {

		final double[] centres;
		final int[] labels;
		final double inertia;
		final int iterations;

		Run(final double[] centres, final int[] labels, final double inertia, final int iterations) {
			this.centres = centres;
			this.labels = labels;
			this.inertia = inertia;
			this.iterations = iterations;
		}

		/** @return this run with its own copy of the labels (a solver reuses its label array on its next run) */
		Run withOwnLabels() {
			return new Run(centres, labels.clone(), inertia, iterations);
		}
	}

	/** Progress per iteration. */
	@FunctionalInterface
	interface IterationProgress {

		void iteration(int done);
	}

	/**
	 * @param init initial centres, k x d (not modified)
	 * @param maxIterations largest number of iterations
	 * @param tolerance absolute tolerance on the summed squared centre shift
	 * @param listener polled for cancellation between iterations
	 * @param progress reports the iteration
	 * @return centres, labels (in the solver's order; the solver's own array, overwritten by the next
	 *         run), inertia, iterations
	 */
	Run run(final double[] init, final int maxIterations, final double tolerance, final ProgressListener listener, final IterationProgress progress) {
		centres = init.clone();
		drift = new double[k];
		maxDrift = 0;
		if (leafOwner != null) Arrays.fill(leafOwner, -1);
		boolean strict = false;
		int iteration = 0;
		for (; iteration < maxIterations; iteration++) {
			listener.checkCanceled();
			final int changed = pass(iteration == 0, true);
			final double[] next = update();
			double shiftTotal = 0;
			double largest = 0;
			for (int j = 0; j < k; j++) {
				final double s = Math.sqrt(Distances.squared(centres, j * d, next, j * d, d));
				shiftTotal += s * s;
				drift[j] += s;
				largest = Math.max(largest, s);
			}
			maxDrift += largest;
			centres = next;
			progress.iteration(iteration + 1);
			if (iteration > 0 && changed == 0) {
				strict = true;
				break;
			}
			if (shiftTotal <= tolerance) break;
		}
		final int iterations = Math.min(iteration + 1, maxIterations);
		if (!strict) pass(false, false);
		return new Run(centres, labels, inertia(), iterations);
	}

	// -- E-step (with the sums of the M-step) --

	/**
	 * Assigns every sample to its nearest centre and, if asked, sums the samples of each cluster per chunk.
	 *
	 * @param first the first pass of a run: bounds are not set yet
	 * @param sum whether to accumulate the cluster sums
	 * @return number of samples whose label changed
	 */
	private int pass(final boolean first, final boolean sum) {
		final boolean prune = algorithm == KMeansSettings.Algorithm.HAMERLY && !first;
		final boolean kd = algorithm == KMeansSettings.Algorithm.KD_TREE;
		if (prune) halfGap = halfDistanceToNearestOtherCentre();
		chunks.forEach(runner, (c, start, end) -> {
			int changed = 0;
			if (kd) changed = visit(chunkRoots[c]);
			else if (prune) {
				for (int i = start; i < end; i++)
					if (assignPruned(i)) changed++;
			}
			else {
				for (int i = start; i < end; i++)
					if (assignExactly(i)) changed++;
			}
			changedPerChunk[c] = changed;
			if (sum) sumChunk(c, sumsPerChunk[c], start, end);
		});
		int changed = 0;
		for (final int v : changedPerChunk)
			changed += v;
		return changed;
	}

	// -- Lloyd and Hamerly --

	/** Half the distance from each centre to its nearest other centre. */
	private double[] halfDistanceToNearestOtherCentre() {
		final double[] half = new double[k];
		Arrays.fill(half, Double.POSITIVE_INFINITY);
		for (int a = 0; a < k; a++)
			for (int b = a + 1; b < k; b++) {
				final double dist = 0.5 * Math.sqrt(Distances.squared(centres, a * d, centres, b * d, d));
				if (dist < half[a]) half[a] = dist;
				if (dist < half[b]) half[b] = dist;
			}
		return half;
	}

	/**
	 * Reassigns sample i only if its bounds, moved by the centre drift since they were stored, do not
	 * prove its label: first tightening the upper bound, then computing all distances.
	 *
	 * @return whether the label changed
	 */
	private boolean assignPruned(final int i) {
		final int a = labels[i];
		final double up = upper[i] + drift[a];
		final double bound = Math.max(halfGap[a], lower[i] - maxDrift);
		final double safe = bound == Double.POSITIVE_INFINITY ? bound : bound - RELATIVE_MARGIN * bound - absoluteMargin;
		if (up < safe) return false;
		final double tight = Math.sqrt(squaredTo(i, a));
		upper[i] = tight - drift[a];
		if (tight < safe) return false;
		return assignExactly(i);
	}

	/**
	 * Nearest centre of sample i from all k squared distances (strict {@code <}: lowest index wins
	 * ties); with Hamerly also sets the bounds.
	 *
	 * @return whether the label changed
	 */
	private boolean assignExactly(final int i) {
		final double[] c = centres;
		int best = 0;
		double bestDistance = Double.POSITIVE_INFINITY;
		double second = Double.POSITIVE_INFINITY;
		if (d == 3) {
			final double x0 = x[3 * i], x1 = x[3 * i + 1], x2 = x[3 * i + 2];
			for (int j = 0, o = 0; j < k; j++, o += 3) {
				final double e0 = x0 - c[o], e1 = x1 - c[o + 1], e2 = x2 - c[o + 2];
				final double dist = e0 * e0 + e1 * e1 + e2 * e2;
				if (dist < bestDistance) {
					second = bestDistance;
					bestDistance = dist;
					best = j;
				}
				else if (dist < second) second = dist;
			}
		}
		else {
			final int offset = i * d;
			for (int j = 0; j < k; j++) {
				final double dist = Distances.squared(x, offset, c, j * d, d);
				if (dist < bestDistance) {
					second = bestDistance;
					bestDistance = dist;
					best = j;
				}
				else if (dist < second) second = dist;
			}
		}
		if (upper != null) {
			upper[i] = Math.sqrt(bestDistance) - drift[best];
			lower[i] = Math.sqrt(second) + maxDrift;
		}
		final boolean changed = labels[i] != best;
		labels[i] = best;
		return changed;
	}

	/** Squared distance of sample i to centre j, with the same arithmetic as {@link #assignExactly}. */
	private double squaredTo(final int i, final int j) {
		if (d == 3) {
			final double e0 = x[3 * i] - centres[3 * j], e1 = x[3 * i + 1] - centres[3 * j + 1], e2 = x[3 * i + 2] - centres[3 * j + 2];
			return e0 * e0 + e1 * e1 + e2 * e2;
		}
		return Distances.squared(x, i * d, centres, j * d, d);
	}

	// -- kd-tree filtering --

	/**
	 * Walks a subtree depth first with an explicit stack: filters the parent's candidates for each node,
	 * then assigns the node whole, assigns its leaf samples, or descends.
	 *
	 * @return number of samples whose label changed
	 */
	private int visit(final int root) {
		final int[][] candidates = new int[65][];
		final int[] counts = new int[65];
		candidates[0] = new int[k];
		for (int j = 0; j < k; j++)
			candidates[0][j] = j;
		counts[0] = k;
		int[] stackNode = new int[64];
		int[] stackDepth = new int[64];
		int top = 0;
		stackNode[top] = root;
		stackDepth[top++] = 1;
		int changed = 0;
		while (top > 0) {
			final int node = stackNode[--top];
			final int depth = stackDepth[top];
			if (candidates[depth] == null) candidates[depth] = new int[k];
			final int count = filter(node, candidates[depth - 1], counts[depth - 1], candidates[depth]);
			counts[depth] = count;
			if (count == 1) changed += assignWhole(node, candidates[depth][0]);
			else if (tree.left[node] < 0) changed += assignLeaf(node, candidates[depth], count);
			else {
				if (top + 2 > stackNode.length) {
					stackNode = Arrays.copyOf(stackNode, 2 * stackNode.length);
					stackDepth = Arrays.copyOf(stackDepth, 2 * stackDepth.length);
				}
				stackNode[top] = tree.right[node];
				stackDepth[top++] = depth + 1;
				stackNode[top] = tree.left[node];
				stackDepth[top++] = depth + 1;
			}
		}
		return changed;
	}

	/**
	 * Keeps the candidates that may be nearest somewhere in the node's box, in index order: a candidate z
	 * is dropped when the candidate nearest to the box's middle is nearer even at the box corner most
	 * favourable to z, by more than the safety margin.
	 */
	private int filter(final int node, final int[] parent, final int parentCount, final int[] out) {
		if (d == 3) return filter3(node, parent, parentCount, out);
		final double[] c = centres;
		final double[] low = tree.low;
		final double[] high = tree.high;
		final int box = node * d;
		int star = parent[0];
		double starDistance = Double.POSITIVE_INFINITY;
		for (int m = 0; m < parentCount; m++) {
			final int j = parent[m];
			double dist = 0;
			for (int f = 0; f < d; f++) {
				final double e = 0.5 * (low[box + f] + high[box + f]) - c[j * d + f];
				dist += e * e;
			}
			if (dist < starDistance) {
				starDistance = dist;
				star = j;
			}
		}
		int count = 0;
		for (int m = 0; m < parentCount; m++) {
			final int z = parent[m];
			if (z != star) {
				double dz = 0;
				double dStar = 0;
				for (int f = 0; f < d; f++) {
					final double cz = c[z * d + f];
					final double cs = c[star * d + f];
					final double v = cz > cs ? high[box + f] : low[box + f];
					final double ez = v - cz;
					final double es = v - cs;
					dz += ez * ez;
					dStar += es * es;
				}
				if (dz - dStar > RELATIVE_MARGIN * (dz + dStar) + absoluteSquaredMargin) continue;
			}
			out[count++] = z;
		}
		return count;
	}

	/** {@link #filter} for three features. */
	private int filter3(final int node, final int[] parent, final int parentCount, final int[] out) {
		final double[] c = centres;
		final int box = node * 3;
		final double l0 = tree.low[box], l1 = tree.low[box + 1], l2 = tree.low[box + 2];
		final double h0 = tree.high[box], h1 = tree.high[box + 1], h2 = tree.high[box + 2];
		final double m0 = 0.5 * (l0 + h0), m1 = 0.5 * (l1 + h1), m2 = 0.5 * (l2 + h2);
		int star = parent[0];
		double starDistance = Double.POSITIVE_INFINITY;
		for (int m = 0; m < parentCount; m++) {
			final int o = 3 * parent[m];
			final double e0 = m0 - c[o], e1 = m1 - c[o + 1], e2 = m2 - c[o + 2];
			final double dist = e0 * e0 + e1 * e1 + e2 * e2;
			if (dist < starDistance) {
				starDistance = dist;
				star = parent[m];
			}
		}
		final double s0 = c[3 * star], s1 = c[3 * star + 1], s2 = c[3 * star + 2];
		int count = 0;
		for (int m = 0; m < parentCount; m++) {
			final int z = parent[m];
			if (z != star) {
				final double z0 = c[3 * z], z1 = c[3 * z + 1], z2 = c[3 * z + 2];
				final double v0 = z0 > s0 ? h0 : l0, v1 = z1 > s1 ? h1 : l1, v2 = z2 > s2 ? h2 : l2;
				final double a0 = v0 - z0, a1 = v1 - z1, a2 = v2 - z2;
				final double b0 = v0 - s0, b1 = v1 - s1, b2 = v2 - s2;
				final double dz = a0 * a0 + a1 * a1 + a2 * a2;
				final double dStar = b0 * b0 + b1 * b1 + b2 * b2;
				if (dz - dStar > RELATIVE_MARGIN * (dz + dStar) + absoluteSquaredMargin) continue;
			}
			out[count++] = z;
		}
		return count;
	}

	/** Gives every sample of the node the label j, touching only leaves not already wholly j. */
	private int assignWhole(final int node, final int j) {
		int changed = 0;
		for (int leaf = tree.firstLeaf[node]; leaf < tree.endLeaf[node]; leaf++) {
			if (leafOwner[leaf] == j) continue;
			for (int t = tree.leafStart[leaf]; t < tree.leafStart[leaf + 1]; t++) {
				if (labels[t] != j) {
					labels[t] = j;
					changed++;
				}
			}
			leafOwner[leaf] = j;
		}
		return changed;
	}

	/** Nearest of the candidates for each sample of a leaf, with the arithmetic of {@link #assignExactly}. */
	private int assignLeaf(final int node, final int[] candidates, final int count) {
		final double[] c = centres;
		int changed = 0;
		int owner = -2;
		for (int t = tree.start[node]; t < tree.end[node]; t++) {
			int best = 0;
			double bestDistance = Double.POSITIVE_INFINITY;
			if (d == 3) {
				final double x0 = x[3 * t], x1 = x[3 * t + 1], x2 = x[3 * t + 2];
				for (int m = 0; m < count; m++) {
					final int o = 3 * candidates[m];
					final double e0 = x0 - c[o], e1 = x1 - c[o + 1], e2 = x2 - c[o + 2];
					final double dist = e0 * e0 + e1 * e1 + e2 * e2;
					if (dist < bestDistance) {
						bestDistance = dist;
						best = candidates[m];
					}
				}
			}
			else {
				for (int m = 0; m < count; m++) {
					final double dist = Distances.squared(x, t * d, c, candidates[m] * d, d);
					if (dist < bestDistance) {
						bestDistance = dist;
						best = candidates[m];
					}
				}
			}
			if (labels[t] != best) {
				labels[t] = best;
				changed++;
			}
			owner = owner == -2 || owner == best ? best : -1;
		}
		leafOwner[tree.firstLeaf[node]] = owner;
		return changed;
	}

	// -- M-step --

	/**
	 * Sums weight x sample and weight per cluster over one chunk: runs of equal labels are summed in
	 * registers, restarting at leaf boundaries; a kd-tree leaf owned by one centre adds its precomputed
	 * sum, which is the same number.
	 */
	private void sumChunk(final int chunk, final double[] sums, final int start, final int end) {
		Arrays.fill(sums, 0);
		if (tree == null) {
			sumRuns(sums, start, end);
			return;
		}
		final int stride = d + 1;
		final int root = chunkRoots[chunk];
		for (int leaf = tree.firstLeaf[root]; leaf < tree.endLeaf[root]; leaf++) {
			final int owner = leafOwner != null ? leafOwner[leaf] : -1;
			if (owner >= 0) {
				final int base = owner * stride;
				final int from = leaf * stride;
				for (int f = 0; f <= d; f++)
					sums[base + f] += tree.leafSums[from + f];
			}
			else sumRuns(sums, tree.leafStart[leaf], tree.leafStart[leaf + 1]);
		}
	}

	/** Adds the sums of samples [start, end) to {@code sums}, one run of equal labels at a time. */
	private void sumRuns(final double[] sums, final int start, final int end) {
		if (start >= end) return;
		final int stride = d + 1;
		if (d == 3) {
			int current = labels[start];
			double s0 = 0, s1 = 0, s2 = 0, sw = 0;
			for (int i = start; i < end; i++) {
				final int label = labels[i];
				if (label != current) {
					final int base = current * 4;
					sums[base] += s0;
					sums[base + 1] += s1;
					sums[base + 2] += s2;
					sums[base + 3] += sw;
					s0 = s1 = s2 = sw = 0;
					current = label;
				}
				final double wi = w[i];
				s0 += wi * x[3 * i];
				s1 += wi * x[3 * i + 1];
				s2 += wi * x[3 * i + 2];
				sw += wi;
			}
			final int base = current * 4;
			sums[base] += s0;
			sums[base + 1] += s1;
			sums[base + 2] += s2;
			sums[base + 3] += sw;
			return;
		}
		final double[] run = new double[stride];
		int current = labels[start];
		for (int i = start; i < end; i++) {
			final int label = labels[i];
			if (label != current) {
				final int base = current * stride;
				for (int f = 0; f <= d; f++) {
					sums[base + f] += run[f];
					run[f] = 0;
				}
				current = label;
			}
			final double wi = w[i];
			final int offset = i * d;
			for (int f = 0; f < d; f++)
				run[f] += wi * x[offset + f];
			run[d] += wi;
		}
		final int base = current * stride;
		for (int f = 0; f <= d; f++)
			sums[base + f] += run[f];
	}

	/** Weighted means of the clusters from the chunk sums; empty clusters take the farthest samples. */
	private double[] update() {
		final int stride = d + 1;
		final double[] total = new double[k * stride];
		for (final double[] sums : sumsPerChunk)
			for (int j = 0; j < total.length; j++)
				total[j] += sums[j];
		relocateEmptyClusters(total);
		final double[] next = new double[k * d];
		for (int j = 0; j < k; j++) {
			final double weight = total[j * stride + d];
			for (int f = 0; f < d; f++)
				next[j * d + f] = weight > 0 ? total[j * stride + f] / weight : centres[j * d + f];
		}
		return next;
	}

	/**
	 * Gives every empty cluster one of the samples (with weight > 0) farthest from their current centre,
	 * farthest first, ties to the lower sample index, and removes that sample from its cluster's sums.
	 * Labels are not changed, as in scikit-learn.
	 */
	private void relocateEmptyClusters(final double[] total) {
		final int stride = d + 1;
		int empty = 0;
		for (int j = 0; j < k; j++)
			if (total[j * stride + d] <= 0) empty++;
		if (empty == 0) return;
		final double[] far = new double[n];
		chunks.forEach(runner, (c, start, end) -> {
			for (int i = start; i < end; i++)
				far[i] = w[i] > 0 ? squaredTo(i, labels[i]) : -1;
		});
		for (int j = 0; j < k; j++) {
			if (total[j * stride + d] > 0) continue;
			int farthest = -1;
			for (int i = 0; i < n; i++)
				if (far[i] >= 0 && (farthest < 0 || far[i] > far[farthest])) farthest = i;
			if (farthest < 0) return;
			far[farthest] = -1;
			final int old = labels[farthest];
			final double wi = w[farthest];
			for (int f = 0; f < d; f++) {
				final double v = wi * x[farthest * d + f];
				total[old * stride + f] -= v;
				total[j * stride + f] = v;
			}
			total[old * stride + d] -= wi;
			total[j * stride + d] = wi;
		}
	}

	// -- Inertia --

	private double inertia() {
		return chunks.sum(runner, (start, end) -> {
			double s = 0;
			for (int i = start; i < end; i++)
				s += w[i] * squaredTo(i, labels[i]);
			return s;
		});
	}
}
