package io.github.pixelclustering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code spark-submit --master spark://...} line on a real Spark standalone cluster: a master
 * and a worker started here (each its own JVM, on 127.0.0.1), the worker launching executor JVMs of its
 * own, the jar submitted in client mode. Its fit and apply give the command line's files, byte for byte.
 * <p>
 * A standalone worker starts executors from a Spark installation: the test makes one from Spark's Maven
 * dependencies ({@link SparkInstallation}).
 */
class SparkStandaloneIT {

	@TempDir
	Path dir;

	@Test
	void fitAndApplyOnAStandaloneCluster() throws Exception {
		final SparkInstallation spark = SparkInstallation.in(dir);
		final int port = SparkInstallation.freePort();
		final String master = "spark://127.0.0.1:" + port;
		final List<Process> cluster = new ArrayList<>();
		try {
			cluster.add(start(spark, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(SparkInstallation.freePort())));
			waitForPort(port);
			cluster.add(start(spark, "worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port", Integer.toString(SparkInstallation.freePort()), "--cores", "2", "--memory", "2g", "--work-dir", dir.resolve("work").toString(), master));
			final File image = SparkJobsTest.slide(dir.resolve("slide.tif"), 700, 600, 256, 5);
			final Path model = dir.resolve("model.json");
			final List<String> memory = List.of("--executor-memory", "1g");
			final Process fit = spark.submit(dir, master, null, Map.of(), memory, "fit", "Colour Quantization", "clusters=4 seed=3 save_model=[" + model + "]", image.getPath());
			final String fitOut = new String(fit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertEquals(0, fit.exitValue(), Files.readString(dir.resolve("fit.err")));
			assertTrue(fitOut.contains("\"master\":\"" + master + "\""), fitOut);
			final Process apply = spark.submit(dir, master, null, Map.of(), memory, "apply", model.toString(), image.getPath(), dir.resolve("spark").toString());
			assertEquals(0, apply.exitValue(), Files.readString(dir.resolve("apply.err")));
			// the executors ran in JVMs the worker started
			assertTrue(Files.isDirectory(dir.resolve("work")) && Files.list(dir.resolve("work")).findAny().isPresent(), "the worker launched executors");
			SparkInstallation.assertSameAsCommandLine(dir, image, "clusters=4 seed=3", model);
		}
		finally {
			SparkInstallation.stop(cluster);
		}
	}

	private Process start(final SparkInstallation spark, final String name, final String main, final String... args) throws IOException {
		final List<String> command = SparkInstallation.java(SparkInstallation.classpath(), main);
		command.addAll(Arrays.asList(args));
		return spark.process(command, dir.resolve(name + ".log")).start();
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
