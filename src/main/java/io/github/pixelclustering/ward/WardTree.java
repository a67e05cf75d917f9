package io.github.pixelclustering.ward;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
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
 * Memory: the matrix is read, not copied. The merge loop ({@link WardMerges}) holds the sums and means
 * of the merged clusters, the other ends of their edges and one candidate merge per cluster; with the
 * tree it builds, {@code 60 + 8 d} bytes per row for d features, plus the edge lists (10-17 bytes per
 * row for 4 to 8 neighbours, about 45 for 26): {@link #memoryEstimate} tells before a run. The tree
 * itself keeps 20 bytes per row.
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
		// phases: linking the parts (if any) as scikit-learn does, at their closest rows; then the tree
		final Phases phases = new Phases(listener, count > 1 ? 2 : 0, 10);
		int[] links = new int[0];
		GridGraph g = graph;
		if (count > 1) {
			links = ComponentLinks.closestPairs(x, component, count, runner, phases.next("Linking " + count + " unconnected parts"));
			g = graph.withEdges(links);
		}
		else phases.skip();
		final WardMerges merges = new WardMerges(x.data(), n, x.cols(), g, phases.next("Ward tree of " + n + " rows"));
		merges.run(runner);
		phases.done("Ward tree done");
		return new WardTree(n, merges.children, merges.inertia, merges.sizes, count, links);
	}

	/**
	 * Estimates the memory {@link #build} needs at its peak, beyond the matrix and the graph it is given:
	 * pure arithmetic, for deciding before a run whether it fits.
	 * <p>
	 * It counts the arrays of the merge loop (sums and means of the merged clusters, union-find, the
	 * candidate merges, the tree) and the edge lists of the merged clusters, which depend on the data:
	 * measured at their peak on photographs and smoothed noise as 10-12 bytes per row for 4 neighbours,
	 * 17 for 6 or 8, 44 for 26, estimated here as {@code 8 + 1.6 * neighbourhood}. Linking the components
	 * of a graph that has several needs less, unless there are thousands of components (one edge per pair).
	 *
	 * @param rows number of rows n
	 * @param cols number of features d
	 * @param neighbourhood neighbours of an inner grid point (4, 8, 6, 18 or 26), or the mean degree
	 * @return bytes, approximately
	 */
	public static long memoryEstimate(final long rows, final int cols, final int neighbourhood) {
		if (rows < 1) return 0;
		return WardMerges.fixedBytes(rows, cols, neighbourhood) + (long) Math.ceil(rows * (8 + 1.6 * neighbourhood));
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
	 * The number of clusters of the cut by a distance threshold, scikit-learn's rule for
	 * {@code distance_threshold}: one more than the number of merges whose {@link #distance} is at least
	 * the threshold. In a tree whose distances never decrease (Ward without connectivity), {@link #cut} at
	 * that number does exactly the merges closer than the threshold; with connectivity a later merge can
	 * be closer than an earlier one, and the count is still scikit-learn's.
	 *
	 * @param threshold the distance, finite and > 0
	 * @return clusters, 1..leaves
	 */
	public int clustersAt(final double threshold) {
		if (!(threshold > 0) || Double.isInfinite(threshold)) throw new IllegalArgumentException("distance_threshold must be finite and > 0, got " + threshold);
		int k = 1;
		for (int m = 0; m < leaves - 1; m++)
			if (distance(m) >= threshold) k++;
		return k;
	}

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
}
