package io.github.pixelclustering.api;

import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.ClusterSignals;

/** The clusters of a spectrum image. */
public final class SpectrumClusteringResult {

	final SpectrumClustering.Features features;
	final ClusterAnalysis.Result fit;
	final int[] labels;
	final int[] centroidPixels;
	final ClusterSignals signals;
	/** Whether a model recognised its training map and gave its fit's labels back. */
	boolean trainingMap;

	SpectrumClusteringResult(final SpectrumClustering.Features features, final ClusterAnalysis.Result fit, final int[] labels, final int[] centroidPixels, final ClusterSignals signals) {
		this.features = features;
		this.fit = fit;
		this.labels = labels;
		this.centroidPixels = centroidPixels;
		this.signals = signals;
	}

	/** @return k */
	public int clusters() {
		return fit.clusters();
	}

	/** @return the features clustered */
	public SpectrumClustering.Features features() {
		return features;
	}

	/** @return the clustering in feature space (labels per analysed pixel, centroids, distances) */
	public ClusterAnalysis.Result fit() {
		return fit;
	}

	/** @return cluster 0..k-1 of every pixel in raster order (0 the largest), -1 outside the mask */
	public int[] labels() {
		return labels.clone();
	}

	/** @return raster index of the pixel closest to each cluster's centroid */
	public int[] centroidPixels() {
		return centroidPixels.clone();
	}

	/**
	 * @return whether this is a model applied to the map it was fitted on (the same pixels and values),
	 *         labelled with the fit's own labels (agglomerative and spectral models; k-means models get
	 *         them back by their nearest centre)
	 */
	public boolean trainingMap() {
		return trainingMap;
	}

	/** @return the cluster spectra */
	public ClusterSignals signals() {
		return signals;
	}

	/**
	 * @param l cluster 0..k-1
	 * @return distance of every pixel (raster order) to its centroid, NaN outside the mask
	 */
	public float[] distanceMap(final int l) {
		final float[] out = new float[features.width * features.height];
		java.util.Arrays.fill(out, Float.NaN);
		for (int i = 0; i < features.pixels.length; i++)
			out[features.pixels[i]] = (float) fit.distance(l, i);
		return out;
	}
}
