package io.github.pixelclustering.io;

import io.github.pixelclustering.core.TaskRunner;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The first image of a TIFF or BigTIFF file, read band by band, never whole: a band is one row of tiles
 * (a tiled file) or a few strips (a striped file), the whole width of the image. Memory: one band, plus
 * one decoded tile per thread.
 * <p>
 * Why not a library: TwelveMonkeys' TIFF reader (3.12 to 3.14) decodes every tile above the region it
 * is asked for (reading a 20,000 x 20,000 tiled image band by band took 176 s, against a few seconds
 * for its pixels) and fails on regions narrower than the image (its issue 746); Apache Commons Imaging
 * (1.0.0-alpha6) reads every tile's bytes into memory when it opens the file; the JDK's TIFF reader has
 * no BigTIFF. What this reader decodes is listed in {@code TiffLayout}; the tests check it against
 * TwelveMonkeys' whole-image read and against files written by tifffile and libtiff.
 * <p>
 * Thread-safe: bands and tiles can be read from several threads at once (positional reads).
 */
public final class TiledTiff implements Closeable {

	/** Rows a band of strips holds at least (strips are often a few rows each). */
	static final int BAND_ROWS = 256;

	private final FileChannel channel;
	private final TiffLayout layout;
	private final int stripsPerBand;

	/** Whether {@link #close} closes the channel (not for a page of {@link TiffPages}, which does). */
	private final boolean owner;

	private TiledTiff(final FileChannel channel, final TiffLayout layout) {
		this(channel, layout, true);
	}

	TiledTiff(final FileChannel channel, final TiffLayout layout, final boolean owner) {
		this.owner = owner;
		this.channel = channel;
		this.layout = layout;
		this.stripsPerBand = layout.tiled ? 1 : Math.max(1, (BAND_ROWS + layout.tileHeight - 1) / layout.tileHeight);
	}

