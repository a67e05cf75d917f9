package io.github.pixelclustering.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.headless.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code spark-submit --master spark://...} line on a real Spark standalone cluster: a master
 * and a worker started here (each its own JVM, on 127.0.0.1), the worker launching executor JVMs of its
 * own, the jar submitted in client mode. Its fit and apply give the command line's files, byte for byte.
 * <p>
 * A standalone worker starts executors from a Spark installation ({@code SPARK_HOME}, with a
 * {@code RELEASE} file and a {@code jars} folder): the test makes one from Spark's Maven dependencies.
 */
class SparkStandaloneIT {

	@TempDir
	Path dir;

	@Test
	void fitAndApplyOnAStandaloneCluster() throws Exception {
		final Path home = sparkHome();
		final int port = freePort();
		final String master = "spark://127.0.0.1:" + port;
		final List<Process> cluster = new ArrayList<>();
		try {
			cluster.add(start(home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort())));
			waitForPort(port);
			cluster.add(start(home, "worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port", Integer.toString(freePort()), "--cores", "2", "--memory", "2g", "--work-dir", dir.resolve("work").toString(), master));
			final File image = SparkJobsTest.slide(dir.resolve("slide.tif"), 700, 600, 256, 5);
			final Path model = dir.resolve("model.json");
			final Process fit = submit(home, master, "fit", "Colour Quantization", "clusters=4 seed=3 save_model=[" + model + "]", image.getPath());
			final String fitOut = new String(fit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertEquals(0, fit.exitValue(), Files.readString(dir.resolve("fit.err")));
			assertTrue(fitOut.contains("\"master\":\"" + master + "\""), fitOut);
			final Process apply = submit(home, master, "apply", model.toString(), image.getPath(), dir.resolve("spark").toString());
			assertEquals(0, apply.exitValue(), Files.readString(dir.resolve("apply.err")));
			// the executors ran in JVMs the worker started
			assertTrue(Files.isDirectory(dir.resolve("work")) && Files.list(dir.resolve("work")).findAny().isPresent(), "the worker launched executors");
			final ByteArrayOutputStream sink = new ByteArrayOutputStream();
			assertEquals(0, CommandLine.run(new String[] { "fit", "--tiles", "Colour Quantization", "clusters=4 seed=3 save_model=[" + dir.resolve("cli.json") + "]", image.getPath() }, new PrintStream(sink), new PrintStream(sink)), sink.toString());
			assertArrayEquals(Files.readAllBytes(dir.resolve("cli.json")), Files.readAllBytes(model));
			assertEquals(0, CommandLine.run(new String[] { "apply", "--tiles", model.toString(), image.getPath(), dir.resolve("cli").toString() }, new PrintStream(sink), new PrintStream(sink)), sink.toString());
			for (final String name : new String[] { "slide-labels.tif", "slide-clusters.csv" })
				assertArrayEquals(Files.readAllBytes(dir.resolve("cli").resolve(name)), Files.readAllBytes(dir.resolve("spark").resolve(name)), name);
		}
		finally {
			for (final Process p : cluster) {
				p.destroy();
				if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
			}
		}
	}

	/** A Spark installation as a standalone worker needs one: a RELEASE file and the jars. */
	private Path sparkHome() throws IOException {
		final Path home = Files.createDirectories(dir.resolve("spark-home"));
		Files.writeString(home.resolve("RELEASE"), "Spark 3.5 (made by the test from Maven dependencies)\n");
		final Path jars = Files.createDirectories(home.resolve("jars"));
		for (final String jar : classpath().split(File.pathSeparator))
			if (jar.endsWith(".jar")) Files.createSymbolicLink(jars.resolve(Path.of(jar).getFileName()), Path.of(jar));
		return home;
	}

	private static String classpath() throws IOException {
		return Files.readString(Path.of(System.getProperty("spark.classpath.file"))).trim();
	}

	private static List<String> java(final String main) throws IOException {
		final List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(Arrays.asList(options()));
		command.add("-Xmx512m");
		command.add("-cp");
		command.add(classpath());
		command.add(main);
		return command;
	}

	private static String[] options() {
		return System.getProperty("spark.java.options").trim().split("\\s+");
	}

	private Process start(final Path home, final String name, final String main, final String... args) throws IOException {
		final List<String> command = java(main);
		command.addAll(Arrays.asList(args));
		final ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
		pb.environment().put("SPARK_HOME", home.toString());
		// the launcher's command builder asks for the Scala version of the jars
		pb.environment().put("SPARK_SCALA_VERSION", "2.12");
		return pb.start();
	}

	private Process submit(final Path home, final String master, final String... args) throws IOException, InterruptedException {
		final List<String> command = java("org.apache.spark.deploy.SparkSubmit");
		command.addAll(List.of("--master", master, "--executor-memory", "1g", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", options()), System.getProperty("spark.job.jar")));
		command.addAll(Arrays.asList(args));
		final ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve(args[0] + ".err").toFile());
		pb.environment().put("SPARK_HOME", home.toString());
		final Process p = pb.start();
		if (!p.waitFor(5, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			throw new AssertionError("spark-submit did not finish in 5 minutes: " + command);
		}
		return p;
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	private static void waitForPort(final int port) throws InterruptedException {
		for (int i = 0; i < 600; i++) {
			try (Socket s = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (final IOException e) {
				Thread.sleep(100);
			}
		}
		throw new AssertionError("the Spark master did not listen on port " + port + " within a minute");
	}
}
