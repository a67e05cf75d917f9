package io.github.pixelclustering.api;

import io.github.pixelclustering.colour.Cielab;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.imglib.FlatArrays;
import io.github.pixelclustering.imglib.Slabs;
import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.kmeans.NearestCentres;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.BooleanType;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;

/**
 * A fitted Colour Quantization: the k centres in the clustering space (RGB scaled to [0, 1], CIELAB, or
 * the channel values), their numbering 1..k, the palette (each cluster's mean colour on the training
 * image) and the LUT. Applying it labels each pixel with its nearest centre, as scikit-learn's
 * {@code KMeans.predict} (ties: the fit's lowest k-means label), so the training image gets the fit's
 * labels back and every image labelled with one model shares one palette and one numbering.
 * <p>
 * Applying to RGB images is one pass over the pixels: the label of each colour is computed once and kept
 * in a table of the 2^24 colours (16 MB for k <= 255, else 32 MB, filled as colours are met and kept with the model, so a series
 * of images gets faster; allocating it costs 10 to 20 ms once). Images backed by primitive arrays
 * ({@code ArrayImg}, {@code PlanarImg}: an {@code ImagePlus}'s pixels) are read straight from their arrays,
 * in blocks of at most 65536 pixels a thread, with a mask of the same kind or none; other images go
 * through {@code LoopBuilder}. The label image is written the same way ({@link ColourQuantizationResult#writeLabels}).
 * Threading: ImgLib2's {@code Parallelization} of the calling thread; labels, counts and inertia do not
 * depend on it nor on the path taken.
 */
public final class ColourQuantizationModel extends ClusteringModel {

	/** The command whose models these are. */
	public static final String COMMAND = "Colour Quantization";
	/** Image the model cannot label: what the model expects, what the image is. */
	public static final String EXPECTS = "The model expects %s, got %s.";

	private final boolean rgb;
	private final ColourQuantization.Space space;
	private final int channels;
	private final int bitDepth;
	private final String[] names;
	final int clusters;
	/** k x c, row = label - 1, clustering space. */
	private final double[] centres;
	/** k x c, row = label - 1, channel units (0..255 for RGB). */
	final double[] meanColours;
	/** Label 1..k of k-means centre j: the nearest-centre search runs in this order, as the fit's. */
	private final int[] searchOrder;
	/** Colour 0xrrggbb of labels 0..k. */
	private final int[] lut;
	private final NearestCentres nearest;
	/** RGB colour -> label, 0 = not computed yet: a byte[] (labels & 0xff) for k <= 255, else a char[]. */
	private volatile Object rgbTable;

	private ColourQuantizationModel(final ColourQuantizationResult r, final int bitDepth, final Map<String, ?> settings, final ImageDescription training, final int[] lut) {
		super(COMMAND, settings.containsKey("method") ? String.valueOf(settings.get("method")) : "k-means", settings, training);
		this.rgb = r.rgb || r.rgbImage != null;
		this.space = r.space;
		this.channels = r.channels;
		this.bitDepth = bitDepth;
		this.names = r.channelNames.clone();
		this.clusters = r.clusters;
		this.centres = r.centres.clone();
		this.meanColours = r.meanColours.clone();
		this.searchOrder = new int[clusters];
		for (int j = 0; j < clusters; j++)
			searchOrder[j] = r.rank[j] + 1;
		this.lut = lut.clone();
		this.nearest = new NearestCentres(engineCentres(), clusters);
	}

	/** Reads the model from its document. */
	ColourQuantizationModel(final ModelDocument d) {
		super(d);
		final ModelDocument f = d.child("features");
		final String input = f.string("input");
		if (!input.equals("rgb") && !input.equals("channels")) throw f.invalid("input", "rgb or channels", input);
		rgb = input.equals("rgb");
		try {
			space = ColourQuantization.Space.of(f.string("space"));
		}
		catch (final IllegalArgumentException e) {
			throw f.invalid("space", "RGB or CIELAB", f.string("space"));
		}
		names = f.strings("names");
		channels = names.length;
		bitDepth = f.integer("bit_depth");
		if (rgb && (channels != 3 || bitDepth != 24)) throw f.invalid("names", "R, G, B with bit_depth 24 for rgb input", channels + " names, bit_depth " + bitDepth);
		clusters = d.integer("clusters");
		if (clusters < 1) throw d.invalid("clusters", "at least 1", clusters + "");
		centres = finiteRows(d, "centres", clusters, channels);
		if (d.length("mean_colours") != clusters) throw d.invalid("mean_colours", clusters + " rows", d.length("mean_colours") + "");
		meanColours = d.matrix("mean_colours", channels); // NaN: a cluster empty on the training image
		searchOrder = searchOrder(d, clusters);
		lut = lut(d, clusters + 1);
		nearest = new NearestCentres(engineCentres(), clusters);
	}

