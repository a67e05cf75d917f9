package io.github.pixelclustering.spectrum;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

/**
 * The spectra of the clusters, as HyperSpy's {@code cluster_sum_signals}, mean signals and
 * {@code cluster_centroid_signals}: per cluster the sum and the mean of its pixels' spectra, and the
 * spectrum of the pixel closest to its centroid. From measured spectra ({@link #of}) they are HyperSpy's
 * with a measured {@code source_for_centers}, and also those of its default decomposition call
 * ({@code number_of_components=None}, whose model has every component, i.e. the data); from the first c
 * components of the decomposition ({@link #ofModel}) they are HyperSpy's with
 * {@code number_of_components=c}.
 */
public final class ClusterSignals {

	/** Channels summed side by side. */
	private static final int GROUP = 4;

	private final int clusters;
	private final int channels;
	private final double[] sums;
	private final int[] sizes;
	private final double[] centroids;

	private ClusterSignals(final int clusters, final int channels, final double[] sums, final int[] sizes, final double[] centroids) {
		this.clusters = clusters;
		this.channels = channels;
		this.sums = sums;
		this.sizes = sizes;
		this.centroids = centroids;
	}

	/**
	 * @param spectra the spectra of every pixel, read a channel at a time (from several threads at once)
	 * @param labels cluster 0..k-1 of every pixel, or -1 for pixels not clustered
	 * @param clusters k
	 * @param centroidPixels for every cluster, the pixel whose spectrum is its centroid spectrum
	 * @param runner where to run
	 * @return the cluster spectra
	 */
	public static ClusterSignals of(final Spectra spectra, final int[] labels, final int clusters, final int[] centroidPixels, final TaskRunner runner) {
		return of(spectra, labels, clusters, centroidPixels, runner, ProgressListener.NONE);
	}

	/**
	 * {@link #of(Spectra, int[], int, int[], TaskRunner)} with progress (channels read) and cancellation.
	 *
	 * @param spectra the spectra of all pixels
	 * @param labels cluster 0..k-1 of every pixel, or -1 for none
	 * @param clusters k
	 * @param centroidPixels for every cluster, the pixel closest to its centroid
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return sums, means and centroid spectra
	 */
	public static ClusterSignals of(final Spectra spectra, final int[] labels, final int clusters, final int[] centroidPixels, final TaskRunner runner, final ProgressListener listener) {
		final SharedProgress progress = new SharedProgress(listener, spectra.channels());
		final int n = labels.length;
		if (spectra.pixels() != n) throw new IllegalArgumentException("Expected the spectra of " + n + " pixels, got " + spectra.pixels() + ".");
		final int channels = spectra.channels();
		final int[] sizes = new int[clusters];
		for (final int l : labels)
			if (l >= 0) sizes[l]++;
		final double[] sums = new double[clusters * channels];
		final double[] centroids = new double[clusters * channels];
		// Every channel sums its pixels in raster order: the same whatever the runner. Four channels are
		// summed side by side (four independent chains of additions per cluster, not one).
		Chunks.of(channels, 16).forEach(runner, (b, start, end) -> {
			listener.checkCanceled();
			final double[][] planes = new double[GROUP][n];
			final double[] perCluster = new double[clusters * GROUP];
			for (int c = start; c < end; c += GROUP) {
				final int g = Math.min(GROUP, end - c);
				for (int i = 0; i < g; i++)
					spectra.read(c + i, 0, n, planes[i], 0, 1);
				java.util.Arrays.fill(perCluster, 0);
				if (g == GROUP) {
					final double[] p0 = planes[0], p1 = planes[1], p2 = planes[2], p3 = planes[3];
					for (int p = 0; p < n; p++) {
						final int l = labels[p];
						if (l < 0) continue;
						final int o = l * GROUP;
						perCluster[o] += p0[p];
						perCluster[o + 1] += p1[p];
						perCluster[o + 2] += p2[p];
						perCluster[o + 3] += p3[p];
					}
				}
				else {
					for (int i = 0; i < g; i++) {
						final double[] plane = planes[i];
						for (int p = 0; p < n; p++) {
							final int l = labels[p];
							if (l >= 0) perCluster[l * GROUP + i] += plane[p];
						}
					}
				}
				for (int i = 0; i < g; i++)
					for (int l = 0; l < clusters; l++) {
						sums[l * channels + c + i] = perCluster[l * GROUP + i];
						centroids[l * channels + c + i] = planes[i][centroidPixels[l]];
					}
			}
			progress.add(end - start, "Cluster spectra: reading channels");
		});
		return new ClusterSignals(clusters, channels, sums, sizes, centroids);
	}

