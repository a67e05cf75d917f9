package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.output.ClusterRois;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.output.RoiOutput;
import io.github.pixelclustering.output.Tables;
import io.github.pixelclustering.output.Titles;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * The outputs of Colour Quantization, from a fit or from a model applied: {@code <title>-labels},
 * {@code <title>-quantized}, the table {@code <title>-clusters}, and the outlines.
 */
final class ColourQuantizationOutputs {

	/** Decimal places of the clusters table: whole numbers as such, fractions to 1e-6. */
	private static final Map<String, Integer> TABLE_DECIMALS = Tables.COUNT_DECIMALS;

	final ImagePlus labels;
	final ImagePlus quantized;

	/**
	 * Writes the outputs, one phase each: labels, quantized image, table, outlines (when asked).
	 *
	 * @param image the input image
	 * @param result the clusters
	 * @param lut colours of labels 0..k (a model's), or null for the plugin's LUT
	 * @param overlay outlines on the input's overlay
	 * @param roiManager outlines in the ROI Manager (a file without a display)
	 * @param phases the run's phases, the outputs' next
	 * @param tables receives the table by title
	 * @param files receives the files written
	 */
	ColourQuantizationOutputs(final ImagePlus image, final ColourQuantizationResult result, final int[] lut, final boolean overlay, final boolean roiManager, final Phases phases, final Map<String, ResultsTable> tables, final List<File> files) {
		this(image, result, null, lut, overlay, roiManager, phases, tables, files);
	}

	/**
	 * As above, with the label image already written (by the model's apply, in its pass).
	 *
	 * @param written the label image of {@link #newLabels}, its labels written; null to write them here
	 */
	ColourQuantizationOutputs(final ImagePlus image, final ColourQuantizationResult result, final ImagePlus written, final int[] lut, final boolean overlay, final boolean roiManager, final Phases phases, final Map<String, ResultsTable> tables, final List<File> files) {
		final boolean rgb = image.getType() == ImagePlus.COLOR_RGB;
		final int k = result.clusters();
		final String title = Titles.base(image.getTitle());
		final ProgressListener labelling = new PartialProgress(phases.next("Labelling pixels"), 0, 1, "Labelling pixels");
		labels = written != null ? written : newLabels(image, k);
		if (written == null) result.writeLabels(ImagePlusImgs.integers(labels), labelling);
		if (lut == null) LabelImages.configure(labels, image, k);
		else LabelImages.configure(labels, image, k, lut);
		final ProgressListener writing = new PartialProgress(phases.next("Writing the quantized image"), 0, 1, "Quantized image");
		quantized = ImagePlusImgs.copy(image, title + "-quantized");
		if (rgb) result.writeQuantized(ImagePlusImgs.rgb(quantized), writing);
		else result.writeQuantizedChannels(ImagePlusImgs.channels(quantized), writing);
		phases.next("Table of clusters");
		final ResultsTable table = table(result);
		Tables.publish(table, title + "-clusters", TABLE_DECIMALS);
		tables.put(title + "-clusters", table);
		if (overlay || roiManager) {
			phases.next("Outlines of " + k + " clusters");
			final List<Roi> rois = ClusterRois.outlines(labels, k);
			if (overlay) RoiOutput.addToOverlay(image, rois);
			if (roiManager) {
				final File file = RoiOutput.toRoiManager(rois, title);
				if (file != null) files.add(file);
			}
		}
	}

	/** @return the empty label image of {@code k} clusters for the image, {@code <title>-labels} */
	static ImagePlus newLabels(final ImagePlus image, final int k) {
		return ImagePlusImgs.newPlanes(Titles.base(image.getTitle()) + "-labels", image, LabelImages.bitDepthFor(k));
	}

	/** @return the weights of the output phases, after the engine's: labels, quantized, table, outlines */
	static double[] phaseWeights(final boolean outlines) {
		return new double[] { 1.5, 2, 0.1, outlines ? 3 : 0 };
	}

	private static ResultsTable table(final ColourQuantizationResult result) {
		return Tables.of(result.clustersTable(), TABLE_DECIMALS);
	}
}
