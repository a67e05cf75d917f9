package io.github.pixelclustering.headless;

import io.github.pixelclustering.io.TiffCheck;

import ij.IJ;
import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

/**
 * The image files of the command line: opening one (a ripple {@code .rpl} with our reader, a TIFF after
 * checking that it is complete, anything else with ImageJ), and the images of a folder.
 */
final class ImageFiles {

	/** The menu label of the ripple importer, which opens {@code .rpl} files. */
	static final String RIPPLE_IMPORT = "Ripple Spectrum Image (.rpl/.raw)";
	/** An image file that ImageJ cannot read: its path. */
	static final String CANNOT_OPEN = "Cannot open %s: not an image ImageJ can read.";
	/** A folder without images: its path, the endings looked for. */
	static final String NO_IMAGES = "The folder %s holds no images (%s).";

	private ImageFiles() {}

	/** The files of a folder: images (by name ending) and the others. */
	static final class Listing {

		/** Image files, sorted by name. */
		final List<File> images = new ArrayList<>();
		/** Names of the other files, sorted. */
		final List<String> others = new ArrayList<>();
	}

	/** @return the name endings of the images a folder mode reads */
	static List<String> endings() {
		final List<String> endings = new ArrayList<>(BatchMacros.IMAGE_ENDINGS);
		endings.add(".rpl");
		return endings;
	}

	/**
	 * @param folder a folder
	 * @return its image files (names ending in {@link #endings()}, any case) sorted by name, and the names
	 *         of its other files; hidden files and subfolders are left out
	 * @throws IllegalArgumentException when the folder holds no images ({@link #NO_IMAGES})
	 */
	static Listing list(final File folder) {
		final String[] names = folder.list();
		final Listing listing = new Listing();
		if (names != null) {
			Arrays.sort(names);
			for (final String name : names) {
				final File file = new File(folder, name);
				if (name.startsWith(".") || !file.isFile()) continue;
				final String lower = name.toLowerCase(Locale.ROOT);
				if (endings().stream().anyMatch(lower::endsWith)) listing.images.add(file);
				else listing.others.add(name);
			}
		}
		if (listing.images.isEmpty()) throw new IllegalArgumentException(String.format(NO_IMAGES, folder.getPath(), String.join(", ", endings())));
		return listing;
	}

	/**
	 * Opens an image file: a ripple header with the ripple importer, a TIFF once its data are known to be
	 * complete, any other file with ImageJ.
	 *
	 * @param runner our commands (for the ripple importer)
	 * @param file the image file
	 * @return the image
	 * @throws IllegalArgumentException naming the file when it cannot be opened
	 */
	static ImagePlus open(final CommandRunner runner, final File file) {
		final String name = file.getName().toLowerCase(Locale.ROOT);
		if (name.endsWith(".rpl")) {
			final CommandInfo ripple = runner.find(RIPPLE_IMPORT);
			final Module module = runner.run(ripple, runner.inputs(ripple, "open=[" + file.getPath() + "]", null));
			if (CommandRunner.canceled(module)) throw new IllegalArgumentException(CommandRunner.cancelReason(module));
			return CommandRunner.imageOutputs(module).get(0);
		}
		if (TiffCheck.isTiffName(file.toPath())) {
			try {
				TiffCheck.checkComplete(file.toPath());
			}
			catch (final IOException e) {
				throw new IllegalArgumentException("Cannot read " + file.getPath() + ": " + e.getMessage(), e);
			}
		}
		final ImagePlus image = IJ.openImage(file.getPath());
		if (image == null) throw new IllegalArgumentException(String.format(CANNOT_OPEN, file.getPath()));
		return image;
	}
}
