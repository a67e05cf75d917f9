package io.github.pixelclustering.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged Spark jar as a user runs it: through Spark's own {@code spark-submit} entry point
 * ({@code org.apache.spark.deploy.SparkSubmit}) in a fresh JVM whose classpath is Spark's alone, in
 * {@code local[2]}. Its fit and apply give the command line's files.
 */
class SparkSubmitIT {

	@TempDir
	Path dir;

	@Test
	void theJarRunsUnderSparkSubmit() throws Exception {
		final File image = SparkJobsTest.slide(dir.resolve("slide.tif"), 900, 700, 256, 11);
		final Path model = dir.resolve("model.json");
		final Process fit = submit("fit", "Colour Quantization", "clusters=5 seed=2 save_model=[" + model + "]", image.getPath());
		assertEquals(0, fit.exitValue(), output(fit));
		assertTrue(new String(fit.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("\"read\":\"spark\""));
		final Process apply = submit("apply", model.toString(), image.getPath(), dir.resolve("spark").toString());
		assertEquals(0, apply.exitValue(), output(apply));
		SparkInstallation.assertSameAsCommandLine(dir, image, "clusters=5 seed=2", model);
	}

	private Process submit(final String... args) throws IOException, InterruptedException {
		// local mode: the executors run in this JVM, 1 GB
		final List<String> command = SparkInstallation.java(SparkInstallation.classpath(), "org.apache.spark.deploy.SparkSubmit", "1g");
		command.addAll(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1", System.getProperty("spark.job.jar")));
		command.addAll(Arrays.asList(args));
		return SparkInstallation.finish(new ProcessBuilder(command), dir.resolve(args[0] + ".err"));
	}

	private String output(final Process p) throws IOException {
		final StringBuilder sb = new StringBuilder();
		for (final String name : new String[] { "fit.err", "apply.err" })
			if (Files.isRegularFile(dir.resolve(name))) sb.append(Files.readString(dir.resolve(name)));
		return sb.toString();
	}
}
