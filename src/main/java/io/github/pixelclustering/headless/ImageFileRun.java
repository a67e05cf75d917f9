package io.github.pixelclustering.headless;

import io.github.pixelclustering.io.TiffCheck;
import io.github.pixelclustering.output.OutputFiles;
import io.github.pixelclustering.output.RoiOutput;
import io.github.pixelclustering.output.RunSummary;
import io.github.pixelclustering.output.Titles;

import ij.IJ;
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
import java.util.Locale;
import java.util.Map;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

/**
 * The command line's {@code run} mode: opens an image file (a ripple {@code .rpl} with our reader, a TIFF
 * after checking that it is complete, anything else with ImageJ), runs one command on it and saves every
 * output into a folder, each file written under a temporary name and moved into place.
 */
final class ImageFileRun {

	/** The menu label of the ripple importer, which opens {@code .rpl} files. */
	static final String RIPPLE_IMPORT = "Ripple Spectrum Image (.rpl/.raw)";
	/** An image file that ImageJ cannot read: its path. */
	static final String CANNOT_OPEN = "Cannot open %s: not an image ImageJ can read.";

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
			image = open(imageFile);
			inputs = runner.inputs(info, options, image);
			folder = OutputFolder.create(folderPath);
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		WindowManager.setTempCurrentImage(image);
		final int overlayBefore = image.getOverlay() == null ? 0 : image.getOverlay().size();
		final String previous = System.setProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY, folderPath.getAbsolutePath());
		final Module module;
		try {
			module = runner.run(info, inputs);
		}
		catch (final IllegalStateException e) {
			err.println(e.getMessage());
			folder.discardIfEmpty();
			return CommandLine.FAILED;
		}
		finally {
			WindowManager.setTempCurrentImage(null);
			if (previous == null) System.clearProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY);
			else System.setProperty(RoiOutput.OUTPUT_DIRECTORY_PROPERTY, previous);
		}
		if (CommandRunner.canceled(module)) {
			err.println(Messages.named(label, CommandRunner.cancelReason(module)));
			folder.discardIfEmpty();
			return CommandLine.FAILED;
		}
		try {
			final List<String> outputs = save(module, image, overlayBefore, folderPath);
			final Map<String, Object> json = new LinkedHashMap<>();
			json.put("command", label);
			json.put("image", imageFile.getPath());
			final Object command = CommandRunner.commandOf(module);
			if (command instanceof RunSummary) ((RunSummary) command).summary().forEach((k, v) -> {
				if (!k.equals("command") && !k.equals("image")) json.put(k, v);
			});
			json.put("outputs", outputs);
			out.println(Json.object(json));
			return CommandLine.OK;
		}
		catch (final IOException | RuntimeException e) {
			err.println("Could not save the outputs in " + folderPath.getPath() + ": " + e.getMessage());
			folder.discardIfEmpty();
			return CommandLine.FAILED;
		}
	}

	/**
	 * Opens the image file: a ripple header with the ripple importer, a TIFF once its data are known to be
	 * complete, any other file with ImageJ.
	 *
	 * @throws IllegalArgumentException naming the file when it cannot be opened
	 */
	private ImagePlus open(final File file) {
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
