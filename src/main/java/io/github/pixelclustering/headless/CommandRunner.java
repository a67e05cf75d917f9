package io.github.pixelclustering.headless;

import io.github.pixelclustering.io.ModelDocument;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.MenuPath;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;
import org.scijava.widget.Button;

/**
 * Runs this plugin's SciJava commands (every command class of this plugin's package that has a menu path:
 * those under {@code Plugins > Pixel Clustering} and {@code File > Import > Ripple Spectrum Image}) from
 * ImageJ macro options, as Fiji's imagej-legacy does: a command is found by the last part of its menu
 * path; each input is read with {@code ij.Macro.getValue} under its lower-case field name; an
 * {@code ImagePlus} input is the image named by {@code image=<title or id>} or else the active image; a
 * {@code File} input is the path given (e.g. {@code open=[/data/map.rpl]}).
 * <p>
 * Unlike Fiji, every input is resolved here (the given value, else the command's declared default),
 * never from stored last-used values, so a run does not depend on earlier runs. And unknown keys, values
 * that do not convert, and booleans without a value are errors (Fiji would silently ignore them).
 */
public final class CommandRunner {

	/** A file to save in a folder that does not exist: key, path. */
	public static final String NO_SAVE_FOLDER = "Cannot save %s=%s: its folder does not exist.";
	/** The key of the model file every clustering command can save. */
	static final String SAVE_MODEL = "save_model";

	/** Package of this plugin's command classes. */
	private static final String COMMANDS_PACKAGE = "io.github.pixelclustering.commands.";

	private final Context context;
	private final Map<String, CommandInfo> commands = new TreeMap<>();

	/** @param context a context with a {@link CommandService} */
	public CommandRunner(final Context context) {
		this.context = context;
		for (final CommandInfo info : context.service(CommandService.class).getCommands())
			if (isOurs(info)) commands.put(info.getMenuPath().getLeaf().getName(), info);
	}

	/**
	 * @param info a command
	 * @return whether it is one of this plugin's menu commands (a class of its commands package with a
	 *         menu path)
	 */
	public static boolean isOurs(final CommandInfo info) {
		final MenuPath path = info.getMenuPath();
		return path != null && !path.isEmpty() && info.getClassName() != null && info.getClassName().startsWith(COMMANDS_PACKAGE);
	}

	/**
	 * @param item an input of a command
	 * @return whether it is a setting, with a macro key: not a service, the context or a dialog button
	 */
	public static boolean isSetting(final ModuleItem<?> item) {
		final Class<?> type = item.getType();
		return !Service.class.isAssignableFrom(type) && !Context.class.isAssignableFrom(type) && !Button.class.isAssignableFrom(type);
	}

	/** @return this plugin's commands by menu label */
	public Map<String, CommandInfo> commands() {
		return commands;
	}

	/**
	 * @param label a menu label, e.g. "Colour Quantization"
	 * @return the command
	 * @throws IllegalArgumentException naming the known commands
	 */
	public CommandInfo find(final String label) {
		final CommandInfo info = commands.get(label);
		if (info == null) throw new IllegalArgumentException("Unknown command \"" + label + "\": known commands are " + String.join(", ", commands.keySet()) + ".");
		return info;
	}

	/**
	 * Resolves every input of a command from macro options.
	 *
	 * @param info the command
	 * @param options macro options, e.g. {@code "clusters=8 method=k-means"} (may be null)
	 * @param image the image for an ImagePlus input, or null to use {@code image=} or the active image
	 * @return a value for every input that is not a service
	 * @throws IllegalArgumentException for an unknown key, a bad value, a boolean without a value, or a
	 *         missing image
	 */
	public Map<String, Object> inputs(final CommandInfo info, final String options, final ImagePlus image) {
		final String label = info.getMenuPath().getLeaf().getName();
		final Map<String, ModuleItem<?>> items = new LinkedHashMap<>();
		for (final ModuleItem<?> item : info.inputs())
			if (isSetting(item)) items.put(item.getName().toLowerCase(Locale.ROOT), item);
		final Map<String, String> seen = new LinkedHashMap<>();
		for (final MacroOptions.Key key : MacroOptions.keys(options)) {
			final String name = key.name.toLowerCase(Locale.ROOT);
			final ModuleItem<?> item = items.get(name);
			if (item == null) throw new IllegalArgumentException("Unknown key \"" + name + "\" for " + label + ": known keys are " + String.join(", ", items.keySet()) + ".");
			MacroOptions.requireLowerCase(key);
			if (!key.hasValue) throw new IllegalArgumentException(isBoolean(item.getType()) ? name + " needs a value: write " + name + "=true" : name + " needs a value: write " + name + "=<value>");
			MacroOptions.requireOnce(key, seen);
		}
		final Module defaults = context.service(ModuleService.class).createModule(info);
		final Map<String, Object> values = new LinkedHashMap<>();
		final String given = options == null ? "" : options;
		for (final Map.Entry<String, ModuleItem<?>> e : items.entrySet()) {
			final ModuleItem<?> item = e.getValue();
			final String raw = Macro.getValue(given, e.getKey(), null);
			if (ImagePlus.class.isAssignableFrom(item.getType())) values.put(item.getName(), image != null ? image : findImage(raw, label));
			else values.put(item.getName(), raw == null ? defaults.getInput(item.getName()) : convert(e.getKey(), raw, item));
		}
		return values;
	}

