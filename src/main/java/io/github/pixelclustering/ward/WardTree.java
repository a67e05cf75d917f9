package io.github.pixelclustering.ward;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

/**
 * Ward agglomeration of the rows of a matrix under connectivity constraints, with scikit-learn 1.2's
 * {@code ward_tree(X, connectivity=...)} semantics: the full merge tree, built once, cut at any number of
 * clusters in O(n).
 * <p>
 * Rows are the items clustered (the pixels, each with its profile over the samples); only rows joined by
 * an edge of the graph, or by a chain of merges along edges, can merge. Each step merges the pair of
 * adjacent clusters whose merge increases the within-cluster sum of squares the least,
 * {@code |A||B|/(|A|+|B|) * |mean(A) - mean(B)|^2}, computed in the same floating-point order as
 * scikit-learn; ties are broken as scikit-learn's heap breaks them, by the larger node id, then the
 * smaller (leaves are 0..n-1, merge m creates node n+m). So the merge sequence is scikit-learn's, ties
 * included.
 * <p>
 * A graph with several connected components is first completed as scikit-learn does: every pair of
 * components is linked by an edge between its two closest rows (Euclidean distance; the first pair in
 * row order on ties). {@link #components()} tells how many there were, so callers can warn.
 * <p>
 * Memory: the matrix, two more copies of it for the cluster sums and means, the graph, and a heap of candidate merges
 * (edges) that is compacted as it fills with stale entries.
 */
public final class WardTree {

	private final int leaves;
	private final int[] children;
	private final double[] inertia;
	private final int[] sizes;
	private final int components;
	private final int[] links;

	private WardTree(final int leaves, final int[] children, final double[] inertia, final int[] sizes, final int components, final int[] links) {
		this.leaves = leaves;
		this.children = children;
		this.inertia = inertia;
		this.sizes = sizes;
		this.components = components;
		this.links = links;
	}

	/**
	 * Builds the full tree.
	 *
	 * @param x the items (rows) and their features; must be finite
	 * @param graph which rows are neighbours; its vertices are the rows
	 * @param runner where to run the parallel parts (component linking, initial merge costs)
	 * @param listener progress and cancellation
	 * @return the tree
	 */
	public static WardTree build(final FeatureMatrix x, final GridGraph graph, final TaskRunner runner, final ProgressListener listener) {
		final int n = x.rows();
		if (graph.vertices() != n) throw new IllegalArgumentException("the graph must have one vertex per row: " + n + " rows, got " + graph.vertices() + " vertices");
		listener.progress(0, "Ward: connected parts of the graph");
		final int[] component = graph.components();
		final int count = Arrays.stream(component).max().orElse(0) + 1;
		// phases: linking the parts (if any), then the tree
		final Phases phases = new Phases(listener, count > 1 ? 2 : 0, 10);
		int[] links = new int[0];
		GridGraph g = graph;
		if (count > 1) {
			links = ComponentLinks.closestPairs(x, component, count, runner, phases.next("Linking " + count + " unconnected parts"));
			g = graph.withEdges(links);
		}
		else phases.skip();
		final WardTree tree = new Builder(x, g, phases.next("Ward tree of " + n + " rows")).run(runner, count, links);
		phases.done("Ward tree done");
		return tree;
	}

	// -- Tree --

	/** @return number of leaves (rows) */
	public int leaves() {
		return leaves;
	}

	/** @return number of merges, leaves - 1 */
	public int merges() {
		return leaves - 1;
	}

	/**
	 * @param m merge index, 0-based (creates node {@code leaves + m})
	 * @return the smaller of the two merged node ids (scikit-learn's {@code children_[m][0]})
	 */
	public int first(final int m) {
		return children[2 * m];
	}

	/** @return the larger of the two merged node ids (scikit-learn's {@code children_[m][1]}) */
	public int second(final int m) {
		return children[2 * m + 1];
	}

	/** @return the increase of the within-cluster sum of squares caused by merge {@code m} */
	public double inertia(final int m) {
		return inertia[m];
	}

