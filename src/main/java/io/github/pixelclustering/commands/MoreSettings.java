package io.github.pixelclustering.commands;

import java.util.Collection;
import java.util.List;

import org.scijava.command.DynamicCommand;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.module.MutableModuleItem;
import org.scijava.widget.Button;

/**
 * The second dialog of a command: the settings a newcomer can leave as they are, and those that apply to
 * one method only, behind a "More settings" button of the first dialog.
 * <p>
 * Why this way: the Swing input harvester shows every input that is not yet resolved when it builds the
 * dialog, and cannot hide one later. So the command resolves these inputs while it initializes, each
 * with its last-used value as SciJava's {@code LoadInputsPreprocessor} would give it (or its default),
 * and the harvester leaves them out. Their button opens a dialog of only those that apply to the method
 * chosen at that moment and copies the values back. Every input stays a parameter, so every macro key
 * works as before: a macro's values are set before initialization (Fiji's {@code MacroPreprocessor})
 * and are left alone here, and the macro recorder records them all.
 */
final class MoreSettings {

	/** Name of the button input. */
	static final String BUTTON = "more";

	/** Label of the button when every setting of the second dialog applies. */
	static final String LABEL = "More settings\u2026";

	private MoreSettings() {
	}

	/**
	 * Takes settings out of the first dialog: resolves each one that is not resolved yet with its
	 * last-used value, if one is stored.
	 *
	 * @param command the command being initialized
	 * @param modules where last-used values are loaded from, or null for none
	 * @param names the inputs of the second dialog
	 */
	static void leaveOut(final DynamicCommand command, final ModuleService modules, final Collection<String> names) {
		for (final String name : names) {
			if (command.isInputResolved(name)) continue;
			final ModuleItem<?> item = command.getInfo().getInput(name);
			if (item == null) throw new IllegalStateException("No input " + name + " in " + command.getClass().getSimpleName());
			final Object stored = modules == null || !item.isPersisted() ? null : modules.load(item);
			// a stored choice that is no longer offered (an image closed since) is not taken: the
			// harvester would not have shown it either
			final boolean offered = item.getChoices() == null || item.getChoices().isEmpty() || item.getChoices().contains(stored);
			if (stored != null && offered) command.setInput(name, stored);
			command.resolveInput(name);
		}
	}

	/**
	 * The value a choice will show in the first dialog: its value if resolved (a macro's), else its
	 * last-used value, which SciJava loads after initialization, else its default.
	 *
	 * @param command the command being initialized
	 * @param modules where last-used values are loaded from, or null for none
	 * @param name a String input
	 * @return its value as the dialog will show it
	 */
	static String shown(final DynamicCommand command, final ModuleService modules, final String name) {
		final ModuleItem<?> item = command.getInfo().getInput(name);
		if (!command.isInputResolved(name) && modules != null && item.isPersisted()) {
			final Object stored = modules.load(item);
			if (stored != null) return stored.toString();
		}
		return String.valueOf(command.getInput(name));
	}

	/**
	 * Labels the button for the method chosen, e.g. "More settings (hkmeans)…".
	 *
	 * @param command the command
	 * @param method the method chosen
	 */
	static void label(final DynamicCommand command, final String method) {
		final MutableModuleItem<Button> button = command.getInfo().getMutableInput(BUTTON, Button.class);
		button.setLabel("More settings (" + method + ")\u2026");
	}

	/**
	 * Opens the second dialog with the settings that apply now; OK copies them back into the command.
	 * Called on the event thread by the button, so it does not wait for the dialog.
	 *
	 * @param command the command whose first dialog is open
	 * @param modules the module service
	 * @param title the dialog's title
	 * @param names the settings that apply to the method chosen
	 */
	static void open(final DynamicCommand command, final ModuleService modules, final String title, final List<String> names) {
		modules.run(dialog(command, modules, title, names), true);
	}

	/**
	 * @return the second dialog, its fields filled with the command's values (not yet shown)
	 */
	static MoreSettingsCommand dialog(final DynamicCommand command, final ModuleService modules, final String title, final List<String> names) {
		final Module module = modules.createModule(modules.getModuleById("command:" + MoreSettingsCommand.class.getName()));
		final MoreSettingsCommand dialog = (MoreSettingsCommand) module;
		dialog.offer(command, title, names);
		return dialog;
	}
}
