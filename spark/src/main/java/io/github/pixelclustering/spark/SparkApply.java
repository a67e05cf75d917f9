package io.github.pixelclustering.spark;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.ColourBands;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.ColourTally;
import io.github.pixelclustering.api.TiledColour;
import io.github.pixelclustering.headless.CommandLine;
import io.github.pixelclustering.io.AtomicFiles;
import io.github.pixelclustering.io.TiffCheck;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.io.TiledTiffWriter;
import io.github.pixelclustering.output.OutputFiles;
import io.github.pixelclustering.output.Tables;
import io.github.pixelclustering.output.Titles;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import net.imglib2.parallel.Parallelization;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

import com.google.gson.Gson;

/**
 * The Spark {@code apply} job. On one big RGB TIFF with a Colour Quantization model: the model's text is
 * broadcast, each task labels one part of rows ({@link ColourBands#label}) and sends back its encoded
 * label tiles and counts; the driver writes the tiles in order into the label BigTIFF and sums the
 * counts into the clusters table. On a folder: one task per image, which labels it on
 * {@code spark.task.cpus} threads and writes its outputs as the command line's {@code apply --tiles} does. Either way the outputs are byte for byte those of the
 * command line's {@code apply --tiles} on the same model and input, written under a temporary name and
 * moved into place; a failed image leaves nothing under its final names.
 */
final class SparkApply {

	/** Parts per job and executor core. */
	static final int WINDOW_PER_CORE = 8;

	/**
	 * The models parsed on this JVM, by their text (not by broadcast id: ids start again in a new
	 * context): each executor parses (and tabulates) a model once.
	 */
	private static final Map<String, ColourQuantizationModel> MODELS = new ConcurrentHashMap<>();
	/** Models kept at most: an executor of a long-lived application forgets the older ones. */
	private static final int MODELS_KEPT = 4;

	private final JavaSparkContext spark;
	private final PrintStream out;
	private final PrintStream err;

	SparkApply(final JavaSparkContext spark, final PrintStream out, final PrintStream err) {
		this.spark = spark;
		this.out = out;
		this.err = err;
	}

	/**
	 * @param modelFile a model saved by a command's {@code save_model} or by {@code fit}
	 * @param input an image file, or a folder of images
	 * @param folder the output folder
	 * @return the exit code, as the command line's
	 */
	int run(final File modelFile, final File input, final File folder) {
		final boolean existed = folder.isDirectory();
		final int code = label(modelFile, input, folder);
		// a run that wrote nothing leaves no folder it made behind
		final String[] left = folder.list();
		if (code != CommandLine.OK && !existed && left != null && left.length == 0) folder.delete();
		return code;
	}

