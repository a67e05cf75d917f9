package io.github.pixelclustering.headless.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.filter.PlugInFilterRunner;
import ij.plugin.filter.RankFilters;
import ij.process.ImageProcessor;

/**
 * {@code Process > Filters > Mean..., Median..., Minimum..., Maximum..., Variance...} without a dialog:
 * ImageJ's own rank filters (their setup, their filtering) with the dialog's macro keys read directly:
 * {@code radius=} (2 by default) and {@code stack} (every slice, else the current one). The plugin
 * argument names the filter as ImageJ's does: {@code mean}, {@code median}, {@code min}, {@code max},
 * {@code variance}.
 */
public final class RankFilter extends RankFilters {

	private int flags;
	private int type;
	private double radius;

	@Override
	public int setup(final String arg, final ImagePlus imp) {
		switch (arg) {
			case "mean": type = MEAN; break;
			case "median": type = MEDIAN; break;
			case "min": type = MIN; break;
			case "max": type = MAX; break;
			case "variance": type = VARIANCE; break;
			default: break; // "final": the display range after the variance filter
		}
		flags = super.setup(arg, imp);
		return flags;
	}

	@Override
	public int showDialog(final ImagePlus imp, final String command, final PlugInFilterRunner pfr) {
		radius = DialogOptions.current(command).number("radius", 2);
		return IJ.setupDialog(imp, flags);
	}

	@Override
	public void run(final ImageProcessor ip) {
		rank(ip, radius, type);
	}
}
