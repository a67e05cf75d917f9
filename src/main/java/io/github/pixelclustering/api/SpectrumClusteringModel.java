package io.github.pixelclustering.api;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.kmeans.NearestCentres;
import io.github.pixelclustering.spectrum.BlindSourceSeparation;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.Decomposition;
import io.github.pixelclustering.spectrum.Preprocessing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;

/**
 * A fitted Spectrum Image Cluster Analysis (also Estimate Number of Clusters with {@code analyse=true}):
 * the feature definition (the energy axis: channel count, calibration, the channel range analysed), the
 * transforms fitted on the training map (for {@code source=decomposition} the projection onto the first
 * components, the factors and the Poisson weights; the preprocessing's parameters), and the clusters in
 * that feature space with the fit's numbering (largest first on the training map) and LUT.
 * <p>
 * Applying it maps every pixel's spectrum to its features with the stored transforms, then assigns it:
 * <ul>
 * <li>k-means and mini-batch: the nearest k-means centre, as scikit-learn's {@code predict}, with the
 * fit's arithmetic and tie order ({@code search_order}), so the training map gets the fit's labels
 * back;</li>
 * <li>agglomerative and spectral clustering (which have no {@code predict}): the nearest cluster
 * centroid (mean feature vector of the cluster on the training map). That is the fit's label wherever a
 * pixel is nearer its own cluster's centroid than any other, which Ward and spectral clusters need not be
 * everywhere; so these models also keep the fit's labels (scikit-learn's {@code labels_}) with a
 * fingerprint of the training map (its pixels' positions and values over the channel range), and give
 * them back when applied to that map.</li>
 * </ul>
 * Distance maps, cluster sizes, centroid pixels and cluster spectra are then computed as by the fit, with
 * the fit's centroids. Blocks of pixels are processed in parallel (ImgLib2's {@code Parallelization} of
 * the calling thread); the result does not depend on the number of threads. Immutable.
 */
public final class SpectrumClusteringModel extends ClusteringModel {

	/** The command whose models these are. */
	public static final String COMMAND = "Spectrum Image Cluster Analysis";
	/** The other command that makes them (with analyse=true). */
	public static final String ESTIMATE_COMMAND = "Estimate Number of Clusters";
	/** Message when a model is asked for from a fit with the user's preprocessing or algorithm. */
	public static final String USER_STEPS = "A model cannot be saved from a user-defined preprocessing or clustering algorithm: a script's function is not written to the file (apply it to the new images in the script instead).";

	/** Image the model cannot label: what the model expects, what the image is. */
	public static final String EXPECTS = "The model expects spectra of %s, got %s.";

	/** An energy axis: channel count and calibration (energy of channel c = offset + c * scale). */
	public static final class EnergyAxis {

		final int channels;
		final double offset;
		final double scale;
		final String unit;

		/**
		 * @param channels number of channels
		 * @param offset energy of channel 0
		 * @param scale energy per channel
		 * @param unit energy unit, or "channel" when uncalibrated
		 */
		public EnergyAxis(final int channels, final double offset, final double scale, final String unit) {
			this.channels = channels;
			this.offset = offset;
			this.scale = scale;
			this.unit = unit;
		}

		/** @return number of channels */
		public int channels() {
			return channels;
		}

		/** @return energy of channel 0 */
		public double offset() {
			return offset;
		}

		/** @return energy per channel */
		public double scale() {
			return scale;
		}

		/** @return the unit, "channel" when uncalibrated */
		public String unit() {
			return unit;
		}

		/** @return whether the axis has an energy calibration */
		public boolean calibrated() {
			return !"channel".equals(unit);
		}

		boolean sameCalibration(final EnergyAxis o) {
			final double tolerance = 1e-9 * Math.max(Math.abs(scale), Math.abs(o.scale)) * Math.max(1, channels);
			return unit.equals(o.unit) && Math.abs(offset - o.offset) <= tolerance && Math.abs(scale - o.scale) <= 1e-9 * Math.abs(scale);
		}

		@Override
		public String toString() {
			final String n = channels + (channels == 1 ? " channel" : " channels");
			return calibrated() ? n + " (" + number(offset) + "-" + number(offset + (channels - 1) * scale) + " " + unit + ")" : n;
		}
	}

