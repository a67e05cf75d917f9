package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pixelclustering.testutil.BatchImages;

import ij.IJ;
import ij.ImagePlus;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The mask and centre lists offer only the open images the input can use (issue 23). */
class MaskImagesTest {

	@Test
	void offersOnlyImagesOfTheInputsWidthAndHeight() {
		final ImagePlus input = IJ.createImage("mi map", "16-bit black", 64, 64, 50);
		final ImagePlus mask = IJ.createImage("mi mask", "8-bit black", 64, 64, 1);
		final ImagePlus wider = IJ.createImage("mi wider", "8-bit black", 128, 128, 1);
		final ImagePlus other = IJ.createImage("mi other map", "32-bit black", 64, 64, 20);
		BatchImages.with(new ImagePlus[] { input, mask, wider, other }, () -> {
			assertEquals(List.of(MaskImages.NONE, "mi mask", "mi other map"), ours(MaskImages.choices(input, MaskImages.NONE), input, mask, wider, other));
			assertEquals(List.of(SpectrumInputs.INPUT, SpectrumInputs.DECOMPOSITION, SpectrumInputs.BSS, "mi mask", "mi other map"), ours(MaskImages.choices(input, SpectrumInputs.INPUT, SpectrumInputs.DECOMPOSITION, SpectrumInputs.BSS), input, mask, wider, other));
			// no input yet: every open image
			assertEquals(List.of(MaskImages.NONE, "mi map", "mi mask", "mi wider", "mi other map"), ours(MaskImages.choices(null, MaskImages.NONE), input, mask, wider, other));
		});
	}

	/**
	 * The choices without images other tests of this JVM left open (legacy ImageJ's window list is
	 * one for the whole JVM): the fixed entries and the titles of this test's images, in the order offered.
	 */
	private static List<String> ours(final List<String> choices, final ImagePlus... images) {
		final Set<String> mine = new HashSet<>(List.of(MaskImages.NONE, SpectrumInputs.INPUT, SpectrumInputs.DECOMPOSITION, SpectrumInputs.BSS));
		for (final ImagePlus image : images)
			mine.add(image.getTitle());
		return choices.stream().filter(mine::contains).collect(Collectors.toList());
	}
}
