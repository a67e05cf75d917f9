package io.github.pixelclustering.headless;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.adapters.RoiMasks;
import io.github.pixelclustering.api.ColourCounts;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.ImageDescription;
import io.github.pixelclustering.api.PixelAgglomerationModel;
import io.github.pixelclustering.api.SliceClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.api.TiledColour;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.io.TiffCheck;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.app.StatusService;
import org.scijava.command.CommandInfo;

/**
 * The command line's {@code fit} mode: fits one model on all the images of a folder and saves it
 * ({@code save_model=}, required), for the {@code apply} mode or Apply Clustering Model to label each
 * image with one palette and one numbering. Spectrum Image Cluster Analysis, Pixel Agglomeration and
 * Cluster Slices fit on the images combined into one ({@link CombinedFit}). Colour Quantization: the colours of all the
 * images (or of at most {@code sample=} pixels of each, a seeded draw by position, see
 * {@link ColourCounts}) are counted together and fitted at once, exactly as one image holding them all.
 * Images are read one after the other and let go; the model's training image is the first (by name).
 * <p>
 * Images that are not RGB are left out, each with one line on standard error, as the batch macros
 * leave out images their command does not take. Exit codes: 2 for a bad argument (an unknown command or
 * key, a command without a folder fit, no {@code save_model}, a model folder that does not exist, a
 * missing folder or one without images, an image that cannot be opened, more than
 * {@link ColourCounts#MAX_PIXELS} pixels without {@code sample=}); 1 when the fit refuses the
 * data (no RGB image, fewer colours than clusters) or the model cannot be written.
 */
final class FolderFit {

	/** The commands that can fit on a folder. */
	static final List<String> FITS = List.of(ColourQuantizationModel.COMMAND, SpectrumClusteringModel.COMMAND, SpectrumClusteringModel.ESTIMATE_COMMAND, PixelAgglomerationModel.COMMAND, SliceClusteringModel.COMMAND);
	/** A command without a folder fit: the command, those with one. */
	static final String NOT_AVAILABLE = "%s makes no model to fit on a folder: fit works for %s.";
	/** No model file: the command. */
	static final String NEEDS_MODEL = "fit needs save_model=[<file.json>]: the model is what it makes (%s).";
	/** A folder that is missing: its path. */
	static final String NO_FOLDER = "Folder (or TIFF file for Colour Quantization) not found: %s";
	/** A key the fit does not use: the key. */
	static final String OUTLINES = "fit saves only the model: leave out %s=true (apply the model to get outlines).";
	/** A bad sample size: the value as given. */
	static final String BAD_SAMPLE = SampleKey.BAD_SAMPLE;
	/** An image that is not RGB: its name, what it is. */
	static final String NOT_RGB = ColourFitOptions.NOT_RGB;
	/** A folder without RGB images: its path. */
	static final String NO_RGB = "The folder %s holds no RGB image to fit Colour Quantization on.";

	private final CommandRunner runner;
	private final StatusService status;
	private final boolean tiles;
	private final PrintStream out;
	private final PrintStream err;

	FolderFit(final CommandRunner runner, final StatusService status, final boolean tiles, final PrintStream out, final PrintStream err) {
		this.runner = runner;
		this.status = status;
		this.tiles = tiles;
		this.out = out;
		this.err = err;
	}