	final EnergyAxis axis;
	final int firstChannel;
	final int lastChannel;
	final SpectrumClustering.Source source;
	final int components;
	/** Whether {@link #components} was HyperSpy's number of significant components (components = auto). */
	final boolean componentsAutomatic;
	/** With source = bss: HyperSpy's unmixing matrix, components x components row-major; else null. */
	final double[] unmixing;
	/** With source = bss: FastICA's steps. */
	final int bssIterations;
	final boolean poisson;
	/** Component-major, components x analysed channels. */
	final double[] projection;
	/** Analysed channels x components. */
	final double[] factors;
	final double[] channelSums;
	final Preprocessing preprocessing;
	final double[] scaling;
	final ClusterAnalysis.Algorithm algorithm;
	final int clusters;
	final int dimensions;
	/** k x d by label - 1. */
	final double[] centres;
	final double[] centroids;
	/** Label 1..k of the algorithm's centre j. */
	final int[] searchOrder;
	final boolean modelSpectra;
	final String plotted;
	final int[] lut;
	/** Agglomerative and spectral: the fit's labels 0..k-1 of the analysed pixels, else null. */
	final int[] trainingLabels;
	/** With {@link #trainingLabels}: the training map's fingerprint. */
	final long fingerprint;
	final NearestCentres nearest;

	private SpectrumClusteringModel(final String command, final SpectrumClusteringResult r, final SpectrumClustering.Settings s, final Map<String, ?> settings, final ImageDescription training, final EnergyAxis axis, final boolean modelSpectra, final String plotted, final int[] lut, final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels) {
		super(command, s.algorithm.label(), settings, training);
		this.axis = axis;
		firstChannel = s.firstChannel;
		lastChannel = s.lastChannel < 0 ? axis.channels - 1 : s.lastChannel;
		source = s.source;
		final Decomposition dec = r.features.decomposition;
		components = dec == null ? 0 : r.features.components;
		componentsAutomatic = r.features.automatic;
		poisson = dec != null && s.poisson;
		final BlindSourceSeparation bss = r.features.bss;
		// with source = bss the loadings are the decomposition's times w^-1: so is the projection
		projection = dec == null ? null : transpose(bss == null ? dec.projection(components) : times(dec.projection(components), lastChannel - firstChannel + 1, bss.loadingMap(), components), lastChannel - firstChannel + 1, components);
		factors = dec == null ? null : r.features.modelFactors();
		unmixing = bss == null ? null : bss.unmixing();
		bssIterations = bss == null ? 0 : bss.iterations();
		channelSums = poisson ? dec.channelSums() : null;
		preprocessing = s.preprocessing;
		scaling = r.features.scaling();
		algorithm = s.algorithm;
		clusters = r.clusters();
		dimensions = r.features.dimensions;
		centres = r.fit.centres();
		centroids = r.fit.centroids();
		searchOrder = r.fit.searchOrder();
		for (int j = 0; j < clusters; j++)
			searchOrder[j]++;
		this.modelSpectra = modelSpectra;
		this.plotted = plotted;
		this.lut = lut.clone();
		if (kMeans()) {
			trainingLabels = null;
			fingerprint = 0;
		}
		else {
			trainingLabels = r.fit.labels();
			fingerprint = SpectrumModelApply.fingerprint(channels, r.features.pixels, firstChannel, lastChannel - firstChannel + 1, r.features.width, r.features.height, io.github.pixelclustering.imglib.ParallelTasks.current());
		}
		nearest = search();
	}

	/** Reads the model from its document ({@link SpectrumClusteringModelFile}). */
	SpectrumClusteringModel(final ModelDocument d) {
		super(d);
		final SpectrumClusteringModelFile f = new SpectrumClusteringModelFile(d);
		axis = f.axis;
		firstChannel = f.firstChannel;
		lastChannel = f.lastChannel;
		source = f.source;
		components = f.components;
		componentsAutomatic = f.componentsAutomatic;
		unmixing = f.unmixing;
		bssIterations = f.bssIterations;
		poisson = f.poisson;
		projection = f.projection == null ? null : transpose(f.projection, lastChannel - firstChannel + 1, components);
		factors = f.factors;
		channelSums = f.channelSums;
		preprocessing = f.preprocessing;
		scaling = f.scaling;
		algorithm = f.algorithm;
		clusters = f.clusters;
		dimensions = f.dimensions;
		centres = f.centres;
		centroids = f.centroids;
		searchOrder = f.searchOrder;
		modelSpectra = f.modelSpectra;
		plotted = f.plotted;
		lut = f.lut;
		trainingLabels = f.trainingLabels;
		fingerprint = f.fingerprint;
		nearest = search();
	}

