package io.github.pixelclustering.commands;

import io.github.pixelclustering.api.SliceClustering;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.output.Tables;
import io.github.pixelclustering.output.Titles;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

import java.util.Arrays;
import java.util.Map;

/**
 * The outputs of Cluster Slices, from a fit or from a model applied: {@code <title>-centres}, optionally
 * {@code <title>-by-cluster}, and the table {@code <title>-slices}.
 */
final class ClusterSlicesOutputs {

	/** Decimal places of the slices table. */
	private static final Map<String, Integer> TABLE_DECIMALS = Map.of("slice", 0, "cluster", 0);

	final ImagePlus centres;
	final ImagePlus ordered;
	private final ImagePlus image;

	/**
	 * Writes the outputs, one phase each: centres, ordered stack (when asked), table.
	 *
	 * @param image the input stack
	 * @param result the clusters of its slices
	 * @param frames whether the samples are its frames (else its slices)
	 * @param reorder whether to make the stack ordered by cluster
	 * @param phases the run's phases, the outputs' next
	 * @param tables receives the table by title
	 */
	ClusterSlicesOutputs(final ImagePlus image, final SliceClustering.Result result, final boolean frames, final boolean reorder, final Phases phases, final Map<String, ResultsTable> tables) {
		this.image = image;
		final String title = Titles.base(image.getTitle());
		phases.next("Cluster centre images");
		centres = centresImage(result, title + "-centres");
		if (reorder) {
			phases.next("Slices ordered by cluster");
			ordered = orderedStack(result, frames, title + "-by-cluster");
		}
		else {
			phases.skip();
			ordered = null;
		}
		phases.next("Table of slices");
		final ResultsTable table = new ResultsTable();
		table.showRowNumbers(false);
		for (int s = 0; s < result.slices(); s++) {
			table.incrementCounter();
			table.addValue("slice", s + 1);
			table.addValue("cluster", result.label(s));
			table.addValue("distance", result.distance(s));
		}
		Tables.publish(table, title + "-slices", TABLE_DECIMALS);
		tables.put(title + "-slices", table);
	}

	/** @return the weights of the output phases, after the engine's: centres, ordered stack, table */
	static double[] phaseWeights(final boolean reorder) {
		return new double[] { 0.5, reorder ? 0.5 : 0, 0.1 };
	}

	// -- Helper methods --

	private ImagePlus centresImage(final SliceClustering.Result result, final String title) {
		final int w = image.getWidth();
		final int h = image.getHeight();
		final boolean rgb = image.getType() == ImagePlus.COLOR_RGB;
		final int channels = rgb ? 3 : image.getNChannels();
		final ImageStack stack = new ImageStack(w, h);
		for (int c = 1; c <= result.clusters(); c++) {
			final double[] centre = result.centre(c);
			final String label = "cluster " + c + " (" + result.size(c) + (result.size(c) == 1 ? " slice)" : " slices)");
			if (rgb) {
				final int[] pixels = new int[w * h];
				for (int p = 0; p < w * h; p++)
					pixels[p] = 0xff000000 | byteOf(centre[3 * p]) << 16 | byteOf(centre[3 * p + 1]) << 8 | byteOf(centre[3 * p + 2]);
				stack.addSlice(label, new ColorProcessor(w, h, pixels));
				continue;
			}
			for (int ch = 0; ch < channels; ch++) {
				final float[] pixels = new float[w * h];
				for (int p = 0; p < w * h; p++)
					pixels[p] = (float) centre[p * channels + ch];
				stack.addSlice(label, new FloatProcessor(w, h, pixels));
			}
		}
		ImagePlus imp = new ImagePlus(title, stack);
		if (!rgb && channels > 1) {
			imp.setDimensions(channels, result.clusters(), 1);
			imp = new CompositeImage(imp, image.isComposite() ? ((CompositeImage) image).getMode() : CompositeImage.COLOR);
		}
		else if (!rgb) {
			imp.getProcessor().setColorModel(image.getProcessor().getColorModel());
			imp.resetDisplayRange();
		}
		imp.setCalibration(image.getCalibration().copy());
		imp.getCalibration().disableDensityCalibration();
		return imp;
	}

	private ImagePlus orderedStack(final SliceClustering.Result result, final boolean frames, final String title) {
		final Integer[] order = new Integer[result.slices()];
		for (int s = 0; s < order.length; s++)
			order[s] = s;
		Arrays.sort(order, (a, b) -> result.label(a) != result.label(b) ? Integer.compare(result.label(a), result.label(b)) : result.distance(a) != result.distance(b) ? Double.compare(result.distance(a), result.distance(b)) : Integer.compare(a, b));
		final ImageStack source = image.getStack();
		final ImageStack stack = new ImageStack(image.getWidth(), image.getHeight());
		for (final int s : order)
			for (int c = 1; c <= image.getNChannels(); c++) {
				final int index = image.getStackIndex(c, frames ? 1 : s + 1, frames ? s + 1 : 1);
				stack.addSlice("cluster " + result.label(s) + ": " + (frames ? "frame " : "slice ") + (s + 1), source.getProcessor(index).duplicate());
			}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(image.getNChannels(), frames ? 1 : order.length, frames ? order.length : 1);
		if (image.isComposite()) imp = new CompositeImage(imp, ((CompositeImage) image).getMode());
		imp.setCalibration(image.getCalibration().copy());
		return imp;
	}

	private static int byteOf(final double v) {
		return (int) Math.max(0, Math.min(255, Math.round(v)));
	}
}
