package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.output.RunSummary;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.testutil.Commands;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * Spectrum Image Cluster Analysis cut by {@code distance_threshold} (algorithm agglomerative, with and
 * without connectivity; issue 22 item 9) on the EDS map: the clusters of {@code clusters=k} where k is
 * scikit-learn's count for the threshold (the engine's parity: {@code WardThresholdReferenceTest}), the
 * same with 1 and 2 threads, the model file, and the refusals.
 */
class SpectrumDistanceThresholdTest {

	private static Context context;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	private static Map<String, Object> inputs(final ImagePlus image, final int clusters, final double threshold, final String algorithm, final String connectivity, final File model) {
		return Commands.inputs("image", image, "clusters", clusters, "distance_threshold", threshold, "source", "decomposition", "components", 5, "poisson", false, "preprocessing", "norm", "algorithm", algorithm, "connectivity", connectivity, "restarts", 0, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "centres_from", SpectrumInputs.INPUT, "signal", "mean", "scree", false, "factors", 0, "overlay", false, "roi_manager", false, "save_model", model);
	}

	private static Module ok(final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, SpectrumClusterAnalysisCommand.class, inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static String refused(final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, SpectrumClusterAnalysisCommand.class, inputs);
		assertTrue(CommandRunner.canceled(module), "expected a cancel");
		return CommandRunner.cancelReason(module);
	}

	private static Map<String, Object> summary(final Module module) {
		return ((RunSummary) CommandRunner.commandOf(module)).summary();
	}

	private static int[] labels(final Module module) {
		final ImagePlus labels = (ImagePlus) module.getOutput("labels");
		final int[] out = new int[labels.getWidth() * labels.getHeight()];
		for (int p = 0; p < out.length; p++)
			out[p] = labels.getProcessor().get(p);
		return out;
	}

	@ParameterizedTest
	@CsvSource({ "none, 10, 4", "none, 6, 8", "4, 10, 5", "8, 6, 8" })
	void aThresholdCutsTheTreeOfTheAgglomerativeAlgorithm(final String connectivity, final double threshold, final int expected) {
		final ImagePlus eds = SpectrumCommandsTest.eds();
		final Module one = Commands.withThreads(1, () -> ok(inputs(eds, 0, threshold, "agglomerative", connectivity, null)));
		final Module two = Commands.withThreads(2, () -> ok(inputs(eds, 0, threshold, "agglomerative", connectivity, null)));
		final int k = (Integer) summary(one).get("clusters");
		assertEquals(expected, k, "clusters at distance_threshold=" + threshold + " (this engine's count; its parity with scikit-learn: WardThresholdReferenceTest)");
		assertEquals(threshold, summary(one).get("distance_threshold"));
		assertArrayEquals(labels(one), labels(two), "1 and 2 threads");
		assertEquals(k, ((ImagePlus) one.getOutput("distances")).getStackSize(), "a distance map per cluster");
		assertArrayEquals(labels(ok(inputs(eds, k, 0, "agglomerative", connectivity, null))), labels(one), "the same as clusters=" + k);
	}

	@Test
	void theModelRecordsTheThreshold(@TempDir final Path folder) throws IOException {
		final ImagePlus eds = SpectrumCommandsTest.eds();
		final File model = folder.resolve("phases.json").toFile();
		final Module module = ok(inputs(eds, 0, 1.0, "agglomerative", "4", model));
		final ClusteringModel read = ClusteringModel.read(model);
		assertEquals(1.0, read.settings().get("distance_threshold"));
		assertEquals(0L, read.settings().get("clusters"));
		assertEquals(summary(module).get("clusters"), read.clusters());
		final Module applied = Commands.runModule(context, ApplyClusteringModelCommand.class, Commands.inputs("image", eds, "model", model, "overlay", false, "roi_manager", false));
		assertFalse(CommandRunner.canceled(applied), () -> "canceled: " + CommandRunner.cancelReason(applied));
		assertEquals(read.clusters(), ((ImagePlus) applied.getOutput("distances")).getStackSize());
		final JsonObject json = JsonParser.parseString(new String(Files.readAllBytes(model.toPath()), StandardCharsets.UTF_8)).getAsJsonObject();
		json.getAsJsonObject("settings").remove("distance_threshold");
		final File old = folder.resolve("old.json").toFile();
		Files.write(old.toPath(), json.toString().getBytes(StandardCharsets.UTF_8));
		assertEquals(0.0, ClusteringModel.read(old).settings().get("distance_threshold"), "a model file from before the key");
	}

	@Test
	void refusals() {
		final ImagePlus eds = SpectrumCommandsTest.eds();
		assertEquals(String.format(ClusterAnalysis.BOTH_CUTS, 4, 1.0), refused(inputs(eds, 4, 1.0, "agglomerative", "none", null)));
		assertEquals(String.format(ClusterAnalysis.NO_CUT, 0, 0.0), refused(inputs(eds, 0, 0, "agglomerative", "none", null)));
		assertEquals(String.format(ClusterAnalysis.NO_CUT, 0, 0.0), refused(inputs(eds, 0, 0, "k-means", "none", null)));
		assertEquals(String.format(ClusterAnalysis.THRESHOLD_NEEDS_AGGLOMERATIVE, "k-means", 1.0), refused(inputs(eds, 0, 1.0, "k-means", "none", null)));
		assertEquals(String.format(ClusterAnalysis.BAD_THRESHOLD, -1.0), refused(inputs(eds, 0, -1, "agglomerative", "none", null)));
	}
}
