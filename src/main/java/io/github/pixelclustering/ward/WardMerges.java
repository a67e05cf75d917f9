package io.github.pixelclustering.ward;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

/**
 * Runs the merge loop of {@link WardTree#build}: n - 1 merges of the pair of adjacent clusters whose merge
 * costs the least, in scikit-learn's order, ties included.
 * <p>
 * Candidate merges are edges. Every edge is owned by its larger node id (the node whose creation made
 * it), and an owner's edges never change, nor do their costs while both ends are active: so an owner
 * keeps only the other ends, in the order of (cost, other id), with a cursor at its best live edge, and
 * only that edge sits in the global heap, ordered (cost, owner): scikit-learn's heap order, since an
 * owner has one entry at a time. A leaf owns its edges to lower neighbours, which the graph lists; it
 * keeps only the other end of its best edge. A cost is computed again when an edge reaches the global
 * heap, by the same arithmetic, so bit for bit the same number. An edge whose other end has merged is
 * dropped when it surfaces, and the owner's next live edge takes its place.
 * <p>
 * Memory, for n rows of d features (the rows themselves are read, not copied): the sums and means of
 * the merged clusters (at most n / 2 are active at once, so {@code 8 d} bytes per row), the union-find
 * parents of all 2n - 1 nodes, the other ends of the merged nodes' edges, the global heap, and the tree
 * being built: about {@code 60 + 8 d} bytes per row plus the edge lists; {@link #peakBytes()} tells what
 * a run used.
 */
final class WardMerges {

	private final double[] x;
	private final int n;
	private final int d;
	private final GridGraph graph;
	private final ProgressListener listener;

	/** Union-find over the nodes (leaves 0..n-1, merge m creates n + m): active nodes are roots. */
	private final int[] parent;
	/** The slot of every merged node (node - n): its row of sums and means, and its size. */
	private final int[] slot;
	private final double[] sums;
	/**
	 * Means, sums / size: the very divisions scikit-learn makes inside every cost, made once per cluster
	 * (so costs need no division); a leaf's mean is its row.
	 */
	private final double[] means;
	private final int[] counts;
	private final int[] freeSlots;
	private int free;
	private int used;
	/** Other ends of every active merged node's edges (node - n), by (cost, id), and its best live one. */
	private final int[][] lists;
	private final int[] cursor;
	/** The other end of every leaf's best live edge. */
	private final int[] leafOther;
	/** The best live edge of every owner that has one. */
	private CandidateHeap heap;
	/** Scratch: the distinct neighbours of a merge. */
	private final long[] seen;
	private final int[] around;
	private int[] gathered;
	private double[] costs;
	private long listBytes;
	private long peakListBytes;

	/** The tree: merged pairs (smaller id first), cost and size of every merge. */
	final int[] children;
	final double[] inertia;
	final int[] sizes;

	/**
	 * @param x the rows, row-major, {@code n x d}; read, never written
	 * @param n number of rows (graph vertices)
	 * @param d number of features
	 * @param graph which rows are neighbours: connected
	 * @param listener progress and cancellation
	 */
	WardMerges(final double[] x, final int n, final int d, final GridGraph graph, final ProgressListener listener) {
		this.x = x;
		this.n = n;
		this.d = d;
		this.graph = graph;
		this.listener = listener;
		final int merges = n - 1;
		final int slots = n / 2;
		this.parent = new int[2 * n - 1];
		for (int i = 0; i < parent.length; i++)
			parent[i] = i;
		this.slot = new int[merges];
		this.sums = new double[slots * d];
		this.means = new double[slots * d];
		this.counts = new int[slots];
		this.freeSlots = new int[slots];
		this.lists = new int[merges][];
		this.cursor = new int[merges];
		this.leafOther = new int[n];
		this.seen = new long[(parent.length + 63) / 64];
		this.around = new int[graph.maxDegree()];
		this.gathered = new int[64];
		this.costs = new double[64];
		this.children = new int[2 * merges];
		this.inertia = new double[merges];
		this.sizes = new int[merges];
	}

	/** Bytes of a run's arrays on n rows of d features, all but the merged nodes' edge lists. */
	static long fixedBytes(final long n, final int d, final int maxDegree) {
		final long merges = n - 1;
		final long slots = n / 2;
		return ints(2 * n - 1) + ints(merges) + 2 * doubles(slots * d) + 2 * ints(slots) + refs(merges) + ints(merges) + ints(n) //
			+ CandidateHeap.bytes(n) + 8 * ((2 * n - 1 + 63) / 64) + ints(maxDegree) //
			+ ints(2 * merges) + doubles(merges) + ints(merges);
	}

	/** @return the most bytes this run held in its arrays at once (after {@link #run}) */
	long peakBytes() {
		return fixedBytes(n, d, around.length) + peakListBytes;
	}

