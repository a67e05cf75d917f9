package io.github.pixelclustering.spark.bench;

import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.TiledColour;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.spark.SparkMain;
import io.github.pixelclustering.testutil.SeededSlide;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.imglib2.parallel.Parallelization;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark's cost and its scaling on one machine: apply of a colour model to the seeded 20,000 x 20,000 RGB
 * slide ({@link SeededSlide}, tiled BigTIFF), as Spark {@code local[1]}, Spark {@code local[2]} and the
 * one-machine {@link TiledColour#apply} on 2 threads, in rounds (each round runs the three one after the
 * other, so machine noise hits all three alike). Round 1 is cold (the first apply in a new Spark context;
 * the JVM's first apply for the first of them), the others warm (median). The label files are checked
 * byte for byte against the one-machine ones. Spark contexts start outside the timings (that cost is
 * printed apart). One JSON object per line on stdout.
 *
 * <pre>
 * mvn -B -q -DskipTests package
 * mvn -B -q -f spark/pom.xml dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
 * java -Xmx2g $(spark java 17 options: see spark/pom.xml) -cp spark/target/classes:spark/target/test-classes:target/test-classes:$(cat spark/target/bench-classpath.txt) \
 *   io.github.pixelclustering.spark.bench.SparkBenchmark target/bench/slide.tif 20000 clusters=8 runs=3
 * </pre>
 * bench/spark_apply.sh runs exactly this.
 */
public final class SparkBenchmark {

	private SparkBenchmark() {}

	public static void main(final String[] args) throws Exception {
		final File slide = new File(args[0]);
		final int size = Integer.parseInt(args[1]);
		int clusters = 8, runs = 3;
		for (int i = 2; i < args.length; i++) {
			if (args[i].startsWith("clusters=")) clusters = Integer.parseInt(args[i].substring(9));
			if (args[i].startsWith("runs=")) runs = Integer.parseInt(args[i].substring(5));
		}
		if (!slide.isFile()) {
			slide.getAbsoluteFile().getParentFile().mkdirs();
			Parallelization.runWithNumThreads(2, () -> {
				SeededSlide.write(slide, size);
				return null;
			});
		}
		final File dir = Files.createTempDirectory("spark-bench").toFile();
		final long pixels;
		try (TiledTiff tiff = TiledTiff.open(slide)) {
			pixels = (long) tiff.width() * tiff.height();
		}
		// the model: the exact fit on 2 threads (timed too, against Spark's fit below)
		final ColourQuantization.Settings settings = new ColourQuantization.Settings(clusters, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 3, 1);
		long t = System.nanoTime();
		final ColourQuantizationResult fitted = Parallelization.runWithNumThreads(2, () -> TiledColour.fit(slide, settings, ProgressListener.NONE));
		final double fitSeconds = (System.nanoTime() - t) / 1e9;
		final File modelFile = new File(dir, "model.json");
		final Map<String, Object> values = settings.values();
		final ColourQuantizationModel model = ColourQuantizationModel.of(fitted, values, TiledColour.describe(TiledTiff.open(slide), slide), LabelImages.colours(clusters));
		model.write(modelFile);
		System.out.println(String.format(Locale.ROOT, "{\"job\": \"fit\", \"engine\": \"one machine, 2 threads\", \"pixels\": %d, \"seconds\": %.3f}", pixels, fitSeconds));

		final String[] engines = { "spark local[1]", "spark local[2]", "one machine, 2 threads" };
		final Map<String, List<Double>> seconds = new HashMap<>();
		final Map<String, Double> startup = new HashMap<>();
		final File reference = new File(dir, "reference-labels.tif");
		for (int round = 0; round < runs; round++)
			for (final String engine : engines) {
				final File out = new File(dir, engine.replaceAll("[^a-z0-9]", "") + "-" + round);
				if (engine.startsWith("spark")) {
					t = System.nanoTime();
					final JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster(engine.substring(6)).setAppName("SparkBenchmark").set("spark.ui.enabled", "false"));
					startup.merge(engine, (System.nanoTime() - t) / 1e9, Math::max);
					try {
						final ByteArrayOutputStream json = new ByteArrayOutputStream();
						t = System.nanoTime();
						final int code = SparkMain.run(new String[] { "apply", modelFile.getPath(), slide.getPath(), out.getPath() }, spark, new PrintStream(json), new PrintStream(new ByteArrayOutputStream()));
						final double s = (System.nanoTime() - t) / 1e9;
						if (code != 0) throw new IllegalStateException(engine + " failed: " + code);
						seconds.computeIfAbsent(engine, e -> new ArrayList<>()).add(s);
						if (round == 0 && engine.endsWith("[2]")) {
							// Spark's fit on the same slide, once: the same model as the one-machine fit
							final File sparkModel = new File(dir, "spark-model.json");
							t = System.nanoTime();
							SparkMain.run(new String[] { "fit", "Colour Quantization", "clusters=" + clusters + " restarts=3 seed=1 save_model=[" + sparkModel + "]", slide.getPath() }, spark, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
							System.out.println(String.format(Locale.ROOT, "{\"job\": \"fit\", \"engine\": \"%s\", \"pixels\": %d, \"seconds\": %.3f}", engine, pixels, (System.nanoTime() - t) / 1e9));
						}
					}
					finally {
						spark.stop();
					}
				}
				else {
					out.mkdirs();
					t = System.nanoTime();
					Parallelization.runWithNumThreads(2, () -> TiledColour.apply(model, slide, new File(out, "slide-labels.tif"), ProgressListener.NONE));
					seconds.computeIfAbsent(engine, e -> new ArrayList<>()).add((System.nanoTime() - t) / 1e9);
					if (round == 0) Files.copy(new File(out, "slide-labels.tif").toPath(), reference.toPath());
				}
				final File labels = new File(out, Arrays.stream(out.list()).filter(n -> n.endsWith("-labels.tif")).findFirst().orElseThrow());
				final boolean same = Arrays.equals(Files.readAllBytes(labels.toPath()), Files.readAllBytes((reference.isFile() ? reference : labels).toPath()));
				if (!same) throw new IllegalStateException(engine + " wrote other labels than the one-machine apply");
				for (final File f : out.listFiles())
					f.delete();
				out.delete();
			}
		for (final String engine : engines) {
			final List<Double> s = seconds.get(engine);
			final double cold = s.get(0);
			final double warm = median(s.subList(Math.min(1, s.size() - 1), s.size()));
			System.out.println(String.format(Locale.ROOT, "{\"job\": \"apply\", \"engine\": \"%s\", \"pixels\": %d, \"cold_seconds\": %.3f, \"warm_seconds\": %.3f, \"warm_megapixels_per_second\": %.1f%s, \"labels_identical_to_one_machine\": true}", engine, pixels, cold, warm, pixels / warm / 1e6, startup.containsKey(engine) ? String.format(Locale.ROOT, ", \"context_start_seconds\": %.3f", startup.get(engine)) : ""));
		}
		final double one = median(seconds.get(engines[0]).subList(Math.min(1, runs - 1), runs));
		final double two = median(seconds.get(engines[1]).subList(Math.min(1, runs - 1), runs));
		final double machine = median(seconds.get(engines[2]).subList(Math.min(1, runs - 1), runs));
		System.out.println(String.format(Locale.ROOT, "{\"ratio\": \"local[1] / local[2] (scaling, goal >= 1.6)\", \"value\": %.2f}", one / two));
		System.out.println(String.format(Locale.ROOT, "{\"ratio\": \"local[2] / one machine on 2 threads (Spark's overhead, goal <= 1.3)\", \"value\": %.2f}", two / machine));
		dir.delete();
	}

	private static double median(final List<Double> values) {
		final double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
	}
}