	/** @return scikit-learn's merge distance, {@code sqrt(2 * inertia(m))} */
	public double distance(final int m) {
		return Math.sqrt(2.0 * inertia[m]);
	}

	/** @return number of rows in the node created by merge {@code m} */
	public int size(final int m) {
		return sizes[m];
	}

	/** @return connected components of the graph before linking (1 when it was connected) */
	public int components() {
		return components;
	}

	/** @return the edges added to link the components, as pairs of rows */
	public int[] links() {
		return links.clone();
	}

	// -- Cuts --

	/**
	 * @param k number of clusters, 1..leaves
	 * @return the cluster of every row when the tree is cut into {@code k} clusters (the first
	 *         {@code leaves - k} merges), numbered 0..k-1 in the order of each cluster's first row
	 */
	public int[] cut(final int k) {
		if (k < 1 || k > leaves) throw new IllegalArgumentException("clusters must be in 1.." + leaves + " (the number of pixels), got " + k);
		final int[] parent = new int[leaves];
		for (int i = 0; i < leaves; i++)
			parent[i] = i;
		// node ids above the leaves map to a representative leaf
		final int[] leafOf = new int[leaves - k];
		for (int m = 0; m < leaves - k; m++) {
			final int a = root(parent, representative(children[2 * m], leafOf));
			final int b = root(parent, representative(children[2 * m + 1], leafOf));
			parent[Math.max(a, b)] = Math.min(a, b);
			leafOf[m] = Math.min(a, b);
		}
		final int[] label = new int[leaves];
		final int[] number = new int[leaves];
		Arrays.fill(number, -1);
		int next = 0;
		for (int i = 0; i < leaves; i++) {
			final int r = root(parent, i);
			if (number[r] < 0) number[r] = next++;
			label[i] = number[r];
		}
		return label;
	}

	/**
	 * @param k number of clusters
	 * @return the within-cluster sum of squares of the cut into {@code k} clusters (the sum of the first
	 *         {@code leaves - k} merge inertias)
	 */
	public double objective(final int k) {
		if (k < 1 || k > leaves) throw new IllegalArgumentException("clusters must be in 1.." + leaves + ", got " + k);
		double sum = 0;
		for (int m = 0; m < leaves - k; m++)
			sum += inertia[m];
		return sum;
	}

	private int representative(final int node, final int[] leafOf) {
		return node < leaves ? node : leafOf[node - leaves];
	}

	private static int root(final int[] parent, final int i) {
		int r = i;
		while (parent[r] != r)
			r = parent[r];
		int c = i;
		while (parent[c] != r) {
			final int next = parent[c];
			parent[c] = r;
			c = next;
		}
		return r;
	}

	// -- The merge loop --

	/** The state of one build. */
	private static final class Builder {

		private final double[] data;
		private final int n;
		private final int d;
		private final GridGraph graph;
		private final ProgressListener listener;

		/** Cluster sums: one row per slot; node k lives in slot[k]. */
		private final double[] sums;
		/**
		 * Cluster means, sums[f] / count: the very divisions scikit-learn makes inside every cost, made
		 * once per cluster (so costs are bit-identical and need no division).
		 */
		private final double[] means;
		private final double[] counts;
		private final int[] slot;
		private final int[] parent;
		private final boolean[] active;
		/** Neighbour lists of merged nodes (node - n); leaves use the graph. Entries may be stale ids. */
		private final int[][] lists;
		private final int[] mark;
		private int stamp;
		private int[] gathered;

		// Candidate merges. Every edge is owned by its larger node id (the node whose creation made it),
		// and an owner's edges never change: each owner keeps them in a small heap of its own, ordered
		// (cost, other id), and only its best edge sits in the global heap, ordered (cost, owner, other):
		// scikit-learn's heap order. An owned edge whose other end has merged is dropped when it
		// surfaces, and the owner's next edge takes its place.

