package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.api.SpectrumClusteringResult;
import io.github.pixelclustering.output.ClusterRois;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.output.LabelLut;
import io.github.pixelclustering.output.RoiOutput;
import io.github.pixelclustering.output.Tables;
import io.github.pixelclustering.spectrum.ClusterSignals;
import io.github.pixelclustering.spectrum.Decomposition;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.gui.Roi;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.awt.Color;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the result of a spectrum-image cluster analysis into the workspace: label image, distance
 * maps, cluster and spectra tables, the spectra plot, and the optional decomposition plots.
 */
final class SpectrumOutputs {

	/** Which cluster spectrum the plot shows. */
	static final List<String> SIGNALS = List.of("mean", "sum", "centroid");

	/** Message for an unknown signal choice. */
	static final String UNKNOWN_SIGNAL = "signal must be mean, sum or centroid, got \"%s\".";

	ImagePlus labels;
	ImagePlus distances;
	ImagePlus spectraPlot;
	ImagePlus screePlot;
	ImagePlus factorsPlot;
	ImagePlus loadings;

	/**
	 * What the cluster spectra are made of, as the summary's {@code cluster_spectra} says.
	 *
	 * @param centres the image whose spectra they are, or null for the model spectra of the decomposition
	 * @param input the image analysed
	 * @param result the clusters (read only for the model spectra)
	 * @return {@code measured}, {@code measured: <title>} (another image) or {@code model: <c> components}
	 */
	static String clusterSpectra(final ImagePlus centres, final ImagePlus input, final SpectrumClusteringResult result) {
		if (centres == null) return "model: " + result.features().components() + " components";
		return centres == input ? "measured" : "measured: " + centres.getTitle();
	}

	/**
	 * @param result the clusters
	 * @param image the input (title, calibration)
	 * @param axis the input's energy axis
	 * @param centres the energy axis of the spectra of the clusters; null for the model spectra of
	 *        the decomposition, over the analysed channels of the input
	 * @param range channels analysed
	 * @param signal the spectrum plotted: mean, sum or centroid
	 * @param scree whether to plot the explained variance ratio
	 * @param factors how many factors and loadings to show
	 * @param tables receives the tables published
	 */
	void publish(final SpectrumClusteringResult result, final ImagePlus image, final SpectrumAxis axis, final SpectrumAxis centres, final int[] range, final String signal, final boolean scree, final int factors, final Map<String, ResultsTable> tables) {
		publish(result, image, axis, centres, range, signal, scree, factors, tables, null);
	}

