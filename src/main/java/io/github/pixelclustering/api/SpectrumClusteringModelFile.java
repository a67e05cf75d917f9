package io.github.pixelclustering.api;

import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.Preprocessing;

import java.util.Arrays;

/**
 * The body of a {@link SpectrumClusteringModel} file, after the header of every model:
 * <ul>
 * <li>{@code features}: {@code energy_axis} ({@code channels}, {@code offset}, {@code scale}, {@code unit};
 * "channel" when uncalibrated), {@code first_channel} and {@code last_channel} (the range analysed,
 * inclusive, 0-based), {@code source}, for the decomposition {@code decomposition} ({@code components},
 * {@code poisson}, {@code components_chosen_by} with {@code components=auto}, {@code projection}: analysed channels x components, loading k of a spectrum x being
 * {@code sum_c x_c projection[c][k]}; {@code factors}; {@code channel_sums}: the training map's sum of
 * every analysed channel, the Poisson weights, with {@code poisson}), with {@code source} bss {@code bss}
 * ({@code unmixing_matrix}, {@code iterations}; the projection and factors are then the BSS ones),
 * {@code preprocessing} and for
 * standard / minmax its {@code scaling} ({@code offset} and {@code scale} per feature: the features are
 * {@code (value - offset) / scale}), and {@code dimensions};</li>
 * <li>{@code algorithm}, {@code assignment} (in words), {@code clusters}, {@code centres} (by label: the
 * k-means centres, or the centroids), {@code search_order} (labels in the algorithm's order),
 * {@code centroids} (by label: the clusters' mean features on the training map), {@code cluster_spectra}
 * ({@code input} or {@code decomposition}), {@code plotted_spectrum}, {@code lut}.</li>
 * </ul>
 */
final class SpectrumClusteringModelFile {

	/** What the bss section holds. */
	static final String BSS_DEFINITION = "HyperSpy 1.7.3's blind_source_separation(components) defaults: FastICA (scikit-learn 1.2: parallel, logcosh, tol 1e-10, random_state = seed) of the derivative of the first components' factors after PCA whitening; unmixing_matrix w (components x components) as HyperSpy's (sorted, signs applied): the BSS loadings are the decomposition's loadings times w^-1 (already in the projection), the factors here are the BSS factors";

	/** How components = auto chose the components. */
	static final String ELBOW = "elbow: HyperSpy's number_significant_components (estimate_elbow_position of the explained variance ratio, log, + 1)";

	SpectrumClusteringModel.EnergyAxis axis;
	int firstChannel;
	int lastChannel;
	SpectrumClustering.Source source;
	int components;
	boolean componentsAutomatic;
	double[] unmixing;
	int bssIterations;
	boolean poisson;
	/** Analysed channels x components. */
	double[] projection;
	double[] factors;
	double[] channelSums;
	Preprocessing preprocessing;
	double[] scaling;
	ClusterAnalysis.Algorithm algorithm;
	int clusters;
	int dimensions;
	double[] centres;
	double[] centroids;
	int[] searchOrder;
	boolean modelSpectra;
	String plotted;
	int[] lut;
	int[] trainingLabels;
	long fingerprint;

