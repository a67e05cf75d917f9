package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.TaskRunner;

/**
 * A small weighted summary of the samples for searching among k-means solutions: the weighted mean of
 * every leaf of a kd-tree over the samples (at most {@link KdTree#LEAF_SIZE} nearby samples each),
 * weighted by the leaf's weight. It keeps every cluster's weight and mean exactly when no leaf straddles
 * two clusters, and loses only the spread inside the leaves, so k-means costs on it rank solutions
 * nearly as on all samples at a fraction of the work. When the leaves would be too few for the number
 * of clusters, the coreset is the samples themselves.
 * <p>
 * The coreset's points are in the order of their own kd-tree ({@link #tree}), as {@link LloydSolver}
 * and {@link KMeansPlusPlus} expect.
 */
final class Coreset {

	/** Fewest coreset points per cluster; with fewer samples than twice that, the samples themselves. */
	static final int POINTS_PER_CLUSTER = 256;

	/** Points (count x d, in {@link #tree} order) and their weights. */
	final double[] points;
	final double[] weights;
	final int count;
	/** kd-tree over the points; its point and weight arrays are {@link #points} and {@link #weights}. */
	final KdTree tree;
	/** Whether the coreset is the samples themselves. */
	final boolean samples;

	private Coreset(final KdTree tree, final boolean samples) {
		this.points = tree.points;
		this.weights = tree.weights;
		this.count = tree.n;
		this.tree = tree;
		this.samples = samples;
	}

	/**
	 * @return the largest leaf size (at most {@link KdTree#LEAF_SIZE}) that gives at least
	 *         {@link #POINTS_PER_CLUSTER} x k leaves for n samples; below 2, the coreset is the samples
	 */
	static int leafSize(final int n, final int k) {
		return (int) Math.min(KdTree.LEAF_SIZE, n / ((long) POINTS_PER_CLUSTER * k));
	}

	/**
	 * @param data the samples (n x d), in the tree's order when there is a tree
	 * @param w their weights
	 * @param tree kd-tree over the samples, or null; its leaves are used when they have
	 *        {@link #leafSize(int, int)} samples
	 * @param k number of clusters
	 * @return the means of the leaves of a kd-tree whose leaves are as large as possible (at most
	 *         {@link KdTree#LEAF_SIZE}) for at least {@link #POINTS_PER_CLUSTER} x k leaves; or the
	 *         samples themselves when there are fewer than twice that many
	 */
	static Coreset of(final double[] data, final double[] w, final int n, final int d, final KdTree tree, final int k, final TaskRunner runner) {
		final int leafSize = leafSize(n, k);
		if (leafSize < 2) return new Coreset(tree != null ? tree : KdTree.build(data, w, n, d, runner), true);
		final KdTree leaves = tree != null && leafSize == tree.leafSize ? tree : KdTree.build(data, w, n, d, leafSize, runner);
		int count = 0;
		for (int l = 0; l < leaves.leaves; l++)
			if (leaves.leafSums[l * (d + 1) + d] > 0) count++;
		final double[] means = new double[count * d];
		final double[] weights = new double[count];
		for (int l = 0, q = 0; l < leaves.leaves; l++) {
			final int base = l * (d + 1);
			final double weight = leaves.leafSums[base + d];
			if (!(weight > 0)) continue;
			for (int f = 0; f < d; f++)
				means[q * d + f] = leaves.leafSums[base + f] / weight;
			weights[q++] = weight;
		}
		return new Coreset(KdTree.build(means, weights, count, d, runner), false);
	}
}
