package io.github.pixelclustering.headless.imagej;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.WindowManager;
import ij.gui.Roi;
import ij.gui.Toolbar;
import ij.measure.Calibration;
import ij.plugin.PlugIn;
import ij.process.ImageProcessor;
import ij.process.StackProcessor;
import ij.util.Tools;

import java.awt.Color;
import java.awt.Rectangle;

/**
 * {@code Image > Scale...} without a dialog, in x and y: the dialog's macro keys read as ImageJ's Scale
 * reads them in a macro ({@code x=} and {@code y=} scale factors, 0.5 by default, or {@code width=} and
 * {@code height=} in pixels; {@code interpolation=None|Bilinear|Bicubic}, None unless given or
 * {@code interpolate}; {@code average} when downsizing; {@code fill} with the background colour;
 * {@code process} every slice of a stack; {@code create} a new image titled {@code title=}), then
 * ImageJ's own resizing: a new image, or the image scaled in place on its canvas. Scaling in z
 * ({@code z=}, {@code depth=} other than the stack's) is not available without a display.
 */
public final class ScaleCommand implements PlugIn {

	/** The command's menu label. */
	static final String COMMAND = "Scale...";

	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) throw new IllegalArgumentException(COMMAND + " needs an image: there are no images open.");
		String given = Macro.getOptions() == null ? "" : Macro.getOptions();
		if (given.contains(" interpolate")) given = given.replaceAll(" interpolate", " interpolation=Bilinear");
		else if (!given.contains(" interpolation=") && !given.startsWith("interpolation=")) given = given + " interpolation=None";
		final DialogOptions options = new DialogOptions(COMMAND, given);
		final ImageProcessor ip = imp.getProcessor();
		final Roi selection = imp.getRoi();
		if (selection != null && !selection.isArea()) ip.resetRoi();
		final Rectangle r = ip.getRoi();
		final boolean sizeGiven = given.contains("width=") && given.contains(" height=");
		final String defaultScale = sizeGiven ? "-" : "0.5";

		int width = r.width;
		int height = (int) Math.round((double) width * r.height / r.width);
		if (!sizeGiven) {
			width = (int) Math.round(r.width * 0.5);
			height = (int) Math.round(r.height * 0.5);
		}
		double xscale = Tools.parseDouble(options.text("x", defaultScale), 0);
		double yscale = Tools.parseDouble(options.text("y", defaultScale), 0);
		final boolean stack = imp.getStackSize() > 1;
		final int oldDepth = !imp.isHyperStack() ? imp.getStackSize() : imp.getNSlices() == 1 && imp.getNFrames() > 1 ? imp.getNFrames() : imp.getNSlices();
		final double zscale = stack ? Tools.parseDouble(options.text("z", sizeGiven && given.contains(" depth=") ? "-" : "1.0"), 0) : 1;
		final String widthText = options.text("width", "" + width);
		int newWidth = (int) Math.round(Tools.parseDouble(widthText, 0));
		int newHeight = (int) Math.round(Tools.parseDouble(options.text("height", "" + height), 0));
		if (newHeight != 0 && (widthText.equals("-") || widthText.equals("0"))) newWidth = (int) Math.round(newHeight * (double) r.width / r.height);
		else if (newWidth != 0 && newHeight == 0) newHeight = (int) Math.round(newWidth * (double) r.height / r.width);
		else if (newHeight != 0 && newWidth == 0) newWidth = (int) Math.round(newHeight * (double) r.width / r.height);
		if (newWidth == 0 || newHeight == 0) throw new IllegalArgumentException(COMMAND + ": width or height is 0.");
		if (xscale > 0 && yscale > 0) {
			newWidth = (int) Math.round(r.width * xscale);
			newHeight = (int) Math.round(r.height * yscale);
		}
		if (stack) {
			int newDepth = (int) Math.round(Tools.parseDouble(options.text("depth", "" + oldDepth), 0));
			if (zscale > 0) newDepth = (int) Math.round(oldDepth * zscale);
			if (newDepth > 0 && newDepth != oldDepth) throw new IllegalArgumentException(COMMAND + ": scaling in z (depth " + oldDepth + " to " + newDepth + ") opens ImageJ's own Scale dialog, which needs a display: scale in x and y only here.");
		}
		final String[] methods = ImageProcessor.getInterpolationMethods();
		final String interpolation = options.choice("interpolation", methods[ImageProcessor.BILINEAR], methods);
		int method = 0;
		while (!methods[method].equals(interpolation))
			method++;
		final int bitDepth = imp.getBitDepth();
		final boolean fill = (bitDepth == 8 || bitDepth == 24) && options.flag("fill");
		final boolean average = options.flag("average");
		final boolean hyperstack = imp.isHyperStack() || imp.isComposite();
		final boolean process = stack && (hyperstack || options.flag("process"));
		final boolean create = options.flag("create");
		if (xscale == 0) {
			xscale = (double) newWidth / r.width;
			yscale = (double) newHeight / r.height;
		}
		final String title = options.text("title", WindowManager.getUniqueName(imp.getTitle()));
		double background = 0;
		if (fill) {
			final Color colour = Toolbar.getBackgroundColor();
			background = bitDepth == 8 ? ip.getBestIndex(colour) : colour.getRGB();
		}

		ip.setInterpolationMethod(ip.getWidth() > 1 && ip.getHeight() > 1 || create ? method : ImageProcessor.NONE);
		ip.setBackgroundValue(background);
		if (create) {
			final ImagePlus scaled = process ? newStack(imp, r, newWidth, newHeight, method, average, title) : newImage(imp, ip, newWidth, newHeight, average, title);
			calibrate(scaled.getCalibration(), xscale, yscale);
			scaled.show();
			scaled.changes = true;
		}
		else {
			if (process) new StackProcessor(imp.getStack(), ip).scale(xscale, yscale, background);
			else {
				ip.snapshot();
				ip.setSnapshotCopyMode(true);
				ip.scale(xscale, yscale);
				ip.setSnapshotCopyMode(false);
			}
			imp.deleteRoi();
			imp.updateAndDraw();
			imp.changes = true;
		}
	}

	/** The current slice (its selection's bounds), resized, as a new image. */
	private static ImagePlus newImage(final ImagePlus imp, final ImageProcessor ip, final int width, final int height, final boolean average, final String title) {
		final ImagePlus scaled = imp.createImagePlus();
		scaled.setProcessor(title, ip.resize(width, height, average));
		return scaled;
	}

	/** Every slice (its selection's bounds), resized, as a new stack with the input's dimensions. */
	private static ImagePlus newStack(final ImagePlus imp, final Rectangle r, final int width, final int height, final int method, final boolean average, final String title) {
		final ImageStack in = imp.getStack();
		final ImageStack out = new ImageStack(width, height);
		final boolean crop = r.width != imp.getWidth() || r.height != imp.getHeight();
		for (int i = 1; i <= in.getSize(); i++) {
			ImageProcessor slice = in.getProcessor(i);
			if (crop) {
				slice.setRoi(r);
				slice = slice.crop();
			}
			slice.setInterpolationMethod(imp.getWidth() == 1 || imp.getHeight() == 1 ? ImageProcessor.NONE : method);
			out.addSlice(in.getSliceLabel(i), slice.resize(width, height, average));
		}
		ImagePlus scaled = imp.createImagePlus();
		scaled.setStack(title, out);
		scaled.setDimensions(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
		if (imp.isComposite()) {
			scaled = new CompositeImage(scaled, ((CompositeImage) imp).getMode());
			((CompositeImage) scaled).copyLuts(imp);
		}
		if (imp.isHyperStack()) scaled.setOpenAsHyperStack(true);
		return scaled;
	}

	private static void calibrate(final Calibration cal, final double xscale, final double yscale) {
		if (cal.scaled()) {
			cal.pixelWidth *= 1.0 / xscale;
			cal.pixelHeight *= 1.0 / yscale;
		}
		cal.xOrigin *= xscale;
		cal.yOrigin *= yscale;
	}
}
