package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

/**
 * A kd-tree over samples for low-dimensional k-means: the samples and weights reordered so that every
 * node is a contiguous range of tree positions, each node's bounding box, and the leaves in order.
 * <p>
 * Built by splitting the widest side of each box at the median (ties by original index) until a node
 * holds at most {@link #LEAF_SIZE} samples or all its samples coincide. The nodes of one level are split
 * in parallel (their ranges are disjoint) and numbered level by level, left to right, so the tree is the
 * same whatever the number of threads.
 */
final class KdTree {

	/** Largest number of samples in a leaf. */
	static final int LEAF_SIZE = 32;

	final int n;
	final int d;
	/** Largest number of samples in a leaf (unless they coincide). */
	final int leafSize;
	/** Samples in tree order, n x d row-major. */
	final double[] points;
	/** Weights in tree order. */
	final double[] weights;
	/** Original index of the sample at each tree position. */
	final int[] order;

	int nodes;
	int[] start;
	int[] end;
	/** Left child, or -1 for a leaf. */
	int[] left;
	/** Right child, or -1 for a leaf. */
	int[] right;
	/** Bounding boxes, nodes x d. */
	double[] low;
	double[] high;

	/** Number of leaves. */
	int leaves;
	/** First tree position of each leaf, in tree order, plus n at the end. */
	int[] leafStart;
	/** Node of each leaf. */
	int[] leafNode;
	/** Per node: its first leaf and one past its last leaf. */
	int[] firstLeaf;
	int[] endLeaf;
	/**
	 * Per leaf: weight x sample summed over its samples in tree order, then the weight, (d + 1) values;
	 * the same arithmetic as summing a run of one label, so adding it is bit-identical.
	 */
	double[] leafSums;

	private KdTree(final int n, final int d, final int leafSize) {
		this.n = n;
		this.d = d;
		this.leafSize = leafSize;
		this.points = new double[n * d];
		this.weights = new double[n];
		this.order = new int[n];
		final int capacity = Math.max(1, 4 * ((n + leafSize - 1) / leafSize));
		start = new int[capacity];
		end = new int[capacity];
		left = new int[capacity];
		right = new int[capacity];
		low = new double[capacity * d];
		high = new double[capacity * d];
	}

	/**
	 * @param x samples, n x d row-major (not modified)
	 * @param w weights, length n (not modified)
	 * @param n number of samples
	 * @param d number of features
	 * @return the tree
	 */
	static KdTree build(final double[] x, final double[] w, final int n, final int d, final TaskRunner runner) {
		return build(x, w, n, d, LEAF_SIZE, runner);
	}

	/**
	 * @param leafSize largest number of samples in a leaf (unless they coincide), >= 1
	 * @return the tree with leaves of at most leafSize samples
	 */
	static KdTree build(final double[] x, final double[] w, final int n, final int d, final int leafSize, final TaskRunner runner) {
		return build(x, w, n, d, leafSize, runner, ProgressListener.NONE);
	}

	/**
	 * @param leafSize largest number of samples in a leaf (unless they coincide), >= 1
	 * @param listener progress (levels split, each a pass over the samples) and cancellation
	 * @return the tree with leaves of at most leafSize samples
	 */
	static KdTree build(final double[] x, final double[] w, final int n, final int d, final int leafSize, final TaskRunner runner, final ProgressListener listener) {
		final KdTree tree = new KdTree(n, d, leafSize);
		for (int i = 0; i < n; i++)
			tree.order[i] = i;
		System.arraycopy(x, 0, tree.points, 0, n * d);
		System.arraycopy(w, 0, tree.weights, 0, n);
		tree.split(tree.newNode(0, n), runner, listener);
		tree.indexLeaves();
		return tree;
	}

	private int newNode(final int from, final int to) {
		final int node = nodes++;
		if (node >= start.length) grow();
		start[node] = from;
		end[node] = to;
		left[node] = -1;
		right[node] = -1;
		return node;
	}

	private void grow() {
		final int capacity = start.length * 2;
		start = Arrays.copyOf(start, capacity);
		end = Arrays.copyOf(end, capacity);
		left = Arrays.copyOf(left, capacity);
		right = Arrays.copyOf(right, capacity);
		low = Arrays.copyOf(low, capacity * d);
		high = Arrays.copyOf(high, capacity * d);
	}

	/**
	 * Splits level by level: computes the box of every node of the level and reorders the nodes to be
	 * split, in parallel; then numbers their children left to right. Samples are moved in {@link #points}
	 * itself (with their weights and original indices), so that every scan is contiguous.
	 */
	private void split(final int root, final TaskRunner runner, final ProgressListener listener) {
		int[] level = { root };
		// levels of a balanced tree: the fraction is of those (coinciding samples end branches sooner)
		final int levels = 2 + (int) Math.ceil(Math.log(Math.max(1.0, (double) n / leafSize)) / Math.log(2));
		int depth = 0;
		while (level.length > 0) {
			listener.checkCanceled();
			listener.progress(Math.min(1, (double) depth / levels), "kd-tree level " + depth++ + " (about " + levels + ")");
			final int[] current = level;
			final int[] middles = new int[current.length];
			// about 64 tasks per level, whatever the thread count: each splits a run of nodes
			final int perTask = Math.max(1, (current.length + 63) / 64);
			Chunks.of(current.length, perTask).forEach(runner, (c, from, to) -> {
				for (int m = from; m < to; m++)
					middles[m] = splitNode(current[m]);
			});
			int children = 0;
			for (final int middle : middles)
				if (middle >= 0) children += 2;
			final int[] next = new int[children];
			int c = 0;
			for (int m = 0; m < current.length; m++) {
				if (middles[m] < 0) continue;
				final int node = current[m];
				final int l = newNode(start[node], middles[m]);
				final int r = newNode(middles[m], end[node]);
				left[node] = l;
				right[node] = r;
				next[c++] = l;
				next[c++] = r;
			}
			level = next;
		}
	}

