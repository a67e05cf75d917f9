package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.spectrum.ClusterNumber;
import io.github.pixelclustering.spectrum.Decomposition;
import io.github.pixelclustering.testutil.BatchImages;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.EdsData;
import io.github.pixelclustering.testutil.TestData;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * {@link SpectrumClusterAnalysisCommand} and {@link EstimateClustersCommand} through SciJava, headless,
 * on the real EDS map in {@code test-images/} and on small stacks.
 */
class SpectrumCommandsTest {

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

	static ImagePlus eds() {
		final ImagePlus imp = IJ.openImage(TestData.image(EdsData.FILE).toString());
		assertNotNull(imp);
		return imp;
	}

	private static Map<String, Object> analysis(final ImagePlus image, final int clusters) {
		return Commands.inputs("image", image, "clusters", clusters, "distance_threshold", 0.0, "source", "decomposition", "components", 5, "poisson", false, "preprocessing", "norm", "algorithm", "k-means", "connectivity", "none", "restarts", 0, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "centres_from", SpectrumInputs.INPUT, "signal", "mean", "scree", false, "factors", 0, "overlay", false, "roi_manager", false);
	}

	private static Map<String, Object> estimate(final ImagePlus image, final String metric) {
		return Commands.inputs("image", image, "max_clusters", 8, "metric", metric, "source", "decomposition", "components", 5, "poisson", false, "preprocessing", "norm", "algorithm", "k-means", "connectivity", "none", "restarts", 0, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "analyse", false);
	}

	private static Module run(final Class<? extends org.scijava.command.Command> command, final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, command, inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static String refused(final Class<? extends org.scijava.command.Command> command, final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, command, inputs);
		assertTrue(CommandRunner.canceled(module), "expected a cancel");
		return CommandRunner.cancelReason(module);
	}

	private static long sum(final ImagePlus imp) {
		long total = 0;
		for (int s = 1; s <= imp.getStackSize(); s++) {
			final float[] p = (float[]) imp.getStack().getProcessor(s).convertToFloat().getPixels();
			for (final float v : p)
				total += (long) v;
		}
		return total;
	}

	@Test
	void edsMapIsClusteredWithItsEnergyAxis() {
		final ImagePlus eds = eds();
		final long before = sum(eds);
		final Module module = run(SpectrumClusterAnalysisCommand.class, analysis(eds, 4));
		assertEquals(before, sum(eds), "the input must not change");
		final ImagePlus labels = (ImagePlus) module.getOutput("labels");
		assertEquals("eds-30x30-labels", labels.getTitle());
		assertEquals(8, labels.getBitDepth());
		final int[] count = new int[5];
		final byte[] pixels = (byte[]) labels.getProcessor().getPixels();
		for (final byte b : pixels)
			count[b]++;
		assertEquals(0, count[0]);
		for (int l = 1; l < 4; l++)
			assertTrue(count[l] >= count[l + 1], () -> "largest first: " + Arrays.toString(count));
		assertEquals(EdsData.PIXEL_SIZE, labels.getCalibration().pixelWidth, 1e-9);
		final ImagePlus distances = (ImagePlus) module.getOutput("distances");
		assertEquals(4, distances.getStackSize());
		// every pixel is closest to (or as close to) its own cluster's centroid... in k-means at convergence
		for (int p = 0; p < 900; p++) {
			final int own = pixels[p] - 1;
			final float d = distances.getStack().getProcessor(own + 1).getf(p);
			for (int l = 0; l < 4; l++)
				assertTrue(d <= distances.getStack().getProcessor(l + 1).getf(p) + 1e-6);
		}
		final SpectrumClusterAnalysisCommand command = (SpectrumClusterAnalysisCommand) module;
		final ResultsTable spectra = command.tables().get("eds-30x30-cluster-spectra");
		assertEquals(EdsData.CHANNELS, spectra.size());
		assertEquals(EdsData.ENERGY_OFFSET, spectra.getValue("energy", 0), 1e-6);
		assertEquals(EdsData.ENERGY_OFFSET + 100 * EdsData.ENERGY_SCALE, spectra.getValue("energy", 100), 1e-6);
		// the sums of the cluster spectra add up to every count of the map
		double total = 0;
		for (int row = 0; row < spectra.size(); row++)
			for (int l = 1; l <= 4; l++)
				total += spectra.getValue("sum_" + l, row);
		assertEquals(EdsData.TOTAL_COUNTS, total, 1e-3);
		for (int row = 0; row < spectra.size(); row += 97)
			assertEquals(spectra.getValue("sum_2", row) / count[2], spectra.getValue("mean_2", row), 1e-9);
		final ResultsTable clusters = command.tables().get("eds-30x30-clusters");
		for (int l = 1; l <= 4; l++) {
			assertEquals(count[l], (int) clusters.getValue("pixels", l - 1));
			// the centroid spectrum is the measured spectrum of the pixel named in the clusters table
			final int x = (int) clusters.getValue("centroid_x", l - 1), y = (int) clusters.getValue("centroid_y", l - 1);
			assertEquals(l, pixels[y * 30 + x]);
			for (int row = 0; row < spectra.size(); row += 211)
				assertEquals(eds.getStack().getProcessor(row + 1).getf(x, y), spectra.getValue("centroid_" + l, row), 0);
		}
		final ImagePlus plot = (ImagePlus) module.getOutput("spectra");
		assertEquals("eds-30x30-cluster-spectra", plot.getTitle());
		assertNull(module.getOutput("scree_plot"));
		assertEquals("decomposition", command.summary().get("source"));
		assertEquals("keV", command.summary().get("energy_unit"));
	}

