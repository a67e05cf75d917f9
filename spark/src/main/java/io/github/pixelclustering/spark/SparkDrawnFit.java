package io.github.pixelclustering.spark;

import io.github.pixelclustering.headless.CommandLine;
import io.github.pixelclustering.headless.DrawnMaps;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark {@code fit} of the commands that fit on drawn pixels (Spectrum Image Cluster Analysis,
 * Estimate Number of Clusters) on a folder of ripple maps: one task per map draws its seeded sample
 * ({@code sample=} pixels, by position: the draw does not depend on the tasks), the samples are collected,
 * and the driver fits as the command line's {@code fit --tiles} does, with the same draws, so the model is
 * byte for byte the command line's.
 * <p>
 * The draws are made ahead with the numbers the maps get when none is left out; a map the fit numbers
 * otherwise (after one left out) is drawn again on the driver, so the result never depends on the guess.
 * Other images of the folder are read by the driver, as on one machine.
 */
final class SparkDrawnFit {

	private final JavaSparkContext spark;
	private final PrintStream out;
	private final PrintStream err;

	SparkDrawnFit(final JavaSparkContext spark, final PrintStream out, final PrintStream err) {
		this.spark = spark;
		this.out = out;
		this.err = err;
	}

	/** One map to draw: its path and number. */
	static final class Draw implements Serializable {

		private static final long serialVersionUID = 1L;

		final String path;
		final int number;

		Draw(final String path, final int number) {
			this.path = path;
			this.number = number;
		}
	}

	int run(final String label, final String options, final File folder) {
		final List<File> maps = new ArrayList<>();
		if (folder.isDirectory()) try {
			for (final File f : CommandLine.imageFiles(folder))
				if (f.getName().toLowerCase(Locale.ROOT).endsWith(".rpl")) maps.add(f);
		}
		catch (final IllegalArgumentException e) {
			// the fit says so
		}
		final List<DrawnMaps.Pixels> drawn = new ArrayList<>();
		final boolean[] launched = { false };
		final int[] elsewhere = { 0 };
		final DrawnMaps.Source source = (file, sample, seed, number) -> {
			if (!launched[0]) {
				launched[0] = true;
				// the first map asked for: it and the maps after it, numbered on
				final List<Draw> draws = new ArrayList<>();
				int n = number;
				for (int i = maps.indexOf(file); i >= 0 && i < maps.size(); i++)
					draws.add(new Draw(maps.get(i).getAbsolutePath(), n++));
				err.println("Drawing " + sample + " pixels of each of " + draws.size() + " ripple map(s) on Spark (" + spark.master() + ")");
				try {
					for (final DrawnMaps.Pixels p : spark.parallelize(draws, Math.max(1, draws.size())).map(d -> DrawnMaps.draw(new File(d.path), sample, seed, d.number)).collect())
						drawn.add(p);
				}
				catch (final Exception e) { // SparkException too, which Spark's Java API throws undeclared
					throw new IOException(SparkFailures.reason(e), e);
				}
			}
			for (final DrawnMaps.Pixels p : drawn)
				if (p.isDraw(file, sample, seed, number)) return DrawnMaps.image(p);
			elsewhere[0]++;
			return DrawnMaps.image(DrawnMaps.draw(file, sample, seed, number));
		};
		final int code = DrawnMaps.fit(label, options, folder, source, out, err);
		if (elsewhere[0] > 0) err.println(elsewhere[0] + " map(s) drawn again on the driver (numbered otherwise after a map left out)");
		return code;
	}
}
