package io.github.pixelclustering.testutil;

import java.util.HashMap;
import java.util.Map;

/** Comparing clusterings whose label numbers differ. */
public final class Partitions {

	private Partitions() {}

	/** @return the adjusted Rand index of two labelings (1 = the same partition) */
	public static double adjustedRand(final int[] a, final int[] b) {
		if (a.length != b.length) throw new IllegalArgumentException("labelings differ in length: " + a.length + " vs " + b.length);
		final Map<Long, Long> joint = new HashMap<>();
		final Map<Integer, Long> rows = new HashMap<>();
		final Map<Integer, Long> cols = new HashMap<>();
		for (int i = 0; i < a.length; i++) {
			joint.merge((long) a[i] << 32 | (b[i] & 0xffffffffL), 1L, Long::sum);
			rows.merge(a[i], 1L, Long::sum);
			cols.merge(b[i], 1L, Long::sum);
		}
		final double index = joint.values().stream().mapToDouble(Partitions::pairs).sum();
		final double sumA = rows.values().stream().mapToDouble(Partitions::pairs).sum();
		final double sumB = cols.values().stream().mapToDouble(Partitions::pairs).sum();
		final double expected = sumA * sumB / pairs(a.length);
		final double max = (sumA + sumB) / 2;
		if (max == expected) return 1.0;
		return (index - expected) / (max - expected);
	}

	/**
	 * @return {@code map[ours] = theirs} when both labelings are the same partition
	 * @throws AssertionError when they are not
	 */
	public static int[] matching(final int[] ours, final int oursK, final int[] theirs) {
		final int[] map = new int[oursK];
		java.util.Arrays.fill(map, -1);
		final Map<Integer, Integer> back = new HashMap<>();
		for (int i = 0; i < ours.length; i++) {
			if (map[ours[i]] < 0) map[ours[i]] = theirs[i];
			else if (map[ours[i]] != theirs[i]) throw new AssertionError("cluster " + ours[i] + " is split at item " + i);
			final Integer previous = back.putIfAbsent(theirs[i], ours[i]);
			if (previous != null && previous != ours[i]) throw new AssertionError("reference cluster " + theirs[i] + " is split at item " + i);
		}
		return map;
	}

	private static double pairs(final double n) {
		return n * (n - 1) / 2;
	}
}