		// global heap: key cost, then pair (owner << 32 | other)
		private double[] keys;
		private long[] pairs;
		private int size;
		// leaves' own heaps, flat: edges start[v] .. start[v] + ownSize[v] - 1
		private int[] leafStart;
		private double[] leafCosts;
		private int[] leafOthers;
		// merged nodes' own heaps (node - n)
		private double[][] nodeCosts;
		private int[][] nodeOthers;
		private int[] ownSize;

		Builder(final FeatureMatrix x, final GridGraph graph, final ProgressListener listener) {
			this.data = x.data();
			this.n = x.rows();
			this.d = x.cols();
			this.graph = graph;
			this.listener = listener;
			this.sums = data.clone();
			this.means = data.clone(); // x / 1.0 == x
			this.counts = new double[n];
			Arrays.fill(counts, 1.0);
			final int nodes = 2 * n - 1;
			this.slot = new int[nodes];
			this.parent = new int[nodes];
			this.active = new boolean[nodes];
			for (int i = 0; i < nodes; i++)
				parent[i] = i;
			for (int i = 0; i < n; i++) {
				slot[i] = i;
				active[i] = true;
			}
			this.lists = new int[Math.max(0, n - 1)][];
			this.mark = new int[nodes];
			this.gathered = new int[64];
		}

		WardTree run(final TaskRunner runner, final int components, final int[] links) {
			final Phases phases = new Phases(listener, 1, 18);
			initialHeap(runner, new SharedProgress(phases.next("Ward: initial merge costs"), n));
			final ProgressListener merging = phases.next("Ward merges");
			final int merges = n - 1;
			final int[] children = new int[2 * merges];
			final double[] inertia = new double[merges];
			final int[] sizes = new int[merges];
			final int report = Math.max(1, merges / 1000);
			for (int m = 0; m < merges; m++) {
				if (m % report == 0) {
					merging.checkCanceled();
					merging.progress((double) m / merges, "Ward merges " + m + "/" + merges);
				}
				int i;
				int j;
				double value;
				while (true) {
					if (size == 0) throw new IllegalStateException("Ward: no candidate merge left after " + m + " merges; the graph is not connected");
					value = keys[0];
					final long pair = pairs[0];
					pop();
					i = (int) (pair >>> 32);
					j = (int) pair;
					if (active[i] && active[j]) break;
					if (active[i]) next(i); // the other end merged: the owner's next edge
				}
				final int k = n + m;
				merge(i, j, k);
				children[2 * m] = j;
				children[2 * m + 1] = i;
				inertia[m] = value;
				sizes[m] = (int) counts[slot[k]];
			}
			merging.progress(1, "Ward merges done");
			return new WardTree(n, children, inertia, sizes, components, links);
		}

		private void initialHeap(final TaskRunner runner, final SharedProgress progress) {
			// each leaf v owns its edges to u < v (scikit-learn's upper triangle); costs in parallel
			leafStart = new int[n + 1];
			for (int v = 0; v < n; v++) {
				int below = 0;
				for (int e = 0; e < graph.degree(v); e++)
					if (graph.neighbour(v, e) < v) below++;
				leafStart[v + 1] = leafStart[v] + below;
			}
			final int edges = leafStart[n];
			leafCosts = new double[edges];
			leafOthers = new int[edges];
			ownSize = new int[2 * n - 1];
			nodeCosts = new double[Math.max(0, n - 1)][];
			nodeOthers = new int[Math.max(0, n - 1)][];
			Chunks.of(n, 8192).forEach(runner, (c, from, to) -> {
				for (int v = from; v < to; v++) {
					int at = leafStart[v];
					for (int e = 0; e < graph.degree(v); e++) {
						final int u = graph.neighbour(v, e);
						if (u >= v) continue;
						leafCosts[at] = cost(v, u);
						leafOthers[at] = u;
						at++;
					}
					ownSize[v] = at - leafStart[v];
					heapify(leafCosts, leafOthers, leafStart[v], ownSize[v]);
				}
				progress.add(to - from, "Ward: initial merge costs");
			});
			keys = new double[2 * n + 16];
			pairs = new long[keys.length];
			size = 0;
			for (int v = 0; v < n; v++) {
				if (ownSize[v] == 0) continue;
				keys[size] = leafCosts[leafStart[v]];
				pairs[size] = (long) v << 32 | leafOthers[leafStart[v]];
				size++;
			}
			for (int h = size / 2 - 1; h >= 0; h--)
				down(h);
		}

