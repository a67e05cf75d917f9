package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;

import ij.ImagePlus;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.ui.UIService;

/**
 * {@link SaveModelPreprocessor} in a context with every service, as Fiji has (with a user interface
 * service, whose file chooser SciJava would show for a lone unset {@code save_model} and, without a
 * display, cancel the command).
 */
class SaveModelPreprocessorTest {

	private static Module run(final Context context, final Class<?> command, final Map<String, Object> inputs) throws Exception {
		return context.service(ModuleService.class).run(context.service(CommandService.class).getCommand(command.getName()), true, inputs).get();
	}

	@Test
	void aMacroWithoutSaveModelRunsAndSavesNoModel(@TempDir final Path dir) throws Exception {
		System.setProperty("java.awt.headless", "true");
		try (Context context = new Context()) {
			assertNotNull(context.getService(UIService.class));
			final ImagePlus image = Images.open("four-colours.png");
			final Module colours = run(context, ColourQuantizationCommand.class, Commands.inputs("image", image, "clusters", 4, "method", "k-means", "space", "RGB", "restarts", 0, "seed", 0L, "init", "k-means++", "overlay", false, "roi_manager", false));
			assertFalse(((Cancelable) colours).isCanceled(), () -> "canceled: " + ((Cancelable) colours).getCancelReason());
			final Module parcels = run(context, PixelAgglomerationCommand.class, Commands.inputs("image", image, "clusters", 5, "distance_threshold", 0.0, "method", "ward", "samples", "auto", "dimensions", "2D", "connectivity", "4", "mask", "<none>", "batch_size", 1000, "restarts", 10, "max_no_improvement", 10, "seed", 0L, "init", "k-means++", "lloyd_iterations", 2, "scaling", false, "connected", false, "overlay", false, "roi_manager", false));
			assertFalse(((Cancelable) parcels).isCanceled(), () -> "canceled: " + ((Cancelable) parcels).getCancelReason());
			assertNotNull(parcels.getOutput("labels"));
			// given, it is saved
			final File model = dir.resolve("m.json").toFile();
			final Module saved = run(context, ColourQuantizationCommand.class, Commands.inputs("image", image, "clusters", 4, "method", "k-means", "space", "RGB", "restarts", 0, "seed", 0L, "init", "k-means++", "overlay", false, "roi_manager", false, "save_model", model));
			assertFalse(((Cancelable) saved).isCanceled());
			assertTrue(model.isFile());
			// Apply Clustering Model without a model, headless: its own message, not a silent cancel
			// (no remembered model file: Fiji would fill it in from the last run)
			@SuppressWarnings("unchecked")
			final org.scijava.module.ModuleItem<File> item = (org.scijava.module.ModuleItem<File>) context.service(CommandService.class).getCommand(ApplyClusteringModelCommand.class.getName()).getInput("model");
			context.service(ModuleService.class).save(item, null);
			final Module apply = run(context, ApplyClusteringModelCommand.class, Commands.inputs("image", image, "overlay", false, "roi_manager", false));
			assertTrue(((Cancelable) apply).isCanceled());
			assertEquals(ApplyClusteringModelCommand.NO_MODEL, ((Cancelable) apply).getCancelReason());
		}
	}
}
