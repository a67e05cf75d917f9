package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.command.DynamicCommand;
import org.scijava.module.MethodCallException;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;
import org.scijava.service.Service;
import org.scijava.widget.Button;

/**
 * The first dialog of every command with a second one shows the settings that matter first; the second
 * holds those of the method chosen, as the command declares them, and gives its values back; macro
 * values and last-used values survive (issue 23). Read through the module info, as the Swing harvester
 * reads it: it shows exactly the inputs still unresolved after initialization.
 */
class MoreSettingsTest {

	private static Context context;
	private static ModuleService modules;
	private static ImagePlus stack;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, ModuleService.class, PrefService.class);
		modules = context.service(ModuleService.class);
		stack = IJ.createImage("more settings stack", "16-bit ramp", 16, 16, 12);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/** @return the command, its image given (as Fiji gives the active image), not yet initialized */
	private static DynamicCommand create(final Class<? extends Command> command) {
		final DynamicCommand module = (DynamicCommand) modules.createModule(context.service(CommandService.class).getCommand(command));
		module.setInput("image", stack);
		module.resolveInput("image");
		return module;
	}

	/** @return the settings the first dialog shows: the inputs left unresolved, services aside */
	private static List<String> firstDialog(final DynamicCommand module) {
		final List<String> shown = new ArrayList<>();
		for (final ModuleItem<?> item : module.getInfo().inputs())
			if (!module.isInputResolved(item.getName()) && !Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType())) shown.add(item.getName());
		return shown;
	}

	private static Set<String> settings(final DynamicCommand module) {
		final Set<String> all = new LinkedHashSet<>();
		for (final ModuleItem<?> item : module.getInfo().inputs())
			if (!Service.class.isAssignableFrom(item.getType()) && !Context.class.isAssignableFrom(item.getType()) && !item.getName().equals("image")) all.add(item.getName());
		return all;
	}

	private static void assertSplit(final Class<? extends Command> command, final List<String> first, final List<String> second) throws MethodCallException {
		final DynamicCommand module = create(command);
		module.initialize();
		assertEquals(first, firstDialog(module), command.getSimpleName());
		// nothing lost: every setting is in one of the dialogs
		final Set<String> both = new LinkedHashSet<>(first);
		both.addAll(second);
		assertEquals(settings(module), both, command.getSimpleName());
		assertTrue(first.size() <= 12, command.getSimpleName() + " shows " + first.size() + " rows");
	}

	@Test
	void theFirstDialogShowsTheSettingsThatMatterFirst() throws MethodCallException {
		assertSplit(PixelAgglomerationCommand.class, List.of("method", "clusters", "distance_threshold", "samples", "dimensions", "connectivity", "mask", "overlay", "roi_manager", "save_model", "preview", "more"), PixelAgglomerationCommand.more("hkmeans"));
		assertSplit(SpectrumClusterAnalysisCommand.class, List.of("clusters", "algorithm", "source", "components", "energy_min", "energy_max", "mask", "overlay", "roi_manager", "save_model", "more"), SpectrumInputs.MORE);
		assertSplit(EstimateClustersCommand.class, List.of("max_clusters", "metric", "algorithm", "source", "components", "energy_min", "energy_max", "mask", "analyse", "save_model", "more"), SpectrumInputs.MORE_ESTIMATE);
	}

	@Test
	void theSecondDialogHoldsTheSettingsOfTheMethodChosenAsDeclared() throws MethodCallException {
		assertEquals(List.of("scaling"), PixelAgglomerationCommand.more("ward"));
		assertEquals(List.of("restarts", "seed", "init", "scaling", "connected"), PixelAgglomerationCommand.more("kmeans"));
		assertEquals(List.of("batch_size", "restarts", "max_no_improvement", "seed", "init", "lloyd_iterations", "scaling", "connected"), PixelAgglomerationCommand.more("hkmeans"));
		assertEquals(List.of("distance_threshold", "connectivity", "poisson", "preprocessing", "energy_offset", "energy_scale", "energy_unit", "centres_from", "signal", "scree", "factors"), SpectrumInputs.more("agglomerative", "decomposition", true));
		assertEquals(List.of("restarts", "init", "seed", "preprocessing", "energy_offset", "energy_scale", "energy_unit", "centres_from", "signal", "scree", "factors"), SpectrumInputs.more("k-means", "signal", true));
		assertEquals(List.of("seed", "poisson", "preprocessing", "energy_offset", "energy_scale", "energy_unit"), SpectrumInputs.more("spectral", "bss", false));
		final DynamicCommand command = create(PixelAgglomerationCommand.class);
		command.initialize();
		command.setInput("lloyd_iterations", 3);
		final MoreSettingsCommand dialog = MoreSettings.dialog(command, modules, "Pixel Agglomeration: hkmeans settings", PixelAgglomerationCommand.more("hkmeans"));
		assertEquals(PixelAgglomerationCommand.more("hkmeans"), dialog.names());
		assertEquals("Pixel Agglomeration: hkmeans settings", dialog.getInfo().getTitle());
		for (final String name : dialog.names()) {
			final ModuleItem<?> declared = command.getInfo().getInput(name), shown = dialog.getInfo().getInput(name);
			assertEquals(declared.getType(), shown.getType(), name);
			assertEquals(declared.getLabel(), shown.getLabel(), name);
			assertEquals(declared.getDescription(), shown.getDescription(), name);
			assertEquals(declared.getMinimumValue(), shown.getMinimumValue(), name);
			assertEquals(declared.getMaximumValue(), shown.getMaximumValue(), name);
			assertEquals(declared.getChoices(), shown.getChoices(), name);
			assertEquals(command.getInput(name), dialog.getInput(name), name);
		}
		assertEquals(4294967295L, dialog.getInfo().getInput("seed").getMaximumValue());
		// OK gives the values back to the command
		dialog.setInput("lloyd_iterations", 5);
		dialog.setInput("init", "random");
		dialog.run();
		assertEquals(5, command.getInput("lloyd_iterations"));
		assertEquals("random", command.getInput("init"));
	}

	@Test
	void theButtonNamesTheMethodChosen() throws MethodCallException {
		final DynamicCommand command = create(PixelAgglomerationCommand.class);
		command.setInput("method", "kmeans");
		command.resolveInput("method"); // as a macro's value
		command.initialize();
		assertEquals("More settings (kmeans)\u2026", command.getInfo().getInput(MoreSettings.BUTTON).getLabel());
		assertEquals(Button.class, command.getInfo().getInput(MoreSettings.BUTTON).getType());
		command.setInput("method", "hkmeans");
		((PixelAgglomerationCommand) command).methodChanged();
		assertEquals("More settings (hkmeans)\u2026", command.getInfo().getInput(MoreSettings.BUTTON).getLabel());
		final DynamicCommand spectrum = create(SpectrumClusterAnalysisCommand.class);
		spectrum.setInput("algorithm", "spectral");
		spectrum.resolveInput("algorithm");
		spectrum.setInput("source", "bss");
		spectrum.resolveInput("source");
		spectrum.initialize();
		assertEquals("More settings (spectral, bss)\u2026", spectrum.getInfo().getInput(MoreSettings.BUTTON).getLabel());
	}

	@Test
	void macroValuesAreKeptAndLastUsedValuesLoaded() throws MethodCallException {
		final PrefService prefs = context.service(PrefService.class);
		final DynamicCommand stored = create(PixelAgglomerationCommand.class);
		save(stored, "restarts", 7);
		save(stored, "seed", 11L);
		save(stored, "method", "kmeans");
		try {
			final DynamicCommand command = create(PixelAgglomerationCommand.class);
			command.setInput("seed", 3L);
			command.resolveInput("seed"); // a macro's seed=3
			command.initialize();
			assertEquals(7, command.getInput("restarts"), "the last-used value, as SciJava would load it");
			assertEquals(3L, command.getInput("seed"), "the macro's value");
			assertEquals(10, command.getInput("max_no_improvement"), "the default, nothing stored");
			// the first dialog will show the stored method: the button says so already
			assertEquals("More settings (kmeans)\u2026", command.getInfo().getInput(MoreSettings.BUTTON).getLabel());
			// a stored choice no longer offered (an image closed since) is not taken
			final DynamicCommand spectrum = create(SpectrumClusterAnalysisCommand.class);
			save(spectrum, "centres_from", "an image closed since");
			spectrum.initialize();
			assertEquals(SpectrumInputs.INPUT, spectrum.getInput("centres_from"));
		}
		finally {
			for (final String name : List.of("restarts", "seed", "method"))
				prefs.remove(PixelAgglomerationCommand.class, name);
			prefs.remove(SpectrumClusterAnalysisCommand.class, "centres_from");
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> void save(final DynamicCommand command, final String name, final T value) {
		modules.save((ModuleItem<T>) command.getInfo().getInput(name), value);
	}
}
