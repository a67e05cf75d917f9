package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.SliceClustering;
import io.github.pixelclustering.api.SliceClusteringModel;
import io.github.pixelclustering.kmeans.MiniBatchSettings;

import ij.ImagePlus;
import ij.ImageStack;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > Pixel Clustering > Cluster Slices}: k-means of the slices (or frames) of a stack, each
 * slice one sample whose pixels are its features, as scikit-learn's k-means-on-digits example.
 * <p>
 * Outputs: the table {@code <title>-slices} (slice, cluster, distance to the cluster's centre), the stack
 * {@code <title>-centres} (one image per cluster: the mean of its slices, cluster 1 = the most slices),
 * and optionally {@code <title>-by-cluster}, the input's slices ordered by cluster and, within a cluster,
 * by distance to its centre. The input's pixels are never modified.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Pixel Clustering>Cluster Slices", headless = true)
public class ClusterSlicesCommand extends SummarizingCommand {

	// -- Messages --

	/** No image. */
	public static final String NO_IMAGE = "Cluster Slices needs an open stack.";
	/** Stopped by the user. */
	public static final String CANCELED = "Cluster Slices was canceled.";
	/** Slices and frames both present: image description, slices, frames. */
	public static final String AMBIGUOUS = "%s has %d slices and %d frames: Cluster Slices clusters the slices of a stack or the frames of a time series, not both. Reduce the image to one of them first.";

	/** Default number of clusters. */
	public static final int DEFAULT_CLUSTERS = 10;

	// -- Parameters --

	@Parameter(label = "Stack", description = DialogText.WRAP + "A stack (or time series) whose slices (frames) are the samples; 8-, 16-, 32-bit, RGB or multichannel.")
	private ImagePlus image;

	@Parameter(label = "Clusters", min = "1", max = DialogText.CLUSTERS_MAX, description = "Number of clusters k.")
	private int clusters = DEFAULT_CLUSTERS;

	@Parameter(label = "Method", choices = { "k-means", "mini-batch" }, description = "k-means: best quality; mini-batch: faster on many slices.")
	private String method = "k-means";

	@Parameter(label = DialogText.RESTARTS_AUTO, min = "0", description = DialogText.WRAP + "Initialisations; the best wins. 0 = 10 for k-means, 3 for mini-batch.")
	private int restarts = 0;

	@Parameter(label = "Random seed", min = DialogText.SEED_MIN, max = DialogText.SEED_MAX, description = "Same seed, same result.")
	private long seed = 0;

	@Parameter(label = "Initialisation", choices = { "k-means++", "random" }, description = DialogText.WRAP + "How every initialisation picks its first centres: k-means++, or k distinct slices drawn at random.")
	private String init = "k-means++";

	@Parameter(label = "Mask", initializer = "initMask", description = DialogText.WRAP + "An open image whose non-zero pixels are the features (with the selection, if any); &lt;none&gt; for all.")
	private String mask = PixelAgglomerationCommand.NO_MASK_CHOICE;

	@Parameter(label = "Output the stack ordered by cluster", description = DialogText.WRAP + "A copy of the stack with its slices ordered by cluster, most typical first.")
	private boolean reorder = false;

	@Parameter(label = SavedModels.LABEL, style = "save,extensions:json", required = false, persist = false, description = DialogText.WRAP + SavedModels.DESCRIPTION)
	private File save_model;

	@Parameter(type = ItemIO.OUTPUT, label = "Centres")
	private ImagePlus centres;

	@Parameter(type = ItemIO.OUTPUT, label = "Ordered by cluster")
	private ImagePlus ordered;

	@Parameter(required = false)
	private StatusService status;

	// -- Initializers --

	/** Offers the open images as masks. */
	protected void initMask() {
		MaskImages.offerOpenImages(getInfo().getMutableInput("mask", String.class), image);
	}

	// -- Command methods --

	@Override
	public void run() {
		if (image == null) {
			cancel(NO_IMAGE);
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
			final List<RandomAccessibleInterval<? extends RealType<?>>> slices = slices(image);
			final boolean frames = image.getNFrames() > 1;
			final SliceClustering.Settings settings = new SliceClustering.Settings(clusters, ColourQuantization.Method.of(method), restarts, seed, MiniBatchSettings.Init.of(init));
			final long start = System.nanoTime();
			// phases: the engine, then the outputs
			final Phases phases = progress.phases(10, ClusterSlicesOutputs.phaseWeights(reorder));
			final SliceClustering.Result result = SliceClustering.cluster(slices, mask(), settings, phases.next("Cluster Slices"));
			final double seconds = (System.nanoTime() - start) / 1e9;
			final ClusterSlicesOutputs outputs = new ClusterSlicesOutputs(image, result, frames, reorder, phases, tables);
			centres = outputs.centres;
			ordered = outputs.ordered;
			summary.put("command", "Cluster Slices");
			summary.put("image", image.getTitle());
			summary.put("clusters", result.clusters());
			summary.put("method", settings.method().label());
			summary.put("restarts", settings.restarts());
			summary.put("seed", settings.seed());
			summary.put("init", settings.init().label());
			summary.put("slices", result.slices());
			summary.put("inertia", result.inertia());
			summary.put("seconds", seconds);
			if (SavedModels.wanted(save_model)) SavedModels.save(SliceClusteringModel.of(result, image.getWidth(), image.getHeight(), image.getType() == ImagePlus.COLOR_RGB, settings(settings), ImageDescriptions.of(image)), save_model, files, summary);
			phases.done("Cluster Slices done");
		});
	}

	// -- Helper methods --

	/** @return the macro keys and values of the run, as a model records them */
	private Map<String, Object> settings(final SliceClustering.Settings settings) {
		final Map<String, Object> out = new LinkedHashMap<>();
		out.put("clusters", clusters);
		out.put("method", settings.method().label());
		out.put("restarts", settings.restarts());
		out.put("seed", settings.seed());
		out.put("init", settings.init().label());
		out.put("mask", mask);
		out.put("reorder", reorder);
		return out;
	}

	/**
	 * @param image a stack or a time series
	 * @return its slices (or frames) as views, each X x Y or X x Y x channels (RGB: R, G, B)
	 * @throws IllegalArgumentException ({@link #AMBIGUOUS}) when it has both slices and frames
	 */
	static List<RandomAccessibleInterval<? extends RealType<?>>> slices(final ImagePlus image) {
		if (image.getNSlices() > 1 && image.getNFrames() > 1) throw new IllegalArgumentException(String.format(AMBIGUOUS, ImagePlusImgs.describe(image).replaceFirst("^a ", "The ") + " \"" + image.getTitle() + "\"", image.getNSlices(), image.getNFrames()));
		final boolean frames = image.getNFrames() > 1;
		final int samples = frames ? image.getNFrames() : image.getNSlices();
		final List<RandomAccessibleInterval<? extends RealType<?>>> slices = new ArrayList<>();
		for (int s = 1; s <= samples; s++)
			slices.add(slice(image, s, frames));
		return slices;
	}

	/** Sample s (1-based) as an X x Y view, or X x Y x channels (RGB: R, G, B). */
	private static RandomAccessibleInterval<? extends RealType<?>> slice(final ImagePlus image, final int s, final boolean frames) {
		final ImageStack stack = image.getStack();
		final int z = frames ? 1 : s;
		final int t = frames ? s : 1;
		if (image.getType() == ImagePlus.COLOR_RGB) return Views.stack(ImagePlusImgs.colours(ImagePlusImgs.rgbPlane(image, image.getStackIndex(1, z, t))));
		if (image.getNChannels() == 1) return ImagePlusImgs.view(image, List.of(stack.getPixels(image.getStackIndex(1, z, t))), image.getBitDepth());
		final List<Object> planes = new ArrayList<>();
		for (int c = 1; c <= image.getNChannels(); c++)
			planes.add(stack.getPixels(image.getStackIndex(c, z, t)));
		return ImagePlusImgs.view(image, planes, image.getBitDepth());
	}

	private RandomAccessibleInterval<NativeBoolType> mask() {
		final boolean[] inside = MaskImages.inside(image, mask, image.getWidth(), image.getHeight(), 1);
		return inside == null ? null : ArrayImgs.booleans(inside, image.getWidth(), image.getHeight());
	}
}
