package io.github.pixelclustering.testutil;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A small seeded RGB time series: three coloured discs (red, green, yellow) moving over a dark blue
 * background, every pixel with independent noise of up to +-12 per channel. Frame t (1-based) is
 * {@code frame-tt.png}; the same seed gives the same files, byte for byte. Used by the end-to-end test of
 * fitting a model on frame 1 and applying it to every frame.
 */
public final class TimeSeries {

	/** Frame width. */
	public static final int WIDTH = 64;
	/** Frame height. */
	public static final int HEIGHT = 48;

	private static final int BACKGROUND = 0x203060;
	private static final int[] DISCS = { 0xd02818, 0x30b040, 0xe0d030 };
	private static final int RADIUS = 7;

	private TimeSeries() {}

	/**
	 * @param frames how many frames
	 * @param seed the noise seed
	 * @return the frames, titled {@code frame-01.png}, ...
	 */
	public static List<ImagePlus> frames(final int frames, final long seed) {
		final Random random = new Random(seed);
		final List<ImagePlus> out = new ArrayList<>();
		for (int t = 0; t < frames; t++) {
			final int[] pixels = new int[WIDTH * HEIGHT];
			for (int y = 0; y < HEIGHT; y++)
				for (int x = 0; x < WIDTH; x++) {
					int colour = BACKGROUND;
					for (int d = 0; d < DISCS.length; d++) {
						// disc d moves along its own line, one to two pixels a frame
						final double cx = 10 + d * 18 + t * (d + 1) * 0.6;
						final double cy = 10 + d * 12 + t * (d == 1 ? -0.5 : 0.4);
						if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= RADIUS * RADIUS) colour = DISCS[d];
					}
					final int r = noisy(colour >> 16 & 0xff, random), g = noisy(colour >> 8 & 0xff, random), b = noisy(colour & 0xff, random);
					pixels[y * WIDTH + x] = r << 16 | g << 8 | b;
				}
			out.add(new ImagePlus(name(t + 1), new ColorProcessor(WIDTH, HEIGHT, pixels)));
		}
		return out;
	}

	/** @return the file name of frame t (1-based), e.g. {@code frame-01.png} */
	public static String name(final int t) {
		return String.format(Locale.ROOT, "frame-%02d.png", t);
	}

	/**
	 * Writes the frames as PNG files into a folder.
	 *
	 * @param folder the folder (made when missing)
	 * @param frames how many frames
	 * @param seed the noise seed
	 * @return the folder
	 */
	public static Path write(final Path folder, final int frames, final long seed) throws IOException {
		Files.createDirectories(folder);
		for (final ImagePlus frame : frames(frames, seed))
			if (!new FileSaver(frame).saveAsPng(folder.resolve(frame.getTitle()).toString())) throw new IOException("cannot write " + frame.getTitle());
		return folder;
	}

	private static int noisy(final int value, final Random random) {
		return Math.max(0, Math.min(255, value + random.nextInt(25) - 12));
	}
}
