package io.github.pixelclustering.spark;

import io.github.pixelclustering.api.ColourBands;
import io.github.pixelclustering.api.ColourCounts;
import io.github.pixelclustering.api.ColourHistogram;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.ImageDescription;
import io.github.pixelclustering.api.TiledColour;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.headless.ColourFitOptions;
import io.github.pixelclustering.headless.CommandLine;
import io.github.pixelclustering.io.TiffCheck;
import io.github.pixelclustering.io.TiledTiff;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.parallel.Parallelization;

import org.apache.spark.api.java.JavaSparkContext;

import com.google.gson.Gson;

/**
 * The Spark {@code fit} job: the exact Colour Quantization fit of a big RGB TIFF (one task per band of
 * tiles) or of the RGB images of a folder (one task per band of each TIFF, one per other image, which the
 * task opens whole as ImageJ does). Each task counts its part's distinct colours
 * ({@link ColourBands#count}, {@link ColourFitOptions#colours}); the counts are merged, and the driver
 * fits the model on them with the one-machine engine. The model is byte for byte the one of the command line's
 * {@code fit --tiles} on the same input and options.
 * <p>
 * Inputs and outputs are files every executor and the driver can read (a shared file system): the
 * tasks read the bands themselves, only the colour counts travel.
 */
final class SparkFit {

	/** No RGB TIFF: the input. */
	static final String NO_RGB = "%s holds no RGB TIFF image to fit Colour Quantization on.";

	private final JavaSparkContext spark;
	private final PrintStream out;
	private final PrintStream err;

	SparkFit(final JavaSparkContext spark, final PrintStream out, final PrintStream err) {
		this.spark = spark;
		this.out = out;
		this.err = err;
	}

	/** One band of one image: what a task counts. */
	static final class Band implements Serializable {

		private static final long serialVersionUID = 1L;

		final String path;
		final int band;

		Band(final String path, final int band) {
			this.path = path;
			this.band = band;
		}
	}

	/**
	 * @param options Colour Quantization's macro options with {@code save_model}
	 * @param input a TIFF, or a folder of TIFFs
	 * @return the exit code, as the command line's
	 */
	int run(final String options, final File input) {
		final long start = System.nanoTime();
		final ColourFitOptions fit;
		final List<Band> bands = new ArrayList<>();
		ImageDescription training = null;
		int images = 0, leftOut = 0;
		final List<File> files = new ArrayList<>();
		final List<String> whole = new ArrayList<>();
		try {
			fit = ColourFitOptions.parse(options);
			if (input.isDirectory()) files.addAll(CommandLine.imageFiles(input));
			else if (input.isFile() && TiffCheck.isTiffName(input.toPath())) files.add(input);
			else throw new IllegalArgumentException("Folder or TIFF file not found: " + input.getPath());
			for (final File f : files)
				if (!TiffCheck.isTiffName(f.toPath())) whole.add(f.getAbsolutePath());
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		// images other than TIFFs: one task each opens and counts it whole
		final List<ColourFitOptions.ImageColours> opened;
		try {
			if (!whole.isEmpty()) err.println("Counting the colours of " + whole.size() + " image(s) opened whole, one task each, on Spark (" + spark.master() + ")");
			opened = whole.isEmpty() ? List.of() : spark.parallelize(whole, whole.size()).map(p -> ColourFitOptions.colours(new File(p))).collect();
		}
		catch (final Exception e) { // SparkException too, which Spark's Java API throws undeclared
			err.println("Cannot fit on " + input.getPath() + ": " + SparkFailures.reason(e));
			return CommandLine.FAILED;
		}
		ColourHistogram colours = ColourHistogram.EMPTY;
		int next = 0;
		try {
			for (final File f : files) {
				if (!TiffCheck.isTiffName(f.toPath())) {
					final ColourFitOptions.ImageColours c = opened.get(next++);
					if (c.histogram() == null) {
						err.println(String.format(ColourFitOptions.NOT_RGB, f.getName(), c.description().kind()));
						leftOut++;
						continue;
					}
					if (training == null) training = c.description();
					images++;
					colours = colours.merge(c.histogram());
					continue;
				}
				try (TiledTiff tiff = TiledTiff.open(f)) {
					final ImageDescription d = TiledColour.describe(tiff, f);
					if (!tiff.rgb()) {
						err.println(String.format(ColourFitOptions.NOT_RGB, f.getName(), d.kind()));
						leftOut++;
						continue;
					}
					if (training == null) training = d;
					images++;
					for (int b = 0; b < tiff.bands(); b++)
						bands.add(new Band(f.getAbsolutePath(), b));
				}
				catch (final IOException e) {
					throw new IllegalArgumentException("Cannot read " + f.getPath() + ": " + e.getMessage(), e);
				}
			}
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		if (images == 0) {
			err.println(String.format(NO_RGB, input.getPath()));
			return CommandLine.FAILED;
		}
		try {
			if (!bands.isEmpty()) {
				err.println("Counting the colours of " + bands.size() + " band(s) of TIFF images, one task each, on Spark (" + spark.master() + ")");
				colours = colours.merge(spark.parallelize(bands, bands.size()).map(b -> Parallelization.runSingleThreaded(() -> ColourBands.count(new File(b.path), b.band))).reduce(ColourHistogram::merge));
			}
		}
		catch (final Exception e) { // SparkException too, which Spark's Java API throws undeclared
			err.println("Cannot fit on " + input.getPath() + ": " + SparkFailures.reason(e));
			return CommandLine.FAILED;
		}
		final ColourQuantization.Settings settings = fit.settings();
		final ColourQuantizationResult result;
		try {
			final ColourCounts counts = new ColourCounts(0, settings.seed());
			counts.add(colours);
			err.println("Fitting " + settings.clusters() + " clusters on " + colours.size() + " distinct colours of " + colours.pixels() + " pixels");
			result = ColourQuantization.quantizeRgb(counts, settings, ProgressListener.NONE);
		}
		catch (final IllegalArgumentException e) {
			err.println(ColourQuantizationModel.COMMAND + ": " + e.getMessage());
			return CommandLine.FAILED;
		}
		try {
			fit.save(result, images, training);
		}
		catch (final IOException e) {
			err.println("Cannot save the model as " + fit.model().getPath() + ": " + e.getMessage());
			return CommandLine.FAILED;
		}
		final Map<String, Object> json = new LinkedHashMap<>();
		json.put("command", ColourQuantizationModel.COMMAND);
		json.put("mode", "fit");
		json.put(input.isDirectory() ? "folder" : "image", input.getPath());
		json.put("read", "spark");
		json.put("master", spark.master());
		json.put("tasks", bands.size() + whole.size());
		json.put("images", images);
		json.put("left_out", leftOut);
		json.put("pixels", colours.pixels());
		json.put("sample", 0);
		fit.putFit(json, result, start);
		out.println(new Gson().toJson(json));
		return CommandLine.OK;
	}
}
