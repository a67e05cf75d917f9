package io.github.pixelclustering.api;

import io.github.pixelclustering.core.DistinctKeys;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.kmeans.KMeansResult;
import io.github.pixelclustering.imglib.FlatArrays;
import io.github.pixelclustering.imglib.Slabs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * The clusters found: mean colours, pixel counts, inertia; and how to write the label image and the
 * quantized image. Cluster numbers are 1..k by decreasing pixel count.
 */
public final class ColourQuantizationResult {

	/** A colour the fit did not see (a sampled fit on several images): the colour. */
	static final String NOT_FITTED = "Colour #%06x was not among the fitted pixels (a sampled fit): label images with the model's apply.";

	final int clusters;
	final int channels;
	final String[] channelNames;
	final double[] meanColours;
	final double[] centres;
	final long[] pixelCounts;
	final long pixels;
	final double inertiaPerPixel;
	final int[] labelOfSample;
	final KMeansResult fit;
	final ColourQuantization.Space space;
	final double seconds;
	/** Cluster number 0..k-1 (by size) of each k-means label; null for a result of a model. */
	final int[] rank;

	/** Whether the samples are RGB colours (set by an RGB fit, also when its images are gone). */
	boolean rgb;
	// how pixels map to samples
	RandomAccessibleInterval<ARGBType> rgbImage;
	List<RandomAccessibleInterval<? extends RealType<?>>> channelImages;
	RandomAccessibleInterval<? extends BooleanType<?>> mask;
	DistinctKeys keys;
	int keyBits;
	/** For a result of a model on RGB: colour 0xrrggbb -> label 1..k, 0 = not computed yet (k <= 255). */
	byte[] rgbBytes;
	/** As {@link #rgbBytes}, for k > 255. */
	char[] rgbChars;
	/** For a result of a model: the model (labels its pixels); null for a fit. */
	final ColourQuantizationModel model;
	/** Whether every pixel is clustered (no mask given). */
	boolean allPixels;

