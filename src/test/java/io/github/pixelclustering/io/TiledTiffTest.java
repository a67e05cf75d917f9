package io.github.pixelclustering.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.testutil.TestData;

import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import net.imglib2.parallel.Parallelization;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;

/**
 * The tile reader on files written by tifffile and libtiff ({@code scripts/tiff_fixtures.py}), and the
 * BigTIFF writer read back by the tile reader and by TwelveMonkeys' TIFF reader, an independent decoder.
 */
class TiledTiffTest {

	private static final int W = 100, H = 70;

	private static File fixture(final String name) throws Exception {
		return Paths.get(TiledTiffTest.class.getResource("/tiff/" + name).toURI()).toFile();
	}

	/** The crop of ihc-170x170.png that the RGB fixtures hold, as 0xRRGGBB. */
	private static int[] crop() {
		final int[] all = TestData.rgbPixels("ihc-170x170.png");
		final int[] out = new int[W * H];
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				out[y * W + x] = all[(y + 40) * 170 + x + 20] & 0xffffff;
		return out;
	}

	/** Reads every band of an 8-bit RGB file, on 1 or 2 threads. */
	private static int[] readRgb(final File file, final int threads) throws IOException {
		try (TiledTiff tiff = TiledTiff.open(file)) {
			assertTrue(tiff.rgb());
			assertEquals(W, tiff.width());
			assertEquals(H, tiff.height());
			final int[] all = new int[W * H];
			for (int band = 0; band < tiff.bands(); band++) {
				final int[] argb = new int[W * tiff.bandRows(band)];
				final int b = band;
				Parallelization.runWithNumThreads(threads, () -> {
					tiff.readRgb(b, argb, ParallelTasks.current());
					return null;
				});
				for (int i = 0; i < argb.length; i++)
					all[tiff.bandY(band) * W + i] = argb[i] & 0xffffff;
				for (final int v : argb)
					assertEquals(0xff, v >>> 24, "alpha is opaque");
			}
			return all;
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "rgb-tiled-bigtiff-deflate.tif", "rgb-tiled-none.tif", "rgb-tiled-bigendian-deflate.tif", "rgb-tiled-planar-deflate.tif", "rgb-strips-predictor-deflate.tif", "rgb-strips-none.tif", "rgb-strips-lzw.tif", "rgb-strips-packbits.tif", "rgb-strips-adobe-deflate.tif" })
	void readsEveryRgbLayoutAsThePng(final String name) throws Exception {
		final int[] expected = crop();
		assertArrayEquals(expected, readRgb(fixture(name), 1), name);
		assertArrayEquals(expected, readRgb(fixture(name), 2), name + " on 2 threads");
	}

	/** JPEG tiles (lossy): as libjpeg decodes them, within a unit in a few pixels. */
	@ParameterizedTest
	@ValueSource(strings = { "jpeg-strips-rgb.tif", "jpeg-tiled-ycbcr.tif", "jpeg-tiled-rgb.tif" })
	void readsJpegTilesAsLibjpegDecodesThem(final String name) throws Exception {
		final java.awt.image.BufferedImage png = ImageIO.read(fixture(name + ".png"));
		try (TiledTiff tiff = TiledTiff.open(fixture(name))) {
			assertTrue(tiff.rgb());
			final int w = tiff.width();
			int exact = 0, worst = 0;
			for (int band = 0; band < tiff.bands(); band++) {
				final int[] argb = new int[w * tiff.bandRows(band)];
				tiff.readRgb(band, argb, TaskRunner.SEQUENTIAL);
				for (int i = 0; i < argb.length; i++) {
					final int expected = png.getRGB(i % w, tiff.bandY(band) + i / w);
					int d = 0;
					for (int shift = 0; shift <= 16; shift += 8)
						d = Math.max(d, Math.abs((argb[i] >> shift & 0xff) - (expected >> shift & 0xff)));
					worst = Math.max(worst, d);
					if (d == 0) exact++;
				}
			}
			assertTrue(worst <= 2, name + ": largest difference " + worst);
			assertTrue(exact >= 0.99 * w * tiff.height(), name + ": " + exact + " pixels exact");
		}
	}