	/** Reads and checks the body. */
	SpectrumClusteringModelFile(final ModelDocument d) {
		final ModelDocument f = d.child("features");
		final ModelDocument a = f.child("energy_axis");
		final int total = a.integer("channels");
		if (total < 1) throw a.invalid("channels", "at least 1", total + "");
		final double scale = a.number("scale");
		if (!(scale != 0 && Double.isFinite(scale))) throw a.invalid("scale", "a finite number other than 0", scale + "");
		axis = new SpectrumClusteringModel.EnergyAxis(total, a.number("offset"), scale, a.string("unit"));
		firstChannel = f.integer("first_channel");
		lastChannel = f.integer("last_channel");
		if (firstChannel < 0 || lastChannel >= total || lastChannel < firstChannel) throw f.invalid("last_channel", "a channel range within 0.." + (total - 1), firstChannel + ".." + lastChannel);
		final int m = lastChannel - firstChannel + 1;
		try {
			source = SpectrumClustering.Source.of(f.string("source"));
			preprocessing = Preprocessing.of(f.string("preprocessing"));
			algorithm = ClusterAnalysis.Algorithm.of(d.string("algorithm"));
		}
		catch (final IllegalArgumentException e) {
			throw d.invalid("features", "a known source, preprocessing and algorithm", e.getMessage());
		}
		dimensions = f.integer("dimensions");
		if (source != SpectrumClustering.Source.SIGNAL) {
			final ModelDocument dec = f.child("decomposition");
			components = dec.integer("components");
			if (components < 1 || components > m || dimensions != components) throw dec.invalid("components", "between 1 and " + m + " and equal to the dimensions", components + "");
			poisson = dec.bool("poisson");
			if (dec.has("components_chosen_by")) {
				final String by = dec.string("components_chosen_by");
				if (!by.equals(ELBOW)) throw dec.invalid("components_chosen_by", "\"" + ELBOW + "\" or no such key", by);
				componentsAutomatic = true;
			}
			projection = ClusteringModel.finiteRows(dec, "projection", m, components);
			factors = ClusteringModel.finiteRows(dec, "factors", m, components);
			if (source == SpectrumClustering.Source.BSS) {
				final ModelDocument b = f.child("bss");
				unmixing = ClusteringModel.finiteRows(b, "unmixing_matrix", components, components);
				bssIterations = b.integer("iterations");
			}
			if (poisson) {
				channelSums = dec.numbers("channel_sums");
				if (channelSums.length != m) throw dec.invalid("channel_sums", m + " numbers", channelSums.length + "");
			}
		}
		else if (dimensions != m) throw f.invalid("dimensions", "the " + m + " channels analysed", dimensions + "");
		if (preprocessing == Preprocessing.STANDARD || preprocessing == Preprocessing.MINMAX) {
			final ModelDocument s = f.child("scaling");
			final double[] offset = s.numbers("offset"), factor = s.numbers("scale");
			if (offset.length != dimensions || factor.length != dimensions) throw s.invalid("scale", dimensions + " offsets and scales", offset.length + " and " + factor.length);
			scaling = new double[2 * dimensions];
			System.arraycopy(offset, 0, scaling, 0, dimensions);
			System.arraycopy(factor, 0, scaling, dimensions, dimensions);
			for (int j = 0; j < dimensions; j++)
				if (!Double.isFinite(offset[j]) || !(factor[j] != 0 && Double.isFinite(factor[j]))) throw s.invalid("scale[" + j + "]", "finite, with a scale other than 0", offset[j] + ", " + factor[j]);
		}
		else scaling = new double[0];
		clusters = d.integer("clusters");
		if (clusters < 1) throw d.invalid("clusters", "at least 1", clusters + "");
		centres = ClusteringModel.finiteRows(d, "centres", clusters, dimensions);
		centroids = ClusteringModel.finiteRows(d, "centroids", clusters, dimensions);
		searchOrder = ClusteringModel.searchOrder(d, clusters);
		final String spectra = d.string("cluster_spectra");
		if (!spectra.equals("input") && !(spectra.equals("decomposition") && projection != null)) throw d.invalid("cluster_spectra", projection != null ? "input or decomposition" : "input (source is signal)", spectra);
		modelSpectra = spectra.equals("decomposition");
		plotted = d.string("plotted_spectrum");
		if (!plotted.equals("mean") && !plotted.equals("sum") && !plotted.equals("centroid")) throw d.invalid("plotted_spectrum", "mean, sum or centroid", plotted);
		lut = ClusteringModel.lut(d, clusters + 1);
		if (algorithm == ClusterAnalysis.Algorithm.AGGLOMERATIVE || algorithm == ClusterAnalysis.Algorithm.SPECTRAL) {
			final ModelDocument t = d.child("training_map");
			final String hex = t.string("fingerprint");
			if (!hex.matches("[0-9a-f]{16}")) throw t.invalid("fingerprint", "16 hexadecimal digits", hex);
			fingerprint = Long.parseUnsignedLong(hex, 16);
			final int n = t.integer("pixels");
			final int[] runs = t.integers("labels");
			if (n < 1 || runs.length % 2 != 0) throw t.invalid("labels", "pairs of label and run length", runs.length + " numbers");
			trainingLabels = new int[n];
			int at = 0;
			for (int r = 0; r < runs.length; r += 2) {
				final int label = runs[r], length = runs[r + 1];
				if (label < 1 || label > clusters || length < 1 || at + length > n) throw t.invalid("labels[" + r + "]", "a label 1.." + clusters + " and a run within the " + n + " pixels", label + ", " + length);
				Arrays.fill(trainingLabels, at, at + length, label - 1);
				at += length;
			}
			if (at != n) throw t.invalid("labels", "runs covering the " + n + " pixels", at + " pixels");
		}
	}