	/**
	 * {@link #publish(SpectrumClusteringResult, ImagePlus, SpectrumAxis, SpectrumAxis, int[], String, boolean, int, Map)}
	 * with a model's label colours.
	 *
	 * @param lut colour 0xrrggbb of labels 0..k (a model's), or null for the plugin's LUT
	 */
	void publish(final SpectrumClusteringResult result, final ImagePlus image, final SpectrumAxis axis, final SpectrumAxis centres, final int[] range, final String signal, final boolean scree, final int factors, final Map<String, ResultsTable> tables, final int[] lut) {
		final String title = io.github.pixelclustering.output.Titles.base(image.getTitle());
		final boolean model = centres == null;
		final SpectrumAxis centresAxis = model ? axis : centres;
		final int offset = model ? range[0] : 0;
		final int w = image.getWidth(), h = image.getHeight();
		final int k = result.clusters();
		final int[] raster = result.labels();
		labels = labelImage(title + "-labels", raster, w, h, k, image, lut);
		final ImageStack stack = new ImageStack(w, h);
		for (int l = 0; l < k; l++)
			stack.addSlice("cluster " + (l + 1), new FloatProcessor(w, h, result.distanceMap(l)));
		distances = new ImagePlus(title + "-distances", stack);
		distances.setCalibration(image.getCalibration().copy());
		distances.getCalibration().pixelDepth = 1;
		distances.getCalibration().zOrigin = 0;
		distances.getCalibration().setZUnit("cluster");
		distances.resetDisplayRange();

		final ResultsTable clusters = new ResultsTable();
		clusters.showRowNumbers(false);
		final int[] sizes = result.fit().sizes();
		final int[] centroidPixels = result.centroidPixels();
		final int analysed = result.features().pixels();
		for (int l = 0; l < k; l++) {
			clusters.incrementCounter();
			clusters.addValue("label", l + 1);
			clusters.addValue("pixels", sizes[l]);
			clusters.addValue("fraction", (double) sizes[l] / analysed);
			clusters.addValue("centroid_x", centroidPixels[l] % w);
			clusters.addValue("centroid_y", centroidPixels[l] / w);
		}
		Tables.publish(clusters, title + "-clusters", Tables.CENTROID_DECIMALS);
		tables.put(title + "-clusters", clusters);

		final ClusterSignals signals = result.signals();
		final ResultsTable spectra = new ResultsTable();
		spectra.showRowNumbers(false);
		final int channels = signals.channels();
		final double[][] sum = new double[k][], mean = new double[k][], centroid = new double[k][];
		for (int l = 0; l < k; l++) {
			sum[l] = signals.sum(l);
			mean[l] = signals.mean(l);
			centroid[l] = signals.centroid(l);
		}
		for (int c = 0; c < channels; c++) {
			spectra.incrementCounter();
			spectra.addValue("channel", offset + c);
			spectra.addValue("energy", centresAxis.energy(offset + c));
			for (int l = 0; l < k; l++)
				spectra.addValue("sum_" + (l + 1), sum[l][c]);
			for (int l = 0; l < k; l++)
				spectra.addValue("mean_" + (l + 1), mean[l][c]);
			for (int l = 0; l < k; l++)
				spectra.addValue("centroid_" + (l + 1), centroid[l][c]);
		}
		Tables.publish(spectra, title + "-cluster-spectra", Map.of("channel", 0));
		tables.put(title + "-cluster-spectra", spectra);

		final double[][] shown = "sum".equals(signal) ? sum : "centroid".equals(signal) ? centroid : mean;
		// the plot shows the analysed energy range of the input (the whole axis of another stack)
		final int from = !model && centresAxis == axis ? range[0] : 0, to = !model && centresAxis == axis ? range[1] : channels - 1;
		final double[] energies = new double[to - from + 1];
		for (int c = from; c <= to; c++)
			energies[c - from] = centresAxis.energy(offset + c);
		final Plot plot = new Plot(title + "-cluster-spectra", axisLabel(centresAxis), (model ? "model (" + result.features().components() + " components) " : "") + "cluster " + signal + " spectrum");
		final StringBuilder legend = new StringBuilder();
		for (int l = 0; l < k; l++) {
			plot.setColor(lut != null ? new Color(lut[l + 1]) : LabelImages.colour(labels, l + 1, k));
			plot.addPoints(energies, java.util.Arrays.copyOfRange(shown[l], from, to + 1), Plot.LINE);
			legend.append(l == 0 ? "" : "\n").append("cluster ").append(l + 1).append(" (").append(sizes[l]).append(" px)");
		}
		plot.setLegend(legend.toString(), Plot.AUTO_POSITION);
		plot.setLimitsToFit(false);
		spectraPlot = plot.getImagePlus();
		spectraPlot.setTitle(title + "-cluster-spectra");

		final Decomposition decomposition = result.features().decomposition();
		if (decomposition != null && scree) {
			final double[] ratio = java.util.Arrays.copyOf(decomposition.explainedVarianceRatio(), Math.min(SpectrumClusterAnalysisCommand.SCREE, decomposition.components()));
			final double[] index = new double[ratio.length];
			for (int i = 0; i < ratio.length; i++)
				index[i] = i;
			final Plot p = new Plot(title + "-scree", "component", "explained variance ratio");
			p.setLogScaleY();
			p.setColor(Color.BLUE);
			p.addPoints(index, ratio, Plot.CIRCLE);
			final int significant = result.features().significantComponents();
			final StringBuilder screeLegend = new StringBuilder("explained variance ratio");
			if (significant > 0 && significant <= ratio.length) {
				// HyperSpy's plot_explained_variance_ratio marks the same point (its vline)
				p.setColor(Color.RED);
				p.addPoints(new double[] { significant - 1 }, new double[] { ratio[significant - 1] }, Plot.BOX);
				screeLegend.append("\n").append(screeMark(significant, result.features()));
			}
			p.setLegend(screeLegend.toString(), Plot.AUTO_POSITION);
			p.setLimitsToFit(false);
			screePlot = p.getImagePlus();
			screePlot.setTitle(title + "-scree");
		}
		if (decomposition != null && factors > 0) {
			final int n = Math.min(factors, decomposition.components());
			final double[] f = decomposition.factors(n);
			final int m = decomposition.channels();
			final double[] e = new double[m];
			for (int c = 0; c < m; c++)
				e[c] = axis.energy(range[0] + c);
			final Plot p = new Plot(title + "-factors", axisLabel(axis), "factor");
			final StringBuilder names = new StringBuilder();
			for (int i = 0; i < n; i++) {
				final double[] y = new double[m];
				for (int c = 0; c < m; c++)
					y[c] = f[c * n + i];
				p.setColor(LabelLut.colour(i + 1));
				p.addPoints(e, y, Plot.LINE);
				names.append(i == 0 ? "" : "\n").append("factor ").append(i);
			}
			p.setLegend(names.toString(), Plot.AUTO_POSITION);
			p.setLimitsToFit(false);
			factorsPlot = p.getImagePlus();
			factorsPlot.setTitle(title + "-factors");
			final double[] l = decomposition.loadings(n);
			final int[] pixels = result.features().pixelIndices();
			final ImageStack ls = new ImageStack(w, h);
			for (int i = 0; i < n; i++) {
				final float[] map = new float[w * h];
				java.util.Arrays.fill(map, Float.NaN);
				for (int j = 0; j < pixels.length; j++)
					map[pixels[j]] = (float) l[j * n + i];
				ls.addSlice("loading " + i, new FloatProcessor(w, h, map));
			}
			loadings = new ImagePlus(title + "-loadings", ls);
			loadings.setCalibration(image.getCalibration().copy());
			loadings.getCalibration().pixelDepth = 1;
			loadings.getCalibration().zOrigin = 0;
			loadings.resetDisplayRange();
		}
	}

