package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.testutil.Images;

import ij.ImagePlus;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;

/** Input resolution from macro options, as Fiji reads them. */
class CommandRunnerTest {

	private static Context context;
	private static CommandRunner runner;
	private static CommandInfo quantization;

	@BeforeAll
	static void setUp() {
		context = new Context(CommandService.class);
		runner = new CommandRunner(context);
		quantization = runner.find("Colour Quantization");
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	private static String error(final String options) {
		return assertThrows(IllegalArgumentException.class, () -> runner.inputs(quantization, options, Images.rgb(1, 0))).getMessage();
	}

	@Test
	void findsTheCommandsByMenuLabel() {
		assertEquals("[Apply Clustering Model, Cluster Slices, Colour Quantization, Estimate Number of Clusters, Pixel Agglomeration, Ripple Spectrum Image (.rpl/.raw), Spectrum Image Cluster Analysis]", runner.commands().keySet().toString());
		assertEquals("Unknown command \"Colour Quantisation\": known commands are Apply Clustering Model, Cluster Slices, Colour Quantization, Estimate Number of Clusters, Pixel Agglomeration, Ripple Spectrum Image (.rpl/.raw), Spectrum Image Cluster Analysis.", assertThrows(IllegalArgumentException.class, () -> runner.find("Colour Quantisation")).getMessage());
	}

	@Test
	void omittedKeysTakeTheDeclaredDefaults() {
		final ImagePlus image = Images.rgb(1, 0);
		final Map<String, Object> inputs = runner.inputs(quantization, "", image);
		assertSame(image, inputs.get("image"));
		assertEquals(8, inputs.get("clusters"));
		assertEquals("k-means", inputs.get("method"));
		assertEquals("RGB", inputs.get("space"));
		assertEquals(0, inputs.get("restarts"));
		assertEquals(0L, inputs.get("seed"));
		assertEquals(false, inputs.get("overlay"));
		assertEquals(false, inputs.get("roi_manager"));
	}

	@Test
	void givenValuesAreConvertedAndChoicesNormalised() {
		final Map<String, Object> inputs = runner.inputs(quantization, "clusters=16 method=Mini-Batch space=cielab restarts=2 seed=7 overlay=TRUE roi_manager=false", Images.rgb(1, 0));
		assertEquals(16, inputs.get("clusters"));
		assertEquals("mini-batch", inputs.get("method"));
		assertEquals("CIELAB", inputs.get("space"));
		assertEquals(2, inputs.get("restarts"));
		assertEquals(7L, inputs.get("seed"));
		assertEquals(true, inputs.get("overlay"));
	}

	@Test
	void badOptionsSayWhatWasExpected() {
		assertEquals("Unknown key \"colours\" for Colour Quantization: known keys are image, clusters, method, space, restarts, seed, init, overlay, roi_manager, save_model, preview.", error("colours=8"));
		assertEquals("Unknown key \"max_clusters\" for Colour Quantization: known keys are image, clusters, method, space, restarts, seed, init, overlay, roi_manager, save_model, preview.", error("max_clusters=8"));
		assertEquals("overlay needs a value: write overlay=true", error("clusters=3 overlay"));
		assertEquals("clusters needs a value: write clusters=<value>", error("clusters"));
		assertEquals("overlay must be true or false, got \"yes\".", error("overlay=yes"));
		assertEquals("clusters must be a whole number, got \"8.5\".", error("clusters=8.5"));
		assertEquals("method must be one of k-means, mini-batch, got \"kmeans\".", error("method=kmeans"));
	}

	@Test
	void keysFijiWouldIgnoreAreRefused() {
		// Fiji looks keys up in lower case and reads the first of two: both would silently do something else
		assertEquals("Keys are lower case: write clusters=3", error("Clusters=3"));
		assertEquals("Keys are lower case: write roi_manager=true", error("clusters=3 ROI_Manager=true"));
		assertEquals("clusters is given twice (clusters=3, then clusters=5): give it once.", error("clusters=3 clusters=5"));
	}

	@Test
	void numbersOutsideTheDeclaredRangeAreRefused() {
		assertEquals("clusters must be at least 1, got 0.", error("clusters=0"));
		assertEquals("clusters must be at most 65535, got 65536.", error("clusters=65536"));
		assertEquals("clusters must be at most 65535, got 99999999999.", error("clusters=99999999999"));
		assertEquals("clusters must be at most 65535, got 999999999999999999999999.", error("clusters=999999999999999999999999"));
		assertEquals("restarts must be at least 0, got -1.", error("restarts=-1"));
		assertEquals(65535, runner.inputs(quantization, "clusters=65535", Images.rgb(1, 0)).get("clusters"));
		// seeds as scikit-learn's random_state: 0 to 2^32 - 1
		assertEquals(4294967295L, runner.inputs(quantization, "seed=4294967295", Images.rgb(1, 0)).get("seed"));
		assertEquals("seed must be at least 0, got -9223372036854775808.", error("seed=-9223372036854775808"));
		assertEquals("seed must be at most 4294967295, got 4294967296.", error("seed=4294967296"));
		assertEquals("seed must be a whole number, got \"x\".", error("seed=x"));
		final CommandInfo slices = runner.find("Cluster Slices");
		// no maximum declared: the int range is the limit
		assertEquals("restarts must be a whole number from -2147483648 to 2147483647, got 3000000000.", assertThrows(IllegalArgumentException.class, () -> runner.inputs(slices, "restarts=3000000000", Images.rgb(1, 0))).getMessage());
		for (final String label : new String[] { "Pixel Agglomeration", "Spectrum Image Cluster Analysis", "Cluster Slices" })
			assertEquals("clusters must be at most 65535, got 70000.", assertThrows(IllegalArgumentException.class, () -> runner.inputs(runner.find(label), "clusters=70000", Images.rgb(1, 0))).getMessage(), label);
	}

	@Test
	void aFileKeyIsAPath() {
		final CommandInfo ripple = runner.find("Ripple Spectrum Image (.rpl/.raw)");
		assertEquals(new File("/data/my maps/map.rpl"), runner.inputs(ripple, "open=[/data/my maps/map.rpl]", null).get("open"));
		assertEquals(null, runner.inputs(ripple, "", null).get("open"));
		assertEquals("Unknown key \"image\" for Ripple Spectrum Image (.rpl/.raw): known keys are open.", assertThrows(IllegalArgumentException.class, () -> runner.inputs(ripple, "image=x open=a.rpl", null)).getMessage());
	}

	/** A file to save must be in an existing folder, checked before the run; an empty value is no file. */
	@Test
	void aFileToSaveNeedsAnExistingFolderAndEmptyMeansNone(@TempDir final Path dir) {
		final String missing = dir.resolve("no such folder/model.json").toString();
		assertEquals(String.format(ModelDocument.NO_FOLDER, missing), error("clusters=3 save_model=[" + missing + "]"));
		assertEquals("Cannot save the model as " + missing + ": its folder does not exist.", error("save_model=[" + missing + "]"));
		final String good = dir.resolve("model.json").toString();
		assertEquals(new File(good), runner.inputs(quantization, "save_model=[" + good + "]", Images.rgb(1, 0)).get("save_model"));
		for (final String empty : new String[] { "save_model=", "save_model=[]", "save_model= clusters=3", "clusters=3 save_model=[] seed=1" })
			assertNull(runner.inputs(quantization, empty, Images.rgb(1, 0)).get("save_model"), empty);
		// a file to open is only a path (the command reads it)
		final CommandInfo apply = runner.find("Apply Clustering Model");
		assertEquals(new File(missing), runner.inputs(apply, "model=[" + missing + "]", Images.rgb(1, 0)).get("model"));
		assertNull(runner.inputs(apply, "model=[]", Images.rgb(1, 0)).get("model"));
	}

	@Test
	void withoutAnImageTheMessageSaysSo() {
		ij.WindowManager.setTempCurrentImage(null);
		assertEquals("There is no image open: Colour Quantization needs one.", assertThrows(IllegalArgumentException.class, () -> runner.inputs(quantization, "", null)).getMessage());
	}
}
