package io.github.pixelclustering.headless;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;

import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.command.CommandService;
import org.scijava.event.EventService;

/**
 * The seeded draws of the command line's sampled fits on ripple maps ({@code fit --tiles "<Spectrum
 * command>" "... sample=<n>" <folder>}), for a caller that draws the maps elsewhere (the Spark jobs,
 * one task per map): the drawn pixels of one map as plain arrays, the image the fit makes of them, and
 * the fit itself with the draws taken from the caller. The same draws give the same model, byte for byte.
 */
public final class DrawnMaps {

	private DrawnMaps() {}

	/** Gives the drawn pixels of a ripple map: at most {@code sample} pixels, the map's number among the fit's images. */
	public interface Source {

		/**
		 * @return the drawn pixels as one row of an image (channels as slices), the map's title and calibration
		 * @throws IOException when the map cannot be read
		 */
		ImagePlus drawnMap(File file, long sample, long seed, int number) throws IOException;
	}

	/** The drawn pixels of one map, as they travel: the draw and one array per channel. */
	public static final class Pixels implements Serializable {

		private static final long serialVersionUID = 1L;

		private final String path;
		private final long sample, seed;
		private final int number;
		private final Object[] channels;

		Pixels(final String path, final long sample, final long seed, final int number, final Object[] channels) {
			this.path = path;
			this.sample = sample;
			this.seed = seed;
			this.number = number;
			this.channels = channels;
		}

		/** @return whether these are the pixels of this draw */
		public boolean isDraw(final File file, final long sample, final long seed, final int number) {
			return path.equals(file.getAbsolutePath()) && this.sample == sample && this.seed == seed && this.number == number;
		}
	}

	/**
	 * Draws the pixels of one ripple map, reading it band by band.
	 *
	 * @param file the map's header ({@code .rpl})
	 * @param sample at most this many pixels
	 * @param seed the fit's seed
	 * @param number the map's number among the images of the fit
	 * @return its drawn pixels
	 * @throws IOException when the map cannot be read
	 */
	public static Pixels draw(final File file, final long sample, final long seed, final int number) throws IOException {
		return new Pixels(file.getAbsolutePath(), sample, seed, number, TiledRun.drawnChannels(file, sample, seed, number));
	}

	/**
	 * @param pixels drawn pixels
	 * @return the image the fit makes of them (the map's header read again for its title and calibration)
	 * @throws IOException when the header cannot be read
	 */
	public static ImagePlus image(final Pixels pixels) throws IOException {
		return TiledRun.drawnImage(new File(pixels.path), pixels.channels);
	}

	/**
	 * Fits a model on the images of a folder as {@code fit --tiles "<label>" "<options>" <folder>} does, with
	 * the drawn pixels of its ripple maps from {@code source}.
	 *
	 * @param label a command with a folder fit other than Colour Quantization (Spectrum Image Cluster
	 *        Analysis, Estimate Number of Clusters, Pixel Agglomeration, Cluster Slices)
	 * @param options its options, with {@code save_model} and, for ripple maps, {@code sample}
	 * @param folder the folder
	 * @param source the drawn pixels
	 * @param out receives the JSON line
	 * @param err receives progress and what went wrong
	 * @return the exit code, as {@link CommandLine#run}
	 */
	public static int fit(final String label, final String options, final File folder, final Source source, final PrintStream out, final PrintStream err) {
		System.setProperty("java.awt.headless", "true");
		CommandLine.keepPreferencesInMemory();
		try (Context context = new Context(CommandService.class, StatusService.class, EventService.class)) {
			final CommandRunner runner = new CommandRunner(context);
			if (!CombinedFit.COMMANDS.contains(label)) {
				err.println(String.format(FolderFit.NOT_AVAILABLE, label, String.join(", ", CombinedFit.COMMANDS)));
				return CommandLine.USAGE;
			}
			return new CombinedFit(runner, true, out, err, source).run(runner.find(label), label, options, folder);
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
	}
}
