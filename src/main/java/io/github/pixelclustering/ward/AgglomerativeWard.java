package io.github.pixelclustering.ward;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Unconstrained Ward agglomeration of the rows of a matrix: scikit-learn 1.2's
 * {@code AgglomerativeClustering(n_clusters=k)} (linkage ward, no connectivity), which is scipy's
 * {@code linkage(X, method="ward")}; the full merge tree, built once, cut at any number of clusters in
 * O(n).
 * <p>
 * The tree is built by the nearest-neighbour-chain algorithm as scipy builds it: the chain starts at the
 * lowest-numbered cluster, each step scans the clusters in index order for the nearest one (strictly
 * nearer than the chain's previous element, then the first found), two mutual nearest neighbours are
 * merged and the merged cluster takes the larger index of the two. Ward distances are computed from the
 * cluster means and sizes, {@code sqrt(2 |A||B| / (|A| + |B|)) |mean(A) - mean(B)|} (scipy updates a
 * distance matrix with the Lance-Williams formula instead: the same values up to rounding). The merges
 * are then sorted by distance (stable), and numbered as scipy numbers them: leaves 0..n-1, merge m
 * creates node n + m, {@link #first(int)} is the smaller child. Cutting at k clusters undoes the last
 * k - 1 merges, as scikit-learn's {@code _hc_cut} does.
 * <p>
 * Time O(n^2 d): about 3n nearest-neighbour scans, each over all clusters (with many features a candidate
 * is dropped as soon as its partial distance exceeds the best one). Memory O(n d): the cluster means, no
 * n x n matrix. Threading: a scan is split into one part per thread of the {@link TaskRunner} when each
 * part gets at least 65536 values (clusters x features); shorter scans, e.g. all scans with 5 features
 * and 16384 rows, run in the calling thread, as waking threads would cost more than they save. The tree
 * is the same for any runner.
 *
 * <h2>References</h2> J. H. Ward, "Hierarchical grouping to optimize an objective function", J. Am.
 * Stat. Assoc. 58, 1963; F. Murtagh, "A survey of recent advances in hierarchical clustering
 * algorithms", The Computer Journal 26(4), 1983 (nearest-neighbour chains); D. Müllner, "Modern
 * hierarchical, agglomerative clustering algorithms", arXiv:1109.2378, 2011.
 */
public final class AgglomerativeWard {

	/** A nearest-neighbour scan is split into parts of at least this many values (clusters x features). */
	private static final int PARALLEL_MIN_VALUES = 1 << 16;
	/** A scan checks its partial costs every this many features. */
	private static final int EARLY_EXIT_FEATURES = 16;
	/** Relative margin of the division-free test of a scan, far above the rounding it covers (~1e-15). */
	private static final double MARGIN = 1 + 1e-9;

	private final int leaves;
	private final int[] children;
	private final double[] distances;
	private final int[] sizes;

	private AgglomerativeWard(final int leaves, final int[] children, final double[] distances, final int[] sizes) {
		this.leaves = leaves;
		this.children = children;
		this.distances = distances;
		this.sizes = sizes;
	}

	/**
	 * Builds the full Ward tree of the rows.
	 *
	 * @param x the items (rows) and their features; must be finite
	 * @param runner where to run long nearest-neighbour scans
	 * @param listener progress and cancellation
	 * @return the tree
	 * @throws IllegalArgumentException if the data are not finite
	 * @throws java.util.concurrent.CancellationException when the listener cancels
	 */
	public static AgglomerativeWard build(final FeatureMatrix x, final TaskRunner runner, final ProgressListener listener) {
		x.checkFinite();
		return new Chain(x, runner, listener).run();
	}

	/**
	 * Clusters the rows: {@code build(x, runner, listener).cut(clusters)}.
	 *
	 * @param x the items (rows) and their features; must be finite
	 * @param clusters number of clusters k, 1..rows
	 * @param runner where to run long nearest-neighbour scans
	 * @param listener progress and cancellation
	 * @return the cluster 0..k-1 of every row, numbered in the order of each cluster's first row
	 */
	public static int[] fit(final FeatureMatrix x, final int clusters, final TaskRunner runner, final ProgressListener listener) {
		checkClusters(clusters, x.rows());
		return build(x, runner, listener).cut(clusters);
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
	 * @param m merge index, 0-based, in increasing distance (creates node {@code leaves + m})
	 * @return the smaller of the two merged node ids (scipy's {@code Z[m, 0]})
	 */
	public int first(final int m) {
		return children[2 * m];
	}

	/** @return the larger of the two merged node ids (scipy's {@code Z[m, 1]}) */
	public int second(final int m) {
		return children[2 * m + 1];
	}

	/** @return the Ward distance of merge {@code m} (scipy's {@code Z[m, 2]}), non-decreasing in m */
	public double distance(final int m) {
		return distances[m];
	}

	/**
	 * @return the increase of the within-cluster sum of squares caused by merge {@code m},
	 *         {@code distance(m)^2 / 2}
	 */
	public double inertia(final int m) {
		return distances[m] * distances[m] / 2;
	}

	/** @return number of rows in the node created by merge {@code m} (scipy's {@code Z[m, 3]}) */
	public int size(final int m) {
		return sizes[m];
	}

	// -- Cuts --

	/**
	 * The number of clusters of the cut by a distance threshold, scikit-learn's rule for
	 * {@code AgglomerativeClustering(n_clusters=None, distance_threshold=t)}: one more than the number of
	 * merges whose {@link #distance} is at least the threshold, so that {@link #cut} at that number does
	 * exactly the merges closer than the threshold (the distances never decrease).
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
		checkClusters(k, leaves);
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

	private static void checkClusters(final int k, final int rows) {
		if (k < 1 || k > rows) throw new IllegalArgumentException("clusters must be in 1.." + rows + " (the number of rows), got " + k);
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

	// -- The nearest-neighbour chain --

	/** The state of one build. */
	private static final class Chain {

		private final int n;
		private final int d;
		private final TaskRunner runner;
		private final ProgressListener listener;

		/**
		 * Live clusters in increasing index ("slot"), compacted now and then: row r holds the cluster of
		 * slot {@code slot[r]}, its mean at {@code means[r * d ..]} and its size {@code size[r]}. A row
		 * whose cluster has merged away, until it is compacted out, has size 0 and NaN means, so that no
		 * cost computed from it is ever below a bound.
		 */
		private final double[] means;
		private final double[] size;
		private final int[] slot;
		private final int[] rowOf;
		private int rows;
		private int dead;

		/** Result of each part of a scan: best value and its row. */
		private double[] chunkBest;
		private int[] chunkRow;
		/** Cost of the row last returned by {@link #nearest(int, double)}. */
		private double found;

		Chain(final FeatureMatrix x, final TaskRunner runner, final ProgressListener listener) {
			this.n = x.rows();
			this.d = x.cols();
			this.runner = runner;
			this.listener = listener;
			this.means = x.data().clone();
			this.size = new double[n];
			this.slot = new int[n];
			this.rowOf = new int[n];
			for (int i = 0; i < n; i++) {
				size[i] = 1;
				slot[i] = i;
				rowOf[i] = i;
			}
			this.rows = n;
			this.chunkBest = new double[1];
			this.chunkRow = new int[1];
		}

		AgglomerativeWard run() {
			final int merges = Math.max(0, n - 1);
			final int[] mergeA = new int[merges];
			final int[] mergeB = new int[merges];
			final double[] value = new double[merges];
			final int[] chain = new int[n];
			int length = 0;
			final int report = Math.max(1, merges / 100);
			for (int m = 0; m < merges; m++) {
				if (m % report == 0) {
					listener.checkCanceled();
					listener.progress((double) m / merges, "Ward merges " + m + "/" + merges);
				}
				if (length == 0) {
					int r = 0;
					while (size[r] == 0)
						r++;
					chain[length++] = slot[r];
				}
				int a;
				int b;
				double best;
				while (true) {
					a = chain[length - 1];
					final int previous = length > 1 ? chain[length - 2] : -1;
					final int ra = rowOf[a];
					best = previous >= 0 ? cost(ra, rowOf[previous]) : Double.POSITIVE_INFINITY;
					final int nearer = nearest(ra, best);
					if (nearer >= 0) {
						b = slot[nearer];
						best = found;
					}
					else b = previous;
					if (b == previous) break;
					chain[length++] = b;
				}
				length -= 2;
				mergeA[m] = Math.min(a, b);
				mergeB[m] = Math.max(a, b);
				value[m] = best;
				merge(mergeA[m], mergeB[m]);
			}
			listener.progress(1, "Ward merges done");
			return tree(mergeA, mergeB, value);
		}

		/**
		 * Half the squared Ward distance of the clusters in rows ra and rb,
		 * {@code |A||B| / (|A| + |B|) |mean(A) - mean(B)|^2}, rounded as the scans round it.
		 */
		private double cost(final int ra, final int rb) {
			final double na = size[ra];
			final double nb = size[rb];
			final int oa = ra * d;
			final int ob = rb * d;
			double sum = 0;
			for (int f = 0; f < d; f++) {
				final double diff = means[oa + f] - means[ob + f];
				sum += diff * diff;
			}
			return na * nb / (na + nb) * sum;
		}

		/**
		 * @return the first live row other than ra whose cost from ra is strictly below bound and least, or
		 *         -1; its cost in {@link #found}
		 */
		private int nearest(final int ra, final double bound) {
			// the result does not depend on the split: each part finds its first least cost, and parts
			// are combined in order keeping the first least
			final int parts = (int) Math.max(1, Math.min(runner.parallelism(), (long) rows * d / PARALLEL_MIN_VALUES));
			if (parts == 1) {
				final int row = scan(ra, 0, rows, bound, 0);
				found = chunkBest[0];
				return row;
			}
			if (chunkBest.length < parts) {
				chunkBest = new double[parts];
				chunkRow = new int[parts];
			}
			final int chunk = (rows + parts - 1) / parts;
			final List<Runnable> tasks = new ArrayList<>(parts);
			for (int c = 0; c < parts; c++) {
				final int ch = c;
				tasks.add(() -> scan(ra, ch * chunk, Math.min(rows, (ch + 1) * chunk), bound, ch));
			}
			runner.runAll(tasks);
			double best = bound;
			int row = -1;
			for (int c = 0; c < parts; c++)
				if (chunkRow[c] >= 0 && chunkBest[c] < best) {
					best = chunkBest[c];
					row = chunkRow[c];
				}
			found = best;
			return row;
		}

		/** Scans rows start..end-1; stores and returns the best row (or -1) in slot c of the chunk results. */
		private int scan(final int ra, final int start, final int end, final double bound, final int c) {
			final double[] best = { bound };
			final int row;
			if (ra < start || ra >= end) row = scanRange(ra, start, end, best, -1);
			else row = scanRange(ra, ra + 1, end, best, scanRange(ra, start, ra, best, -1));
			chunkBest[c] = best[0];
			chunkRow[c] = row;
			return row;
		}

		/**
		 * Scans rows start..end-1 for a cost from ra strictly below {@code best[0]}, updating it.
		 * <p>
		 * A candidate's cost {@code p / t * sum} ({@code p = |A||B|}, {@code t = |A| + |B|}) is only
		 * computed when {@code p * sum <= best * t * }{@link #MARGIN}: a test without division that every
		 * cost below the best passes (the margin covers the rounding of both sides). With many features,
		 * the test runs on partial sums, which only grow, and drops a candidate early.
		 *
		 * @return the row of the best cost found, else {@code row}
		 */
		private int scanRange(final int ra, final int start, final int end, final double[] best, final int row) {
			final double na = size[ra];
			final int oa = ra * d;
			double least = best[0];
			int found = row;
			if (d < EARLY_EXIT_FEATURES) {
				for (int r = start; r < end; r++) {
					final int ob = r * d;
					double sum = 0;
					for (int f = 0; f < d; f++) {
						final double diff = means[oa + f] - means[ob + f];
						sum += diff * diff;
					}
					final double nb = size[r];
					final double p = na * nb;
					final double t = na + nb;
					if (p * sum <= least * t * MARGIN + Double.MIN_NORMAL) {
						final double v = p / t * sum;
						if (v < least) {
							least = v;
							found = r;
						}
					}
				}
			}
			else {
				for (int r = start; r < end; r++) {
					final int ob = r * d;
					final double nb = size[r];
					final double p = na * nb;
					final double t = na + nb;
					final double bound = least * t * MARGIN + Double.MIN_NORMAL;
					double sum = 0;
					int f = 0;
					while (f < d) {
						final int stop = Math.min(d, f + EARLY_EXIT_FEATURES);
						for (; f < stop; f++) {
							final double diff = means[oa + f] - means[ob + f];
							sum += diff * diff;
						}
						if (!(p * sum <= bound)) break;
					}
					if (f == d && p * sum <= bound) {
						final double v = p / t * sum;
						if (v < least) {
							least = v;
							found = r;
						}
					}
				}
			}
			best[0] = least;
			return found;
		}

		/** Merges the cluster of slot a into that of slot b (a < b): b keeps the union. */
		private void merge(final int a, final int b) {
			final int ra = rowOf[a];
			final int rb = rowOf[b];
			final double na = size[ra];
			final double nb = size[rb];
			// mean(A u B) = mean(B) + (mean(A) - mean(B)) |A| / |A u B|: equal means stay exactly equal, so
			// duplicates stay at distance 0 from their merged copies, as in scipy's distance updates
			final double share = na / (na + nb);
			for (int f = 0; f < d; f++) {
				final double mb = means[rb * d + f];
				means[rb * d + f] = mb + (means[ra * d + f] - mb) * share;
			}
			size[rb] += size[ra];
			size[ra] = 0;
			Arrays.fill(means, ra * d, ra * d + d, Double.NaN);
			if (++dead > (rows - dead) / 8 && rows > 64) compact();
		}

		/** Removes the rows of merged-away clusters, keeping the order of the others. */
		private void compact() {
			int out = 0;
			for (int r = 0; r < rows; r++) {
				if (size[r] == 0) continue;
				if (out != r) {
					System.arraycopy(means, r * d, means, out * d, d);
					size[out] = size[r];
					slot[out] = slot[r];
				}
				rowOf[slot[out]] = out;
				out++;
			}
			rows = out;
			dead = 0;
		}

		/** Sorts the merges by distance (stable) and numbers the nodes as scipy does. */
		private AgglomerativeWard tree(final int[] mergeA, final int[] mergeB, final double[] value) {
			final int merges = value.length;
			final double[] distance = new double[merges];
			for (int m = 0; m < merges; m++)
				distance[m] = Math.sqrt(2 * value[m]);
			final int[] order = new int[merges];
			for (int m = 0; m < merges; m++)
				order[m] = m;
			stableSort(order, new int[merges], 0, merges, distance);
			// union-find over node ids: each merge joins the nodes holding its two leaves
			final int[] parent = new int[2 * n];
			for (int i = 0; i < parent.length; i++)
				parent[i] = i;
			final int[] nodeSize = new int[2 * n];
			Arrays.fill(nodeSize, 0, n, 1);
			final int[] children = new int[2 * merges];
			final double[] distances = new double[merges];
			final int[] sizes = new int[merges];
			for (int m = 0; m < merges; m++) {
				final int o = order[m];
				final int p = root(parent, mergeA[o]);
				final int q = root(parent, mergeB[o]);
				final int node = n + m;
				children[2 * m] = Math.min(p, q);
				children[2 * m + 1] = Math.max(p, q);
				distances[m] = distance[o];
				nodeSize[node] = nodeSize[p] + nodeSize[q];
				sizes[m] = nodeSize[node];
				parent[p] = node;
				parent[q] = node;
			}
			return new AgglomerativeWard(n, children, distances, sizes);
		}

		private static void stableSort(final int[] a, final int[] tmp, final int from, final int to, final double[] key) {
			if (to - from < 2) return;
			final int mid = (from + to) >>> 1;
			stableSort(a, tmp, from, mid, key);
			stableSort(a, tmp, mid, to, key);
			int i = from;
			int j = mid;
			int o = from;
			while (i < mid && j < to)
				tmp[o++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++];
			while (i < mid)
				tmp[o++] = a[i++];
			while (j < to)
				tmp[o++] = a[j++];
			System.arraycopy(tmp, from, a, from, to - from);
		}
	}
}
