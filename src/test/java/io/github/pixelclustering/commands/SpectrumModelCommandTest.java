package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringResult;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.headless.MacroBridge;
import io.github.pixelclustering.output.RunSummary;
import io.github.pixelclustering.spectrum.Decomposition;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.SyntheticSpectra;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.process.ShortProcessor;

import java.io.File;
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
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * Spectrum models: Spectrum Image Cluster Analysis and Estimate Number of Clusters with
 * {@code save_model}, then Apply Clustering Model, through SciJava and through a macro.
 */
class SpectrumModelCommandTest {

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

	/** A 16-bit stack of the synthetic counts, z calibrated at {@code keV} per channel from 0. */
	static ImagePlus map(final String title, final int w, final int h, final int channels, final long seed, final double keV) {
		final SyntheticSpectra s = SyntheticSpectra.generate(w, h, channels, seed);
		final int[] counts = s.counts();
		final ImageStack stack = new ImageStack(w, h);
		for (int c = 0; c < channels; c++) {
			final short[] plane = new short[w * h];
			for (int p = 0; p < w * h; p++)
				plane[p] = (short) counts[p * channels + c];
			stack.addSlice("channel " + c, new ShortProcessor(w, h, plane, null));
		}
		final ImagePlus imp = new ImagePlus(title, stack);
		if (keV > 0) {
			imp.getCalibration().pixelDepth = keV;
			imp.getCalibration().setZUnit("keV");
		}
		return imp;
	}

	private static Map<String, Object> analysis(final ImagePlus image, final int k, final String source, final boolean poisson, final String preprocessing, final String algorithm, final File model) {
		return Commands.inputs("image", image, "clusters", k, "distance_threshold", 0.0, "source", source, "components", 4, "poisson", poisson, "preprocessing", preprocessing, "algorithm", algorithm, "connectivity", "none", "restarts", 0, "seed", 1L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "centres_from", SpectrumInputs.INPUT, "signal", "mean", "scree", false, "factors", 0, "overlay", false, "roi_manager", false, "save_model", model);
	}

