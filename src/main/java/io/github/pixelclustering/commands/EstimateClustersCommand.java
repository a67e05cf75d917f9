package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumWork;
import io.github.pixelclustering.api.SpectrumClusteringResult;
import io.github.pixelclustering.output.Tables;
import io.github.pixelclustering.output.Titles;
import io.github.pixelclustering.spectrum.ClusterNumber;

import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;

import java.awt.Color;
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
 * {@code Plugins > Pixel Clustering > Estimate Number of Clusters}: how many phases a spectrum image
 * has, as HyperSpy 1.7.3's {@code estimate_number_of_clusters} (elbow, silhouette or gap statistic over
 * k = 1..max_clusters), with the same feature sources as Spectrum Image Cluster Analysis.
 * <p>
 * Outputs: the estimate (the command's output {@code estimate} and the one-row table
 * {@code <title>-cluster-estimate}, which a macro reads with {@code Table.get}), the table
 * {@code <title>-cluster-metric} (the metric per k) and a plot of it with the estimate marked;
 * optionally the cluster analysis with the estimated k, and with {@code save_model} its model
 * ({@link SpectrumClusteringModel}).
 */
@Plugin(type = Command.class, menuPath = "Plugins>Pixel Clustering>Estimate Number of Clusters", headless = true)
public class EstimateClustersCommand extends SummarizingCommand {

	/** No image. */
	public static final String NO_IMAGE = "Estimate Number of Clusters needs an open spectrum image.";
	/** Stopped by the user. */
	public static final String CANCELED = "Estimate Number of Clusters was canceled.";
	/** save_model without the analysis. */
	public static final String MODEL_NEEDS_ANALYSE = "save_model needs analyse=true: the model is the cluster analysis with the estimated number of clusters.";

	@Parameter(label = "Spectrum image", description = DialogText.WRAP + "A stack whose slices are the energy channels (or a hyperstack whose channels are).")
	private ImagePlus image;

	@Parameter(label = "Largest number of clusters", min = "2", max = DialogText.CLUSTERS_MAX, description = DialogText.WRAP + "k is tried from 1 (2 for silhouette and agglomerative) up to this.")
	private int max_clusters = 10;

	@Parameter(label = "Metric", choices = { "gap", "elbow", "silhouette" }, description = DialogText.WRAP + "gap statistic, elbow of log(within-cluster sum of squares), or mean silhouette (HyperSpy's definitions).")
	private String metric = "gap";

	@Parameter(label = "Algorithm", callback = "methodChanged", choices = { "k-means", "mini-batch", "agglomerative", "spectral" }, description = "The clustering run for every k.")
	private String algorithm = "k-means";

	@Parameter(label = "Cluster source", callback = "methodChanged", choices = { "decomposition", "signal", "bss" }, description = DialogText.WRAP + "decomposition: the pixels' first SVD loadings (HyperSpy's cluster_source=\"decomposition\"); signal: their spectra; bss: the loadings of the blind source separation (FastICA) of the first components, as HyperSpy's blind_source_separation then cluster_source=\"bss\".")
	private String source = "decomposition";

	@Parameter(label = "Components (or auto; not for signal)", description = DialogText.WRAP + SpectrumInputs.COMPONENTS_DESCRIPTION)
	private String components = "5";

	@Parameter(label = "Energy min", description = DialogText.WRAP + "Lowest energy analysed (energy min = max = 0: the whole axis).")
	private double energy_min = 0;

	@Parameter(label = "Energy max", description = "Highest energy analysed.")
	private double energy_max = 0;

	@Parameter(label = "Mask", initializer = "initMask", description = DialogText.WRAP + "An open image whose non-zero pixels are analysed (with the selection, if any); &lt;none&gt; for all.")
	private String mask = MaskImages.NONE;

	@Parameter(label = "Run the cluster analysis with the estimate", description = DialogText.WRAP + "Also cluster with the estimated k and output the labels, distances and cluster spectra.")
	private boolean analyse = false;

	@Parameter(label = SavedModels.LABEL, style = "save,extensions:json", required = false, persist = false, description = DialogText.WRAP + "With analyse=true: " + SavedModels.DESCRIPTION)
	private File save_model;

	@Parameter(label = MoreSettings.LABEL, callback = "moreSettings", initializer = "initMore", persist = false, description = DialogText.WRAP + "The settings of the algorithm and source chosen, and those most runs leave as they are.")
	private Button more;

	// -- More settings (their own dialog: MoreSettings) --

	@Parameter(label = "Connectivity", choices = { "none", "4", "8" }, description = "With agglomerative: merge only neighbouring pixels.")
	private String connectivity = "none";