	/**
	 * @param spectra pixel-major spectra of all pixels, entry {@code p * channels + c}
	 * @param channels channels per spectrum
	 * @param labels cluster 0..k-1 of every pixel, or -1 for pixels not clustered
	 * @param clusters k
	 * @param centroidPixels for every cluster, the pixel whose spectrum is its centroid spectrum
	 * @param runner where to run
	 * @return the cluster spectra
	 */
	public static ClusterSignals of(final float[] spectra, final int channels, final int[] labels, final int clusters, final int[] centroidPixels, final TaskRunner runner) {
		return of(Spectra.of(spectra, labels.length, channels), labels, clusters, centroidPixels, runner);
	}

	/**
	 * The model spectra of the clusters from the first c components of a decomposition: per cluster the
	 * sum of its pixels' loadings times the factors (the rank-c reconstruction summed), and the
	 * reconstruction of its centroid pixel. These are HyperSpy 1.7.3's {@code cluster_sum_signals} and
	 * {@code cluster_centroid_signals} of {@code cluster_analysis("decomposition", number_of_components=c)}.
	 * Its default call ({@code number_of_components=None}) clusters the significant loadings but builds
	 * them from every component, which reconstructs the measured data: {@link #of(Spectra, int[], int, int[], TaskRunner)}
	 * of the measured spectra gives those.
	 *
	 * @param loadings pixels x c, row-major
	 * @param factors channels x c, row-major
	 * @param components c
	 * @param labels cluster 0..k-1 of every pixel of the loadings, or -1
	 * @param clusters k
	 * @param centroidPixels for every cluster, a row of the loadings
	 * @return the cluster spectra over the channels of the factors
	 */
	public static ClusterSignals ofModel(final double[] loadings, final double[] factors, final int components, final int[] labels, final int clusters, final int[] centroidPixels) {
		final int channels = factors.length / components;
		final int[] sizes = new int[clusters];
		final double[] summed = new double[clusters * components];
		for (int p = 0; p < labels.length; p++) {
			final int l = labels[p];
			if (l < 0) continue;
			sizes[l]++;
			for (int c = 0; c < components; c++)
				summed[l * components + c] += loadings[p * components + c];
		}
		final double[] sums = new double[clusters * channels];
		final double[] centroids = new double[clusters * channels];
		for (int l = 0; l < clusters; l++)
			for (int ch = 0; ch < channels; ch++) {
				double sum = 0, centroid = 0;
				for (int c = 0; c < components; c++) {
					sum += summed[l * components + c] * factors[ch * components + c];
					centroid += loadings[centroidPixels[l] * components + c] * factors[ch * components + c];
				}
				sums[l * channels + ch] = sum;
				centroids[l * channels + ch] = centroid;
			}
		return new ClusterSignals(clusters, channels, sums, sizes, centroids);
	}

	/** @return k */
	public int clusters() {
		return clusters;
	}

	/** @return channels per spectrum */
	public int channels() {
		return channels;
	}

	/**
	 * @param l cluster
	 * @return the sum of its pixels' spectra
	 */
	public double[] sum(final int l) {
		final double[] out = new double[channels];
		System.arraycopy(sums, l * channels, out, 0, channels);
		return out;
	}

	/**
	 * @param l cluster
	 * @return the mean of its pixels' spectra
	 */
	public double[] mean(final int l) {
		final double[] out = sum(l);
		for (int c = 0; c < channels; c++)
			out[c] /= sizes[l];
		return out;
	}

	/**
	 * @param l cluster
	 * @return the spectrum of the pixel closest to its centroid
	 */
	public double[] centroid(final int l) {
		final double[] out = new double[channels];
		System.arraycopy(centroids, l * channels, out, 0, channels);
		return out;
	}
}
