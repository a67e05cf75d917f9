package io.github.pixelclustering.api;

import io.github.pixelclustering.io.ModelDocument;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A fitted clustering: everything needed to label the pixels of a new image without the image it was
 * fitted on (scikit-learn's fitted attributes plus the settings that made them), saved as one
 * human-readable JSON file ({@link ModelDocument}). Each command has its kind of model; {@link #read}
 * returns the right one, {@link #write} saves any. Immutable.
 * <p>
 * In a file: {@code format}, {@code version}, {@code command} (the menu label of the command that made
 * it), {@code method}, {@code plugin_version}, {@code settings} (the command's macro keys and values),
 * {@code training_image} ({@link ImageDescription}), then what the kind of model needs (feature
 * definition, fitted transforms, centres, numbering, LUT).
 */
public abstract class ClusteringModel {

	/** An unknown command: path, the command found. */
	public static final String UNKNOWN_COMMAND = "%s: the model was made by \"%s\", which this Pixel Clustering cannot apply.";

	private final String command;
	private final String method;
	private final String pluginVersion;
	private final Map<String, Object> settings;
	private final ImageDescription training;

	/**
	 * @param command menu label of the command that made it
	 * @param method its method, e.g. "k-means"
	 * @param settings the command's macro keys and values
	 * @param training the image it was fitted on
	 */
	protected ClusteringModel(final String command, final String method, final Map<String, ?> settings, final ImageDescription training) {
		this(command, method, runningVersion(), settings, training);
	}

	ClusteringModel(final String command, final String method, final String pluginVersion, final Map<String, ?> settings, final ImageDescription training) {
		this.command = command;
		this.method = method;
		this.pluginVersion = pluginVersion;
		this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
		this.training = training;
	}

	/** Header of a model read from a document. */
	ClusteringModel(final ModelDocument d) {
		this(d.string("command"), d.string("method"), d.string("plugin_version"), withLaterKeys(d.string("command"), d.values("settings")), ImageDescription.of(d.child("training_image")));
	}

	/**
	 * The settings of a model file with the keys its command gained after the file was written, at the
	 * value that made the file: {@code init} {@code k-means++} (Colour Quantization, Pixel Agglomeration,
	 * Cluster Slices and the two spectrum commands), {@code distance_threshold} 0 (Pixel Agglomeration, Spectrum Image
	 * Cluster Analysis).
	 */
	private static Map<String, Object> withLaterKeys(final String command, final Map<String, Object> settings) {
		final Map<String, Object> out = new LinkedHashMap<>(settings);
		final boolean agglomeration = PixelAgglomerationModel.COMMAND.equals(command);
		if (agglomeration || ColourQuantizationModel.COMMAND.equals(command) || SliceClusteringModel.COMMAND.equals(command) || SpectrumClusteringModel.COMMAND.equals(command) || SpectrumClusteringModel.ESTIMATE_COMMAND.equals(command)) out.putIfAbsent("init", "k-means++");
		if (agglomeration || SpectrumClusteringModel.COMMAND.equals(command)) out.putIfAbsent("distance_threshold", 0.0);
		return out;
	}

	// -- Accessors --

	/** @return the menu label of the command that made the model, e.g. "Colour Quantization" */
	public String command() {
		return command;
	}

	/** @return the method, e.g. "k-means" */
	public String method() {
		return method;
	}

	/** @return the version of Pixel Clustering that made the model */
	public String pluginVersion() {
		return pluginVersion;
	}

	/** @return the command's macro keys and values, in the command's order */
	public Map<String, Object> settings() {
		return settings;
	}

	/** @return the image the model was fitted on */
	public ImageDescription training() {
		return training;
	}

	/** @return number of clusters (labels 1..k) */
	public abstract int clusters();

	/**
	 * Checks that the model can label an image of this kind and size.
	 *
	 * @param image the image to apply the model to
	 * @throws IllegalArgumentException naming what the model expects and what the image is
	 */
	public abstract void requireFits(ImageDescription image);

	// -- Files --

	/**
	 * Writes the model (through a temporary file moved into place).
	 *
	 * @param file the model file, e.g. {@code model.json}
	 * @throws IllegalArgumentException when the file's folder does not exist
	 * @throws IOException when it cannot be written
	 */
	public final void write(final File file) throws IOException {
		document().write(file);
	}

	/** @return the model as the JSON text {@link #write} writes */
	public final String text() {
		return document().text();
	}

	/**
	 * Reads a model file written by {@link #write}.
	 *
	 * @param file the model file
	 * @return the model, of the kind its command makes
	 * @throws IllegalArgumentException on a missing, truncated or non-model file, another version, an
	 *         unknown command, or missing or bad values (one line naming the file)
	 */
	public static ClusteringModel read(final File file) {
		return of(ModelDocument.read(file));
	}

	/**
	 * Reads a model's text ({@link #text()}, e.g. sent to another machine).
	 *
	 * @param text the model's JSON text
	 * @param source where it came from, for the messages (the model file's path)
	 * @return the model, of the kind its command makes
	 * @throws IllegalArgumentException as {@link #read}
	 */
	public static ClusteringModel parse(final String text, final String source) {
		return of(ModelDocument.parse(text, source));
	}

	private static ClusteringModel of(final ModelDocument d) {
		final String command = d.string("command");
		switch (command) {
			case ColourQuantizationModel.COMMAND:
				return new ColourQuantizationModel(d);
			case PixelAgglomerationModel.COMMAND:
				return new PixelAgglomerationModel(d);
			case SliceClusteringModel.COMMAND:
				return new SliceClusteringModel(d);
			case SpectrumClusteringModel.COMMAND: case SpectrumClusteringModel.ESTIMATE_COMMAND:
				return new SpectrumClusteringModel(d);
			default:
				throw new IllegalArgumentException(String.format(UNKNOWN_COMMAND, d.source(), command));
		}
	}

	// -- Helper methods --

	private ModelDocument document() {
		final ModelDocument d = ModelDocument.create();
		d.put("command", command).put("method", method).put("plugin_version", pluginVersion);
		d.putAll("settings", settings);
		d.put("training_image", training.toDocument());
		writeBody(d);
		return d;
	}

	/** Puts what this kind of model holds after the header. */
	abstract void writeBody(ModelDocument d);

	/**
	 * Reads a matrix of finite numbers.
	 *
	 * @param d the document
	 * @param key an array of {@code rows} arrays of {@code columns} numbers; rows < 0: any number, at least one
	 * @param rows rows expected, or -1
	 * @param columns numbers in each row
	 * @return the matrix, row-major
	 * @throws IllegalArgumentException naming the file, the key, and the first row with a NaN or infinity
	 */
	static double[] finiteRows(final ModelDocument d, final String key, final int rows, final int columns) {
		final int found = d.length(key);
		if (rows >= 0 ? found != rows : found == 0) throw d.invalid(key, rows >= 0 ? rows + " rows" : "at least one row", found + "");
		final double[] m = d.matrix(key, columns);
		for (int v = 0; v < m.length; v++)
			if (!Double.isFinite(m[v])) throw d.invalid(key + "[" + v / columns + "]", "finite numbers", m[v] + " in column " + v % columns);
		return m;
	}

	/**
	 * Reads the order in which a nearest-centre search visits the labels (the fit's algorithm's order, so
	 * that ties break as in the fit).
	 *
	 * @param d the document, with key {@code search_order}
	 * @param clusters k
	 * @return the labels 1..k, each once
	 */
	static int[] searchOrder(final ModelDocument d, final int clusters) {
		final int[] order = d.integers("search_order");
		final boolean[] seen = new boolean[clusters + 1];
		boolean ok = order.length == clusters;
		for (int i = 0; ok && i < order.length; i++) {
			final int l = order[i];
			ok = l >= 1 && l <= clusters && !seen[l];
			if (ok) seen[l] = true;
		}
		if (!ok) throw d.invalid("search_order", "the labels 1.." + clusters + " in some order", Arrays.toString(order));
		return order;
	}

	/**
	 * @param byLabel k rows of {@code columns} values, row l - 1 for label l
	 * @param searchOrder label 1..k of each row of the result (see {@link #searchOrder})
	 * @param columns values in a row
	 * @return the rows in the search order, for the nearest-centre search of the fit
	 */
	static double[] inSearchOrder(final double[] byLabel, final int[] searchOrder, final int columns) {
		final double[] out = new double[searchOrder.length * columns];
		for (int j = 0; j < searchOrder.length; j++)
			System.arraycopy(byLabel, (searchOrder[j] - 1) * columns, out, j * columns, columns);
		return out;
	}

	/** Reads {@code count} label colours written by {@link #putLut}. */
	static int[] lut(final ModelDocument d, final int count) {
		final String[] hex = d.strings("lut");
		if (hex.length != count) throw d.invalid("lut", count + " colours (labels 0.." + (count - 1) + ")", hex.length + "");
		final int[] out = new int[count];
		for (int i = 0; i < count; i++) {
			if (!hex[i].matches("#[0-9a-fA-F]{6}")) throw d.invalid("lut[" + i + "]", "a colour #rrggbb", hex[i]);
			out[i] = Integer.parseInt(hex[i].substring(1), 16);
		}
		return out;
	}

	/** Puts label colours (0xrrggbb) as {@code "#rrggbb"} strings. */
	static void putLut(final ModelDocument d, final int[] colours) {
		final String[] hex = new String[colours.length];
		for (int i = 0; i < colours.length; i++)
			hex[i] = String.format("#%06x", colours[i] & 0xffffff);
		d.put("lut", hex);
	}

	/** The version in our jar's Maven metadata; "development" when run from classes. */
	private static String runningVersion() {
		try (InputStream in = ClusteringModel.class.getResourceAsStream("/META-INF/maven/io.github.pixelclustering/pixel-clustering/pom.properties")) {
			if (in == null) return "development";
			final Properties p = new Properties();
			p.load(in);
			return p.getProperty("version", "development");
		}
		catch (final IOException e) {
			return "development";
		}
	}
}