	/**
	 * The model of a fit.
	 *
	 * @param result the fit ({@link ColourQuantization#quantizeRgb} or {@link ColourQuantization#quantizeChannels})
	 * @param settings the command's macro keys and values
	 * @param training the image it was fitted on (its bit depth: 24 for RGB, else the channels')
	 * @param lut colour 0xrrggbb of labels 0..k as the label image shows them
	 * @return the model
	 */
	public static ColourQuantizationModel of(final ColourQuantizationResult result, final Map<String, ?> settings, final ImageDescription training, final int[] lut) {
		if (result.fit == null) throw new IllegalArgumentException("a model is made from a fit, not from the result of applying a model");
		if (lut.length != result.clusters + 1) throw new IllegalArgumentException("lut must have k + 1 = " + (result.clusters + 1) + " colours, got " + lut.length);
		return new ColourQuantizationModel(result, training.bitDepth(), settings, training, lut);
	}

	// -- Applying --

	@Override
	public void requireFits(final ImageDescription image) {
		final boolean imageRgb = image.bitDepth() == 24;
		if (rgb ? !imageRgb : imageRgb || image.channels() != channels || image.bitDepth() != bitDepth) throw new IllegalArgumentException(String.format(EXPECTS, expected(), image.kind()));
	}

	/**
	 * Labels the pixels of an RGB image with the model.
	 *
	 * @param image RGB pixels (alpha ignored), any number of dimensions
	 * @param mask which pixels to label (same interval), or null for all
	 * @param listener progress and cancellation
	 * @return the result: the model's palette and centres, this image's pixel counts; write the label
	 *         image and the quantized image with it as with a fit
	 * @throws IllegalArgumentException when the model was fitted on channels, not RGB, or on an empty mask
	 */
	public ColourQuantizationResult apply(final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final ProgressListener listener) {
		return apply(image, mask, null, listener);
	}

	/**
	 * Labels the pixels of an RGB image with the model and writes the label image in the same pass
	 * (when image, mask and labels are backed by arrays; else in a second pass): the same labels and
	 * result as {@link #apply(RandomAccessibleInterval, RandomAccessibleInterval, ProgressListener)}
	 * followed by {@link ColourQuantizationResult#writeLabels}.
	 *
	 * @param image RGB pixels (alpha ignored), any number of dimensions
	 * @param mask which pixels to label (same interval), or null for all
	 * @param labels receives label 1..k of each pixel, 0 outside the mask (same interval; values up to k
	 *        must fit its type), or null for none
	 * @param listener progress and cancellation
	 * @return the result, as {@link #apply(RandomAccessibleInterval, RandomAccessibleInterval, ProgressListener)}
	 * @throws IllegalArgumentException when the model was fitted on channels, not RGB, or on an empty mask
	 */
	public ColourQuantizationResult apply(final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final RandomAccessibleInterval<? extends IntegerType<?>> labels, final ProgressListener listener) {
		final long start = System.nanoTime();
		final ColourTally tally = tally();
		final boolean together = tally.count(image, mask, labels, labels == null ? listener : null, listener);
		final ColourQuantizationResult result = tally.result(start);
		result.rgbImage = image;
		result.mask = ColourQuantization.orAll(mask, image);
		result.allPixels = mask == null;
		if (labels != null && !together) predict(image, mask, labels, new PartialProgress(listener, 0.8, 0.2, null));
		return result;
	}

	/**
	 * @return an empty tally, to label an image region by region ({@link ColourTally#add}) and get the result of
	 *         the whole image at the end: what a tiled image or a Spark job does
	 * @throws IllegalArgumentException when the model was fitted on channels, not RGB
	 */
	public ColourTally tally() {
		if (!rgb) throw new IllegalArgumentException(String.format(EXPECTS, expected(), "an RGB image"));
		return new ColourTally(this);
	}

