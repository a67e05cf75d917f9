package io.github.pixelclustering.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LabelGroupsTest {

	@Test
	void groupsIndicesByLabelInIncreasingOrder() {
		final int[] labels = { //
			2, 0, -1, 2, //
			0, 2, -1, 0 };
		final LabelGroups g = LabelGroups.of(labels, 4);
		assertArrayEquals(new int[] { 0, 3, 3, 6, 6 }, g.start, "label 1 and 3 empty, -1 left out");
		assertArrayEquals(new int[] { 1, 4, 7, 0, 3, 5 }, g.members);
		assertEquals(3, g.size(0));
		assertEquals(0, g.size(1));
		assertEquals(3, g.size(2));
		assertEquals(0, g.size(3));
	}
}
