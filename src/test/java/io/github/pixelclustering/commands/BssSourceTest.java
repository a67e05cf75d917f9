package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumClusteringResult;
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
import ij.measure.ResultsTable;
import ij.process.FloatProcessor;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * {@code source=bss} and {@code centres_from=<bss>} of Spectrum Image Cluster Analysis against HyperSpy
 * 1.7.3's {@code blind_source_separation(n, random_state=0)} then {@code cluster_analysis("bss",
 * number_of_components=n)} ({@code fixtures/hyperspy-bss.json}): the partition, the unmixing matrix in
 * the saved model, the model's labels on the training map, and the model spectra (HyperSpy's "bss"
 * centres are the decomposition's rank-n model).
 */
class BssSourceTest {

	private static final int RESTARTS = 30;

	private static Context context;
	private static JsonObject fixture;

	@TempDir
	Path folder;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
		fixture = TestData.fixture("hyperspy-bss.json");
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	private static ImagePlus image(final JsonObject record) {
		if ("eds".equals(record.get("dataset").getAsString())) return EdsData.open();
		final int[] counts = SyntheticSpectra.generate(64, 64, 512, 6).counts();
		final ImageStack stack = new ImageStack(64, 64);
		for (int c = 0; c < 512; c++) {
			final FloatProcessor fp = new FloatProcessor(64, 64);
			for (int p = 0; p < 64 * 64; p++)
				fp.setf(p, counts[p * 512 + c]);
			stack.addSlice(fp);
		}
		return new ImagePlus("synthetic", stack);
	}

	private static Map<String, Object> inputs(final ImagePlus image, final String source, final int components, final boolean poisson, final String centres, final File model) {
		return Commands.inputs("image", image, "clusters", 4, "distance_threshold", 0.0, "source", source, "components", String.valueOf(components), "poisson", poisson, "preprocessing", "norm", "algorithm", "k-means", "connectivity", "none", "restarts", RESTARTS, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "centres_from", centres, "signal", "mean", "scree", false, "factors", 0, "overlay", false, "roi_manager", false, "save_model", model);
	}

	private static Module run(final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, SpectrumClusterAnalysisCommand.class, inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static int[] labels(final Module module, final int pixels) {
		final ImagePlus labels = (ImagePlus) module.getOutput("labels");
		final int[] out = new int[pixels];
		for (int p = 0; p < pixels; p++)
			out[p] = (int) labels.getProcessor().getf(p) - 1;
		return out;
	}

	@Test
	void hyperSpysBssPartitionUnmixingMatrixAndModelSpectra() {
		int cases = 0;
		for (final JsonElement e : fixture.getAsJsonArray("cases")) {
			final JsonObject record = e.getAsJsonObject();
			final boolean poisson = record.get("normalize_poissonian_noise").getAsBoolean();
			final int n = record.get("components").getAsInt();
			final String label = record.get("dataset").getAsString() + " poisson=" + poisson;
			final ImagePlus image = image(record);
			final File file = folder.resolve("bss-" + cases + ".json").toFile();
			final Module module = run(inputs(image, "bss", n, poisson, SpectrumInputs.BSS, file));
			final SpectrumClusterAnalysisCommand command = (SpectrumClusterAnalysisCommand) module.getDelegateObject();
			assertEquals(record.get("iterations").getAsInt(), command.summary().get("bss_iterations"), label);
			assertEquals("model: " + n + " components", command.summary().get("cluster_spectra"), label);
			final int pixels = image.getWidth() * image.getHeight();
			final int[] ours = labels(module, pixels);
			// HyperSpy's partition, or one as close as HyperSpy's other seeds give with an inertia no higher
			final double ari = Partitions.adjustedRand(ours, TestData.hexLabels(record.get("labels").getAsString()));
			if (ari < 1) {
				assertTrue(ari >= record.get("other_seeds_min_ari").getAsDouble(), label + ": ARI " + ari + " against HyperSpy's BSS partition");
				assertTrue((double) command.summary().get("inertia") <= record.get("kmeans_inertia").getAsDouble() * (1 + 1e-9), label + ": k-means optimum no worse than HyperSpy's");
			}
			// the model file carries HyperSpy's unmixing matrix and labels the map as the fit did
			final SpectrumClusteringModel model = (SpectrumClusteringModel) ClusteringModel.read(file);
			final JsonArray rows = record.getAsJsonArray("unmixing_matrix");
			final double[] w = model.unmixing();
			for (int r = 0; r < n; r++)
				for (int i = 0; i < n; i++)
					assertEquals(rows.get(r).getAsJsonArray().get(i).getAsDouble(), w[r * n + i], 1e-8 * Math.abs(w[r * n]) + 1e-8, label + ": unmixing " + r + "," + i);
			final int[] applied = model.apply(SpectrumAxis.of(image, 0, 0, "keV").views(), null, ProgressListener.NONE).labels();
			assertArrayEquals(ours, applied, label + ": the saved model labels the training map as the fit");
			// <bss> spectra are the decomposition's rank-n model summed over the clusters, as HyperSpy's: the
			// decomposition clustered into our BSS partition (a user's algorithm that gives it back)
			final SpectrumClustering.Settings decomposition = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, n, poisson, Preprocessing.NORM, ClusterAnalysis.Algorithm.KMEANS, 0, 4, 1, 0, 0, -1).withAlgorithm((x, count, d, k) -> ours.clone());
			final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels = SpectrumAxis.of(image, 0, 0, "keV").views();
			final SpectrumClusteringResult rankN = SpectrumClustering.cluster(SpectrumClustering.features(channels, null, decomposition, ProgressListener.NONE), null, decomposition, ProgressListener.NONE);
			final String title = image.getTitle().replaceFirst("\\.tif$", "");
			final ResultsTable bssSpectra = command.tables().get(title + "-cluster-spectra");
			for (int l = 0; l < 4; l++) {
				final double[] a = bssSpectra.getColumn("sum_" + (l + 1)), b = rankN.signals().sum(l);
				double largest = 0;
				for (final double v : b)
					largest = Math.max(largest, Math.abs(v));
				for (int c = 0; c < a.length; c++)
					assertEquals(b[c], a[c], 1e-9 * largest, label + ": model sum of cluster " + (l + 1) + " at channel " + c);
			}
			cases++;
		}
		assertEquals(3, cases);
	}

	@Test
	void bssNeedsTheComponentsAndTheEstimateTakesIt() {
		final Map<String, Object> estimate = Commands.inputs("image", EdsData.open(), "max_clusters", 5, "metric", "elbow", "source", "bss", "components", "auto", "poisson", false, "preprocessing", "norm", "algorithm", "k-means", "connectivity", "none", "restarts", 1, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "analyse", false, "save_model", null);
		final Module module = Commands.runModule(context, EstimateClustersCommand.class, estimate);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		final EstimateClustersCommand command = (EstimateClustersCommand) module.getDelegateObject();
		assertEquals(8, command.summary().get("components"));
		assertTrue(command.summary().containsKey("bss_iterations"));
	}
}
