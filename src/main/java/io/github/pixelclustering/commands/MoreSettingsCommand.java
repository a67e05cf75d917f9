package io.github.pixelclustering.commands;

import java.util.ArrayList;
import java.util.List;

import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.module.DefaultMutableModuleItem;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Plugin;

/**
 * The dialog of {@link MoreSettings}: copies of some inputs of another command, with their labels,
 * limits, choices and tooltips; OK copies the values back. Not in any menu, not recorded by Fiji's macro
 * recorder (the command it serves records every value).
 */
@Plugin(type = Command.class, visible = false, label = "More settings", attrs = { @Attr(name = "no-record") })
public class MoreSettingsCommand extends DynamicCommand {

	private Module owner;
	private final List<String> names = new ArrayList<>();

	/**
	 * @param command the command served
	 * @param title the dialog's title
	 * @param inputs its inputs to show, in order
	 */
	void offer(final Module command, final String title, final List<String> inputs) {
		owner = command;
		getInfo().setLabel(title);
		getInfo().set("no-record", "true");
		for (final String name : inputs) {
			addInput(copy(command.getInfo().getInput(name)));
			setInput(name, command.getInput(name));
			names.add(name);
		}
	}

	/** @return the names of the inputs shown */
	List<String> names() {
		return names;
	}

	private <T> DefaultMutableModuleItem<T> copy(final ModuleItem<T> from) {
		final DefaultMutableModuleItem<T> item = new DefaultMutableModuleItem<>(getInfo(), from.getName(), from.getType());
		item.setLabel(from.getLabel());
		item.setDescription(from.getDescription());
		item.setMinimumValue(from.getMinimumValue());
		item.setMaximumValue(from.getMaximumValue());
		item.setStepSize(from.getStepSize());
		item.setChoices(from.getChoices());
		item.setWidgetStyle(from.getWidgetStyle());
		item.setColumnCount(from.getColumnCount());
		item.setRequired(from.isRequired());
		// the command served stores them (SciJava saves every input after a run)
		item.setPersisted(false);
		return item;
	}

	@Override
	public void run() {
		for (final String name : names)
			owner.setInput(name, getInput(name));
	}
}
