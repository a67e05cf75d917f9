package io.github.pixelclustering.headless.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.filter.BackgroundSubtracter;
import ij.plugin.filter.PlugInFilterRunner;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

/**
 * {@code Process > Subtract Background...} without a dialog: ImageJ's own rolling ball / sliding
 * paraboloid (its setup, its algorithm) with the dialog's macro keys read directly, with the defaults
 * ImageJ uses in a macro: {@code rolling=} (radius, 50), {@code light} (or {@code white}: light
 * background), {@code separate} (RGB: each colour on its own, else the brightness), {@code create}
 * (output the background instead), {@code sliding} (paraboloid), {@code disable} (no smoothing) and
 * {@code stack} (every slice, else the current one).
 */
public final class SubtractBackgroundFilter extends BackgroundSubtracter {

	private int flags;
	private double radius;
	private boolean light;
	private boolean separate;
	private boolean create;
	private boolean sliding;
	private boolean smooth;

	@Override
	public int setup(final String arg, final ImagePlus imp) {
		flags = super.setup(arg, imp);
		return flags;
	}

	@Override
	public int showDialog(final ImagePlus imp, final String command, final PlugInFilterRunner pfr) {
		final DialogOptions options = DialogOptions.current(command);
		radius = options.number("rolling", 50);
		if (radius <= 0.0001) throw new IllegalArgumentException(command + ": rolling= must be a radius above 0, got " + radius + ".");
		light = options.flag("light") || options.flag("white");
		separate = imp.getProcessor() instanceof ColorProcessor && options.flag("separate");
		create = options.flag("create");
		sliding = options.flag("sliding");
		smooth = !options.flag("disable");
		if (imp.getProcessor() instanceof FloatProcessor && !create) flags |= SNAPSHOT; // to subtract the background from the original
		return IJ.setupDialog(imp, flags);
	}

	@Override
	public void run(final ImageProcessor ip) {
		if (ip instanceof ColorProcessor && !separate) rollingBallBrightnessBackground((ColorProcessor) ip, radius, create, light, sliding, smooth, true);
		else rollingBallBackground(ip, radius, create, light, sliding, smooth, true);
	}
}
