package io.github.pixelclustering.headless;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.ImageDescription;

import ij.ImagePlus;

import java.io.File;
import java.io.PrintStream;
import java.util.Map;

import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;

/**
 * The command line's {@code apply} mode: labels an image file, or every image of a folder, with a model
 * saved by a command's {@code save_model}, through Apply Clustering Model; the outputs are saved as the
 * {@code run} mode saves them ({@link ImageFileRun#runAndSave}), one JSON line per image.
 * <p>
 * The model is read first: a bad model is one line and exit code 2, and nothing is written. A single
 * image the model cannot describe is a bad argument too (2). In a folder, an image of a kind the model
 * cannot describe (a grey image for a colour model) is left out with the reason, as the batch macros
 * leave out images their command does not take; an image that cannot be opened or labelled is skipped
 * with its reason, the others are labelled and saved all the same, and the exit code is 1.
 */
final class ApplyRun {

	/** The command that applies models. */
	static final String APPLY = CommandLine.APPLY;
	/** Image file or folder missing: its path. */
	static final String NOT_FOUND = "Image file or folder not found: %s";
	/** A file or folder skipped: its name, why. */
	static final String SKIPPED = "Skipped %s: %s";
	/** An image of a kind the model cannot describe: its name, why. */
	static final String LEFT_OUT = "Left out %s: %s";
	/** The last line of a folder: done, skipped, left out, model, output folder. */
	static final String SUMMARY = "apply: %d done, %d skipped, %d left out; model %s, outputs in %s";

	private final CommandRunner runner;
	private final ImageFileRun files;
	private final TiledRun tiled;
	private final boolean tiles;
	private final PrintStream err;

	ApplyRun(final CommandRunner runner, final StatusService status, final boolean tiles, final PrintStream out, final PrintStream err) {
		this.runner = runner;
		this.files = new ImageFileRun(runner, out, err);
		this.tiled = new TiledRun(status, out, err);
		this.tiles = tiles;
		this.err = err;
	}

	/** @return the exit code of applying the model to the image file or the images of the folder */
	int run(final File modelFile, final File input, final File folderPath) {
		final ClusteringModel model;
		final OutputFolder folder;
		final ImageFiles.Listing listing;
		ImagePlus single = null;
		try {
			model = ClusteringModel.read(modelFile);
			if (!input.exists()) throw new IllegalArgumentException(String.format(NOT_FOUND, input.getPath()));
			if (input.isDirectory()) listing = ImageFiles.list(input);
			else if (TiledRun.wanted(input, tiles)) {
				try {
					TiledRun.requireFits(model, input);
				}
				catch (final IllegalArgumentException e) {
					throw new IllegalArgumentException(input.getPath() + ": " + e.getMessage(), e);
				}
				final OutputFolder out = OutputFolder.create(folderPath);
				final String failure = tiled.apply(model, modelFile, input, folderPath);
				if (failure == null) return CommandLine.OK;
				err.println(failure);
				out.discardIfEmpty();
				return CommandLine.FAILED;
			}
			else {
				listing = null;
				single = ImageFiles.open(runner, input);
				requireFits(model, single, input);
			}
			folder = OutputFolder.create(folderPath);
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		final CommandInfo info = runner.find(APPLY);
		if (single != null) {
			final String failure = files.runAndSave(info, inputs(info, single, modelFile), single, input.getPath(), folderPath);
			if (failure == null) return CommandLine.OK;
			err.println(failure);
			folder.discardIfEmpty();
			return CommandLine.FAILED;
		}
		return applyToFolder(info, model, modelFile, listing, folder);
	}

	/** Labels every image of a folder, one line for each that is skipped or left out, one to end with. */
	private int applyToFolder(final CommandInfo info, final ClusteringModel model, final File modelFile, final ImageFiles.Listing listing, final OutputFolder folder) {
		final File folderPath = folder.folder();
		int done = 0;
		int skipped = 0;
		int leftOut = 0;
		for (final File file : listing.images) {
			if (TiledRun.wanted(file, tiles)) {
				try {
					TiledRun.requireFits(model, file);
				}
				catch (final IllegalArgumentException e) {
					err.println(String.format(LEFT_OUT, file.getName(), e.getMessage()));
					leftOut++;
					continue;
				}
				final String failure = tiled.apply(model, modelFile, file, folderPath);
				if (failure == null) done++;
				else {
					err.println(String.format(SKIPPED, file.getName(), failure));
					skipped++;
				}
				continue;
			}
			final ImagePlus image;
			try {
				image = ImageFiles.open(runner, file);
			}
			catch (final IllegalArgumentException e) {
				err.println(String.format(SKIPPED, file.getName(), e.getMessage()));
				skipped++;
				continue;
			}
			try {
				model.requireFits(ImageDescriptions.of(image));
			}
			catch (final IllegalArgumentException e) {
				err.println(String.format(LEFT_OUT, file.getName(), e.getMessage()));
				leftOut++;
				close(image);
				continue;
			}
			final String failure = files.runAndSave(info, inputs(info, image, modelFile), image, file.getPath(), folderPath);
			close(image);
			if (failure == null) done++;
			else {
				err.println(String.format(SKIPPED, file.getName(), failure));
				skipped++;
			}
		}
		if (!listing.others.isEmpty()) err.println("Not images, left alone: " + String.join(", ", listing.others));
		err.println(String.format(SUMMARY, done, skipped, leftOut, modelFile.getPath(), folderPath.getPath()));
		if (done == 0) folder.discardIfEmpty();
		return skipped > 0 ? CommandLine.FAILED : CommandLine.OK;
	}

	private static void close(final ImagePlus image) {
		image.changes = false;
		image.flush();
	}

	/** @throws IllegalArgumentException naming the image file, what the model expects and what it is */
	private static void requireFits(final ClusteringModel model, final ImagePlus image, final File file) {
		requireFits(model, ImageDescriptions.of(image), file);
	}

	/** @throws IllegalArgumentException naming the image file, what the model expects and what it is */
	private static void requireFits(final ClusteringModel model, final ImageDescription image, final File file) {
		try {
			model.requireFits(image);
		}
		catch (final IllegalArgumentException e) {
			throw new IllegalArgumentException(file.getPath() + ": " + e.getMessage(), e);
		}
	}

	/** Apply Clustering Model's inputs: the image, the model, no outlines. */
	private Map<String, Object> inputs(final CommandInfo info, final ImagePlus image, final File modelFile) {
		final Map<String, Object> inputs = runner.inputs(info, "", image);
		inputs.put("model", modelFile);
		return inputs;
	}
}
