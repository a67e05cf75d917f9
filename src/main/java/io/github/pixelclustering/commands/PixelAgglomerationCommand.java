package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.SampleLayout;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.hkmeans.HierarchicalKMeans;
import io.github.pixelclustering.api.PixelAgglomeration;
import io.github.pixelclustering.api.PixelAgglomerationModel;
import io.github.pixelclustering.api.PixelAgglomerationResult;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.output.LabelImages;

import ij.ImagePlus;

import java.io.File;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.view.Views;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.Previewable;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.Button;

/**
 * {@code Plugins > Pixel Clustering > Pixel Agglomeration}: groups the pixels (or voxels) of an image
 * whose profiles over its samples (frames, channels, slices, or R, G, B) are alike into spatially
 * connected clusters: supervoxels, parcels, superpixels. scikit-learn's {@code FeatureAgglomeration} with
 * grid connectivity.
 * <p>
 * Outputs: {@code <title>-labels} (1..k by decreasing size, 0 outside the mask), {@code <title>-agglomerated}
 * (every clustered pixel's profile replaced by its cluster's mean profile), {@code <title>-reduced} (the
 * mean of every cluster in every sample: k columns x samples rows), the table {@code <title>-clusters},
 * and optionally outline selections per cluster. The input's pixels are never modified.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Pixel Clustering>Pixel Agglomeration", headless = true)
public class PixelAgglomerationCommand extends SummarizingCommand implements Previewable {

	// -- Messages --

	/** No image. */
	public static final String NO_IMAGE = "Pixel Agglomeration needs an open image.";
	/** Stopped by the user. */
	public static final String CANCELED = "Pixel Agglomeration was canceled.";
	/** The mask names no open image: the name. */
	public static final String NO_MASK = MaskImages.NOT_OPEN;
	/** The mask's size differs: mask description, expected size. */
	public static final String MASK_SIZE = MaskImages.WRONG_SIZE;
	/** Connectivity does not fit the dimensions: connectivity, dimensions, allowed. */
	public static final String BAD_CONNECTIVITY = "connectivity %s does not fit dimensions=%s: use %s.";
	/** More clusters than a label image holds: clusters. */
	public static final String TOO_MANY_LABELS = "clusters must be at most 65535 (the largest 16-bit label), got %d.";
	/**
	 * The run would need more memory than is free: the method ({@code "Ward"}, {@code "Hierarchical
	 * k-means"}, {@code "k-means"}), pixels (with thousands separators), GB needed, GB free,
	 * {@link #USE_HKMEANS} for ward or "".
	 */
	public static final String NOT_ENOUGH_MEMORY = CommandProgress.NOT_ENOUGH_MEMORY;
	/** The run ran out of memory all the same: "Pixel Agglomeration", GB Java may use, {@link #USE_HKMEANS} or "". */
	public static final String OUT_OF_MEMORY = CommandProgress.OUT_OF_MEMORY;
	/** The end of both memory messages for method=ward. */
	public static final String USE_HKMEANS = ", or use method=hkmeans";

	// -- Defaults --

	/** Default number of clusters. */
	public static final int DEFAULT_CLUSTERS = 100;
	/** The mask value meaning none. */
	public static final String NO_MASK_CHOICE = MaskImages.NONE;

	private static final int MAX_LABELS = 65535;

	/** The settings of the second dialog that apply, by method (hkmeans: all of them). */
	private static final Map<String, List<String>> MORE = Map.of( //
		"ward", List.of("scaling"), //
		"hkmeans", List.of("batch_size", "restarts", "max_no_improvement", "seed", "init", "lloyd_iterations", "scaling", "connected"), //
		"kmeans", List.of("restarts", "seed", "init", "scaling", "connected"));

	// -- Parameters --

	@Parameter(label = "Image", description = DialogText.WRAP + "A stack, hyperstack, multichannel or RGB image: pixels are clustered by their values over the samples.")
	private ImagePlus image;

	@Parameter(label = "Method", callback = "methodChanged", choices = { "ward", "hkmeans", "kmeans" }, description = DialogText.WRAP + "ward: Ward linkage with spatial connectivity (scikit-learn FeatureAgglomeration); hkmeans: two-level mini-batch k-means (nilearn HierarchicalKMeans), for very many pixels; kmeans: k-means of the pixel profiles.")
	private String method = "ward";

	@Parameter(label = "Clusters (0 = by distance)", min = "0", max = DialogText.CLUSTERS_MAX, description = DialogText.WRAP + "Number of clusters k (connected regions); 0 to cut the Ward tree at the distance threshold instead.")
	private int clusters = DEFAULT_CLUSTERS;

	@Parameter(label = "Distance threshold (ward, 0 = unused)", min = "0", description = DialogText.WRAP + "With clusters=0 and method=ward: cut the Ward tree where merges are this far apart (scikit-learn's distance_threshold: the merges at a distance &gt;= it are not done).")
	private double distance_threshold = 0;

	@Parameter(label = "Samples", choices = { "auto", "slices", "frames", "channels" }, description = DialogText.WRAP + "Which axis holds each pixel's values. auto: frames if several, else channels if several, else slices.")
	private String samples = "auto";

	@Parameter(label = "Dimensions", choices = { "2D", "3D" }, description = DialogText.WRAP + "2D: cluster pixels of a plane; 3D: cluster voxels of a z-stack (samples from frames or channels).")
	private String dimensions = "2D";

	@Parameter(label = "Connectivity", choices = { "4", "8", "6", "18", "26" }, description = DialogText.WRAP + "Neighbours a pixel is connected to: 4 or 8 in 2D, 6, 18 or 26 in 3D.")
	private String connectivity = "4";

	@Parameter(label = "Mask", initializer = "initMask", description = DialogText.WRAP + "An open image whose non-zero pixels are clustered (with the selection, if any); &lt;none&gt; for all.")
	private String mask = NO_MASK_CHOICE;

	@Parameter(label = "Add outlines to the overlay", description = "One outline selection per cluster on the input image.")
	private boolean overlay = false;

	@Parameter(label = "Add outlines to the ROI Manager", description = "Without a display, saved as <title>-rois.zip instead.")
	private boolean roi_manager = false;

	@Parameter(label = SavedModels.LABEL, style = "save,extensions:json", required = false, persist = false, description = DialogText.WRAP + SavedModels.DESCRIPTION)
	private File save_model;

	@Parameter(label = DialogPreview.LABEL, persist = false, description = DialogPreview.DESCRIPTION)
	private boolean preview = false;

	@Parameter(label = MoreSettings.LABEL, callback = "moreSettings", initializer = "initMore", persist = false, description = DialogText.WRAP + "The settings of the method chosen, and those most runs leave as they are.")
	private Button more;

	// -- More settings (their own dialog: MoreSettings) --

	@Parameter(label = "Batch size", min = "1", description = DialogText.WRAP + "Samples per mini-batch of every mini-batch k-means (hkmeans).")
	private int batch_size = 1000;

	@Parameter(label = "Restarts", min = "1", description = "Initialisations of every k-means (n_init); the best wins.")
	private int restarts = 10;

	@Parameter(label = "Max no improvement", min = "0", description = DialogText.WRAP + "Mini-batch steps without improvement before stopping (0 = never stop early).")
	private int max_no_improvement = 10;

	@Parameter(label = "Random seed", min = DialogText.SEED_MIN, max = DialogText.SEED_MAX, description = "Same seed, same result.")
	private long seed = 0;

	@Parameter(label = "Initialisation", choices = { "k-means++", "random" }, description = DialogText.WRAP + "How every k-means picks its first centres: k-means++, or k distinct pixels drawn at random.")
	private String init = "k-means++";

	@Parameter(label = "Lloyd iterations", min = "0", description = DialogText.WRAP + "Full k-means iterations after every mini-batch k-means: each moves the centres to their clusters' means and relabels every pixel, lowering the Ward objective; with them k-means++ tries " + HierarchicalKMeans.POLISHED_SEEDING_TRIALS + " candidates per centre, not 2 + ln k (0 = nilearn's algorithm exactly).")
	private int lloyd_iterations = HierarchicalKMeans.DEFAULT_LLOYD_ITERATIONS;

	@Parameter(label = "Scale reduced values by sqrt(size)", description = DialogText.WRAP + "The reduced image holds cluster means times sqrt(cluster size), as nilearn's scaling (the agglomerated image is unchanged).")
	private boolean scaling = false;

	@Parameter(label = "Split clusters into connected parts", description = DialogText.WRAP + "Every cluster becomes its spatially connected parts (with the connectivity of the first dialog): a true parcellation.")
	private boolean connected = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Labels")
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Agglomerated")
	private ImagePlus agglomerated;

	@Parameter(type = ItemIO.OUTPUT, label = "Reduced")
	private ImagePlus reduced;

	@Parameter(required = false)
	private StatusService status;

	@Parameter(required = false)
	private LogService log;

	private final DialogPreview dialogPreview = new DialogPreview(() -> image, () -> status);

	// -- Initializers --

	/** Offers the open images as masks. */
	protected void initMask() {
		MaskImages.offerOpenImages(getInfo().getMutableInput("mask", String.class), image);
	}

	/** Takes the settings of the second dialog out of the first, and names the method on its button. */
	protected void initMore() {
		MoreSettings.leaveOut(this, moduleService, MORE.get("hkmeans"));
		MoreSettings.label(this, MoreSettings.shown(this, moduleService, "method"));
	}

	// -- Callbacks --

	/** Names the method chosen on the button of the second dialog. */
	protected void methodChanged() {
		MoreSettings.label(this, method);
	}

	/** Opens the second dialog: the settings of the method chosen. */
	protected void moreSettings() {
		MoreSettings.open(this, moduleService, "Pixel Agglomeration: " + method + " settings", more(method));
	}

	/**
	 * @param chosen a method
	 * @return the settings of the second dialog that apply to it
	 */
	static List<String> more(final String chosen) {
		return MORE.getOrDefault(chosen, MORE.get("hkmeans"));
	}

	// -- Command methods --

	@Override
	public void run() {
		dialogPreview.close();
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
		progress.guard(this, CANCELED, "ward".equals(method) ? USE_HKMEANS : "", () -> {
			DialogText.checkSeed(seed);
			final SampleLayout layout = SampleLayout.of(image, samples, dimensions);
			final int neighbourhood = neighbourhood(layout.is3D());
			if (clusters > MAX_LABELS) throw new IllegalArgumentException(String.format(TOO_MANY_LABELS, clusters));
			final RandomAccessibleInterval<NativeBoolType> inside = mask(layout);
			final PixelAgglomeration.Settings settings = engineSettings(neighbourhood);
			requireMemory(layout, inside, settings);
			final long start = System.nanoTime();
			// phases: the engine, then the outputs
			final Phases phases = progress.phases(settings.method() == PixelAgglomeration.Method.WARD ? 200 : 100, PixelAgglomerationOutputs.phaseWeights(overlay || roi_manager), 0.5);
			final PixelAgglomerationResult result = PixelAgglomeration.agglomerate(layout.views(), inside, settings, phases.next("Pixel agglomeration (" + method + ")"));
			final double seconds = (System.nanoTime() - start) / 1e9;
			if (result.components() > 1) warn(result.components());
			final int found = result.clusters();
			if (found > MAX_LABELS) throw new IllegalArgumentException(String.format(TOO_MANY_LABELS, found));
			final PixelAgglomerationOutputs outputs = new PixelAgglomerationOutputs(image, layout, result, null, overlay, roi_manager, phases, tables, files);
			labels = outputs.labels;
			agglomerated = outputs.agglomerated;
			reduced = outputs.reduced;
			phases.next("Summary: the Ward objective");
			summarize(result, layout, neighbourhood, seconds);
			if (SavedModels.wanted(save_model)) SavedModels.save(PixelAgglomerationModel.of(result, settings(layout, neighbourhood), ImageDescriptions.of(image), LabelImages.colours(labels, found), layout.axis().label(), neighbourhood), save_model, files, summary);
			phases.done("Pixel Agglomeration done");
		});
	}

	// -- Previewable methods --

	@Override
	public void preview() {
		if (image == null) return;
		final List<Object> shown = Arrays.asList(method, clusters, distance_threshold, samples, dimensions, connectivity, mask, batch_size, restarts, max_no_improvement, seed, init, lloyd_iterations, connected, image.getSlice());
		dialogPreview.update(preview, shown, listener -> {
			DialogText.checkSeed(seed);
			final SampleLayout layout = SampleLayout.of(image, samples, dimensions);
			if (clusters > MAX_LABELS) throw new IllegalArgumentException(String.format(TOO_MANY_LABELS, clusters));
			return PixelAgglomerationPreview.picture(image, layout, samples, dimensions, mask, engineSettings(neighbourhood(layout.is3D())), dialogPreview, listener);
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

	// -- Helper methods --

	private PixelAgglomeration.Settings engineSettings(final int neighbourhood) {
		return new PixelAgglomeration.Settings(clusters, PixelAgglomeration.Method.of(method), neighbourhood) //
			.withKMeans(batch_size, restarts, max_no_improvement, seed, MiniBatchSettings.Init.of(init)).withLloydIterations(lloyd_iterations).withScaling(scaling).withConnected(connected).withDistanceThreshold(distance_threshold);
	}

	private int neighbourhood(final boolean threeD) {
		final List<String> allowed = threeD ? List.of("6", "18", "26") : List.of("4", "8");
		if (!allowed.contains(connectivity.trim())) throw new IllegalArgumentException(String.format(BAD_CONNECTIVITY, connectivity, threeD ? "3D" : "2D", String.join(", ", allowed)));
		return Integer.parseInt(connectivity.trim());
	}

	/**
	 * Refuses a run that would not fit in the free memory: the engine's peak, or what it keeps plus the
	 * output images, whichever is more.
	 */
	private void requireMemory(final SampleLayout layout, final RandomAccessibleInterval<NativeBoolType> inside, final PixelAgglomeration.Settings settings) {
		long points = 1;
		for (final int size : layout.spaceDimensions())
			points *= size;
		long pixels = points;
		if (inside != null) {
			pixels = 0;
			for (final NativeBoolType t : Views.flatIterable(inside))
				if (t.get()) pixels++;
		}
		final int d = layout.views().size();
		final long engine = PixelAgglomeration.memoryEstimate(points, pixels, d, settings);
		final long kept = 8 * pixels * d + (settings.method() == PixelAgglomeration.Method.WARD ? 24 : 4) * pixels;
		// labels, and the agglomerated copy of the input (RGB, or 32-bit for every slice)
		final long outputs = points * (LabelImages.bitDepthFor(clusters == 0 ? MAX_LABELS : clusters) / 8) + 4L * image.getWidth() * image.getHeight() * image.getStackSize();
		final boolean ward = settings.method() == PixelAgglomeration.Method.WARD;
		CommandProgress.requireMemory(methodName(settings.method()), pixels, Math.max(engine, kept + outputs), ward ? USE_HKMEANS : "");
	}

	/** @return how {@link #NOT_ENOUGH_MEMORY} names the method */
	static String methodName(final PixelAgglomeration.Method m) {
		return m == PixelAgglomeration.Method.WARD ? "Ward" : m == PixelAgglomeration.Method.HKMEANS ? "Hierarchical k-means" : "k-means";
	}

	/** The mask image's non-zero pixels and the input's area selection, over space; null for all. */
	private RandomAccessibleInterval<NativeBoolType> mask(final SampleLayout layout) {
		return spaceMask(image, mask, layout);
	}

	/**
	 * @param image the image (its area selection counts, on every z slice)
	 * @param mask a mask input ({@link MaskImages#find})
	 * @param layout the image's space
	 * @return the pixels of space inside both, or null when neither restricts
	 */
	static RandomAccessibleInterval<NativeBoolType> spaceMask(final ImagePlus image, final String mask, final SampleLayout layout) {
		final int[] space = layout.spaceDimensions();
		final int depth = space.length == 3 ? space[2] : 1;
		final boolean[] inside = MaskImages.inside(image, mask, space[0], space[1], depth);
		if (inside == null) return null;
		return depth > 1 ? ArrayImgs.booleans(inside, space[0], space[1], depth) : ArrayImgs.booleans(inside, space[0], space[1]);
	}

	private void warn(final int components) {
		final String message = "Pixel Agglomeration: the clustered pixels form " + components + " unconnected parts; they were linked at their closest pixels (as scikit-learn does), so a cluster may span parts.";
		if (log != null) log.warn(message);
		else System.err.println(message);
	}

	/** @return the macro keys and values of the run, as a model records them (samples resolved) */
	private Map<String, Object> settings(final SampleLayout layout, final int neighbourhood) {
		final Map<String, Object> out = new LinkedHashMap<>();
		out.put("clusters", clusters);
		out.put("distance_threshold", distance_threshold);
		out.put("method", method);
		out.put("samples", layout.axis().label());
		out.put("dimensions", layout.is3D() ? "3D" : "2D");
		out.put("connectivity", neighbourhood);
		out.put("mask", mask);
		out.put("batch_size", batch_size);
		out.put("restarts", restarts);
		out.put("max_no_improvement", max_no_improvement);
		out.put("seed", seed);
		out.put("init", init);
		out.put("lloyd_iterations", lloyd_iterations);
		out.put("scaling", scaling);
		out.put("connected", connected);
		return out;
	}

	private void summarize(final PixelAgglomerationResult result, final SampleLayout layout, final int neighbourhood, final double seconds) {
		summary.put("command", "Pixel Agglomeration");
		summary.put("image", image.getTitle());
		summary.put("clusters", result.clusters());
		if (distance_threshold > 0) summary.put("distance_threshold", distance_threshold);
		summary.put("method", method);
		if (!"ward".equals(method)) {
			summary.put("restarts", restarts);
			summary.put("seed", seed);
			summary.put("init", init);
			summary.put("connected", connected);
		}
		if ("hkmeans".equals(method)) summary.put("lloyd_iterations", lloyd_iterations);
		summary.put("sample_axis", layout.axis().label());
		summary.put("samples", result.samples());
		summary.put("dimensions", layout.is3D() ? "3D" : "2D");
		summary.put("connectivity", neighbourhood);
		summary.put("pixels", result.pixels());
		summary.put("components", result.components());
		// each is a pass over all profiles for the k-means methods: computed once
		final double objective = result.objective();
		final double total = result.totalSumOfSquares();
		summary.put("ward_objective", objective);
		summary.put("objective_fraction", total > 0 ? objective / total : 0.0);
		summary.put("seconds", seconds);
	}
}