	/** Runs the merges; the tree is in {@link #children}, {@link #inertia}, {@link #sizes}. */
	void run(final TaskRunner runner) {
		// phases: the initial merge costs (one pass over the edges), then the merges
		final Phases phases = new Phases(listener, 1, 18);
		initialHeap(runner, new SharedProgress(phases.next("Ward: initial merge costs"), n));
		final ProgressListener merging = phases.next("Ward merges");
		final int merges = n - 1;
		final int report = Math.max(1, merges / 1000);
		for (int m = 0; m < merges; m++) {
			if (m % report == 0) {
				merging.checkCanceled();
				merging.progress((double) m / merges, "Ward merges " + m + "/" + merges);
			}
			while (true) {
				if (heap.isEmpty()) throw new IllegalStateException("Ward: no candidate merge left after " + m + " merges; the graph is not connected");
				final double value = heap.topCost();
				final int i = heap.topOwner();
				heap.pop();
				if (parent[i] != i) continue; // the owner has merged: its edges are dead
				final int j = i < n ? leafOther[i] : lists[i - n][cursor[i - n]];
				if (parent[j] == j) {
					final int k = n + m;
					merge(i, j, k);
					children[2 * m] = j;
					children[2 * m + 1] = i;
					inertia[m] = value;
					sizes[m] = counts[slot[m]];
					break;
				}
				next(i, value, j); // the other end has merged: the owner's next edge
			}
		}
		merging.progress(1, "Ward merges done");
	}

	/** Every leaf offers its best edge to a lower neighbour (costs in parallel); then the heap is built. */
	private void initialHeap(final TaskRunner runner, final SharedProgress progress) {
		final double[] first = new double[n];
		Chunks.of(n, 8192).forEach(runner, (c, from, to) -> {
			listener.checkCanceled();
			final int[] near = new int[graph.maxDegree()];
			for (int v = from; v < to; v++)
				first[v] = best(v, near, Double.NEGATIVE_INFINITY, -1);
			progress.add(to - from, "Ward: initial merge costs");
		});
		heap = CandidateHeap.of(first, leafOther);
	}

	/**
	 * The best edge of leaf {@code v} to an active lower neighbour that comes after (afterCost, afterOther)
	 * in the order (cost, other id); its other end goes to {@code leafOther[v]} (-1 for none).
	 *
	 * @return its cost
	 */
	private double best(final int v, final int[] near, final double afterCost, final int afterOther) {
		final int count = graph.neighbours(v, near);
		double best = 0;
		int other = -1;
		for (int e = 0; e < count; e++) {
			final int u = near[e];
			if (u >= v || parent[u] != u) continue;
			final double c = cost(v, u);
			if (c < afterCost || c == afterCost && u <= afterOther) continue; // taken before
			if (other < 0 || c < best || c == best && u < other) {
				best = c;
				other = u;
			}
		}
		leafOther[v] = other;
		return best;
	}

	/** Drops the owner's top edge (its other end has merged) and offers its next live edge. */
	private void next(final int owner, final double value, final int other) {
		if (owner < n) {
			final double c = best(owner, around, value, other);
			if (leafOther[owner] >= 0) heap.push(c, owner);
			return;
		}
		final int[] list = lists[owner - n];
		int at = cursor[owner - n] + 1;
		while (at < list.length && parent[list[at]] != list[at])
			at++;
		cursor[owner - n] = at;
		if (at < list.length) heap.push(cost(owner, list[at]), owner);
	}

	private void merge(final int i, final int j, final int k) {
		parent[i] = k;
		parent[j] = k;
		// k takes the slot of a merged child; a second one is freed
		final int s;
		if (i >= n) {
			s = slot[i - n];
			if (j >= n) freeSlots[free++] = slot[j - n];
		}
		else if (j >= n) s = slot[j - n];
		else s = free > 0 ? freeSlots[--free] : used++;
		slot[k - n] = s;
		final double[] ri = i < n ? x : sums;
		final double[] rj = j < n ? x : sums;
		final int oi = i < n ? i * d : slot[i - n] * d;
		final int oj = j < n ? j * d : slot[j - n] * d;
		final int size = (i < n ? 1 : counts[slot[i - n]]) + (j < n ? 1 : counts[slot[j - n]]);
		final int os = s * d;
		for (int f = 0; f < d; f++) {
			final double sum = ri[oi + f] + rj[oj + f];
			sums[os + f] = sum;
			means[os + f] = sum / (double) size;
		}
		counts[s] = size;
		// the distinct active neighbours of i and j
		mark(k);
		int count = gather(i, 0);
		count = gather(j, count);
		release(i);
		release(j);
		unmark(k);
		final int[] list = Arrays.copyOf(gathered, count);
		for (final int u : list)
			unmark(u);
		if (costs.length < count) costs = new double[gathered.length];
		costs(k, list, count, costs);
		CandidateHeap.sort(costs, list, count);
		lists[k - n] = list;
		cursor[k - n] = 0;
		listBytes += ints(count);
		peakListBytes = Math.max(peakListBytes, listBytes);
		if (count > 0) heap.push(costs[0], k);
	}

