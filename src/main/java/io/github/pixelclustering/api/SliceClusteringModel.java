package io.github.pixelclustering.api;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.kmeans.NearestCentres;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;

/**
 * A fitted Cluster Slices: the k centres of the slices (each a slice's features as the fit built them:
 * its pixels inside the mask, raster order, channel fastest, values as read), the mask, and their
 * numbering 1..k. Applying it gives each slice of a new stack (same width, height and channels) its
 * nearest centre, as scikit-learn's {@code KMeans.predict}, with the fit's arithmetic and in the fit's
 * k-means order (so ties break as in the fit): the training stack gets the fit's labels back. The
 * distance of each slice is to the model's centre, and the centres are the model's.
 */
public final class SliceClusteringModel extends ClusteringModel {

	/** The command whose models these are. */
	public static final String COMMAND = "Cluster Slices";
	/** Slices of another size: what the model expects, what the stack has. */
	public static final String SLICE_SIZE = "The model expects slices of %s, got %s.";

	private final int width;
	private final int height;
	private final int channels;
	private final boolean rgb;
	private final boolean kmeans;
	private final boolean[] inside;
	private final int features;
	private final int clusters;
	/** k x d, row = label - 1. */
	private final double[] centres;
	/** Label 1..k of k-means centre j. */
	private final int[] searchOrder;
	private final NearestCentres nearest;

	private SliceClusteringModel(final SliceClustering.Result r, final int width, final int height, final boolean rgb, final Map<String, ?> settings, final ImageDescription training) {
		super(COMMAND, String.valueOf(settings.get("method")), settings, training);
		this.width = width;
		this.height = height;
		this.channels = r.channels;
		this.rgb = rgb;
		this.kmeans = r.kmeans;
		this.inside = r.inside.clone();
		this.clusters = r.clusters();
		this.centres = r.centres.clone();
		this.features = centres.length / clusters;
		this.searchOrder = r.searchOrder.clone();
		this.nearest = search();
	}

	/** Reads the model from its document. */
	SliceClusteringModel(final ModelDocument d) {
		super(d);
		final ModelDocument f = d.child("features");
		width = f.integer("width");
		height = f.integer("height");
		channels = f.integer("channels");
		rgb = f.bool("rgb");
		if (width < 1 || height < 1 || channels < 1 || rgb && channels != 3) throw f.invalid("width, height, channels", "a slice size of at least 1 x 1 x 1 (3 channels for RGB)", width + " x " + height + " x " + channels);
		final String method = f.string("fit");
		if (!method.equals("k-means") && !method.equals("mini-batch")) throw f.invalid("fit", "k-means or mini-batch", method);
		kmeans = method.equals("k-means");
		inside = f.has("mask_runs") ? GridRuns.decodeMask(f, "mask_runs", width * height) : all(width * height);
		int pixels = 0;
		for (final boolean b : inside)
			if (b) pixels++;
		if (pixels == 0) throw f.invalid("mask_runs", "a mask with pixels", "none");
		features = pixels * channels;
		clusters = d.integer("clusters");
		if (clusters < 1) throw d.invalid("clusters", "at least 1", clusters + "");
		centres = finiteRows(d, "centres", clusters, features);
		searchOrder = searchOrder(d, clusters);
		nearest = search();
	}

	/**
	 * The model of a fit.
	 *
	 * @param result the fit ({@link SliceClustering#cluster})
	 * @param width slice width
	 * @param height slice height
	 * @param rgb whether the slices were RGB
	 * @param settings the command's macro keys and values (with {@code "method"})
	 * @param training the stack it was fitted on
	 * @return the model
	 */
	public static SliceClusteringModel of(final SliceClustering.Result result, final int width, final int height, final boolean rgb, final Map<String, ?> settings, final ImageDescription training) {
		if (result.isApplied()) throw new IllegalArgumentException("a model is made from a fit, not from the result of applying a model");
		if (result.inside.length != width * height) throw new IllegalArgumentException("the slices are " + result.inside.length + " pixels, not " + width + " x " + height);
		return new SliceClusteringModel(result, width, height, rgb, settings, training);
	}

	// -- Applying --

	@Override
	public void requireFits(final ImageDescription image) {
		final boolean imageRgb = image.bitDepth() == 24;
		requireSize(image.width(), image.height(), imageRgb ? 3 : image.channels(), imageRgb);
	}

	private void requireSize(final int w, final int h, final int c, final boolean isRgb) {
		if (w != width || h != height || c != channels || isRgb != rgb) throw new IllegalArgumentException(String.format(SLICE_SIZE, describe(width, height, channels, rgb), describe(w, h, c, isRgb)));
	}

