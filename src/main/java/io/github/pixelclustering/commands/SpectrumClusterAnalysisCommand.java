package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumWork;
import io.github.pixelclustering.api.SpectrumClusteringResult;
import io.github.pixelclustering.spectrum.ClusterAnalysis;

import ij.ImagePlus;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.Button;

/**
 * {@code Plugins > Pixel Clustering > Spectrum Image Cluster Analysis}: finds the phases of an EDS,
 * EELS or hyperspectral map (X x Y pixels x E channels) by clustering the pixels' spectra, as HyperSpy
 * 1.7.3's {@code decomposition()} + {@code cluster_analysis()}.
 * <p>
 * Outputs: {@code <title>-labels} (cluster 1 the largest, 0 outside the mask), {@code <title>-distances}
 * (slice k: every pixel's distance to centre k in the clustering space), the tables
 * {@code <title>-clusters} and {@code <title>-cluster-spectra} (sum, mean and centroid spectra on the
 * calibrated energy axis), a plot of one of them, and optionally the scree plot, the first factors and
 * their loadings, and outline selections; with {@code save_model}, the fitted model as JSON for Apply
 * Clustering Model ({@link SpectrumClusteringModel}). The input's pixels are never modified.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Pixel Clustering>Spectrum Image Cluster Analysis", headless = true)
public class SpectrumClusterAnalysisCommand extends SummarizingCommand {

	/** No image. */
	public static final String NO_IMAGE = "Spectrum Image Cluster Analysis needs an open spectrum image.";
	/** Stopped by the user. */
	public static final String CANCELED = "Spectrum Image Cluster Analysis was canceled.";
	/** Too many clusters for a label image. */
	public static final String TOO_MANY_LABELS = "clusters must be between 1 and 65535, got %d.";
	/** Neither clusters nor a distance threshold: clusters, threshold. */
	public static final String NO_CUT = ClusterAnalysis.NO_CUT;

	/** Components shown by the scree plot (one more is computed for its elbow, HyperSpy's rule). */
	public static final int SCREE = 20;

	@Parameter(label = "Spectrum image", description = DialogText.WRAP + "A stack whose slices are the energy channels (or a hyperstack whose channels are).")
	private ImagePlus image;

	@Parameter(label = "Clusters (0 = by distance)", min = "0", max = DialogText.CLUSTERS_MAX, description = DialogText.WRAP + "Number of clusters (phases) k; 0 to cut the agglomerative Ward tree at the distance threshold instead.")
	private int clusters = 4;

	@Parameter(label = "Algorithm", callback = "methodChanged", choices = { "k-means", "mini-batch", "agglomerative", "spectral" }, description = DialogText.WRAP + "k-means, mini-batch k-means, agglomerative (Ward) or spectral clustering (10 nearest neighbours).")
	private String algorithm = "k-means";

	@Parameter(label = "Cluster source", callback = "methodChanged", choices = { "decomposition", "signal", "bss" }, description = DialogText.WRAP + "decomposition: the pixels' first SVD loadings (HyperSpy's cluster_source=\"decomposition\"); signal: their spectra; bss: the loadings of the blind source separation (FastICA) of the first components, as HyperSpy's blind_source_separation then cluster_source=\"bss\".")
	private String source = "decomposition";

	@Parameter(label = "Components (or auto; not for signal)", description = DialogText.WRAP + SpectrumInputs.COMPONENTS_DESCRIPTION)
	private String components = "5";

	@Parameter(label = "Energy min", description = DialogText.WRAP + "Lowest energy analysed, in the axis unit (energy min = max = 0: the whole axis).")
	private double energy_min = 0;

	@Parameter(label = "Energy max", description = "Highest energy analysed, in the axis unit.")
	private double energy_max = 0;

	@Parameter(label = "Mask", initializer = "initMask", description = DialogText.WRAP + "An open image whose non-zero pixels are analysed (with the selection, if any); &lt;none&gt; for all.")
	private String mask = MaskImages.NONE;

	@Parameter(label = "Add outlines to the overlay", description = "One outline selection per cluster on the input image.")
	private boolean overlay = false;

	@Parameter(label = "Add outlines to the ROI Manager", description = "Without a display, saved as <title>-rois.zip instead.")
	private boolean roi_manager = false;

	@Parameter(label = SavedModels.LABEL, style = "save,extensions:json", required = false, persist = false, description = DialogText.WRAP + SavedModels.DESCRIPTION)
	private File save_model;

	@Parameter(label = MoreSettings.LABEL, callback = "moreSettings", initializer = "initMore", persist = false, description = DialogText.WRAP + "The settings of the algorithm and source chosen, and those most runs leave as they are.")
	private Button more;

	// -- More settings (their own dialog: MoreSettings) --

	@Parameter(label = "Distance threshold (0 = unused)", min = "0", description = DialogText.WRAP + "With clusters=0 and algorithm=agglomerative: cut the Ward tree where merges are this far apart in the clustering space (scikit-learn's distance_threshold).")
	private double distance_threshold = 0;

	@Parameter(label = "Connectivity", choices = { "none", "4", "8" }, description = DialogText.WRAP + "With agglomerative: merge only neighbouring pixels, so clusters are spatially connected.")
	private String connectivity = "none";

	@Parameter(label = DialogText.RESTARTS_AUTO, min = "0", description = DialogText.WRAP + "k-means initialisations (n_init); 0 for the default (10 for k-means, 3 for mini-batch).")
	private int restarts = 0;

	@Parameter(label = "Initialisation", choices = { "k-means++", "random" }, description = DialogText.WRAP + "How every k-means initialisation picks its first centres: k-means++, or k distinct pixels drawn at random.")
	private String init = "k-means++";

	@Parameter(label = "Random seed", min = DialogText.SEED_MIN, max = DialogText.SEED_MAX, description = "Same seed, same result.")
	private long seed = 0;

	@Parameter(label = "Normalise Poisson noise", description = DialogText.WRAP + "Scale the data as HyperSpy's normalize_poissonian_noise before the SVD (for counts).")
	private boolean poisson = false;

	@Parameter(label = "Preprocessing", choices = { "norm", "standard", "minmax", "none" }, description = DialogText.WRAP + "Feature scaling before clustering: norm (each pixel to unit length), standard, minmax or none.")
	private String preprocessing = "norm";

	@Parameter(label = "Energy offset", description = "Energy of the first channel, used when energy scale > 0.")
	private double energy_offset = 0;

	@Parameter(label = "Energy scale", min = "0", description = DialogText.WRAP + "Energy per channel; 0 takes the stack's z calibration (or channel numbers).")
	private double energy_scale = 0;

	@Parameter(label = "Energy unit", description = "Unit of the energy offset and scale.")
	private String energy_unit = "keV";

	@Parameter(label = "Spectra for the centres", description = DialogText.WRAP + "The spectra the cluster spectra are made of: &lt;input&gt; (measured; HyperSpy's default call, number_of_components=None, sums every component, which is the measured data), &lt;decomposition&gt; (the model of the components clustered, as HyperSpy's with number_of_components given; &lt;bss&gt; is the same model, HyperSpy's source_for_centers=\"bss\"), or another open stack of the same width and height (HyperSpy's source_for_centers).")
	private String centres_from = SpectrumInputs.INPUT;

	@Parameter(label = "Plotted spectrum", choices = { "mean", "sum", "centroid" }, description = DialogText.WRAP + "Which cluster spectrum the plot shows: mean, sum, or centroid (the spectrum of the pixel closest to the centre: measured, or its model with &lt;decomposition&gt;).")
	private String signal = "mean";

	@Parameter(label = "Scree plot", description = "Plot the explained variance ratio of the decomposition.")
	private boolean scree = false;

	@Parameter(label = "Factors to show", min = "0", description = DialogText.WRAP + "Plot this many decomposition factors and output their loadings (0 for none).")
	private int factors = 0;

	@Parameter(type = ItemIO.OUTPUT, label = "Labels")
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Distances")
	private ImagePlus distances;

	@Parameter(type = ItemIO.OUTPUT, label = "Cluster spectra")
	private ImagePlus spectra;

	@Parameter(type = ItemIO.OUTPUT, label = "Scree plot", required = false)
	private ImagePlus scree_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Factors", required = false)
	private ImagePlus factors_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Loadings", required = false)
	private ImagePlus loadings;

	@Parameter(required = false)
	private StatusService status;

	/** Offers the open images as masks. */
	protected void initMask() {
		MaskImages.offerOpenImages(getInfo().getMutableInput("mask", String.class), image);
	}

	/** Offers the open images as spectra for the centres. */
	protected void initCentres() {
		SpectrumInputs.offerCentres(getInfo().getMutableInput("centres_from", String.class), image);
	}

	/**
	 * Offers the spectra for the centres, takes the settings of the second dialog out of the first, and
	 * names the method on its button. The centres first: a last-used choice is taken only if offered.
	 */
	protected void initMore() {
		initCentres();
		MoreSettings.leaveOut(this, moduleService, SpectrumInputs.MORE);
		MoreSettings.label(this, MoreSettings.shown(this, moduleService, "algorithm") + ", " + MoreSettings.shown(this, moduleService, "source"));
	}

	/** Names the algorithm and source chosen on the button of the second dialog. */
	protected void methodChanged() {
		MoreSettings.label(this, algorithm + ", " + source);
	}

	/** Opens the second dialog: the settings of the algorithm and source chosen. */
	protected void moreSettings() {
		MoreSettings.open(this, moduleService, "Spectrum Image Cluster Analysis: " + algorithm + ", " + source, SpectrumInputs.more(algorithm, source, true));
	}

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
			if (!(distance_threshold >= 0) || Double.isInfinite(distance_threshold)) throw new IllegalArgumentException(String.format(ClusterAnalysis.BAD_THRESHOLD, distance_threshold));
			if (clusters == 0 && !(distance_threshold > 0)) throw new IllegalArgumentException(String.format(NO_CUT, clusters, distance_threshold));
			if (clusters < 0 || clusters > 65535) throw new IllegalArgumentException(String.format(TOO_MANY_LABELS, clusters));
			SpectrumOutputs.checkSignal(signal);
			final SpectrumInputs in = SpectrumInputs.of(image, energy_offset, energy_scale, energy_unit, energy_min, energy_max, mask, source, components, poisson, preprocessing, algorithm, connectivity, clusters, restarts, seed, init);
			final ImagePlus centres = SpectrumInputs.centres(centres_from, image);
			final SpectrumAxis centresAxis = centres == null ? null : centres == image ? in.axis : SpectrumAxis.of(centres, energy_offset, energy_scale, energy_unit);
			final long start = System.nanoTime();
			final SpectrumClustering.Settings fitted = in.settings.withDistanceThreshold(distance_threshold);
			final SpectrumClustering.Settings settings = fitted.withComponentsShown(Math.max(scree ? SCREE + 1 : 0, factors));
			// phases: features, clustering, outputs, weighted by their estimated work
			final int pixels = image.getWidth() * image.getHeight(), channels = in.range[1] - in.range[0] + 1;
			final double clustering = SpectrumWork.ofClustering(pixels, channels, settings);
			final Phases phases = progress.phases(SpectrumWork.ofFeatures(pixels, channels, settings), clustering, 0.1 * clustering, overlay || roi_manager ? 0.1 * clustering : 0);
			final SpectrumClustering.Features features = SpectrumClustering.features(in.axis.views(), in.mask, settings, phases.next("Features: " + source));
			final SpectrumClusteringResult result = SpectrumClustering.cluster(features, centresAxis == null ? null : centresAxis.views(), settings, phases.next("Cluster analysis (" + algorithm + ")"));
			final double seconds = (System.nanoTime() - start) / 1e9;
			final int k = result.clusters();
			if (k > 65535) throw new IllegalArgumentException(String.format(TOO_MANY_LABELS, k));
			phases.next("Label image, distance maps, spectra");
			final SpectrumOutputs out = new SpectrumOutputs();
			out.publish(result, image, in.axis, centresAxis, in.range, signal, scree, factors, tables);
			labels = out.labels;
			distances = out.distances;
			spectra = out.spectraPlot;
			scree_plot = out.screePlot;
			factors_plot = out.factorsPlot;
			loadings = out.loadings;
			if (overlay || roi_manager) {
				phases.next("Outlines of " + k + " clusters");
				SpectrumOutputs.outlines(image, labels, k, overlay, roi_manager, files);
			}
			summarize(in, centres, result, seconds);
			if (SavedModels.wanted(save_model)) SavedModels.save(SpectrumClusteringModel.of(SpectrumClusteringModel.COMMAND, result, fitted, keys(), ImageDescriptions.of(image), in.energyAxis(), centres == null, signal, LabelImages.colours(labels, k), in.axis.views()), save_model, files, summary);
			phases.done("Spectrum Image Cluster Analysis done");
		});
	}

	/** @return the macro keys and values of the run, as a model records them */
	private Map<String, Object> keys() {
		final Map<String, Object> out = new LinkedHashMap<>();
		out.put("clusters", clusters);
		out.put("distance_threshold", distance_threshold);
		out.put("source", source);
		out.put("components", SpectrumInputs.componentsKey(components));
		out.put("poisson", poisson);
		out.put("preprocessing", preprocessing);
		out.put("algorithm", algorithm);
		out.put("connectivity", connectivity);
		out.put("restarts", restarts);
		out.put("seed", seed);
		out.put("init", init);
		out.put("energy_min", energy_min);
		out.put("energy_max", energy_max);
		out.put("energy_offset", energy_offset);
		out.put("energy_scale", energy_scale);
		out.put("energy_unit", energy_unit);
		out.put("mask", mask);
		out.put("centres_from", centres_from);
		out.put("signal", signal);
		return out;
	}

	private void summarize(final SpectrumInputs in, final ImagePlus centres, final SpectrumClusteringResult result, final double seconds) {
		summary.put("command", "Spectrum Image Cluster Analysis");
		summary.put("image", image.getTitle());
		summary.put("clusters", result.clusters());
		if (distance_threshold > 0) summary.put("distance_threshold", distance_threshold);
		summary.put("source", source);
		if (!"signal".equals(source)) {
			SpectrumInputs.summarizeComponents(result.features(), summary);
			summary.put("poisson", poisson);
		}
		summary.put("preprocessing", preprocessing);
		summary.put("algorithm", algorithm);
		summary.put("cluster_spectra", SpectrumOutputs.clusterSpectra(centres, image, result));
		if (in.settings.algorithm() == ClusterAnalysis.Algorithm.KMEANS || in.settings.algorithm() == ClusterAnalysis.Algorithm.MINI_BATCH) summary.put("init", init);
		summary.put("energy_axis", in.axis.axisName());
		summary.put("channels", in.range[1] - in.range[0] + 1);
		summary.put("energy_from", in.axis.energy(in.range[0]));
		summary.put("energy_to", in.axis.energy(in.range[1]));
		summary.put("energy_unit", in.axis.unit());
		summary.put("pixels", result.features().pixels());
		final List<Integer> sizes = new ArrayList<>();
		for (final int s : result.fit().sizes())
			sizes.add(s);
		summary.put("sizes", sizes);
		summary.put("inertia", result.fit().inertia());
		summary.put("seconds", seconds);
	}
}
