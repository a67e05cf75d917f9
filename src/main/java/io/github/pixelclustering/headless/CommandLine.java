package io.github.pixelclustering.headless;

import io.github.pixelclustering.output.RoiOutput;
import io.github.pixelclustering.output.RunSummary;
import io.github.pixelclustering.output.Titles;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.service.Service;

/**
 * Pixel Clustering without Fiji: runs a command on an image file, or runs an ImageJ macro.
 *
 * <pre>
 * java -jar pixel-clustering-cli.jar run "Colour Quantization" "clusters=16" photo.jpg out/
 * java -jar pixel-clustering-cli.jar macro macros/colour-quantize.ijm "input=[in] output=[out] clusters=8"
 * java -jar pixel-clustering-cli.jar list
 * </pre>
 *
 * Progress ({@link StatusPrinter}: at most a line a second) and errors go to standard error, one line
 * each; the last line of standard output is one JSON object describing the run. Exit codes: 0 done, 1 the
 * command or macro failed, 2 bad arguments or a missing file.
 */
public final class CommandLine {

	/** Exit code: done. */
	public static final int OK = 0;
	/** Exit code: the command canceled or the macro stopped with an error. */
	public static final int FAILED = 1;
	/** Exit code: bad arguments, unknown command or key, bad value, missing file. */
	public static final int USAGE = 2;

	static final String USAGE_TEXT = String.join("\n", //
		"Usage:", //
		"  java -jar pixel-clustering-cli.jar run \"<command>\" \"<macro options>\" <image file> <output folder>", //
		"  java -jar pixel-clustering-cli.jar macro <file.ijm> \"<argument>\"", //
		"  java -jar pixel-clustering-cli.jar list", //
		"Example:", //
		"  java -jar pixel-clustering-cli.jar run \"Colour Quantization\" \"clusters=16\" photo.jpg out/");

	private CommandLine() {}

	/** @param args see {@link #USAGE_TEXT} */
	public static void main(final String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs the command line.
	 *
	 * @param args the arguments
	 * @param out standard output (the JSON line)
	 * @param err standard error (progress and messages)
	 * @return the exit code
	 */
	public static int run(final String[] args, final PrintStream out, final PrintStream err) {
		System.setProperty("java.awt.headless", "true");
		if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
			out.println(USAGE_TEXT);
			return OK;
		}
		if (args.length == 0) return usage(err, "No arguments.");
		try (Context context = new Context(CommandService.class, StatusService.class, EventService.class); StatusPrinter progress = new StatusPrinter(err)) {
			context.service(EventService.class).subscribe(progress);
			switch (args[0]) {
				case "run":
					if (args.length != 5) return usage(err, "run takes 4 arguments, got " + (args.length - 1) + ".");
					return runCommand(context, args[1], args[2], new File(args[3]), new File(args[4]), out, err);
				case "macro":
					if (args.length != 2 && args.length != 3) return usage(err, "macro takes 1 or 2 arguments, got " + (args.length - 1) + ".");
					return runMacro(context, new File(args[1]), args.length == 3 ? args[2] : "", out, err);
				case "list":
					list(context, new CommandRunner(context), out);
					return OK;
				default:
					return usage(err, "Unknown mode \"" + args[0] + "\": use run, macro or list.");
			}
		}
	}

	private static int usage(final PrintStream err, final String problem) {
		err.println(problem);
		err.println(USAGE_TEXT);
		return USAGE;
	}

	// -- run --

