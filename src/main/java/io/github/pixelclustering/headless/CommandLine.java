package io.github.pixelclustering.headless;

import io.github.pixelclustering.core.ThreadFailures;

import ij.ImagePlus;
import ij.Prefs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;

import net.imglib2.parallel.Parallelization;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

/**
 * Pixel Clustering without Fiji: runs a command on an image file, applies a saved model to an image or
 * a folder, fits one model on a folder of images, or runs an ImageJ macro.
 *
 * <pre>
 * java -jar pixel-clustering-cli.jar run "Colour Quantization" "clusters=16" photo.jpg out/
 * java -jar pixel-clustering-cli.jar run "Colour Quantization" "clusters=16 save_model=[out/model.json]" photo.jpg out/
 * java -jar pixel-clustering-cli.jar apply out/model.json photos/ labelled/
 * java -jar pixel-clustering-cli.jar fit "Colour Quantization" "clusters=16 sample=100000 save_model=[out/series.json]" frames/
 * java -jar pixel-clustering-cli.jar fit "Colour Quantization" "clusters=16 save_model=[out/slide.json]" slide.tif
 * java -jar pixel-clustering-cli.jar apply out/slide.json slide.tif labelled/
 * java -jar pixel-clustering-cli.jar macro macros/colour-quantize.ijm "input=[in] output=[out] clusters=8"
 * java -jar pixel-clustering-cli.jar list
 * </pre>
 *
 * Progress ({@link StatusPrinter}: at most a line a second) and errors go to standard error, one line
 * each; standard output carries only the JSON object describing the run. Exit codes: 0 done, 1 the
 * command or macro failed, 2 bad arguments (an unknown command or key, a value that does not convert or
 * lies outside the command's range, a missing or unreadable file).
 */
public final class CommandLine {

	/** Exit code: done. */
	public static final int OK = 0;
	/** Exit code: the command canceled or the macro stopped with an error. */
	public static final int FAILED = 1;
	/** Exit code: bad arguments, unknown command or key, bad or out-of-range value, missing or unreadable file. */
	public static final int USAGE = 2;
	/** The command that applies models, as the JSON lines of {@code apply} name it. */
	public static final String APPLY = "Apply Clustering Model";

