package io.github.pixelclustering.headless.imagej;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.filter.GaussianBlur;
import ij.plugin.filter.PlugInFilterRunner;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

/**
 * {@code Process > Filters > Gaussian Blur...} without a dialog: ImageJ's own filter (its setup, its
 * blur) with the dialog's macro keys read directly: {@code sigma=} (2 by default; an old macro's
 * {@code radius=} is 2.5 sigma), {@code scaled} (sigma in calibrated units, when the image has them) and
 * {@code stack} (every slice, else the current one).
 */
public final class GaussianBlurFilter extends GaussianBlur {

	private int flags;
	private double sigmaX;
	private double sigmaY;

	@Override
	public int setup(final String arg, final ImagePlus imp) {
		flags = super.setup(arg, imp);
		return flags;
	}

	@Override
	public int showDialog(final ImagePlus imp, final String command, final PlugInFilterRunner pfr) {
		final DialogOptions options = DialogOptions.current(command);
		final boolean oldMacro = options.has("radius") && !options.has("sigma");
		final double sigma = Math.abs(oldMacro ? options.number("radius", 2.5 * 2) / 2.5 : options.number("sigma", 2));
		final boolean scaled = !imp.getCalibration().getUnits().equals("pixels") && options.flag("scaled");
		sigmaX = scaled ? sigma / imp.getCalibration().pixelWidth : sigma;
		sigmaY = scaled ? sigma / imp.getCalibration().pixelHeight : sigma;
		return IJ.setupDialog(imp, flags);
	}

	@Override
	public void run(final ImageProcessor ip) {
		final double accuracy = ip instanceof ByteProcessor || ip instanceof ColorProcessor ? 0.002 : 0.0002;
		blurGaussian(ip, sigmaX, sigmaY, accuracy);
	}
}
