package io.github.pixelclustering.commands;

import io.github.pixelclustering.api.ClusteringModel;

import java.io.File;

/**
 * The model Apply Clustering Model read last, kept while its file is unchanged (same path, size and
 * modification time): labelling a series or a folder with one model reads and checks the file once,
 * and a colour model keeps the labels of the colours it has met (see {@code ColourQuantizationModel}),
 * so every image after the first is labelled faster. Holds one model at a time.
 */
final class LastModel {

	private static File file;
	private static long length;
	private static long modified;
	private static ClusteringModel model;

	private LastModel() {}

	/**
	 * @param path the model file
	 * @return the model read from it, or the one read last when the file has not changed since
	 * @throws IllegalArgumentException as {@link ClusteringModel#read}
	 */
	static synchronized ClusteringModel read(final File path) {
		final File f = path.getAbsoluteFile();
		if (model != null && f.equals(file) && f.length() == length && f.lastModified() == modified) return model;
		final long l = f.length(), m = f.lastModified();
		final ClusteringModel read = ClusteringModel.read(path); // messages name the file as given
		file = f;
		length = l;
		modified = m;
		model = read;
		return read;
	}
}
