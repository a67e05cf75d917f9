package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.headless.MacroBridge;
import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;

import ij.ImagePlus;
import ij.ImageStack;
import ij.macro.Interpreter;
import ij.measure.ResultsTable;
import ij.process.ShortProcessor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

/** Colour Quantization's {@code save_model} and {@link ApplyClusteringModelCommand} with its model. */
class ColourModelCommandTest {

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

	private static CommandModule fit(final ImagePlus image, final int k, final String space, final File model) {
		return Commands.run(context, ColourQuantizationCommand.class, Commands.inputs("image", image, "clusters", k, "method", "k-means", "space", space, "restarts", 0, "seed", 0L, "init", "k-means++", "overlay", false, "roi_manager", false, "save_model", model));
	}

	private static CommandModule apply(final ImagePlus image, final File model) {
		return Commands.run(context, ApplyClusteringModelCommand.class, Commands.inputs("image", image, "model", model, "overlay", false, "roi_manager", false));
	}

	private static CommandModule ok(final CommandModule module) {
		assertFalse(module.isCanceled(), () -> "canceled: " + module.getCancelReason());
		return module;
	}

	private static ResultsTable table(final CommandModule module, final String title) {
		return ((io.github.pixelclustering.output.RunSummary) module.getCommand()).tables().get(title);
	}

	private static void assertSameTable(final ResultsTable expected, final ResultsTable actual) {
		assertEquals(String.join(",", expected.getHeadings()), String.join(",", actual.getHeadings()));
		assertEquals(expected.size(), actual.size());
		for (final String column : expected.getHeadings())
			for (int row = 0; row < expected.size(); row++)
				assertEquals(expected.getValue(column, row), actual.getValue(column, row), column + " row " + row);
	}

	@Test
	void theTrainingImageGetsTheFitsOutputsBackAndAnotherImageTheModelsPalette(@TempDir final Path dir) {
		for (final String space : new String[] { "RGB", "CIELAB" }) {
			final ImagePlus image = Images.open("china-213x142.png");
			final int before = Images.pixelHash(image);
			final File model = dir.resolve("china-" + space + ".json").toFile();
			final CommandModule fitted = ok(fit(image, 12, space, model));
			assertTrue(model.isFile());
			assertEquals(model.getPath(), ((io.github.pixelclustering.output.RunSummary) fitted.getCommand()).summary().get("model"));
			final CommandModule applied = ok(apply(image, model));
			final ImagePlus fitLabels = (ImagePlus) fitted.getOutput("labels");
			final ImagePlus appliedLabels = (ImagePlus) applied.getOutput("labels");
			assertEquals("china-213x142-labels", appliedLabels.getTitle());
			assertArrayEquals((byte[]) fitLabels.getProcessor().getPixels(), (byte[]) appliedLabels.getProcessor().getPixels(), space);
			assertArrayEquals((int[]) ((ImagePlus) fitted.getOutput("quantized")).getProcessor().getPixels(), (int[]) ((ImagePlus) applied.getOutput("quantized")).getProcessor().getPixels());
			assertSameTable(table(fitted, "china-213x142-clusters"), table(applied, "china-213x142-clusters"));
			assertEquals(fitLabels.getProcessor().getLut().getRGB(5), appliedLabels.getProcessor().getLut().getRGB(5));
			assertEquals(before, Images.pixelHash(image), "input untouched");

			// another photo: every quantized pixel is a colour of the model's palette
			final ImagePlus flower = Images.open("flower-213x142.png");
			final CommandModule other = ok(apply(flower, model));
			final ColourQuantizationModel read = (ColourQuantizationModel) ClusteringModel.read(model);
			final byte[] labels = (byte[]) ((ImagePlus) other.getOutput("labels")).getProcessor().getPixels();
			final int[] quantized = (int[]) ((ImagePlus) other.getOutput("quantized")).getProcessor().getPixels();
			final int[] flowerPixels = (int[]) flower.getProcessor().getPixels();
			final double[] palette = read.meanColours();
			for (int p = 0; p < labels.length; p++) {
				final int l = labels[p] & 0xff;
				assertEquals(read.labelOf(flowerPixels[p] & 0xffffff), l);
				final int expected = 0xff000000 | (int) Math.round(palette[(l - 1) * 3]) << 16 | (int) Math.round(palette[(l - 1) * 3 + 1]) << 8 | (int) Math.round(palette[(l - 1) * 3 + 2]);
				assertEquals(expected, quantized[p], "pixel " + p);
			}
			assertEquals("nearest centre (k-means predict)", ((io.github.pixelclustering.output.RunSummary) other.getCommand()).summary().get("assignment"));
		}
	}

