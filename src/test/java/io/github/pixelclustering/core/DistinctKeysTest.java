package io.github.pixelclustering.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class DistinctKeysTest {

	@Test
	void countsAndNumbersKeysInIncreasingOrder() {
		for (final long expected : new long[] { 10, DistinctKeys.DENSE_MIN_ADDITIONS }) {
			final DistinctKeys.Builder b = DistinctKeys.builder(24, expected);
			for (final long key : new long[] { 0xff0000, 7, 0xff0000, 0, 7, 0xff0000 })
				b.add(key);
			final DistinctKeys keys = b.build();
			assertEquals(3, keys.size());
			assertArrayEquals(new long[] { 0, 7, 0xff0000 }, new long[] { keys.key(0), keys.key(1), keys.key(2) });
			assertArrayEquals(new double[] { 1, 2, 3 }, keys.counts());
			assertEquals(2, keys.indexOf(0xff0000));
			assertEquals(-1, keys.indexOf(8));
			assertEquals(-1, keys.indexOf(1L << 30));
		}
	}

	@Test
	void sortedKeysAreFoundWithFewAndWithManyBits() {
		// 3 bits: fewer than the bucket bits; 40 and 63 bits: buckets on the top 16 bits only
		for (final int bits : new int[] { 3, 40, 63 }) {
			final long top = (1L << bits) - 1;
			final long[] present = bits == 3 ? new long[] { 0, 5, 7 } : new long[] { 0, 1, 1L << (bits - 17), (1L << (bits - 16)) - 1, 1L << (bits - 16), top - 1, top };
			final DistinctKeys.Builder b = DistinctKeys.builder(bits, 10);
			for (int i = present.length - 1; i >= 0; i--)
				b.add(present[i]);
			final DistinctKeys keys = b.build();
			for (int i = 0; i < present.length; i++)
				assertEquals(i, keys.indexOf(present[i]), bits + " bits, key " + present[i]);
			for (final long absent : bits == 3 ? new long[] { 1, 6, 8, -1 } : new long[] { 2, (1L << (bits - 16)) + 1, top - 2, -1, bits == 63 ? Long.MAX_VALUE - 5 : top + 1 })
				assertEquals(-1, keys.indexOf(absent), bits + " bits, key " + absent);
		}
	}

	@Test
	void denseTableAndRadixSortAgreeOnRandomKeys() {
		final SplittableRandom random = new SplittableRandom(3);
		final long[] added = new long[200_000];
		for (int i = 0; i < added.length; i++)
			added[i] = random.nextInt(1 << 20);
		final DistinctKeys.Builder dense = DistinctKeys.builder(20, DistinctKeys.DENSE_MIN_ADDITIONS);
		final DistinctKeys.Builder sorted = DistinctKeys.builder(20, 100);
		final TreeMap<Long, Integer> reference = new TreeMap<>();
		for (final long key : added) {
			dense.add(key);
			sorted.add(key);
			reference.merge(key, 1, Integer::sum);
		}
		final DistinctKeys a = dense.build();
		final DistinctKeys b = sorted.build();
		assertEquals(reference.size(), a.size());
		assertEquals(reference.size(), b.size());
		int i = 0;
		for (final var e : reference.entrySet()) {
			assertEquals((long) e.getKey(), a.key(i));
			assertEquals((long) e.getKey(), b.key(i));
			assertEquals((double) e.getValue(), b.count(i));
			assertEquals(i, b.indexOf(e.getKey()));
			i++;
		}
		assertArrayEquals(a.counts(), b.counts());
	}

	/**
	 * Keys of at most 31 bits are collected as ints, wider ones as longs: the same keys as 24 and 31 bits
	 * (3 and 4 sorting passes) give what they give as 32 bits, collections grown from 10 to 100,000 keys.
	 */
	@Test
	void intAndLongCollectionsAgree() {
		for (final int bits : new int[] { 24, 31 }) {
			final SplittableRandom random = new SplittableRandom(bits);
			final DistinctKeys.Builder asInts = DistinctKeys.builder(bits, 10);
			final DistinctKeys.Builder asLongs = DistinctKeys.builder(32, 10);
			// 5000 keys over the whole range, the largest included, each added about 20 times
			final long[] pool = new long[5000];
			for (int i = 0; i < pool.length; i++)
				pool[i] = i == 0 ? (1L << bits) - 1 : random.nextLong(1L << bits);
			for (int i = 0; i < 100_000; i++) {
				final long key = pool[random.nextInt(pool.length)];
				asInts.add(key);
				asLongs.add(key);
			}
			final DistinctKeys a = asInts.build(), b = asLongs.build();
			assertEquals(b.size(), a.size(), bits + " bits");
			for (int i = 0; i < a.size(); i++) {
				assertEquals(b.key(i), a.key(i), bits + " bits, key " + i);
				assertEquals(i, a.indexOf(b.key(i)), bits + " bits, index of key " + i);
			}
			assertArrayEquals(b.counts(), a.counts(), bits + " bits");
		}
	}

	@Test
	void radixSortSortsWideKeys() {
		final SplittableRandom random = new SplittableRandom(5);
		final long[] keys = new long[10_000];
		for (int i = 0; i < keys.length; i++)
			keys[i] = random.nextLong(1L << 48);
		final long[] expected = keys.clone();
		Arrays.sort(expected);
		assertArrayEquals(expected, DistinctKeys.radixSort(keys, keys.length, 48));
	}

	@Test
	void keysOutOfRangeAreRejected() {
		final DistinctKeys.Builder b = DistinctKeys.builder(8, 10);
		assertEquals("key must be in [0, 256), got 256", assertThrows(IllegalArgumentException.class, () -> b.add(256)).getMessage());
		assertEquals("bits must be in [1, 63], got 64", assertThrows(IllegalArgumentException.class, () -> DistinctKeys.builder(64, 1)).getMessage());
	}
}
