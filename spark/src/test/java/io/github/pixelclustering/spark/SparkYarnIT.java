package io.github.pixelclustering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code spark-submit --master yarn --deploy-mode client} line on a real YARN cluster:
 * Hadoop's MiniYARNCluster (a resource manager and a node manager, in a JVM of their own, built by the
 * {@code yarn-test-cluster} module) launches the application master and the executors as containers,
 * JVMs of their own with the Spark jars YARN localised from the submission. Fit and apply give the
 * command line's files, byte for byte.
 */
class SparkYarnIT {

	@TempDir
	Path dir;

	@Test
	void fitAndApplyOnYarn() throws Exception {
		final SparkInstallation spark = SparkInstallation.in(dir);
		final Path conf = dir.resolve("hadoop-conf");
		final Path work = dir.resolve("yarn");
		final List<Process> cluster = new ArrayList<>();
		try {
			final String classpath = Files.readString(Path.of(System.getProperty("yarn.classpath.file"))).trim() + File.pathSeparator + System.getProperty("yarn.cluster.jar");
			final List<String> command = SparkInstallation.java(classpath, "io.github.pixelclustering.yarntest.TestYarnCluster", "1g");
			command.addAll(List.of(conf.toString(), work.toString()));
			final ProcessBuilder yarn = spark.process(command, dir.resolve("yarn.log"));
			yarn.environment().put("JAVA_HOME", System.getProperty("java.home"));
			cluster.add(yarn.start());
			waitForConfiguration(conf.resolve("core-site.xml"), cluster.get(0));

			final File image = SparkJobsTest.slide(dir.resolve("slide.tif"), 700, 600, 256, 5);
			final Path model = dir.resolve("model.json");
			final Map<String, String> env = Map.of("HADOOP_CONF_DIR", conf.toString(), "JAVA_HOME", System.getProperty("java.home"));
			final List<String> options = List.of("--deploy-mode", "client", "--num-executors", "1", "--executor-cores", "2", "--executor-memory", "512m", "--conf", "spark.yarn.am.memory=512m", "--conf", "spark.yarn.am.extraJavaOptions=" + String.join(" ", SparkInstallation.options()));
			final Process fit = spark.submit(dir, "yarn", conf.toString(), env, options, "fit", "Colour Quantization", "clusters=4 seed=3 save_model=[" + model + "]", image.getPath());
			final String fitOut = new String(fit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertEquals(0, fit.exitValue(), Files.readString(dir.resolve("fit.err")));
			assertTrue(fitOut.contains("\"master\":\"yarn\""), fitOut);
			final Process apply = spark.submit(dir, "yarn", conf.toString(), env, options, "apply", model.toString(), image.getPath(), dir.resolve("spark").toString());
			assertEquals(0, apply.exitValue(), Files.readString(dir.resolve("apply.err")));
			// two applications, each an application master and an executor in containers of YARN's
			final List<String> containers = containers(work);
			assertEquals(2, containers.stream().map(c -> c.replaceAll("_\\d+$", "").replaceAll("^container_", "")).map(c -> c.substring(0, c.lastIndexOf('_'))).distinct().count(), "two applications: " + containers);
			assertTrue(containers.size() >= 4, "an application master and an executor each: " + containers);
			SparkInstallation.assertSameAsCommandLine(dir, image, "clusters=4 seed=3", model);
		}
		finally {
			SparkInstallation.stop(cluster);
		}
	}

	/** Waits for the cluster's client configuration, written once the node manager is registered. */
	private void waitForConfiguration(final Path last, final Process yarn) throws InterruptedException, IOException {
		for (int i = 0; i < 1800; i++) {
			if (Files.exists(last)) return;
			if (!yarn.isAlive()) throw new AssertionError("the YARN cluster stopped: " + Files.readString(dir.resolve("yarn.log")));
			Thread.sleep(100);
		}
		throw new AssertionError("the YARN cluster was not up within 3 minutes");
	}

	/** The names of the containers whose logs the node manager kept. */
	private static List<String> containers(final Path work) throws IOException {
		try (Stream<Path> all = Files.walk(work)) {
			return all.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> n.startsWith("container_")).distinct().sorted().collect(Collectors.toList());
		}
	}
}
