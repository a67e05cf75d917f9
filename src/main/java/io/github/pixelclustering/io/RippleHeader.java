package io.github.pixelclustering.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The header ({@code .rpl}, "raw parameter list") of a Lispix ripple file, as Lispix, DTSA-II and HyperSpy
 * write it: one {@code key<TAB>value} line per parameter, describing the headerless binary {@code .raw}
 * file next to it.
 * <p>
 * Read liberally: keys and the values of choice keys are case-insensitive ({@code data-Length}, as
 * Bruker writes it, is {@code data-length}); a semicolon starts a comment, anywhere on a line; blank lines
 * and unknown keys (such as the {@code key<TAB>value} column line, {@code signal}, {@code title}) are
 * ignored; key and value are separated by a tab (further tab-separated fields are ignored) or, on a line
 * without a tab, by spaces; lines end with LF, CRLF or CR; the text is UTF-8 when it decodes as such,
 * else ISO-8859-1 (HyperSpy's encoding). Parameters may come in any order.
 * <p>
 * Required: {@code width}, {@code height}, {@code depth} (pixels per row, rows, values per pixel),
 * {@code data-type} ({@code signed}, {@code unsigned}, {@code float}) and {@code data-length} (1, 2, 4, 8
 * bytes; 4 or 8 for float); {@code byte-order} ({@code little-endian}, {@code big-endian},
 * {@code dont-care}) when {@code data-length > 1}, and {@code record-by} ({@code vector}: all values of a
 * pixel together, pixel after pixel row by row; {@code image}: one whole image per channel) when
 * {@code depth > 1}. {@code offset} (bytes before the data) defaults to 0. A multi-byte {@code dont-care}
 * byte order is read as little-endian: HyperSpy writes {@code dont-care} for arrays in the native order of
 * the machine that wrote them, little-endian on every current platform. With {@code depth} 1 the
 * {@code record-by} value does not matter.
 * <p>
 * Calibration (HyperSpy's keys): {@code width-scale}, {@code width-origin}, {@code width-units} and the same
 * for {@code height} and {@code depth}: value of pixel (or channel) i = origin + i x scale, in units
 * ({@code <undefined>} = none). Without {@code depth-scale}, Lispix's {@code ev-per-chan} gives the depth
 * scale, in eV unless {@code depth-units} says otherwise.
 * <p>
 * A header that cannot describe a raw file is rejected with an {@link IllegalArgumentException} that
 * names the file, the line and the key, and says what was expected and what was found.
 */
public final class RippleHeader {

	// -- Messages --

	/** A required key is absent: file, key. */
	public static final String MISSING_KEY = "%s: the key \"%s\" is missing. A ripple header gives width, height, depth, data-type and data-length, plus byte-order when data-length > 1 and record-by when depth > 1.";
	/** A key without a value: file, line, key. */
	public static final String NO_VALUE = "%s, line %d: %s has no value: write the key, a tab, then its value.";
	/** Not a whole number in range: file, line, key, min, max, value. */
	public static final String NOT_WHOLE = "%s, line %d: %s must be a whole number from %d to %d, got \"%s\".";
	/** Not a number: file, line, key, value. */
	public static final String NOT_NUMBER = "%s, line %d: %s must be a number, got \"%s\".";
	/** Not a positive number: file, line, key, value. */
	public static final String NOT_POSITIVE = "%s, line %d: %s must be a number > 0, got \"%s\".";
	/** Not one of the allowed values: file, line, key, allowed values, value. */
	public static final String NOT_CHOICE = "%s, line %d: %s must be one of %s, got \"%s\".";
	/** Float data of 1 or 2 bytes: file, line of data-length, line of data-type, data-length. */
	public static final String FLOAT_LENGTH = "%s, line %d: data-length must be 4 or 8 for float data (data-type float, line %d), got %d.";
	/** record-by dont-care with several channels: file, line of record-by, depth, line of depth. */
	public static final String DONT_CARE_STACK = "%s, line %d: record-by dont-care is for a single image (depth 1), but depth is %d (line %d): write record-by vector (spectrum after spectrum) or image (channel after channel).";
	/** One key, two different values: file, line, key, first value, its line, second value, its line. */
	public static final String DUPLICATE = "%s, line %d: %s is given twice with different values: \"%s\" on line %d, \"%s\" on line %d.";
	/** Too many pixels per plane for ImageJ: file, line of width, line of height, pixels, limit. */
	public static final String TOO_MANY_PIXELS = "%s, lines %d and %d: width x height is %d pixels, more than the %d pixels an ImageJ image can hold.";

	/** Largest number of pixels of one ImageJ plane (one Java array). */
	public static final long MAX_PLANE_PIXELS = Integer.MAX_VALUE - 8;

	// -- Types --

	/** How the values are encoded ({@code data-type}). */
	public enum DataType {
		/** Two's-complement integers. */
		SIGNED,
		/** Unsigned integers. */
		UNSIGNED,
		/** IEEE 754 floating point. */
		FLOAT;

		/** @return the key's value, e.g. {@code "unsigned"} */
		public String key() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** How the values of a pixel are laid out ({@code record-by}). */
	public enum RecordBy {
		/** Pixel after pixel (row by row), all of a pixel's values together: a spectrum image. */
		VECTOR("vector"),
		/** Image after image: all pixels of channel 0, then of channel 1, ... */
		IMAGE("image"),
		/** A single image (depth 1). */
		DONT_CARE("dont-care");

		private final String key;

		RecordBy(final String key) {
			this.key = key;
		}

		/** @return the key's value, e.g. {@code "vector"} */
		public String key() {
			return key;
		}
	}

	/** Calibration of one axis: value of index i = origin + i x scale, in units ("" = none). */
	public static final class Axis {

		private final double scale;
		private final double origin;
		private final String units;

		Axis(final double scale, final double origin, final String units) {
			this.scale = scale;
			this.origin = origin;
			this.units = units;
		}

		/** @return size of one pixel (or channel) in units, > 0 */
		public double scale() {
			return scale;
		}

		/** @return value of index 0, in units */
		public double origin() {
			return origin;
		}

		/** @return units, or "" for none */
		public String units() {
			return units;
		}

		/** @return whether the header calibrates this axis (scale, origin or units given) */
		public boolean isCalibrated() {
			return scale != 1 || origin != 0 || !units.isEmpty();
		}
	}

	// -- Fields --

	private static final Set<String> KEYS = Set.of("width", "height", "depth", "offset", "data-type", "data-length", "byte-order", "record-by", //
		"ev-per-chan", "width-scale", "width-origin", "width-units", "height-scale", "height-origin", "height-units", "depth-scale", "depth-origin", "depth-units");
	private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
	private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
	private static final Pattern SPACES = Pattern.compile("\\s+");
	private static final String UNDEFINED_UNITS = "<undefined>";

	private final String fileName;
	private final String text;
	private final Map<String, Entry> entries;
	private final int width;
	private final int height;
	private final int depth;
	private final long offset;
	private final DataType dataType;
	private final int dataLength;
	private final ByteOrder byteOrder;
	private final boolean byteOrderGiven;
	private final RecordBy recordBy;
	private final Axis x;
	private final Axis y;
	private final Axis z;

	/** A key's value and the line it is on. */
	private static final class Entry {

		final String value;
		final int line;

		Entry(final String value, final int line) {
			this.value = value;
			this.line = line;
		}
	}

	private RippleHeader(final String fileName, final String text) {
		this.fileName = fileName;
		this.text = text;
		this.entries = entries(fileName, text);
		width = (int) whole("width", 1, Integer.MAX_VALUE);
		height = (int) whole("height", 1, Integer.MAX_VALUE);
		depth = (int) whole("depth", 1, Integer.MAX_VALUE);
		if ((long) width * height > MAX_PLANE_PIXELS) throw new IllegalArgumentException(String.format(Locale.ROOT, TOO_MANY_PIXELS, fileName, line("width"), line("height"), (long) width * height, MAX_PLANE_PIXELS));
		offset = entries.containsKey("offset") ? whole("offset", 0, Long.MAX_VALUE) : 0;
		dataType = DataType.valueOf(choice("data-type", List.of("signed", "unsigned", "float")).toUpperCase(Locale.ROOT));
		dataLength = parseDataLength();
		if (dataType == DataType.FLOAT && dataLength < 4) throw new IllegalArgumentException(String.format(Locale.ROOT, FLOAT_LENGTH, fileName, line("data-length"), line("data-type"), dataLength));
		final String order = dataLength > 1 || entries.containsKey("byte-order") ? choice("byte-order", List.of("little-endian", "big-endian", "dont-care")) : "dont-care";
		byteOrder = order.equals("big-endian") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		byteOrderGiven = !order.equals("dont-care");
		final String layout = depth > 1 || entries.containsKey("record-by") ? choice("record-by", List.of("vector", "image", "dont-care")) : "dont-care";
		recordBy = layout.equals("vector") ? RecordBy.VECTOR : layout.equals("image") ? RecordBy.IMAGE : RecordBy.DONT_CARE;
		if (recordBy == RecordBy.DONT_CARE && depth > 1) throw new IllegalArgumentException(String.format(Locale.ROOT, DONT_CARE_STACK, fileName, line("record-by"), depth, line("depth")));
		x = axis("width", null);
		y = axis("height", null);
		z = axis("depth", "ev-per-chan");
	}

	/**
	 * Parses and checks a header.
	 *
	 * @param text the header's text
	 * @param fileName the header's file name, for messages
	 * @return the header
	 * @throws IllegalArgumentException naming the file, line and key of the first problem
	 */
	public static RippleHeader parse(final String text, final String fileName) {
		return new RippleHeader(fileName, text);
	}

	/**
	 * Decodes a header file's bytes: UTF-8 when they are valid UTF-8, else ISO-8859-1 (HyperSpy writes
	 * "µm" as the single byte 0xB5). A byte-order mark is dropped.
	 *
	 * @param bytes the file's content
	 * @return the text
	 */
	public static String decode(final byte[] bytes) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (final CharacterCodingException e) {
			text = new String(bytes, StandardCharsets.ISO_8859_1);
		}
		return text.startsWith("\uFEFF") ? text.substring(1) : text;
	}

	// -- Getters --

	/** @return the header's file name, as given to {@link #parse} */
	public String fileName() {
		return fileName;
	}

	/** @return the header's text, as read */
	public String text() {
		return text;
	}

	/** @return pixels per row */
	public int width() {
		return width;
	}

	/** @return rows */
	public int height() {
		return height;
	}

	/** @return values per pixel (channels, images); 1 for a single image */
	public int depth() {
		return depth;
	}

	/** @return bytes to skip at the start of the raw file */
	public long offset() {
		return offset;
	}

	/** @return how values are encoded */
	public DataType dataType() {
		return dataType;
	}

	/** @return bytes per value: 1, 2, 4 or 8 */
	public int dataLength() {
		return dataLength;
	}

	/** @return the byte order values are read in (little-endian for {@code dont-care}) */
	public ByteOrder byteOrder() {
		return byteOrder;
	}

	/** @return whether the header names the byte order (false for {@code dont-care}) */
	public boolean isByteOrderGiven() {
		return byteOrderGiven;
	}

	/** @return the layout of the values; {@code DONT_CARE} only when depth is 1 */
	public RecordBy recordBy() {
		return recordBy;
	}

	/** @return calibration of x (columns) */
	public Axis x() {
		return x;
	}

	/** @return calibration of y (rows) */
	public Axis y() {
		return y;
	}

	/** @return calibration of the depth axis (channels, images) */
	public Axis z() {
		return z;
	}

	/** @return number of values: width x height x depth */
	public long values() {
		return (long) width * height * depth;
	}

	/** @return bytes the raw file must have: offset + values x data-length (Long.MAX_VALUE if more) */
	public long rawBytes() {
		try {
			return Math.addExact(offset, Math.multiplyExact(values(), dataLength));
		}
		catch (final ArithmeticException e) {
			return Long.MAX_VALUE;
		}
	}

	/** @return bytes of the ImageJ image: values x 1 (unsigned 8-bit), 2 (unsigned 16-bit) or 4 */
	public long imageBytes() {
		return values() * (dataType == DataType.UNSIGNED && dataLength <= 2 ? dataLength : 4);
	}

	/**
	 * @param key a known key, lower case, e.g. {@code "width"}
	 * @return its line number (1-based), or 0 when the header does not give it
	 */
	public int line(final String key) {
		final Entry e = entries.get(key);
		return e == null ? 0 : e.line;
	}

	/**
	 * @return the values type in words, e.g. {@code "unsigned 16-bit integer"}, {@code "64-bit float"}
	 */
	public String describeType() {
		final int bits = 8 * dataLength;
		return dataType == DataType.FLOAT ? bits + "-bit float" : dataType.key() + " " + bits + "-bit integer";
	}

	/**
	 * @return the byte order in words: {@code "big-endian"}, {@code "little-endian"}, or
	 *         {@code "dont-care, read as little-endian"} (none for 1-byte values)
	 */
	public String describeByteOrder() {
		if (dataLength == 1) return "";
		if (!byteOrderGiven) return "dont-care, read as little-endian";
		return byteOrder == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian";
	}

	// -- Helper methods --

	/** Splits the text into known keys, checking that no key is given twice with different values. */
	private static Map<String, Entry> entries(final String fileName, final String text) {
		final Map<String, Entry> entries = new LinkedHashMap<>();
		final String[] lines = text.split("\r\n|\r|\n", -1);
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i];
			final int comment = line.indexOf(';');
			if (comment >= 0) line = line.substring(0, comment);
			line = line.strip();
			if (line.isEmpty()) continue;
			final String[] kv = keyAndValue(line);
			final String key = kv[0].toLowerCase(Locale.ROOT);
			if (!KEYS.contains(key)) continue;
			final Entry previous = entries.get(key);
			if (previous != null && !previous.value.equalsIgnoreCase(kv[1])) throw new IllegalArgumentException(String.format(Locale.ROOT, DUPLICATE, fileName, i + 1, key, previous.value, previous.line, kv[1], i + 1));
			if (previous == null) entries.put(key, new Entry(kv[1], i + 1));
		}
		return entries;
	}

	/** Key and value of a non-empty line: tab-separated fields, or else space-separated. */
	private static String[] keyAndValue(final String line) {
		if (line.indexOf('\t') >= 0) {
			final List<String> fields = new ArrayList<>(2);
			for (final String field : line.split("\t")) {
				if (!field.isBlank()) fields.add(field.strip());
				if (fields.size() == 2) break;
			}
			return new String[] { fields.get(0), fields.size() > 1 ? fields.get(1) : "" };
		}
		final String[] parts = SPACES.split(line, 2);
		return new String[] { parts[0], parts.length > 1 ? parts[1].strip() : "" };
	}

	private Entry required(final String key) {
		final Entry e = entries.get(key);
		if (e == null) throw new IllegalArgumentException(String.format(Locale.ROOT, MISSING_KEY, fileName, key));
		if (e.value.isEmpty()) throw new IllegalArgumentException(String.format(Locale.ROOT, NO_VALUE, fileName, e.line, key));
		return e;
	}

	private long whole(final String key, final long min, final long max) {
		final Entry e = required(key);
		long value;
		try {
			value = WHOLE.matcher(e.value).matches() ? Long.parseLong(e.value) : min - 1;
		}
		catch (final NumberFormatException tooLong) {
			value = min - 1;
		}
		if (value < min || value > max) throw new IllegalArgumentException(String.format(Locale.ROOT, NOT_WHOLE, fileName, e.line, key, min, max, e.value));
		return value;
	}

	private String choice(final String key, final List<String> allowed) {
		final Entry e = required(key);
		final String value = e.value.toLowerCase(Locale.ROOT);
		if (!allowed.contains(value)) throw new IllegalArgumentException(String.format(Locale.ROOT, NOT_CHOICE, fileName, e.line, key, String.join(", ", allowed), e.value));
		return value;
	}

	private int parseDataLength() {
		final Entry e = required("data-length");
		final String value = e.value.startsWith("+") ? e.value.substring(1) : e.value;
		if (!List.of("1", "2", "4", "8").contains(value)) throw new IllegalArgumentException(String.format(Locale.ROOT, NOT_CHOICE, fileName, e.line, "data-length", "1, 2, 4, 8", e.value));
		return Integer.parseInt(value);
	}

	/** An optional number; NaN when absent. */
	private double number(final String key) {
		final Entry e = entries.get(key);
		if (e == null) return Double.NaN;
		if (e.value.isEmpty()) throw new IllegalArgumentException(String.format(Locale.ROOT, NO_VALUE, fileName, e.line, key));
		if (!DECIMAL.matcher(e.value).matches()) throw new IllegalArgumentException(String.format(Locale.ROOT, NOT_NUMBER, fileName, e.line, key, e.value));
		final double value = Double.parseDouble(e.value);
		if (Double.isInfinite(value)) throw new IllegalArgumentException(String.format(Locale.ROOT, NOT_NUMBER, fileName, e.line, key, e.value));
		return value;
	}

	/** The calibration of an axis; fallbackScale: a key giving the scale in eV when there is no scale key. */
	private Axis axis(final String name, final String fallbackScale) {
		double scale = number(name + "-scale");
		final double origin = number(name + "-origin");
		final Entry unitsEntry = entries.get(name + "-units");
		String units = unitsEntry == null || unitsEntry.value.equals(UNDEFINED_UNITS) ? "" : unitsEntry.value;
		String scaleKey = name + "-scale";
		final double fallback = fallbackScale == null ? Double.NaN : number(fallbackScale);
		if (Double.isNaN(scale) && !Double.isNaN(fallback) && depth > 1) {
			scale = fallback;
			scaleKey = fallbackScale;
			if (unitsEntry == null) units = "eV";
		}
		if (!Double.isNaN(scale) && scale <= 0) throw new IllegalArgumentException(String.format(Locale.ROOT, NOT_POSITIVE, fileName, line(scaleKey), scaleKey, entries.get(scaleKey).value));
		return new Axis(Double.isNaN(scale) ? 1 : scale, Double.isNaN(origin) ? 0 : origin, units);
	}
}
