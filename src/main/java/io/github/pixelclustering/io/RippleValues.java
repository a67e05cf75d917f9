package io.github.pixelclustering.io;

import io.github.pixelclustering.io.RippleHeader.DataType;

import java.nio.ByteBuffer;

/**
 * The values of a ripple raw file: decoding each data type and byte order into ImageJ's pixel arrays
 * (8-bit, 16-bit, or 32-bit float planes, one per channel), and the conversions to 32-bit float that
 * round (noted for the importer's warning).
 */
final class RippleValues {

	private RippleValues() {}

	/** Counts values a 32-bit float could not hold exactly. */
	static final class Conversion {

		long rounded;
		double largestChange;

		void add(final long rounded, final double largestChange) {
			this.rounded += rounded;
			this.largestChange = Math.max(this.largestChange, largestChange);
		}
	}

	/** The image's planes and the chunk being converted into them. */
	abstract static class Output {

		final Object[] planes;
		final int plane;

		Output(final Object[] planes, final int plane) {
			this.planes = planes;
			this.plane = plane;
		}

		static Output of(final RippleHeader header, final int plane) {
			final int chunk = (int) Math.min(RippleFile.CHUNK_BYTES / header.dataLength(), header.values());
			if (header.dataType() == DataType.UNSIGNED && header.dataLength() == 1) return new Bytes(header.depth(), plane, chunk);
			if (header.dataType() == DataType.UNSIGNED && header.dataLength() == 2) return new Shorts(header.depth(), plane, chunk);
			return new Floats(header.depth(), plane, chunk);
		}

		/** Converts n values from the buffer into the chunk array. */
		abstract void decode(ByteBuffer buffer, int n, RippleHeader header, Conversion conversion);

		/** The chunk array. */
		abstract Object chunk();

		/** Record-by image: the chunk's n values go to consecutive pixels, plane after plane. */
		final void copyPlanes(final int n, final int firstPlane, final int firstPixel) {
			int k = firstPlane;
			int p = firstPixel;
			for (int done = 0; done < n;) {
				final int run = Math.min(n - done, plane - p);
				System.arraycopy(chunk(), done, planes[k], p, run);
				done += run;
				p += run;
				if (p == plane) {
					p = 0;
					k++;
				}
			}
		}

		/** Record-by vector: the chunk's n values go to consecutive channels, pixel after pixel. */
		abstract void scatterVector(int n, int firstPixel, int firstChannel);

		/** Pixels per tile of the vector scatter: a tile of the chunk (about 16K values) stays in cache. */
		static int tilePixels(final int depth) {
			return Math.max(1, RippleFile.TILE_VALUES / depth);
		}

		/** @return finite minimum and maximum over all planes (min > max when there is none) */
		abstract double[] range();
	}

	private static final class Bytes extends Output {

		private final byte[][] typed;
		private final byte[] chunk;

		Bytes(final int depth, final int plane, final int chunk) {
			this(new byte[depth][plane], plane, chunk);
		}

		private Bytes(final byte[][] planes, final int plane, final int chunk) {
			super(planes, plane);
			this.typed = planes;
			this.chunk = new byte[chunk];
		}

		@Override
		void decode(final ByteBuffer buffer, final int n, final RippleHeader header, final Conversion conversion) {
			buffer.get(chunk, 0, n);
		}

		@Override
		Object chunk() {
			return chunk;
		}

		@Override
		void scatterVector(final int n, final int firstPixel, final int firstChannel) {
			final byte[][] out = typed;
			final byte[] c = chunk;
			final int depth = out.length;
			int i = 0;
			int p = firstPixel;
			int k = firstChannel;
			for (; k != 0 && i < n; i++) { // the rest of a pixel begun in the previous chunk
				out[k][p] = c[i];
				if (++k == depth) {
					k = 0;
					p++;
				}
			}
			final int full = (n - i) / depth;
			final int tile = tilePixels(depth);
			for (int t = 0; t < full; t += tile) { // whole pixels, a tile at a time, plane by plane
				final int pixels = Math.min(tile, full - t);
				for (int kk = 0; kk < depth; kk++) {
					final byte[] plane = out[kk];
					for (int j = 0, src = i + t * depth + kk, dst = p + t; j < pixels; j++, src += depth, dst++)
						plane[dst] = c[src];
				}
			}
			i += full * depth;
			p += full;
			for (; i < n; i++) { // the start of a pixel that ends in the next chunk
				out[k][p] = c[i];
				if (++k == depth) {
					k = 0;
					p++;
				}
			}
		}

