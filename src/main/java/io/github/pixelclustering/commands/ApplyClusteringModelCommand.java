package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.adapters.RoiMasks;
import io.github.pixelclustering.adapters.SampleLayout;
import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.PixelAgglomerationModel;
import io.github.pixelclustering.api.PixelAgglomerationResult;
import io.github.pixelclustering.api.SliceClustering;
import io.github.pixelclustering.api.SliceClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringResult;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.output.RunSummary;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.img.array.ArrayImgs;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > Pixel Clustering > Apply Clustering Model}: labels an image with a model saved by a
 * clustering command ({@code save_model}), giving the outputs that command gives, with the model's label
 * numbering, LUT, palette and table columns. Applied to the image the model was fitted on, the labels are
 * the fit's. The input's pixels are never modified.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Pixel Clustering>Apply Clustering Model", headless = true)
public class ApplyClusteringModelCommand extends ContextCommand implements RunSummary {

	// -- Messages --

	/** No image. */
	public static final String NO_IMAGE = "Apply Clustering Model needs an open image.";
	/** No model file given. */
	public static final String NO_MODEL = "Apply Clustering Model needs a model file (model=[path], saved by a command's save_model).";
	/** Stopped by the user. */
	public static final String CANCELED = "Apply Clustering Model was canceled.";

	// -- Parameters --

	@Parameter(label = "Image", description = "The image to label.")
	private ImagePlus image;

	@Parameter(label = "Model file", style = "open,extensions:json", required = false, description = "A model saved by a clustering command's save_model.")
	private File model;

	@Parameter(label = "Add outlines to the overlay", description = "One outline selection per cluster on the input image.")
	private boolean overlay = false;

	@Parameter(label = "Add outlines to the ROI Manager", description = "Without a display, saved as <title>-rois.zip instead.")
	private boolean roi_manager = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Labels")
	private ImagePlus labels;

	@Parameter(type = ItemIO.OUTPUT, label = "Quantized", required = false)
	private ImagePlus quantized;

	@Parameter(type = ItemIO.OUTPUT, label = "Agglomerated", required = false)
	private ImagePlus agglomerated;

	@Parameter(type = ItemIO.OUTPUT, label = "Reduced", required = false)
	private ImagePlus reduced;

	@Parameter(type = ItemIO.OUTPUT, label = "Centres", required = false)
	private ImagePlus centres;

	@Parameter(type = ItemIO.OUTPUT, label = "Ordered by cluster", required = false)
	private ImagePlus ordered;
	@Parameter(type = ItemIO.OUTPUT, label = "Distances", required = false)
	private ImagePlus distances;

	@Parameter(type = ItemIO.OUTPUT, label = "Cluster spectra", required = false)
	private ImagePlus spectra;

	@Parameter(required = false)
	private StatusService status;

	// -- Fields --

	/** The summary's {@code assignment} of a Pixel Agglomeration model, by its kind. */
	private static final Map<String, String> AGGLOMERATION_ASSIGNMENT = Map.of(PixelAgglomerationModel.NEAREST_CENTRE, "nearest centre (k-means predict)", PixelAgglomerationModel.COARSE_THEN_FINE, "nearest coarse then fine centre (hkmeans)", PixelAgglomerationModel.PARCELLATION, "the model's parcellation");

	private final Map<String, Object> summary = new LinkedHashMap<>();
	private final Map<String, ResultsTable> tables = new LinkedHashMap<>();
	private final List<File> files = new ArrayList<>();

	// -- Command methods --