	/**
	 * The model of a fit.
	 *
	 * @param command the command that fitted it ({@link #COMMAND} or {@link #ESTIMATE_COMMAND})
	 * @param result the fit ({@link SpectrumClustering#cluster})
	 * @param settings the settings of the fit
	 * @param keys the command's macro keys and values
	 * @param training the map it was fitted on
	 * @param axis the map's energy axis, as the fit used it
	 * @param modelSpectra whether the cluster spectra are the decomposition's model spectra (else the
	 *        spectra of the image labelled)
	 * @param plotted the cluster spectrum plotted: mean, sum or centroid
	 * @param lut colour 0xrrggbb of labels 0..k as the label image shows them
	 * @param channels the training map, one view per channel (agglomerative and spectral models keep the
	 *        fit's labels with a fingerprint of the map, to give them back on it)
	 * @return the model
	 */
	public static SpectrumClusteringModel of(final String command, final SpectrumClusteringResult result, final SpectrumClustering.Settings settings, final Map<String, ?> keys, final ImageDescription training, final EnergyAxis axis, final boolean modelSpectra, final String plotted, final int[] lut, final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels) {
		if (result.features.values == null) throw new IllegalArgumentException("a model is made from a fit, not from the result of applying a model");
		if (result.features.user || settings.userClustering() != null) throw new IllegalArgumentException(USER_STEPS);
		if (lut.length != result.clusters() + 1) throw new IllegalArgumentException("lut must have k + 1 = " + (result.clusters() + 1) + " colours, got " + lut.length);
		if (result.features.channels != axis.channels) throw new IllegalArgumentException("the axis has " + axis.channels + " channels, the fit " + result.features.channels);
		if (channels.size() != axis.channels) throw new IllegalArgumentException("the axis has " + axis.channels + " channels, the views " + channels.size());
		return new SpectrumClusteringModel(command, result, settings, keys, training, axis, modelSpectra && result.features.decomposition != null, plotted, lut, channels);
	}

	// -- Applying --

	@Override
	public void requireFits(final ImageDescription image) {
		final int c = image.channels(), z = image.slices(), t = image.frames();
		final int axes = (c > 1 ? 1 : 0) + (z > 1 ? 1 : 0) + (t > 1 ? 1 : 0);
		final String got;
		if (image.bitDepth() == 24) got = "an RGB image";
		else if (axes == 0) got = "a single " + image.kind().replaceFirst("^an? ", "") + " (no energy axis)";
		else if (axes > 1) got = String.format("an image of %d channels, %d slices and %d frames (more than one energy axis)", c, z, t);
		else {
			final int size = Math.max(c, Math.max(z, t));
			if (size == axis.channels) return;
			got = size + " channels";
		}
		throw new IllegalArgumentException(String.format(EXPECTS, axis, got));
	}

	/**
	 * Checks an image's energy axis against the model's and picks the axis its outputs use.
	 *
	 * @param image the axis of the image to label
	 * @return the image's axis, or the model's when the image has no energy calibration
	 * @throws IllegalArgumentException when the channel counts differ, or both are calibrated differently
	 */
	public EnergyAxis requireAxis(final EnergyAxis image) {
		if (image.channels != axis.channels || image.calibrated() && axis.calibrated() && !image.sameCalibration(axis)) throw new IllegalArgumentException(String.format(EXPECTS, axis, image));
		return image.calibrated() ? image : axis;
	}

	/**
	 * Labels the pixels of a spectrum image with the model.
	 *
	 * @param channels one X x Y view per energy channel, as many as the model's axis
	 * @param mask which pixels to label (true), or null for all
	 * @param listener progress and cancellation
	 * @return the clusters: labels, distances to the fit's centroids, sizes, centroid pixels and the
	 *         cluster spectra (of these spectra, or the model spectra of the decomposition)
	 */
	public SpectrumClusteringResult apply(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final ProgressListener listener) {
		if (channels.size() != axis.channels) throw new IllegalArgumentException(String.format(EXPECTS, axis, channels.size() + " channels"));
		return SpectrumModelApply.apply(this, channels, mask, listener);
	}

	// -- Accessors --

	@Override
	public int clusters() {
		return clusters;
	}

	/** @return the energy axis of the training map */
	public EnergyAxis axis() {
		return axis;
	}

	/** @return first and last channel analysed (inclusive) */
	public int[] channelRange() {
		return new int[] { firstChannel, lastChannel };
	}

