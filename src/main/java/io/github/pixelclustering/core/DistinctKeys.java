package io.github.pixelclustering.core;

import java.util.Arrays;

/**
 * Counts distinct non-negative {@code long} keys (e.g. packed pixel values) and finds the index of a key.
 * <p>
 * Distinct keys are numbered 0..m-1 in increasing key order. Keys of at most {@value #DENSE_BITS} bits
 * from at least {@value #DENSE_MIN_ADDITIONS} additions use a dense table of {@code 2^bits} ints (64 MB
 * for 24-bit RGB, found in constant time); other keys are radix-sorted (8 bytes per addition while
 * building, linear time; found by binary search within the run of keys that share their top
 * {@value #BUCKET_BITS} bits).
 * Not thread-safe while building; {@link #indexOf} may be called from many threads after {@link
 * Builder#build()}.
 */
public final class DistinctKeys {

	/** Keys of at most this many bits may use the dense table. */
	public static final int DENSE_BITS = 24;
	/** Fewest expected additions for which the dense table pays for itself. */
	static final long DENSE_MIN_ADDITIONS = 1L << 22;
	/** Sorted keys are found among those sharing this many top bits (at most). */
	static final int BUCKET_BITS = 16;

	private final long[] keys;
	private final double[] counts;
	private final int[] table;
	/** Sorted keys: first index of each run of keys with the same top bits, and one past the last. */
	private final int[] buckets;
	private final int shift;

	private DistinctKeys(final long[] keys, final double[] counts, final int[] table, final int bits) {
		this.keys = keys;
		this.counts = counts;
		this.table = table;
		if (table != null) {
			buckets = null;
			shift = 0;
			return;
		}
		final int top = Math.min(bits, BUCKET_BITS);
		shift = bits - top;
		buckets = new int[(1 << top) + 1];
		int i = 0;
		for (int b = 0; b <= 1 << top; b++) {
			while (i < keys.length && keys[i] >>> shift < b)
				i++;
			buckets[b] = i;
		}
	}

	/**
	 * @param bits bits per key (keys are in [0, 2^bits)), at most 63
	 * @param expectedAdditions how many keys will be added (chooses the representation)
	 * @return a builder
	 */
	public static Builder builder(final int bits, final long expectedAdditions) {
		if (bits < 1 || bits > 63) throw new IllegalArgumentException("bits must be in [1, 63], got " + bits);
		return new Builder(bits, expectedAdditions);
	}

	/** @return number of distinct keys */
	public int size() {
		return keys.length;
	}

	/** @return the i-th smallest distinct key */
	public long key(final int i) {
		return keys[i];
	}

	/** @return how many times the i-th distinct key was added */
	public double count(final int i) {
		return counts[i];
	}

	/** @return the counts of all distinct keys, in key order (a copy) */
	public double[] counts() {
		return counts.clone();
	}

	/** @return the index of {@code key}, or -1 if it was never added */
	public int indexOf(final long key) {
		if (table != null) return key >= 0 && key < table.length ? table[(int) key] - 1 : -1;
		if (key < 0) return -1;
		final long b = key >>> shift;
		if (b >= buckets.length - 1) return -1;
		final int i = Arrays.binarySearch(keys, buckets[(int) b], buckets[(int) b + 1], key);
		return i >= 0 ? i : -1;
	}

	/** Collects keys. */
	public static final class Builder {

		private final long limit;
		private final int bits;
		private int[] table;
		private long[] added;
		private int size;

		private Builder(final int bits, final long expectedAdditions) {
			this.limit = bits == 63 ? Long.MAX_VALUE : 1L << bits;
			this.bits = bits;
			if (bits <= DENSE_BITS && expectedAdditions >= DENSE_MIN_ADDITIONS) table = new int[1 << bits];
			else added = new long[(int) Math.max(16, Math.min(expectedAdditions, Integer.MAX_VALUE - 8))];
		}

		/** @param key a key in [0, 2^bits) */
		public void add(final long key) {
			if (key < 0 || key >= limit && bits < 63) throw new IllegalArgumentException("key must be in [0, " + (bits == 63 ? "2^63" : Long.toString(limit)) + "), got " + key);
			if (table != null) {
				table[(int) key]++;
				return;
			}
			if (size == added.length) added = Arrays.copyOf(added, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size));
			added[size++] = key;
		}

		/**
		 * Adds a key several times at once (counts made elsewhere, merged here).
		 *
		 * @param key a key in [0, 2^bits)
		 * @param times how many times, at least 0; with the dense table the count of a key stays below 2^31
		 */
		public void add(final long key, final long times) {
			if (times < 0) throw new IllegalArgumentException("times must be at least 0, got " + times);
			if (table != null) {
				if (key < 0 || key >= limit) throw new IllegalArgumentException("key must be in [0, " + limit + "), got " + key);
				final long sum = table[(int) key] + times;
				if (sum > Integer.MAX_VALUE) throw new IllegalArgumentException("a key is counted at most " + Integer.MAX_VALUE + " times, got " + sum);
				table[(int) key] = (int) sum;
				return;
			}
			for (long t = 0; t < times; t++)
				add(key);
		}

		/** @return the distinct keys with their counts */
		public DistinctKeys build() {
			if (table != null) {
				int distinct = 0;
				for (final int c : table)
					if (c > 0) distinct++;
				final long[] keys = new long[distinct];
				final double[] counts = new double[distinct];
				int m = 0;
				for (int key = 0; key < table.length; key++) {
					if (table[key] == 0) continue;
					keys[m] = key;
					counts[m] = table[key];
					table[key] = ++m;
				}
				final DistinctKeys out = new DistinctKeys(keys, counts, table, bits);
				table = null;
				return out;
			}
			final long[] sorted = radixSort(added, size, bits);
			added = null;
			int distinct = 0;
			for (int i = 0; i < sorted.length; i++)
				if (i == 0 || sorted[i] != sorted[i - 1]) distinct++;
			final long[] keys = new long[distinct];
			final double[] counts = new double[distinct];
			int m = -1;
			for (int i = 0; i < sorted.length; i++) {
				if (i == 0 || sorted[i] != sorted[i - 1]) keys[++m] = sorted[i];
				counts[m]++;
			}
			return new DistinctKeys(keys, counts, null, bits);
		}
	}

	/**
	 * Sorts the first {@code size} keys, each below {@code 2^bits}, 8 bits at a time from the lowest
	 * (stable LSD radix sort): linear time.
	 *
	 * @return a new sorted array of {@code size} keys
	 */
	static long[] radixSort(final long[] keys, final int size, final int bits) {
		long[] from = Arrays.copyOf(keys, size);
		long[] to = new long[size];
		final int[] count = new int[257];
		for (int shift = 0; shift < bits; shift += 8) {
			Arrays.fill(count, 0);
			for (int i = 0; i < size; i++)
				count[(int) ((from[i] >>> shift) & 0xff) + 1]++;
			for (int b = 0; b < 256; b++)
				count[b + 1] += count[b];
			for (int i = 0; i < size; i++)
				to[count[(int) ((from[i] >>> shift) & 0xff)]++] = from[i];
			final long[] swap = from;
			from = to;
			to = swap;
		}
		return from;
	}
}
