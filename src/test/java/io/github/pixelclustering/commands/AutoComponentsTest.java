package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.EdsData;
import io.github.pixelclustering.testutil.Partitions;
import io.github.pixelclustering.testutil.SyntheticSpectra;
import io.github.pixelclustering.testutil.TestData;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.FloatProcessor;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * {@code components=auto}: HyperSpy 1.7.3's number of significant components (the elbow of the scree
 * plot plus one, {@code number_significant_components}), which its {@code cluster_analysis} clusters
 * without {@code number_of_components}, against {@code scripts/hyperspy_significant_components.py} ->
 * {@code fixtures/hyperspy-significant-components.json}: the EDS map, the synthetic map and two small
 * synthetic maps (the length rule), with and without Poisson normalisation.
 */
class AutoComponentsTest {

	/** k-means restarts, as HyperSpyCentreSpectraTest: enough to find HyperSpy's optimum. */
	private static final int RESTARTS = 30;

	private static Context context;
	private static JsonObject fixture;

	@TempDir
	Path folder;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
		fixture = TestData.fixture("hyperspy-significant-components.json");
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	private static ImagePlus image(final JsonObject record) {
		if ("eds".equals(record.get("dataset").getAsString())) return EdsData.open();
		final int w = record.get("width").getAsInt(), h = record.get("height").getAsInt(), m = record.get("channels").getAsInt();
		final long seed = record.has("seed") ? record.get("seed").getAsLong() : 6;
		final int[] counts = SyntheticSpectra.generate(w, h, m, seed).counts();
		final ImageStack stack = new ImageStack(w, h);
		for (int c = 0; c < m; c++) {
			final FloatProcessor fp = new FloatProcessor(w, h);
			for (int p = 0; p < w * h; p++)
				fp.setf(p, counts[p * m + c]);
			stack.addSlice(fp);
		}
		return new ImagePlus("synthetic", stack);
	}