	/**
	 * Writes each pixel's label, nothing else (scikit-learn's {@code KMeans.predict}): the labels of
	 * {@link #apply(RandomAccessibleInterval, RandomAccessibleInterval, RandomAccessibleInterval, ProgressListener)}
	 * without its counts.
	 *
	 * @param image RGB pixels (alpha ignored), any number of dimensions
	 * @param mask which pixels to label (same interval), or null for all
	 * @param labels receives label 1..k of each pixel, 0 outside the mask (same interval; values up to k
	 *        must fit its type)
	 * @param listener progress and cancellation
	 * @throws IllegalArgumentException when the model was fitted on channels, not RGB, or the intervals differ
	 */
	public void predict(final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final RandomAccessibleInterval<? extends IntegerType<?>> labels, final ProgressListener listener) {
		if (!rgb) throw new IllegalArgumentException(String.format(EXPECTS, expected(), "an RGB image"));
		requireSameDimensions(image, labels);
		final Object table = table();
		final byte[] bytes = table instanceof byte[] ? (byte[]) table : null;
		final char[] chars = table instanceof char[] ? (char[]) table : null;
		final FlatArrays[] a = arrays(image, mask, labels);
		if (a != null && a[2] != null) {
			FlatArrays.forEachBlock(a[0].size(), listener, "labelling pixels", (from, to) -> {
				final double[] feature = new double[3];
				FlatArrays.runs(from, to, (i, length) -> RgbCounting.label(this, bytes, chars, (int[]) a[0].array(i), a[0].offset(i), a[1] == null ? null : (boolean[]) a[1].array(i), a[1] == null ? 0 : a[1].offset(i), a[2].array(i), a[2].offset(i), length, feature), a);
			});
			return;
		}
		final RandomAccessibleInterval<? extends BooleanType<?>> m = ColourQuantization.orAll(mask, image);
		Slabs.forEach(image, listener, (from, to) -> LoopBuilder.setImages(Slabs.of(image, from, to), Slabs.of(m, from, to), Slabs.of(labels, from, to)).multiThreaded().forEachChunk(chunk -> {
			final double[] feature = new double[3];
			chunk.forEachPixel((p, inside, out) -> out.setInteger(inside.get() ? RgbCounting.label(this, bytes, chars, p.get() & 0xffffff, feature) : 0));
			return null;
		}));
	}

	/**
	 * Labels multichannel pixels with the model (one feature per channel).
	 *
	 * @param channelImages the channels, all over the same interval, as many as the model's
	 * @param mask which pixels to label (same interval), or null for all
	 * @param listener progress and cancellation
	 * @return the result: the model's palette and centres, this image's pixel counts
	 * @throws IllegalArgumentException when the model was fitted on RGB or on another number of channels,
	 *         on NaN values, or on an empty mask
	 */
	public ColourQuantizationResult applyChannels(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channelImages, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final ProgressListener listener) {
		if (rgb || channelImages.size() != channels) throw new IllegalArgumentException(String.format(EXPECTS, expected(), "an image with " + channelImages.size() + " channels"));
		final long start = System.nanoTime();
		final RandomAccessibleInterval<? extends BooleanType<?>> m = ColourQuantization.orAll(mask, channelImages.get(0));
		final int c = channels;
		final long[] counts = new long[clusters];
		final double[] inertia = new double[1];
		final double total = Intervals.numElements(m);
		final long[] seen = new long[1];
		ColourQuantization.forEachPosition(channelImages, m, (inside, values) -> {
			if ((++seen[0] & ColourQuantization.READ_REPORT) == 0) {
				listener.checkCanceled();
				listener.progress(seen[0] / total, "labelling pixels");
			}
			if (!inside) return;
			final int label = labelOf(values);
			counts[label - 1]++;
			for (int ch = 0; ch < c; ch++) {
				final double e = values[ch] - meanColours[(label - 1) * c + ch];
				inertia[0] += e * e;
			}
		});
		long pixels = 0;
		for (final long n : counts)
			pixels += n;
		if (pixels == 0) throw new IllegalArgumentException(ColourQuantization.EMPTY_MASK);
		final ColourQuantizationResult result = new ColourQuantizationResult(this, counts, pixels, inertia[0] / pixels, start);
		result.channelImages = List.copyOf(channelImages);
		result.mask = m;
		return result;
	}

	/**
	 * @param colour 0xrrggbb
	 * @return its label 1..k
	 */
	public int labelOf(final int colour) {
		return labelOf(colour, new double[3]);
	}

