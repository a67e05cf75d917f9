package io.github.pixelclustering.headless;

import io.github.pixelclustering.api.PixelAgglomerationModel;
import io.github.pixelclustering.api.TiledProfiles;
import io.github.pixelclustering.output.OutputFiles;
import io.github.pixelclustering.output.Titles;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.scijava.app.StatusService;

/**
 * The command line's {@code apply} of a Pixel Agglomeration profile model to a multi-page TIFF stack read a
 * block of rows at a time across its pages ({@link TiledProfiles}): {@code <name>-labels.tif} (a tiled,
 * compressed BigTIFF), {@code <name>-reduced.tif} (k x samples, the clusters' mean profiles) and
 * {@code <name>-clusters.csv} (label, pixels, fraction, centroid x and y in pixels), each written under a
 * temporary name and moved into place, and one JSON line. No agglomerated stack (it is as large as the
 * input) and no outlines.
 */
final class TiledProfilesRun {

	private TiledProfilesRun() {}

	/** @return null when done (the JSON line printed), else one line saying why not */
	static String apply(final PixelAgglomerationModel model, final File modelFile, final File image, final File folder, final StatusService status, final PrintStream out) {
		final long start = System.nanoTime();
		final String base = Titles.base(image.getName());
		final File labels = new File(folder, base + "-labels.tif");
		final File reduced = new File(folder, base + "-reduced.tif");
		final File table = new File(folder, base + "-clusters.csv");
		final TiledProfiles.Result result;
		try {
			result = CommandLine.threaded(() -> TiledProfiles.apply(model, image, labels, StatusProgress.of(status, "Labelling " + image.getName() + ": ")));
			OutputFiles.writeTiff(reducedImage(model, result, base + "-reduced"), reduced);
			OutputFiles.writeCsv(clustersTable(result), table);
		}
		catch (final IOException e) {
			return "Cannot label " + image.getPath() + ": " + e.getMessage();
		}
		catch (final IllegalArgumentException | CancellationException e) {
			return image.getPath() + ": " + e.getMessage();
		}
		final Map<String, Object> json = TiledRun.applied(image, "pages", result.blocks(), modelFile);
		json.remove("bands");
		json.put("blocks", result.blocks());
		json.put("model_command", model.command());
		json.put("clusters", result.clusters());
		json.put("samples", result.samples());
		json.put("pixels", result.pixels());
		json.put("seconds", (System.nanoTime() - start) / 1e9);
		json.put("outputs", List.of(labels.getPath(), reduced.getPath(), table.getPath()));
		out.println(Json.object(json));
		return null;
	}

	/** As the stack in memory gives it: one column a cluster, one row a sample; with scaling, mean x sqrt(size). */
	private static ImagePlus reducedImage(final PixelAgglomerationModel model, final TiledProfiles.Result result, final String title) {
		final int k = result.clusters(), d = result.samples();
		final FloatProcessor fp = new FloatProcessor(k, d);
		for (int s = 0; s < d; s++)
			for (int c = 1; c <= k; c++) {
				final double mean = result.mean(c, s);
				fp.setf(c - 1, s, (float) (model.scaling() ? mean * Math.sqrt(result.size(c)) : mean));
			}
		fp.resetMinAndMax();
		return new ImagePlus(title, fp);
	}

	private static ResultsTable clustersTable(final TiledProfiles.Result result) {
		final ResultsTable table = new ResultsTable();
		table.showRowNumbers(false);
		for (int c = 1; c <= result.clusters(); c++) {
			table.incrementCounter();
			table.addValue("label", c);
			table.addValue("pixels", result.size(c));
			table.addValue("fraction", (double) result.size(c) / result.pixels());
			table.addValue("x", result.centroid(c, 0));
			table.addValue("y", result.centroid(c, 1));
		}
		table.setDecimalPlaces(table.getColumnIndex("label"), 0);
		table.setDecimalPlaces(table.getColumnIndex("pixels"), 0);
		table.setDecimalPlaces(table.getColumnIndex("fraction"), 6);
		return table;
	}
}