	@Test
	void bandsAreTileRowsOrStripsOfAtLeast256Rows() throws Exception {
		try (TiledTiff tiled = TiledTiff.open(fixture("rgb-tiled-none.tif")); TiledTiff strips = TiledTiff.open(fixture("rgb-strips-none.tif"))) {
			assertTrue(tiled.tiled());
			assertFalse(tiled.bigTiff());
			assertEquals(3, tiled.bands()); // 70 rows in tiles of 32
			assertEquals(6, tiled.bandRows(2));
			assertFalse(strips.tiled());
			assertEquals(1, strips.bands()); // strips of 9 rows, at least 256 rows a band
			assertEquals(H, strips.bandRows(0));
		}
		try (TiledTiff big = TiledTiff.open(fixture("rgb-tiled-bigtiff-deflate.tif"))) {
			assertTrue(big.bigTiff());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "grey16-strips-bigendian-predictor.tif", "grey16-tiled-bigtiff.tif" })
	void reads16BitGrey(final String name) throws Exception {
		try (TiledTiff tiff = TiledTiff.open(fixture(name))) {
			assertFalse(tiff.rgb());
			assertEquals(1, tiff.samples());
			assertEquals(16, tiff.bitsPerSample());
			for (int band = 0; band < tiff.bands(); band++) {
				final short[] values = new short[W * tiff.bandRows(band)];
				tiff.readChannels(band, new Object[] { values }, TaskRunner.SEQUENTIAL);
				for (int i = 0; i < values.length; i++) {
					final int x = i % W, y = tiff.bandY(band) + i / W;
					assertEquals((x * 997 + y * 131) % 65536, values[i] & 0xffff, name + " at " + x + "," + y);
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "channels4-tiled-deflate.tif", "channels3-planar-strips.tif" })
	void readsMultichannel(final String name) throws Exception {
		try (TiledTiff tiff = TiledTiff.open(fixture(name))) {
			final int n = tiff.samples();
			assertEquals(name.contains("4") ? 4 : 3, n);
			for (int band = 0; band < tiff.bands(); band++) {
				final Object[] channels = new Object[n];
				for (int c = 0; c < n; c++)
					channels[c] = new byte[W * tiff.bandRows(band)];
				tiff.readChannels(band, channels, TaskRunner.SEQUENTIAL);
				for (int c = 0; c < n; c++)
					for (int i = 0; i < W * tiff.bandRows(band); i++) {
						final int x = i % W, y = tiff.bandY(band) + i / W;
						assertEquals((x * 7 + y * 3 + c * 50) % 256, ((byte[]) channels[c])[i] & 0xff, name + " channel " + c + " at " + x + "," + y);
					}
			}
		}
	}

	@Test
	void refusesWhatItCannotDecodeNamingTheFile(@TempDir final Path dir) throws Exception {
		final Path text = Files.writeString(dir.resolve("notes.tif"), "not a tiff at all");
		assertEquals(String.format(TiffLayout.NOT_TIFF, "notes.tif"), assertThrows(IllegalArgumentException.class, () -> TiledTiff.open(text.toFile())).getMessage());
		// a JPEG 2000 copy: compression tag 259 patched to 33003 in a classic little-endian file
		final Path jpeg = dir.resolve("j2k.tif");
		Files.copy(fixture("rgb-tiled-none.tif").toPath(), jpeg);
		patchCompression(jpeg.toFile(), 33003);
		final String message = assertThrows(IllegalArgumentException.class, () -> TiledTiff.open(jpeg.toFile())).getMessage();
		assertTrue(message.startsWith("j2k.tif cannot be read tile by tile: it holds compression 33003 (JPEG 2000)"), message);
		// cut short: the last tiles are gone
		final Path cut = dir.resolve("cut.tif");
		final byte[] whole = Files.readAllBytes(fixture("rgb-tiled-bigtiff-deflate.tif").toPath());
		try (TiledTiff tiff = TiledTiff.open(fixture("rgb-tiled-bigtiff-deflate.tif"))) {
			assertEquals(3, tiff.bands());
		}
		// the directory of tifffile's files comes first; keep it and drop the end of the tile data
		Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 4000));
		try (TiledTiff tiff = TiledTiff.open(cut.toFile())) {
			final int[] argb = new int[W * tiff.bandRows(2)];
			final String truncated = assertThrows(IllegalArgumentException.class, () -> tiff.readRgb(2, argb, TaskRunner.SEQUENTIAL)).getMessage();
			assertTrue(truncated.startsWith("cut.tif is truncated"), truncated);
		}
	}

