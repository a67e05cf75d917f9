package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.pixelclustering.adapters.SampleLayout;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.PixelAgglomeration;
import io.github.pixelclustering.api.PixelAgglomerationResult;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.output.RunSummary;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Partitions;
import io.github.pixelclustering.testutil.TestData;

import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import net.imglib2.parallel.Parallelization;

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
 * Pixel Agglomeration cut by {@code distance_threshold} (issue 22 item 9): the command against
 * scikit-learn 1.2.1's {@code FeatureAgglomeration(n_clusters=None, distance_threshold=t)}
 * ({@code scripts/ward_threshold_fixtures.py}: same number of clusters, same partition), the scripting
 * API, the model file, and every refusal (both or neither of clusters and the threshold, a threshold
 * with kmeans or hkmeans).
 */
class DistanceThresholdTest {

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

	private static Map<String, Object> inputs(final ImagePlus image, final int clusters, final double threshold, final String method, final String connectivity, final File model) {
		return Commands.inputs("image", image, "clusters", clusters, "distance_threshold", threshold, "method", method, "samples", "auto", "dimensions", "2D", "connectivity", connectivity, "mask", MaskImages.NONE, "batch_size", 200, "restarts", 2, "max_no_improvement", 10, "seed", 0L, "init", "k-means++", "lloyd_iterations", 2, "scaling", false, "connected", false, "overlay", false, "roi_manager", false, "save_model", model);
	}

	private static Module ok(final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, PixelAgglomerationCommand.class, inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static String refused(final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, PixelAgglomerationCommand.class, inputs);
		assertTrue(CommandRunner.canceled(module), "expected a cancel");
		return CommandRunner.cancelReason(module);
	}

	private static Map<String, Object> summary(final Module module) {
		return ((RunSummary) CommandRunner.commandOf(module)).summary();
	}

	/** Labels 1..k of the label image, minus 1, in raster order. */
	private static int[] labels(final Module module) {
		final ImagePlus labels = (ImagePlus) module.getOutput("labels");
		final int[] out = new int[labels.getWidth() * labels.getHeight()];
		for (int p = 0; p < out.length; p++)
			out[p] = labels.getProcessor().get(p) - 1;
		return out;
	}

