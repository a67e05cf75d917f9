package io.github.pixelclustering.output;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ImageProcessor;

import java.util.ArrayList;
import java.util.List;

/** Outline selections of the clusters of a label image: one per cluster and plane. */
public final class ClusterRois {

	private ClusterRois() {}

	/**
	 * @param labels a label image with values 0..k (0 = background)
	 * @param k the largest label
	 * @return for each plane and each label 1..k present in it, the outline of its pixels, named
	 *         {@code "cluster <n>"}, stroked in the label's colour, positioned on its plane (for stacks)
	 */
	public static List<Roi> outlines(final ImagePlus labels, final int k) {
		final List<Roi> rois = new ArrayList<>();
		final int planes = labels.getStackSize();
		for (int p = 1; p <= planes; p++) {
			final ImageProcessor ip = labels.getStack().getProcessor(p);
			final boolean[] present = new boolean[k + 1];
			for (int i = 0; i < ip.getPixelCount(); i++)
				present[Math.min(k, ip.get(i))] = true;
			for (int label = 1; label <= k; label++) {
				if (!present[label]) continue;
				final ImageProcessor copy = ip.duplicate();
				copy.setThreshold(label, label, ImageProcessor.NO_LUT_UPDATE);
				final Roi roi = new ThresholdToSelection().convert(copy);
				if (roi == null) continue;
				roi.setName("cluster " + label);
				roi.setStrokeColor(LabelImages.colour(labels, label, k));
				if (planes > 1) {
					final int[] pos = labels.convertIndexToPosition(p);
					if (labels.isHyperStack()) roi.setPosition(0, pos[1], pos[2]);
					else roi.setPosition(p);
				}
				rois.add(roi);
			}
		}
		return rois;
	}
}
