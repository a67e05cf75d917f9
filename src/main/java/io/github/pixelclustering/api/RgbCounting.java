package io.github.pixelclustering.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The one pass of applying a colour model to RGB pixels: each pixel's label from the table of colours
 * (computed when a colour is first met), and per cluster the pixel count and the sums of R, G and B,
 * plus the sum of R^2 + G^2 + B^2 of all pixels (whole numbers: exact in any order, so the result does
 * not depend on the threads). The labels of {@value #BUFFER} pixels are looked up first, then their sums
 * added (about a third faster than both in one loop). Consecutive pixels mostly share a label; to keep
 * the sums from waiting on each other they go into {@value #COPIES} copies by pixel position, R, G and B packed into one long of
 * 21-bit fields, added to the totals every {@value #FLUSH} pixels (at most 8192 x 255 < 2^21 per field).
 */
final class RgbCounting {

	/** Copies of the per-cluster accumulators. */
	static final int COPIES = 4;
	/** Pixels between two flushes of the packed sums. */
	static final int FLUSH = 1 << 15;
	/** Pixels whose labels are looked up before their sums are added. */
	static final int BUFFER = 4096;
	private static final long FIELD = (1L << 21) - 1;

	private final ColourQuantizationModel model;
	private final int clusters;
	/** The model's table: one of the two, the other null. */
	private final byte[] bytes;
	private final char[] chars;
	private final int[] counts;
	private final long[] packed;
	private final double[] feature = new double[3];
	private final char[] labels = new char[BUFFER];
	/** Per cluster: pixels, sum of R, of G, of B; then the sum of squares of all pixels. */
	final long[] totals;

	/** One accumulator, for one thread. */
	RgbCounting(final ColourQuantizationModel model, final int clusters, final Object table) {
		this.model = model;
		this.clusters = clusters;
		bytes = table instanceof byte[] ? (byte[]) table : null;
		chars = table instanceof char[] ? (char[]) table : null;
		counts = new int[COPIES * clusters];
		packed = new long[COPIES * clusters];
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
		final byte[] bytes = this.bytes;
		final char[] chars = this.chars;
		final int[] counts = this.counts;
		final long[] packed = this.packed;
		final char[] labels = this.labels;
		long squares = 0;
		for (int start = 0; start < length; start += FLUSH) {
			final int end = Math.min(length, start + FLUSH);
			for (int from = start; from < end; from += BUFFER) {
				final int to = Math.min(end, from + BUFFER);
				// the labels first (table look-ups), then the sums: the look-ups do not hold the sums up
				for (int i = from; i < to; i++) {
					if (inside != null && !inside[maskOffset + i]) {
						labels[i - from] = 0;
						continue;
					}
					final int colour = pixels[offset + i] & 0xffffff;
					final int label = bytes != null ? bytes[colour] & 0xff : chars[colour];
					labels[i - from] = (char) (label != 0 ? label : label(colour));
				}
				if (out != null) copy(labels, to - from, out, outOffset + from);
				for (int i = from; i < to; i++) {
					final int label = labels[i - from];
					if (label == 0) continue;
					final int colour = pixels[offset + i];
					final int r = colour >> 16 & 0xff, g = colour >> 8 & 0xff, b = colour & 0xff;
					final int slot = (label - 1) * COPIES + (i & (COPIES - 1));
					counts[slot]++;
					packed[slot] += r | (long) g << 21 | (long) b << 42;
					squares += r * r + g * g + b * b;
				}
			}
			flush();
		}
		totals[4 * clusters] += squares;
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
			// the common case (k <= 255 into 8 bits) as its own loop
			// the look-ups without a branch, then the colours not in the table yet (0), then the mask
			final byte[] b = (byte[]) out;
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
			return;
		}
		for (int i = 0; i < length; i++) {
			final int label = inside != null && !inside[maskOffset + i] ? 0 : label(model, bytes, chars, pixels[offset + i] & 0xffffff, feature);
			if (out instanceof byte[]) ((byte[]) out)[outOffset + i] = (byte) label;
			else if (out instanceof short[]) ((short[]) out)[outOffset + i] = (short) label;
			else ((int[]) out)[outOffset + i] = label;
		}
	}

	/** Eight bytes of a byte[] as one long. */
	private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** @return whether one of the eight bytes of {@code v} is 0 */
	private static boolean hasZeroByte(final long v) {
		return ((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0;
	}

	private void flush() {
		for (int s = 0; s < counts.length; s++) {
			if (counts[s] == 0) continue;
			final int o = s / COPIES * 4;
			final long p = packed[s];
			totals[o] += counts[s];
			totals[o + 1] += p & FIELD;
			totals[o + 2] += p >>> 21 & FIELD;
			totals[o + 3] += p >>> 42;
			counts[s] = 0;
			packed[s] = 0;
		}
	}

	/** Adds this thread's totals to {@code all}. */
	void addTo(final long[] all) {
		synchronized (all) {
			for (int i = 0; i < all.length; i++)
				all[i] += totals[i];
		}
	}
}