	@Parameter(label = DialogText.RESTARTS_AUTO, min = "0", description = DialogText.WRAP + "k-means initialisations per k; 0 for the default (10 for k-means, 3 for mini-batch).")
	private int restarts = 0;

	@Parameter(label = "Initialisation", choices = { "k-means++", "random" }, description = DialogText.WRAP + "How every k-means initialisation picks its first centres: k-means++, or k distinct pixels drawn at random.")
	private String init = "k-means++";

	@Parameter(label = "Random seed", min = DialogText.SEED_MIN, max = DialogText.SEED_MAX, description = "Same seed, same result.")
	private long seed = 0;

	@Parameter(label = "Normalise Poisson noise", description = DialogText.WRAP + "Scale the data as HyperSpy's normalize_poissonian_noise before the SVD.")
	private boolean poisson = false;

	@Parameter(label = "Preprocessing", choices = { "norm", "standard", "minmax", "none" }, description = "Feature scaling before clustering.")
	private String preprocessing = "norm";

	@Parameter(label = "Energy offset", description = "Energy of the first channel, used when energy scale > 0.")
	private double energy_offset = 0;

	@Parameter(label = "Energy scale", min = "0", description = DialogText.WRAP + "Energy per channel; 0 takes the stack's z calibration (or channel numbers).")
	private double energy_scale = 0;

	@Parameter(label = "Energy unit", description = "Unit of the energy offset and scale.")
	private String energy_unit = "keV";

	@Parameter(type = ItemIO.OUTPUT, label = "Estimated number of clusters")
	private Integer estimate;

	@Parameter(type = ItemIO.OUTPUT, label = "Metric plot")
	private ImagePlus metric_plot;

	@Parameter(type = ItemIO.OUTPUT, label = "Labels", required = false)
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Distances", required = false)
	private ImagePlus distances;

	@Parameter(type = ItemIO.OUTPUT, label = "Cluster spectra", required = false)
	private ImagePlus spectra;

	@Parameter(required = false)
	private StatusService status;

	/** Offers the open images as masks. */
	protected void initMask() {
		MaskImages.offerOpenImages(getInfo().getMutableInput("mask", String.class), image);
	}

	/** Takes the settings of the second dialog out of the first, and names the method on its button. */
	protected void initMore() {
		MoreSettings.leaveOut(this, moduleService, SpectrumInputs.MORE_ESTIMATE);
		MoreSettings.label(this, MoreSettings.shown(this, moduleService, "algorithm") + ", " + MoreSettings.shown(this, moduleService, "source"));
	}

	/** Names the algorithm and source chosen on the button of the second dialog. */
	protected void methodChanged() {
		MoreSettings.label(this, algorithm + ", " + source);
	}

	/** Opens the second dialog: the settings of the algorithm and source chosen. */
	protected void moreSettings() {
		MoreSettings.open(this, moduleService, "Estimate Number of Clusters: " + algorithm + ", " + source, SpectrumInputs.more(algorithm, source, false));
	}