	/** @return signal or decomposition */
	public SpectrumClustering.Source source() {
		return source;
	}

	/** @return components used (0 with source = signal) */
	public int components() {
		return components;
	}

	/** @return with source = bss, the unmixing matrix (components x components, row-major), else null */
	public double[] unmixing() {
		return unmixing == null ? null : unmixing.clone();
	}

	/** @return a times b, a rows x n, b n x n, row-major */
	private static double[] times(final double[] a, final int rows, final double[] b, final int n) {
		final double[] out = new double[rows * n];
		for (int i = 0; i < rows; i++)
			for (int j = 0; j < n; j++) {
				double sum = 0;
				for (int k = 0; k < n; k++)
					sum += a[i * n + k] * b[k * n + j];
				out[i * n + j] = sum;
			}
		return out;
	}

	/**
	 * @return whether {@link #components()} was chosen as HyperSpy's number of significant components
	 *         (the elbow of the scree plot plus one; {@code components=auto})
	 */
	public boolean componentsAutomatic() {
		return componentsAutomatic;
	}

	/** @return whether the decomposition normalised Poisson noise */
	public boolean poisson() {
		return poisson;
	}

	/** @return the projection onto the components, analysed channels x components, or null */
	public double[] projection() {
		return projection == null ? null : transpose(projection, components, lastChannel - firstChannel + 1);
	}

	/** @return the factors, analysed channels x components, or null */
	public double[] factors() {
		return factors == null ? null : factors.clone();
	}

	/** @return the channel sums of the training map (Poisson weights), or null */
	public double[] channelSums() {
		return channelSums == null ? null : channelSums.clone();
	}

	/** @return the preprocessing */
	public Preprocessing preprocessing() {
		return preprocessing;
	}

	/** @return its parameters as fitted ({@link Preprocessing#fit}) */
	public double[] scaling() {
		return scaling.clone();
	}

	/** @return the clustering algorithm */
	public ClusterAnalysis.Algorithm algorithm() {
		return algorithm;
	}

	/** @return features per pixel */
	public int dimensions() {
		return dimensions;
	}

	/** @return the assignment centres, k x d by label (k-means centres, or the centroids) */
	public double[] centres() {
		return centres.clone();
	}

	/** @return the fit's cluster centroids, k x d by label */
	public double[] centroids() {
		return centroids.clone();
	}

	/** @return label 1..k of the algorithm's centre j: the order the nearest centre is searched in */
	public int[] searchOrder() {
		return searchOrder.clone();
	}

	/** @return whether the cluster spectra are the decomposition's model spectra */
	public boolean modelSpectra() {
		return modelSpectra;
	}

	/** @return the cluster spectrum plotted: mean, sum or centroid */
	public String plotted() {
		return plotted;
	}

	/** @return colour 0xrrggbb of labels 0..k */
	public int[] lut() {
		return lut.clone();
	}

	/** @return whether the model keeps the fit's labels of its training map (agglomerative, spectral) */
	public boolean keepsTrainingLabels() {
		return trainingLabels != null;
	}

	/** @return how new pixels are assigned, as the summary says */
	public String assignment() {
		return kMeans() ? "nearest centre (k-means predict)" : "nearest cluster centroid in feature space (" + algorithm.label() + " has no predict)";
	}

	// -- Helper methods --

	@Override
	void writeBody(final ModelDocument d) {
		SpectrumClusteringModelFile.write(this, d);
	}

	boolean kMeans() {
		return algorithm == ClusterAnalysis.Algorithm.KMEANS || algorithm == ClusterAnalysis.Algorithm.MINI_BATCH;
	}

	/** @return the nearest-centre search in the fit's order and with its arithmetic */
	private NearestCentres search() {
		final double[] engine = inSearchOrder(centres, searchOrder, dimensions);
		return algorithm == ClusterAnalysis.Algorithm.MINI_BATCH ? NearestCentres.ofMiniBatch(engine, clusters) : new NearestCentres(engine, clusters);
	}

	static double[] transpose(final double[] m, final int rows, final int cols) {
		final double[] out = new double[m.length];
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < cols; c++)
				out[c * rows + r] = m[r * cols + c];
		return out;
	}

	/** @return a short decimal: at most 6 significant digits, at least one decimal */
	static String number(final double v) {
		if (!Double.isFinite(v)) return Double.toString(v);
		final String s = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
		return s.contains(".") ? s : s + ".0";
	}
}