		/** Drops the owner's top edge (its other end has merged) and offers its next live edge. */
		private void next(final int owner) {
			final double[] c;
			final int[] o;
			final int base;
			if (owner < n) {
				c = leafCosts;
				o = leafOthers;
				base = leafStart[owner];
			}
			else {
				c = nodeCosts[owner - n];
				o = nodeOthers[owner - n];
				base = 0;
			}
			int count = ownSize[owner];
			do {
				count--;
				c[base] = c[base + count];
				o[base] = o[base + count];
				siftDown(c, o, base, count, 0);
			} while (count > 0 && !active[o[base]]);
			ownSize[owner] = count;
			if (count > 0) push(c[base], (long) owner << 32 | o[base]);
		}

		private static void heapify(final double[] c, final int[] o, final int base, final int count) {
			for (int h = count / 2 - 1; h >= 0; h--)
				siftDown(c, o, base, count, h);
		}

		/** Sift-down in an owner's heap ordered by (cost, other id). */
		private static void siftDown(final double[] c, final int[] o, final int base, final int count, int h) {
			while (true) {
				final int l = 2 * h + 1;
				if (l >= count) return;
				final int r = l + 1;
				int best = l;
				if (r < count && (c[base + r] < c[base + l] || c[base + r] == c[base + l] && o[base + r] < o[base + l])) best = r;
				if (!(c[base + best] < c[base + h] || c[base + best] == c[base + h] && o[base + best] < o[base + h])) return;
				final double tc = c[base + h];
				c[base + h] = c[base + best];
				c[base + best] = tc;
				final int to = o[base + h];
				o[base + h] = o[base + best];
				o[base + best] = to;
				h = best;
			}
		}

		private void merge(final int i, final int j, final int k) {
			parent[i] = k;
			parent[j] = k;
			active[i] = false;
			active[j] = false;
			active[k] = true;
			final int si = slot[i];
			final int sj = slot[j];
			slot[k] = si;
			counts[si] += counts[sj];
			final int oi = si * d;
			final int oj = sj * d;
			final double size = counts[si];
			for (int f = 0; f < d; f++) {
				sums[oi + f] += sums[oj + f];
				means[oi + f] = sums[oi + f] / size;
			}
			// the distinct active neighbours of i and j
			stamp++;
			mark[k] = stamp;
			int count = gather(i, 0);
			count = gather(j, count);
			if (i >= n) lists[i - n] = null;
			if (j >= n) lists[j - n] = null;
			final int[] list = Arrays.copyOf(gathered, count);
			lists[k - n] = list;
			final double[] own = new double[count];
			costs(k, list, count, own);
			final int[] others = list.clone();
			heapify(own, others, 0, count);
			nodeCosts[k - n] = own;
			nodeOthers[k - n] = others;
			ownSize[k] = count;
			// the merged nodes' own edges are dead
			release(i);
			release(j);
			if (count > 0) push(own[0], (long) k << 32 | others[0]);
		}

		private void release(final int node) {
			if (node >= n) {
				nodeCosts[node - n] = null;
				nodeOthers[node - n] = null;
			}
			ownSize[node] = 0;
		}

