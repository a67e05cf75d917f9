package io.github.pixelclustering.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pixelclustering.headless.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the cluster tests share: a Spark installation made from Spark's Maven dependencies (a
 * {@code SPARK_HOME} with a {@code RELEASE} file and a {@code jars} folder, as workers and YARN need one),
 * JVMs on Spark's classpath with the options Java 17 needs, and {@code spark-submit} in client mode.
 */
final class SparkInstallation {

	final Path home;

	private SparkInstallation(final Path home) {
		this.home = home;
	}

	/** Makes the installation in {@code dir/spark-home}. */
	static SparkInstallation in(final Path dir) throws IOException {
		final Path home = Files.createDirectories(dir.resolve("spark-home"));
		Files.writeString(home.resolve("RELEASE"), "Spark 3.5 (made by the test from Maven dependencies)\n");
		final Path jars = Files.createDirectories(home.resolve("jars"));
		for (final String jar : classpath().split(File.pathSeparator))
			if (jar.endsWith(".jar")) Files.createSymbolicLink(jars.resolve(Path.of(jar).getFileName()), Path.of(jar));
		return new SparkInstallation(home);
	}

	/** Spark's classpath (the provided dependencies), as Failsafe names its file. */
	static String classpath() throws IOException {
		return Files.readString(Path.of(System.getProperty("spark.classpath.file"))).trim();
	}

	/** The JVM options Spark's launcher gives Java 17. */
	static String[] options() {
		return System.getProperty("spark.java.options").trim().split("\\s+");
	}

	/** A JVM of 512 MB running {@code main} on {@code classpath}, with Spark's Java 17 options. */
	static List<String> java(final String classpath, final String main) {
		return java(classpath, main, "512m");
	}

	/** A JVM of {@code heap} (e.g. 1g) running {@code main} on {@code classpath}, with Spark's Java 17 options. */
	static List<String> java(final String classpath, final String main, final String heap) {
		final List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(Arrays.asList(options()));
		command.add("-Xmx" + heap);
		command.add("-cp");
		command.add(classpath);
		command.add(main);
		return command;
	}

	/** A process of this installation, its output in {@code log}. */
	ProcessBuilder process(final List<String> command, final Path log) {
		return ofThisInstallation(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()));
	}

	/** @return {@code pb} with SPARK_HOME set to this installation */
	private ProcessBuilder ofThisInstallation(final ProcessBuilder pb) {
		pb.environment().put("SPARK_HOME", home.toString());
		// the launcher's command builder asks for the Scala version of the jars
		pb.environment().put("SPARK_SCALA_VERSION", "2.12");
		return pb;
	}

	/**
	 * Runs {@code spark-submit --master <master>} (client mode) with the job jar and {@code args}; its
	 * standard error in {@code dir/<args[0]>.err}.
	 *
	 * @param extraClasspath put before Spark's classpath (e.g. a Hadoop configuration folder), or null
	 * @param env more environment variables
	 * @param conf more {@code --conf} or other spark-submit options, before the jar
	 * @return the finished process, its standard output unread
	 */
	Process submit(final Path dir, final String master, final String extraClasspath, final Map<String, String> env, final List<String> conf, final String... args) throws IOException, InterruptedException {
		final List<String> command = java(extraClasspath == null ? classpath() : extraClasspath + File.pathSeparator + classpath(), "org.apache.spark.deploy.SparkSubmit");
		command.addAll(List.of("--master", master, "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", options())));
		command.addAll(conf);
		command.add(System.getProperty("spark.job.jar"));
		command.addAll(Arrays.asList(args));
		final ProcessBuilder pb = ofThisInstallation(new ProcessBuilder(command));
		pb.environment().putAll(env);
		return finish(pb, dir.resolve(args[0] + ".err"));
	}

	/**
	 * Starts {@code pb} (a spark-submit) with its standard error in {@code err} and waits for it, at most
	 * 5 minutes.
	 *
	 * @return the finished process, its standard output unread
	 */
	static Process finish(final ProcessBuilder pb, final Path err) throws IOException, InterruptedException {
		final Process p = pb.redirectError(err.toFile()).start();
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("spark-submit did not finish in 5 minutes: " + pb.command());
		}
		return p;
	}

	/**
	 * The command line's own fit (Colour Quantization with {@code options}) and apply (--tiles) of
	 * {@code image} in this JVM give the model and the files a cluster wrote: {@code dir/model.json}'s bytes, {@code dir/spark/slide-labels.tif} and
	 * {@code slide-clusters.csv}.
	 */
	static void assertSameAsCommandLine(final Path dir, final File image, final String options, final Path model) throws IOException {
		final ByteArrayOutputStream sink = new ByteArrayOutputStream();
		assertEquals(0, CommandLine.run(new String[] { "fit", "--tiles", "Colour Quantization", options + " save_model=[" + dir.resolve("cli.json") + "]", image.getPath() }, new PrintStream(sink), new PrintStream(sink)), sink.toString());
		assertArrayEquals(Files.readAllBytes(dir.resolve("cli.json")), Files.readAllBytes(model));
		assertEquals(0, CommandLine.run(new String[] { "apply", "--tiles", model.toString(), image.getPath(), dir.resolve("cli").toString() }, new PrintStream(sink), new PrintStream(sink)), sink.toString());
		for (final String name : new String[] { "slide-labels.tif", "slide-clusters.csv" })
			assertArrayEquals(Files.readAllBytes(dir.resolve("cli").resolve(name)), Files.readAllBytes(dir.resolve("spark").resolve(name)), name);
	}

	static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	/** Stops the processes (a cluster's daemons), forcibly after 20 s. */
	static void stop(final List<Process> processes) throws InterruptedException {
		for (final Process p : processes) {
			p.destroy();
			if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
		}
	}
}
