package io.github.pixelclustering.headless;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.macro.Interpreter;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.scijava.Context;

/**
 * The command line's {@code macro} mode: runs an ImageJ macro in ImageJ's own interpreter, with our
 * commands and ImageJ's ({@link MacroBridge}). What the macro prints goes to standard error; standard
 * output gets one JSON line when the macro ran to its end without a failure.
 * <p>
 * Exit codes: 0 done; 2 a bad argument (the macro file is missing, a {@code run(...)} line has an option
 * our command does not take, a batch macro's argument is wrong); 1 anything else that failed (a command
 * that canceled, a macro error, {@code exit(...)}, an ImageJ command that needs a display).
 */
final class MacroRun {

	private final Context context;
	private final PrintStream out;
	private final PrintStream err;

	MacroRun(final Context context, final PrintStream out, final PrintStream err) {
		this.context = context;
		this.out = out;
		this.err = err;
	}

	/** @return the exit code of running the macro file with the argument */
	int run(final File file, final String argument) {
		final String text;
		try {
			if (!file.isFile()) throw new IOException("Macro file not found: " + file.getPath());
			text = new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8);
		}
		catch (final IOException e) {
			err.println(e.getMessage().startsWith("Macro file") ? e.getMessage() : "Cannot read " + file.getPath() + ": " + e.getMessage());
			return CommandLine.USAGE;
		}
		final MacroBridge.Session session = MacroBridge.install(context);
		final Set<Integer> openBefore = openImages();
		final long start = System.nanoTime();
		final Interpreter interpreter = new Interpreter();
		final PrintStream stdout = System.out;
		final LastLine lastLine = new LastLine(err);
		System.setOut(new PrintStream(lastLine, true, StandardCharsets.UTF_8));
		String failure = null;
		try {
			interpreter.run(text, argument);
		}
		catch (final RuntimeException e) { // macro errors end in a dialog, which fails headless
			if (Macro.MACRO_CANCELED.equals(e.getMessage())) failure = session.failures().isEmpty() ? "Macro stopped by exit(): " + lastLine.last() : null;
			else if (interpreter.getErrorMessage() != null) failure = "Macro error in line " + errorLine(interpreter) + ": " + interpreter.getErrorMessage();
			else failure = "Macro failed: " + e;
		}
		finally {
			System.setOut(stdout);
			lastLine.close();
			closeImagesOpenedSince(openBefore);
		}
		if (failure != null) err.println(failure);
		if (session.badArguments()) return CommandLine.USAGE;
		if (failure != null || !session.failures().isEmpty()) return CommandLine.FAILED;
		final Map<String, Object> json = new LinkedHashMap<>();
		json.put("macro", file.getPath());
		json.put("argument", argument);
		final List<String> commands = new ArrayList<>();
		session.modules().forEach(m -> commands.add(m.getInfo().getMenuPath().getLeaf().getName()));
		json.put("commands", commands);
		json.put("seconds", (System.nanoTime() - start) / 1e9);
		out.println(Json.object(json));
		return CommandLine.OK;
	}

	private static Set<Integer> openImages() {
		final int[] ids = WindowManager.getIDList();
		final Set<Integer> open = new HashSet<>();
		if (ids != null) for (final int id : ids)
			open.add(id);
		return open;
	}

	/**
	 * Closes the images a macro left open: without a display they would stay in ImageJ's batch-mode list
	 * for the rest of the JVM, where the next macro (or a test in the same JVM) would find them by title.
	 */
	private static void closeImagesOpenedSince(final Set<Integer> before) {
		for (final int id : openImages()) {
			if (before.contains(id)) continue;
			final ImagePlus imp = WindowManager.getImage(id);
			if (imp == null) continue;
			Interpreter.removeBatchModeImage(imp);
			imp.changes = false;
			imp.close();
		}
	}

	/**
	 * The line of a macro error, as ImageJ's error dialog gives it. Why reflection: after an error the
	 * interpreter has already read the rest of the faulty line, so its public {@code getLineNumber()} is
	 * that of the next token, often the next line; the line it reports is in its package-private field
	 * {@code lineNumber} (ImageJ 1.54p), set when it built the message.
	 */
	static int errorLine(final Interpreter interpreter) {
		try {
			final Field field = Interpreter.class.getDeclaredField("lineNumber");
			field.setAccessible(true);
			final int line = field.getInt(interpreter);
			if (line > 0) return line;
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			// another ImageJ version: fall back to the public number
		}
		return interpreter.getLineNumber();
	}

	/**
	 * Passes output through a line at a time and remembers the last complete line (the message of a
	 * macro's exit()). Whole lines, because the progress printer writes to the same stream from its own
	 * thread: passed on byte by byte, its lines would land in the middle of the macro's.
	 */
	static final class LastLine extends OutputStream {

		private final PrintStream target;
		private final ByteArrayOutputStream line = new ByteArrayOutputStream();
		private String last = "";

		LastLine(final PrintStream target) {
			this.target = target;
		}

		@Override
		public synchronized void write(final int b) {
			line.write(b);
			if (b == '\n') {
				final byte[] bytes = line.toByteArray();
				target.write(bytes, 0, bytes.length);
				last = new String(bytes, StandardCharsets.UTF_8).trim();
				line.reset();
			}
		}

		@Override
		public synchronized void write(final byte[] b, final int off, final int len) {
			for (int i = off; i < off + len; i++)
				write(b[i]);
		}

		/** Passes on what is left of an unfinished last line. */
		@Override
		public synchronized void close() {
			if (line.size() > 0) {
				final byte[] bytes = line.toByteArray();
				target.write(bytes, 0, bytes.length);
				target.println();
				line.reset();
			}
			target.flush();
		}

		@Override
		public void flush() {
			target.flush();
		}

		synchronized String last() {
			return last;
		}
	}
}