	private static int runCommand(final Context context, final String label, final String options, final File imageFile, final File folder, final PrintStream out, final PrintStream err) {
		final CommandRunner runner = new CommandRunner(context);
		final CommandInfo info;
		final Map<String, Object> inputs;
		final ImagePlus image;
		try {
			info = runner.find(label);
			if (!imageFile.isFile()) throw new IllegalArgumentException("Image file not found: " + imageFile.getPath());
			if (!folder.isDirectory() && !folder.mkdirs()) throw new IllegalArgumentException("Cannot create the output folder " + folder.getPath());
			runner.inputs(info, options, new ImagePlus()); // check the options before reading the image
			image = IJ.openImage(imageFile.getPath());
			if (image == null) throw new IllegalArgumentException("Cannot open " + imageFile.getPath() + ": not an image ImageJ can read.");
			inputs = runner.inputs(info, options, image);
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return USAGE;
		}
		WindowManager.setTempCurrentImage(image);
		final int overlayBefore = image.getOverlay() == null ? 0 : image.getOverlay().size();
		final String previous = System.setProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY, folder.getAbsolutePath());
		final Module module;
		try {
			module = runner.run(info, inputs);
		}
		catch (final IllegalStateException e) {
			err.println(e.getMessage());
			return FAILED;
		}
		finally {
			WindowManager.setTempCurrentImage(null);
			if (previous == null) System.clearProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY);
			else System.setProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY, previous);
		}
		if (CommandRunner.canceled(module)) {
			err.println(label + ": " + CommandRunner.cancelReason(module));
			return FAILED;
		}
		final List<String> outputs = new ArrayList<>();
		try {
			for (final ImagePlus imp : CommandRunner.imageOutputs(module)) {
				final File file = new File(folder, imp.getTitle() + ".tif");
				if (!IJ.saveAsTiff(imp, file.getPath())) throw new IOException("could not write " + file);
				outputs.add(file.getPath());
			}
			final Object command = CommandRunner.commandOf(module);
			final Map<String, Object> json = new LinkedHashMap<>();
			json.put("command", label);
			json.put("image", imageFile.getPath());
			if (command instanceof RunSummary) {
				final RunSummary summary = (RunSummary) command;
				for (final Map.Entry<String, ResultsTable> table : summary.tables().entrySet()) {
					final File file = new File(folder, table.getKey() + ".csv");
					table.getValue().saveAs(file.getPath());
					outputs.add(file.getPath());
				}
				summary.files().forEach(f -> outputs.add(f.getPath()));
				summary.summary().forEach((k, v) -> {
					if (!k.equals("command") && !k.equals("image")) json.put(k, v);
				});
			}
			final Overlay overlay = image.getOverlay();
			if (overlay != null && overlay.size() > overlayBefore) {
				final List<Roi> added = new ArrayList<>();
				for (int i = overlayBefore; i < overlay.size(); i++)
					added.add(overlay.get(i));
				final File file = new File(folder, Titles.base(image.getTitle()) + "-overlay.zip");
				RoiOutput.save(added, file);
				outputs.add(file.getPath());
			}
			json.put("outputs", outputs);
			out.println(Json.object(json));
			return OK;
		}
		catch (final IOException | RuntimeException e) {
			err.println("Could not save the outputs in " + folder.getPath() + ": " + e.getMessage());
			return FAILED;
		}
	}

	// -- macro --

	private static int runMacro(final Context context, final File file, final String argument, final PrintStream out, final PrintStream err) {
		final String text;
		try {
			if (!file.isFile()) throw new IOException("Macro file not found: " + file.getPath());
			text = new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			err.println(e.getMessage().startsWith("Macro file") ? e.getMessage() : "Cannot read " + file.getPath() + ": " + e.getMessage());
			return USAGE;
		}
		final MacroBridge.Session session = MacroBridge.install(context);
		final long start = System.nanoTime();
		final Interpreter interpreter = new Interpreter();
		final PrintStream stdout = System.out;
		final LastLine lastLine = new LastLine(out);
		System.setOut(new PrintStream(lastLine, true));
		String failure = null;
		try {
			interpreter.run(text, argument);
		}
		catch (final RuntimeException e) { // macro errors end in a dialog, which fails headless
			if (Macro.MACRO_CANCELED.equals(e.getMessage())) failure = session.failures().isEmpty() ? "Macro stopped by exit(): " + lastLine.last() : null;
			else if (interpreter.getErrorMessage() != null) failure = "Macro error in line " + interpreter.getLineNumber() + ": " + interpreter.getErrorMessage();
			else failure = "Macro failed: " + e;
		}
		finally {
			System.setOut(stdout);
		}
		if (failure != null) err.println(failure);
		if (failure != null || !session.failures().isEmpty()) return FAILED;
		final Map<String, Object> json = new LinkedHashMap<>();
		json.put("macro", file.getPath());
		json.put("argument", argument);
		final List<String> commands = new ArrayList<>();
		session.modules().forEach(m -> commands.add(m.getInfo().getMenuPath().getLeaf().getName()));
		json.put("commands", commands);
		json.put("seconds", (System.nanoTime() - start) / 1e9);
		out.println(Json.object(json));
		return OK;
	}

	/** Passes output through and remembers the last complete line (the message of a macro's exit()). */
	private static final class LastLine extends OutputStream {

		private final PrintStream target;
		private final ByteArrayOutputStream line = new ByteArrayOutputStream();
		private String last = "";

		LastLine(final PrintStream target) {
			this.target = target;
		}

		@Override
		public synchronized void write(final int b) {
			target.write(b);
			if (b == '\n') {
				last = new String(line.toByteArray(), StandardCharsets.UTF_8).trim();
				line.reset();
			}
			else line.write(b);
		}

		synchronized String last() {
			return last;
		}
	}

	// -- list --

	private static void list(final Context context, final CommandRunner runner, final PrintStream out) {
		for (final Map.Entry<String, CommandInfo> e : runner.commands().entrySet()) {
			out.println(e.getKey());
			final Module defaults = context.service(ModuleService.class).createModule(e.getValue());
			for (final ModuleItem<?> item : e.getValue().inputs()) {
				if (Service.class.isAssignableFrom(item.getType()) || Context.class.isAssignableFrom(item.getType())) continue;
				final List<?> choices = item.getChoices();
				final Object value = defaults.getInput(item.getName());
				final String kind = item.getType().getSimpleName() + (choices != null && !choices.isEmpty() ? " " + choices : "") + (value != null && !(value instanceof ImagePlus) ? ", default " + value : "");
				out.println("  " + item.getName() + " (" + kind + ")" + (item.getDescription() == null ? "" : ": " + item.getDescription()));
			}
		}
	}
}
