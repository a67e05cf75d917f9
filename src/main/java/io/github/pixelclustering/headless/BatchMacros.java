package io.github.pixelclustering.headless;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.io.TiffCheck;
import io.github.pixelclustering.output.OutputFiles;

import ij.ImagePlus;
import ij.WindowManager;
import ij.io.Opener;
import ij.measure.ResultsTable;

import java.awt.GraphicsEnvironment;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the batch macros in {@code macros/} share, written once and tested here instead of in every
 * macro: reading and checking their argument, making the output folder, telling which files are images
 * they can open, and saving outputs under a temporary name, moved into place when complete. The macros reach these methods with ImageJ's
 * {@code call("io.github.pixelclustering.headless.BatchMacros.<method>", ...)} (static methods, text
 * arguments, a text result), in Fiji as on the command line.
 * <p>
 * A method that finds a bad argument stops the macro with one line that says what was expected (and
 * returns ""); on the command line the run then exits with 2.
 */
public final class BatchMacros {

	/** Unknown key: macro, key, known keys. */
	public static final String UNKNOWN_KEY = "%s does not take %s=: its keys are %s.";
	/** A missing key: macro, key, example. */
	public static final String MISSING_KEY = "%s needs %s=<%s>.";
	/** Input folder missing: its path. */
	public static final String NO_INPUT_FOLDER = "Input folder not found: %s";
	/** Input folder without files: its path. */
	public static final String EMPTY_INPUT_FOLDER = "The input folder %s holds no files.";
	/** Output folder that cannot be made: its path. */
	public static final String NO_OUTPUT_FOLDER = "Cannot create the output folder %s.";
	/** A file ImageJ cannot open as an image: its name. */
	public static final String NOT_AN_IMAGE = "not an image ImageJ can open";

	/** File name endings of the images the batch macros read. */
	static final List<String> IMAGE_ENDINGS = List.of(".tif", ".tiff", ".png", ".jpg", ".jpeg", ".gif", ".bmp");

	/** ImageJ's file types (from the file's first bytes) that are images. */
	private static final Set<Integer> IMAGE_TYPES = Set.of(Opener.TIFF, Opener.TIFF_AND_DICOM, Opener.DICOM, Opener.FITS, Opener.PGM, Opener.JPEG, Opener.GIF, Opener.BMP, Opener.PNG);

	private BatchMacros() {}

	/**
	 * Checks a batch macro's argument: every key must be one of the macro's, lower case, given once, with a
	 * value; otherwise the macro stops with the problem.
	 *
	 * @param argument the macro's argument, e.g. {@code input=[/data/in] output=[/data/out] clusters=8}
	 * @param macro the macro's file name, for messages
	 * @param keys the macro's keys, separated by spaces; a key written {@code key!} is required
	 * @return "" when the argument is good
	 */
	public static String check(final String argument, final String macro, final String keys) {
		final Map<String, Boolean> known = new LinkedHashMap<>();
		for (final String k : keys.trim().split("\\s+"))
			known.put(k.replace("!", ""), k.endsWith("!"));
		final Map<String, String> seen = new LinkedHashMap<>();
		final List<MacroOptions.Key> given;
		try {
			given = MacroOptions.keys(argument);
		}
		catch (final IllegalArgumentException e) {
			return stop(macro + ": " + e.getMessage());
		}
		try {
			for (final MacroOptions.Key key : given) {
				final String name = key.name.toLowerCase(Locale.ROOT);
				if (!known.containsKey(name)) return stop(String.format(UNKNOWN_KEY, macro, name, String.join(", ", known.keySet())));
				MacroOptions.requireLowerCase(key);
				if (!key.hasValue) return stop(macro + ": " + name + " needs a value: write " + name + "=<value>");
				MacroOptions.requireOnce(key, seen);
			}
		}
		catch (final IllegalArgumentException e) { // capitals, or a key twice: the message says so
			return stop(e.getMessage());
		}
		for (final Map.Entry<String, Boolean> k : known.entrySet())
			if (k.getValue() && !seen.containsKey(k.getKey())) return stop(String.format(MISSING_KEY, macro, k.getKey(), k.getKey().equals("input") || k.getKey().equals("output") ? "folder" : "value"));
		return "";
	}

	/**
	 * The value of a key in a batch macro's argument. Unlike ImageJ's {@code Macro.getValue}, a key
	 * matches only as a whole word: {@code clusters=} does not match inside {@code max_clusters=}.
	 *
	 * @param argument the macro's argument
	 * @param key a key
	 * @param defaultValue the value when the key is not given
	 * @return the value (without brackets), or the default
	 */
	public static String value(final String argument, final String key, final String defaultValue) {
		for (final MacroOptions.Key k : MacroOptions.keys(argument))
			if (k.name.equals(key) && k.hasValue) return k.value();
		return defaultValue;
	}

	/**
	 * Checks the input folder: it must exist and hold at least one file.
	 *
	 * @param folder the input folder
	 * @return "" when it is good (else the macro stops)
	 */
	public static String checkInput(final String folder) {
		final File f = new File(folder);
		if (!f.isDirectory()) return stop(String.format(NO_INPUT_FOLDER, folder));
		final String[] files = f.list();
		if (files == null || Arrays.stream(files).noneMatch(n -> !n.startsWith(".") && new File(f, n).isFile())) return stop(String.format(EMPTY_INPUT_FOLDER, folder));
		return "";
	}

