package io.github.pixelclustering.testutil;

import ij.ImagePlus;
import ij.ImageStack;

/**
 * The real SEM-EDS spectrum image {@code test-images/eds-30x30.tif}: 30 x 30 pixels, 2048 energy
 * channels of integer X-ray counts (HyperSpy's test data, see {@code test-images/README.md}). The
 * HyperSpy fixtures ({@code fixtures/hyperspy.json}, made by {@code scripts/hyperspy_fixtures.py}) are
 * computed from exactly these counts.
 */
public final class EdsData {

	/** Image width (pixels). */
	public static final int WIDTH = 30;
	/** Image height (pixels). */
	public static final int HEIGHT = 30;
	/** Number of energy channels (stack slices). */
	public static final int CHANNELS = 2048;
	/** Number of pixels (spectra). */
	public static final int PIXELS = WIDTH * HEIGHT;
	/** Sum of all counts. */
	public static final long TOTAL_COUNTS = 18621362L;
	/** Energy of channel 0, in {@link #ENERGY_UNIT}. */
	public static final double ENERGY_OFFSET = -0.47225277;
	/** Energy step per channel, in {@link #ENERGY_UNIT}. */
	public static final double ENERGY_SCALE = 0.009999;
	/** Unit of the energy axis. */
	public static final String ENERGY_UNIT = "keV";
	/** Pixel width and height, in {@link #PIXEL_UNIT}. */
	public static final double PIXEL_SIZE = 1.66740910949362;
	/** Unit of the pixel size. */
	public static final String PIXEL_UNIT = "\u00b5m";
	/** File name in {@code test-images/}. */
	public static final String FILE = "eds-30x30.tif";

	private EdsData() {}

	/**
	 * @param channel energy channel, 0-based
	 * @return its energy in {@link #ENERGY_UNIT}, as HyperSpy computes it ({@code offset + channel * scale})
	 */
	public static double energy(final int channel) {
		return ENERGY_OFFSET + channel * ENERGY_SCALE;
	}

	/** @return the spectrum image as ImageJ opens it (16-bit stack, slice k = channel k, calibrated) */
	public static ImagePlus open() {
		return Images.open(FILE);
	}

	/**
	 * @return the counts pixel-major: entry {@code p * CHANNELS + c} is pixel p (raster order, x
	 *         fastest) in channel c, i.e. the rows of HyperSpy's unfolded data
	 */
	public static double[] pixelMajor() {
		final ImageStack stack = open().getStack();
		final double[] x = new double[PIXELS * CHANNELS];
		for (int c = 0; c < CHANNELS; c++) {
			final short[] plane = (short[]) stack.getPixels(c + 1);
			for (int p = 0; p < PIXELS; p++)
				x[p * CHANNELS + c] = plane[p] & 0xffff;
		}
		return x;
	}
}
