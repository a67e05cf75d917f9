package io.github.pixelclustering.ward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** {@link GridGraph}: neighbours found from the grid, and edges added to a grid. */
class GridGraphTest {

	@Test
	void maskedGridNeighboursInIncreasingOrder() {
		final boolean[] mask = { //
			true, true, false, //
			true, true, true, //
			false, true, true };
		// vertices: 0 1 . / 2 3 4 / . 5 6
		final GridGraph g = GridGraph.grid(new int[] { 3, 3 }, mask, 8, TaskRunner.SEQUENTIAL);
		assertEquals(7, g.vertices());
		assertEquals(8, g.maxDegree());
		final int[] out = new int[g.maxDegree()];
		assertArrayEquals(new int[] { 0, 1, 2, 4, 5, 6 }, Arrays.copyOf(out, g.neighbours(3, out)));
		assertEquals(6, g.degree(3));
		assertEquals(4, g.neighbour(3, 3));
		assertEquals(14, g.edges());
	}

	@Test
	void addedEdgesJoinTheGridNeighbours() {
		final boolean[] mask = { //
			true, false, true, //
			false, false, false, //
			true, false, true };
		final GridGraph g = GridGraph.grid(new int[] { 3, 3 }, mask, 4, TaskRunner.SEQUENTIAL);
		assertArrayEquals(new int[] { 0, 1, 2, 3 }, g.components());
		// a duplicate, a self loop and a reversed pair are ignored
		final GridGraph linked = g.withEdges(new int[] { 3, 0, 1, 0, 0, 1, 2, 2, 3, 1 });
		assertArrayEquals(new int[] { 0, 0, 1, 0 }, linked.components());
		final int[] out = new int[linked.maxDegree()];
		assertArrayEquals(new int[] { 1, 3 }, Arrays.copyOf(out, linked.neighbours(0, out)));
		assertArrayEquals(new int[] { 0, 3 }, Arrays.copyOf(out, linked.neighbours(1, out)));
		assertEquals(0, linked.degree(2));
		assertEquals(3, linked.edges());
		final GridGraph again = linked.withEdges(new int[] { 2, 0 });
		final int[] more = new int[again.maxDegree()];
		assertArrayEquals(new int[] { 1, 2, 3 }, Arrays.copyOf(more, again.neighbours(0, more)), "edges added in two steps");
	}
}
