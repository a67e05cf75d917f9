package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.Preprocessing;

import ij.ImagePlus;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.NativeBoolType;

import org.scijava.module.MutableModuleItem;

/**
 * The inputs the two spectrum-image commands share: the energy axis and range, the pixel mask, and the
 * feature and clustering settings, checked and turned into {@link SpectrumClustering.Settings}.
 */
final class SpectrumInputs {

	/**
	 * The choice meaning the input image itself (the default): measured spectra, which are also what
	 * HyperSpy's default call ({@code number_of_components=None}: every component, i.e. the data) sums.
	 */
	static final String INPUT = "<input>";

	/**
	 * The choice meaning the model spectra of the components clustered (HyperSpy's
	 * {@code cluster_sum_signals} with {@code number_of_components} given).
	 */
	static final String DECOMPOSITION = "<decomposition>";

	/**
	 * HyperSpy's {@code source_for_centers="bss"}: the same model spectra as {@link #DECOMPOSITION} (HyperSpy
	 * builds both from the decomposition's first components, which the BSS components only rotate).
	 */
	static final String BSS = "<bss>";

	/** The components key's value meaning HyperSpy's number of significant components. */
	static final String AUTO = "auto";

	/** The settings of the second dialog of Spectrum Image Cluster Analysis ({@link MoreSettings}), in order. */
	static final List<String> MORE = List.of("distance_threshold", "connectivity", "restarts", "init", "seed", "poisson", "preprocessing", "energy_offset", "energy_scale", "energy_unit", "centres_from", "signal", "scree", "factors");

	/** The settings of the second dialog of Estimate Number of Clusters, in order. */
	static final List<String> MORE_ESTIMATE = List.of("connectivity", "restarts", "init", "seed", "poisson", "preprocessing", "energy_offset", "energy_scale", "energy_unit");

	/** Message for a components key that is neither auto nor a whole number. */
	static final String BAD_COMPONENTS = "components must be auto or a whole number of at least 1, got \"%s\".";

	/** The description of the components key (both commands). */
	static final String COMPONENTS_DESCRIPTION = "Decomposition components used as features (number_of_components), or auto: HyperSpy's number of significant components, the elbow of the scree plot plus one (its default).";

	/** Message when centres_from names no open image. */
	static final String CENTRES_NOT_OPEN = "centres_from must be <input>, <decomposition>, <bss> or the title of an open image, got \"%s\".";

	final SpectrumAxis axis;
	final int[] range;
	final RandomAccessibleInterval<NativeBoolType> mask;
	final SpectrumClustering.Settings settings;

	private SpectrumInputs(final SpectrumAxis axis, final int[] range, final RandomAccessibleInterval<NativeBoolType> mask, final SpectrumClustering.Settings settings) {
		this.axis = axis;
		this.range = range;
		this.mask = mask;
		this.settings = settings;
	}

	static SpectrumInputs of(final ImagePlus image, final double energyOffset, final double energyScale, final String energyUnit, final double energyMin, final double energyMax, final String maskName, final String source, final String components, final boolean poisson, final String preprocessing, final String algorithm, final String connectivity, final int clusters, final int restarts, final long seed, final String init) {
		final SpectrumAxis axis = SpectrumAxis.of(image, energyOffset, energyScale, energyUnit);
		final int[] range = axis.channels(energyMin, energyMax);
		final SpectrumClustering.Source src = SpectrumClustering.Source.of(source);
		final Preprocessing pre = Preprocessing.of(preprocessing);
		final ClusterAnalysis.Algorithm alg = ClusterAnalysis.Algorithm.of(algorithm);
		final int neighbours = neighbours(connectivity);
		final int w = image.getWidth(), h = image.getHeight();
		final boolean[] inside = MaskImages.inside(image, maskName, w, h, 1);
		final RandomAccessibleInterval<NativeBoolType> mask = inside == null ? null : ArrayImgs.booleans(inside, w, h);
		return new SpectrumInputs(axis, range, mask, new SpectrumClustering.Settings(src, components(components), poisson, pre, alg, neighbours, clusters, restarts, seed, range[0], range[1]).withInit(MiniBatchSettings.Init.of(init)).withChannelWidth(axis.scale() != 0 ? Math.abs(axis.scale()) : 1));
	}