	/** @return the exit code of fitting the command's model on the images of the folder */
	int run(final String label, final String options, final File input) {
		final Map<String, Object> inputs;
		final long sample;
		final File modelFile;
		final ImageFiles.Listing listing;
		final ColourQuantization.Settings settings;
		try {
			final CommandInfo info = runner.find(label);
			if (!FITS.contains(label)) throw new IllegalArgumentException(String.format(NOT_AVAILABLE, label, String.join(", ", FITS)));
			if (CombinedFit.COMMANDS.contains(label)) return new CombinedFit(runner, tiles, out, err).run(info, label, options, input);
			final SampleKey key = SampleKey.of(options);
			sample = key.sample;
			inputs = runner.inputs(info, key.rest, new ImagePlus());
			modelFile = modelFile(inputs, label);
			settings = ColourFitOptions.settings(inputs);
			if (input.isFile() && TiffCheck.isTiffName(input.toPath())) return new TiledRun(status, out, err).fit(settings, sample, modelFile, input);
			if (!input.isDirectory()) throw new IllegalArgumentException(String.format(NO_FOLDER, input.getPath()));
			listing = ImageFiles.list(input);
			if (sample != 0) for (final File file : listing.images)
				if (TiledRun.wanted(file, tiles)) throw new IllegalArgumentException(String.format(TiledRun.NO_SAMPLE, file.getPath()));
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		final long start = System.nanoTime();
		final ProgressListener progress = StatusProgress.of(status, "");
		final ColourCounts counts = new ColourCounts(sample, settings.seed());
		ImageDescription training = null;
		int leftOut = 0;
		int images = 0;
		for (int i = 0; i < listing.images.size(); i++) {
			final File file = listing.images.get(i);
			progress.progress(0.3 * i / listing.images.size(), "Reading the colours of " + file.getName() + " (" + (i + 1) + " of " + listing.images.size() + ")");
			if (TiledRun.wanted(file, tiles)) {
				try {
					final ImageDescription description = TiledRun.describe(file);
					if (description.bitDepth() != 24) {
						err.println(String.format(NOT_RGB, file.getName(), description.kind()));
						leftOut++;
						continue;
					}
					final ProgressListener reading = new PartialProgress(progress, 0.3 * i / listing.images.size(), 0.3 / listing.images.size(), null);
					CommandLine.threaded(() -> TiledColour.count(file, counts, reading));
					if (training == null) training = description;
					images++;
				}
				catch (final IOException | IllegalArgumentException e) {
					err.println(file.getPath() + ": " + e.getMessage());
					return CommandLine.USAGE;
				}
				continue;
			}
			final ImagePlus image;
			try {
				image = ImageFiles.open(runner, file);
			}
			catch (final IllegalArgumentException e) {
				err.println(e.getMessage());
				return CommandLine.USAGE;
			}
			try {
				if (image.getType() != ImagePlus.COLOR_RGB) {
					err.println(String.format(NOT_RGB, file.getName(), ImageDescriptions.of(image).kind()));
					leftOut++;
					continue;
				}
				if (training == null) training = ImageDescriptions.of(image);
				counts.add(ImagePlusImgs.rgb(image), RoiMasks.of(image));
				images++;
			}
			catch (final IllegalArgumentException e) { // more pixels than counts hold: a sample is needed
				err.println(e.getMessage());
				return CommandLine.USAGE;
			}
			finally {
				image.flush();
			}
		}
		if (images == 0) {
			err.println(String.format(NO_RGB, input.getPath()));
			return CommandLine.FAILED;
		}
		final ColourQuantizationResult result;
		try {
			result = ColourQuantization.quantizeRgb(counts, settings, new PartialProgress(progress, 0.3, 0.7, null));
		}
		catch (final IllegalArgumentException e) {
			err.println(Messages.named(label, e.getMessage()));
			return CommandLine.FAILED;
		}
		try {
			ColourFitOptions.save(settings, result, images, sample, training, modelFile);
		}
		catch (final IOException | IllegalArgumentException e) {
			err.println("Cannot save the model as " + modelFile.getPath() + ": " + e.getMessage());
			return CommandLine.FAILED;
		}
		final Map<String, Object> json = new LinkedHashMap<>();
		json.put("command", label);
		json.put("mode", "fit");
		json.put("folder", input.getPath());
		json.put("images", images);
		json.put("left_out", leftOut);
		json.put("pixels", counts.pixels());
		json.put("sample", sample);
		putFit(json, settings, result, start, modelFile);
		out.println(Json.object(json));
		if (!listing.others.isEmpty()) err.println("Not images, left alone: " + String.join(", ", listing.others));
		return CommandLine.OK;
	}

	/**
	 * The model file of a fit's resolved inputs: required, and no outline switch (a fit saves the model only).
	 *
	 * @throws IllegalArgumentException without {@code save_model} or with an outline switch
	 */
	static File modelFile(final Map<String, Object> inputs, final String label) {
		final File modelFile = (File) inputs.get("save_model");
		if (modelFile == null) throw new IllegalArgumentException(String.format(NEEDS_MODEL, label));
		for (final String outline : new String[] { "overlay", "roi_manager" })
			if (Boolean.TRUE.equals(inputs.get(outline))) throw new IllegalArgumentException(String.format(OUTLINES, outline));
		return modelFile;
	}

	/** The end of the JSON line of a colour fit: settings, distinct colours, inertia, iterations, seconds, model. */
	static void putFit(final Map<String, Object> json, final ColourQuantization.Settings settings, final ColourQuantizationResult result, final long start, final File modelFile) {
		json.putAll(settings.values());
		json.put("distinct_colours", result.fit().labels().length);
		json.put("inertia_per_pixel", result.inertiaPerPixel());
		json.put("iterations", result.fit().iterations());
		json.put("seconds", (System.nanoTime() - start) / 1e9);
		json.put("model", modelFile.getPath());
	}
}
