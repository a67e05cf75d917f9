package io.github.pixelclustering.io;

import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The decompressions of TIFF tiles and strips that {@link TiledTiff} reads (none, LZW, Deflate,
 * PackBits) and the horizontal predictor. Each call works on one chunk, so chunks decode in parallel.
 */
final class TiffCodecs {

	private TiffCodecs() {}

	/**
	 * Decodes one chunk.
	 *
	 * @param compression the TIFF compression code
	 * @param in the stored bytes
	 * @param length how many of them
	 * @param out receives the decoded bytes
	 * @param expected how many decoded bytes the chunk must give (at most out.length)
	 * @param name the file, for messages
	 * @return the decoded bytes (at least {@code expected}, else an exception)
	 */
	static int decode(final int compression, final byte[] in, final int length, final byte[] out, final int expected, final String name) {
		final int n;
		switch (compression) {
			case TiffLayout.NONE:
				n = Math.min(length, expected);
				System.arraycopy(in, 0, out, 0, n);
				break;
			case TiffLayout.DEFLATE:
			case TiffLayout.DEFLATE_OLD:
				n = inflate(in, length, out, expected, name);
				break;
			case TiffLayout.LZW:
				n = lzw(in, length, out, expected, name);
				break;
			case TiffLayout.PACKBITS:
				n = packBits(in, length, out, expected);
				break;
			default:
				throw new IllegalArgumentException(name + ": compression " + compression + " is not decoded.");
		}
		if (n < expected) throw new IllegalArgumentException(name + " has a tile or strip that decodes to " + n + " bytes; its size needs " + expected + " (a damaged or truncated file?).");
		return n;
	}

	/**
	 * Undoes horizontal differencing (predictor 2) in place.
	 *
	 * @param data decoded chunk: rows of {@code width} pixels of {@code samples} samples
	 * @param rows rows in it
	 * @param width pixels per row
	 * @param samples samples per pixel in the chunk (1 for a plane)
	 * @param bytesPerSample 1 or 2
	 * @param order the file's byte order (16-bit samples)
	 */
	static void undoPredictor(final byte[] data, final int rows, final int width, final int samples, final int bytesPerSample, final ByteOrder order) {
		final int rowLength = width * samples;
		if (bytesPerSample == 1) {
			for (int r = 0; r < rows; r++) {
				final int start = r * rowLength;
				for (int i = start + samples, end = start + rowLength; i < end; i++)
					data[i] += data[i - samples];
			}
			return;
		}
		final boolean little = order == ByteOrder.LITTLE_ENDIAN;
		for (int r = 0; r < rows; r++) {
			final int start = r * rowLength;
			for (int i = samples; i < rowLength; i++) {
				final int at = 2 * (start + i), before = 2 * (start + i - samples);
				final int v = (short16(data, at, little) + short16(data, before, little)) & 0xffff;
				if (little) {
					data[at] = (byte) v;
					data[at + 1] = (byte) (v >>> 8);
				}
				else {
					data[at] = (byte) (v >>> 8);
					data[at + 1] = (byte) v;
				}
			}
		}
	}

	static int short16(final byte[] data, final int at, final boolean little) {
		return little ? data[at] & 0xff | (data[at + 1] & 0xff) << 8 : (data[at] & 0xff) << 8 | data[at + 1] & 0xff;
	}

	// -- Decoders --

	private static int inflate(final byte[] in, final int length, final byte[] out, final int expected, final String name) {
		final Inflater inflater = new Inflater();
		try {
			inflater.setInput(in, 0, length);
			int n = 0;
			while (n < expected) {
				final int got = inflater.inflate(out, n, expected - n);
				if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) break;
				n += got;
			}
			return n;
		}
		catch (final DataFormatException e) {
			throw new IllegalArgumentException(name + " has a tile or strip whose Deflate data are damaged: " + e.getMessage(), e);
		}
		finally {
			inflater.end();
		}
	}

	/** TIFF's LZW: codes of 9 to 12 bits, most significant bit first, 256 clear, 257 end, early change. */
	private static int lzw(final byte[] in, final int length, final byte[] out, final int expected, final String name) {
		final int clear = 256, end = 257;
		final short[] prefix = new short[4096];
		final byte[] last = new byte[4096];
		final byte[] first = new byte[4096];
		final short[] size = new short[4096];
		for (int i = 0; i < 256; i++) {
			last[i] = (byte) i;
			first[i] = (byte) i;
			size[i] = 1;
		}
		int next = 258;
		int width = 9;
		int previous = -1;
		int n = 0;
		long bitBuffer = 0;
		int bitCount = 0;
		int at = 0;
		while (n < expected) {
			while (bitCount < width) {
				if (at >= length) return n;
				bitBuffer = bitBuffer << 8 | in[at++] & 0xff;
				bitCount += 8;
			}
			final int code = (int) (bitBuffer >>> bitCount - width) & (1 << width) - 1;
			bitCount -= width;
			if (code == end) break;
			if (code == clear) {
				next = 258;
				width = 9;
				previous = -1;
				continue;
			}
			if (previous < 0) {
				if (code > 255) throw new IllegalArgumentException(name + " has damaged LZW data (code " + code + " after a clear).");
				out[n++] = (byte) code;
				previous = code;
				continue;
			}
			if (code < next) {
				n = emit(code, prefix, last, size, out, n);
				if (next < 4096) add(prefix, last, first, size, next++, previous, first[code]);
			}
			else if (code == next && next < 4096) {
				// the string not yet in the table: previous + the first byte of previous
				add(prefix, last, first, size, next++, previous, first[previous]);
				n = emit(code, prefix, last, size, out, n);
			}
			else throw new IllegalArgumentException(name + " has damaged LZW data (code " + code + ", table at " + next + ").");
			previous = code;
			if (next >= (1 << width) - 1 && width < 12) width++;
		}
		return n;
	}

	private static void add(final short[] prefix, final byte[] last, final byte[] first, final short[] size, final int entry, final int previous, final byte lastByte) {
		prefix[entry] = (short) previous;
		last[entry] = lastByte;
		first[entry] = first[previous];
		size[entry] = (short) (size[previous] + 1);
	}

	/** Writes the string of a code at {@code n}; returns the new end (strings past the output are cut). */
	private static int emit(final int code, final short[] prefix, final byte[] last, final short[] size, final byte[] out, final int n) {
		final int s = size[code];
		int c = code;
		final int end = n + s;
		for (int i = end - 1; i >= n; i--) {
			if (i < out.length) out[i] = last[c];
			c = prefix[c];
		}
		return Math.min(end, out.length);
	}

	private static int packBits(final byte[] in, final int length, final byte[] out, final int expected) {
		int n = 0;
		int at = 0;
		while (at < length && n < expected) {
			final int h = in[at++];
			if (h >= 0) {
				final int count = Math.min(h + 1, Math.min(length - at, out.length - n));
				System.arraycopy(in, at, out, n, count);
				at += h + 1;
				n += count;
			}
			else if (h != -128) {
				if (at >= length) break;
				final byte b = in[at++];
				final int count = Math.min(1 - h, out.length - n);
				for (int i = 0; i < count; i++)
					out[n + i] = b;
				n += count;
			}
		}
		return n;
	}
}