	private static JsonObject fixture(final String name) {
		for (final JsonElement e : TestData.fixture("ward-threshold.json").getAsJsonArray("cases"))
			if (e.getAsJsonObject().get("name").getAsString().equals(name)) return e.getAsJsonObject();
		throw new AssertionError("no fixture case " + name);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "'noise 32x24x6, 4-connected', 32, 24, 6, 5, 4", "'noise 30x20x8, 8-connected', 30, 20, 8, 3, 8" })
	void sameClustersAndPartitionAsScikitLearn(final String name, final int w, final int h, final int samples, final long seed, final String connectivity) {
		final ImagePlus image = PixelAgglomerationModelTest.noise(w, h, samples, seed); // the fixture's noise (radius 2)
		final JsonObject c = fixture(name);
		for (final JsonElement e : c.getAsJsonArray("cuts")) {
			final double t = e.getAsJsonObject().get("threshold").getAsDouble();
			final int k = e.getAsJsonObject().get("clusters").getAsInt();
			final Module module = ok(inputs(image, 0, t, "ward", connectivity, null));
			assertEquals(k, summary(module).get("clusters"), name + ": clusters at distance_threshold=" + t);
			assertEquals(t, summary(module).get("distance_threshold"));
			final int[] ours = labels(module);
			assertEquals(1.0, Partitions.adjustedRand(ours, TestData.ints(e.getAsJsonObject().getAsJsonArray("labels"))), 0.0, name + ": ARI at distance_threshold=" + t);
			// the same as asking for that many clusters
			assertArrayEquals(labels(ok(inputs(image, k, 0, "ward", connectivity, null))), ours, name + ": clusters=" + k);
		}
	}

	@Test
	void scriptingApiCutsByDistanceWithAnyThreads() {
		final ImagePlus image = PixelAgglomerationModelTest.noise(32, 24, 6, 5);
		final SampleLayout layout = SampleLayout.of(image, "auto", "2D");
		final JsonObject cut = fixture("noise 32x24x6, 4-connected").getAsJsonArray("cuts").get(2).getAsJsonObject();
		final double t = cut.get("threshold").getAsDouble();
		final PixelAgglomeration.Settings settings = new PixelAgglomeration.Settings(0, PixelAgglomeration.Method.WARD, 4).withDistanceThreshold(t);
		assertEquals(t, settings.distanceThreshold());
		assertEquals(0, settings.clusters());
		final PixelAgglomerationResult one = Parallelization.runSingleThreaded(() -> PixelAgglomeration.agglomerate(layout.views(), null, settings, ProgressListener.NONE));
		final PixelAgglomerationResult two = Parallelization.runWithNumThreads(2, () -> PixelAgglomeration.agglomerate(layout.views(), null, settings, ProgressListener.NONE));
		final int k = one.tree().clustersAt(t);
		assertEquals(cut.get("clusters").getAsInt(), k, "scikit-learn's n_clusters_");
		assertEquals(k, one.clusters());
		assertEquals(k, two.clusters());
		final PixelAgglomerationResult byCount = PixelAgglomeration.agglomerate(layout.views(), null, new PixelAgglomeration.Settings(k, PixelAgglomeration.Method.WARD, 4), ProgressListener.NONE);
		assertEquals(byCount.objective(), one.objective(), 0.0);
		assertEquals(byCount.objective(), two.objective(), 0.0);
		// 0 cuts by clusters again
		assertEquals(0, new PixelAgglomeration.Settings(5, PixelAgglomeration.Method.WARD, 4).withDistanceThreshold(0).distanceThreshold());
	}

	@Test
	void scriptingApiRefusals() {
		final PixelAgglomeration.Settings ward = new PixelAgglomeration.Settings(0, PixelAgglomeration.Method.WARD, 4);
		for (final double bad : new double[] { -1, Double.NaN, Double.POSITIVE_INFINITY })
			assertEquals(String.format(PixelAgglomeration.BAD_THRESHOLD, bad), assertThrows(IllegalArgumentException.class, () -> ward.withDistanceThreshold(bad)).getMessage());
		assertEquals("Give clusters or distance_threshold, not both: with distance_threshold > 0, clusters must be 0, got clusters=5 and distance_threshold=2.5.", assertThrows(IllegalArgumentException.class, () -> new PixelAgglomeration.Settings(5, PixelAgglomeration.Method.WARD, 4).withDistanceThreshold(2.5)).getMessage());
		assertEquals("distance_threshold cuts the Ward tree: it needs method=ward, got method=hkmeans and distance_threshold=2.5.", assertThrows(IllegalArgumentException.class, () -> new PixelAgglomeration.Settings(0, PixelAgglomeration.Method.HKMEANS, 4).withDistanceThreshold(2.5)).getMessage());
		final ImagePlus image = PixelAgglomerationModelTest.noise(8, 6, 3, 1);
		final SampleLayout layout = SampleLayout.of(image, "auto", "2D");
		assertEquals("Give clusters >= 1, or clusters=0 with distance_threshold > 0 (method=ward), got clusters=0 and distance_threshold=0.0.", assertThrows(IllegalArgumentException.class, () -> PixelAgglomeration.agglomerate(layout.views(), null, ward, ProgressListener.NONE)).getMessage());
	}

	@Test
	void commandRefusals() {
		final ImagePlus image = PixelAgglomerationModelTest.noise(8, 6, 3, 1);
		assertEquals(String.format(PixelAgglomeration.BOTH_CUTS, 5, 2.5), refused(inputs(image, 5, 2.5, "ward", "4", null)));
		assertEquals(String.format(PixelAgglomeration.NO_CUT, 0, 0.0), refused(inputs(image, 0, 0, "ward", "4", null)));
		assertEquals(String.format(PixelAgglomeration.NO_CUT, 0, 0.0), refused(inputs(image, 0, 0, "kmeans", "4", null)));
		assertEquals(String.format(PixelAgglomeration.THRESHOLD_NEEDS_WARD, "kmeans", 2.5), refused(inputs(image, 0, 2.5, "kmeans", "4", null)));
		assertEquals(String.format(PixelAgglomeration.THRESHOLD_NEEDS_WARD, "hkmeans", 2.5), refused(inputs(image, 0, 2.5, "hkmeans", "4", null)));
		assertEquals(String.format(PixelAgglomeration.BAD_THRESHOLD, -1.0), refused(inputs(image, 0, -1, "ward", "4", null)));
	}

	@Test
	void theModelRecordsTheThreshold(@TempDir final Path folder) throws IOException {
		final ImagePlus image = PixelAgglomerationModelTest.noise(32, 24, 6, 5);
		final File model = folder.resolve("parcels.json").toFile();
		final JsonObject cut = fixture("noise 32x24x6, 4-connected").getAsJsonArray("cuts").get(2).getAsJsonObject();
		final double t = cut.get("threshold").getAsDouble();
		final int k = cut.get("clusters").getAsInt();
		final Module module = ok(inputs(image, 0, t, "ward", "4", model));
		final ClusteringModel read = ClusteringModel.read(model);
		assertEquals(t, read.settings().get("distance_threshold"));
		assertEquals(0L, read.settings().get("clusters"));
		assertEquals(k, read.clusters(), "the model's clusters are the cut's");
		assertEquals(k, summary(module).get("clusters"));
		// applied to its training image: the fit's labels back
		final Module applied = Commands.runModule(context, ApplyClusteringModelCommand.class, Commands.inputs("image", image, "model", model, "overlay", false, "roi_manager", false));
		assertFalse(CommandRunner.canceled(applied), () -> "canceled: " + CommandRunner.cancelReason(applied));
		assertArrayEquals(labels(module), labels(applied));
		// a model file from before the key reads as distance_threshold=0
		final JsonObject json = JsonParser.parseString(new String(Files.readAllBytes(model.toPath()), StandardCharsets.UTF_8)).getAsJsonObject();
		json.getAsJsonObject("settings").remove("distance_threshold");
		final File old = folder.resolve("old.json").toFile();
		Files.write(old.toPath(), json.toString().getBytes(StandardCharsets.UTF_8));
		assertEquals(0.0, ClusteringModel.read(old).settings().get("distance_threshold"));
	}
}