	/**
	 * Sets the node's box and, if it is to be split, reorders its samples around the median of its widest
	 * side.
	 *
	 * @return the first position of the right half, or -1 for a leaf
	 */
	private int splitNode(final int node) {
		final int s = start[node];
		final int e = end[node];
		int widest = 0;
		double widestSpan = -1;
		for (int f = 0; f < d; f++) {
			double lo = Double.POSITIVE_INFINITY;
			double hi = Double.NEGATIVE_INFINITY;
			for (int t = s; t < e; t++) {
				final double v = points[t * d + f];
				if (v < lo) lo = v;
				if (v > hi) hi = v;
			}
			low[node * d + f] = lo;
			high[node * d + f] = hi;
			if (hi - lo > widestSpan) {
				widestSpan = hi - lo;
				widest = f;
			}
		}
		if (e - s <= leafSize || widestSpan <= 0) return -1;
		final int middle = (s + e) >>> 1;
		select(s, e - 1, middle, widest);
		return middle;
	}

	/** Reorders samples lo..hi so that position k holds the k-th smallest value of feature f. */
	private void select(int lo, int hi, final int k, final int f) {
		while (hi > lo) {
			final int mid = (lo + hi) >>> 1;
			if (less(mid, lo, f)) swap(mid, lo);
			if (less(hi, lo, f)) swap(hi, lo);
			if (less(hi, mid, f)) swap(hi, mid);
			final double pivotValue = points[mid * d + f];
			final int pivotIndex = order[mid];
			int i = lo;
			int j = hi;
			while (i <= j) {
				while (less(i, pivotValue, pivotIndex, f))
					i++;
				while (greater(j, pivotValue, pivotIndex, f))
					j--;
				if (i <= j) {
					swap(i, j);
					i++;
					j--;
				}
			}
			if (k <= j) hi = j;
			else if (k >= i) lo = i;
			else return;
		}
	}

	/** Order by feature f, ties by original index, so that all keys differ. */
	private boolean less(final int a, final int b, final int f) {
		return less(a, points[b * d + f], order[b], f);
	}

	/** Whether the sample at position a comes before the key (value, index). */
	private boolean less(final int a, final double value, final int index, final int f) {
		final double va = points[a * d + f];
		return va < value || va == value && order[a] < index;
	}

	/** Whether the sample at position a comes after the key (value, index). */
	private boolean greater(final int a, final double value, final int index, final int f) {
		final double va = points[a * d + f];
		return va > value || va == value && order[a] > index;
	}

	/** Swaps the samples at positions a and b: coordinates, weight and original index. */
	private void swap(final int a, final int b) {
		final int t = order[a];
		order[a] = order[b];
		order[b] = t;
		final double tw = weights[a];
		weights[a] = weights[b];
		weights[b] = tw;
		for (int f = 0, pa = a * d, pb = b * d; f < d; f++, pa++, pb++) {
			final double v = points[pa];
			points[pa] = points[pb];
			points[pb] = v;
		}
	}

	/** Numbers the leaves in tree order, gives every node its leaf range and every leaf its sums. */
	private void indexLeaves() {
		firstLeaf = new int[nodes];
		endLeaf = new int[nodes];
		final int[] leafOf = new int[nodes];
		final int[] stack = new int[128];
		int top = 0;
		stack[top++] = 0;
		int count = 0;
		final int[] starts = new int[nodes + 1];
		while (top > 0) {
			final int node = stack[--top];
			if (left[node] < 0) {
				leafOf[node] = count;
				starts[count++] = start[node];
			}
			else {
				stack[top++] = right[node];
				stack[top++] = left[node];
			}
		}
		leaves = count;
		leafStart = Arrays.copyOf(starts, count + 1);
		leafStart[count] = n;
		leafNode = new int[count];
		for (int node = 0; node < nodes; node++)
			if (left[node] < 0) leafNode[leafOf[node]] = node;
		// children are always created after their parent, so a reverse sweep sees children first
		for (int node = nodes - 1; node >= 0; node--) {
			if (left[node] < 0) {
				firstLeaf[node] = leafOf[node];
				endLeaf[node] = leafOf[node] + 1;
			}
			else {
				firstLeaf[node] = firstLeaf[left[node]];
				endLeaf[node] = endLeaf[right[node]];
			}
		}
		final int stride = d + 1;
		leafSums = new double[count * stride];
		for (int leaf = 0; leaf < count; leaf++) {
			final int base = leaf * stride;
			for (int t = leafStart[leaf]; t < leafStart[leaf + 1]; t++) {
				final double wt = weights[t];
				for (int f = 0; f < d; f++)
					leafSums[base + f] += wt * points[t * d + f];
				leafSums[base + d] += wt;
			}
		}
	}

	/** @return squared distance from point {@code p[offset..+d)} to the nearest point of the node's box */
	double boxDistance(final int node, final double[] p, final int offset) {
		double s = 0;
		final int box = node * d;
		for (int f = 0; f < d; f++) {
			final double v = p[offset + f];
			final double lo = low[box + f];
			final double hi = high[box + f];
			final double e = v < lo ? lo - v : v > hi ? v - hi : 0;
			s += e * e;
		}
		return s;
	}

	/** @return the original-order labels from tree-order labels */
	int[] toOriginalOrder(final int[] treeOrder) {
		final int[] out = new int[n];
		for (int t = 0; t < n; t++)
			out[order[t]] = treeOrder[t];
		return out;
	}
}
