package io.github.pixelclustering.core;

import java.util.Arrays;

/**
 * Counts distinct non-negative {@code long} keys (e.g. packed pixel values) and finds the index of a key.
 * <p>
 * Distinct keys are numbered 0..m-1 in increasing key order. Keys of at most {@value #DENSE_BITS} bits
 * from at least {@value #DENSE_MIN_ADDITIONS} additions use a dense table of {@code 2^bits} ints (64 MB
 * for 24-bit RGB, found in constant time); other keys are radix-sorted (while building, 4 bytes per
 * addition for keys of at most {@value #INT_BITS} bits, else 8, and as much again to sort; linear
 * time; found by binary search within the run of keys that share their top {@value #BUCKET_BITS} bits).
 * Not thread-safe while building; {@link #indexOf} may be called from many threads after {@link
 * Builder#build()}.
 */
public final class DistinctKeys {

	/** Keys of at most this many bits may use the dense table. */
	public static final int DENSE_BITS = 24;
	/** Fewest expected additions for which the dense table pays for itself. */
	static final long DENSE_MIN_ADDITIONS = 1L << 22;
	/** Keys of at most this many bits are collected as ints (half the memory of longs). */
	static final int INT_BITS = 31;
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
		/** The keys added, when they are wider than {@link #INT_BITS} bits. */
		private long[] added;
		/** The keys added, when they are at most {@link #INT_BITS} bits wide. */
		private int[] addedInts;
		private int size;

		private Builder(final int bits, final long expectedAdditions) {
			this.limit = bits == 63 ? Long.MAX_VALUE : 1L << bits;
			this.bits = bits;
			if (bits <= DENSE_BITS && expectedAdditions >= DENSE_MIN_ADDITIONS) table = new int[1 << bits];
			else {
				final int capacity = (int) Math.max(16, Math.min(expectedAdditions, Integer.MAX_VALUE - 8));
				if (bits <= INT_BITS) addedInts = new int[capacity];
				else added = new long[capacity];
			}
		}

		/** @param key a key in [0, 2^bits) */
		public void add(final long key) {
			if (key < 0 || key >= limit && bits < 63) throw new IllegalArgumentException("key must be in [0, " + (bits == 63 ? "2^63" : Long.toString(limit)) + "), got " + key);
			if (table != null) {
				table[(int) key]++;
				return;
			}
			if (addedInts != null) {
				if (size == addedInts.length) addedInts = Arrays.copyOf(addedInts, grown(size));
				addedInts[size++] = (int) key;
				return;
			}
			if (size == added.length) added = Arrays.copyOf(added, grown(size));
			added[size++] = key;
		}

		private static int grown(final int size) {
			return (int) Math.min(Integer.MAX_VALUE - 8, 2L * size);
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
			final DistinctKeys out = addedInts != null ? runs(null, radixSortInts(addedInts, size, bits), size, bits) : runs(radixSort(added, size, bits), null, size, bits);
			added = null;
			addedInts = null;
			return out;
		}
	}

	/**
	 * The distinct keys of sorted keys (longs or ints: one of the two arrays is null), each with how many
	 * times it occurs.
	 */
	private static DistinctKeys runs(final long[] longs, final int[] ints, final int size, final int bits) {
		int distinct = 0;
		long last = -1;
		for (int i = 0; i < size; i++) {
			final long key = ints != null ? ints[i] : longs[i];
			if (key != last) distinct++;
			last = key;
		}
		final long[] keys = new long[distinct];
		final double[] counts = new double[distinct];
		int m = -1;
		last = -1;
		for (int i = 0; i < size; i++) {
			final long key = ints != null ? ints[i] : longs[i];
			if (key != last) keys[++m] = key;
			counts[m]++;
			last = key;
		}
		return new DistinctKeys(keys, counts, null, bits);
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

	/**
	 * {@link #radixSort} of non-negative int keys, sorting the given array (its first {@code size}
	 * entries) with one other array of that size.
	 *
	 * @return the array holding the sorted keys (the given one or the other)
	 */
	static int[] radixSortInts(final int[] keys, final int size, final int bits) {
		int[] from = keys;
		int[] to = new int[size];
		final int[] count = new int[257];
		for (int shift = 0; shift < bits; shift += 8) {
			Arrays.fill(count, 0);
			for (int i = 0; i < size; i++)
				count[((from[i] >>> shift) & 0xff) + 1]++;
			for (int b = 0; b < 256; b++)
				count[b + 1] += count[b];
			for (int i = 0; i < size; i++)
				to[count[(from[i] >>> shift) & 0xff]++] = from[i];
			final int[] swap = from;
			from = to;
			to = swap;
		}
		return from;
	}
}