	@Test
	void aModelThatCannotDescribeTheImageOrABadFileCancelsWithOneLine(@TempDir final Path dir) throws Exception {
		final File model = dir.resolve("rgb.json").toFile();
		ok(fit(Images.open("four-colours.png"), 4, "RGB", model));
		final ImageStack stack = new ImageStack(8, 8);
		stack.addSlice(new ShortProcessor(8, 8));
		stack.addSlice(new ShortProcessor(8, 8));
		final ImagePlus twoChannels = new ImagePlus("two", stack);
		twoChannels.setDimensions(2, 1, 1);
		final CommandModule wrongKind = apply(twoChannels, model);
		assertTrue(wrongKind.isCanceled());
		assertEquals("The model expects an RGB image, got a 16-bit image with 2 channels.", wrongKind.getCancelReason());
		final File cut = dir.resolve("cut.json").toFile();
		Files.writeString(cut.toPath(), Files.readString(model.toPath()).substring(0, 100));
		assertEquals(String.format(ModelDocument.NOT_JSON, cut.getPath()), apply(Images.open("four-colours.png"), cut).getCancelReason());
		final File nowhere = dir.resolve("no/such/folder/model.json").toFile();
		final ImagePlus image = Images.open("four-colours.png");
		final CommandModule noFolder = fit(image, 4, "RGB", nowhere);
		assertTrue(noFolder.isCanceled());
		assertEquals(String.format(ModelDocument.NO_FOLDER, nowhere.getPath()), noFolder.getCancelReason());
		assertEquals(null, noFolder.getOutput("labels"), "refused before the run");
		assertEquals(ApplyClusteringModelCommand.NO_MODEL, apply(image, null).getCancelReason());
	}

	@Test
	void aMacroFitsOnOneImageAndAppliesToAnother(@TempDir final Path dir) {
		final MacroBridge.Session session = MacroBridge.install(context);
		final String model = dir.resolve("macro model.json").toString();
		final String result = new Interpreter().run(String.join("\n", //
			"setBatchMode(true);", //
			"newImage('cq-model-train', 'RGB black', 8, 4, 1);", //
			"setColor(255, 0, 0); fillRect(0, 0, 5, 4);", //
			"run('Colour Quantization', 'clusters=2 method=k-means space=RGB restarts=0 seed=0 overlay=false roi_manager=false save_model=[" + model + "]');", //
			"newImage('cq-model-new', 'RGB black', 4, 4, 1);", //
			"setColor(250, 10, 0); fillRect(0, 0, 2, 4);", //
			"run('Apply Clustering Model', 'image=cq-model-new model=[" + model + "] overlay=false roi_manager=false');", //
			"selectImage('cq-model-new-labels'); a = getPixel(0, 0); b = getPixel(3, 0);", //
			"selectImage('cq-model-train-labels'); c = getPixel(0, 0); d = getPixel(7, 0);", //
			"return '' + a + ',' + b + ',' + c + ',' + d;"), "");
		assertTrue(session.failures().isEmpty(), session.failures().toString());
		assertEquals("1,2,1,2", result);
	}

	@Test
	void aSeriesReadsItsModelOnceAndAChangedFileAgain(@TempDir final Path dir) throws Exception {
		final File model = dir.resolve("series.json").toFile();
		ok(fit(Images.open("four-colours.png"), 4, "RGB", model));
		final ClusteringModel first = LastModel.read(model);
		assertTrue(first == LastModel.read(model), "the same model while the file is unchanged");
		ok(apply(Images.open("china-213x142.png"), model));
		assertTrue(first == LastModel.read(model));
		ok(fit(Images.open("china-213x142.png"), 3, "RGB", model));
		model.setLastModified(model.lastModified() + 2000);
		final ClusteringModel second = LastModel.read(model);
		assertFalse(first == second, "the file changed: read again");
		assertEquals(3, second.clusters());
	}

	@Test
	void noDialogRemembersAModelFileToOverwriteNextTime() throws Exception {
		// a remembered save_model would silently overwrite the last model on the next run
		int commands = 0;
		for (final Class<?> command : new Class<?>[] { ColourQuantizationCommand.class, PixelAgglomerationCommand.class, ClusterSlicesCommand.class, SpectrumClusterAnalysisCommand.class, EstimateClustersCommand.class }) {
			final org.scijava.plugin.Parameter p = command.getDeclaredField("save_model").getAnnotation(org.scijava.plugin.Parameter.class);
			assertFalse(p.persist(), command.getSimpleName());
			assertFalse(p.required(), command.getSimpleName());
			assertTrue(p.style().startsWith("save"), command.getSimpleName());
			commands++;
		}
		assertEquals(5, commands);
	}

	@Test
	void settingsAndTrainingImageAreRecorded(@TempDir final Path dir) {
		final File model = dir.resolve("m.json").toFile();
		final ImagePlus image = Images.open("ihc-170x170.png");
		image.getCalibration().pixelWidth = 0.25;
		image.getCalibration().setUnit("µm");
		ok(fit(image, 3, "CIELAB", model));
		final ClusteringModel read = ClusteringModel.read(model);
		assertEquals("Colour Quantization", read.command());
		assertEquals(Map.of("clusters", 3L, "method", "k-means", "space", "CIELAB", "restarts", 10L, "seed", 0L, "init", "k-means++"), read.settings());
		assertEquals("ihc-170x170.png", read.training().title());
		assertEquals(0.25, read.training().pixelSize()[0]);
		assertEquals("µm", read.training().unit());
		assertEquals(24, read.training().bitDepth());
	}
}