	@Override
	public void run() {
		if (image == null) {
			cancel(NO_IMAGE);
			return;
		}
		if (SavedModels.wanted(save_model) && !analyse) {
			cancel(MODEL_NEEDS_ANALYSE);
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
			final ClusterNumber.Metric m = ClusterNumber.Metric.of(metric);
			final SpectrumInputs in = SpectrumInputs.of(image, energy_offset, energy_scale, energy_unit, energy_min, energy_max, mask, source, components, poisson, preprocessing, algorithm, connectivity, 2, restarts, seed, init);
			final long start = System.nanoTime();
			// phases: features, the estimate (a clustering per k), the analysis with the estimate, outputs,
			// weighted by their estimated work (the estimate is not known yet: k about half the largest)
			final int pixels = image.getWidth() * image.getHeight(), channels = in.range[1] - in.range[0] + 1;
			final double estimating = SpectrumWork.ofEstimate(pixels, channels, max_clusters, m, in.settings);
			final double analysing = analyse ? SpectrumWork.ofClustering(pixels, channels, in.settings.withClusters(max_clusters / 2 + 1)) : 0;
			final Phases phases = progress.phases(SpectrumWork.ofFeatures(pixels, channels, in.settings), estimating, analysing, 0.1 * analysing, 0.01 * estimating);
			final SpectrumClustering.Features features = SpectrumClustering.features(in.axis.views(), in.mask, in.settings, phases.next("Features: " + source));
			final ClusterNumber.Result result = SpectrumClustering.estimate(features, max_clusters, m, in.settings, phases.next("Estimating the number of clusters (" + metric + ")"));
			final double seconds = (System.nanoTime() - start) / 1e9;
			estimate = result.estimate();
			final String title = Titles.base(image.getTitle());
			if (analyse) {
				final SpectrumClustering.Settings settings = in.settings.withClusters(estimate);
				final SpectrumClusteringResult clusters = SpectrumClustering.cluster(features, in.axis.views(), settings, phases.next("Cluster analysis with " + estimate + " clusters"));
				phases.next("Label image, distance maps, spectra");
				final SpectrumOutputs out = new SpectrumOutputs();
				out.publish(clusters, image, in.axis, in.axis, in.range, "mean", false, 0, tables);
				labels = out.labels;
				distances = out.distances;
				spectra = out.spectraPlot;
				if (SavedModels.wanted(save_model)) SavedModels.save(SpectrumClusteringModel.of(SpectrumClusteringModel.ESTIMATE_COMMAND, clusters, settings, keys(), ImageDescriptions.of(image), in.energyAxis(), false, "mean", LabelImages.colours(labels, estimate), in.axis.views()), save_model, files, summary);
			}
			else {
				phases.skip();
				phases.skip();
			}
			// last, so that without a display the estimate is the Results table a macro reads
			phases.next("Metric table and plot");
			publish(result, title);
			summary.put("command", "Estimate Number of Clusters");
			summary.put("image", image.getTitle());
			summary.put("metric", metric);
			summary.put("estimate", estimate);
			final List<Integer> candidates = new ArrayList<>();
			for (final int k : result.candidates())
				candidates.add(k);
			summary.put("candidates", candidates);
			summary.put("max_clusters", max_clusters);
			summary.put("source", source);
			if (features.decomposition() != null) SpectrumInputs.summarizeComponents(features, summary);
			summary.put("algorithm", algorithm);
			summary.put("pixels", features.pixels());
			if (analyse) summary.put("cluster_spectra", SpectrumOutputs.clusterSpectra(image, image, null));
			summary.put("seconds", seconds);
			phases.done("Estimate Number of Clusters done");
		});
	}

	/** @return the macro keys and values of the run, as a model records them */
	private Map<String, Object> keys() {
		final Map<String, Object> out = new LinkedHashMap<>();
		out.put("max_clusters", max_clusters);
		out.put("metric", metric);
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
		out.put("analyse", analyse);
		out.put("clusters", estimate);
		return out;
	}

	private void publish(final ClusterNumber.Result result, final String title) {
		final int[] ks = result.ks();
		final double[] values = result.values();
		final double[] errors = result.errors();
		final String column = column(result.metric());
		final ResultsTable perK = new ResultsTable();
		perK.showRowNumbers(false);
		for (int i = 0; i < ks.length; i++) {
			perK.incrementCounter();
			perK.addValue("k", ks[i]);
			perK.addValue(column, values[i]);
			if (result.metric() == ClusterNumber.Metric.GAP) perK.addValue("error", errors[i]);
			perK.addValue("estimate", ks[i] == estimate ? 1 : 0);
		}
		Tables.publish(perK, title + "-cluster-metric", Map.of("k", 0, "estimate", 0));
		tables.put(title + "-cluster-metric", perK);
		final ResultsTable one = new ResultsTable();
		one.showRowNumbers(false);
		one.incrementCounter();
		one.addValue("metric", result.metric().label());
		one.addValue("estimate", estimate);
		final StringBuilder list = new StringBuilder();
		for (final int k : result.candidates())
			list.append(list.length() == 0 ? "" : " ").append(k);
		one.addValue("candidates", list.toString());
		Tables.publish(one, title + "-cluster-estimate", Map.of("estimate", 0));
		tables.put(title + "-cluster-estimate", one);

		final double[] x = new double[ks.length];
		for (int i = 0; i < ks.length; i++)
			x[i] = ks[i];
		final Plot plot = new Plot(title + "-cluster-metric", "number of clusters", column);
		plot.setColor(Color.BLUE);
		plot.addPoints(x, values, Plot.CONNECTED_CIRCLES);
		if (result.metric() == ClusterNumber.Metric.GAP) plot.addErrorBars(errors);
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (final double v : values) {
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		final double pad = max > min ? 0.05 * (max - min) : 1;
		plot.setLimits(ks[0] - 0.5, ks[ks.length - 1] + 0.5, min - pad, max + pad);
		plot.setColor(new Color(0, 150, 0));
		plot.setLineWidth(2);
		plot.drawDottedLine(estimate, min - pad, estimate, max + pad, 4);
		plot.setLineWidth(1);
		plot.addLabel(0.02, 0.08, "estimate: k = " + estimate);
		metric_plot = plot.getImagePlus();
		metric_plot.setTitle(title + "-cluster-metric");
	}

	private static String column(final ClusterNumber.Metric metric) {
		switch (metric) {
			case ELBOW:
				return "log_W";
			case SILHOUETTE:
				return "silhouette";
			default:
				return "gap";
		}
	}
}
