package io.github.pixelclustering.spark;

import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.headless.CommandLine;

import java.io.File;
import java.io.PrintStream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The entry point of {@code spark-submit ... pixel-clustering-spark-<version>.jar}:
 * <pre>
 * fit "Colour Quantization" "&lt;options incl. save_model=[...]&gt;" &lt;TIFF or folder&gt;
 * fit "&lt;a spectrum command&gt;" "&lt;options incl. sample=&lt;n&gt; save_model=[...]&gt;" &lt;folder of ripple maps&gt;
 * apply &lt;model.json&gt; &lt;image or folder&gt; &lt;output folder&gt;
 * </pre>
 * One JSON line per result on standard output, messages on standard error, exit codes as the command
 * line's (0 done, 1 failed, 2 bad arguments). The master comes from {@code spark-submit --master}; run
 * without one (plain {@code java}), the job runs in {@code local[*]}.
 */
public final class SparkMain {

	static final String USAGE = String.join("\n", //
		"Usage: spark-submit [--master <url>] pixel-clustering-spark-<version>.jar fit \"Colour Quantization\" \"<options incl. save_model=[model.json]>\" <TIFF or folder of TIFFs>", //
		"       spark-submit [--master <url>] pixel-clustering-spark-<version>.jar fit \"Spectrum Image Cluster Analysis\" \"<options incl. sample=<pixels per map> save_model=[model.json]>\" <folder of ripple maps>", //
		"       spark-submit [--master <url>] pixel-clustering-spark-<version>.jar apply <model.json> <image or folder> <output folder>", //
		"Inputs and outputs must be on a file system that the driver and every executor read (shared or network file system).");

	private SparkMain() {}

	public static void main(final String[] args) {
		final int code = run(args, null, System.out, System.err);
		if (code != CommandLine.OK) System.exit(code);
	}

	/**
	 * @param args as for {@link #main}
	 * @param spark a running context to use, or null to start one (and stop it at the end)
	 * @return the exit code
	 */
	public static int run(final String[] args, final JavaSparkContext spark, final PrintStream out, final PrintStream err) {
		final boolean fit = args.length == 4 && args[0].equals("fit");
		final boolean apply = args.length == 4 && args[0].equals("apply");
		if (!fit && !apply) {
			err.println((args.length == 0 ? "No arguments." : "Expected fit with 3 arguments or apply with 3, got " + args[0] + " with " + (args.length - 1) + ".") + "\n" + USAGE);
			return CommandLine.USAGE;
		}
		System.setProperty("java.awt.headless", "true");
		final JavaSparkContext context = spark != null ? spark : new JavaSparkContext(new SparkConf().setAppName("Pixel Clustering " + args[0]).setIfMissing("spark.master", "local[*]"));
		try {
			if (fit && args[1].equals(ColourQuantizationModel.COMMAND)) return new SparkFit(context, out, err).run(args[2], new File(args[3]));
			if (fit) return new SparkDrawnFit(context, out, err).run(args[1], args[2], new File(args[3]));
			return new SparkApply(context, out, err).run(new File(args[1]), new File(args[2]), new File(args[3]));
		}
		finally {
			if (spark == null) context.stop();
		}
	}
}