		@Override
		double[] range() {
			int min = 255;
			int max = 0;
			for (final byte[] plane : typed)
				for (final byte b : plane) {
					final int v = b & 0xff;
					if (v < min) min = v;
					if (v > max) max = v;
				}
			return new double[] { min, max };
		}
	}

	private static final class Shorts extends Output {

		private final short[][] typed;
		private final short[] chunk;

		Shorts(final int depth, final int plane, final int chunk) {
			this(new short[depth][plane], plane, chunk);
		}

		private Shorts(final short[][] planes, final int plane, final int chunk) {
			super(planes, plane);
			this.typed = planes;
			this.chunk = new short[chunk];
		}

		@Override
		void decode(final ByteBuffer buffer, final int n, final RippleHeader header, final Conversion conversion) {
			buffer.asShortBuffer().get(chunk, 0, n);
		}

		@Override
		Object chunk() {
			return chunk;
		}

		@Override
		void scatterVector(final int n, final int firstPixel, final int firstChannel) {
			final short[][] out = typed;
			final short[] c = chunk;
			final int depth = out.length;
			int i = 0;
			int p = firstPixel;
			int k = firstChannel;
			for (; k != 0 && i < n; i++) { // the rest of a pixel begun in the previous chunk
				out[k][p] = c[i];
				if (++k == depth) {
					k = 0;
					p++;
				}
			}
			final int full = (n - i) / depth;
			final int tile = tilePixels(depth);
			for (int t = 0; t < full; t += tile) { // whole pixels, a tile at a time, plane by plane
				final int pixels = Math.min(tile, full - t);
				for (int kk = 0; kk < depth; kk++) {
					final short[] plane = out[kk];
					for (int j = 0, src = i + t * depth + kk, dst = p + t; j < pixels; j++, src += depth, dst++)
						plane[dst] = c[src];
				}
			}
			i += full * depth;
			p += full;
			for (; i < n; i++) { // the start of a pixel that ends in the next chunk
				out[k][p] = c[i];
				if (++k == depth) {
					k = 0;
					p++;
				}
			}
		}

		@Override
		double[] range() {
			int min = 65535;
			int max = 0;
			for (final short[] plane : typed)
				for (final short s : plane) {
					final int v = s & 0xffff;
					if (v < min) min = v;
					if (v > max) max = v;
				}
			return new double[] { min, max };
		}
	}

	private static final class Floats extends Output {

		private final float[][] typed;
		private final float[] chunk;

		Floats(final int depth, final int plane, final int chunk) {
			this(new float[depth][plane], plane, chunk);
		}

		private Floats(final float[][] planes, final int plane, final int chunk) {
			super(planes, plane);
			this.typed = planes;
			this.chunk = new float[chunk];
		}

