package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.adapters.SampleLayout;
import io.github.pixelclustering.api.PixelAgglomerationResult;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.output.ClusterRois;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.output.RoiOutput;
import io.github.pixelclustering.output.Tables;
import io.github.pixelclustering.output.Titles;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * The outputs of Pixel Agglomeration, from a fit or from a model applied: {@code <title>-labels},
 * {@code <title>-agglomerated}, {@code <title>-reduced}, the table {@code <title>-clusters}, and the
 * outlines.
 */
final class PixelAgglomerationOutputs {

	/** Decimal places of the clusters table. */
	private static final Map<String, Integer> TABLE_DECIMALS = Map.of("label", 0, "pixels", 0, "fraction", 6);

	final ImagePlus labels;
	final ImagePlus agglomerated;
	final ImagePlus reduced;

	/**
	 * Writes the outputs, one phase each: labels, agglomerated image, reduced image and table, outlines
	 * (when asked).
	 *
	 * @param image the input image
	 * @param layout its space and samples
	 * @param result the clusters
	 * @param lut colours of labels 0..k (a model's), or null for the plugin's LUT
	 * @param overlay outlines on the input's overlay
	 * @param roiManager outlines in the ROI Manager (a file without a display)
	 * @param phases the run's phases, the outputs' next
	 * @param tables receives the table by title
	 * @param files receives the files written
	 */
	PixelAgglomerationOutputs(final ImagePlus image, final SampleLayout layout, final PixelAgglomerationResult result, final int[] lut, final boolean overlay, final boolean roiManager, final Phases phases, final Map<String, ResultsTable> tables, final List<File> files) {
		final String title = Titles.base(image.getTitle());
		final int[] space = layout.spaceDimensions();
		final int found = result.clusters();
		phases.next("Labelling pixels");
		labels = ImagePlusImgs.newStack(title + "-labels", space[0], space[1], space.length == 3 ? space[2] : 1, LabelImages.bitDepthFor(found));
		result.writeLabels(ImagePlusImgs.integers(labels));
		if (lut == null) LabelImages.configure(labels, image, found);
		else LabelImages.configure(labels, image, found, lut);
		phases.next("Writing the agglomerated image");
		if (layout.isRgb()) {
			agglomerated = ImagePlusImgs.copy(image, title + "-agglomerated");
			result.writeAgglomeratedRgb(layout.rgbSpace(agglomerated));
		}
		else {
			agglomerated = ImagePlusImgs.floatCopy(image, title + "-agglomerated");
			result.writeAgglomerated(layout.views(agglomerated));
			resetDisplayRanges(agglomerated);
		}
		phases.next("Reduced image and table of clusters");
		reduced = reducedImage(result, title + "-reduced");
		final ResultsTable table = table(result, image.getCalibration());
		Tables.publish(table, title + "-clusters", TABLE_DECIMALS);
		tables.put(title + "-clusters", table);
		if (overlay || roiManager) {
			phases.next("Outlines of " + found + " clusters");
			outlines(image, title, found, overlay, roiManager, files);
		}
		else phases.skip();
	}

	/** @return the weights of the output phases, after the engine's: labels, agglomerated, reduced and table, outlines */
	static double[] phaseWeights(final boolean outlines) {
		return new double[] { 1, 1, 1, outlines ? 3 : 0 };
	}

	// -- Helper methods --

	private static void resetDisplayRanges(final ImagePlus imp) {
		if (imp.isComposite()) {
			final CompositeImage composite = (CompositeImage) imp;
			for (int c = 1; c <= imp.getNChannels(); c++) {
				composite.setC(c);
				composite.resetDisplayRange();
			}
			composite.setC(1);
		}
		else imp.resetDisplayRange();
	}

	private static ImagePlus reducedImage(final PixelAgglomerationResult result, final String title) {
		final int k = result.clusters();
		final int d = result.samples();
		final FloatProcessor fp = new FloatProcessor(k, d);
		for (int s = 0; s < d; s++)
			for (int c = 1; c <= k; c++)
				fp.setf(c - 1, s, (float) result.reduced(c, s));
		fp.resetMinAndMax();
		return new ImagePlus(title, fp);
	}

	private static ResultsTable table(final PixelAgglomerationResult result, final Calibration cal) {
		final ResultsTable table = new ResultsTable();
		table.showRowNumbers(false);
		final double[] centroids = result.centroids();
		final int nd = result.dimensions().length;
		for (int c = 1; c <= result.clusters(); c++) {
			table.incrementCounter();
			table.addValue("label", c);
			table.addValue("pixels", result.size(c));
			table.addValue("fraction", (double) result.size(c) / result.pixels());
			final int o = (c - 1) * nd;
			table.addValue("x", cal.getX(centroids[o]));
			table.addValue("y", cal.getY(centroids[o + 1]));
			if (nd == 3) table.addValue("z", cal.getZ(centroids[o + 2]));
		}
		return table;
	}

	private void outlines(final ImagePlus image, final String title, final int found, final boolean overlay, final boolean roiManager, final List<File> files) {
		final List<Roi> rois = ClusterRois.outlines(labels, found);
		if (labels.getStackSize() > 1 && image.isHyperStack()) {
			// label slices are the input's z positions; show each outline on every channel and frame
			for (final Roi roi : rois)
				roi.setPosition(0, roi.getPosition(), 0);
		}
		if (overlay) RoiOutput.addToOverlay(image, rois);
		if (roiManager) {
			final File file = RoiOutput.toRoiManager(rois, title);
			if (file != null) files.add(file);
		}
	}
}