	ColourQuantizationResult(final ColourQuantization.Samples samples, final ColourQuantization.Settings settings, final KMeansResult fit, final long start) {
		final int k = settings.clusters();
		final int c = samples.channels;
		final int n = samples.size();
		this.clusters = k;
		this.model = null;
		this.channels = c;
		this.channelNames = samples.names;
		this.fit = fit;
		this.space = settings.space();
		this.pixels = samples.pixels;
		// order clusters by decreasing pixel count, ties by k-means label
		final double[] counts = new double[k];
		for (int i = 0; i < n; i++)
			counts[fit.label(i)] += samples.count(i);
		final Integer[] order = new Integer[k];
		for (int j = 0; j < k; j++)
			order[j] = j;
		Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Double.compare(counts[b], counts[a]) : Integer.compare(a, b));
		rank = new int[k];
		for (int r = 0; r < k; r++)
			rank[order[r]] = r;
		labelOfSample = new int[n];
		for (int i = 0; i < n; i++)
			labelOfSample[i] = rank[fit.label(i)] + 1;
		// mean colours in channel units, pixel counts
		meanColours = new double[k * c];
		pixelCounts = new long[k];
		for (int i = 0; i < n; i++) {
			final int r = labelOfSample[i] - 1;
			final double w = samples.count(i);
			for (int ch = 0; ch < c; ch++)
				meanColours[r * c + ch] += w * samples.colours[i * c + ch];
			pixelCounts[r] += (long) w;
		}
		for (int r = 0; r < k; r++)
			for (int ch = 0; ch < c; ch++)
				meanColours[r * c + ch] = pixelCounts[r] > 0 ? meanColours[r * c + ch] / pixelCounts[r] : Double.NaN;
		final double[] engineCentres = fit.centres();
		centres = new double[k * c];
		for (int j = 0; j < k; j++)
			System.arraycopy(engineCentres, j * c, centres, rank[j] * c, c);
		// inertia in channel units x unit (RGB: [0, 1])
		double inertia = 0;
		for (int i = 0; i < n; i++) {
			final int r = labelOfSample[i] - 1;
			double s = 0;
			for (int ch = 0; ch < c; ch++) {
				final double e = (samples.colours[i * c + ch] - meanColours[r * c + ch]) / samples.scale;
				s += e * e;
			}
			inertia += samples.count(i) * s;
		}
		inertiaPerPixel = inertia / samples.pixels;
		seconds = (System.nanoTime() - start) / 1e9;
	}

	/** A result of applying a model: its palette and centres, the counts of the image it labels. */
	ColourQuantizationResult(final ColourQuantizationModel model, final long[] pixelCounts, final long pixels, final double inertiaPerPixel, final long start) {
		this.model = model;
		this.clusters = model.clusters();
		this.channels = model.channels();
		this.channelNames = model.channelNames();
		this.meanColours = model.meanColours();
		this.centres = model.centres();
		this.pixelCounts = pixelCounts;
		this.pixels = pixels;
		this.inertiaPerPixel = inertiaPerPixel;
		this.labelOfSample = null;
		this.fit = null;
		this.rank = null;
		this.space = model.space();
		this.seconds = (System.nanoTime() - start) / 1e9;
	}

	/** @return number of clusters k */
	public int clusters() {
		return clusters;
	}

	/** @return number of channels (3 for RGB) */
	public int channels() {
		return channels;
	}

	/** @return channel names: R, G, B or C1..Cn */
	public String[] channelNames() {
		return channelNames.clone();
	}

	/**
	 * @param cluster 1..k
	 * @return the cluster's mean colour in channel units (0..255 for RGB); NaN for an empty cluster
	 */
	public double[] meanColour(final int cluster) {
		return Arrays.copyOfRange(meanColours, (cluster - 1) * channels, cluster * channels);
	}

	/**
	 * @param cluster 1..k
	 * @return the cluster's k-means centre in the clustering space (CIELAB: L*, a*, b*)
	 */
	public double[] centre(final int cluster) {
		return Arrays.copyOfRange(centres, (cluster - 1) * channels, cluster * channels);
	}

	/**
	 * @return the clusters table's columns by heading, one row per cluster 1..k: {@code label}, the mean
	 *         colour per channel, for CIELAB the centre's {@code L*}, {@code a*}, {@code b*}, then
	 *         {@code pixels} and {@code fraction} (of the pixels clustered)
	 */
	public Map<String, double[]> clustersTable() {
		final Map<String, double[]> columns = new LinkedHashMap<>();
		final int k = clusters;
		final double[] label = new double[k];
		final double[][] colour = new double[channels][k];
		final double[][] lab = new double[3][k];
		final double[] count = new double[k];
		final double[] fraction = new double[k];
		final boolean cielab = space == ColourQuantization.Space.CIELAB;
		for (int l = 0; l < k; l++) {
			label[l] = l + 1;
			for (int c = 0; c < channels; c++)
				colour[c][l] = meanColours[l * channels + c];
			if (cielab) for (int c = 0; c < 3; c++)
				lab[c][l] = centres[l * channels + c];
			count[l] = pixelCounts[l];
			fraction[l] = (double) pixelCounts[l] / pixels;
		}
		columns.put("label", label);
		for (int c = 0; c < channels; c++)
			columns.put(channelNames[c], colour[c]);
		if (cielab) {
			columns.put("L*", lab[0]);
			columns.put("a*", lab[1]);
			columns.put("b*", lab[2]);
		}
		columns.put("pixels", count);
		columns.put("fraction", fraction);
		return columns;
	}

	/** @return pixels in the cluster (1..k) */
	public long pixelCount(final int cluster) {
		return pixelCounts[cluster - 1];
	}

	/** @return pixels clustered (inside the mask) */
	public long pixels() {
		return pixels;
	}

	/**
	 * @return mean squared distance of the clustered pixels to their cluster's mean colour, in RGB
	 *         scaled to [0, 1] for RGB images (whatever the clustering space), in channel units otherwise
	 */
	public double inertiaPerPixel() {
		return inertiaPerPixel;
	}

	/** @return the colour space used */
	public ColourQuantization.Space space() {
		return space;
	}

	/**
	 * @return the engine's result over the distinct colours (labels there are k-means labels 0..k-1); null
	 *         for the result of applying a model
	 */
	public KMeansResult fit() {
		return fit;
	}

	/** @return seconds spent from reading the pixels to the fitted clusters */
	public double seconds() {
		return seconds;
	}

	/**
	 * Writes 1..k into the clustered pixels and 0 elsewhere.
	 *
	 * @param labels same interval as the input; values up to k must fit its type
	 */
	public void writeLabels(final RandomAccessibleInterval<? extends IntegerType<?>> labels) {
		writeLabels(labels, ProgressListener.NONE);
	}

	/**
	 * {@link #writeLabels(RandomAccessibleInterval)}, reporting the pixels written.
	 *
	 * @param labels same interval as the input; values up to k must fit its type
	 * @param listener progress and cancellation
	 */
	public void writeLabels(final RandomAccessibleInterval<? extends IntegerType<?>> labels, final ProgressListener listener) {
		if (rgbImage != null && model != null) {
			model.predict(rgbImage, allPixels ? null : mask, labels, listener);
			return;
		}
		if (rgbImage != null) {
			if (writeFast(labels, listener)) return;
			Slabs.forEach(rgbImage, listener, (from, to) -> LoopBuilder.setImages(Slabs.of(rgbImage, from, to), Slabs.of(mask, from, to), Slabs.of(labels, from, to)).multiThreaded().forEachPixel((p, inside, out) -> out.setInteger(inside.get() ? rgbLabel(p.get()) : 0)));
			return;
		}
		final Cursor<? extends IntegerType<?>> out = Views.flatIterable(labels).cursor();
		final int[] next = new int[1];
		ColourQuantization.forEachPosition(channelImages, mask, counting(listener, (inside, values) -> out.next().setInteger(inside ? channelLabel(values, next) : 0)));
	}

	/**
	 * Writes each clustered pixel's cluster mean colour (rounded); other pixels are not touched.
	 *
	 * @param quantized same interval as the input
	 */
	public void writeQuantized(final RandomAccessibleInterval<ARGBType> quantized) {
		writeQuantized(quantized, ProgressListener.NONE);
	}

	/**
	 * {@link #writeQuantized(RandomAccessibleInterval)}, reporting the pixels written.
	 *
	 * @param quantized same interval as the input
	 * @param listener progress and cancellation
	 */
	public void writeQuantized(final RandomAccessibleInterval<ARGBType> quantized, final ProgressListener listener) {
		if (rgbImage == null) throw new IllegalStateException("the input had channels: use writeQuantizedChannels");
		final int[] packed = new int[clusters];
		for (int r = 0; r < clusters; r++) {
			final double[] m = meanColour(r + 1);
			packed[r] = ARGBType.rgba(round8(m[0]), round8(m[1]), round8(m[2]), 255);
		}
		if (writeFast(quantized, packed, listener)) return;
		Slabs.forEach(rgbImage, listener, (from, to) -> LoopBuilder.setImages(Slabs.of(rgbImage, from, to), Slabs.of(mask, from, to), Slabs.of(quantized, from, to)).multiThreaded().forEachPixel((p, inside, out) -> {
			if (inside.get()) out.set(packed[rgbLabel(p.get()) - 1]);
		}));
	}

	/**
	 * Writes each clustered pixel's cluster mean value per channel (rounded and clamped for integer
	 * types); other pixels are not touched.
	 *
	 * @param quantized one output per channel, same interval as the input
	 */
	public void writeQuantizedChannels(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> quantized) {
		writeQuantizedChannels(quantized, ProgressListener.NONE);
	}

	/**
	 * {@link #writeQuantizedChannels(List)}, reporting the pixels written.
	 *
	 * @param quantized one output per channel, same interval as the input
	 * @param listener progress and cancellation
	 */
	public void writeQuantizedChannels(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> quantized, final ProgressListener listener) {
		if (channelImages == null) throw new IllegalStateException("the input was RGB: use writeQuantized");
		final List<Cursor<? extends RealType<?>>> outs = new ArrayList<>();
		for (final RandomAccessibleInterval<? extends RealType<?>> q : quantized)
			outs.add(Views.flatIterable(q).cursor());
		final int[] next = new int[1];
		ColourQuantization.forEachPosition(channelImages, mask, counting(listener, (inside, values) -> {
			final int r = inside ? channelLabel(values, next) - 1 : -1;
			for (int ch = 0; ch < channels; ch++) {
				final RealType<?> o = outs.get(ch).next();
				if (r >= 0) o.setReal(clampTo(o, meanColours[r * channels + ch]));
			}
		}));
	}

	/** @return the consumer, reporting on the listener every 65536 positions of the mask */
	private ColourQuantization.PositionConsumer counting(final ProgressListener listener, final ColourQuantization.PositionConsumer consumer) {
		final double total = Intervals.numElements(mask);
		final long[] seen = new long[1];
		return (inside, values) -> {
			if ((++seen[0] & ColourQuantization.READ_REPORT) == 0) {
				listener.checkCanceled();
				listener.progress(seen[0] / total, "writing pixels");
			}
			consumer.accept(inside, values);
		};
	}

	// -- Fast paths: array-backed images --

	/** The arrays of the RGB input, of the mask (null for all pixels) and of {@code out}, or null when one has none. */
	private FlatArrays[] arrays(final RandomAccessibleInterval<?> out, final Class<?> outArray) {
		if (!Intervals.equalDimensions(out, rgbImage) || !(rgbImage.getType() instanceof ARGBType)) return null;
		final FlatArrays in = FlatArrays.of(rgbImage);
		final FlatArrays inside = allPixels ? null : FlatArrays.of(mask);
		final FlatArrays o = FlatArrays.of(out);
		if (in == null || !in.holds(int[].class) || o == null || !o.holds(outArray) || !allPixels && (inside == null || !inside.holds(boolean[].class) || !(mask.getType() instanceof NativeBoolType))) return null;
		return new FlatArrays[] { in, inside, o };
	}

	/** Writes the labels straight into the arrays of 8-, 16- or 32-bit integer images; false if they have none. */
	private boolean writeFast(final RandomAccessibleInterval<? extends IntegerType<?>> labels, final ProgressListener listener) {
		final Object type = labels.getType();
		final Class<?> array = FlatArrays.integerArray(type);
		final FlatArrays[] a = array == null ? null : arrays(labels, array);
		if (a == null) return false;
		FlatArrays.forEachBlock(a[0].size(), listener, "writing pixels", (from, to) -> FlatArrays.runs(from, to, (i, length) -> {
			final double[] feature = new double[3];
			final int[] in = (int[]) a[0].array(i);
			final int o = a[0].offset(i), mo = a[1] == null ? 0 : a[1].offset(i), lo = a[2].offset(i);
			final boolean[] inside = a[1] == null ? null : (boolean[]) a[1].array(i);
			final Object out = a[2].array(i);
			if (out instanceof byte[]) {
				final byte[] b = (byte[]) out;
				for (int p = 0; p < length; p++)
					b[lo + p] = (byte) (inside == null || inside[mo + p] ? label(in[o + p], feature) : 0);
			}
			else if (out instanceof short[]) {
				final short[] s = (short[]) out;
				for (int p = 0; p < length; p++)
					s[lo + p] = (short) (inside == null || inside[mo + p] ? label(in[o + p], feature) : 0);
			}
			else {
				final int[] n = (int[]) out;
				for (int p = 0; p < length; p++)
					n[lo + p] = inside == null || inside[mo + p] ? label(in[o + p], feature) : 0;
			}
		}, a));
		return true;
	}

	/** Writes the mean colours straight into the array of an RGB image; false if it has none. */
	private boolean writeFast(final RandomAccessibleInterval<ARGBType> quantized, final int[] packed, final ProgressListener listener) {
		final FlatArrays[] a = arrays(quantized, int[].class);
		if (a == null) return false;
		FlatArrays.forEachBlock(a[0].size(), listener, "writing pixels", (from, to) -> FlatArrays.runs(from, to, (i, length) -> {
			final double[] feature = new double[3];
			final int[] in = (int[]) a[0].array(i), out = (int[]) a[2].array(i);
			final int o = a[0].offset(i), mo = a[1] == null ? 0 : a[1].offset(i), qo = a[2].offset(i);
			final boolean[] inside = a[1] == null ? null : (boolean[]) a[1].array(i);
			for (int p = 0; p < length; p++)
				if (inside == null || inside[mo + p]) out[qo + p] = packed[label(in[o + p], feature) - 1];
		}, a));
		return true;
	}

	/**
	 * @param feature 3 values for the model's search (one array a thread), or null to make one if needed
	 * @return the label 1..k of an RGB pixel, by the model's table when there is one
	 */
	private int label(final int argb, final double[] feature) {
		if (model == null) {
			final int sample = keys.indexOf(argb & 0xffffff);
			if (sample < 0) throw new IllegalStateException(String.format(NOT_FITTED, argb & 0xffffff));
			return labelOfSample[sample];
		}
		final int colour = argb & 0xffffff;
		final int label = rgbBytes != null ? rgbBytes[colour] & 0xff : rgbChars[colour];
		return label != 0 ? label : RgbCounting.label(model, rgbBytes, rgbChars, colour, feature != null ? feature : new double[3]);
	}

	/** @return the label 1..k of an RGB pixel */
	private int rgbLabel(final int argb) {
		return label(argb, null);
	}

	/**
	 * @return the label 1..k of a clustered pixel's channel values: by the model, by key, or by the
	 *         running number {@code next} of clustered pixels
	 */
	private int channelLabel(final double[] values, final int[] next) {
		if (model != null) return model.labelOf(values);
		return labelOfSample[keys != null ? keys.indexOf(ColourQuantization.pack(values, keyBits)) : next[0]++];
	}

	static int round8(final double v) {
		return (int) Math.max(0, Math.min(255, Math.round(v)));
	}

	static double clampTo(final RealType<?> type, final double v) {
		return type instanceof IntegerType ? Math.max(type.getMinValue(), Math.min(type.getMaxValue(), Math.round(v))) : v;
	}
}
