package io.github.pixelclustering.io;

import ij.measure.Calibration;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A ripple spectrum image (.rpl/.raw) read band of rows by band of rows, never whole: each band's values
 * as one array per channel, converted as {@link RippleFile#read} converts them for ImageJ (8- and 16-bit
 * unsigned values as they are, everything else to the nearest 32-bit float), so a band holds exactly the
 * values of those rows of the imported image. Memory: one band. Thread-safe (positional reads).
 */
public final class RippleBands implements Closeable {

	/** Values a band holds at most (about 128 MB as doubles), unless one row holds more. */
	static final long BAND_VALUES = 1 << 24;

	private final RippleFile file;
	private final RippleHeader header;
	private final FileChannel channel;
	private final int bandRows;

	private RippleBands(final RippleFile file, final FileChannel channel, final long bandValues) {
		this.file = file;
		this.header = file.header();
		this.channel = channel;
		final long row = (long) header.width() * header.depth();
		this.bandRows = (int) Math.max(1, Math.min(header.height(), bandValues / row));
	}

	/**
	 * @param path the header (.rpl) or raw (.raw) file
	 * @return the reader; close it
	 * @throws IOException when a file cannot be read
	 * @throws IllegalArgumentException when the header is bad or the raw file has the wrong size
	 */
	public static RippleBands open(final Path path) throws IOException {
		return open(path, BAND_VALUES);
	}

	/**
	 * @param path the header (.rpl) or raw (.raw) file
	 * @param bandValues at most this many values a band (whole rows; at least one row)
	 * @return the reader; close it
	 * @throws IOException when a file cannot be read
	 * @throws IllegalArgumentException when the header is bad or the raw file has the wrong size
	 */
	public static RippleBands open(final Path path, final long bandValues) throws IOException {
		final RippleFile file = RippleFile.open(path);
		return new RippleBands(file, FileChannel.open(file.rawPath(), StandardOpenOption.READ), bandValues);
	}

	/** @return the header */
	public RippleHeader header() {
		return header;
	}

	/** @return the calibration the imported image gets ({@link RippleFile#calibration}) */
	public Calibration calibration() {
		return file.calibration();
	}

	/** @return the header file */
	public Path headerPath() {
		return file.headerPath();
	}

	/** @return how many bands */
	public int bands() {
		return (header.height() + bandRows - 1) / bandRows;
	}

	/** @return the first row of a band */
	public int bandY(final int band) {
		return band * bandRows;
	}

	/** @return the rows of a band */
	public int bandRows(final int band) {
		return Math.min(bandRows, header.height() - bandY(band));
	}

	/**
	 * Reads a band.
	 *
	 * @param band 0 to {@link #bands()} - 1
	 * @param channels one array per channel ({@code header().depth()}), each at least
	 *        {@code width * bandRows(band)} long: receives the values of the band's pixels in raster order
	 * @throws IOException when the raw file cannot be read
	 */
	public void read(final int band, final double[][] channels) throws IOException {
		final int w = header.width(), h = header.height(), m = header.depth(), length = header.dataLength();
		if (channels.length != m) throw new IllegalArgumentException("expected " + m + " channel arrays, got " + channels.length);
		final int y0 = bandY(band), rows = bandRows(band), n = w * rows;
		if (header.recordBy() == RippleHeader.RecordBy.VECTOR) {
			// rows of pixels, each its m values: read a few rows at a time
			final int rowsAtOnce = (int) Math.max(1, Math.min(rows, (RippleFile.CHUNK_BYTES / length) / ((long) w * m)));
			for (int r = 0; r < rows; r += rowsAtOnce) {
				final int count = Math.min(rowsAtOnce, rows - r);
				final ByteBuffer buffer = read(header.offset() + ((long) (y0 + r) * w * m) * length, (long) count * w * m * length);
				for (int p = 0; p < count * w; p++)
					for (int c = 0; c < m; c++)
						channels[c][r * w + p] = value(buffer);
			}
		}
		else for (int c = 0; c < m; c++) {
			final ByteBuffer buffer = read(header.offset() + ((long) c * w * h + (long) y0 * w) * length, (long) n * length);
			for (int p = 0; p < n; p++)
				channels[c][p] = value(buffer);
		}
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	// -- Helper methods --

	private ByteBuffer read(final long position, final long bytes) throws IOException {
		final ByteBuffer buffer = ByteBuffer.allocate((int) bytes).order(header.byteOrder());
		long at = position;
		while (buffer.hasRemaining()) {
			final int got = channel.read(buffer, at);
			if (got < 0) throw new IOException(file.rawPath() + " ended at byte " + at + ", expected " + header.rawBytes() + " bytes.");
			at += got;
		}
		buffer.flip();
		return buffer;
	}

	/** The next value, as ImageJ holds it: 8/16-bit unsigned exactly, others rounded to float. */
	private double value(final ByteBuffer b) {
		final int length = header.dataLength();
		switch (header.dataType()) {
			case UNSIGNED:
				if (length == 1) return b.get() & 0xff;
				if (length == 2) return b.getShort() & 0xffff;
				if (length == 4) return (float) (b.getInt() & 0xffffffffL);
				return RippleValues.unsignedToFloat(b.getLong());
			case SIGNED:
				if (length == 1) return b.get();
				if (length == 2) return b.getShort();
				if (length == 4) return (float) b.getInt();
				return (float) b.getLong();
			default:
				return length == 4 ? b.getFloat() : (float) b.getDouble();
		}
	}
}
