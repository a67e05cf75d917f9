package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;

import ij.IJ;
import ij.ImagePlus;

import java.util.List;

import javax.swing.JToolTip;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * The limits, labels and tooltips every dialog shows, read from the commands' module info as the
 * harvester reads them, and the same limits in the commands' own checks (issue 23).
 */
class DialogLimitsTest {

	private static final List<Class<? extends Command>> CLUSTERING = List.of(ColourQuantizationCommand.class, PixelAgglomerationCommand.class, ClusterSlicesCommand.class, SpectrumClusterAnalysisCommand.class, EstimateClustersCommand.class);
	private static final List<Class<? extends Command>> ALL = List.of(ColourQuantizationCommand.class, PixelAgglomerationCommand.class, ClusterSlicesCommand.class, SpectrumClusterAnalysisCommand.class, EstimateClustersCommand.class, ApplyClusteringModelCommand.class, RippleImportCommand.class);

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

	private static CommandInfo info(final Class<? extends Command> command) {
		return context.service(CommandService.class).getCommand(command);
	}

	@Test
	void clustersAndSeedHaveTheSameLimitsInEveryDialog() {
		int clusters = 0, seeds = 0;
		for (final Class<? extends Command> command : CLUSTERING) {
			for (final ModuleItem<?> item : info(command).inputs()) {
				final String where = command.getSimpleName() + "." + item.getName();
				if (item.getName().equals("clusters") || item.getName().equals("max_clusters")) {
					assertEquals(65535, ((Number) item.getMaximumValue()).intValue(), where);
					clusters++;
				}
				if (item.getName().equals("seed")) {
					assertEquals(0L, ((Number) item.getMinimumValue()).longValue(), where);
					assertEquals(4294967295L, ((Number) item.getMaximumValue()).longValue(), where);
					seeds++;
				}
				if (item.getName().equals("restarts") && ((Number) item.getMinimumValue()).intValue() == 0) assertEquals("Restarts (0 = auto)", item.getLabel(), where);
				if (item.getName().equals("energy_scale")) assertEquals(0.0, ((Number) item.getMinimumValue()).doubleValue(), where);
			}
		}
		assertEquals(5, clusters);
		assertEquals(5, seeds);
	}

	@Test
	void commandsRefuseWhatTheWidgetsRefuse() {
		final CommandModule quantized = Commands.run(context, ColourQuantizationCommand.class, Commands.inputs("image", Images.open("four-colours.png"), "clusters", 2, "method", "k-means", "space", "RGB", "restarts", 0, "seed", -1L, "init", "k-means++", "overlay", false, "roi_manager", false, "save_model", null));
		assertEquals(String.format(DialogText.BAD_SEED, -1L), quantized.getCancelReason());
		final Module agglomerated = Commands.runModule(context, PixelAgglomerationCommand.class, Commands.inputs("image", Images.open("four-colours.png"), "clusters", 2, "method", "kmeans", "seed", 4294967296L));
		assertEquals(String.format(DialogText.BAD_SEED, 4294967296L), ((Cancelable) agglomerated).getCancelReason());
		final ImagePlus map = IJ.createImage("limits map", "16-bit ramp", 8, 8, 10);
		final Module spectrum = Commands.runModule(context, SpectrumClusterAnalysisCommand.class, Commands.inputs("image", map, "clusters", 2, "energy_scale", -0.01));
		assertEquals(String.format(SpectrumAxis.NEGATIVE_SCALE, -0.01), ((Cancelable) spectrum).getCancelReason());
	}

	@Test
	void everyTooltipFitsALaptopScreen() {
		int items = 0;
		for (final Class<? extends Command> command : ALL) {
			for (final ModuleItem<?> item : info(command).inputs()) {
				final String description = item.getDescription();
				if (description == null || description.isEmpty()) continue;
				final JToolTip tip = new JToolTip();
				tip.setTipText(description);
				final int width = tip.getPreferredSize().width;
				assertTrue(width <= DialogText.WIDTH + 20, command.getSimpleName() + "." + item.getName() + ": tooltip " + width + " px wide: " + description);
				items++;
			}
		}
		assertTrue(items > 60, "tooltips checked: " + items);
	}
}
