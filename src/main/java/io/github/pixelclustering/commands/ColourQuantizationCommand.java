package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.adapters.RoiMasks;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.output.RunSummary;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.command.Previewable;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > Pixel Clustering > Colour Quantization}: reduces an RGB image (or a multichannel image,
 * one feature per channel) to k colours with k-means, like scikit-learn's colour quantization example.
 * <p>
 * Outputs: {@code <title>-labels} (1..k by decreasing pixel count, 0 outside the selection),
 * {@code <title>-quantized} (each clustered pixel replaced by its cluster's mean colour), the table
 * {@code <title>-clusters}, and optionally outline selections per cluster on the overlay and in the ROI
 * Manager. The input's pixels are never modified.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Pixel Clustering>Colour Quantization", headless = true)
public class ColourQuantizationCommand extends ContextCommand implements RunSummary, Previewable {

	// -- Messages --

	/** No image. */
	public static final String NO_IMAGE = "Colour Quantization needs an open image.";
	/** Not RGB and not multichannel: a description of the image. */
	public static final String NOT_COLOUR = "Colour Quantization needs an RGB image or a multichannel image, got %s.";
	/** Stopped by the user. */
	public static final String CANCELED = "Colour Quantization was canceled.";

	// -- Defaults --

	/** Default number of colours. */
	public static final int DEFAULT_CLUSTERS = 8;

	// -- Parameters --

	@Parameter(label = "Image", description = DialogText.WRAP + "An RGB image, or a multichannel image (one feature per channel).")
	private ImagePlus image;

	@Parameter(label = "Colours (clusters)", min = "1", max = DialogText.CLUSTERS_MAX, description = "Number of colours k.")
	private int clusters = DEFAULT_CLUSTERS;

	@Parameter(label = "Method", choices = { "k-means", "mini-batch" }, description = "k-means: best quality; mini-batch: faster on huge images.")
	private String method = "k-means";

	@Parameter(label = "Colour space", choices = { "RGB", "CIELAB" }, description = DialogText.WRAP + "Where colour distances are measured; CIELAB is perceptual (RGB images only).")
	private String space = "RGB";

	@Parameter(label = DialogText.RESTARTS_AUTO, min = "0", description = DialogText.WRAP + "Initialisations; the best wins. 0 = 10 for k-means, 3 for mini-batch.")
	private int restarts = 0;

	@Parameter(label = "Random seed", min = DialogText.SEED_MIN, max = DialogText.SEED_MAX, description = "Same seed, same result.")
	private long seed = 0;

	@Parameter(label = "Initialisation", choices = { "k-means++", "random" }, description = DialogText.WRAP + "How every initialisation picks its first centres: k-means++, or k distinct colours drawn at random.")
	private String init = "k-means++";

	@Parameter(label = "Add outlines to the overlay", description = "One outline selection per cluster on the input image.")
	private boolean overlay = false;

	@Parameter(label = "Add outlines to the ROI Manager", description = "Without a display, saved as <title>-rois.zip instead.")
	private boolean roi_manager = false;

	@Parameter(label = SavedModels.LABEL, style = "save,extensions:json", required = false, persist = false, description = DialogText.WRAP + SavedModels.DESCRIPTION)
	private File save_model;

	@Parameter(label = DialogPreview.LABEL, persist = false, description = DialogPreview.DESCRIPTION)
	private boolean preview = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Labels")
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Quantized")
	private ImagePlus quantized;

	@Parameter(required = false)
	private StatusService status;

	// -- Fields --

	private final Map<String, Object> summary = new LinkedHashMap<>();
	private final Map<String, ResultsTable> tables = new LinkedHashMap<>();
	private final List<File> files = new ArrayList<>();
	private final DialogPreview dialogPreview = new DialogPreview(() -> image, () -> status);

	// -- Command methods --

	@Override
	public void run() {
		dialogPreview.close();
		if (image == null) {
			cancel(NO_IMAGE);
			return;
		}
		final boolean rgb = image.getType() == ImagePlus.COLOR_RGB;
		if (!rgb && image.getNChannels() < 2) {
			cancel(String.format(NOT_COLOUR, ImagePlusImgs.describe(image)));
			return;
		}
		final String modelProblem = SavedModels.problem(save_model);
		if (modelProblem != null) {
			cancel(modelProblem);
			return;
		}
		final CommandProgress progress = new CommandProgress(status);
		progress.guard(this, CANCELED, () -> {
			DialogText.checkSeed(seed);
			final ColourQuantization.Settings settings = settings();
			final long start = System.nanoTime();
			// phases: the engine, then the outputs
			final Phases phases = progress.phases(6, ColourQuantizationOutputs.phaseWeights(overlay || roi_manager));
			final ProgressListener engine = phases.next("Colour quantization");
			final ColourQuantizationResult result = rgb ? ColourQuantization.quantizeRgb(ImagePlusImgs.rgb(image), RoiMasks.of(image), settings, engine) : ColourQuantization.quantizeChannels(ImagePlusImgs.channels(image), RoiMasks.of(image), settings, engine);
			final ColourQuantizationOutputs outputs = new ColourQuantizationOutputs(image, result, null, overlay, roi_manager, phases, tables, files);
			labels = outputs.labels;
			quantized = outputs.quantized;
			summarize(result, settings, (System.nanoTime() - start) / 1e9);
			if (SavedModels.wanted(save_model)) SavedModels.save(ColourQuantizationModel.of(result, settings.values(), ImageDescriptions.of(image), LabelImages.colours(labels, clusters)), save_model, files, summary);
			phases.done("Colour Quantization done");
		});
	}

	// -- Previewable methods --

	@Override
	public void preview() {
		dialogPreview.update(preview, List.of(clusters, method, space, restarts, seed, init), listener -> {
			DialogText.checkSeed(seed);
			return ColourQuantizationPreview.picture(image, settings(), dialogPreview, listener);
		});
	}

	/** Takes the preview away: the dialog was canceled. */
	@Override
	public void cancel() {
		dialogPreview.close();
	}

	/** @return the dialog's preview */
	DialogPreview dialogPreview() {
		return dialogPreview;
	}

	@Override
	public void cancel(final String reason) {
		super.cancel(reason);
		LastCancel.record(reason);
	}

	// -- RunSummary methods --

	@Override
	public Map<String, Object> summary() {
		return summary;
	}

	@Override
	public Map<String, ResultsTable> tables() {
		return tables;
	}

	@Override
	public List<File> files() {
		return files;
	}

	// -- Helper methods --

	private ColourQuantization.Settings settings() {
		return new ColourQuantization.Settings(clusters, ColourQuantization.Method.of(method), ColourQuantization.Space.of(space), restarts, seed, MiniBatchSettings.Init.of(init));
	}

	private void summarize(final ColourQuantizationResult result, final ColourQuantization.Settings settings, final double seconds) {
		summary.put("command", "Colour Quantization");
		summary.put("image", image.getTitle());
		summary.put("clusters", result.clusters());
		summary.put("method", settings.method().label());
		summary.put("space", settings.space().name());
		summary.put("restarts", settings.restarts());
		summary.put("seed", settings.seed());
		summary.put("init", settings.init().label());
		summary.put("pixels", result.pixels());
		summary.put("distinct_colours", result.fit().labels().length);
		summary.put("inertia_per_pixel", result.inertiaPerPixel());
		summary.put("iterations", result.fit().iterations());
		summary.put("seconds", seconds);
	}
}
