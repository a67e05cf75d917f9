package io.github.pixelclustering.headless;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.adapters.RoiMasks;
import io.github.pixelclustering.api.ColourHistogram;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.ImageDescription;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.output.LabelImages;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/**
 * The options of a Colour Quantization fit, read as the command line's {@code fit} mode reads them (the
 * command's macro keys, its defaults, {@code save_model} required), for a fit that runs elsewhere: the
 * Spark jobs. The same options give the same settings, so the same model.
 */
public final class ColourFitOptions {

	/** An image that is not RGB, left out of a folder's fit: its name, what it is. */
	public static final String NOT_RGB = "Left out %s: %s; Colour Quantization fits the RGB images of a folder.";
	/** A sample with an exact fit: what was given. */
	public static final String EXACT = "this fit counts every pixel exactly: leave out sample= (got sample=%d).";

	private final ColourQuantization.Settings settings;
	private final File model;

	private ColourFitOptions(final ColourQuantization.Settings settings, final File model) {
		this.settings = settings;
		this.model = model;
	}

	/**
	 * @param options Colour Quantization's macro options, e.g. {@code clusters=8 seed=1 save_model=[m.json]}
	 * @return the fit's settings and model file
	 * @throws IllegalArgumentException saying what is wrong, as the command line does (an unknown key, no
	 *         {@code save_model}, an outline switch, a {@code sample})
	 */
	public static ColourFitOptions parse(final String options) {
		CommandLine.keepPreferencesInMemory();
		final SampleKey key = SampleKey.of(options);
		if (key.sample != 0) throw new IllegalArgumentException(String.format(EXACT, key.sample));
		try (Context context = new Context(CommandService.class)) {
			final CommandRunner runner = new CommandRunner(context);
			final CommandInfo info = runner.find(ColourQuantizationModel.COMMAND);
			final Map<String, Object> inputs = runner.inputs(info, key.rest, new ImagePlus());
			return new ColourFitOptions(settings(inputs), FolderFit.modelFile(inputs, ColourQuantizationModel.COMMAND));
		}
	}

	/** The colours of one image opened whole, as the folder fit counts them, for a fit elsewhere. */
	public static final class ImageColours implements Serializable {

		private static final long serialVersionUID = 1L;

		private final ImageDescription description;
		private final ColourHistogram histogram;

		ImageColours(final ImageDescription description, final ColourHistogram histogram) {
			this.description = description;
			this.histogram = histogram;
		}

		/** @return the image as a model describes it */
		public ImageDescription description() {
			return description;
		}

		/** @return its colours (in its ROI, if it has one), or null when it is not RGB */
		public ColourHistogram histogram() {
			return histogram;
		}
	}

	/**
	 * Opens an image file as the folder fit does (ImageJ; a ripple map by its header) and counts its colours.
	 *
	 * @param file the image file
	 * @return its description, and its colours when it is RGB
	 * @throws IllegalArgumentException naming the file when it cannot be opened
	 */
	public static ImageColours colours(final File file) {
		if (TiledRun.isRipple(file)) return new ImageColours(TiledRun.describe(file), null);
		final ImagePlus image = ImageFiles.open(null, file);
		try {
			final ImageDescription description = ImageDescriptions.of(image);
			return new ImageColours(description, image.getType() == ImagePlus.COLOR_RGB ? ColourHistogram.of(ImagePlusImgs.rgb(image), RoiMasks.of(image)) : null);
		}
		finally {
			image.flush();
		}
	}

	/** @return the settings of Colour Quantization's resolved inputs */
	static ColourQuantization.Settings settings(final Map<String, Object> inputs) {
		return new ColourQuantization.Settings((Integer) inputs.get("clusters"), ColourQuantization.Method.of((String) inputs.get("method")), ColourQuantization.Space.of((String) inputs.get("space")), (Integer) inputs.get("restarts"), (Long) inputs.get("seed"), MiniBatchSettings.Init.of((String) inputs.get("init")));
	}

	/**
	 * Saves the model of a fit as the command line's {@code fit} mode saves it.
	 *
	 * @param result the fit
	 * @param images how many images it was fitted on
	 * @param training the first of them (by name)
	 * @throws IOException when the model file cannot be written
	 */
	public void save(final ColourQuantizationResult result, final int images, final ImageDescription training) throws IOException {
		save(settings, result, images, 0, training, model);
	}

	/** Saves a Colour Quantization model with its fit's settings, images and sample, as {@code fit} does. */
	static void save(final ColourQuantization.Settings settings, final ColourQuantizationResult result, final int images, final long sample, final ImageDescription training, final File model) throws IOException {
		final Map<String, Object> values = settings.values();
		values.put("images", images);
		values.put("sample", sample);
		ColourQuantizationModel.of(result, values, training, LabelImages.colours(result.clusters())).write(model);
	}

	/**
	 * Puts the end of the fit's JSON line, as the command line's {@code fit} writes it: the settings,
	 * distinct colours, inertia, iterations, seconds and model file.
	 *
	 * @param json the line so far
	 * @param result the fit
	 * @param start when the fit started ({@link System#nanoTime()})
	 */
	public void putFit(final Map<String, Object> json, final ColourQuantizationResult result, final long start) {
		FolderFit.putFit(json, settings, result, start, model);
	}

	/** @return the fit's settings */
	public ColourQuantization.Settings settings() {
		return settings;
	}

	/** @return where the model goes */
	public File model() {
		return model;
	}
}
