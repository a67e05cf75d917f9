package io.github.pixelclustering.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the pixels of the first image of a TIFF or BigTIFF file lie: its size, samples, compression and
 * the offset and byte count of each tile (or strip), read from its first image file directory only.
 * Strips are read as tiles as wide as the image.
 * <p>
 * What {@link TiledTiff} decodes: 8- or 16-bit unsigned samples, grey (min-is-black) with any number of
 * samples per pixel, or RGB; chunky or planar; uncompressed, Deflate, LZW or PackBits, with or without
 * the horizontal predictor; and JPEG tiles of 8-bit RGB or YCbCr (as whole-slide scanners write them). Anything else is refused with a message naming what the file holds.
 */
final class TiffLayout {

	/** Not a TIFF: the file. */
	static final String NOT_TIFF = "%s is not a TIFF or BigTIFF file (its first bytes are not II*/MM*).";
	/** A feature the tile reader does not decode: the file, what it holds. */
	static final String UNSUPPORTED = "%s cannot be read tile by tile: it holds %s; %s.";
	/** Missing tag: the file, the tag. */
	static final String MISSING = "%s has no %s tag in its first image.";

	/** The ImageDescription tag. */
	private static final int DESCRIPTION = 270;
	static final int NONE = 1, LZW = 5, JPEG = 7, DEFLATE = 8, DEFLATE_OLD = 32946, PACKBITS = 32773;

	final String name;
	final ByteOrder order;
	final boolean big;
	final int width, height, samples, bits, planar, compression, predictor, photometric;
	final int tileWidth, tileHeight;
	/** Tiles across and down; strips: one across. */
	final int across, down;
	final boolean tiled;
	final long[] offsets, byteCounts;
	/** JPEG tables shared by the tiles (JPEG compression), or null. */
	final byte[] jpegTables;
	/** The ImageDescription text, or null. */
	private final String description;

	/** A copy with other offsets. */
	private TiffLayout(final TiffLayout o, final long[] offsets) {
		name = o.name;
		order = o.order;
		big = o.big;
		width = o.width;
		height = o.height;
		samples = o.samples;
		bits = o.bits;
		planar = o.planar;
		compression = o.compression;
		predictor = o.predictor;
		photometric = o.photometric;
		tileWidth = o.tileWidth;
		tileHeight = o.tileHeight;
		across = o.across;
		down = o.down;
		tiled = o.tiled;
		this.offsets = offsets;
		byteCounts = o.byteCounts;
		jpegTables = o.jpegTables;
		description = o.description;
	}

