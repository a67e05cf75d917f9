package io.github.pixelclustering.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The one pass of applying a colour model to RGB pixels: each pixel's label from the table of colours
 * (computed when a colour is first met), and per cluster the pixel count and the sums of R, G and B,
 * plus the sum of R^2 + G^2 + B^2 of all pixels (whole numbers: exact in any order, so the result does
 * not depend on the threads). Pixels go in blocks: their labels are looked up first (without a branch,
 * into the label image itself when it is 8-bit), then their sums added, one {@code long} per lane of a
 * label holding the count and the sums of R, G and B in four fields (at most 1023 pixels a lane,
 * 1023 x 255 < 2^18 per sum), slot 0 taking the pixels outside the mask so that no pixel branches, and
 * the squares summed in a loop of their own; the fields are added to the totals after each block. With
 * at most 255 clusters, pixel i goes to lane i mod {@value #LANES} of its label, so that a run of pixels
 * of one label does not wait for each addition to memory before the next (blocks of {@value #BLOCK});
 * with more, one lane (more would leave the first-level cache), blocks of 1023 pixels, and with more
 * clusters than that, only the block's own labels are added to the totals.
 */
final class RgbCounting {

	/** Interleaved sums per label, with at most 255 clusters (their sums stay in the first-level cache): 2^LANE_BITS. */
	private static final int LANE_BITS = 2;
	static final int LANES = 1 << LANE_BITS;
	/** Pixels per block with at most 255 clusters: the packed fields of a lane hold the sums of at most 1023 pixels. */
	static final int BLOCK = LANES * 1023;
	private static final long FIELD = (1L << 18) - 1;
	/** One pixel in the count field of a packed sum. */
	private static final long PIXEL = 1L << 54;

	private final ColourQuantizationModel model;
	private final int clusters;
	/** The model's table: one of the two, the other null. */
	private final byte[] bytes;
	private final char[] chars;
	/** Per label 0..k (0: outside the mask): count and sums of R, G, B of the block, packed. */
	private final long[] packed;
	private final double[] feature = new double[3];
	/** The labels of a block when they do not go straight into an 8-bit label array. */
	private final byte[] byteLabels;
	private final char[] charLabels;
	/** 2^laneBits lanes per label: {@link #LANES} with at most 255 clusters, else 1 (more would not stay in the cache). */
	private final int laneBits;
	/** Pixels per block: 1023 per lane. */
	private final int block;
	/** Whether there are more clusters than pixels in a block: then only a block's own labels are flushed. */
	private final boolean flushByLabel;
	/** Per cluster: pixels, sum of R, of G, of B; then the sum of squares of all pixels. */
	final long[] totals;

	/** One accumulator, for one thread. */
	RgbCounting(final ColourQuantizationModel model, final int clusters, final Object table) {
		this.model = model;
		this.clusters = clusters;
		bytes = table instanceof byte[] ? (byte[]) table : null;
		chars = table instanceof char[] ? (char[]) table : null;
		laneBits = bytes != null ? LANE_BITS : 0;
		block = 1023 << laneBits;
		flushByLabel = clusters > block;
		packed = new long[(clusters + 1) << laneBits];
		byteLabels = bytes != null ? new byte[block] : null;
		charLabels = bytes != null ? null : new char[block];
		totals = new long[4 * clusters + 1];
	}

	/** @return label 1..k of colour 0xrrggbb, entered in the table when new */
	int label(final int colour) {
		return label(model, bytes, chars, colour, feature);
	}

	/**
	 * @param bytes the table for k <= 255, or null
	 * @param chars the table for larger k, or null
	 * @param feature 3 values, overwritten (one array a thread)
	 * @return label 1..k of colour 0xrrggbb, entered in the table when new
	 */
	static int label(final ColourQuantizationModel model, final byte[] bytes, final char[] chars, final int colour, final double[] feature) {
		int label = bytes != null ? bytes[colour] & 0xff : chars[colour];
		if (label == 0) {
			label = model.labelOf(colour, feature);
			if (bytes != null) bytes[colour] = (byte) label;
			else chars[colour] = (char) label;
		}
		return label;
	}

	/** Counts one pixel (the generic path). */
	void add(final int colour) {
		final int label = label(colour);
		final int r = colour >> 16, g = colour >> 8 & 0xff, b = colour & 0xff;
		final int o = (label - 1) * 4;
		totals[o]++;
		totals[o + 1] += r;
		totals[o + 2] += g;
		totals[o + 3] += b;
		totals[4 * clusters] += r * r + g * g + b * b;
	}

	/**
	 * Counts {@code length} pixels of an array.
	 *
	 * @param pixels ARGB (alpha ignored)
	 * @param inside which are clustered (from {@code maskOffset}), or null for all
	 * @param out receives the labels (0 outside the mask) from {@code outOffset}: a byte[], short[] or
	 *        int[], or null for none
	 */
	void add(final int[] pixels, final int offset, final boolean[] inside, final int maskOffset, final Object out, final int outOffset, final int length) {
		long squares = 0;
		for (int from = 0; from < length; from += block) {
			final int n = Math.min(block, length - from);
			if (bytes != null) {
				final boolean direct = out instanceof byte[];
				final byte[] labels = direct ? (byte[]) out : byteLabels;
				final int at = direct ? outOffset + from : 0;
				labelBytes(model, bytes, pixels, offset + from, inside, maskOffset + from, labels, at, n, feature);
				if (out != null && !direct) copy(labels, n, out, outOffset + from);
				sum(pixels, offset + from, labels, at, n);
			}
			else {
				final char[] labels = charLabels;
				for (int i = 0; i < n; i++)
					labels[i] = inside != null && !inside[maskOffset + from + i] ? 0 : (char) label(pixels[offset + from + i] & 0xffffff);
				if (out != null) copy(labels, n, out, outOffset + from);
				sum(pixels, offset + from, labels, n);
				// many clusters: only the labels of the block have sums to add
				if (flushByLabel) flush(labels, n);
			}
			squares += inside == null ? squares(pixels, offset + from, n) : squares(pixels, offset + from, inside, maskOffset + from, n);
			flush();
		}
		totals[4 * clusters] += squares;
	}

	/** Adds pixel i to the packed sums of label {@code labels[at + i]} (0: outside the mask). */
	private void sum(final int[] pixels, final int offset, final byte[] labels, final int at, final int length) {
		final long[] packed = this.packed;
		for (int i = 0; i < length; i++)
			packed[(labels[at + i] & 0xff) << LANE_BITS | i & LANES - 1] += packed(pixels[offset + i]);
	}

	/** Adds pixel i to the packed sums of label {@code labels[i]} (0: outside the mask). */
	private void sum(final int[] pixels, final int offset, final char[] labels, final int length) {
		final long[] packed = this.packed;
		for (int i = 0; i < length; i++)
			packed[labels[i]] += packed(pixels[offset + i]);
	}

	/** @return one pixel of colour ARGB in the fields of a packed sum */
	private static long packed(final int colour) {
		return PIXEL | (colour >>> 16 & 0xff) | (long) (colour >>> 8 & 0xff) << 18 | (long) (colour & 0xff) << 36;
	}

	/** @return the sum of R^2 + G^2 + B^2 of at most {@value #BLOCK} pixels */
	private static long squares(final int[] pixels, final int offset, final int length) {
		int sum = 0; // at most 4092 x 3 x 255^2 < 2^31
		// in this shape (unsigned shifts, the index itself) the JIT vectorizes it: 4x faster
		for (int i = offset; i < offset + length; i++) {
			final int c = pixels[i], r = c >>> 16 & 0xff, g = c >>> 8 & 0xff, b = c & 0xff;
			sum += r * r + g * g + b * b;
		}
		return sum;
	}

	/** @return the sum of R^2 + G^2 + B^2 of the pixels inside the mask, of at most {@value #BLOCK} */
	private static long squares(final int[] pixels, final int offset, final boolean[] inside, final int maskOffset, final int length) {
		int sum = 0;
		for (int i = 0; i < length; i++) {
			if (!inside[maskOffset + i]) continue;
			final int c = pixels[offset + i], r = c >>> 16 & 0xff, g = c >>> 8 & 0xff, b = c & 0xff;
			sum += r * r + g * g + b * b;
		}
		return sum;
	}

	/** Copies the first {@code length} labels into a short[] or int[] from {@code at}. */
	private static void copy(final byte[] labels, final int length, final Object out, final int at) {
		if (out instanceof short[]) {
			final short[] s = (short[]) out;
			for (int i = 0; i < length; i++)
				s[at + i] = (short) (labels[i] & 0xff);
		}
		else {
			final int[] n = (int[]) out;
			for (int i = 0; i < length; i++)
				n[at + i] = labels[i] & 0xff;
		}
	}

	/** Copies the first {@code length} labels into a byte[], short[] or int[] from {@code at}. */
	private static void copy(final char[] labels, final int length, final Object out, final int at) {
		if (out instanceof byte[]) {
			final byte[] b = (byte[]) out;
			for (int i = 0; i < length; i++)
				b[at + i] = (byte) labels[i];
		}
		else if (out instanceof short[]) {
			final short[] s = (short[]) out;
			for (int i = 0; i < length; i++)
				s[at + i] = (short) labels[i];
		}
		else {
			final int[] n = (int[]) out;
			for (int i = 0; i < length; i++)
				n[at + i] = labels[i];
		}
	}

	/**
	 * Labels {@code length} pixels of an array into a label array, nothing counted (the look-ups alone).
	 *
	 * @param inside which are labelled (from {@code maskOffset}), or null for all; the others get 0
	 * @param out a byte[], short[] or int[], written from {@code outOffset}
	 * @param feature 3 values, overwritten (one array a thread)
	 */
	static void label(final ColourQuantizationModel model, final byte[] bytes, final char[] chars, final int[] pixels, final int offset, final boolean[] inside, final int maskOffset, final Object out, final int outOffset, final int length, final double[] feature) {
		if (out instanceof byte[] && bytes != null) {
			labelBytes(model, bytes, pixels, offset, inside, maskOffset, (byte[]) out, outOffset, length, feature);
			return;
		}
		for (int i = 0; i < length; i++) {
			final int label = inside != null && !inside[maskOffset + i] ? 0 : label(model, bytes, chars, pixels[offset + i] & 0xffffff, feature);
			if (out instanceof byte[]) ((byte[]) out)[outOffset + i] = (byte) label;
			else if (out instanceof short[]) ((short[]) out)[outOffset + i] = (short) label;
			else ((int[]) out)[outOffset + i] = label;
		}
	}

	/**
	 * The common case (k <= 255 into 8 bits): the look-ups without a branch, then the colours not in the
	 * table yet (0), then the mask.
	 */
	private static void labelBytes(final ColourQuantizationModel model, final byte[] bytes, final int[] pixels, final int offset, final boolean[] inside, final int maskOffset, final byte[] b, final int outOffset, final int length, final double[] feature) {
		for (int i = 0; i < length; i++)
			b[outOffset + i] = bytes[pixels[offset + i] & 0xffffff];
		for (int i = 0; i < length; i += 8) {
			// eight labels at a time: most words have no 0 byte
			if (i + 8 <= length && !hasZeroByte((long) WORDS.get(b, outOffset + i))) continue;
			for (int j = i; j < Math.min(length, i + 8); j++)
				if (b[outOffset + j] == 0 && (inside == null || inside[maskOffset + j])) b[outOffset + j] = (byte) label(model, bytes, null, pixels[offset + j] & 0xffffff, feature);
		}
		if (inside != null) for (int i = 0; i < length; i++)
			if (!inside[maskOffset + i]) b[outOffset + i] = 0;
	}

	/** Eight bytes of a byte[] as one long. */
	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** @return whether one of the eight bytes of {@code v} is 0 */
	private static boolean hasZeroByte(final long v) {
		return ((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0;
	}

	/**
	 * Adds the packed sums of a block to the totals: every label's, unless there are more labels than
	 * pixels in a block, when {@link #flush(char[], int)} has added them.
	 */
	private void flush() {
		if (!flushByLabel) {
			for (int lane = 1 << laneBits; lane < packed.length; lane++) {
				final long p = packed[lane];
				if (p == 0) continue;
				addPacked((lane >> laneBits) - 1, p);
				packed[lane] = 0;
			}
		}
		Arrays.fill(packed, 0, 1 << laneBits, 0);
	}

	/** Adds the packed sums of the labels of a block ({@code labels[0..length)}, one lane each) to the totals. */
	private void flush(final char[] labels, final int length) {
		for (int i = 0; i < length; i++) {
			final int l = labels[i];
			final long p = packed[l];
			if (l == 0 || p == 0) continue;
			addPacked(l - 1, p);
			packed[l] = 0;
		}
	}

	/** Adds one packed sum to the totals of cluster c (label c + 1). */
	private void addPacked(final int c, final long p) {
		final int o = c * 4;
		totals[o] += p >>> 54;
		totals[o + 1] += p & FIELD;
		totals[o + 2] += p >>> 18 & FIELD;
		totals[o + 3] += p >>> 36 & FIELD;
	}

	/** Adds this thread's totals to {@code all}. */
	void addTo(final long[] all) {
		synchronized (all) {
			for (int i = 0; i < all.length; i++)
				all[i] += totals[i];
		}
	}
}