	/**
	 * Runs a command with resolved inputs through the {@link CommandService}.
	 *
	 * @param info the command
	 * @param inputs every input
	 * @return the finished module: check {@code isCanceled()}
	 */
	public Module run(final CommandInfo info, final Map<String, Object> inputs) {
		try {
			// ModuleService, not CommandService: CommandService returns null for commands that are
			// modules themselves (DynamicCommand)
			return context.service(ModuleService.class).run(info, true, inputs).get();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(info.getTitle() + " was interrupted.", e);
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause() == null ? e : e.getCause();
			throw new IllegalStateException(info.getMenuPath().getLeaf().getName() + " failed: " + cause, cause);
		}
	}

	/** @return whether a finished module was canceled */
	public static boolean canceled(final Module module) {
		return module instanceof Cancelable && ((Cancelable) module).isCanceled();
	}

	/** @return why a finished module was canceled, or null */
	public static String cancelReason(final Module module) {
		return module instanceof Cancelable ? ((Cancelable) module).getCancelReason() : null;
	}

	/** @return the command object of a finished module (the module itself for a DynamicCommand) */
	public static Object commandOf(final Module module) {
		return module instanceof CommandModule ? ((CommandModule) module).getCommand() : module;
	}

	/** @return the ImagePlus outputs of a finished module, in declaration order */
	public static List<ImagePlus> imageOutputs(final Module module) {
		final List<ImagePlus> images = new ArrayList<>();
		for (final ModuleItem<?> item : module.getInfo().outputs())
			if (ImagePlus.class.isAssignableFrom(item.getType()) && module.getOutput(item.getName()) != null) images.add((ImagePlus) module.getOutput(item.getName()));
		return images;
	}

	private static ImagePlus findImage(final String raw, final String label) {
		if (raw == null) {
			final ImagePlus current = WindowManager.getCurrentImage();
			if (current == null) throw new IllegalArgumentException("There is no image open: " + label + " needs one.");
			return current;
		}
		ImagePlus imp = WindowManager.getImage(raw);
		if (imp == null && raw.matches("-?\\d+")) imp = WindowManager.getImage(Integer.parseInt(raw));
		if (imp == null) throw new IllegalArgumentException("No open image is titled (or has the id) \"" + raw + "\".");
		return imp;
	}

	private static boolean isBoolean(final Class<?> type) {
		return type == boolean.class || type == Boolean.class;
	}

	/** A whole number within the item's declared range; a number too long for a long is out of range too. */
	private static long wholeNumber(final String key, final String value, final ModuleItem<?> item) {
		if (!value.matches("[+-]?\\d+")) throw new NumberFormatException(value);
		long number;
		try {
			number = Long.parseLong(value);
		}
		catch (final NumberFormatException e) { // all digits, but beyond a long
			number = value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
		}
		inRange(key, number, value, item);
		return number;
	}

	/** Checks a number against the item's declared minimum and maximum (the dialog's limits). */
	private static void inRange(final String key, final double number, final String value, final ModuleItem<?> item) {
		final Object min = item.getMinimumValue();
		final Object max = item.getMaximumValue();
		if (min != null && number < ((Number) min).doubleValue()) throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value + ".");
		if (max != null && number > ((Number) max).doubleValue()) throw new IllegalArgumentException(key + " must be at most " + max + ", got " + value + ".");
	}

	/**
	 * A file input: an empty value ({@code save_model=} or {@code save_model=[]}) is no file (null); a file
	 * to save (widget style {@code save}) must be in an existing folder, checked before the run.
	 */
	private static File file(final String key, final String value, final ModuleItem<?> item) {
		if (value.isEmpty()) return null;
		final File file = new File(value);
		final String style = item.getWidgetStyle();
		if (style != null && style.contains("save")) {
			final File folder = file.getAbsoluteFile().getParentFile();
			if (folder == null || !folder.isDirectory()) throw new IllegalArgumentException(key.equals(SAVE_MODEL) ? String.format(ModelDocument.NO_FOLDER, file.getPath()) : String.format(NO_SAVE_FOLDER, key, file.getPath()));
		}
		return file;
	}

	private static Object convert(final String key, final String raw, final ModuleItem<?> item) {
		final Class<?> type = item.getType();
		final String value = raw.trim();
		try {
			if (isBoolean(type)) {
				if (value.equalsIgnoreCase("true")) return true;
				if (value.equalsIgnoreCase("false")) return false;
				throw new IllegalArgumentException(key + " must be true or false, got \"" + raw + "\".");
			}
			if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
				final long number = wholeNumber(key, value, item);
				if (type == long.class || type == Long.class) return number;
				if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) throw new IllegalArgumentException(key + " must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", got " + value + ".");
				return (int) number;
			}
			if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
				final double number = Double.parseDouble(value);
				inRange(key, number, value, item);
				return type == float.class || type == Float.class ? (Object) (float) number : (Object) number;
			}
			if (type == File.class) return file(key, value, item);
		}
		catch (final NumberFormatException e) {
			throw new IllegalArgumentException(key + " must be " + (type == double.class || type == float.class || type == Double.class || type == Float.class ? "a number" : "a whole number") + ", got \"" + raw + "\".");
		}
		if (type == String.class) {
			final List<?> choices = item.getChoices();
			if (choices == null || choices.isEmpty()) return raw;
			for (final Object choice : choices)
				if (choice.toString().equalsIgnoreCase(value)) return choice.toString();
			final List<String> names = new ArrayList<>();
			choices.forEach(c -> names.add(c.toString()));
			throw new IllegalArgumentException(key + " must be one of " + String.join(", ", names) + ", got \"" + raw + "\".");
		}
		throw new IllegalArgumentException(key + " cannot be given in macro options (type " + type.getSimpleName() + ").");
	}
}
