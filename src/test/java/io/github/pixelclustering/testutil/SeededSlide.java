package io.github.pixelclustering.testutil;

import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.io.TiledTiffWriter;

import java.io.File;
import java.io.IOException;

/**
 * A large RGB test slide made from a fixed hash of the pixel position (no file committed): colour
 * gradients across and down, blocks of four blues, and noise of 0 to 7 on every sample, written as a
 * tiled, Deflate-compressed BigTIFF (tiles of 512) by {@link TiledTiffWriter}. About 830,000 distinct
 * colours at 20,000 x 20,000.
 */
public final class SeededSlide {

	private SeededSlide() {}

	/**
	 * Writes the slide, one row of tiles at a time (memory: one row of tiles).
	 *
	 * @param file where
	 * @param size width and height
	 * @throws IOException when the file cannot be written
	 */
	public static void write(final File file, final int size) throws IOException {
		final int band = TiledTiffWriter.TILE;
		final byte[] rows = new byte[size * band * 3];
		try (TiledTiffWriter writer = new TiledTiffWriter(file, size, size, 3, 8, TiledTiffWriter.TILE, 1)) {
			for (int y0 = 0; y0 < size; y0 += band) {
				final int n = Math.min(band, size - y0);
				for (int r = 0; r < n; r++) {
					final int y = y0 + r;
					for (int x = 0; x < size; x++) {
						long h = (long) y * size + x + 0x9E3779B97F4A7C15L;
						h = (h ^ h >>> 30) * 0xBF58476D1CE4E5B9L;
						h = (h ^ h >>> 27) * 0x94D049BB133111EBL;
						h ^= h >>> 31;
						final int i = 3 * (r * size + x);
						rows[i] = (byte) (x * 255L / size + (h & 7));
						rows[i + 1] = (byte) (y * 255L / size + (h >>> 3 & 7));
						rows[i + 2] = (byte) ((x / 2000 + y / 2000) % 4 * 60 + (h >>> 6 & 7));
					}
				}
				writer.writeRows(rows, 0, n, ParallelTasks.current());
			}
			writer.finish();
		}
	}
}
