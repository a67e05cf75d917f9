package io.github.pixelclustering.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * JPEG-compressed TIFF tiles (compression 7), decoded by the JDK's JPEG reader: the tables the file
 * shares between its tiles (tag JPEGTables) are put in front of each tile's stream, which makes it a
 * whole JPEG. The reader converts YCbCr to RGB as the JPEG stream says (an Adobe marker or its
 * component ids), as libjpeg does. JPEG is lossy and decoders may differ by a unit in a few pixels.
 */
final class TiffJpeg {

	private TiffJpeg() {}

	/**
	 * @param tables the JPEG tables (SOI, tables, EOI), or null
	 * @param tile the tile's stored bytes (SOI ... EOI)
	 * @param width pixels across the tile
	 * @param rows rows of the tile
	 * @param bytes size of the decoded chunk (at least width * rows * 3)
	 * @param name the file, for messages
	 * @return R, G, B of every pixel, row after row
	 */
	static byte[] decode(final byte[] tables, final byte[] tile, final int width, final int rows, final int bytes, final String name) {
		final byte[] stream;
		if (tables != null && tables.length > 4 && tile.length > 2) {
			// tables without their EOI, then the tile without its SOI
			stream = new byte[tables.length - 2 + tile.length - 2];
			System.arraycopy(tables, 0, stream, 0, tables.length - 2);
			System.arraycopy(tile, 2, stream, tables.length - 2, tile.length - 2);
		}
		else stream = tile;
		final Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
		if (!readers.hasNext()) throw new IllegalArgumentException(name + ": this Java has no JPEG reader");
		final ImageReader reader = readers.next();
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(stream))) {
			reader.setInput(in, true, true);
			final BufferedImage image = reader.read(0);
			if (image.getWidth() < width || image.getHeight() < rows) throw new IllegalArgumentException(name + " has a JPEG tile of " + image.getWidth() + " x " + image.getHeight() + " pixels; its tiles are " + width + " x " + rows + ".");
			final byte[] out = new byte[bytes];
			final Raster raster = image.getRaster();
			final int[] row = new int[width];
			for (int y = 0; y < rows; y++) {
				image.getRGB(0, y, width, 1, row, 0, width);
				for (int x = 0, o = y * width * 3; x < width; x++, o += 3) {
					out[o] = (byte) (row[x] >> 16);
					out[o + 1] = (byte) (row[x] >> 8);
					out[o + 2] = (byte) row[x];
				}
			}
			if (raster.getNumBands() != 3 && raster.getNumBands() != 1) throw new IllegalArgumentException(name + " has a JPEG tile of " + raster.getNumBands() + " components.");
			return out;
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(name + " has a JPEG tile that cannot be decoded: " + e.getMessage(), e);
		}
		finally {
			reader.dispose();
		}
	}
}