	@Test
	void autoIsHyperSpysNumberOfSignificantComponentsAndItsPartition() {
		int cases = 0;
		for (final JsonElement e : fixture.getAsJsonArray("cases")) {
			final JsonObject record = e.getAsJsonObject();
			final boolean poisson = record.get("normalize_poissonian_noise").getAsBoolean();
			final String label = record.get("dataset").getAsString() + " poisson=" + poisson;
			final ImagePlus image = image(record);
			final SpectrumClustering.Settings settings = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, SpectrumClustering.AUTO_COMPONENTS, poisson, Preprocessing.NORM, ClusterAnalysis.Algorithm.KMEANS, 0, 4, RESTARTS, 0, 0, -1);
			final SpectrumClustering.Features features = SpectrumClustering.features(SpectrumAxis.of(image, 0, 0, "keV").views(), null, settings, ProgressListener.NONE);
			// the curve the rule reads, as HyperSpy's full SVD gives it
			final JsonArray ratio = record.getAsJsonArray("explained_variance_ratio");
			final double[] ours = features.decomposition().explainedVarianceRatio();
			for (int i = 0; i < ratio.size(); i++)
				assertEquals(ratio.get(i).getAsDouble(), ours[i], 1e-7 * ratio.get(i).getAsDouble(), label + ": explained variance ratio " + i);
			final int n = record.get("number_significant_components").getAsInt();
			assertEquals(n, features.components(), label + ": number of significant components");
			assertEquals(n, features.significantComponents(), label);
			assertEquals(n, features.dimensions(), label + ": features clustered");
			assertTrue(features.componentsAutomatic(), label);
			final int[] theirs = TestData.hexLabels(record.get("labels").getAsString());
			final int[] labels = SpectrumClustering.cluster(features, null, settings, ProgressListener.NONE).fit().labels();
			assertEquals(1.0, Partitions.adjustedRand(labels, theirs), 0, label + ": HyperSpy's default-call partition");
			cases++;
		}
		assertEquals(8, cases);
	}

	@Test
	void givenComponentsAreNotAutomatic() {
		final ImagePlus image = EdsData.open();
		final SpectrumClustering.Settings settings = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 5, false, Preprocessing.NORM, ClusterAnalysis.Algorithm.KMEANS, 0, 4, 1, 0, 0, -1);
		final SpectrumClustering.Features five = SpectrumClustering.features(SpectrumAxis.of(image, 0, 0, "keV").views(), null, settings, ProgressListener.NONE);
		assertEquals(5, five.components());
		assertFalse(five.componentsAutomatic());
		assertEquals(-1, five.significantComponents(), "5 components computed: too few for the elbow");
		final SpectrumClustering.Features shown = SpectrumClustering.features(SpectrumAxis.of(image, 0, 0, "keV").views(), null, settings.withComponentsShown(21), ProgressListener.NONE);
		assertEquals(5, shown.components());
		assertEquals(8, shown.significantComponents(), "the elbow, with 21 components computed");
	}

	private static Map<String, Object> analysis(final ImagePlus image, final String components, final File model) {
		return Commands.inputs("image", image, "clusters", 4, "distance_threshold", 0.0, "source", "decomposition", "components", components, "poisson", true, "preprocessing", "norm", "algorithm", "k-means", "connectivity", "none", "restarts", RESTARTS, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "centres_from", SpectrumInputs.INPUT, "signal", "mean", "scree", true, "factors", 0, "overlay", false, "roi_manager", false, "save_model", model);
	}

	@Test
	void commandSaysAutoInTheSummaryThePlotAndTheModel() {
		final File file = folder.resolve("auto.json").toFile();
		final Module module = Commands.runModule(context, SpectrumClusterAnalysisCommand.class, analysis(EdsData.open(), "auto", file));
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		final SpectrumClusterAnalysisCommand command = (SpectrumClusterAnalysisCommand) module.getDelegateObject();
		assertEquals(8, command.summary().get("components"));
		assertEquals(8, command.summary().get("significant_components"));
		assertTrue(String.valueOf(command.summary().get("components_chosen_by")).startsWith("auto: elbow"));
		assertTrue(module.getOutput("scree_plot") != null, "scree plot");
		final SpectrumClusteringModel model = (SpectrumClusteringModel) ClusteringModel.read(file);
		assertEquals(8, model.components());
		assertTrue(model.componentsAutomatic());
		assertEquals("auto", model.settings().get("components"));
		// a number stays a number, in the model's keys too, and is not automatic
		final File given = folder.resolve("given.json").toFile();
		final Module five = Commands.runModule(context, SpectrumClusterAnalysisCommand.class, analysis(EdsData.open(), "5", given));
		final SpectrumClusterAnalysisCommand fiveCommand = (SpectrumClusterAnalysisCommand) five.getDelegateObject();
		assertEquals(5, fiveCommand.summary().get("components"));
		assertEquals(8, fiveCommand.summary().get("significant_components"), "the scree plot computed enough components for the elbow");
		assertFalse(fiveCommand.summary().containsKey("components_chosen_by"));
		final SpectrumClusteringModel fiveModel = (SpectrumClusteringModel) ClusteringModel.read(given);
		assertFalse(fiveModel.componentsAutomatic());
		assertEquals(5.0, ((Number) fiveModel.settings().get("components")).doubleValue());
		assertEquals("elbow: 8 significant components (components=auto: clustered)", SpectrumOutputs.screeMark(8, autoFeatures()));
	}

	private static SpectrumClustering.Features autoFeatures() {
		final SpectrumClustering.Settings settings = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, SpectrumClustering.AUTO_COMPONENTS, true, Preprocessing.NORM, ClusterAnalysis.Algorithm.KMEANS, 0, 4, 1, 0, 0, -1);
		return SpectrumClustering.features(SpectrumAxis.of(EdsData.open(), 0, 0, "keV").views(), null, settings, ProgressListener.NONE);
	}

	@Test
	void estimateTakesAutoAndBadValuesAreRefused() {
		final Map<String, Object> inputs = Commands.inputs("image", EdsData.open(), "max_clusters", 5, "metric", "elbow", "source", "decomposition", "components", "auto", "poisson", true, "preprocessing", "norm", "algorithm", "k-means", "connectivity", "none", "restarts", 1, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "analyse", false, "save_model", null);
		final Module module = Commands.runModule(context, EstimateClustersCommand.class, inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		assertEquals(8, ((EstimateClustersCommand) module.getDelegateObject()).summary().get("components"));
		for (final String bad : new String[] { "many", "0", "-2", "2.5" }) {
			final Module refused = Commands.runModule(context, SpectrumClusterAnalysisCommand.class, analysis(EdsData.open(), bad, null));
			assertTrue(CommandRunner.canceled(refused), bad);
			assertEquals(String.format(SpectrumInputs.BAD_COMPONENTS, bad), CommandRunner.cancelReason(refused));
		}
	}
}
