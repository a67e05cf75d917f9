package io.github.pixelclustering.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LabelLutTest {

	@Test
	void backgroundIsBlackAndLabelsAreDistinctAndFarApart() {
		assertEquals(Color.BLACK, LabelLut.colour(0));
		final Set<Integer> colours = new HashSet<>();
		for (int i = 0; i < 256; i++)
			colours.add(LabelLut.colour(i).getRGB());
		assertEquals(256, colours.size());
		// the first labels are far apart: every channel differs by at least 64 between labels 1..8
		for (int a = 1; a <= 8; a++)
			for (int b = a + 1; b <= 8; b++) {
				final Color ca = LabelLut.colour(a);
				final Color cb = LabelLut.colour(b);
				final int dist = Math.abs(ca.getRed() - cb.getRed()) + Math.abs(ca.getGreen() - cb.getGreen()) + Math.abs(ca.getBlue() - cb.getBlue());
				assertTrue(dist >= 128, a + " vs " + b + ": " + ca + " " + cb);
			}
		assertEquals(LabelLut.colour(5).getRGB(), LabelLut.lut().getRGB(5));
	}

	@Test
	void titlesLoseOnlyTheirExtension() {
		assertEquals("china", Titles.base("china.jpg"));
		assertEquals("my photo", Titles.base("my photo.jpg"));
		assertEquals("stack.v2", Titles.base("stack.v2.tif"));
		assertEquals("untitled", Titles.base("untitled"));
	}
}