	/**
	 * @param colour 0xrrggbb
	 * @param feature 3 values, overwritten with the colour's features
	 * @return its label 1..k
	 */
	int labelOf(final int colour, final double[] feature) {
		final int r = colour >> 16 & 0xff, g = colour >> 8 & 0xff, b = colour & 0xff;
		if (space == ColourQuantization.Space.CIELAB) Cielab.fromRgb(r, g, b, feature, 0);
		else {
			feature[0] = r / 255.0;
			feature[1] = g / 255.0;
			feature[2] = b / 255.0;
		}
		return searchOrder[nearest.nearest(feature)];
	}

	/**
	 * @param values one value per channel
	 * @return the label 1..k
	 * @throws IllegalArgumentException on a NaN or infinite value
	 */
	public int labelOf(final double[] values) {
		for (final double v : values)
			if (!Double.isFinite(v)) throw new IllegalArgumentException(String.format(ColourQuantization.NOT_FINITE, v, "a pixel"));
		return searchOrder[nearest.nearest(values)];
	}

	// -- Accessors --

	@Override
	public int clusters() {
		return clusters;
	}

	/** @return whether the model labels RGB images (else multichannel images) */
	public boolean rgb() {
		return rgb;
	}

	/** @return the clustering space */
	public ColourQuantization.Space space() {
		return space;
	}

	/** @return number of channels (3 for RGB) */
	public int channels() {
		return channels;
	}

	/** @return channel names: R, G, B or C1..Cn */
	public String[] channelNames() {
		return names.clone();
	}

	/** @return the centres, k x c row-major by label, in the clustering space */
	public double[] centres() {
		return centres.clone();
	}

	/** @return the palette, k x c row-major by label, in channel units */
	public double[] meanColours() {
		return meanColours.clone();
	}

	/** @return colour 0xrrggbb of labels 0..k */
	public int[] lut() {
		return lut.clone();
	}

	// -- Helper methods --

	@Override
	void writeBody(final ModelDocument d) {
		final ModelDocument f = ModelDocument.object();
		f.put("input", rgb ? "rgb" : "channels");
		f.put("space", space.name());
		f.put("names", names);
		f.put("bit_depth", bitDepth);
		f.put("definition", !rgb ? "the channel values" : space == ColourQuantization.Space.RGB ? "R, G, B divided by 255" : "CIE L*, a*, b* of sRGB (D65)");
		d.put("features", f);
		d.put("clusters", clusters);
		d.putMatrix("centres", centres, channels);
		d.put("search_order", searchOrder);
		d.putMatrix("mean_colours", meanColours, channels);
		putLut(d, lut);
	}

	/** @return the centres in the fit's k-means order */
	private double[] engineCentres() {
		return inSearchOrder(centres, searchOrder, channels);
	}

	/**
	 * @return the arrays of the image, the mask (null entry for none) and the labels (null entry for none,
	 *         or when they have no byte[], short[] or int[] of the image's size); null when the image or
	 *         the mask has none
	 */
	static FlatArrays[] arrays(final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		final FlatArrays pixels = FlatArrays.of(image);
		if (pixels == null || !pixels.holds(int[].class) || !(image.getType() instanceof ARGBType)) return null;
		final FlatArrays inside = mask == null ? null : FlatArrays.of(mask);
		if (mask != null && (inside == null || !inside.holds(boolean[].class) || !(mask.getType() instanceof NativeBoolType) || !Intervals.equalDimensions(mask, image))) return null;
		FlatArrays out = labels == null || !Intervals.equalDimensions(labels, image) ? null : FlatArrays.of(labels);
		if (out != null) {
			final Object type = labels.getType();
			final Class<?> array = FlatArrays.integerArray(type);
			if (array == null || !out.holds(array)) out = null;
		}
		return new FlatArrays[] { pixels, inside, out };
	}

	static void requireSameDimensions(final RandomAccessibleInterval<?> image, final RandomAccessibleInterval<?> labels) {
		if (!Intervals.equalDimensions(image, labels)) throw new IllegalArgumentException("The label image must have the image's dimensions " + Arrays.toString(image.dimensionsAsLongArray()) + ", got " + Arrays.toString(labels.dimensionsAsLongArray()) + ".");
	}

	Object table() {
		Object t = rgbTable;
		if (t == null) {
			synchronized (this) {
				t = rgbTable;
				if (t == null) rgbTable = t = clusters <= 255 ? new byte[1 << 24] : new char[1 << 24];
			}
		}
		return t;
	}

	private String expected() {
		if (rgb) return "an RGB image";
		final String depth = bitDepth == 8 ? "an 8-bit image" : "a " + bitDepth + "-bit image";
		return depth + " with " + channels + " channels";
	}
}