	private static Map<String, Object> apply(final ImagePlus image, final File model) {
		return Commands.inputs("image", image, "model", model, "overlay", false, "roi_manager", false);
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

	private static Map<String, ResultsTable> tables(final Module module) {
		final Object command = module instanceof CommandModule ? ((CommandModule) module).getCommand() : module;
		return ((RunSummary) command).tables();
	}

	private static Map<String, Object> summary(final Module module) {
		final Object command = module instanceof CommandModule ? ((CommandModule) module).getCommand() : module;
		return ((RunSummary) command).summary();
	}

	private static int[] labels(final ImagePlus labels) {
		final int[] out = new int[labels.getWidth() * labels.getHeight()];
		for (int p = 0; p < out.length; p++)
			out[p] = labels.getProcessor().get(p);
		return out;
	}

	private static void assertSameTable(final ResultsTable expected, final ResultsTable actual, final String what) {
		assertEquals(expected.getColumnHeadings(), actual.getColumnHeadings(), what);
		assertEquals(expected.size(), actual.size(), what);
		for (final String column : expected.getHeadings())
			assertArrayEquals(expected.getColumnAsDoubles(expected.getColumnIndex(column)), actual.getColumnAsDoubles(actual.getColumnIndex(column)), what + ": " + column);
	}

	private static void assertSameStack(final ImagePlus expected, final ImagePlus actual) {
		assertEquals(expected.getStackSize(), actual.getStackSize());
		for (int s = 1; s <= expected.getStackSize(); s++)
			assertArrayEquals((float[]) expected.getStack().getPixels(s), (float[]) actual.getStack().getPixels(s), "slice " + s);
	}

	/**
	 * The model's predict, written here from the model's public numbers alone: spectrum over the range,
	 * times the projection, scaled, nearest centre by label.
	 */
	static int[] predict(final SpectrumClusteringModel model, final ImagePlus image) {
		final int w = image.getWidth(), h = image.getHeight(), k = model.clusters(), d = model.dimensions();
		final int first = model.channelRange()[0], m = model.channelRange()[1] - first + 1;
		final double[] p = model.projection(), centres = model.centres(), scaling = model.scaling();
		final int[] out = new int[w * h];
		final double[] f = new double[d];
		for (int px = 0; px < w * h; px++) {
			final double[] x = new double[m];
			for (int c = 0; c < m; c++)
				x[c] = image.getStack().getProcessor(first + c + 1).getf(px);
			for (int j = 0; j < d; j++) {
				if (p == null) f[j] = x[j];
				else {
					f[j] = 0;
					for (int c = 0; c < m; c++)
						f[j] += x[c] * p[c * d + j];
				}
			}
			if (model.preprocessing() == Preprocessing.NORM) {
				double norm = 0;
				for (final double v : f)
					norm += v * v;
				norm = Math.sqrt(norm);
				for (int j = 0; j < d && norm > 0; j++)
					f[j] /= norm;
			}
			else if (scaling.length > 0) for (int j = 0; j < d; j++)
				f[j] = (f[j] - scaling[j]) / scaling[d + j];
			double best = Double.POSITIVE_INFINITY;
			for (int l = 0; l < k; l++) {
				double dist = 0;
				for (int j = 0; j < d; j++)
					dist += (f[j] - centres[l * d + j]) * (f[j] - centres[l * d + j]);
				if (dist < best) {
					best = dist;
					out[px] = l + 1;
				}
			}
		}
		return out;
	}

	@ParameterizedTest
	@CsvSource({ "signal, false, standard, k-means, 24, 20, 64", "signal, false, norm, agglomerative, 24, 20, 64", "decomposition, false, norm, k-means, 24, 20, 64", "decomposition, false, standard, agglomerative, 24, 20, 64", //
		"decomposition, true, norm, mini-batch, 24, 20, 64", "signal, false, minmax, mini-batch, 24, 20, 64", "decomposition, true, standard, k-means, 10, 10, 128", "decomposition, false, norm, spectral, 16, 16, 32" })
	void aSavedModelGivesTheFitBackOnItsMapAndThePredictElsewhere(final String source, final boolean poisson, final String preprocessing, final String algorithm, final int w, final int h, final int channels, @TempDir final Path dir) throws Exception {
		final ImagePlus training = map("training", w, h, channels, 11, 0.01);
		final File file = dir.resolve("model.json").toFile();
		final Module fit = run(SpectrumClusterAnalysisCommand.class, analysis(training, 4, source, poisson, preprocessing, algorithm, file));
		assertTrue(file.isFile());
		final SpectrumClusteringModel model = (SpectrumClusteringModel) ClusteringModel.read(file);
		assertEquals(4, model.clusters());
		assertEquals(algorithm, model.method());

		final Module applied = run(ApplyClusteringModelCommand.class, apply(training, file));
		final ImagePlus fitLabels = (ImagePlus) fit.getOutput("labels"), appliedLabels = (ImagePlus) applied.getOutput("labels");
		assertEquals("training-labels", appliedLabels.getTitle());
		assertSameStack((ImagePlus) fit.getOutput("distances"), (ImagePlus) applied.getOutput("distances"));
		assertEquals(fitLabels.getProcessor().getLut().getRGB(1), appliedLabels.getProcessor().getLut().getRGB(1));
		// the training map: the fit's labels, distance maps and tables
		assertArrayEquals(labels(fitLabels), labels(appliedLabels), "labels of the fit");
		for (final String table : new String[] { "training-clusters", "training-cluster-spectra" })
			assertSameTable(tables(fit).get(table), tables(applied).get(table), table);
		final boolean kMeans = algorithm.equals("k-means") || algorithm.equals("mini-batch");
		assertEquals(kMeans ? "nearest centre (k-means predict)" : "the fit's labels (this is the model's training map)", summary(applied).get("assignment"));
		assertEquals(!kMeans, model.keepsTrainingLabels());
		if (!kMeans) {
			// no predict: elsewhere the nearest centroid, which is the fit's label where the pixel is nearest
			// its own cluster's centroid (Ward and spectral clusters need not be Voronoi cells of their centroids)
			final int[] a = labels(fitLabels), b = predict(model, training);
			int same = 0;
			for (int p = 0; p < a.length; p++)
				if (a[p] == b[p]) same++;
			assertTrue(same >= 0.95 * a.length, same + " of " + a.length + " pixels are nearest their own cluster's centroid");
			System.out.println(algorithm + ", " + source + ", " + preprocessing + ": " + (a.length - same) + " of " + a.length + " training pixels nearer another cluster's centroid than their own");
			// one count more in one pixel: no longer the training map
			final ImagePlus changed = training.duplicate();
			changed.setTitle("changed");
			changed.getStack().getProcessor(2).set(0, changed.getStack().getProcessor(2).get(0) + 1);
			final Module near = run(ApplyClusteringModelCommand.class, apply(changed, file));
			assertEquals(model.assignment(), summary(near).get("assignment"));
			assertEquals("nearest cluster centroid in feature space (" + algorithm + " has no predict)", model.assignment());
			final int[] expected = b.clone();
			final int[] got = labels((ImagePlus) near.getOutput("labels"));
			assertArrayEquals(java.util.Arrays.copyOfRange(expected, 1, expected.length), java.util.Arrays.copyOfRange(got, 1, got.length));
		}

		// another map: the predict written above; 1 and 2 threads identical
		final ImagePlus other = map("other", w, h, channels, 12, 0.01);
		final int[] predicted = predict(model, other);
		assertArrayEquals(predicted, labels((ImagePlus) run(ApplyClusteringModelCommand.class, apply(other, file)).getOutput("labels")), "nearest centre on another map");
		final SpectrumAxis axis = SpectrumAxis.of(other, 0, 0, "keV");
		final SpectrumClusteringResult one = Parallelization.runSingleThreaded(() -> model.apply(axis.views(), null, ProgressListener.NONE));
		final SpectrumClusteringResult two = Parallelization.runMultiThreaded(() -> model.apply(axis.views(), null, ProgressListener.NONE));
		assertArrayEquals(one.labels(), two.labels());
		assertArrayEquals(one.fit().distances(), two.fit().distances());
		assertArrayEquals(one.signals().mean(0), two.signals().mean(0));

		// write -> read -> write is byte-identical
		final File again = dir.resolve("again.json").toFile();
		model.write(again);
		assertArrayEquals(Files.readAllBytes(file.toPath()), Files.readAllBytes(again.toPath()));
	}

	@Test
	void mapsTheModelCannotDescribeAreRefusedNamingBothSides(@TempDir final Path dir) throws Exception {
		final File file = dir.resolve("model.json").toFile();
		run(SpectrumClusterAnalysisCommand.class, analysis(map("m", 12, 12, 64, 1, 0.01), 3, "decomposition", false, "norm", "k-means", file));
		assertEquals("The model expects spectra of 64 channels (0.0-0.63 keV), got 32 channels.", refused(ApplyClusteringModelCommand.class, apply(map("short", 12, 12, 32, 1, 0.01), file)));
		assertEquals("The model expects spectra of 64 channels (0.0-0.63 keV), got 64 channels (0.0-1.26 keV).", refused(ApplyClusteringModelCommand.class, apply(map("wide", 12, 12, 64, 1, 0.02), file)));
		assertEquals("The model expects spectra of 64 channels (0.0-0.63 keV), got an RGB image.", refused(ApplyClusteringModelCommand.class, apply(IJ.createImage("rgb", "RGB black", 8, 8, 1), file)));
		// an image without energy calibration gets the model's axis
		final ImagePlus bare = map("bare", 12, 12, 64, 1, 0);
		final Module applied = run(ApplyClusteringModelCommand.class, apply(bare, file));
		assertEquals(0.63, tables(applied).get("bare-cluster-spectra").getValue("energy", 63), 1e-12);
		// the model of an uncalibrated map labels a calibrated one (only the channel count is checked)
		final File plain = dir.resolve("plain.json").toFile();
		run(SpectrumClusterAnalysisCommand.class, analysis(map("p", 12, 12, 64, 1, 0), 3, "signal", false, "norm", "k-means", plain));
		run(ApplyClusteringModelCommand.class, apply(map("c", 12, 12, 64, 2, 0.01), plain));
		assertEquals("The model expects spectra of 64 channels, got 16 channels.", refused(ApplyClusteringModelCommand.class, apply(map("s", 12, 12, 16, 1, 0), plain)));
		// a model with a NaN centre, or a projection of the wrong size: one line naming the file and key
		final String text = Files.readString(file.toPath());
		final Path nan = Files.writeString(dir.resolve("nan.json"), text.replaceFirst("(\"centres\": \\[\\s*\\[)[^,]*,", "$1null,"));
		assertTrue(refused(ApplyClusteringModelCommand.class, apply(map("m", 12, 12, 64, 1, 0.01), nan.toFile())).startsWith(nan + ": \"centres[0]\" must be finite numbers, got NaN in column 0"));
		final Path rows = Files.writeString(dir.resolve("rows.json"), text.replace("\"last_channel\": 63", "\"last_channel\": 62"));
		assertEquals(rows + ": \"features.decomposition.projection\" must be 63 rows, got 64.", refused(ApplyClusteringModelCommand.class, apply(map("m", 12, 12, 64, 1, 0.01), rows.toFile())));
		// a model path in a missing folder: nothing runs
		final File nowhere = dir.resolve("nowhere/model.json").toFile();
		assertEquals(String.format(io.github.pixelclustering.io.ModelDocument.NO_FOLDER, nowhere.getPath()), refused(SpectrumClusterAnalysisCommand.class, analysis(map("m", 12, 12, 64, 1, 0.01), 3, "signal", false, "norm", "k-means", nowhere)));
	}

	/** The map of {@link #map} as 32-bit floats, value {@code v} at pixel {@code pixel} of channel {@code channel}. */
	private static ImagePlus floatMap(final String title, final int pixel, final int channel, final float v) {
		final ImagePlus counts = map(title, 12, 12, 64, 1, 0.01);
		final ImageStack stack = new ImageStack(12, 12);
		for (int c = 1; c <= 64; c++)
			stack.addSlice(counts.getStack().getSliceLabel(c), counts.getStack().getProcessor(c).convertToFloat());
		((float[]) stack.getPixels(channel + 1))[pixel] = v;
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setCalibration(counts.getCalibration());
		return imp;
	}

	@Test
	void valuesThatAreNotFiniteOrNotCountsAreRefusedNamingPixelAndChannel(@TempDir final Path dir) throws Exception {
		// projected features (found from the loadings), channels as features, and counts for Poisson
		for (final String source : new String[] { "decomposition", "signal" }) {
			final File file = dir.resolve(source + ".json").toFile();
			run(SpectrumClusterAnalysisCommand.class, analysis(map("m", 12, 12, 64, 1, 0.01), 3, source, false, "norm", "k-means", file));
			assertEquals(String.format(Decomposition.NOT_FINITE, "NaN", 7, 2), refused(ApplyClusteringModelCommand.class, apply(floatMap("nan", 7, 2, Float.NaN), file)), source);
			assertEquals(String.format(Decomposition.NOT_FINITE, "Infinity", 130, 63), refused(ApplyClusteringModelCommand.class, apply(floatMap("inf", 130, 63, Float.POSITIVE_INFINITY), file)), source);
			assertEquals(String.format(Decomposition.NOT_FINITE, "-Infinity", 0, 0), refused(ApplyClusteringModelCommand.class, apply(floatMap("minus", 0, 0, Float.NEGATIVE_INFINITY), file)), source);
			run(ApplyClusteringModelCommand.class, apply(floatMap("negative", 5, 3, -1), file));
		}
		final File poisson = dir.resolve("poisson.json").toFile();
		run(SpectrumClusterAnalysisCommand.class, analysis(map("m", 12, 12, 64, 1, 0.01), 3, "decomposition", true, "norm", "k-means", poisson));
		assertEquals(String.format(Decomposition.NEGATIVE, "-1.0", 5, 3), refused(ApplyClusteringModelCommand.class, apply(floatMap("negative", 5, 3, -1), poisson)));
		assertEquals(String.format(Decomposition.NOT_FINITE, "NaN", 7, 2), refused(ApplyClusteringModelCommand.class, apply(floatMap("nan", 7, 2, Float.NaN), poisson)));
	}

	@Test
	void theSelectionIsThePixelsLabelledAndTheInputIsNotModified(@TempDir final Path dir) throws Exception {
		final File file = dir.resolve("model.json").toFile();
		final ImagePlus training = map("t", 20, 16, 64, 1, 0.01);
		run(SpectrumClusterAnalysisCommand.class, analysis(training, 4, "decomposition", true, "standard", "k-means", file));
		final ImagePlus other = map("o", 20, 16, 64, 2, 0.01);
		final int[] all = labels((ImagePlus) run(ApplyClusteringModelCommand.class, apply(other, file)).getOutput("labels"));
		final short[] before = ((short[]) other.getStack().getPixels(7)).clone();
		other.setRoi(new ij.gui.Roi(3, 2, 10, 9));
		final Module applied = run(ApplyClusteringModelCommand.class, apply(other, file));
		final int[] inside = labels((ImagePlus) applied.getOutput("labels"));
		for (int y = 0; y < 16; y++)
			for (int x = 0; x < 20; x++) {
				final int p = y * 20 + x;
				final boolean in = x >= 3 && x < 13 && y >= 2 && y < 11;
				assertEquals(in ? all[p] : 0, inside[p], x + ", " + y);
			}
		assertEquals(90, summary(applied).get("pixels"));
		assertArrayEquals(before, (short[]) other.getStack().getPixels(7));
	}

	@Test
	void modelSpectraOfTheDecompositionComeBackToo(@TempDir final Path dir) throws Exception {
		final File file = dir.resolve("model.json").toFile();
		final ImagePlus training = map("d", 20, 16, 64, 4, 0.01);
		final Map<String, Object> inputs = analysis(training, 4, "decomposition", true, "norm", "k-means", file);
		inputs.put("centres_from", SpectrumInputs.DECOMPOSITION);
		inputs.put("signal", "centroid");
		final Module fit = run(SpectrumClusterAnalysisCommand.class, inputs);
		final SpectrumClusteringModel model = (SpectrumClusteringModel) ClusteringModel.read(file);
		assertTrue(model.modelSpectra());
		assertEquals("centroid", model.plotted());
		final Module applied = run(ApplyClusteringModelCommand.class, apply(training, file));
		for (final String table : new String[] { "d-clusters", "d-cluster-spectra" })
			assertSameTable(tables(fit).get(table), tables(applied).get(table), table);
		assertEquals(((ImagePlus) fit.getOutput("spectra")).getProcessor().getPixelCount(), ((ImagePlus) applied.getOutput("spectra")).getProcessor().getPixelCount());
		assertEquals("model: " + model.components() + " components", summary(fit).get("cluster_spectra"));
		assertEquals(summary(fit).get("cluster_spectra"), summary(applied).get("cluster_spectra"));
	}

	private static Map<String, Object> estimate(final ImagePlus image, final boolean analyse, final File model) {
		return Commands.inputs("image", image, "max_clusters", 6, "metric", "elbow", "source", "decomposition", "components", 4, "poisson", false, "preprocessing", "norm", "algorithm", "k-means", "connectivity", "none", "restarts", 0, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.0, "energy_max", 0.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE, "analyse", analyse, "save_model", model);
	}

	@Test
	void estimateSavesTheModelOfItsAnalysis(@TempDir final Path dir) throws Exception {
		final ImagePlus image = map("est", 20, 20, 64, 5, 0.01);
		final File file = dir.resolve("estimate.json").toFile();
		assertEquals(EstimateClustersCommand.MODEL_NEEDS_ANALYSE, refused(EstimateClustersCommand.class, estimate(image, false, file)));
		assertFalse(file.exists());
		final Module fit = run(EstimateClustersCommand.class, estimate(image, true, file));
		final int k = (Integer) fit.getOutput("estimate");
		final SpectrumClusteringModel model = (SpectrumClusteringModel) ClusteringModel.read(file);
		assertEquals(SpectrumClusteringModel.ESTIMATE_COMMAND, model.command());
		assertEquals(k, model.clusters());
		assertEquals(k, ((Number) model.settings().get("clusters")).intValue());
		final Module applied = run(ApplyClusteringModelCommand.class, apply(image, file));
		assertArrayEquals(labels((ImagePlus) fit.getOutput("labels")), labels((ImagePlus) applied.getOutput("labels")));
		assertSameTable(tables(fit).get("est-cluster-spectra"), tables(applied).get("est-cluster-spectra"), "spectra");
		assertEquals("measured", summary(fit).get("cluster_spectra"));
		assertEquals("measured", summary(applied).get("cluster_spectra"));
	}

	@Test
	void aMacroFitsAModelAndAppliesIt(@TempDir final Path dir) throws Exception {
		final MacroBridge.Session session = MacroBridge.install(context);
		final Path tif = dir.resolve("map.tif");
		IJ.saveAsTiff(map("map", 16, 12, 48, 3, 0.02), tif.toString());
		final Path model = dir.resolve("map model.json");
		final String result = new Interpreter().run(String.join("\n", //
			"setBatchMode(true);", //
			"open('" + tif + "');", //
			"run('Spectrum Image Cluster Analysis', 'image=map.tif clusters=4 source=decomposition components=4 poisson=true preprocessing=standard algorithm=k-means connectivity=none restarts=0 seed=0 energy_min=0 energy_max=0 energy_offset=0 energy_scale=0 energy_unit=keV mask=<none> centres_from=<input> signal=mean scree=false factors=0 overlay=false roi_manager=false save_model=[" + model + "]');", //
			"selectImage('map-labels'); rename('fit-labels');", //
			"run('Apply Clustering Model', 'image=map.tif model=[" + model + "] overlay=false roi_manager=false');", //
			"same = 0;", //
			"for (y = 0; y < 12; y++) for (x = 0; x < 16; x++) { selectImage('fit-labels'); a = getPixel(x, y); selectImage('map-labels'); if (getPixel(x, y) == a) same++; }", //
			"return '' + same + ' ' + nImages;"), "");
		assertTrue(session.failures().isEmpty(), () -> session.failures().toString());
		assertEquals("192 ", result.substring(0, 4));
		assertTrue(Files.isRegularFile(model));
	}
}