	@Test
	void modelSpectraFromTheDecompositionAreHyperSpysClusterSumSignals() {
		// the synthetic 64 x 64 x 512 map of fixtures/hyperspy.json, case Poisson off, 3 components
		final com.google.gson.JsonObject synthetic = TestData.fixture("hyperspy.json").getAsJsonObject("datasets").getAsJsonObject("synthetic");
		final int w = synthetic.get("width").getAsInt(), h = synthetic.get("height").getAsInt(), m = synthetic.get("channels").getAsInt();
		final int[] counts = io.github.pixelclustering.testutil.SyntheticSpectra.generate(w, h, m, synthetic.get("seed").getAsLong()).counts();
		final ImageStack stack = new ImageStack(w, h);
		for (int c = 0; c < m; c++) {
			final FloatProcessor fp = new FloatProcessor(w, h);
			for (int p = 0; p < w * h; p++)
				fp.setf(p, counts[p * m + c]);
			stack.addSlice(fp);
		}
		com.google.gson.JsonObject record = null;
		for (final com.google.gson.JsonElement e : synthetic.getAsJsonArray("clusters")) {
			final com.google.gson.JsonObject r = e.getAsJsonObject();
			if (!r.get("normalize_poissonian_noise").getAsBoolean() && r.get("number_of_components").getAsInt() == 3) record = r;
		}
		final Map<String, Object> inputs = analysis(new ImagePlus("synthetic", stack), 4);
		inputs.put("components", 3);
		inputs.put("centres_from", SpectrumInputs.DECOMPOSITION);
		final SpectrumClusterAnalysisCommand command = (SpectrumClusterAnalysisCommand) run(SpectrumClusterAnalysisCommand.class, inputs);
		final ResultsTable clusters = command.tables().get("synthetic-clusters");
		final ResultsTable spectra = command.tables().get("synthetic-cluster-spectra");
		assertEquals(m, spectra.size());
		final com.google.gson.JsonArray sizes = record.getAsJsonArray("sizes"), sums = record.getAsJsonArray("sum_signals");
		for (int l = 1; l <= 4; l++) {
			// HyperSpy's rows are not sorted by size: find the row of the same size
			int row = -1;
			for (int r = 0; r < 4; r++)
				if (sizes.get(r).getAsInt() == (int) clusters.getValue("pixels", l - 1)) row = r;
			assertTrue(row >= 0, "a HyperSpy cluster of " + clusters.getValue("pixels", l - 1) + " pixels");
			for (int c = 0; c < m; c++) {
				final double expected = sums.get(row).getAsJsonArray().get(c).getAsDouble();
				assertEquals(expected, spectra.getValue("sum_" + l, c), 1e-6 * Math.max(1, Math.abs(expected)), "cluster " + l + ", channel " + c);
			}
		}
	}

	@Test
	void optionalOutputsScreeFactorsAndLoadings() {
		final Map<String, Object> inputs = analysis(eds(), 3);
		inputs.put("scree", true);
		inputs.put("factors", 3);
		inputs.put("signal", "centroid");
		inputs.put("overlay", true);
		final ImagePlus input = (ImagePlus) inputs.get("image");
		final Module module = run(SpectrumClusterAnalysisCommand.class, inputs);
		assertEquals(3, input.getOverlay().size(), "one outline per cluster on the input");
		assertEquals("cluster 1", input.getOverlay().get(0).getName());
		assertEquals("eds-30x30-scree", ((ImagePlus) module.getOutput("scree_plot")).getTitle());
		assertEquals("eds-30x30-factors", ((ImagePlus) module.getOutput("factors_plot")).getTitle());
		final ImagePlus loadings = (ImagePlus) module.getOutput("loadings");
		assertEquals(3, loadings.getStackSize());
	}