		/**
		 * The costs of merging {@code a} with each of {@code others}, four at a time: each sum runs over
		 * the features in order, as in {@link #cost}, so the results are bit-identical, but four
		 * independent sums keep the processor busy while each addition waits for the previous one.
		 */
		private void costs(final int a, final int[] others, final int count, final double[] out) {
			final int sa = slot[a];
			final double ma = counts[sa];
			final int oa = sa * d;
			int e = 0;
			for (; e + 4 <= count; e += 4) {
				final int s0 = slot[others[e]];
				final int s1 = slot[others[e + 1]];
				final int s2 = slot[others[e + 2]];
				final int s3 = slot[others[e + 3]];
				final int o0 = s0 * d;
				final int o1 = s1 * d;
				final int o2 = s2 * d;
				final int o3 = s3 * d;
				double p0 = 0;
				double p1 = 0;
				double p2 = 0;
				double p3 = 0;
				for (int f = 0; f < d; f++) {
					final double m = means[oa + f];
					final double d0 = m - means[o0 + f];
					final double d1 = m - means[o1 + f];
					final double d2 = m - means[o2 + f];
					final double d3 = m - means[o3 + f];
					p0 += d0 * d0;
					p1 += d1 * d1;
					p2 += d2 * d2;
					p3 += d3 * d3;
				}
				out[e] = p0 * factor(ma, counts[s0]);
				out[e + 1] = p1 * factor(ma, counts[s1]);
				out[e + 2] = p2 * factor(ma, counts[s2]);
				out[e + 3] = p3 * factor(ma, counts[s3]);
			}
			for (; e < count; e++)
				out[e] = cost(a, others[e]);
		}

		private static double factor(final double ma, final double mb) {
			return ma * mb / (ma + mb);
		}

		private int gather(final int node, int count) {
			if (node < n) {
				for (int e = 0; e < graph.degree(node); e++)
					count = add(find(graph.neighbour(node, e)), count);
			}
			else {
				for (final int other : lists[node - n])
					count = add(find(other), count);
			}
			return count;
		}

		private int add(final int root, final int count) {
			if (mark[root] == stamp) return count;
			mark[root] = stamp;
			if (count == gathered.length) gathered = Arrays.copyOf(gathered, 2 * count);
			gathered[count] = root;
			return count + 1;
		}

		private int find(final int node) {
			int r = node;
			while (parent[r] != r)
				r = parent[r];
			int c = node;
			while (parent[c] != r) {
				final int next = parent[c];
				parent[c] = r;
				c = next;
			}
			return r;
		}

		/**
		 * scikit-learn's compute_ward_dist for (row a, column b), in its floating-point order:
		 * {@code sum_f (sum_a[f] / n_a - sum_b[f] / n_b)^2 * (n_a n_b / (n_a + n_b))}, with the quotients
		 * taken from the means cache.
		 */
		private double cost(final int a, final int b) {
			final int sa = slot[a];
			final int sb = slot[b];
			final double ma = counts[sa];
			final double mb = counts[sb];
			final double factor = factor(ma, mb);
			final int oa = sa * d;
			final int ob = sb * d;
			double pa = 0;
			for (int f = 0; f < d; f++) {
				final double diff = means[oa + f] - means[ob + f];
				pa += diff * diff;
			}
			return pa * factor;
		}

		// -- Heap --

		private boolean less(final int a, final int b) {
			return keys[a] < keys[b] || keys[a] == keys[b] && pairs[a] < pairs[b];
		}

		private void push(final double key, final long pair) {
			if (size == keys.length) grow();
			keys[size] = key;
			pairs[size] = pair;
			int h = size++;
			while (h > 0) {
				final int up = (h - 1) >>> 1;
				if (!less(h, up)) break;
				swap(h, up);
				h = up;
			}
		}

		private void pop() {
			size--;
			keys[0] = keys[size];
			pairs[0] = pairs[size];
			if (size > 0) down(0);
		}

		private void down(int h) {
			while (true) {
				final int l = 2 * h + 1;
				if (l >= size) return;
				final int r = l + 1;
				final int c = r < size && less(r, l) ? r : l;
				if (!less(c, h)) return;
				swap(h, c);
				h = c;
			}
		}

		private void swap(final int a, final int b) {
			final double k = keys[a];
			keys[a] = keys[b];
			keys[b] = k;
			final long p = pairs[a];
			pairs[a] = pairs[b];
			pairs[b] = p;
		}

		private void grow() {
			final int capacity = keys.length + keys.length / 2 + 16;
			keys = Arrays.copyOf(keys, capacity);
			pairs = Arrays.copyOf(pairs, capacity);
		}

	}
}