	/** Sets the value of tag 259 in the first directory of a classic little-endian TIFF. */
	private static void patchCompression(final File file, final int compression) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(file, "rw")) {
			final byte[] head = new byte[8];
			f.readFully(head);
			final long ifd = head[4] & 0xff | (head[5] & 0xff) << 8 | (head[6] & 0xff) << 16 | (long) (head[7] & 0xff) << 24;
			f.seek(ifd);
			final int count = f.read() | f.read() << 8;
			for (int i = 0; i < count; i++) {
				final long at = ifd + 2 + 12L * i;
				f.seek(at);
				final int tag = f.read() | f.read() << 8;
				if (tag != 259) continue;
				f.seek(at + 8);
				f.write(compression & 0xff);
				f.write(compression >>> 8);
				return;
			}
			throw new IllegalStateException("no compression tag");
		}
	}

	// -- The writer --

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 6 })
	void writesBigTiffThatBothReadersReadBack(final int level, @TempDir final Path dir) throws Exception {
		final int w = 333, h = 290; // not multiples of the tile
		final Random random = new Random(level);
		final byte[] grey = new byte[w * h];
		final short[] wide = new short[w * h];
		final byte[] rgb = new byte[w * h * 3];
		for (int i = 0; i < w * h; i++) {
			grey[i] = (byte) (i % w / 40 + i / w / 30 + (random.nextInt(20) == 0 ? 100 : 0));
			wide[i] = (short) (i * 37 + random.nextInt(3));
			rgb[3 * i] = (byte) random.nextInt(256);
			rgb[3 * i + 1] = (byte) (i % w);
			rgb[3 * i + 2] = (byte) (i / w);
		}
		final File f8 = write(dir.resolve("grey8.tif").toFile(), grey, w, h, 1, 8, 64, level);
		final File f16 = write(dir.resolve("grey16.tif").toFile(), wide, w, h, 1, 16, 64, level);
		final File f24 = write(dir.resolve("rgb.tif").toFile(), rgb, w, h, 3, 8, TiledTiffWriter.TILE, level);
		// TwelveMonkeys, a whole-image read
		final Raster r8 = twelveMonkeys(f8), r16 = twelveMonkeys(f16), r24 = twelveMonkeys(f24);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = y * w + x;
				assertEquals(grey[i] & 0xff, r8.getSample(x, y, 0));
				assertEquals(wide[i] & 0xffff, r16.getSample(x, y, 0));
				for (int c = 0; c < 3; c++)
					assertEquals(rgb[3 * i + c] & 0xff, r24.getSample(x, y, c));
			}
		// the tile reader, band after band
		try (TiledTiff t8 = TiledTiff.open(f8); TiledTiff t16 = TiledTiff.open(f16); TiledTiff t24 = TiledTiff.open(f24)) {
			assertTrue(t8.bigTiff() && t8.tiled());
			assertEquals(64, t8.tileWidth());
			assertEquals(TiledTiffWriter.TILE, t24.tileWidth());
			for (int band = 0; band < t8.bands(); band++) {
				final int n = w * t8.bandRows(band), from = t8.bandY(band) * w;
				final byte[] b = new byte[n];
				t8.readChannels(band, new Object[] { b }, TaskRunner.SEQUENTIAL);
				assertArrayEquals(java.util.Arrays.copyOfRange(grey, from, from + n), b);
				final short[] s = new short[n];
				t16.readChannels(band, new Object[] { s }, TaskRunner.SEQUENTIAL);
				assertArrayEquals(java.util.Arrays.copyOfRange(wide, from, from + n), s);
			}
			assertEquals(1, t24.bands());
			final int[] argb = new int[w * h];
			t24.readRgb(0, argb, TaskRunner.SEQUENTIAL);
			for (int i = 0; i < w * h; i++)
				assertEquals(0xff000000 | (rgb[3 * i] & 0xff) << 16 | (rgb[3 * i + 1] & 0xff) << 8 | rgb[3 * i + 2] & 0xff, argb[i]);
		}
	}

	@Test
	void sameFileBytesOnOneOrTwoThreads(@TempDir final Path dir) throws Exception {
		final int w = 1100, h = 600;
		final byte[] labels = new byte[w * h];
		for (int i = 0; i < labels.length; i++)
			labels[i] = (byte) (i % w / 100 + i / w / 50);
		final File one = write(dir.resolve("one.tif").toFile(), labels, w, h, 1, 8, 6);
		final File two = Parallelization.runWithNumThreads(2, () -> write(dir.resolve("two.tif").toFile(), labels, w, h, 1, 8, 6));
		assertArrayEquals(Files.readAllBytes(one.toPath()), Files.readAllBytes(two.toPath()));
		assertTrue(one.length() < labels.length / 20, "labels compress: " + one.length());
	}

	@Test
	void anUnfinishedFileIsNoImage(@TempDir final Path dir) throws Exception {
		final File file = dir.resolve("half.tif").toFile();
		try (TiledTiffWriter writer = new TiledTiffWriter(file, 64, 64, 1, 8, 16, 1)) {
			writer.writeRows(new byte[64 * 20], 0, 20, TaskRunner.SEQUENTIAL);
			assertThrows(IllegalStateException.class, writer::finish);
		}
		assertThrows(IllegalArgumentException.class, () -> TiledTiff.open(file));
		assertEquals("expected a tile size that is a multiple of 16, got 20", assertThrows(IllegalArgumentException.class, () -> new TiledTiffWriter(dir.resolve("x.tif").toFile(), 8, 8, 1, 8, 20, 1)).getMessage());
		assertEquals("expected 8- or 16-bit grey or 8-bit RGB, got 3 samples of 16 bits", assertThrows(IllegalArgumentException.class, () -> new TiledTiffWriter(dir.resolve("x.tif").toFile(), 8, 8, 3, 16, 16, 1)).getMessage());
	}

	private static File write(final File file, final Object pixels, final int w, final int h, final int samples, final int bits, final int level) throws IOException {
		return write(file, pixels, w, h, samples, bits, TiledTiffWriter.TILE, level);
	}

	private static File write(final File file, final Object pixels, final int w, final int h, final int samples, final int bits, final int tile, final int level) throws IOException {
		try (TiledTiffWriter writer = new TiledTiffWriter(file, w, h, samples, bits, tile, level)) {
			// in uneven pieces: the writer buffers rows up to a row of tiles
			int y = 0;
			for (final int rows : new int[] { 1, 200, 7, 400 }) {
				final int n = Math.min(rows, h - y);
				if (n <= 0) break;
				writer.writeRows(pixels, y * w * samples, n, ParallelTasks.current());
				y += n;
			}
			if (y < h) writer.writeRows(pixels, y * w * samples, h - y, ParallelTasks.current());
			writer.finish();
		}
		return file;
	}

	private static Raster twelveMonkeys(final File file) throws IOException {
		final ImageReader reader = new TIFFImageReaderSpi().createReaderInstance();
		try (ImageInputStream in = ImageIO.createImageInputStream(file)) {
			reader.setInput(in);
			return reader.read(0).getRaster();
		}
		finally {
			reader.dispose();
		}
	}
}