	/**
	 * Reads a model file saved by a command's {@code save_model}, before any image: a file that is missing
	 * or not a model stops the macro with the one-line reason.
	 *
	 * @param path the model file
	 * @return what the model is, e.g. {@code model.json (Colour Quantization, 4 clusters)}; "" when it
	 *         cannot be read (and the macro stops)
	 */
	public static String checkModel(final String path) {
		try {
			final ClusteringModel model = ClusteringModel.read(new File(path));
			return new File(path).getName() + " (" + model.command() + ", " + model.clusters() + " clusters)";
		}
		catch (final IllegalArgumentException e) {
			return stop(e.getMessage());
		}
	}

	/**
	 * Why a model cannot label an open image: of another kind than its training image (a grey image for
	 * a colour model, another number of channels, ...). A batch macro leaves such an image out.
	 *
	 * @param path the model file (checked by {@link #checkModel} before)
	 * @param title the open image's title
	 * @return "" when the model can label it, else what the model expects and what the image is (without
	 *         a final full stop)
	 */
	public static String modelProblem(final String path, final String title) {
		final ImagePlus image = WindowManager.getImage(title);
		if (image == null) return stopRun("No open image is titled \"" + title + "\".");
		try {
			ClusteringModel.read(new File(path)).requireFits(ImageDescriptions.of(image));
			return "";
		}
		catch (final IllegalArgumentException e) {
			final String message = e.getMessage();
			return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
		}
	}

	/**
	 * Makes the output folder with its parents.
	 *
	 * @param folder the output folder
	 * @return "" when it exists now (else the macro stops)
	 */
	public static String makeFolder(final String folder) {
		final File f = new File(folder);
		if (!f.isDirectory() && !f.mkdirs() && !f.isDirectory()) return stop(String.format(NO_OUTPUT_FOLDER, folder));
		return "";
	}

	/**
	 * @param name a file name
	 * @return "1" when the name ends like an image the batch macros read (.tif, .png, .jpg, ...), else "0"
	 */
	public static String isImageName(final String name) {
		final String lower = name.toLowerCase(Locale.ROOT);
		return IMAGE_ENDINGS.stream().anyMatch(lower::endsWith) ? "1" : "0";
	}

	/**
	 * Why ImageJ could not open a file as a complete image, before a macro tries: a macro's
	 * {@code open(...)} of such a file stops the macro, and a truncated TIFF opens with black where the
	 * data are missing.
	 *
	 * @param path an image file
	 * @return "" when it can be opened, else the reason (without a final full stop)
	 */
	public static String unusable(final String path) {
		final File file = new File(path);
		if (!file.isFile()) return "file not found";
		final int type = new Opener().getFileType(path);
		if (!IMAGE_TYPES.contains(type)) return NOT_AN_IMAGE;
		if (type == Opener.TIFF) {
			try {
				TiffCheck.checkComplete(file.toPath());
			}
			catch (final IllegalArgumentException | IOException e) {
				// "photo.tif is truncated: ..." -> "truncated: ..." (the macro names the file)
				String message = e.getMessage();
				for (final String prefix : new String[] { file.getName() + " is ", file.getName() + " " })
					if (message.startsWith(prefix)) {
						message = message.substring(prefix.length());
						break;
					}
				return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
			}
		}
		return "";
	}

	/**
	 * @param folder a folder path
	 * @return the path ending in a file separator, ready for file names to be appended
	 */
	public static String folder(final String folder) {
		return folder.endsWith("/") || folder.endsWith(File.separator) ? folder : folder + File.separator;
	}

	/**
	 * Saves an open image (TIFF, or PNG when the path ends in .png) or, when the path ends in .csv, a table
	 * by its title (a plot and its table may share one), under a
	 * temporary name first, then moved to its final name; a table published without a display is the
	 * Results table.
	 *
	 * @param title the image's or table's title
	 * @param path the final file
	 * @return "" when saved (else the macro stops)
	 */
	public static String save(final String title, final String path) {
		final File target = new File(path);
		final boolean csv = path.toLowerCase(Locale.ROOT).endsWith(".csv");
		final ImagePlus image = csv ? null : WindowManager.getImage(title);
		final ResultsTable table = !csv ? null : ResultsTable.getResultsTable(title) != null ? ResultsTable.getResultsTable(title) : GraphicsEnvironment.isHeadless() ? ResultsTable.getResultsTable() : null;
		if (image == null && table == null) return stopRun("Cannot save " + path + ": no open image or table is titled \"" + title + "\".");
		try {
			if (table != null) OutputFiles.writeCsv(table, target);
			else if (path.toLowerCase(Locale.ROOT).endsWith(".png")) OutputFiles.writePng(image, target);
			else OutputFiles.writeTiff(image, target);
			return "";
		}
		catch (final IOException e) {
			return stopRun("Cannot save " + path + ": " + e.getMessage());
		}
	}

	/**
	 * Ends a batch: when files were skipped, the command line's run fails (exit code 1) after the macro
	 * printed its summary; in Fiji this does nothing.
	 *
	 * @param skipped how many files were skipped
	 * @return ""
	 */
	public static String finish(final String skipped) {
		final MacroBridge.Session session = MacroBridge.session();
		if (session != null && !"0".equals(skipped.trim())) session.fail(skipped.trim() + " files skipped");
		return "";
	}

	/**
	 * Stops the macro with the message. Returns "" rather than the message: a macro statement that is only
	 * a {@code call(...)} prints what the call returns, and the message is printed once already.
	 */
	private static String stop(final String message) {
		MacroBridge.fail(message, true);
		return "";
	}

	private static String stopRun(final String message) {
		MacroBridge.fail(message, false);
		return "";
	}
}
