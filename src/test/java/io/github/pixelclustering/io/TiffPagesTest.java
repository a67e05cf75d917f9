package io.github.pixelclustering.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.TaskRunner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages of multi-page TIFFs written by tifffile (scripts/tiff_fixtures.py): every page, and any range
 * of rows of a page, as the formulas that made them.
 */
class TiffPagesTest {

	private static final int W = 100, H = 70;

	static File fixture(final String name) {
		return Paths.get("src/test/resources/tiff", name).toFile();
	}

	/** The value of pages16-tiled-bigtiff-deflate.tif at x, y of page p. */
	static int value16(final int x, final int y, final int p) {
		return (x * 997 + y * 131 + p * 4099) % 65536;
	}

	/** The value of pages8-strips-predictor.tif at x, y of page p. */
	static int value8(final int x, final int y, final int p) {
		return (x * 7 + y * 3 + p * 50) % 256;
	}

	@Test
	void rowsOfEveryPageOfATiledDeflateBigTiff() throws IOException {
		try (TiffPages pages = TiffPages.open(fixture("pages16-tiled-bigtiff-deflate.tif"))) {
			assertEquals(9, pages.size());
			assertTrue(pages.stack());
			for (int p = 0; p < 9; p++)
				try (TiledTiff page = pages.page(p)) {
					assertTrue(page.tiled() && page.bigTiff());
					// ranges inside a row of tiles, across two, the last row, all rows
					for (final int[] range : new int[][] { { 3, 5 }, { 30, 4 }, { 69, 1 }, { 0, H } }) {
						final short[] v = new short[W * range[1]];
						page.readRows(range[0], range[1], new Object[] { v }, TaskRunner.SEQUENTIAL);
						for (int r = 0; r < range[1]; r++)
							for (int x = 0; x < W; x++)
								assertEquals(value16(x, range[0] + r, p), v[r * W + x] & 0xffff, "page " + p + " x " + x + " y " + (range[0] + r));
					}
				}
		}
	}

	@Test
	void rowsOfEveryPageOfStripsWithThePredictor() throws IOException {
		try (TiffPages pages = TiffPages.open(fixture("pages8-strips-predictor.tif"))) {
			assertEquals(7, pages.size());
			for (int p = 0; p < 7; p++)
				try (TiledTiff page = pages.page(p)) {
					for (final int[] range : new int[][] { { 0, 1 }, { 4, 5 }, { 11, 20 }, { 0, H } }) {
						final byte[] v = new byte[W * range[1]];
						page.readRows(range[0], range[1], new Object[] { v }, TaskRunner.SEQUENTIAL);
						for (int r = 0; r < range[1]; r++)
							for (int x = 0; x < W; x++)
								assertEquals(value8(x, range[0] + r, p), v[r * W + x] & 0xff, "page " + p + " x " + x + " y " + (range[0] + r));
					}
				}
			assertEquals("page 8 of pages8-strips-predictor.tif does not exist: it has 7", assertThrows(IllegalArgumentException.class, () -> pages.page(7)).getMessage());
		}
	}

	@Test
	void aSingleImageIsOnePageAndAPyramidIsNoStack(@TempDir final Path dir) throws IOException {
		try (TiffPages pages = TiffPages.open(fixture("rgb-tiled-none.tif"))) {
			assertEquals(1, pages.size());
			assertFalse(pages.stack());
		}
		// a chain of directories that comes back to its start is refused
		final Path loop = dir.resolve("loop.tif");
		final byte[] bytes = Files.readAllBytes(fixture("rgb-strips-none.tif").toPath());
		final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(bytes[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
		final int first = b.getInt(4);
		final int entries = b.getShort(first) & 0xffff;
		b.putInt(first + 2 + 12 * entries, first);
		Files.write(loop, bytes);
		assertEquals("loop.tif has a broken chain of image file directories: the one at byte " + first + " comes twice.", assertThrows(IllegalArgumentException.class, () -> TiffPages.open(loop.toFile())).getMessage());
	}
}
