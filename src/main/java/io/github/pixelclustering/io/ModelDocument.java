package io.github.pixelclustering.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A clustering model file: one JSON object ({@code "format": "pixel-clustering-model", "version": 1})
 * read and written with Gson, the JSON library Fiji ships. Keys keep the order they were put in; doubles
 * are written as Java writes them ({@link Double#toString}) and so read back exactly; NaN is written as
 * {@code null}. Objects are indented one key per line, arrays of numbers stay on one line (a matrix is
 * one row per line), so a model reads well in a text editor.
 * <p>
 * Every problem reading a file is an {@link IllegalArgumentException} with one line naming the file and
 * what was expected and found. Writing goes through {@link AtomicFiles}: never half a model under its
 * final name.
 */
public final class ModelDocument {

	/** The value of {@code "format"}. */
	public static final String FORMAT = "pixel-clustering-model";
	/** The version this code writes and reads. */
	public static final int VERSION = 1;

	/** File not found: path. */
	public static final String NOT_FOUND = "Model file not found: %s.";
	/** Not JSON, or cut short: path. */
	public static final String NOT_JSON = "%s is not a Pixel Clustering model: it is not complete JSON.";
	/** Another format: path, format found. */
	public static final String NOT_A_MODEL = "%s is not a Pixel Clustering model: expected \"format\": \"" + FORMAT + "\", got %s.";
	/** Another version: path, version found. */
	public static final String UNKNOWN_VERSION = "%s is a model of version %s; this Pixel Clustering reads version " + VERSION + ".";
	/** Missing key: path, key. */
	public static final String MISSING = "%s: the model has no \"%s\".";
	/** Wrong value: path, key, what was expected, what was found. */
	public static final String WRONG = "%s: \"%s\" must be %s, got %s.";
	/** Folder of a file to write is missing: path. */
	public static final String NO_FOLDER = "Cannot save the model as %s: its folder does not exist.";

	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

	private final JsonObject json;
	private final String source;
	private final String path;

	private ModelDocument(final JsonObject json, final String source, final String path) {
		this.json = json;
		this.source = source;
		this.path = path;
	}

	/** @return an empty document with the format and version keys */
	public static ModelDocument create() {
		final ModelDocument d = new ModelDocument(new JsonObject(), "model", "");
		d.put("format", FORMAT);
		d.put("version", VERSION);
		return d;
	}

	/** @return an empty nested object, to {@link #put(String, ModelDocument)} into a document */
	public static ModelDocument object() {
		return new ModelDocument(new JsonObject(), "model", "");
	}

	// -- Reading --

	/**
	 * Reads a model file and checks its format and version.
	 *
	 * @param file the file
	 * @return the document
	 * @throws IllegalArgumentException when the file is missing, unreadable, not complete JSON, not a
	 *         model, or of another version
	 */
	public static ModelDocument read(final File file) {
		final String text;
		try {
			text = Files.readString(file.toPath(), StandardCharsets.UTF_8);
		}
		catch (final NoSuchFileException e) {
			throw new IllegalArgumentException(String.format(NOT_FOUND, file.getPath()));
		}
		catch (final java.nio.charset.CharacterCodingException e) {
			throw new IllegalArgumentException(String.format(NOT_JSON, file.getPath()));
		}
		catch (final IOException e) {
			if (!file.isFile()) throw new IllegalArgumentException(String.format(NOT_FOUND, file.getPath()));
			throw new IllegalArgumentException("Cannot read the model file " + file.getPath() + ": " + e.getMessage());
		}
		return parse(text, file.getPath());
	}

	/**
	 * Reads a model's text (a model file's content, sent to another machine) and checks its format and
	 * version.
	 *
	 * @param text the JSON text
	 * @param source where it came from, for the messages (the model file's path)
	 * @return the document
	 * @throws IllegalArgumentException when the text is not complete JSON, not a model, or of another version
	 */
	public static ModelDocument parse(final String text, final String source) {
		final JsonElement root;
		try {
			root = JsonParser.parseString(text);
		}
		catch (final JsonParseException | IllegalStateException e) {
			throw new IllegalArgumentException(String.format(NOT_JSON, source));
		}
		if (!root.isJsonObject()) throw new IllegalArgumentException(String.format(NOT_JSON, source));
		final ModelDocument d = new ModelDocument(root.getAsJsonObject(), source, "");
		final JsonElement format = d.json.get("format");
		if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) throw new IllegalArgumentException(String.format(NOT_A_MODEL, source, format == null ? "no format" : format.toString()));
		final JsonElement version = d.json.get("version");
		if (version == null || !version.isJsonPrimitive() || !version.getAsJsonPrimitive().isNumber() || version.getAsDouble() != VERSION) throw new IllegalArgumentException(String.format(UNKNOWN_VERSION, source, version == null ? "none" : version.toString()));
		return d;
	}

	/** @return whether the document has the key */
	public boolean has(final String key) {
		return json.has(key) && !json.get(key).isJsonNull();
	}

	/** @return the string value of the key */
	public String string(final String key) {
		final JsonElement e = get(key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw wrong(key, "a string", e);
		return e.getAsString();
	}

	/** @return the whole-number value of the key, within int */
	public int integer(final String key) {
		final long v = whole(key);
		if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw wrong(key, "a whole number within +-2^31", get(key));
		return (int) v;
	}

	/** @return the whole-number value of the key */
	public long whole(final String key) {
		final JsonElement e = get(key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw wrong(key, "a whole number", e);
		try {
			return e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
		}
		catch (final ArithmeticException x) {
			throw wrong(key, "a whole number", e);
		}
	}

	/** @return the number value of the key ({@code null} reads as NaN) */
	public double number(final String key) {
		final JsonElement e = json.get(key);
		if (e == null) throw missing(key);
		return number(e, key);
	}

	/** @return the boolean value of the key */
	public boolean bool(final String key) {
		final JsonElement e = get(key);
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) throw wrong(key, "true or false", e);
		return e.getAsBoolean();
	}

	/** @return the numbers of an array key ({@code null} entries read as NaN) */
	public double[] numbers(final String key) {
		final JsonArray a = array(key);
		final double[] out = new double[a.size()];
		for (int i = 0; i < out.length; i++)
			out[i] = number(a.get(i), key + "[" + i + "]");
		return out;
	}

	/** @return the whole numbers of an array key, within int */
	public int[] integers(final String key) {
		final JsonArray a = array(key);
		final int[] out = new int[a.size()];
		for (int i = 0; i < out.length; i++) {
			final JsonElement e = a.get(i);
			if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw wrong(key + "[" + i + "]", "a whole number", e);
			final double v = e.getAsDouble();
			if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw wrong(key + "[" + i + "]", "a whole number", e);
			out[i] = (int) v;
		}
		return out;
	}

	/** @return the strings of an array key */
	public String[] strings(final String key) {
		final JsonArray a = array(key);
		final String[] out = new String[a.size()];
		for (int i = 0; i < out.length; i++) {
			final JsonElement e = a.get(i);
			if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw wrong(key + "[" + i + "]", "a string", e);
			out[i] = e.getAsString();
		}
		return out;
	}

	/**
	 * @param key an array of arrays of numbers, each {@code columns} long
	 * @param columns the length every row must have
	 * @return the rows, row-major in one array
	 */
	public double[] matrix(final String key, final int columns) {
		final JsonArray a = array(key);
		final double[] out = new double[a.size() * columns];
		for (int r = 0; r < a.size(); r++) {
			final JsonElement row = a.get(r);
			if (!row.isJsonArray() || row.getAsJsonArray().size() != columns) throw wrong(key + "[" + r + "]", "an array of " + columns + " numbers", row);
			for (int c = 0; c < columns; c++)
				out[r * columns + c] = number(row.getAsJsonArray().get(c), key + "[" + r + "][" + c + "]");
		}
		return out;
	}

	/** @return the object of the key as strings, numbers (Double, or Long when whole) and booleans, in file order */
	public Map<String, Object> values(final String key) {
		final JsonElement e = get(key);
		if (!e.isJsonObject()) throw wrong(key, "an object", e);
		final Map<String, Object> out = new LinkedHashMap<>();
		for (final Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
			final JsonElement v = entry.getValue();
			if (v.isJsonNull()) out.put(entry.getKey(), null);
			else if (!v.isJsonPrimitive()) throw wrong(key + "." + entry.getKey(), "a string, number or boolean", v);
			else if (v.getAsJsonPrimitive().isBoolean()) out.put(entry.getKey(), v.getAsBoolean());
			else if (v.getAsJsonPrimitive().isString()) out.put(entry.getKey(), v.getAsString());
			else {
				final String text = v.getAsString();
				out.put(entry.getKey(), text.matches("-?[0-9]+") ? (Object) Long.valueOf(text) : (Object) v.getAsDouble());
			}
		}
		return out;
	}

	/** @return how many elements the array key has */
	public int length(final String key) {
		return array(key).size();
	}

	/** @return the nested object of the key */
	public ModelDocument child(final String key) {
		final JsonElement e = get(key);
		if (!e.isJsonObject()) throw wrong(key, "an object", e);
		return new ModelDocument(e.getAsJsonObject(), source, name(key) + ".");
	}

	/**
	 * @param key the key whose value is bad
	 * @param expected what it should be, e.g. {@code "3 channels"}
	 * @param found what it is
	 * @return the one-line message naming the file and the key, as an exception to throw
	 */
	public IllegalArgumentException invalid(final String key, final String expected, final String found) {
		return new IllegalArgumentException(String.format(WRONG, source, name(key), expected, found));
	}

	/** @return the file the document was read from, or "model" for a new one */
	public String source() {
		return source;
	}

	// -- Writing --

	/** Puts a string; @return this */
	public ModelDocument put(final String key, final String value) {
		json.add(key, value == null ? JsonNull.INSTANCE : new JsonPrimitive(value));
		return this;
	}

	/** Puts a number (NaN and infinities as null); @return this */
	public ModelDocument put(final String key, final double value) {
		json.add(key, numberElement(value));
		return this;
	}

	/** Puts a whole number; @return this */
	public ModelDocument put(final String key, final long value) {
		json.add(key, new JsonPrimitive(value));
		return this;
	}

	/** Puts a boolean; @return this */
	public ModelDocument put(final String key, final boolean value) {
		json.add(key, new JsonPrimitive(value));
		return this;
	}

	/** Puts an array of numbers (NaN as null); @return this */
	public ModelDocument put(final String key, final double[] values) {
		final JsonArray a = new JsonArray(values.length);
		for (final double v : values)
			a.add(numberElement(v));
		json.add(key, a);
		return this;
	}

	/** Puts an array of whole numbers; @return this */
	public ModelDocument put(final String key, final int[] values) {
		final JsonArray a = new JsonArray(values.length);
		for (final int v : values)
			a.add(v);
		json.add(key, a);
		return this;
	}

	/** Puts an array of strings; @return this */
	public ModelDocument put(final String key, final String[] values) {
		final JsonArray a = new JsonArray(values.length);
		for (final String v : values)
			a.add(v);
		json.add(key, a);
		return this;
	}

	/** Puts a matrix, one array per row of {@code columns} numbers; @return this */
	public ModelDocument putMatrix(final String key, final double[] rowMajor, final int columns) {
		final JsonArray rows = new JsonArray(rowMajor.length / Math.max(1, columns));
		for (int r = 0; r * columns < rowMajor.length; r++) {
			final JsonArray row = new JsonArray(columns);
			for (int c = 0; c < columns; c++)
				row.add(numberElement(rowMajor[r * columns + c]));
			rows.add(row);
		}
		json.add(key, rows);
		return this;
	}

	/** Puts a nested object; @return this */
	public ModelDocument put(final String key, final ModelDocument value) {
		json.add(key, value.json);
		return this;
	}

	/** Puts an object of strings, numbers and booleans, in the map's order; @return this */
	public ModelDocument putAll(final String key, final Map<String, ?> values) {
		final ModelDocument o = object();
		for (final Map.Entry<String, ?> e : values.entrySet()) {
			final Object v = e.getValue();
			if (v instanceof Boolean) o.put(e.getKey(), (boolean) (Boolean) v);
			else if (v instanceof Integer || v instanceof Long) o.put(e.getKey(), ((Number) v).longValue());
			else if (v instanceof Number) o.put(e.getKey(), ((Number) v).doubleValue());
			else o.put(e.getKey(), v == null ? null : v.toString());
		}
		return put(key, o);
	}

	/**
	 * Writes the document through a temporary file moved into place.
	 *
	 * @param file the model file (replaced if it exists)
	 * @throws IllegalArgumentException when its folder does not exist
	 * @throws IOException when it cannot be written
	 */
	public void write(final File file) throws IOException {
		final File folder = file.getAbsoluteFile().getParentFile();
		if (folder == null || !folder.isDirectory()) throw new IllegalArgumentException(String.format(NO_FOLDER, file.getPath()));
		final String text = text();
		AtomicFiles.write(file, part -> {
			try (Writer w = Files.newBufferedWriter(part.toPath(), StandardCharsets.UTF_8)) {
				w.write(text);
			}
		});
	}

	/** @return the document as the text {@link #write} writes */
	public String text() {
		final StringBuilder sb = new StringBuilder();
		layout(json, sb, "");
		return sb.append('\n').toString();
	}

	// -- Helper methods --

	/** Objects one key per line; arrays of plain values on one line; other arrays one element per line. */
	private static void layout(final JsonElement e, final StringBuilder sb, final String indent) {
		if (e.isJsonObject()) {
			final JsonObject o = e.getAsJsonObject();
			if (o.size() == 0) {
				sb.append("{}");
				return;
			}
			sb.append("{\n");
			boolean first = true;
			for (final Map.Entry<String, JsonElement> entry : o.entrySet()) {
				if (!first) sb.append(",\n");
				first = false;
				sb.append(indent).append('\t').append(GSON.toJson(entry.getKey())).append(": ");
				layout(entry.getValue(), sb, indent + '\t');
			}
			sb.append('\n').append(indent).append('}');
		}
		else if (e.isJsonArray() && !flat(e.getAsJsonArray())) {
			final JsonArray a = e.getAsJsonArray();
			sb.append("[\n");
			for (int i = 0; i < a.size(); i++) {
				if (i > 0) sb.append(",\n");
				sb.append(indent).append('\t');
				layout(a.get(i), sb, indent + '\t');
			}
			sb.append('\n').append(indent).append(']');
		}
		else sb.append(GSON.toJson(e));
	}

	private static boolean flat(final JsonArray a) {
		for (final JsonElement e : a)
			if (e.isJsonArray() || e.isJsonObject()) return false;
		return true;
	}

	private static JsonElement numberElement(final double v) {
		return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
	}

	private JsonElement get(final String key) {
		final JsonElement e = json.get(key);
		if (e == null || e.isJsonNull()) throw missing(key);
		return e;
	}

	private JsonArray array(final String key) {
		final JsonElement e = get(key);
		if (!e.isJsonArray()) throw wrong(key, "an array", e);
		return e.getAsJsonArray();
	}

	private double number(final JsonElement e, final String key) {
		if (e.isJsonNull()) return Double.NaN;
		if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) throw wrong(key, "a number", e);
		return e.getAsDouble();
	}

	private String name(final String key) {
		return path + key;
	}

	private IllegalArgumentException missing(final String key) {
		return new IllegalArgumentException(String.format(MISSING, source, name(key)));
	}

	private IllegalArgumentException wrong(final String key, final String expected, final JsonElement found) {
		final String text = found.toString();
		return invalid(key, expected, text.length() > 40 ? text.substring(0, 37) + "..." : text);
	}
}