	/**
	 * Opens a file and reads its first image file directory.
	 *
	 * @param file a TIFF or BigTIFF file
	 * @return the reader; close it
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException naming the file, when it is not a TIFF or holds what this reader does
	 *         not decode (see {@code TiffLayout})
	 */
	public static TiledTiff open(final File file) throws IOException {
		final FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ);
		try {
			return new TiledTiff(channel, TiffLayout.read(channel, file.getName()));
		}
		catch (final IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	/** @return pixels across */
	public int width() {
		return layout.width;
	}

	/** @return pixels down */
	public int height() {
		return layout.height;
	}

	/** @return samples per pixel (3 or more for RGB, extra samples such as alpha included) */
	public int samples() {
		return layout.samples;
	}

	/** @return bits per sample, 8 or 16 */
	public int bitsPerSample() {
		return layout.bits;
	}

	/** @return whether the image is 8-bit RGB (what {@link #readRgb} reads) */
	public boolean rgb() {
		return (layout.photometric == 2 || layout.photometric == 6) && layout.bits == 8;
	}

	/** @return whether the file is tiled (else striped) */
	public boolean tiled() {
		return layout.tiled;
	}

	/** @return whether the file is a BigTIFF */
	public boolean bigTiff() {
		return layout.big;
	}

	/** @return the tile width (a strip: the image width) */
	public int tileWidth() {
		return layout.tileWidth;
	}

	/** @return the tile height (a strip: its rows) */
	public int tileHeight() {
		return layout.tileHeight;
	}

	/** @return the number of bands */
	public int bands() {
		return (layout.down + stripsPerBand - 1) / stripsPerBand;
	}

	/** @return the first row of a band */
	public int bandY(final int band) {
		return band * stripsPerBand * layout.tileHeight;
	}

	/** @return the rows of a band (the last may have fewer) */
	public int bandRows(final int band) {
		return Math.min(stripsPerBand * layout.tileHeight, layout.height - bandY(band));
	}

	/** @return the most rows a band has */
	public int maxBandRows() {
		return bandRows(0);
	}

	/**
	 * Reads a band of an 8-bit RGB image as ARGB (alpha 255; samples after the third are ignored).
	 *
	 * @param band the band, 0 to {@link #bands()} - 1
	 * @param argb receives the band's pixels, row after row, {@code width()} per row (at least
	 *        {@code width() * bandRows(band)} long)
	 * @param tasks the threads that decode its tiles
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when the image is not 8-bit RGB or a tile is damaged
	 */
	public void readRgb(final int band, final int[] argb, final TaskRunner tasks) throws IOException {
		if (!rgb()) throw new IllegalArgumentException(layout.name + " is not an 8-bit RGB image: it has " + layout.samples + " samples of " + layout.bits + " bits (photometric " + layout.photometric + ").");
		forEachChunk(band, tasks, (tileX, tileY, rows, chunk, planes) -> {
			final int x0 = tileX * layout.tileWidth;
			final int w = Math.min(layout.tileWidth, layout.width - x0);
			final int rowInBand = tileY * layout.tileHeight - bandY(band);
			final int s = layout.samples;
			for (int r = 0; r < rows; r++) {
				int out = (rowInBand + r) * layout.width + x0;
				if (planes == null) {
					int p = r * layout.tileWidth * s;
					for (int x = 0; x < w; x++, p += s)
						argb[out++] = 0xff000000 | (chunk[p] & 0xff) << 16 | (chunk[p + 1] & 0xff) << 8 | chunk[p + 2] & 0xff;
				}
				else {
					final byte[] red = planes[0], green = planes[1], blue = planes[2];
					int p = r * layout.tileWidth;
					for (int x = 0; x < w; x++, p++)
						argb[out++] = 0xff000000 | (red[p] & 0xff) << 16 | (green[p] & 0xff) << 8 | blue[p] & 0xff;
				}
			}
		});
	}

	/**
	 * Reads a band as one array per sample (channel).
	 *
	 * @param band the band, 0 to {@link #bands()} - 1
	 * @param channels one array per sample, {@code byte[]} (8-bit) or {@code short[]} (16-bit, unsigned
	 *        values), each at least {@code width() * bandRows(band)} long
	 * @param tasks the threads that decode its tiles
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when the arrays do not match the samples or a tile is damaged
	 */
	public void readChannels(final int band, final Object[] channels, final TaskRunner tasks) throws IOException {
		requireChannelArrays(channels);
		forEachChunk(band, tasks, (tileX, tileY, rows, chunk, planes) -> copy(tileX, 0, rows, chunk, planes, channels, tileY * layout.tileHeight - bandY(band)));
	}

	/**
	 * Reads rows {@code y0} to {@code y0 + rows - 1} as one array per sample, whatever the bands: the tiles
	 * or strips they cross are decoded (an uncompressed strip is read only where the rows are), so a few
	 * rows of each page of a stack can be read without a whole band of each.
	 *
	 * @param channels one array per sample, {@code byte[]} (8-bit) or {@code short[]} (16-bit, unsigned
	 *        values), each at least {@code width() * rows} long
	 * @param tasks the threads that decode its tiles
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when the rows are outside the image, the arrays do not match the
	 *         samples, or a tile is damaged
	 */
	public void readRows(final int y0, final int rows, final Object[] channels, final TaskRunner tasks) throws IOException {
		if (y0 < 0 || rows < 1 || y0 + rows > layout.height) throw new IllegalArgumentException("rows " + y0 + " to " + (y0 + rows - 1) + " of " + layout.name + " do not exist: it has " + layout.height);
		requireChannelArrays(channels);
		final List<Runnable> work = new ArrayList<>();
		final IOException[] failure = new IOException[1];
		for (int ty = y0 / layout.tileHeight; ty * layout.tileHeight < y0 + rows; ty++)
			for (int tx = 0; tx < layout.across; tx++) {
				final int tileX = tx, tileY = ty;
				work.add(() -> {
					try {
						final int top = tileY * layout.tileHeight;
						final int chunkRows = Math.min(layout.tileHeight, layout.height - top);
						final int from = Math.max(y0, top), to = Math.min(y0 + rows, top + chunkRows);
						if (layout.compression == TiffLayout.NONE && layout.predictor == 1 && !layout.tiled && layout.planar == 1) {
							// read the rows alone
							final int rowBytes = layout.width * layout.samples * (layout.bits / 8);
							final byte[] part = new byte[(to - from) * rowBytes];
							TiffLayout.readFully(channel, ByteBuffer.wrap(part), layout.offsets[layout.chunk(0, tileY, 0)] + (long) (from - top) * rowBytes, layout.name);
							copy(0, 0, to - from, part, null, channels, from - y0);
							return;
						}
						final byte[] chunk;
						final byte[][] planes;
						if (layout.planar == 2) {
							chunk = null;
							planes = new byte[layout.samples][];
							for (int p = 0; p < layout.samples; p++)
								planes[p] = decode(layout.chunk(tileX, tileY, p), chunkRows);
						}
						else {
							chunk = decode(layout.chunk(tileX, tileY, 0), chunkRows);
							planes = null;
						}
						copy(tileX, from - top, to - from, chunk, planes, channels, from - y0);
					}
					catch (final IOException e) {
						synchronized (failure) {
							if (failure[0] == null) failure[0] = e;
						}
					}
				});
			}
		tasks.runAll(work);
		if (failure[0] != null) throw failure[0];
	}

	private void requireChannelArrays(final Object[] channels) {
		if (channels.length != layout.samples) throw new IllegalArgumentException("expected " + layout.samples + " channel arrays for " + layout.name + ", got " + channels.length);
		final boolean bytes = layout.bits == 8;
		for (final Object c : channels)
			if (bytes ? !(c instanceof byte[]) : !(c instanceof short[])) throw new IllegalArgumentException("expected " + (bytes ? "byte[]" : "short[]") + " arrays for the " + layout.bits + "-bit samples of " + layout.name);
	}

	/**
	 * Copies {@code rows} rows of a decoded tile, from its row {@code firstRow}, into the channel arrays
	 * from their row {@code outRow}.
	 */
	private void copy(final int tileX, final int firstRow, final int rows, final byte[] chunk, final byte[][] planes, final Object[] channels, final int outRow) {
		final boolean little = layout.order == ByteOrder.LITTLE_ENDIAN;
		final int x0 = tileX * layout.tileWidth;
		final int w = Math.min(layout.tileWidth, layout.width - x0);
		final int s = layout.samples;
		for (int c = 0; c < s; c++) {
			final byte[] source = planes == null ? chunk : planes[c];
			final int step = planes == null ? s : 1;
			final int start = planes == null ? c : 0;
			for (int r = 0; r < rows; r++) {
				final int out = (outRow + r) * layout.width + x0;
				final int p = (firstRow + r) * layout.tileWidth * step + start;
				if (layout.bits == 8) {
					final byte[] into = (byte[]) channels[c];
					for (int x = 0; x < w; x++)
						into[out + x] = source[p + x * step];
				}
				else {
					final short[] into = (short[]) channels[c];
					for (int x = 0; x < w; x++)
						into[out + x] = (short) TiffCodecs.short16(source, 2 * (p + x * step), little);
				}
			}
		}
	}

	@Override
	public void close() throws IOException {
		if (owner) channel.close();
	}

	// -- Helper methods --

	/** Receives one decoded tile: chunky samples in {@code chunk}, or one array per plane. */
	private interface ChunkConsumer {

		void accept(int tileX, int tileY, int rows, byte[] chunk, byte[][] planes);
	}

	/** Decodes the tiles of a band, several at once, each handed to the consumer on its thread. */
	private void forEachChunk(final int band, final TaskRunner tasks, final ChunkConsumer consumer) throws IOException {
		if (band < 0 || band >= bands()) throw new IllegalArgumentException("band " + band + " of " + layout.name + " does not exist: it has " + bands());
		final int firstTileY = band * stripsPerBand;
		final int lastTileY = Math.min(layout.down, firstTileY + stripsPerBand);
		final List<Runnable> work = new ArrayList<>();
		final IOException[] failure = new IOException[1];
		for (int ty = firstTileY; ty < lastTileY; ty++)
			for (int tx = 0; tx < layout.across; tx++) {
				final int tileX = tx, tileY = ty;
				work.add(() -> {
					try {
						final int rows = Math.min(layout.tileHeight, layout.height - tileY * layout.tileHeight);
						if (layout.planar == 2) {
							final byte[][] planes = new byte[layout.samples][];
							for (int p = 0; p < layout.samples; p++)
								planes[p] = decode(layout.chunk(tileX, tileY, p), rows);
							consumer.accept(tileX, tileY, rows, null, planes);
						}
						else consumer.accept(tileX, tileY, rows, decode(layout.chunk(tileX, tileY, 0), rows), null);
					}
					catch (final IOException e) {
						synchronized (failure) {
							if (failure[0] == null) failure[0] = e;
						}
					}
				});
			}
		tasks.runAll(work);
		if (failure[0] != null) throw failure[0];
	}

	/** @return the decoded bytes of one chunk; a strip at the end: its rows only */
	private byte[] decode(final int chunk, final int rows) throws IOException {
		final long count = layout.byteCounts[chunk];
		if (count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(layout.name + " has a tile of " + count + " bytes.");
		final byte[] stored = new byte[(int) count];
		TiffLayout.readFully(channel, ByteBuffer.wrap(stored), layout.offsets[chunk], layout.name);
		final int rowsStored = layout.tiled ? layout.tileHeight : rows;
		if (layout.compression == TiffLayout.JPEG) return TiffJpeg.decode(layout.jpegTables, stored, layout.tileWidth, rowsStored, layout.chunkBytes(), layout.name);
		final byte[] decoded = new byte[layout.chunkBytes()];
		final int bytesPerSample = layout.bits / 8;
		final int samples = layout.planar == 2 ? 1 : layout.samples;
		final int expected = rowsStored * layout.tileWidth * samples * bytesPerSample;
		TiffCodecs.decode(layout.compression, stored, stored.length, decoded, expected, layout.name);
		if (layout.predictor == 2) TiffCodecs.undoPredictor(decoded, rowsStored, layout.tileWidth, samples, bytesPerSample, layout.order);
		return decoded;
	}
}
