package io.github.pixelclustering.ward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link CandidateHeap}: the order (cost, id) of candidate merges. */
class CandidateHeapTest {

	@Test
	void sortsByCostThenId() {
		final double[] c = { 2, 1, 2, 0, 1 };
		final int[] o = { 7, 9, 3, 5, 4 };
		CandidateHeap.sort(c, o, 5);
		assertArrayEquals(new double[] { 0, 1, 1, 2, 2 }, c);
		assertArrayEquals(new int[] { 5, 4, 9, 3, 7 }, o, "equal costs: smaller id first");
		// long lists take the heap sort
		final Random random = new Random(3);
		final int count = 300;
		final double[] costs = new double[count];
		final int[] ids = new int[count];
		for (int i = 0; i < count; i++) {
			costs[i] = random.nextInt(20);
			ids[i] = i * 7 % count;
		}
		CandidateHeap.sort(costs, ids, count);
		for (int i = 1; i < count; i++)
			assertTrue(costs[i - 1] < costs[i] || costs[i - 1] == costs[i] && ids[i - 1] < ids[i], "at " + i);
	}

	@Test
	void popsInCostThenOwnerOrder() {
		final CandidateHeap heap = CandidateHeap.of(new double[] { 0, 3, 1, 3, 0 }, new int[] { -1, 0, 1, 2, 3 });
		heap.push(1, 0);
		final StringBuilder order = new StringBuilder();
		while (!heap.isEmpty()) {
			order.append(heap.topOwner()).append('@').append(heap.topCost()).append(' ');
			heap.pop();
		}
		assertEquals("4@0.0 0@1.0 2@1.0 1@3.0 3@3.0 ", order.toString(), "leaf 0 has no edge of its own");
	}
}
