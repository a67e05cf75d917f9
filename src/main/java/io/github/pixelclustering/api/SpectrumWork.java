package io.github.pixelclustering.api;

import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.ClusterNumber;

/**
 * Rough estimates of the work of the steps of a spectrum-image analysis, in multiply-adds, so that a
 * run made of several steps (features, then clustering or the estimate of k, then outputs) can weigh their
 * shares of one progress bar. Only proportions matter; they need not be exact.
 */
public final class SpectrumWork {

	private SpectrumWork() {}

	/** Work of reading one value of a spectrum image, in multiply-adds: it costs about as many. */
	static final double READ = 50;

	/**
	 * The work of {@link SpectrumClustering#features}: a pass over the values (three for the decomposition),
	 * plus the Gram matrix.
	 *
	 * @param pixels pixels analysed
	 * @param channels channels analysed
	 * @param settings the source
	 * @return the estimate, > 0
	 */
	public static double ofFeatures(final int pixels, final int channels, final SpectrumClustering.Settings settings) {
		final double read = READ * pixels * channels + 1;
		if (settings.source == SpectrumClustering.Source.SIGNAL) return read;
		final double side = Math.min(pixels, channels);
		return 3 * read + 0.5 * Math.max(pixels, channels) * side * side;
	}

	/**
	 * The work of {@link SpectrumClustering#cluster}: the clustering ({@link ClusterAnalysis#cost}), the
	 * distances, a pass over the values for the spectra.
	 *
	 * @param pixels pixels analysed
	 * @param channels channels analysed
	 * @param settings algorithm, clusters, source
	 * @return the estimate, > 0
	 */
	public static double ofClustering(final int pixels, final int channels, final SpectrumClustering.Settings settings) {
		final int d = dimensions(channels, settings);
		final int k = Math.max(1, settings.clusters); // 0 with a distance threshold: k is known after the tree
		return ClusterAnalysis.cost(settings.algorithm, pixels, d, k, SpectrumClustering.usesGraph(settings)) + 2.0 * pixels * d * k + READ * pixels * channels;
	}

	/**
	 * The work of {@link SpectrumClustering#estimate}: a clustering per k (with the references' for the gap),
	 * the silhouette's pairs of pixels.
	 *
	 * @param pixels pixels analysed
	 * @param channels channels analysed
	 * @param maxClusters largest k tried
	 * @param metric the metric
	 * @param settings algorithm, source
	 * @return the estimate, > 0
	 */
	public static double ofEstimate(final int pixels, final int channels, final int maxClusters, final ClusterNumber.Metric metric, final SpectrumClustering.Settings settings) {
		final int d = dimensions(channels, settings);
		final int runs = metric == ClusterNumber.Metric.GAP ? 1 + ClusterNumber.REFERENCES : 1;
		double work = 1;
		for (int k = 2; k <= maxClusters; k++)
			work += runs * ClusterAnalysis.cost(settings.algorithm, pixels, d, k, SpectrumClustering.usesGraph(settings)) + (metric == ClusterNumber.Metric.SILHOUETTE ? (double) pixels * pixels * d : 0);
		return work;
	}

	/** @return the features per pixel the settings give, guessing 8 for components = auto (unknown until the decomposition) */
	private static int dimensions(final int channels, final SpectrumClustering.Settings settings) {
		if (settings.source == SpectrumClustering.Source.SIGNAL) return channels;
		return settings.components == SpectrumClustering.AUTO_COMPONENTS ? Math.min(8, channels) : settings.components;
	}
}
