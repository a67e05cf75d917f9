package io.github.pixelclustering.headless;

import io.github.pixelclustering.api.SliceClustering;
import io.github.pixelclustering.api.SliceClusteringModel;
import io.github.pixelclustering.api.TiledSlices;
import io.github.pixelclustering.output.OutputFiles;
import io.github.pixelclustering.output.Titles;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.scijava.app.StatusService;

/**
 * The command line's {@code apply} of a Cluster Slices model to a multi-page TIFF read page by page
 * ({@link TiledSlices}): {@code <name>-slices.csv} (slice, cluster, distance) and
 * {@code <name>-centres.tif} (the model's centre images), as the stack in memory gives them, each
 * written under a temporary name and moved into place, and one JSON line.
 */
final class TiledSlicesRun {

	private TiledSlicesRun() {}

	/** @return null when done (the JSON line printed), else one line saying why not */
	static String apply(final SliceClusteringModel model, final File modelFile, final File image, final File folder, final StatusService status, final java.io.PrintStream out) {
		final long start = System.nanoTime();
		final String base = Titles.base(image.getName());
		final File table = new File(folder, base + "-slices.csv");
		final File centres = new File(folder, base + "-centres.tif");
		final SliceClustering.Result result;
		try {
			result = CommandLine.threaded(() -> TiledSlices.apply(model, image, StatusProgress.of(status, "Labelling " + image.getName() + ": ")));
			OutputFiles.writeTiff(centresImage(model, result, base + "-centres"), centres);
			OutputFiles.writeCsv(slicesTable(result), table);
		}
		catch (final IOException e) {
			return "Cannot label " + image.getPath() + ": " + e.getMessage();
		}
		catch (final IllegalArgumentException | CancellationException e) {
			return image.getPath() + ": " + e.getMessage();
		}
		final Map<String, Object> json = TiledRun.applied(image, "pages", result.slices(), modelFile);
		json.remove("bands");
		json.put("model_command", model.command());
		json.put("clusters", result.clusters());
		json.put("slices", result.slices());
		json.put("inertia", result.inertia());
		json.put("seconds", (System.nanoTime() - start) / 1e9);
		json.put("outputs", List.of(centres.getPath(), table.getPath()));
		out.println(Json.object(json));
		return null;
	}

	/** The table of the stack in memory: slice, cluster, distance. */
	static ResultsTable slicesTable(final SliceClustering.Result result) {
		final ResultsTable table = new ResultsTable();
		table.showRowNumbers(false);
		for (int s = 0; s < result.slices(); s++) {
			table.incrementCounter();
			table.addValue("slice", s + 1);
			table.addValue("cluster", result.label(s));
			table.addValue("distance", result.distance(s));
		}
		table.setDecimalPlaces(table.getColumnIndex("slice"), 0);
		table.setDecimalPlaces(table.getColumnIndex("cluster"), 0);
		return table;
	}

	/** The centres as images: one slice a cluster (and channel), 32-bit, or RGB for an RGB model. */
	private static ImagePlus centresImage(final SliceClusteringModel model, final SliceClustering.Result result, final String title) {
		final int w = model.width(), h = model.height(), channels = model.channels();
		final ImageStack stack = new ImageStack(w, h);
		for (int c = 1; c <= result.clusters(); c++) {
			final double[] centre = result.centre(c);
			final String label = "cluster " + c + " (" + result.size(c) + (result.size(c) == 1 ? " slice)" : " slices)");
			if (model.rgb()) {
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
		final ImagePlus imp = new ImagePlus(title, stack);
		if (!model.rgb() && channels > 1) imp.setDimensions(channels, result.clusters(), 1);
		else if (!model.rgb()) imp.resetDisplayRange();
		return imp;
	}

	private static int byteOf(final double v) {
		return (int) Math.max(0, Math.min(255, Math.round(v)));
	}
}
