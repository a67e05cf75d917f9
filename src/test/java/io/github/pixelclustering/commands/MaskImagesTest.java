package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pixelclustering.testutil.BatchImages;

import ij.IJ;
import ij.ImagePlus;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The mask and centre lists offer only the open images the input can use (issue 23). */
class MaskImagesTest {

	@Test
	void offersOnlyImagesOfTheInputsWidthAndHeight() {
		final ImagePlus input = IJ.createImage("map", "16-bit black", 64, 64, 50);
		final ImagePlus mask = IJ.createImage("mask", "8-bit black", 64, 64, 1);
		final ImagePlus wider = IJ.createImage("wider", "8-bit black", 128, 128, 1);
		final ImagePlus other = IJ.createImage("other map", "32-bit black", 64, 64, 20);
		BatchImages.with(new ImagePlus[] { input, mask, wider, other }, () -> {
			assertEquals(List.of(MaskImages.NONE, "mask", "other map"), MaskImages.choices(input, MaskImages.NONE));
			assertEquals(List.of(SpectrumInputs.INPUT, SpectrumInputs.DECOMPOSITION, SpectrumInputs.BSS, "mask", "other map"), MaskImages.choices(input, SpectrumInputs.INPUT, SpectrumInputs.DECOMPOSITION, SpectrumInputs.BSS));
			// no input yet: every open image
			assertEquals(List.of(MaskImages.NONE, "map", "mask", "wider", "other map"), MaskImages.choices(null, MaskImages.NONE));
		});
	}
}