	private TiffLayout(final String name, final ByteOrder order, final boolean big, final Map<Integer, long[]> tags, final String description) {
		this.description = description;
		this.name = name;
		this.order = order;
		this.big = big;
		width = (int) required(tags, 256, "ImageWidth");
		height = (int) required(tags, 257, "ImageLength");
		samples = (int) value(tags, 277, 1);
		final long[] bitsPerSample = tags.getOrDefault(258, new long[] { 1 });
		bits = (int) bitsPerSample[0];
		for (final long b : bitsPerSample)
			if (b != bits) throw unsupported("samples of different bit depths", "convert it to one bit depth");
		compression = (int) value(tags, 259, NONE);
		photometric = (int) required(tags, 262, "PhotometricInterpretation");
		planar = (int) value(tags, 284, 1);
		predictor = (int) value(tags, 317, 1);
		final int format = (int) value(tags, 339, 1);
		final long[] tables = tags.get(347);
		if (tables == null) jpegTables = null;
		else {
			jpegTables = new byte[tables.length];
			for (int i = 0; i < tables.length; i++)
				jpegTables[i] = (byte) tables[i];
		}
		tiled = tags.containsKey(322);
		if (tiled) {
			tileWidth = (int) required(tags, 322, "TileWidth");
			tileHeight = (int) required(tags, 323, "TileLength");
			offsets = tags.get(324);
			byteCounts = tags.get(325);
			if (offsets == null || byteCounts == null) throw new IllegalArgumentException(String.format(MISSING, name, "TileOffsets or TileByteCounts"));
		}
		else {
			tileWidth = width;
			tileHeight = (int) Math.min(value(tags, 278, height), height);
			offsets = tags.get(273);
			byteCounts = tags.get(279);
			if (offsets == null || byteCounts == null) throw new IllegalArgumentException(String.format(MISSING, name, "StripOffsets or StripByteCounts"));
		}
		if (width < 1 || height < 1 || tileWidth < 1 || tileHeight < 1) throw new IllegalArgumentException(name + " has an empty image or tile: " + width + "x" + height + ", tiles " + tileWidth + "x" + tileHeight + ".");
		across = (width + tileWidth - 1) / tileWidth;
		down = (height + tileHeight - 1) / tileHeight;
		if (bits != 8 && bits != 16) throw unsupported(bits + "-bit samples", "the tile reader takes 8- and 16-bit samples");
		if (format != 1) throw unsupported("samples of format " + format + " (signed or floating point)", "the tile reader takes unsigned integers");
		final boolean jpeg = compression == JPEG;
		if (jpeg && (bits != 8 || samples != 3 || planar != 1 || photometric != 2 && photometric != 6)) throw unsupported("JPEG tiles of " + samples + " samples of " + bits + " bits, photometric " + photometric + ", planar " + planar, "the tile reader decodes JPEG tiles of 8-bit RGB or YCbCr, chunky");
		if (photometric != 1 && photometric != 2 && !(jpeg && photometric == 6)) throw unsupported("photometric interpretation " + photometric + " (" + photometricName(photometric) + ")", "the tile reader takes grey (min-is-black) and RGB images");
		if (photometric == 2 && samples < 3) throw unsupported("RGB with " + samples + " samples per pixel", "RGB needs 3");
		if (compression != NONE && compression != LZW && compression != JPEG && compression != DEFLATE && compression != DEFLATE_OLD && compression != PACKBITS) throw unsupported("compression " + compression + (compression == 6 ? " (old-style JPEG)" : compression == 33003 || compression == 33005 ? " (JPEG 2000)" : ""), "the tile reader decodes uncompressed, LZW, Deflate, PackBits and JPEG data (e.g. tiffcp -c zip converts)");
		if (predictor != 1 && predictor != 2) throw unsupported("predictor " + predictor, "the tile reader takes none or horizontal differencing");
		if (planar != 1 && planar != 2) throw unsupported("planar configuration " + planar, "it must be 1 or 2");
		final long chunks = (long) across * down * (planar == 2 ? samples : 1);
		if (offsets.length < chunks || byteCounts.length < chunks) throw new IllegalArgumentException(name + " declares " + offsets.length + " tile or strip offsets, but its size needs " + chunks + ".");
	}

	/** @return the decoded bytes of one tile (or full strip) of one plane (planar) or of all samples (chunky) */
	int chunkBytes() {
		return tileWidth * tileHeight * (planar == 2 ? 1 : samples) * (bits / 8);
	}

	/** @return the index of a tile's data in the offsets (planar: plane {@code plane} of it) */
	int chunk(final int tileX, final int tileY, final int plane) {
		return plane * across * down + tileY * across + tileX;
	}

	/**
	 * Reads the first image file directory.
	 *
	 * @param channel the open file
	 * @param name the file's name, for messages
	 * @return the layout
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when it is not a TIFF or holds what the tile reader does not decode
	 */
	static TiffLayout read(final FileChannel channel, final String name) throws IOException {
		final Head head = Head.read(channel, name);
		return read(channel, name, head, head.first);
	}

	/** The file header: byte order, BigTIFF or not, where the first image file directory is. */
	static final class Head {

		final ByteOrder order;
		final boolean big;
		final long first;

		private Head(final ByteOrder order, final boolean big, final long first) {
			this.order = order;
			this.big = big;
			this.first = first;
		}