	private int label(final File modelFile, final File input, final File folder) {
		final ClusteringModel model;
		try {
			model = ClusteringModel.read(modelFile);
			if (!input.exists()) throw new IllegalArgumentException("Image file or folder not found: " + input.getPath());
			if (!folder.isDirectory() && !folder.mkdirs()) throw new IllegalArgumentException("Cannot make the output folder " + folder.getPath());
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		if (input.isFile() && TiffCheck.isTiffName(input.toPath()) && model instanceof ColourQuantizationModel && ((ColourQuantizationModel) model).rgb()) return applyToTiff((ColourQuantizationModel) model, modelFile, input, folder);
		final List<File> images;
		try {
			images = input.isDirectory() ? CommandLine.imageFiles(input) : List.of(input);
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		return applyToImages(modelFile, images, folder);
	}

	// -- One big TIFF, part by part --

	private int applyToTiff(final ColourQuantizationModel model, final File modelFile, final File image, final File folder) {
		final long start = System.nanoTime();
		final String base = Titles.base(image.getName());
		final File labels = new File(folder, base + "-labels.tif");
		final File table = new File(folder, base + "-clusters.csv");
		final int parts;
		try (TiledTiff tiff = TiledTiff.open(image)) {
			model.requireFits(TiledColour.describe(tiff, image));
			parts = ColourBands.parts(tiff);
		}
		catch (final IOException | IllegalArgumentException e) {
			err.println(image.getPath() + ": " + e.getMessage());
			return CommandLine.USAGE;
		}
		// the executors parse the model's text (that of the file, as the model writes it)
		final Broadcast<String> broadcast = spark.broadcast(model.text());
		final String path = image.getAbsolutePath(), source = modelFile.getPath();
		final List<Integer> ids = new ArrayList<>();
		for (int p = 0; p < parts; p++)
			ids.add(p);
		final JavaRDD<ColourBands.LabelledPart> labelled = spark.parallelize(ids, parts).map(p -> Parallelization.runSingleThreaded(() -> ColourBands.label(model(broadcast, source), new File(path), p)));
		final ColourTally tally = model.tally();
		err.println("Labelling " + image.getName() + " in " + parts + " parts on Spark (" + spark.master() + ")");
		try (TiledTiff tiff = TiledTiff.open(image)) {
			AtomicFiles.write(labels, part -> {
				try (TiledTiffWriter writer = ColourBands.labelWriter(model, tiff, part)) {
					// some parts per job: the driver holds the compressed label tiles of one window of parts
					// only (about 1 MB a part), and the cores wait for the window's last task once a window
					final int window = WINDOW_PER_CORE * Math.max(1, spark.defaultParallelism());
					for (int from = 0; from < parts; from += window) {
						final int[] some = new int[Math.min(window, parts - from)];
						for (int i = 0; i < some.length; i++)
							some[i] = from + i;
						for (final List<ColourBands.LabelledPart> done : labelled.collectPartitions(some))
							for (final ColourBands.LabelledPart lp : done) {
								for (final byte[][] row : lp.tiles())
									writer.writeEncodedRow(row);
								tally.add(lp.totals());
							}
						err.println("Labelled " + (from + some.length) + " of " + parts + " parts");
					}
					writer.finish();
				}
			});
			final ColourQuantizationResult result = tally.result();
			OutputFiles.writeCsv(Tables.of(result.clustersTable(), Tables.COUNT_DECIMALS), table);
			final Map<String, Object> json = new LinkedHashMap<>();
			json.put("command", CommandLine.APPLY);
			json.put("image", image.getPath());
			json.put("read", "spark");
			json.put("master", spark.master());
			json.put("parts", parts);
			json.put("model", modelFile.getPath());
			json.put("clusters", result.clusters());
			json.put("pixels", result.pixels());
			json.put("inertia_per_pixel", result.inertiaPerPixel());
			json.put("seconds", (System.nanoTime() - start) / 1e9);
			json.put("outputs", List.of(labels.getPath(), table.getPath()));
			out.println(new Gson().toJson(json));
			return CommandLine.OK;
		}
		catch (final Exception e) { // SparkException too, which Spark's Java API throws undeclared
			err.println("Cannot label " + image.getPath() + ": " + SparkFailures.reason(e));
			return CommandLine.FAILED;
		}
	}

	/** The broadcast model, parsed once on this JVM. */
	private static ColourQuantizationModel model(final Broadcast<String> broadcast, final String source) {
		final String text = broadcast.value();
		if (MODELS.size() >= MODELS_KEPT && !MODELS.containsKey(text)) MODELS.clear();
		return MODELS.computeIfAbsent(text, t -> (ColourQuantizationModel) ClusteringModel.parse(t, source));
	}

	// -- A folder, image by image --

	/** What a task made of one image: its name, exit code, JSON line and messages. */
	static final class Outcome implements Serializable {

		private static final long serialVersionUID = 1L;

		final String name;
		final int code;
		final String json;
		final String messages;

		Outcome(final String name, final int code, final String json, final String messages) {
			this.name = name;
			this.code = code;
			this.json = json;
			this.messages = messages;
		}
	}

	private int applyToImages(final File modelFile, final List<File> images, final File folder) {
		final List<String> paths = new ArrayList<>();
		for (final File f : images)
			paths.add(f.getAbsolutePath());
		final String model = modelFile.getAbsolutePath(), outputs = folder.getAbsolutePath();
		// each task labels its image on the cores Spark gives a task
		final int threads = Math.max(1, spark.getConf().getInt("spark.task.cpus", 1));
		err.println("Labelling " + paths.size() + " image(s), one task each, on Spark (" + spark.master() + ")");
		final List<Outcome> outcomes;
		try {
			outcomes = spark.parallelize(paths, paths.size()).map(p -> label(model, p, outputs, threads)).collect();
		}
		catch (final Exception e) { // SparkException too, which Spark's Java API throws undeclared
			err.println("Cannot label the images: " + SparkFailures.reason(e));
			return CommandLine.FAILED;
		}
		int done = 0, failed = 0;
		for (final Outcome o : outcomes) {
			if (!o.json.isEmpty()) out.print(o.json);
			if (o.code == CommandLine.OK) done++;
			else {
				failed++;
				err.println("Skipped " + o.name + ": " + lastLine(o.messages));
			}
		}
		err.println(String.format("apply: %d done, %d skipped; model %s, outputs in %s", done, failed, modelFile.getPath(), folder.getPath()));
		return failed > 0 ? CommandLine.FAILED : CommandLine.OK;
	}

	/** A task: labels one image as the command line does, and keeps what it printed. */
	private static Outcome label(final String model, final String image, final String folder, final int threads) {
		final ByteArrayOutputStream json = new ByteArrayOutputStream(), messages = new ByteArrayOutputStream();
		final int code;
		try (PrintStream o = new PrintStream(json, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(messages, true, StandardCharsets.UTF_8)) {
			code = CommandLine.apply(new File(model), new File(image), new File(folder), threads, o, e);
		}
		return new Outcome(new File(image).getName(), code, json.toString(StandardCharsets.UTF_8), messages.toString(StandardCharsets.UTF_8));
	}

	private static String lastLine(final String text) {
		final String[] lines = text.trim().split("\n");
		for (int i = lines.length - 1; i >= 0; i--)
			if (!lines[i].isBlank() && !lines[i].startsWith("[")) return lines[i].trim();
		return lines.length == 0 ? "failed" : lines[lines.length - 1].trim();
	}
}