	private void release(final int node) {
		if (node < n) return;
		listBytes -= ints(lists[node - n].length);
		lists[node - n] = null;
	}

	private int gather(final int node, int count) {
		if (node < n) {
			final int degree = graph.neighbours(node, around);
			for (int e = 0; e < degree; e++)
				count = add(find(around[e]), count);
		}
		else {
			for (final int other : lists[node - n])
				count = add(find(other), count);
		}
		return count;
	}

	private int add(final int root, final int count) {
		if ((seen[root >>> 6] & 1L << root) != 0) return count;
		mark(root);
		if (count == gathered.length) gathered = Arrays.copyOf(gathered, 2 * count);
		gathered[count] = root;
		return count + 1;
	}

	private void mark(final int node) {
		seen[node >>> 6] |= 1L << node;
	}

	private void unmark(final int node) {
		seen[node >>> 6] &= ~(1L << node);
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

	// -- Costs --

	/**
	 * scikit-learn's compute_ward_dist for (row a, column b), in its floating-point order:
	 * {@code sum_f (sum_a[f] / n_a - sum_b[f] / n_b)^2 * (n_a n_b / (n_a + n_b))}, with the quotients
	 * taken from the means (a leaf's is its row).
	 */
	private double cost(final int a, final int b) {
		final double[] ra = a < n ? x : means;
		final double[] rb = b < n ? x : means;
		final int oa = a < n ? a * d : slot[a - n] * d;
		final int ob = b < n ? b * d : slot[b - n] * d;
		double pa = 0;
		for (int f = 0; f < d; f++) {
			final double diff = ra[oa + f] - rb[ob + f];
			pa += diff * diff;
		}
		return pa * factor(size(a), size(b));
	}

	/**
	 * The costs of merging merged node {@code a} with each of {@code others}, four at a time: each sum
	 * runs over the features in order, as in {@link #cost}, so the results are bit-identical, but four
	 * independent sums keep the processor busy while each addition waits for the previous one.
	 */
	private void costs(final int a, final int[] others, final int count, final double[] out) {
		final double ma = size(a);
		final int oa = slot[a - n] * d;
		int e = 0;
		for (; e + 4 <= count; e += 4) {
			final int b0 = others[e];
			final int b1 = others[e + 1];
			final int b2 = others[e + 2];
			final int b3 = others[e + 3];
			final double[] r0 = b0 < n ? x : means;
			final double[] r1 = b1 < n ? x : means;
			final double[] r2 = b2 < n ? x : means;
			final double[] r3 = b3 < n ? x : means;
			final int o0 = b0 < n ? b0 * d : slot[b0 - n] * d;
			final int o1 = b1 < n ? b1 * d : slot[b1 - n] * d;
			final int o2 = b2 < n ? b2 * d : slot[b2 - n] * d;
			final int o3 = b3 < n ? b3 * d : slot[b3 - n] * d;
			double p0 = 0;
			double p1 = 0;
			double p2 = 0;
			double p3 = 0;
			for (int f = 0; f < d; f++) {
				final double m = means[oa + f];
				final double d0 = m - r0[o0 + f];
				final double d1 = m - r1[o1 + f];
				final double d2 = m - r2[o2 + f];
				final double d3 = m - r3[o3 + f];
				p0 += d0 * d0;
				p1 += d1 * d1;
				p2 += d2 * d2;
				p3 += d3 * d3;
			}
			out[e] = p0 * factor(ma, size(b0));
			out[e + 1] = p1 * factor(ma, size(b1));
			out[e + 2] = p2 * factor(ma, size(b2));
			out[e + 3] = p3 * factor(ma, size(b3));
		}
		for (; e < count; e++)
			out[e] = cost(a, others[e]);
	}

	private double size(final int node) {
		return node < n ? 1.0 : counts[slot[node - n]];
	}

	private static double factor(final double ma, final double mb) {
		return ma * mb / (ma + mb);
	}

	// -- Sizes of arrays (64-bit JVM with compressed references: 16-byte header, 8-byte alignment) --

	static long ints(final long count) {
		return align(16 + 4 * count);
	}

	static long doubles(final long count) {
		return align(16 + 8 * count);
	}

	static long refs(final long count) {
		return align(16 + 4 * count);
	}

	private static long align(final long bytes) {
		return (bytes + 7) & ~7L;
	}
}