		static Head read(final FileChannel channel, final String name) throws IOException {
			final ByteBuffer head = ByteBuffer.allocate(16);
			readFully(channel, head, 0, name);
			final ByteOrder order;
			if (head.get(0) == 'I' && head.get(1) == 'I') order = ByteOrder.LITTLE_ENDIAN;
			else if (head.get(0) == 'M' && head.get(1) == 'M') order = ByteOrder.BIG_ENDIAN;
			else throw new IllegalArgumentException(String.format(NOT_TIFF, name));
			head.order(order);
			final int magic = head.getShort(2) & 0xffff;
			if (magic == 42) return new Head(order, false, head.getInt(4) & 0xffffffffL);
			if (magic == 43 && head.getShort(4) == 8) return new Head(order, true, head.getLong(8));
			throw new IllegalArgumentException(String.format(NOT_TIFF, name));
		}

		/** @return the number of entries of the directory at {@code ifd}, checked */
		long entries(final FileChannel channel, final String name, final long ifd) throws IOException {
			final ByteBuffer countBuffer = ByteBuffer.allocate(big ? 8 : 2).order(order);
			readFully(channel, countBuffer, ifd, name);
			final long count = big ? countBuffer.getLong(0) : countBuffer.getShort(0) & 0xffff;
			if (count < 1 || count > 10000) throw new IllegalArgumentException(name + " has a broken image file directory (" + count + " entries).");
			return count;
		}

		/** @return where the directory after the one at {@code ifd} is, 0 for none */
		long next(final FileChannel channel, final String name, final long ifd) throws IOException {
			final long count = entries(channel, name, ifd);
			final ByteBuffer next = ByteBuffer.allocate(big ? 8 : 4).order(order);
			readFully(channel, next, ifd + (big ? 8 : 2) + count * (big ? 20 : 12), name);
			return big ? next.getLong(0) : next.getInt(0) & 0xffffffffL;
		}
	}

	/**
	 * Reads the image file directory at {@code ifd}.
	 *
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when it holds what the tile reader does not decode
	 */
	static TiffLayout read(final FileChannel channel, final String name, final Head head, final long ifd) throws IOException {
		final ByteOrder order = head.order;
		final boolean big = head.big;
		final int entrySize = big ? 20 : 12;
		final long count = head.entries(channel, name, ifd);
		final ByteBuffer entries = ByteBuffer.allocate((int) count * entrySize).order(order);
		readFully(channel, entries, ifd + (big ? 8 : 2), name);
		final Map<Integer, long[]> tags = new HashMap<>();
		String description = null;
		for (int i = 0; i < count; i++) {
			final int at = i * entrySize;
			final int tag = entries.getShort(at) & 0xffff;
			final int type = entries.getShort(at + 2) & 0xffff;
			final long n = big ? entries.getLong(at + 4) : entries.getInt(at + 4) & 0xffffffffL;
			final int size = tag == DESCRIPTION && type == 2 ? 1 : typeSize(type);
			if (size == 0 || !wanted(tag)) continue;
			if (n > Integer.MAX_VALUE / 8) throw new IllegalArgumentException(name + ": tag " + tag + " has " + n + " values.");
			final int inline = big ? 8 : 4;
			final ByteBuffer values;
			if (n * size <= inline) {
				values = entries.duplicate().order(order);
				values.position(at + (big ? 12 : 8));
			}
			else {
				final long offset = big ? entries.getLong(at + 12) : entries.getInt(at + 8) & 0xffffffffL;
				values = ByteBuffer.allocate((int) n * size).order(order);
				readFully(channel, values, offset, name);
				values.flip();
			}
			if (tag == DESCRIPTION) {
				final byte[] text = new byte[(int) n];
				values.get(text);
				description = new String(text, StandardCharsets.ISO_8859_1);
				continue;
			}
			final long[] v = new long[(int) n];
			for (int j = 0; j < n; j++)
				v[j] = size == 1 ? values.get() & 0xff : size == 2 ? values.getShort() & 0xffff : size == 4 ? values.getInt() & 0xffffffffL : values.getLong();
			tags.put(tag, v);
		}
		return new TiffLayout(name, order, big, tags, description);
	}

