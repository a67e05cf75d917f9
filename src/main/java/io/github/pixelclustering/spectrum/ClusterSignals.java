package io.github.pixelclustering.spectrum;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.LabelGroups;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

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
	private static final int GROUP = 8;
	/** Pixels per block of the channels of a group read together. */
	private static final int BLOCK = 2048;

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
		// the pixels of every cluster, in raster order
		final LabelGroups groups = LabelGroups.of(labels, clusters);
		final int[] start = groups.start, order = groups.members;
		final int[] sizes = new int[clusters];
		for (int l = 0; l < clusters; l++)
			sizes[l] = groups.size(l);
		final double[] sums = new double[clusters * channels];
		final double[] centroids = new double[clusters * channels];
		// Every channel sums its cluster's pixels in raster order (the same whatever the runner). A group
		// of channels is read a block of pixels at a time; each cluster's pixels of the block then add to
		// GROUP sums kept in registers (GROUP independent chains of additions), carried from one block to
		// the next, so the order of every sum stays the raster order.
		Chunks.of(channels, 16).forEach(runner, (chunk, from, to) -> {
			listener.checkCanceled();
			final double[][] rows = new double[GROUP][BLOCK];
			final float[][] planes = new float[GROUP][];
			final double[] acc = new double[clusters * GROUP];
			final int[] cursor = new int[clusters];
			for (int c = from; c < to; c += GROUP) {
				final int g = Math.min(GROUP, to - c);
				Arrays.fill(acc, 0);
				System.arraycopy(start, 0, cursor, 0, clusters);
				// a group of float channels stored as planes is read where it is (no copy: the sums
				// read each value once anyway), else copied a block at a time
				boolean inPlace = g == GROUP;
				for (int i = 0; i < g; i++)
					inPlace &= (planes[i] = spectra.floatPlane(c + i)) != null;
				for (int a = 0; a < n; a += BLOCK) {
					final int b = Math.min(n, a + BLOCK);
					if (!inPlace) for (int i = 0; i < g; i++)
						spectra.read(c + i, a, b, rows[i], 0, 1);
					for (int l = 0; l < clusters; l++) {
						final int end = blockEnd(order, cursor[l], start[l + 1], b);
						if (inPlace) addGroup(planes, order, cursor[l], end, acc, l * GROUP);
						else if (g == GROUP) addGroup(rows, a, order, cursor[l], end, acc, l * GROUP);
						else for (int i = 0; i < g; i++) {
							final double[] row = rows[i];
							double sum = acc[l * GROUP + i];
							for (int j = cursor[l]; j < end; j++)
								sum += row[order[j] - a];
							acc[l * GROUP + i] = sum;
						}
						cursor[l] = end;
						final int centroid = centroidPixels[l];
						if (centroid >= a && centroid < b) for (int i = 0; i < g; i++)
							centroids[l * channels + c + i] = inPlace ? planes[i][centroid] : rows[i][centroid - a];
					}
				}
				for (int i = 0; i < g; i++)
					for (int l = 0; l < clusters; l++)
						sums[l * channels + c + i] = acc[l * GROUP + i];
			}
			progress.add(to - from, "Cluster spectra: reading channels");
		});
		return new ClusterSignals(clusters, channels, sums, sizes, centroids);
	}

	/** @return the first of {@code order[from..to)} (increasing) at or past pixel {@code limit} */
	private static int blockEnd(final int[] order, final int from, final int to, final int limit) {
		int j = from;
		while (j < to && order[j] < limit)
			j++;
		return j;
	}

	/**
	 * Adds channel i's value of the pixels {@code order[from..to)} (in that order) to
	 * {@code acc[o + i]}, for the GROUP channels of a block of rows starting at pixel {@code a}: GROUP
	 * sums in registers, not in memory.
	 */
	private static void addGroup(final double[][] rows, final int a, final int[] order, final int from, final int to, final double[] acc, final int o) {
		final double[] r0 = rows[0], r1 = rows[1], r2 = rows[2], r3 = rows[3], r4 = rows[4], r5 = rows[5], r6 = rows[6], r7 = rows[7];
		double s0 = acc[o], s1 = acc[o + 1], s2 = acc[o + 2], s3 = acc[o + 3], s4 = acc[o + 4], s5 = acc[o + 5], s6 = acc[o + 6], s7 = acc[o + 7];
		for (int j = from; j < to; j++) {
			final int p = order[j] - a;
			s0 += r0[p];
			s1 += r1[p];
			s2 += r2[p];
			s3 += r3[p];
			s4 += r4[p];
			s5 += r5[p];
			s6 += r6[p];
			s7 += r7[p];
		}
		acc[o] = s0;
		acc[o + 1] = s1;
		acc[o + 2] = s2;
		acc[o + 3] = s3;
		acc[o + 4] = s4;
		acc[o + 5] = s5;
		acc[o + 6] = s6;
		acc[o + 7] = s7;
	}

	/**
	 * {@link #addGroup(double[][], int, int[], int, int, double[], int)} of GROUP float planes, pixel p at
	 * index p (the same sums: a float is a double exactly).
	 */
	private static void addGroup(final float[][] planes, final int[] order, final int from, final int to, final double[] acc, final int o) {
		final float[] r0 = planes[0], r1 = planes[1], r2 = planes[2], r3 = planes[3], r4 = planes[4], r5 = planes[5], r6 = planes[6], r7 = planes[7];
		double s0 = acc[o], s1 = acc[o + 1], s2 = acc[o + 2], s3 = acc[o + 3], s4 = acc[o + 4], s5 = acc[o + 5], s6 = acc[o + 6], s7 = acc[o + 7];
		for (int j = from; j < to; j++) {
			final int p = order[j];
			s0 += r0[p];
			s1 += r1[p];
			s2 += r2[p];
			s3 += r3[p];
			s4 += r4[p];
			s5 += r5[p];
			s6 += r6[p];
			s7 += r7[p];
		}
		acc[o] = s0;
		acc[o + 1] = s1;
		acc[o + 2] = s2;
		acc[o + 3] = s3;
		acc[o + 4] = s4;
		acc[o + 5] = s5;
		acc[o + 6] = s6;
		acc[o + 7] = s7;
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