	@Test
	void energyRangeMaskAndSelectionRestrictTheAnalysis() {
		final ImagePlus eds = eds();
		final Map<String, Object> inputs = analysis(eds, 3);
		inputs.put("energy_min", 0.2);
		inputs.put("energy_max", 10.0);
		final ByteProcessor m = new ByteProcessor(30, 30);
		for (int y = 0; y < 30; y++)
			for (int x = 0; x < 20; x++)
				m.set(x, y, 255);
		final ImagePlus maskImage = new ImagePlus("left-mask", m);
		eds.setRoi(new Roi(0, 0, 30, 15));
		BatchImages.with(new ImagePlus[] { eds, maskImage }, () -> {
			inputs.put("mask", "left-mask");
			final SpectrumClusterAnalysisCommand command = (SpectrumClusterAnalysisCommand) run(SpectrumClusterAnalysisCommand.class, inputs);
			assertEquals(300, command.summary().get("pixels"));
			final int first = (int) Math.ceil((0.2 - EdsData.ENERGY_OFFSET) / EdsData.ENERGY_SCALE);
			assertEquals(EdsData.ENERGY_OFFSET + first * EdsData.ENERGY_SCALE, (double) command.summary().get("energy_from"), 1e-9);
			final byte[] labels = (byte[]) ((ImagePlus) ((Module) command).getOutput("labels")).getProcessor().getPixels();
			for (int y = 0; y < 30; y++)
				for (int x = 0; x < 30; x++)
					assertEquals(x < 20 && y < 15, labels[y * 30 + x] != 0, "labelled exactly inside the selection and the mask");
		});
	}

	@Test
	void twoMoonsAsATwoChannelImageNeedSpectralClustering() {
		// scikit-learn's make_moons(200, noise=0.05, random_state=0) (fixtures/spectral.json) as a
		// 20 x 10 image whose 2 "energy channels" are the point coordinates
		com.google.gson.JsonObject moons = null;
		for (final com.google.gson.JsonElement c : TestData.fixture("spectral.json").getAsJsonArray("cases"))
			if ("moons".equals(c.getAsJsonObject().get("name").getAsString())) moons = c.getAsJsonObject();
		final double[] xy = new double[400];
		for (int i = 0; i < 400; i++)
			xy[i] = moons.getAsJsonArray("x").get(i).getAsDouble();
		final int[] truth = TestData.ints(moons.getAsJsonArray("truth"));
		final ImageStack stack = new ImageStack(20, 10);
		for (int c = 0; c < 2; c++) {
			final FloatProcessor fp = new FloatProcessor(20, 10);
			for (int p = 0; p < 200; p++)
				fp.setf(p, (float) xy[2 * p + c]);
			stack.addSlice(fp);
		}
		final ImagePlus image = new ImagePlus("moons", stack);
		final Map<String, Object> inputs = analysis(image, 2);
		inputs.put("source", "signal");
		inputs.put("preprocessing", "none");
		inputs.put("algorithm", "spectral");
		final byte[] spectral = (byte[]) ((ImagePlus) run(SpectrumClusterAnalysisCommand.class, inputs).getOutput("labels")).getProcessor().getPixels();
		assertEquals(1.0, io.github.pixelclustering.testutil.Partitions.adjustedRand(ints(spectral), truth), 1e-12);
		inputs.put("algorithm", "k-means");
		final byte[] kmeans = (byte[]) ((ImagePlus) run(SpectrumClusterAnalysisCommand.class, inputs).getOutput("labels")).getProcessor().getPixels();
		assertTrue(io.github.pixelclustering.testutil.Partitions.adjustedRand(ints(kmeans), truth) < 0.6, "k-means cannot separate the moons");
		// agglomerative Ward without and with 4-connectivity runs through the same command
		inputs.put("algorithm", "agglomerative");
		run(SpectrumClusterAnalysisCommand.class, inputs);
		inputs.put("connectivity", "4");
		final byte[] connected = (byte[]) ((ImagePlus) run(SpectrumClusterAnalysisCommand.class, inputs).getOutput("labels")).getProcessor().getPixels();
		assertEquals(2, io.github.pixelclustering.testutil.Regions.count(ints(connected), 20, 10), "with connectivity every cluster is one 4-connected region");
	}