	static void write(final SpectrumClusteringModel model, final ModelDocument d) {
		final ModelDocument f = ModelDocument.object();
		f.put("input", "spectrum image");
		final ModelDocument a = ModelDocument.object();
		a.put("channels", model.axis.channels).put("offset", model.axis.offset).put("scale", model.axis.scale).put("unit", model.axis.unit);
		f.put("energy_axis", a);
		f.put("first_channel", model.firstChannel).put("last_channel", model.lastChannel);
		f.put("source", model.source.label());
		final boolean decomposition = model.projection != null;
		f.put("definition", decomposition ? "the loadings of the first components (spectrum times projection), then the preprocessing" : "the spectrum over the channels analysed, then the preprocessing");
		if (decomposition) {
			final ModelDocument dec = ModelDocument.object();
			dec.put("components", model.components).put("poisson", model.poisson);
			if (model.componentsAutomatic) dec.put("components_chosen_by", ELBOW);
			dec.putMatrix("projection", model.projection(), model.components);
			dec.putMatrix("factors", model.factors, model.components);
			if (model.poisson) dec.put("channel_sums", model.channelSums);
			f.put("decomposition", dec);
			if (model.unmixing != null) {
				final ModelDocument b = ModelDocument.object();
				b.put("definition", BSS_DEFINITION);
				b.putMatrix("unmixing_matrix", model.unmixing, model.components);
				b.put("iterations", model.bssIterations);
				f.put("bss", b);
			}
		}
		f.put("preprocessing", model.preprocessing.label());
		if (model.scaling.length > 0) {
			final int dim = model.dimensions;
			final ModelDocument s = ModelDocument.object();
			s.put("offset", Arrays.copyOfRange(model.scaling, 0, dim)).put("scale", Arrays.copyOfRange(model.scaling, dim, 2 * dim));
			f.put("scaling", s);
		}
		f.put("dimensions", model.dimensions);
		d.put("features", f);
		d.put("algorithm", model.algorithm.label());
		d.put("assignment", model.assignment());
		d.put("clusters", model.clusters);
		d.putMatrix("centres", model.centres, model.dimensions);
		d.put("search_order", model.searchOrder);
		d.putMatrix("centroids", model.centroids, model.dimensions);
		d.put("cluster_spectra", model.modelSpectra ? "decomposition" : "input");
		d.put("plotted_spectrum", model.plotted);
		ClusteringModel.putLut(d, model.lut);
		if (model.trainingLabels != null) {
			final ModelDocument t = ModelDocument.object();
			t.put("definition", "the fit's labels 1..k of the pixels analysed (raster order) as label, run length pairs; given back on the map whose fingerprint this is");
			t.put("fingerprint", String.format("%016x", model.fingerprint));
			t.put("pixels", model.trainingLabels.length);
			t.put("labels", runs(model.trainingLabels));
			d.put("training_map", t);
		}
	}

	private static int[] runs(final int[] labels) {
		final int[] out = new int[2 * labels.length];
		int count = 0;
		for (int i = 0; i < labels.length;) {
			int j = i;
			while (j < labels.length && labels[j] == labels[i])
				j++;
			out[count++] = labels[i] + 1;
			out[count++] = j - i;
			i = j;
		}
		return Arrays.copyOf(out, count);
	}
}
