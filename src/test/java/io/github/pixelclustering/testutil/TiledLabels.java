package io.github.pixelclustering.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.io.TiledTiff;

import java.io.IOException;
import java.nio.file.Path;

/** Reads an 8-bit label image written as a tiled BigTIFF, checking that it is one. */
public final class TiledLabels {

	private TiledLabels() {}

	/**
	 * @param file the label file
	 * @return its labels in raster order
	 * @throws IOException when it cannot be read
	 */
	public static byte[] read(final Path file) throws IOException {
		try (TiledTiff tiff = TiledTiff.open(file.toFile())) {
			assertTrue(tiff.bigTiff() && tiff.tiled(), file + " is a tiled BigTIFF");
			assertEquals(8, tiff.bitsPerSample(), file + " has 8-bit labels");
			final byte[] all = new byte[tiff.width() * tiff.height()];
			for (int band = 0; band < tiff.bands(); band++) {
				final byte[] b = new byte[tiff.width() * tiff.bandRows(band)];
				tiff.readChannels(band, new Object[] { b }, TaskRunner.SEQUENTIAL);
				System.arraycopy(b, 0, all, tiff.bandY(band) * tiff.width(), b.length);
			}
			return all;
		}
	}
}