	/**
	 * @param key the components key: auto, or a whole number
	 * @return the number, or {@link SpectrumClustering#AUTO_COMPONENTS} for auto
	 */
	static int components(final String key) {
		final String k = key == null ? "" : key.trim();
		if (AUTO.equalsIgnoreCase(k)) return SpectrumClustering.AUTO_COMPONENTS;
		try {
			final int n = Integer.parseInt(k);
			if (n >= 1) return n;
		}
		catch (final NumberFormatException e) {
			// refused below
		}
		throw new IllegalArgumentException(String.format(BAD_COMPONENTS, key));
	}

	/** @return the components key as a model records it: the number, or "auto" */
	static Object componentsKey(final String key) {
		final int n = components(key);
		return n == SpectrumClustering.AUTO_COMPONENTS ? AUTO : (Object) n;
	}

	/** Adds the components clustered to a summary, and how they were chosen with components = auto. */
	static void summarizeComponents(final SpectrumClustering.Features features, final java.util.Map<String, Object> summary) {
		summary.put("components", features.components());
		if (features.componentsAutomatic()) summary.put("components_chosen_by", "auto: elbow of the scree plot (HyperSpy's number_significant_components)");
		final int significant = features.significantComponents();
		if (significant > 0) summary.put("significant_components", significant);
		if (features.blindSourceSeparation() != null) summary.put("bss_iterations", features.blindSourceSeparation().iterations());
	}

	/** @return the energy axis as a model records it */
	SpectrumClusteringModel.EnergyAxis energyAxis() {
		return energyAxis(axis);
	}

	/** @return an energy axis as a model records and checks it */
	static SpectrumClusteringModel.EnergyAxis energyAxis(final SpectrumAxis axis) {
		return new SpectrumClusteringModel.EnergyAxis(axis.size(), axis.offset() + 0.0, axis.scale(), axis.unit()); // + 0.0: an offset of -0.0 as 0.0
	}

	static int neighbours(final String connectivity) {
		final String c = connectivity == null ? "" : connectivity.trim();
		if (c.isEmpty() || "none".equalsIgnoreCase(c)) return 0;
		if ("4".equals(c)) return 4;
		if ("8".equals(c)) return 8;
		throw new IllegalArgumentException(String.format(SpectrumClustering.BAD_CONNECTIVITY, connectivity));
	}

	/** Offers {@link #INPUT}, {@link #DECOMPOSITION} and the titles of the other open images. */
	static void offerCentres(final MutableModuleItem<String> item, final ImagePlus input) {
		MaskImages.offerOpenImages(item, input, INPUT, DECOMPOSITION, BSS);
	}

	/**
	 * @return the image named by centres_from (the input for {@link #INPUT} or empty), null for
	 *         {@link #DECOMPOSITION}
	 */
	static ImagePlus centres(final String name, final ImagePlus input) {
		if (name == null || name.trim().isEmpty() || INPUT.equals(name.trim())) return input;
		if (DECOMPOSITION.equals(name.trim()) || BSS.equals(name.trim())) return null;
		return MaskImages.open(name, CENTRES_NOT_OPEN);
	}

	/**
	 * @param algorithm the algorithm chosen
	 * @param source the cluster source chosen
	 * @param analysis true for Spectrum Image Cluster Analysis, false for Estimate Number of Clusters
	 * @return the settings of the second dialog that apply to them, in order
	 */
	static List<String> more(final String algorithm, final String source, final boolean analysis) {
		final List<String> names = new ArrayList<>();
		for (final String name : analysis ? MORE : MORE_ESTIMATE)
			if (applies(name, algorithm, source)) names.add(name);
		return names;
	}

	private static boolean applies(final String name, final String algorithm, final String source) {
		final boolean kmeans = algorithm.equalsIgnoreCase("k-means") || algorithm.equalsIgnoreCase("mini-batch");
		switch (name) {
			case "distance_threshold":
			case "connectivity":
				return algorithm.equalsIgnoreCase("agglomerative");
			case "restarts":
			case "init":
				return kmeans;
			case "seed": // k-means, and the random parts of spectral clustering and of FastICA
				return kmeans || algorithm.equalsIgnoreCase("spectral") || source.equalsIgnoreCase("bss");
			case "poisson": // scales the data before the SVD
				return !source.equalsIgnoreCase("signal");
			default:
				return true;
		}
	}
}
