package io.github.pixelclustering.io;

import io.github.pixelclustering.core.TaskRunner;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Writes an image as a tiled BigTIFF, rows after rows, never holding more than one row of tiles: 8- or
 * 16-bit grey (label images) or 8-bit RGB, Deflate-compressed or not, little-endian, one image. Tifffile,
 * libtiff and Bio-Formats read it; {@link TiledTiff} reads it back.
 * <p>
 * The layout: the 16-byte BigTIFF header, the tiles in row-major order, then the image file directory
 * and its arrays (tile offsets and byte counts), whose offset the header receives when the writer is
 * {@link #finish() finished}. A writer that is closed before it is finished leaves a file no reader takes
 * for complete (its directory offset is 0): write to a temporary name ({@link AtomicFiles}).
 */
public final class TiledTiffWriter implements Closeable {

	/** Tile width and height by default. */
	public static final int TILE = 512;

	private static final byte[] SOFTWARE = "Pixel Clustering\0".getBytes(StandardCharsets.US_ASCII);

	private final FileChannel channel;
	private final int width, height, samples, bits, tile, level;
	private final int across, down;
	private final long[] offsets, byteCounts;
	/** One row of tiles as rows of the image: tile rows x width x samples samples. */
	private final byte[] buffer;
	private final int bytesPerPixel;
	private int rowsBuffered;
	private int rowsWritten;
	private long end = 16;
	private boolean finished;

	/**
	 * Creates the file (replacing one there) and writes its header.
	 *
	 * @param file where to write
	 * @param width pixels across
	 * @param height pixels down
	 * @param samples 1 (grey) or 3 (RGB)
	 * @param bits 8 or 16 (grey only)
	 * @param tile tile width and height, a multiple of 16
	 * @param level Deflate level 1 to 9, or 0 for no compression
	 * @throws IOException when the file cannot be created
	 */
	public TiledTiffWriter(final File file, final int width, final int height, final int samples, final int bits, final int tile, final int level) throws IOException {
		if (width < 1 || height < 1) throw new IllegalArgumentException("expected a size of at least 1 x 1, got " + width + " x " + height);
		if (!(samples == 1 && (bits == 8 || bits == 16) || samples == 3 && bits == 8)) throw new IllegalArgumentException("expected 8- or 16-bit grey or 8-bit RGB, got " + samples + " samples of " + bits + " bits");
		if (tile < 16 || tile % 16 != 0) throw new IllegalArgumentException("expected a tile size that is a multiple of 16, got " + tile);
		if (level < 0 || level > 9) throw new IllegalArgumentException("expected a Deflate level of 0 to 9, got " + level);
		this.width = width;
		this.height = height;
		this.samples = samples;
		this.bits = bits;
		this.tile = tile;
		this.level = level;
		this.across = (width + tile - 1) / tile;
		this.down = (height + tile - 1) / tile;
		this.offsets = new long[across * down];
		this.byteCounts = new long[across * down];
		this.bytesPerPixel = samples * bits / 8;
		this.buffer = new byte[tile * width * bytesPerPixel];
		this.channel = FileChannel.open(file.toPath(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
		final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
		header.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(0);
		header.flip();
		write(header, 0);
	}

	/** @return rows written so far (buffered included) */
	public int rows() {
		return rowsWritten + rowsBuffered;
	}

	/**
	 * Appends rows of pixels.
	 *
	 * @param pixels {@code byte[]} (8-bit; RGB: R, G, B of each pixel) or {@code short[]} (16-bit), the
	 *        rows one after the other, {@code width} pixels each
	 * @param offset index of the first value of the first row
	 * @param rowCount how many rows
	 * @param tasks the threads that compress the tiles
	 * @throws IOException when the file cannot be written
	 */
	public void writeRows(final Object pixels, final int offset, final int rowCount, final TaskRunner tasks) throws IOException {
		if (finished) throw new IllegalStateException("the image is finished");
		if (rows() + rowCount > height) throw new IllegalArgumentException("expected at most " + (height - rows()) + " more rows, got " + rowCount);
		final int rowValues = width * samples;
		if (bits == 8 ? !(pixels instanceof byte[]) : !(pixels instanceof short[])) throw new IllegalArgumentException("expected " + (bits == 8 ? "byte[]" : "short[]") + " pixels, got " + (pixels == null ? "null" : pixels.getClass().getSimpleName()));
		for (int r = 0; r < rowCount; r++) {
			final int from = offset + r * rowValues;
			final int to = rowsBuffered * width * bytesPerPixel;
			if (bits == 8) System.arraycopy(pixels, from, buffer, to, rowValues);
			else {
				final short[] s = (short[]) pixels;
				for (int i = 0; i < rowValues; i++) {
					buffer[to + 2 * i] = (byte) s[from + i];
					buffer[to + 2 * i + 1] = (byte) (s[from + i] >>> 8);
				}
			}
			if (++rowsBuffered == tile || rowsWritten + rowsBuffered == height) flush(tasks);
		}
	}

	/**
	 * Writes the image file directory and points the header at it: the file is then complete.
	 *
	 * @throws IOException when the file cannot be written
	 * @throws IllegalStateException when rows are missing
	 */
	public void finish() throws IOException {
		if (finished) return;
		if (rows() != height) throw new IllegalStateException("expected " + height + " rows, got " + rows());
		final List<long[]> entries = new ArrayList<>(); // tag, type, count, value or offset
		final int n = offsets.length;
		// out-of-line data after the directory: software name, bits per sample (RGB), offsets, byte counts
		final int entryCount = 13;
		final long directory = end;
		long extra = directory + 8 + entryCount * 20L + 8;
		final long software = extra;
		extra += SOFTWARE.length;
		final long offsetsAt = n > 1 ? extra : -1;
		if (n > 1) extra += 8L * n;
		final long countsAt = n > 1 ? extra : -1;
		entries.add(new long[] { 256, 4, 1, width });
		entries.add(new long[] { 257, 4, 1, height });
		entries.add(new long[] { 258, 3, samples, samples == 1 ? bits : bits | (long) bits << 16 | (long) bits << 32 });
		entries.add(new long[] { 259, 3, 1, level == 0 ? 1 : 8 });
		entries.add(new long[] { 262, 3, 1, samples == 3 ? 2 : 1 });
		entries.add(new long[] { 277, 3, 1, samples });
		entries.add(new long[] { 284, 3, 1, 1 });
		entries.add(new long[] { 305, 2, SOFTWARE.length, software });
		entries.add(new long[] { 322, 4, 1, tile });
		entries.add(new long[] { 323, 4, 1, tile });
		entries.add(new long[] { 324, 16, n, n > 1 ? offsetsAt : offsets[0] });
		entries.add(new long[] { 325, 16, n, n > 1 ? countsAt : byteCounts[0] });
		entries.add(new long[] { 339, 3, samples, samples == 1 ? 1 : 1 | 1L << 16 | 1L << 32 });
		final ByteBuffer ifd = ByteBuffer.allocate((int) (extra - directory + (n > 1 ? 8L * n : 0))).order(ByteOrder.LITTLE_ENDIAN);
		ifd.putLong(entryCount);
		for (final long[] e : entries)
			ifd.putShort((short) e[0]).putShort((short) e[1]).putLong(e[2]).putLong(e[3]);
		ifd.putLong(0); // no next image
		ifd.put(SOFTWARE);
		if (n > 1) {
			for (final long o : offsets)
				ifd.putLong(o);
			for (final long c : byteCounts)
				ifd.putLong(c);
		}
		ifd.flip();
		write(ifd, directory);
		final ByteBuffer pointer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, directory);
		write(pointer, 8);
		channel.force(false);
		finished = true;
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}

	// -- Helper methods --

	/** Compresses the buffered row of tiles (several tiles at once) and appends them in order. */
	private void flush(final TaskRunner tasks) throws IOException {
		appendTiles(encodeRow(buffer, width, rowsBuffered, bytesPerPixel, tile, level, tasks), rowsBuffered);
		Arrays.fill(buffer, (byte) 0);
	}

	/**
	 * Appends one row of tiles encoded elsewhere by {@link #encode} (on another machine, say) with this
	 * writer's width, bits, tile size and level: the file is then byte for byte the one
	 * {@link #writeRows} makes of the same pixels.
	 *
	 * @param tiles the encoded tiles of the next row of tiles, left to right
	 * @throws IOException when the file cannot be written
	 * @throws IllegalArgumentException when rows are buffered or the row has another number of tiles
	 */
	public void writeEncodedRow(final byte[][] tiles) throws IOException {
		if (finished) throw new IllegalStateException("the image is finished");
		if (rowsBuffered != 0) throw new IllegalArgumentException("expected rows on a tile boundary, got " + rows() + " rows with tile height " + tile);
		if (tiles.length != across) throw new IllegalArgumentException("expected a row of " + across + " tiles, got " + tiles.length);
		final int rows = Math.min(tile, height - rowsWritten);
		if (rows <= 0) throw new IllegalArgumentException("expected no more rows: the image has " + height);
		appendTiles(tiles, rows);
	}

	/**
	 * Encodes rows of pixels as rows of tiles, as {@link #writeRows} does, without a file.
	 *
	 * @param pixels {@code byte[]} (8-bit) or {@code short[]} (16-bit grey) rows of {@code width} pixels
	 * @param width pixels across
	 * @param rowCount rows: a multiple of {@code tile}, or fewer at the end of the image
	 * @param samples 1 or 3
	 * @param bits 8 or 16
	 * @param tile tile width and height
	 * @param level Deflate level
	 * @param tasks the threads that compress the tiles
	 * @return for each row of tiles, its encoded tiles left to right
	 */
	public static byte[][][] encode(final Object pixels, final int width, final int rowCount, final int samples, final int bits, final int tile, final int level, final TaskRunner tasks) {
		final int bytesPerPixel = samples * bits / 8;
		final int rowValues = width * samples;
		final byte[][][] out = new byte[(rowCount + tile - 1) / tile][][];
		final byte[] buffer = new byte[tile * width * bytesPerPixel];
		for (int t = 0; t < out.length; t++) {
			final int rows = Math.min(tile, rowCount - t * tile);
			Arrays.fill(buffer, (byte) 0);
			final int from = t * tile * rowValues;
			if (bits == 8) System.arraycopy(pixels, from, buffer, 0, rows * rowValues);
			else {
				final short[] s = (short[]) pixels;
				for (int i = 0; i < rows * rowValues; i++) {
					buffer[2 * i] = (byte) s[from + i];
					buffer[2 * i + 1] = (byte) (s[from + i] >>> 8);
				}
			}
			out[t] = encodeRow(buffer, width, rows, bytesPerPixel, tile, level, tasks);
		}
		return out;
	}

	/** Encodes one row of tiles of a buffer of {@code rows} image rows (zeros below): each tile trimmed. */
	private static byte[][] encodeRow(final byte[] buffer, final int width, final int rows, final int bytesPerPixel, final int tile, final int level, final TaskRunner tasks) {
		final int across = (width + tile - 1) / tile;
		final byte[][] compressed = new byte[across][];
		final List<Runnable> work = new ArrayList<>();
		for (int tx = 0; tx < across; tx++) {
			final int tileX = tx;
			work.add(() -> {
				final byte[] raw = new byte[tile * tile * bytesPerPixel];
				final int x0 = tileX * tile;
				final int w = Math.min(tile, width - x0);
				for (int r = 0; r < rows; r++)
					System.arraycopy(buffer, (r * width + x0) * bytesPerPixel, raw, r * tile * bytesPerPixel, w * bytesPerPixel);
				if (level == 0) {
					compressed[tileX] = raw;
					return;
				}
				final Deflater deflater = new Deflater(level);
				try {
					deflater.setInput(raw);
					deflater.finish();
					byte[] out = new byte[raw.length / 4 + 64];
					int length = 0;
					while (!deflater.finished()) {
						if (length == out.length) out = Arrays.copyOf(out, out.length * 2);
						length += deflater.deflate(out, length, out.length - length);
					}
					compressed[tileX] = Arrays.copyOf(out, length);
				}
				finally {
					deflater.end();
				}
			});
		}
		tasks.runAll(work);
		return compressed;
	}

	/** Appends a row of encoded tiles covering {@code rows} image rows. */
	private void appendTiles(final byte[][] compressed, final int rows) throws IOException {
		final int tileY = rowsWritten / tile;
		for (int tx = 0; tx < across; tx++) {
			final int index = tileY * across + tx;
			offsets[index] = end;
			byteCounts[index] = compressed[tx].length;
			write(ByteBuffer.wrap(compressed[tx]), end);
			end += compressed[tx].length;
		}
		rowsWritten += rows;
		rowsBuffered = 0;
	}

	private void write(final ByteBuffer data, final long position) throws IOException {
		long at = position;
		while (data.hasRemaining())
			at += channel.write(data, at);
	}
}
