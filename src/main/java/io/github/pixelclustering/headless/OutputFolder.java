package io.github.pixelclustering.headless;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's output folder: made with its parents when missing, and removed again (with the
 * parents made for it) when the run fails before writing anything into it.
 */
final class OutputFolder {

	/** Folder that cannot be made: its path. */
	static final String CANNOT_CREATE = "Cannot create the output folder %s.";
	/** Path that is a file: its path. */
	static final String NOT_A_FOLDER = "The output folder %s is a file, not a folder.";

	private final File folder;
	/** The folders this run made, deepest first. */
	private final List<File> made = new ArrayList<>();

	private OutputFolder(final File folder) {
		this.folder = folder;
	}

	/**
	 * @param folder the folder outputs go into
	 * @return the folder, existing now
	 * @throws IllegalArgumentException when it is a file or cannot be made
	 */
	static OutputFolder create(final File folder) {
		final OutputFolder out = new OutputFolder(folder);
		if (folder.isDirectory()) return out;
		if (folder.exists()) throw new IllegalArgumentException(String.format(NOT_A_FOLDER, folder.getPath()));
		for (File f = folder.getAbsoluteFile(); f != null && !f.exists(); f = f.getParentFile())
			out.made.add(f);
		if (!folder.mkdirs() && !folder.isDirectory()) {
			out.discardIfEmpty();
			throw new IllegalArgumentException(String.format(CANNOT_CREATE, folder.getPath()));
		}
		return out;
	}

	/** @return the folder */
	File folder() {
		return folder;
	}

	/** Removes the folders this run made, where they are still empty. */
	void discardIfEmpty() {
		for (final File f : made) {
			final String[] left = f.list();
			if (left == null || left.length > 0 || !f.delete()) return;
		}
	}
}