	/** When the preferences could not be kept in memory (used before, with another factory). */
	static final String PREFERENCES_ON_DISK = "Warning: this JVM keeps its preferences with another factory (java.util.prefs.PreferencesFactory or an earlier use), so what the commands remember may reach the user's preferences.";
	static final String USAGE_TEXT = String.join("\n", //
		"Usage:", //
		"  java -jar pixel-clustering-cli.jar run \"<command>\" \"<macro options>\" <image file> <output folder>", //
		"  java -jar pixel-clustering-cli.jar apply [--tiles] <model.json> <image file or folder> <output folder>", //
		"  java -jar pixel-clustering-cli.jar fit [--tiles] \"<command>\" \"<macro options with save_model=[file.json]; sample=<n> optional, pixels per image>\" <image folder or TIFF file>", //
		"  (--tiles: read every TIFF tile by tile, as TIFFs too large for memory are; labels as a tiled BigTIFF)", //
		"  java -jar pixel-clustering-cli.jar macro <file.ijm> \"<argument>\"", //
		"  java -jar pixel-clustering-cli.jar list", //
		"Example:", //
		"  java -jar pixel-clustering-cli.jar run \"Colour Quantization\" \"clusters=16\" photo.jpg out/", //
		"  java -jar pixel-clustering-cli.jar fit \"Colour Quantization\" \"clusters=16 save_model=[out/model.json]\" frames/", //
		"  java -jar pixel-clustering-cli.jar apply out/model.json frames/ out/");

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
		// nothing a run remembers reaches the user's preferences (Fiji's dialogs read them)
		if (!keepPreferencesInMemory()) err.println(PREFERENCES_ON_DISK);
		if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
			out.println(USAGE_TEXT);
			return OK;
		}
		if (args.length == 0) return usage(err, "No arguments.");
		// standard output carries only our JSON lines: what ImageJ or a macro prints goes to standard error
		final PrintStream stdout = System.out;
		final PrintStream stderr = System.err;
		System.setOut(err);
		System.setErr(err);
		try (Context context = new Context(CommandService.class, StatusService.class, EventService.class); StatusPrinter progress = new StatusPrinter(err)) {
			context.service(EventService.class).subscribe(progress);
			switch (args[0]) {
				case "run":
					if (args.length != 5) return usage(err, "run takes 4 arguments, got " + (args.length - 1) + ".");
					return new ImageFileRun(new CommandRunner(context), out, err).run(args[1], args[2], new File(args[3]), new File(args[4]));
				case "apply": {
					final boolean tiles = args.length > 1 && args[1].equals(TiledRun.FLAG);
					final int a = tiles ? 2 : 1;
					if (args.length - a != 3) return usage(err, "apply takes 3 arguments (after " + TiledRun.FLAG + " if given), got " + (args.length - a) + ".");
					return new ApplyRun(new CommandRunner(context), context.service(StatusService.class), tiles, out, err).run(new File(args[a]), new File(args[a + 1]), new File(args[a + 2]));
				}
				case "fit": {
					final boolean tiles = args.length > 1 && args[1].equals(TiledRun.FLAG);
					final int a = tiles ? 2 : 1;
					if (args.length - a != 3) return usage(err, "fit takes 3 arguments (after " + TiledRun.FLAG + " if given), got " + (args.length - a) + ".");
					return new FolderFit(new CommandRunner(context), context.service(StatusService.class), tiles, out, err).run(args[a], args[a + 1], new File(args[a + 2]));
				}
				case "macro":
					if (args.length != 2 && args.length != 3) return usage(err, "macro takes 1 or 2 arguments, got " + (args.length - 1) + ".");
					return new MacroRun(context, out, err).run(new File(args[1]), args.length == 3 ? args[2] : "");
				case "list":
					list(context, new CommandRunner(context), out);
					return OK;
				default:
					return usage(err, "Unknown mode \"" + args[0] + "\": use run, apply, fit, macro or list.");
			}
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
	}

	/**
	 * @param folder a folder
	 * @return its image files, as the folder modes list them: sorted by name, hidden files and subfolders left out
	 * @throws IllegalArgumentException when the folder holds no images
	 */
	public static List<File> imageFiles(final File folder) {
		return ImageFiles.list(folder).images;
	}

	/**
	 * Applies a model to one image file as {@code apply --tiles <model> <image> <folder>} does (TIFFs read
	 * tile by tile, other images opened whole), for a caller that labels many images at once on its own
	 * threads (the Spark jobs): each call has its own context, and standard output and error are left alone.
	 *
	 * @param model the model file
	 * @param image the image file
	 * @param folder the output folder (made if missing)
	 * @param threads the threads of the labelling (a task's share of the cores)
	 * @param out receives the image's JSON line
	 * @param err receives progress and what went wrong
	 * @return the exit code, as {@link #run}
	 */
	public static int apply(final File model, final File image, final File folder, final int threads, final PrintStream out, final PrintStream err) {
		if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
		System.setProperty("java.awt.headless", "true");
		keepPreferencesInMemory();
		THREADS.set(threads);
		// the threads of a command too (an image that is not read tile by tile), which runs on a thread
		// of its own with ImageJ's thread count
		final int imageJThreads = Prefs.getThreads();
		Prefs.setThreads(threads);
		try (Context context = new Context(CommandService.class, StatusService.class, EventService.class)) {
			return new ApplyRun(new CommandRunner(context), context.service(StatusService.class), true, out, err).run(model, image, folder);
		}
		finally {
			THREADS.remove();
			Prefs.setThreads(imageJThreads);
		}
	}

	/** The threads {@link #threaded} uses on this thread, when a caller chose them ({@link #apply}). */
	private static final ThreadLocal<Integer> THREADS = new ThreadLocal<>();

	/**
	 * Makes this JVM's preferences the in-memory ones ({@link MemoryPreferences}), unless another factory
	 * was chosen on its command line. Not a method of {@code MemoryPreferences}: calling one would
	 * initialise {@code java.util.prefs.Preferences}, its superclass, and so choose the factory before the
	 * property is set.
	 *
	 * @return whether the user's preferences are now in memory (false when preferences were used before
	 *         this call, or with another factory)
	 */
	static boolean keepPreferencesInMemory() {
		if (System.getProperty(MemoryPreferences.FACTORY_PROPERTY) == null) System.setProperty(MemoryPreferences.FACTORY_PROPERTY, MemoryPreferences.Factory.class.getName());
		return Preferences.userRoot() instanceof MemoryPreferences;
	}

	/** Work that may fail to read or write a file. */
	@FunctionalInterface
	interface Work<T> {

		T run() throws IOException;
	}

	/**
	 * Runs work on this thread with one ImgLib2 thread per core: {@code Parallelization}'s default is
	 * ForkJoin's common pool, which has one thread fewer than the machine has cores (one on two cores).
	 *
	 * @param work the work
	 * @return its result
	 * @throws IOException what the work threw
	 */
	static <T> T threaded(final Work<T> work) throws IOException {
		try {
			return Parallelization.runWithNumThreads(THREADS.get() != null ? THREADS.get() : Runtime.getRuntime().availableProcessors(), () -> {
				try {
					return work.run();
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			});
		}
		catch (final RuntimeException e) {
			final Throwable cause = ThreadFailures.original(e);
			if (cause instanceof UncheckedIOException) throw ((UncheckedIOException) cause).getCause();
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw e;
		}
	}

	private static int usage(final PrintStream err, final String problem) {
		err.println(problem);
		err.println(USAGE_TEXT);
		return USAGE;
	}

	// -- list --

	private static void list(final Context context, final CommandRunner runner, final PrintStream out) {
		for (final Map.Entry<String, CommandInfo> e : runner.commands().entrySet()) {
			out.println(e.getKey());
			final Module defaults = context.service(ModuleService.class).createModule(e.getValue());
			for (final ModuleItem<?> item : e.getValue().inputs()) {
				if (!CommandRunner.isSetting(item)) continue;
				final List<?> choices = item.getChoices();
				final Object value = defaults.getInput(item.getName());
				final String kind = item.getType().getSimpleName() + (choices != null && !choices.isEmpty() ? " " + choices : "") + (value != null && !(value instanceof ImagePlus) ? ", default " + value : "");
				out.println("  " + item.getName() + " (" + kind + ")" + (item.getDescription() == null ? "" : ": " + plain(item.getDescription())));
			}
		}
	}

	/** @return a dialog description as plain text: without the HTML that wraps its tooltip */
	static String plain(final String description) {
		if (!description.startsWith("<html>")) return description;
		return description.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
	}
}