	private static int[] ints(final byte[] labels) {
		final int[] out = new int[labels.length];
		for (int i = 0; i < labels.length; i++)
			out[i] = labels[i];
		return out;
	}

	@Test
	void badInputCancelsWithAMessage() {
		final ImagePlus eds = eds();
		final ImagePlus single = new ImagePlus("single", new FloatProcessor(4, 4));
		assertTrue(refused(SpectrumClusterAnalysisCommand.class, analysis(single, 2)).startsWith(SpectrumAxis.NO_AXIS.substring(0, 40)));
		Map<String, Object> inputs = analysis(eds, 4);
		inputs.put("energy_min", 30.0);
		inputs.put("energy_max", 40.0);
		assertTrue(refused(SpectrumClusterAnalysisCommand.class, inputs).startsWith("The energy range 30.0..40.0 keV lies outside the energy axis"));
		inputs = analysis(eds, 4);
		inputs.put("energy_min", 1.0001);
		inputs.put("energy_max", 1.0002);
		assertTrue(refused(SpectrumClusterAnalysisCommand.class, inputs).startsWith("The energy range 1.0001..1.0002 keV holds no channel"));
		inputs = analysis(eds, 4);
		inputs.put("components", 901);
		assertEquals(String.format(SpectrumClustering.TOO_MANY_COMPONENTS, 900, 901), refused(SpectrumClusterAnalysisCommand.class, inputs));
		assertEquals("The number of clusters must be between 1 and the number of pixels analysed (900), got 901.", refused(SpectrumClusterAnalysisCommand.class, analysis(eds, 901)));
		final ImageStack nanStack = new ImageStack(3, 3);
		for (int c = 0; c < 4; c++)
			nanStack.addSlice(new FloatProcessor(3, 3));
		nanStack.getProcessor(3).setf(1, 2, Float.NaN);
		inputs = analysis(new ImagePlus("nan", nanStack), 2);
		inputs.put("components", 2);
		assertEquals(String.format(Decomposition.NOT_FINITE, "NaN", 7, 2), refused(SpectrumClusterAnalysisCommand.class, inputs));
		final ImageStack small = new ImageStack(5, 5);
		for (int s = 1; s <= 3; s++)
			small.addSlice(new FloatProcessor(5, 5));
		final ImagePlus other = new ImagePlus("other-size", small);
		BatchImages.with(new ImagePlus[] { eds, other }, () -> {
			final Map<String, Object> centres = analysis(eds, 4);
			centres.put("centres_from", "other-size");
			assertEquals(String.format(SpectrumClustering.CENTRES_SIZE, 30, 30, 5, 5), refused(SpectrumClusterAnalysisCommand.class, centres));
		});
		inputs = estimate(eds, "gap");
		inputs.put("max_clusters", 1);
		assertEquals(String.format(ClusterNumber.MAX_TOO_SMALL, 1), refused(EstimateClustersCommand.class, inputs));
	}

	@Test
	void estimatesForTheEdsMap() {
		final ImagePlus eds = eds();
		for (final String metric : new String[] { "elbow", "silhouette", "gap" }) {
			final EstimateClustersCommand command = (EstimateClustersCommand) run(EstimateClustersCommand.class, estimate(eds, metric));
			final int k = (Integer) command.summary().get("estimate");
			final ResultsTable one = command.tables().get("eds-30x30-cluster-estimate");
			assertEquals(k, (int) one.getValue("estimate", 0));
			final ResultsTable perK = command.tables().get("eds-30x30-cluster-metric");
			assertEquals("silhouette".equals(metric) ? 7 : 8, perK.size());
			int marked = -1;
			for (int row = 0; row < perK.size(); row++)
				if (perK.getValue("estimate", row) == 1) marked = (int) perK.getValue("k", row);
			assertEquals(k, marked);
		}
	}

	@Test
	void estimateCanRunTheAnalysisRightAway() {
		final Map<String, Object> inputs = estimate(eds(), "elbow");
		inputs.put("analyse", true);
		final Module module = run(EstimateClustersCommand.class, inputs);
		final int k = (Integer) module.getOutput("estimate");
		final ImagePlus labels = (ImagePlus) module.getOutput("labels");
		assertEquals(k, (int) labels.getProcessor().getStatistics().max);
		assertNotNull(module.getOutput("spectra"));
	}
}