	/**
	 * @return the scree plot's legend of its marked point: the elbow, and whether the clustering used it
	 */
	static String screeMark(final int significant, final SpectrumClustering.Features features) {
		final String used = features.componentsAutomatic() ? " (components=auto: clustered)" : " (" + features.components() + " clustered)";
		return "elbow: " + significant + " significant components" + used;
	}

	/** Adds the outline of every cluster to the input's overlay and/or the ROI Manager. */
	static void outlines(final ImagePlus image, final ImagePlus labels, final int k, final boolean overlay, final boolean roiManager, final List<File> files) {
		final List<Roi> rois = ClusterRois.outlines(labels, k);
		for (final Roi roi : rois)
			roi.setPosition(0);
		if (overlay) RoiOutput.addToOverlay(image, rois);
		if (roiManager) {
			final File file = RoiOutput.toRoiManager(rois, io.github.pixelclustering.output.Titles.base(image.getTitle()));
			if (file != null) files.add(file);
		}
	}

	static void checkSignal(final String signal) {
		if (!SIGNALS.contains(signal)) throw new IllegalArgumentException(String.format(UNKNOWN_SIGNAL, signal));
	}

	static String axisLabel(final SpectrumAxis axis) {
		return SpectrumAxis.CHANNEL_UNIT.equals(axis.unit()) ? "channel" : String.format(Locale.ROOT, "energy (%s)", axis.unit());
	}

	private static ImagePlus labelImage(final String title, final int[] raster, final int w, final int h, final int k, final ImagePlus source, final int[] lut) {
		final ImageProcessor ip = LabelImages.bitDepthFor(k) == 8 ? new ByteProcessor(w, h) : new ShortProcessor(w, h);
		for (int i = 0; i < raster.length; i++)
			ip.set(i, raster[i] + 1);
		final ImagePlus imp = new ImagePlus(title, ip);
		if (lut == null) LabelImages.configure(imp, source, k);
		else LabelImages.configure(imp, source, k, lut);
		imp.getCalibration().pixelDepth = 1;
		imp.getCalibration().zOrigin = 0;
		return imp;
	}
}
