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
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * The {@code init} key (k-means++ or random, issue 22 item 8) of every command that runs k-means
 * (Colour Quantization, Pixel Agglomeration's kmeans and hkmeans, Cluster Slices, the two spectrum
 * commands):
 * {@code init=random} starts elsewhere than k-means++ from the same seed (other labels), gives the same
 * labels with 1 and 2 threads, and is recorded in the saved model; a model file without the key (written
 * before it existed) reads as k-means++. Every run gives every input, {@code init} included, so that no
 * last-used value leaks between tests.
 */
class InitKeyTest {

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

	// -- Inputs --

	private static Map<String, Object> colours(final ImagePlus image, final String method, final String init, final File model) {
		return Commands.inputs("image", image, "clusters", 12, "method", method, "space", "RGB", "restarts", 1, "seed", 3L, "init", init, "overlay", false, "roi_manager", false, "save_model", model);
	}

	private static Map<String, Object> agglomeration(final ImagePlus image, final String method, final String init, final File model) {
		return Commands.inputs("image", image, "clusters", 12, "distance_threshold", 0.0, "method", method, "samples", "auto", "dimensions", "2D", "connectivity", "4", "mask", MaskImages.NONE, "batch_size", 200, "restarts", 1, "max_no_improvement", 10, "seed", 3L, "init", init, "lloyd_iterations", 0, "scaling", false, "connected", false, "overlay", false, "roi_manager", false, "save_model", model);
	}

	private static Map<String, Object> slices(final ImagePlus image, final String method, final String init, final File model) {
		return Commands.inputs("image", image, "clusters", 10, "method", method, "restarts", 1, "seed", 3L, "init", init, "mask", MaskImages.NONE, "reorder", false, "save_model", model);
	}