		@Override
		void decode(final ByteBuffer buffer, final int n, final RippleHeader header, final Conversion conversion) {
			final float[] c = chunk;
			final boolean signed = header.dataType() == DataType.SIGNED;
			switch (header.dataType() == DataType.FLOAT ? -header.dataLength() : header.dataLength()) {
				case -4:
					buffer.asFloatBuffer().get(c, 0, n);
					return;
				case -8: {
					long rounded = 0;
					double largest = 0;
					for (int i = 0; i < n; i++) {
						final double v = buffer.getDouble();
						final float f = (float) v;
						c[i] = f;
						if (f != v && v == v) {
							rounded++;
							largest = Math.max(largest, Math.abs(f - v));
						}
					}
					conversion.add(rounded, largest);
					return;
				}
				case 1:
					for (int i = 0; i < n; i++)
						c[i] = signed ? buffer.get() : buffer.get() & 0xff;
					return;
				case 2:
					for (int i = 0; i < n; i++)
						c[i] = signed ? buffer.getShort() : buffer.getShort() & 0xffff;
					return;
				case 4: {
					long rounded = 0;
					double largest = 0;
					for (int i = 0; i < n; i++) {
						final long v = signed ? buffer.getInt() : buffer.getInt() & 0xffffffffL;
						final float f = v;
						c[i] = f;
						if (!fitsFloat(v, false)) {
							rounded++;
							largest = Math.max(largest, Math.abs((double) f - v));
						}
					}
					conversion.add(rounded, largest);
					return;
				}
				case 8: {
					long rounded = 0;
					double largest = 0;
					for (int i = 0; i < n; i++) {
						final long v = buffer.getLong();
						final boolean unsignedLarge = !signed && v < 0;
						final float f = unsignedLarge ? unsignedToFloat(v) : v;
						c[i] = f;
						if (!fitsFloat(v, unsignedLarge)) {
							rounded++;
							largest = Math.max(largest, Math.abs((double) f - (unsignedLarge ? unsignedToDouble(v) : v)));
						}
					}
					conversion.add(rounded, largest);
					return;
				}
				default:
					throw new IllegalStateException("data-length " + header.dataLength());
			}
		}

		@Override
		Object chunk() {
			return chunk;
		}

		@Override
		void scatterVector(final int n, final int firstPixel, final int firstChannel) {
			final float[][] out = typed;
			final float[] c = chunk;
			final int depth = out.length;
			int i = 0;
			int p = firstPixel;
			int k = firstChannel;
			for (; k != 0 && i < n; i++) { // the rest of a pixel begun in the previous chunk
				out[k][p] = c[i];
				if (++k == depth) {
					k = 0;
					p++;
				}
			}
			final int full = (n - i) / depth;
			final int tile = tilePixels(depth);
			for (int t = 0; t < full; t += tile) { // whole pixels, a tile at a time, plane by plane
				final int pixels = Math.min(tile, full - t);
				for (int kk = 0; kk < depth; kk++) {
					final float[] plane = out[kk];
					for (int j = 0, src = i + t * depth + kk, dst = p + t; j < pixels; j++, src += depth, dst++)
						plane[dst] = c[src];
				}
			}
			i += full * depth;
			p += full;
			for (; i < n; i++) { // the start of a pixel that ends in the next chunk
				out[k][p] = c[i];
				if (++k == depth) {
					k = 0;
					p++;
				}
			}
		}

		@Override
		double[] range() {
			float min = Float.POSITIVE_INFINITY;
			float max = Float.NEGATIVE_INFINITY;
			for (final float[] plane : typed)
				for (final float v : plane) {
					if (v < min && v != Float.NEGATIVE_INFINITY) min = v;
					if (v > max && v != Float.POSITIVE_INFINITY) max = v;
				}
			return new double[] { min, max };
		}
	}

	/**
	 * Whether a 32-bit float holds an integer exactly: at most 24 significant bits.
	 *
	 * @param v the value (two's complement), or its bits as an unsigned 64-bit value
	 * @param unsigned whether v is unsigned
	 */
	static boolean fitsFloat(final long v, final boolean unsigned) {
		final long magnitude = unsigned || v >= 0 ? v : -v; // Long.MIN_VALUE stays 2^63 as unsigned bits
		if (magnitude == 0) return true;
		return 64 - Long.numberOfLeadingZeros(magnitude) - Long.numberOfTrailingZeros(magnitude) <= 24;
	}

	/** The nearest float to an unsigned 64-bit value (rounding as a direct conversion would). */
	static float unsignedToFloat(final long bits) {
		if (bits >= 0) return bits;
		// halve keeping the lowest bit as a sticky bit, convert, double: one correct rounding
		return (float) ((bits >>> 1) | (bits & 1)) * 2f;
	}

	/** The unsigned 64-bit value as a double (nearest). */
	static double unsignedToDouble(final long bits) {
		if (bits >= 0) return bits;
		return (double) ((bits >>> 1) | (bits & 1)) * 2.0;
	}
}