	/**
	 * Labels the slices of a stack with the model.
	 *
	 * @param slices the slices, each X x Y, or X x Y x channels (RGB: R, G, B), as for the fit
	 * @param listener progress and cancellation
	 * @return the result: each slice's label and distance, the model's centres
	 * @throws IllegalArgumentException on slices of another size ({@link #SLICE_SIZE}) or NaN values
	 */
	public SliceClustering.Result apply(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> slices, final ProgressListener listener) {
		if (slices.isEmpty()) throw new IllegalArgumentException(String.format(SliceClustering.TOO_FEW_SLICES, 0));
		final RandomAccessibleInterval<? extends RealType<?>> first = slices.get(0);
		for (final RandomAccessibleInterval<? extends RealType<?>> s : slices)
			if (!Intervals.equalDimensions(first, s)) throw new IllegalArgumentException(String.format(SliceClustering.BAD_SLICES, Arrays.toString(first.dimensionsAsLongArray()) + " and " + Arrays.toString(s.dimensionsAsLongArray())));
		requireSize((int) first.dimension(0), (int) first.dimension(1), first.numDimensions() > 2 ? (int) first.dimension(2) : 1, rgb);
		final int n = slices.size();
		// phases: reading, labelling
		final Phases phases = new Phases(listener, 1, 0.5);
		final double[] x = SliceClustering.features(slices, inside, features, phases.next("Reading " + n + " slices"));
		final ProgressListener labelling = phases.next("Nearest centre of " + n + " slices");
		final int[] labels = new int[n];
		final double[] distances = new double[n];
		double inertia = 0;
		for (int s = 0; s < n; s++) {
			if (s % 64 == 0) labelling.checkCanceled();
			labels[s] = searchOrder[nearest.nearest(x, s)];
			distances[s] = SliceClustering.euclidean(x, s, centres, labels[s] - 1, features);
			inertia += distances[s] * distances[s];
		}
		final SliceClustering.Result result = new SliceClustering.Result(labels, distances, inertia, centres, inside, channels, clusters);
		phases.done("Model applied: " + n + " slices");
		return result;
	}

	/** Reads the features of one slice at a time (see {@link #apply(int, Rows, ProgressListener)}). */
	@FunctionalInterface
	interface Rows {

		/**
		 * Called from several threads at once, each with its own row.
		 *
		 * @param slice 0 to n - 1
		 * @param row receives the slice's pixels inside the mask, raster order, channel fastest
		 */
		void read(int slice, double[] row) throws IOException;
	}

	/**
	 * Labels n slices read one at a time, a few at once on ImgLib2's {@code Parallelization} of the calling
	 * thread: memory for one slice a thread, whatever n. The labels, distances and inertia are those of
	 * {@link #apply(List, ProgressListener)} on the same values, for any number of threads.
	 *
	 * @throws IOException when a slice cannot be read
	 */
	SliceClustering.Result apply(final int n, final Rows rows, final ProgressListener listener) throws IOException {
		if (n < 1) throw new IllegalArgumentException(String.format(SliceClustering.TOO_FEW_SLICES, n));
		final int[] labels = new int[n];
		final double[] distances = new double[n];
		final TaskRunner runner = ParallelTasks.current();
		final SharedProgress progress = new SharedProgress(listener, n);
		final Exception[] failure = new Exception[1];
		Chunks.of(n, Math.max(1, n / (8 * runner.parallelism()))).forEach(runner, (chunk, from, to) -> {
			final double[] row = new double[features];
			for (int s = from; s < to; s++) {
				try {
					synchronized (failure) {
						if (failure[0] != null) return;
					}
					listener.checkCanceled();
					rows.read(s, row);
				}
				catch (final IOException | RuntimeException e) {
					synchronized (failure) {
						if (failure[0] == null) failure[0] = e;
					}
					return;
				}
				labels[s] = searchOrder[nearest.nearest(row, 0)];
				distances[s] = SliceClustering.euclidean(row, 0, centres, labels[s] - 1, features);
				progress.add(1, "Labelling slices");
			}
		});
		if (failure[0] instanceof IOException) throw (IOException) failure[0];
		if (failure[0] != null) throw (RuntimeException) failure[0];
		double inertia = 0;
		for (int s = 0; s < n; s++)
			inertia += distances[s] * distances[s];
		listener.progress(1, "Model applied: " + n + " slices");
		return new SliceClustering.Result(labels, distances, inertia, centres, inside, channels, clusters);
	}

	/** @return slice width */
	public int width() {
		return width;
	}

	/** @return slice height */
	public int height() {
		return height;
	}

	/** @return channels of a slice (3 for RGB) */
	public int channels() {
		return channels;
	}

	/** @return whether the slices are RGB */
	public boolean rgb() {
		return rgb;
	}

	// -- Accessors --

	@Override
	public int clusters() {
		return clusters;
	}

	/** @return the centres, k x d row-major by label (d = pixels inside the mask x channels) */
	public double[] centres() {
		return centres.clone();
	}

	/** @return the pixels of a slice that are features, raster order */
	public boolean[] mask() {
		return inside.clone();
	}

	// -- Helper methods --

	@Override
	void writeBody(final ModelDocument d) {
		final ModelDocument f = ModelDocument.object();
		f.put("definition", "the pixels of each slice inside the mask, in raster order, channel fastest, values as read");
		f.put("width", width).put("height", height).put("channels", channels).put("rgb", rgb);
		f.put("fit", kmeans ? "k-means" : "mini-batch");
		if (!allTrue(inside)) f.put("mask_runs", GridRuns.encode(inside));
		d.put("features", f);
		d.put("clusters", clusters);
		d.putMatrix("centres", centres, features);
		d.put("search_order", searchOrder);
	}

	/** The centres in the fit's k-means order, compared with the fit's arithmetic. */
	private NearestCentres search() {
		final double[] ordered = inSearchOrder(centres, searchOrder, features);
		return kmeans ? new NearestCentres(ordered, clusters) : NearestCentres.ofMiniBatch(ordered, clusters);
	}

	private static boolean[] all(final int n) {
		final boolean[] out = new boolean[n];
		Arrays.fill(out, true);
		return out;
	}

	private static boolean allTrue(final boolean[] values) {
		for (final boolean b : values)
			if (!b) return false;
		return true;
	}

	/** @return e.g. "28x28 pixels", "28x28 pixels, RGB" or "28x28 pixels with 2 channels" */
	private static String describe(final int w, final int h, final int c, final boolean isRgb) {
		return w + "x" + h + " pixels" + (isRgb ? ", RGB" : c > 1 ? " with " + c + " channels" : "");
	}
}