	@Override
	public void run() {
		if (image == null) {
			cancel(NO_IMAGE);
			return;
		}
		if (model == null || model.getPath().trim().isEmpty()) {
			cancel(NO_MODEL);
			return;
		}
		final CommandProgress progress = new CommandProgress(status);
		progress.guard(this, CANCELED, () -> {
			final long start = System.nanoTime();
			final ClusteringModel fitted = LastModel.read(model);
			fitted.requireFits(ImageDescriptions.of(image));
			summary.put("command", "Apply Clustering Model");
			summary.put("image", image.getTitle());
			summary.put("model", model.getPath());
			summary.put("model_command", fitted.command());
			summary.put("method", fitted.method());
			summary.put("clusters", fitted.clusters());
			if (fitted instanceof ColourQuantizationModel) applyColours((ColourQuantizationModel) fitted, progress);
			else if (fitted instanceof PixelAgglomerationModel) applyAgglomeration((PixelAgglomerationModel) fitted, progress);
			else if (fitted instanceof SliceClusteringModel) applySlices((SliceClusteringModel) fitted, progress);
			else if (fitted instanceof SpectrumClusteringModel) applySpectra((SpectrumClusteringModel) fitted, progress);
			else throw new IllegalArgumentException(String.format(ClusteringModel.UNKNOWN_COMMAND, model.getPath(), fitted.command()));
			summary.put("seconds", (System.nanoTime() - start) / 1e9);
		});
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

	private void applyColours(final ColourQuantizationModel colours, final CommandProgress progress) {
		final Phases phases = progress.phases(1, ColourQuantizationOutputs.phaseWeights(overlay || roi_manager));
		final ProgressListener engine = phases.next("Applying the model");
		// RGB: the labels are written in the model's pass over the pixels
		final ImagePlus written = colours.rgb() ? ColourQuantizationOutputs.newLabels(image, colours.clusters()) : null;
		final ColourQuantizationResult result = colours.rgb() ? colours.apply(ImagePlusImgs.rgb(image), RoiMasks.of(image), ImagePlusImgs.integers(written), engine) : colours.applyChannels(ImagePlusImgs.channels(image), RoiMasks.of(image), engine);
		final ColourQuantizationOutputs outputs = new ColourQuantizationOutputs(image, result, written, colours.lut(), overlay, roi_manager, phases, tables, files);
		labels = outputs.labels;
		quantized = outputs.quantized;
		summary.put("assignment", "nearest centre (k-means predict)");
		summary.put("pixels", result.pixels());
		summary.put("inertia_per_pixel", result.inertiaPerPixel());
		phases.done("Apply Clustering Model done");
	}

	private void applyAgglomeration(final PixelAgglomerationModel parcels, final CommandProgress progress) {
		final SampleLayout layout = SampleLayout.of(image, parcels.sampleAxis(), parcels.is3D() ? "3D" : "2D");
		// phases: the model, the outputs, the summary (a pass over the profiles)
		final Phases phases = progress.phases(2, PixelAgglomerationOutputs.phaseWeights(overlay || roi_manager), 0.5);
		final PixelAgglomerationResult result = parcels.apply(layout.views(), PixelAgglomerationCommand.spaceMask(image, MaskImages.NONE, layout), phases.next("Applying the model"));
		final PixelAgglomerationOutputs out = new PixelAgglomerationOutputs(image, layout, result, parcels.lut(), overlay, roi_manager, phases, tables, files);
		labels = out.labels;
		agglomerated = out.agglomerated;
		reduced = out.reduced;
		phases.next("Summary: the Ward objective");
		summary.put("assignment", AGGLOMERATION_ASSIGNMENT.get(parcels.assignment()));
		summary.put("sample_axis", layout.axis().label());
		summary.put("samples", result.samples());
		summary.put("pixels", result.pixels());
		final double objective = result.objective();
		final double total = result.totalSumOfSquares();
		summary.put("ward_objective", objective);
		summary.put("objective_fraction", total > 0 ? objective / total : 0.0);
		phases.done("Apply Clustering Model done");
	}

	private void applySlices(final SliceClusteringModel slices, final CommandProgress progress) {
		// the outputs of the fit: the stack ordered by cluster when the fit made one
		final boolean reorder = Boolean.TRUE.equals(slices.settings().get("reorder"));
		final Phases phases = progress.phases(1, ClusterSlicesOutputs.phaseWeights(reorder));
		final SliceClustering.Result result = slices.apply(ClusterSlicesCommand.slices(image), phases.next("Applying the model"));
		final ClusterSlicesOutputs out = new ClusterSlicesOutputs(image, result, image.getNFrames() > 1, reorder, phases, tables);
		centres = out.centres;
		ordered = out.ordered;
		summary.put("assignment", "nearest centre (k-means predict)");
		summary.put("slices", result.slices());
		summary.put("inertia", result.inertia());
		phases.done("Apply Clustering Model done");
	}

	/**
	 * A spectrum model: the outputs of Spectrum Image Cluster Analysis (labels, distance maps, the
	 * clusters and cluster-spectra tables, the spectra plot), on the image's energy axis (the model's when
	 * the image has no energy calibration); the selection, if any, is the pixels labelled.
	 */
	private void applySpectra(final SpectrumClusteringModel spectrum, final CommandProgress progress) {
		final SpectrumAxis own = SpectrumAxis.of(image, 0, 0, "keV");
		final SpectrumClusteringModel.EnergyAxis chosen = spectrum.requireAxis(SpectrumInputs.energyAxis(own));
		final boolean modelAxis = chosen.calibrated() && SpectrumAxis.CHANNEL_UNIT.equals(own.unit());
		final SpectrumAxis axis = modelAxis ? SpectrumAxis.of(image, chosen.offset(), chosen.scale(), chosen.unit()) : own;
		final int w = image.getWidth(), h = image.getHeight(), k = spectrum.clusters();
		final boolean[] inside = MaskImages.inside(image, MaskImages.NONE, w, h, 1);
		final Phases phases = progress.phases(1, 0.1, overlay || roi_manager ? 0.1 : 0);
		final SpectrumClusteringResult result = spectrum.apply(axis.views(), inside == null ? null : ArrayImgs.booleans(inside, w, h), phases.next("Applying the model"));
		phases.next("Label image, distance maps, spectra");
		final SpectrumOutputs out = new SpectrumOutputs();
		out.publish(result, image, axis, spectrum.modelSpectra() ? null : axis, spectrum.channelRange(), spectrum.plotted(), false, 0, tables, spectrum.lut());
		labels = out.labels;
		distances = out.distances;
		spectra = out.spectraPlot;
		if (overlay || roi_manager) {
			phases.next("Outlines of " + k + " clusters");
			SpectrumOutputs.outlines(image, labels, k, overlay, roi_manager, files);
		}
		summary.put("assignment", result.trainingMap() ? "the fit's labels (this is the model's training map)" : spectrum.assignment());
		summary.put("cluster_spectra", SpectrumOutputs.clusterSpectra(spectrum.modelSpectra() ? null : image, image, result));
		summary.put("energy_axis", modelAxis ? "the model's (the image has no energy calibration)" : axis.axisName());
		summary.put("pixels", result.features().pixels());
		final List<Integer> sizes = new ArrayList<>();
		for (final int s : result.fit().sizes())
			sizes.add(s);
		summary.put("sizes", sizes);
		summary.put("inertia", result.fit().inertia());
		phases.done("Apply Clustering Model done");
	}
}
