package io.github.pixelclustering.ward;

/**
 * Orders candidate merges as scikit-learn's heap does, by cost and then by node id: the global heap of
 * {@link WardMerges} (one entry per owner: its best live edge, ordered (cost, owner)), and the sort of an
 * owner's edges (ordered (cost, other id)).
 * <p>
 * The heap never grows: every push follows a pop, so it holds at most the leaves' first edges.
 */
final class CandidateHeap {

	private final double[] keys;
	private final int[] owners;
	private int size;

	private CandidateHeap(final double[] keys, final int[] owners, final int size) {
		this.keys = keys;
		this.owners = owners;
		this.size = size;
		for (int h = size / 2 - 1; h >= 0; h--)
			down(h);
	}

	/**
	 * The heap of the leaves' first edges.
	 *
	 * @param costs the cost of every leaf's best edge; becomes the heap's keys (overwritten)
	 * @param others the other end of every leaf's best edge, -1 for a leaf without one
	 * @return the heap, owner v with key {@code costs[v]} for every leaf v that has an edge
	 */
	static CandidateHeap of(final double[] costs, final int[] others) {
		final int[] owners = new int[costs.length];
		int size = 0;
		for (int v = 0; v < costs.length; v++) {
			if (others[v] < 0) continue;
			costs[size] = costs[v];
			owners[size] = v;
			size++;
		}
		return new CandidateHeap(costs, owners, size);
	}

	/** @return bytes of the heap's arrays for n leaves */
	static long bytes(final long n) {
		return WardMerges.doubles(n) + WardMerges.ints(n);
	}

	boolean isEmpty() {
		return size == 0;
	}

	/** @return the cost of the best entry */
	double topCost() {
		return keys[0];
	}

	/** @return the owner of the best entry */
	int topOwner() {
		return owners[0];
	}

	/** Removes the best entry. */
	void pop() {
		size--;
		keys[0] = keys[size];
		owners[0] = owners[size];
		if (size > 0) down(0);
	}

	/** Adds the best live edge of {@code owner}, which has no entry. */
	void push(final double key, final int owner) {
		keys[size] = key;
		owners[size] = owner;
		int h = size++;
		while (h > 0) {
			final int up = (h - 1) >>> 1;
			if (!less(h, up)) break;
			swap(h, up);
			h = up;
		}
	}

	private boolean less(final int a, final int b) {
		return keys[a] < keys[b] || keys[a] == keys[b] && owners[a] < owners[b];
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
		final int o = owners[a];
		owners[a] = owners[b];
		owners[b] = o;
	}

	// -- Sorting an owner's edges --

	/** Sorts the first {@code count} pairs by (cost, other id), ascending: insertion sort or heap sort. */
	static void sort(final double[] c, final int[] o, final int count) {
		if (count <= 16) {
			for (int i = 1; i < count; i++) {
				final double ci = c[i];
				final int oi = o[i];
				int j = i - 1;
				while (j >= 0 && (c[j] > ci || c[j] == ci && o[j] > oi)) {
					c[j + 1] = c[j];
					o[j + 1] = o[j];
					j--;
				}
				c[j + 1] = ci;
				o[j + 1] = oi;
			}
			return;
		}
		for (int h = count / 2 - 1; h >= 0; h--)
			siftDown(c, o, count, h);
		for (int end = count - 1; end > 0; end--) {
			swapPairs(c, o, 0, end);
			siftDown(c, o, end, 0);
		}
	}

	/** Sift-down in a max-heap ordered by (cost, other id). */
	private static void siftDown(final double[] c, final int[] o, final int count, int h) {
		while (true) {
			final int l = 2 * h + 1;
			if (l >= count) return;
			final int r = l + 1;
			int big = l;
			if (r < count && (c[r] > c[l] || c[r] == c[l] && o[r] > o[l])) big = r;
			if (!(c[big] > c[h] || c[big] == c[h] && o[big] > o[h])) return;
			swapPairs(c, o, h, big);
			h = big;
		}
	}

	private static void swapPairs(final double[] c, final int[] o, final int a, final int b) {
		final double tc = c[a];
		c[a] = c[b];
		c[b] = tc;
		final int to = o[a];
		o[a] = o[b];
		o[b] = to;
	}
}
