package io.github.pixelclustering.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.measure.Calibration;

import org.junit.jupiter.api.Test;

/** {@code test-images/eds-30x30.tif} opens in ImageJ 1.54p with every count and its calibration. */
class EdsDataTest {

	@Test
	void imageJOpensTheStackWithItsCalibration() {
		final ImagePlus imp = EdsData.open();
		assertEquals(EdsData.WIDTH, imp.getWidth());
		assertEquals(EdsData.HEIGHT, imp.getHeight());
		assertEquals(EdsData.CHANNELS, imp.getStackSize());
		assertEquals(EdsData.CHANNELS, imp.getNSlices());
		assertEquals(ImagePlus.GRAY16, imp.getType());
		final Calibration cal = imp.getCalibration();
		assertEquals(EdsData.PIXEL_SIZE, cal.pixelWidth, 1e-9);
		assertEquals(EdsData.PIXEL_SIZE, cal.pixelHeight, 1e-9);
		assertEquals(EdsData.PIXEL_UNIT, cal.getUnit());
		assertEquals(EdsData.PIXEL_UNIT, cal.getYUnit());
		assertEquals(EdsData.ENERGY_UNIT, cal.getZUnit());
		assertEquals(EdsData.ENERGY_SCALE, cal.pixelDepth, 0);
		for (final int channel : new int[] { 0, 47, 1000, 2047 })
			assertEquals(EdsData.energy(channel), cal.getZ(channel), 1e-12, "energy of channel " + channel);
	}

	@Test
	void pixelMajorHoldsEveryCountInHyperSpyOrder() {
		final double[] x = EdsData.pixelMajor();
		assertEquals(EdsData.PIXELS * EdsData.CHANNELS, x.length);
		long total = 0;
		long weighted = 0;
		for (int i = 0; i < x.length; i++) {
			total += (long) x[i];
			weighted += i * (long) x[i];
		}
		assertEquals(EdsData.TOTAL_COUNTS, total);
		// sum of index * count over the pixel-major array, computed with numpy from the HyperSpy data
		assertEquals(17097601164753L, weighted);
		// the largest count: pixel 269 (x = 29, y = 8), channel 47 (the zero-energy peak)
		assertEquals(969, x[269 * EdsData.CHANNELS + 47]);
		assertEquals(6, x[41]);
	}
}
