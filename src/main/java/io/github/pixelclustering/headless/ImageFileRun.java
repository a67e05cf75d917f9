package io.github.pixelclustering.headless;

import io.github.pixelclustering.output.OutputFiles;
import io.github.pixelclustering.output.RoiOutput;
import io.github.pixelclustering.output.RunSummary;
import io.github.pixelclustering.output.Titles;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

/**
 * The command line's {@code run} mode: opens an image file ({@link ImageFiles#open}), runs one command on
 * it and saves every output into a folder, each file written under a temporary name and moved into place.
 * The {@code apply} mode runs Apply Clustering Model through {@link #runAndSave} and so saves the same
 * files under the same names.
 */
final class ImageFileRun {

	private final CommandRunner runner;
	private final PrintStream out;
	private final PrintStream err;

	ImageFileRun(final CommandRunner runner, final PrintStream out, final PrintStream err) {
		this.runner = runner;
		this.out = out;
		this.err = err;
	}

	/** @return the exit code of running the command on the file */
	int run(final String label, final String options, final File imageFile, final File folderPath) {
		final CommandInfo info;
		final Map<String, Object> inputs;
		final ImagePlus image;
		final OutputFolder folder;
		try {
			info = runner.find(label);
			if (!imageFile.isFile()) throw new IllegalArgumentException("Image file not found: " + imageFile.getPath());
			runner.inputs(info, options, new ImagePlus()); // check the options before reading the image
			image = ImageFiles.open(runner, imageFile);
			inputs = runner.inputs(info, options, image);
			folder = OutputFolder.create(folderPath);
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		final String failure = runAndSave(info, inputs, image, imageFile.getPath(), folderPath);
		if (failure == null) return CommandLine.OK;
		err.println(failure);
		folder.discardIfEmpty();
		return CommandLine.FAILED;
	}

	/**
	 * Runs a command on an open image, saves its outputs into an existing folder and prints the JSON line
	 * of the run.
	 *
	 * @param info the command
	 * @param inputs its inputs, resolved
	 * @param image the image it runs on (its {@code ImagePlus} input)
	 * @param imagePath the image file, for the JSON line
	 * @param folderPath the output folder, existing
	 * @return null when done, else one line saying why not (nothing more is printed then)
	 */
	String runAndSave(final CommandInfo info, final Map<String, Object> inputs, final ImagePlus image, final String imagePath, final File folderPath) {
		final String label = info.getMenuPath().getLeaf().getName();
		WindowManager.setTempCurrentImage(image);
		final int overlayBefore = image.getOverlay() == null ? 0 : image.getOverlay().size();
		final String previous = System.setProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY, folderPath.getAbsolutePath());
		final Module module;
		try {
			module = runner.run(info, inputs);
		}
		catch (final IllegalStateException e) {
			return e.getMessage();
		}
		finally {
			WindowManager.setTempCurrentImage(null);
			if (previous == null) System.clearProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY);
			else System.setProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY, previous);
		}
		if (CommandRunner.canceled(module)) return Messages.named(label, CommandRunner.cancelReason(module));
		try {
			final List<String> outputs = save(module, image, overlayBefore, folderPath);
			final Map<String, Object> json = new LinkedHashMap<>();
			json.put("command", label);
			json.put("image", imagePath);
			final Object command = CommandRunner.commandOf(module);
			if (command instanceof RunSummary) ((RunSummary) command).summary().forEach((k, v) -> {
				if (!k.equals("command") && !k.equals("image")) json.put(k, v);
			});
			json.put("outputs", outputs);
			out.println(Json.object(json));
			return null;
		}
		catch (final IOException | RuntimeException e) {
			return "Could not save the outputs in " + folderPath.getPath() + ": " + e.getMessage();
		}
		finally {
			for (final ImagePlus output : CommandRunner.imageOutputs(module))
				if (output != image) output.flush();
		}
	}

	/** Saves the image outputs (TIFF), tables (CSV), files the command wrote and new overlay outlines. */
	private static List<String> save(final Module module, final ImagePlus image, final int overlayBefore, final File folder) throws IOException {
		final List<String> outputs = new ArrayList<>();
		for (final ImagePlus imp : CommandRunner.imageOutputs(module)) {
			final File file = new File(folder, imp.getTitle() + ".tif");
			OutputFiles.writeTiff(imp, file);
			outputs.add(file.getPath());
		}
		final Object command = CommandRunner.commandOf(module);
		if (command instanceof RunSummary) {
			final RunSummary summary = (RunSummary) command;
			for (final Map.Entry<String, ResultsTable> table : summary.tables().entrySet()) {
				final File file = new File(folder, table.getKey() + ".csv");
				OutputFiles.writeCsv(table.getValue(), file);
				outputs.add(file.getPath());
			}
			summary.files().forEach(f -> outputs.add(f.getPath()));
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
		return outputs;
	}
}
