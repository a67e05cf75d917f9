package io.github.pixelclustering.api;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.io.AtomicFiles;
import io.github.pixelclustering.io.RippleBands;
import io.github.pixelclustering.io.TiledTiffWriter;
import io.github.pixelclustering.spectrum.ClusterSignals;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

/**
 * A spectrum model applied to a ripple map (.rpl/.raw) larger than memory, band of rows after band of
 * rows ({@link RippleBands}): each band is labelled by the model as a map of its own
 * ({@link SpectrumClusteringModel#apply}), its labels written to a tiled BigTIFF, and its clusters'
 * sizes, spectrum sums and centroid pixels merged into those of the whole map. A pixel's label depends
 * on its spectrum only (nearest centre in the model's feature space), so the labels are those of the map
 * in memory; a model does not recognise its training map band by band, so agglomerative and spectral
 * models label it by nearest centroid too. Sums are added band after band (equal to the map's to
 * rounding); the centroid spectrum of a cluster is that of its pixel closest to the centroid over all
 * bands (ties: the first in raster order). No distance maps (one map per cluster as large as the map).
 */
public final class TiledSpectrum {

	/** The clusters of a map labelled band by band. */
	public static final class Result {

		final int width, height, clusters, channels;
		final long[] sizes;
		final double[][] sums, centroids;
		final int[] centroidPixels;
		final double[] centroidDistances;
		final int bands;

		Result(final int width, final int height, final int clusters, final int channels, final int bands) {
			this.width = width;
			this.height = height;
			this.clusters = clusters;
			this.channels = channels;
			this.bands = bands;
			sizes = new long[clusters];
			sums = new double[clusters][channels];
			centroids = new double[clusters][];
			centroidPixels = new int[clusters];
			centroidDistances = new double[clusters];
			java.util.Arrays.fill(centroidPixels, -1);
			java.util.Arrays.fill(centroidDistances, Double.POSITIVE_INFINITY);
		}

		/** @return k */
		public int clusters() {
			return clusters;
		}

		/** @return bands read */
		public int bands() {
			return bands;
		}

		/** @return pixels in cluster l (0..k-1) */
		public long size(final int l) {
			return sizes[l];
		}

		/** @return pixels labelled */
		public long pixels() {
			long n = 0;
			for (final long s : sizes)
				n += s;
			return n;
		}

		/** @return the sum spectrum of cluster l */
		public double[] sum(final int l) {
			return sums[l].clone();
		}

		/** @return the mean spectrum of cluster l (NaN when empty) */
		public double[] mean(final int l) {
			final double[] m = sums[l].clone();
			for (int c = 0; c < m.length; c++)
				m[c] = sizes[l] == 0 ? Double.NaN : m[c] / sizes[l];
			return m;
		}

		/** @return the spectrum of the pixel closest to cluster l's centroid (NaN when empty) */
		public double[] centroid(final int l) {
			if (centroids[l] != null) return centroids[l].clone();
			final double[] nan = new double[channels];
			java.util.Arrays.fill(nan, Double.NaN);
			return nan;
		}

		/** @return raster index of the pixel closest to cluster l's centroid, -1 when empty */
		public int centroidPixel(final int l) {
			return centroidPixels[l];
		}

		/**
		 * @return the clusters table's columns by heading: {@code label}, {@code pixels}, {@code fraction},
		 *         {@code centroid_x}, {@code centroid_y}, one row per cluster 1..k
		 */
		public Map<String, double[]> clustersTable() {
			final Map<String, double[]> t = new LinkedHashMap<>();
			final double[] label = new double[clusters], pixels = new double[clusters], fraction = new double[clusters], x = new double[clusters], y = new double[clusters];
			final long all = pixels();
			for (int l = 0; l < clusters; l++) {
				label[l] = l + 1;
				pixels[l] = sizes[l];
				fraction[l] = (double) sizes[l] / all;
				x[l] = centroidPixels[l] < 0 ? Double.NaN : centroidPixels[l] % width;
				y[l] = centroidPixels[l] < 0 ? Double.NaN : centroidPixels[l] / width;
			}
			t.put("label", label);
			t.put("pixels", pixels);
			t.put("fraction", fraction);
			t.put("centroid_x", x);
			t.put("centroid_y", y);
			return t;
		}

