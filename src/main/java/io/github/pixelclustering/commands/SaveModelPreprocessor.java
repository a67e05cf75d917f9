package io.github.pixelclustering.commands;

import java.awt.GraphicsEnvironment;
import java.io.File;

import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;
import org.scijava.widget.InputHarvester;

/**
 * Leaves {@code save_model} empty (no model) when it is the only input still unset, as when a macro
 * gives every key but this one (every macro written before models existed); and, without a display,
 * Apply Clustering Model's {@code model}, so that the command says it needs one
 * ({@link ApplyClusteringModelCommand#NO_MODEL}) instead of being canceled without a word.
 * <p>
 * Why: SciJava's {@code FilePreprocessor} shows a file chooser for a lone unset {@code File} input, just
 * before the input harvester; without a display the chooser returns nothing and the command is canceled
 * without a message. This runs just before it. When other inputs are unset too, the dialog asks for them
 * all, {@code save_model} among them, and this does nothing.
 */
@Plugin(type = PreprocessorPlugin.class, priority = InputHarvester.PRIORITY + 0.75)
public class SaveModelPreprocessor extends AbstractPreprocessorPlugin {

	/** The key this resolves. */
	static final String KEY = "save_model";
	/** Apply Clustering Model's key, resolved only without a display (with one, SciJava asks for the file). */
	static final String MODEL = "model";

	@Override
	public void process(final Module module) {
		final String className = module.getInfo().getDelegateClassName();
		if (className == null || !className.startsWith(SaveModelPreprocessor.class.getPackage().getName() + ".")) return;
		final String key = module.getInfo().getInput(KEY) != null ? KEY : GraphicsEnvironment.isHeadless() ? MODEL : null;
		if (key == null) return;
		final ModuleItem<?> item = module.getInfo().getInput(key);
		if (item == null || !File.class.equals(item.getType()) || module.isInputResolved(key)) return;
		for (final ModuleItem<?> input : module.getInfo().inputs())
			if (!input.getName().equals(key) && !module.isInputResolved(input.getName())) return;
		module.resolveInput(key);
	}
}
