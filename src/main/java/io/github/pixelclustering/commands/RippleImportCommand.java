package io.github.pixelclustering.commands;

import io.github.pixelclustering.io.RippleFile;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code File > Import > Ripple Spectrum Image (.rpl/.raw)}: opens a Lispix ripple file pair, as Lispix,
 * DTSA-II and HyperSpy write spectrum images, as a calibrated stack whose slices are the channels (see
 * {@link RippleFile}).
 * <p>
 * Macro: {@code run("Ripple Spectrum Image (.rpl/.raw)", "open=[/path/to/map.rpl]");} (the key is
 * {@code open}, as in ImageJ's own file commands). A missing or malformed file cancels the command with a
 * message naming the file, line and key.
 */
@Plugin(type = Command.class, menuPath = "File>Import>Ripple Spectrum Image (.rpl/.raw)", headless = true)
public class RippleImportCommand extends ContextCommand {

	// -- Messages --

	/** No file given. */
	public static final String NO_FILE = "Ripple import needs a header file: give open=<path to the .rpl file>.";
	/** Stopped by the user. */
	public static final String CANCELED = "Ripple import was canceled.";
	/** Not enough memory for the image: file name, MB needed, MB of the JVM. */
	public static final String NO_MEMORY = "%s needs %d MB for its pixels, more than ImageJ can allocate (at most %d MB in all): give ImageJ more memory (Edit > Options > Memory & Threads).";
	/** The file could not be read: path, reason. */
	public static final String READ_FAILED = "Cannot read %s: %s";

	// -- Parameters --

	// not required: without a value the command says what it needs (SciJava would only say "unset")
	@Parameter(label = "Ripple header (.rpl)", required = false, style = "open,extensions:rpl/RPL", description = DialogText.WRAP + "The .rpl header; its .raw data file must be next to it, with the same name.")
	private File open;

	@Parameter(type = ItemIO.OUTPUT, label = "Spectrum image")
	private ImagePlus imported;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(required = false)
	private LogService log;

	// -- Command methods --

	@Override
	public void run() {
		if (open == null) {
			cancel(NO_FILE);
			return;
		}
		final CommandProgress progress = new CommandProgress(status);
		RippleFile file = null;
		try {
			file = RippleFile.open(open.toPath());
			final RippleFile.Import result = file.read(progress);
			imported = result.image();
			if (result.conversionWarning() != null) {
				if (log != null) log.warn(result.conversionWarning());
				else System.err.println(result.conversionWarning());
			}
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage());
		}
		catch (final IOException e) {
			cancel(String.format(Locale.ROOT, READ_FAILED, open, e.getMessage() == null ? e.toString() : e.getMessage()));
		}
		catch (final CancellationException e) {
			cancel(CANCELED);
		}
		catch (final OutOfMemoryError e) {
			if (file == null) throw e;
			cancel(String.format(Locale.ROOT, NO_MEMORY, open.getName(), (file.header().imageBytes() + (1 << 20) - 1) >> 20, Runtime.getRuntime().maxMemory() >> 20));
		}
		finally {
			progress.done();
		}
	}

	@Override
	public void cancel(final String reason) {
		super.cancel(reason);
		LastCancel.record(reason);
	}

	/** @return the imported image, after a successful run */
	public ImagePlus imported() {
		return imported;
	}
}