		/**
		 * @param firstChannel the map channel of the spectra's first value
		 * @param energies the energy of each of the spectra's channels
		 * @return the cluster spectra table's columns: {@code channel}, {@code energy}, then
		 *         {@code sum_l}, {@code mean_l}, {@code centroid_l} for l = 1..k
		 */
		public Map<String, double[]> spectraTable(final int firstChannel, final double[] energies) {
			final Map<String, double[]> t = new LinkedHashMap<>();
			final double[] channel = new double[channels];
			for (int c = 0; c < channels; c++)
				channel[c] = firstChannel + c;
			t.put("channel", channel);
			t.put("energy", energies.clone());
			for (int l = 0; l < clusters; l++)
				t.put("sum_" + (l + 1), sum(l));
			for (int l = 0; l < clusters; l++)
				t.put("mean_" + (l + 1), mean(l));
			for (int l = 0; l < clusters; l++)
				t.put("centroid_" + (l + 1), centroid(l));
			return t;
		}
	}

	private TiledSpectrum() {}

	/**
	 * Labels a ripple map with a spectrum model, band after band, and writes the labels (1..k, 8-bit up
	 * to 255 clusters, else 16-bit) as a tiled BigTIFF through a temporary file moved into place at the
	 * end.
	 *
	 * @param model a spectrum model whose energy axis the map has (check it first with
	 *        {@link SpectrumClusteringModel#requireAxis})
	 * @param map the map
	 * @param labels where the label image goes, or null for none
	 * @param listener progress (a step a band) and cancellation
	 * @return sizes, cluster spectra and centroid pixels of the whole map
	 * @throws IOException when a file cannot be read or written
	 */
	public static Result apply(final SpectrumClusteringModel model, final RippleBands map, final File labels, final ProgressListener listener) throws IOException {
		final int w = map.header().width(), h = map.header().height();
		final Result[] result = new Result[1];
		if (labels == null) result[0] = label(model, map, null, listener);
		else AtomicFiles.write(labels, part -> {
			try (TiledTiffWriter writer = new TiledTiffWriter(part, w, h, 1, model.clusters() <= 255 ? 8 : 16, TiledTiffWriter.TILE, TiledColour.LEVEL)) {
				result[0] = label(model, map, writer, listener);
				writer.finish();
			}
		});
		return result[0];
	}

	private static Result label(final SpectrumClusteringModel model, final RippleBands map, final TiledTiffWriter writer, final ProgressListener listener) throws IOException {
		final TaskRunner tasks = ParallelTasks.current();
		final int w = map.header().width(), m = map.header().depth(), k = model.clusters();
		final boolean bytes = k <= 255;
		Result merged = null;
		for (int band = 0; band < map.bands(); band++) {
			listener.checkCanceled();
			listener.progress((double) band / map.bands(), "Labelling band " + (band + 1) + " of " + map.bands());
			final int rows = map.bandRows(band), n = w * rows, offset = map.bandY(band) * w;
			final double[][] channels = new double[m][n];
			map.read(band, channels);
			final List<RandomAccessibleInterval<? extends RealType<?>>> views = new ArrayList<>(m);
			for (final double[] c : channels)
				views.add(ArrayImgs.doubles(c, w, rows));
			final SpectrumClusteringResult r = model.apply(views, null, ProgressListener.NONE);
			final ClusterSignals signals = r.signals();
			if (merged == null) merged = new Result(w, map.header().height(), k, signals.channels(), map.bands());
			final int[] sizes = r.fit().sizes();
			final int[] centroidPixels = r.centroidPixels();
			for (int l = 0; l < k; l++) {
				merged.sizes[l] += sizes[l];
				if (sizes[l] == 0) continue;
				final double[] sum = signals.sum(l);
				for (int c = 0; c < sum.length; c++)
					merged.sums[l][c] += sum[c];
				final double d = r.fit().distance(l, centroidPixels[l]);
				if (d < merged.centroidDistances[l]) {
					merged.centroidDistances[l] = d;
					merged.centroidPixels[l] = offset + centroidPixels[l];
					merged.centroids[l] = signals.centroid(l);
				}
			}
			if (writer != null) {
				final int[] raster = r.labels();
				if (bytes) {
					final byte[] out = new byte[n];
					for (int i = 0; i < n; i++)
						out[i] = (byte) (raster[i] + 1);
					writer.writeRows(out, 0, rows, tasks);
				}
				else {
					final short[] out = new short[n];
					for (int i = 0; i < n; i++)
						out[i] = (short) (raster[i] + 1);
					writer.writeRows(out, 0, rows, tasks);
				}
			}
		}
		listener.progress(1, "Labelled " + map.bands() + " bands");
		return merged;
	}
}