	private static Map<String, Object> analysis(final ImagePlus image, final String algorithm, final String init, final File model) {
		return Commands.inputs("image", image, "clusters", 7, "distance_threshold", 0.0, "source", "decomposition", "components", 5, "poisson", false, "preprocessing", "norm", "algorithm", algorithm, "connectivity", "none", "restarts", 1, "seed", 3L, "init", init, //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "centres_from", SpectrumInputs.INPUT, "signal", "mean", "scree", false, "factors", 0, "overlay", false, "roi_manager", false, "save_model", model);
	}

	private static Map<String, Object> estimate(final ImagePlus image, final String algorithm, final String init, final File model) {
		return Commands.inputs("image", image, "max_clusters", 7, "metric", "elbow", "source", "decomposition", "components", 5, "poisson", false, "preprocessing", "norm", "algorithm", algorithm, "connectivity", "none", "restarts", 1, "seed", 3L, "init", init, //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "analyse", model != null, "save_model", model);
	}

	// -- Helpers --

	private static Module run(final Class<? extends Command> command, final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, command, inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static int[] labels(final Module module) {
		final ImagePlus labels = (ImagePlus) module.getOutput("labels");
		final int n = labels.getWidth() * labels.getHeight();
		final int[] out = new int[n];
		for (int p = 0; p < n; p++)
			out[p] = labels.getProcessor().get(p);
		return out;
	}

	private static Object summary(final Module module, final String key) {
		return ((RunSummary) CommandRunner.commandOf(module)).summary().get(key);
	}

	/** Runs with k-means++, then init=random with 1 and 2 threads: same random labels, other than k-means++'s. */
	private static Module[] compare(final Class<? extends Command> command, final Supplier<Map<String, Object>> plusPlus, final Supplier<Map<String, Object>> random) {
		final Module first = run(command, plusPlus.get());
		final Module one = Commands.withThreads(1, () -> run(command, random.get()));
		final Module two = Commands.withThreads(2, () -> run(command, random.get()));
		assertArrayEquals(labels(one), labels(two), "init=random: same seed, same labels on 1 and 2 threads");
		assertFalse(Arrays.equals(labels(first), labels(one)), "init=random starts elsewhere than k-means++ from the same seed");
		return new Module[] { first, one };
	}

	/** The model file records init=random; the same file without the key reads as k-means++. */
	private static void assertRecorded(final File model, final Path folder) throws IOException {
		assertEquals("random", ClusteringModel.read(model).settings().get("init"));
		final JsonObject json = JsonParser.parseString(new String(Files.readAllBytes(model.toPath()), StandardCharsets.UTF_8)).getAsJsonObject();
		assertEquals("random", json.getAsJsonObject("settings").get("init").getAsString());
		json.getAsJsonObject("settings").remove("init");
		final File old = folder.resolve("old-" + model.getName()).toFile();
		Files.write(old.toPath(), json.toString().getBytes(StandardCharsets.UTF_8));
		assertEquals("k-means++", ClusteringModel.read(old).settings().get("init"), "a model file from before the init key");
	}

	// -- Tests --

	@ParameterizedTest
	@ValueSource(strings = { "k-means", "mini-batch" })
	void colourQuantization(final String method, @TempDir final Path folder) throws IOException {
		final ImagePlus image = Images.open("china-213x142.png");
		final File model = folder.resolve("colours.json").toFile();
		final Module[] runs = compare(ColourQuantizationCommand.class, () -> colours(image, method, "k-means++", null), () -> colours(image, method, "random", null));
		assertEquals("k-means++", summary(runs[0], "init"));
		assertEquals("random", summary(runs[1], "init"));
		final Module saved = run(ColourQuantizationCommand.class, colours(image, method, "random", model));
		assertArrayEquals(labels(runs[1]), labels(saved));
		assertRecorded(model, folder);
	}

	@ParameterizedTest
	@ValueSource(strings = { "kmeans", "hkmeans" })
	void pixelAgglomeration(final String method, @TempDir final Path folder) throws IOException {
		final ImagePlus image = PixelAgglomerationModelTest.noise(40, 32, 6, 7);
		final File model = folder.resolve("parcels.json").toFile();
		final Module[] runs = compare(PixelAgglomerationCommand.class, () -> agglomeration(image, method, "k-means++", null), () -> agglomeration(image, method, "random", null));
		assertEquals("random", summary(runs[1], "init"));
		final Module saved = run(PixelAgglomerationCommand.class, agglomeration(image, method, "random", model));
		assertArrayEquals(labels(runs[1]), labels(saved));
		assertRecorded(model, folder);
	}

	@ParameterizedTest
	@ValueSource(strings = { "k-means", "mini-batch" })
	void clusterSlices(final String method, @TempDir final Path folder) throws IOException {
		final ImagePlus digits = Images.digits();
		final ImagePlus image = new ImagePlus("digits-300", digits.getStack().crop(0, 0, 0, 8, 8, 300));
		final File model = folder.resolve("slices.json").toFile();
		final Supplier<Map<String, Object>> plusPlus = () -> slices(image, method, "k-means++", null);
		final Module first = run(ClusterSlicesCommand.class, plusPlus.get());
		final Module one = Commands.withThreads(1, () -> run(ClusterSlicesCommand.class, slices(image, method, "random", null)));
		final Module two = Commands.withThreads(2, () -> run(ClusterSlicesCommand.class, slices(image, method, "random", null)));
		final String a = table(first), b = table(one);
		assertEquals(b, table(two), "init=random: same seed, same clusters on 1 and 2 threads");
		assertFalse(a.equals(b), "init=random starts elsewhere than k-means++ from the same seed");
		assertEquals("random", summary(one, "init"));
		run(ClusterSlicesCommand.class, slices(image, method, "random", model));
		assertRecorded(model, folder);
	}

	/** The cluster of every slice, from the slices table. */
	private static String table(final Module module) {
		final Map<String, ResultsTable> tables = ((RunSummary) CommandRunner.commandOf(module)).tables();
		final ResultsTable t = tables.get("digits-300-slices");
		final StringBuilder sb = new StringBuilder();
		for (int r = 0; r < t.size(); r++)
			sb.append((int) t.getValue("cluster", r)).append(' ');
		return sb.toString();
	}

	@ParameterizedTest
	@ValueSource(strings = { "k-means", "mini-batch" })
	void spectrumImageClusterAnalysis(final String algorithm, @TempDir final Path folder) throws IOException {
		final ImagePlus image = SpectrumCommandsTest.eds();
		final File model = folder.resolve("phases.json").toFile();
		final Module[] runs = compare(SpectrumClusterAnalysisCommand.class, () -> analysis(image, algorithm, "k-means++", null), () -> analysis(image, algorithm, "random", null));
		assertEquals("random", summary(runs[1], "init"));
		final Module saved = run(SpectrumClusterAnalysisCommand.class, analysis(image, algorithm, "random", model));
		assertArrayEquals(labels(runs[1]), labels(saved));
		assertRecorded(model, folder);
	}

	@Test
	void estimateNumberOfClusters(@TempDir final Path folder) throws IOException {
		final ImagePlus image = SpectrumCommandsTest.eds();
		final String title = "eds-30x30-cluster-metric";
		final Module plusPlus = run(EstimateClustersCommand.class, estimate(image, "k-means", "k-means++", null));
		final double[] a = metric(plusPlus, title);
		final double[] one = Commands.withThreads(1, () -> metric(run(EstimateClustersCommand.class, estimate(image, "k-means", "random", null)), title));
		final double[] two = Commands.withThreads(2, () -> metric(run(EstimateClustersCommand.class, estimate(image, "k-means", "random", null)), title));
		assertArrayEquals(one, two, 0.0, "init=random: same seed, same metric on 1 and 2 threads");
		assertFalse(Arrays.equals(a, one), () -> "init=random starts elsewhere: " + Arrays.toString(a) + " and " + Arrays.toString(one));
		// with analyse=true, the model of the analysis at the estimate records init
		final File model = folder.resolve("estimate.json").toFile();
		run(EstimateClustersCommand.class, estimate(image, "k-means", "random", model));
		assertTrue(model.isFile());
		assertRecorded(model, folder);
	}

	private static double[] metric(final Module module, final String title) {
		final ResultsTable t = ((RunSummary) CommandRunner.commandOf(module)).tables().get(title);
		final double[] out = new double[t.size()];
		for (int r = 0; r < out.length; r++)
			out[r] = t.getValue("log_W", r);
		return out;
	}

	@Test
	void anUnknownInitIsRefused() {
		final ImagePlus image = Images.open("china-213x142.png");
		final Module module = Commands.runModule(context, ColourQuantizationCommand.class, colours(image, "k-means", "forgy", null));
		assertTrue(CommandRunner.canceled(module));
		assertEquals("init must be k-means++ or random, got \"forgy\".", CommandRunner.cancelReason(module));
	}
}
