package io.github.pixelclustering.testutil;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import javax.imageio.ImageIO;

/** Reads test images from {@code test-images/} and reference fixtures from the test resources. */
public final class TestData {

	private TestData() {}

	/** @return the {@code test-images/} folder of the repository */
	public static Path testImages() {
		Path dir = Paths.get("").toAbsolutePath();
		while (dir != null && !Files.isDirectory(dir.resolve("test-images")))
			dir = dir.getParent();
		if (dir == null) throw new IllegalStateException("test-images/ not found above " + Paths.get("").toAbsolutePath());
		return dir.resolve("test-images");
	}

	/** @return path of a file in {@code test-images/} */
	public static Path image(final String name) {
		return testImages().resolve(name);
	}

	/**
	 * @return the command-line jar next to the plugin jar that Failsafe names (in {@code mvn verify}
	 *         after packaging)
	 */
	public static Path cliJar() {
		final String jar = System.getProperty("pixelclustering.jar");
		if (jar == null || !jar.endsWith(".jar")) throw new AssertionError("Failsafe names the plugin jar, got " + jar);
		final Path cli = Paths.get(jar.substring(0, jar.length() - 4) + "-cli.jar");
		if (!Files.isRegularFile(cli)) throw new AssertionError(cli + " is not built");
		return cli;
	}

	/** @return packed RGB pixels (0xRRGGBB), row-major, of an image in {@code test-images/} */
	public static int[] rgbPixels(final String name) {
		final BufferedImage image = read(name);
		final int w = image.getWidth();
		final int h = image.getHeight();
		final int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
		for (int i = 0; i < rgb.length; i++)
			rgb[i] &= 0xffffff;
		return rgb;
	}

	/** @return width and height of an image in {@code test-images/} */
	public static int[] size(final String name) {
		final BufferedImage image = read(name);
		return new int[] { image.getWidth(), image.getHeight() };
	}

	/** @return RGB values scaled to [0,1], n x 3 row-major, as the scikit-learn fixtures use them */
	public static double[] rgbUnit(final int[] rgb) {
		final double[] x = new double[rgb.length * 3];
		for (int i = 0; i < rgb.length; i++) {
			x[3 * i] = ((rgb[i] >> 16) & 0xff) / 255.0;
			x[3 * i + 1] = ((rgb[i] >> 8) & 0xff) / 255.0;
			x[3 * i + 2] = (rgb[i] & 0xff) / 255.0;
		}
		return x;
	}

	private static BufferedImage read(final String name) {
		try {
			final BufferedImage image = ImageIO.read(image(name).toFile());
			if (image == null) throw new IOException("not an image: " + image(name));
			return image;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** @return a JSON fixture from {@code src/test/resources/fixtures/} */
	public static JsonObject fixture(final String name) {
		try (InputStream in = TestData.class.getResourceAsStream("/fixtures/" + name)) {
			if (in == null) throw new IllegalStateException("missing fixture " + name);
			return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** @return labels stored as one hexadecimal digit per sample */
	public static int[] hexLabels(final String digits) {
		final int[] labels = new int[digits.length()];
		for (int i = 0; i < labels.length; i++)
			labels[i] = Character.digit(digits.charAt(i), 16);
		return labels;
	}

	/** Number of digits in {@code test-images/digits-8x8x1797.png}. */
	public static final int DIGITS = 1797;

	/**
	 * @return the digits of {@code test-images/digits-8x8x1797.png} (values 0..16) pixel-major: entry
	 *         {@code p * 1797 + i} is pixel p (row-major in the 8x8 image) of digit i
	 */
	public static double[] digitsPixelMajor() {
		final java.awt.image.Raster raster = read("digits-8x8x1797.png").getRaster();
		final double[] x = new double[64 * DIGITS];
		for (int i = 0; i < DIGITS; i++)
			for (int p = 0; p < 64; p++)
				x[p * DIGITS + i] = raster.getSample(p % 8, 8 * i + p / 8, 0);
		return x;
	}

	/** @return the numbers of a JSON array of integers */
	public static int[] ints(final com.google.gson.JsonArray array) {
		final int[] out = new int[array.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = array.get(i).getAsInt();
		return out;
	}
}