	/**
	 * @return the layout of image {@code page} of a file that ImageJ wrote with one directory for all its
	 *         images (it does so for stacks over 4 GB): the same tags, the pixels {@code page} images on
	 */
	TiffLayout contiguous(final int page) {
		final long bytes = (long) width * height * samples * (bits / 8);
		final long[] shifted = new long[offsets.length];
		for (int i = 0; i < offsets.length; i++)
			shifted[i] = offsets[i] + page * bytes;
		return new TiffLayout(this, shifted);
	}

	/**
	 * @return the number of images an ImageJ TIFF says it holds ({@code images=} of its description), 1
	 *         when it does not say
	 */
	int imageJImages() {
		return imageJ("images", 1);
	}

	/**
	 * @param key a key of ImageJ's description ({@code images}, {@code channels}, {@code slices},
	 *        {@code frames})
	 * @return its whole value, at least 1, or {@code otherwise} when the file is not ImageJ's or does not say
	 */
	int imageJ(final String key, final int otherwise) {
		if (description == null || !description.startsWith("ImageJ=")) return otherwise;
		for (final String line : description.split("\\n"))
			if (line.startsWith(key + "=")) try {
				return Math.max(1, Integer.parseInt(line.substring(key.length() + 1).trim()));
			}
			catch (final NumberFormatException e) {
				return otherwise;
			}
		return otherwise;
	}

	/** @return whether the pixels of all images follow each other, uncompressed, from the first strip on */
	boolean contiguous() {
		if (compression != NONE || tiled) return false;
		long at = offsets[0];
		for (int i = 0; i < offsets.length; i++) {
			if (offsets[i] != at) return false;
			at += byteCounts[i];
		}
		return true;
	}

	// -- Helper methods --

	private IllegalArgumentException unsupported(final String what, final String why) {
		return new IllegalArgumentException(String.format(UNSUPPORTED, name, what, why));
	}

	private long required(final Map<Integer, long[]> tags, final int tag, final String tagName) {
		final long[] v = tags.get(tag);
		if (v == null || v.length == 0) throw new IllegalArgumentException(String.format(MISSING, name, tagName));
		return v[0];
	}

	private static long value(final Map<Integer, long[]> tags, final int tag, final long otherwise) {
		final long[] v = tags.get(tag);
		return v == null || v.length == 0 ? otherwise : v[0];
	}

	private static boolean wanted(final int tag) {
		return tag >= 256 && tag <= 262 || tag == DESCRIPTION || tag == 273 || tag == 277 || tag == 278 || tag == 279 || tag == 284 || tag == 317 || tag >= 322 && tag <= 325 || tag == 339 || tag == 347;
	}

	/** @return bytes of one value of an integer TIFF type, 0 for types the layout does not read */
	private static int typeSize(final int type) {
		switch (type) {
			case 1: // BYTE
			case 6: // SBYTE
			case 7: // UNDEFINED (JPEG tables)
				return 1;
			case 3: // SHORT
			case 8: // SSHORT
				return 2;
			case 4: // LONG
			case 9: // SLONG
			case 13: // IFD
				return 4;
			case 16: // LONG8
			case 17: // SLONG8
			case 18: // IFD8
				return 8;
			default:
				return 0;
		}
	}

	private static String photometricName(final int p) {
		switch (p) {
			case 0:
				return "min-is-white";
			case 3:
				return "palette";
			case 4:
				return "mask";
			case 5:
				return "CMYK";
			case 6:
				return "YCbCr";
			case 8:
				return "CIELAB";
			default:
				return "other";
		}
	}

	static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position, final String name) throws IOException {
		long at = position;
		while (buffer.hasRemaining()) {
			final int n = channel.read(buffer, at);
			if (n < 0) throw new IllegalArgumentException(name + " is truncated: it ends before byte " + (at + buffer.remaining()) + ".");
			at += n;
		}
	}
}
