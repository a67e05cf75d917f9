package io.github.pixelclustering.commands;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.io.ModelDocument;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The {@code save_model} key every clustering command has: checked before the run, written after it. */
final class SavedModels {

	/** Dialog label of the key. */
	static final String LABEL = "Save model as (optional)";
	/** Dialog description of the key. */
	static final String DESCRIPTION = "A .json file for Apply Clustering Model: the same clusters, numbering and colours on other images. Empty: no model.";
	/** A folder given as the model file: its path. */
	static final String IS_FOLDER = "Cannot save the model as %s: it is a folder.";

	private SavedModels() {}

	/** @return whether a model file was asked for (a path that is not empty) */
	static boolean wanted(final File file) {
		return file != null && !file.getPath().trim().isEmpty();
	}

	/** @return why the model cannot be saved there, or null when it can (or none is wanted) */
	static String problem(final File file) {
		if (!wanted(file)) return null;
		if (file.isDirectory()) return String.format(IS_FOLDER, file.getPath());
		final File folder = file.getAbsoluteFile().getParentFile();
		if (folder == null || !folder.isDirectory()) return String.format(ModelDocument.NO_FOLDER, file.getPath());
		return null;
	}

	/**
	 * Writes the model when one is wanted, and records it among the run's files and in its summary.
	 *
	 * @param model the model
	 * @param file where, or null / empty for none
	 * @param files the run's files
	 * @param summary the run's summary
	 */
	static void save(final ClusteringModel model, final File file, final List<File> files, final Map<String, Object> summary) {
		if (!wanted(file)) return;
		try {
			model.write(file);
		}
		catch (final IOException e) {
			// the run's outputs stand; the command ends with this one line
			throw new IllegalArgumentException("Cannot save the model as " + file.getPath() + ": " + e.getMessage(), e);
		}
		files.add(file);
		summary.put("model", file.getPath());
	}
}
