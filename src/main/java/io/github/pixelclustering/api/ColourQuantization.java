package io.github.pixelclustering.api;

import io.github.pixelclustering.core.DistinctKeys;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.kmeans.KMeans;
import io.github.pixelclustering.kmeans.KMeansResult;
import io.github.pixelclustering.kmeans.KMeansSettings;
import io.github.pixelclustering.kmeans.MiniBatchKMeans;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.colour.Cielab;
import io.github.pixelclustering.imglib.FlatArrays;
import io.github.pixelclustering.imglib.ParallelTasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.BooleanType;
import net.imglib2.type.logic.BoolType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.ConstantUtils;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * Colour quantization of ImgLib2 images: k-means over the colours of the pixels, then every pixel
 * replaced by its cluster's mean colour.
 * <p>
 * Input is an RGB image ({@link ARGBType}, any number of dimensions: a stack counts as one set of
 * pixels) or a list of channels (one feature per channel: 8-bit, 16-bit or float), with an optional mask
 * of the same interval. Pixels are not clustered one by one: the <em>distinct</em> colours are clustered,
 * weighted by their pixel counts, which has exactly the objective of clustering every pixel and far
 * fewer samples (float channels are clustered per pixel). Clusters are numbered 1..k by decreasing
 * pixel count (ties: lower k-means label first). Inputs are only read.
 * <p>
 * Threading: through ImgLib2's {@code Parallelization} of the calling thread. Randomness: the seed of the
 * settings; same seed, same labels, whatever the number of threads.
 */
public final class ColourQuantization {

	/** Message when there are more clusters than distinct colours: distinct colours, clusters. */
	public static final String TOO_MANY_CLUSTERS = "Clusters must be at most the number of distinct colours in the clustered pixels (%d), got %d.";
	/** Message when the mask holds no pixel. */
	public static final String EMPTY_MASK = "The selection or mask contains no pixels.";
	/** Message for NaN or infinite values: value, position. */
	public static final String NOT_FINITE = "Pixel values must be finite, got %s at %s.";
	/** Message for a fit on a list of no images. */
	public static final String NO_IMAGES = "A fit on several images needs at least one image, got none.";
	/** Message for CIELAB on non-RGB data. */
	public static final String CIELAB_NEEDS_RGB = "The CIELAB colour space needs an RGB image.";

	private static final String[] RGB_NAMES = { "R", "G", "B" };

	private ColourQuantization() {}

	/** Clustering method. */
	public enum Method {
		/** {@link KMeans}: k-means++ restarts, exact Lloyd iterations. */
		K_MEANS("k-means", KMeansSettings.DEFAULT_RESTARTS),
		/** {@link MiniBatchKMeans}: faster, slightly higher inertia. */
		MINI_BATCH("mini-batch", MiniBatchSettings.DEFAULT_RESTARTS);

		private final String label;
		private final int defaultRestarts;

		Method(final String label, final int defaultRestarts) {
			this.label = label;
			this.defaultRestarts = defaultRestarts;
		}

		/** @return the name used in dialogs and macros, e.g. {@code "k-means"} */
		public String label() {
			return label;
		}

		/** @return the method named {@code label} (case-insensitive) */
		public static Method of(final String label) {
			for (final Method m : values())
				if (m.label.equalsIgnoreCase(label)) return m;
			throw new IllegalArgumentException("method must be k-means or mini-batch, got " + label);
		}
	}

	/** Colour space in which distances are measured. */
	public enum Space {
		/** R, G, B scaled to [0, 1] (channel values as they are for non-RGB data). */
		RGB,
		/** CIE L*a*b*: perceptual distances (RGB images only). */
		CIELAB;

		/** @return the space named {@code name} (case-insensitive) */
		public static Space of(final String name) {
			for (final Space s : values())
				if (s.name().equalsIgnoreCase(name)) return s;
			throw new IllegalArgumentException("space must be RGB or CIELAB, got " + name);
		}
	}

	/** What to compute; immutable. */
	public static final class Settings {

		private final int clusters;
		private final Method method;
		private final Space space;
		private final int restarts;
		private final long seed;
		private final MiniBatchSettings.Init init;

		/**
		 * Settings with k-means++ initialisations.
		 *
		 * @param clusters number of colours k, >= 1
		 * @param method k-means or mini-batch
		 * @param space RGB or CIELAB
		 * @param restarts k-means++ restarts (n_init); 0 = the method's default (10 or 3)
		 * @param seed random seed
		 */
		public Settings(final int clusters, final Method method, final Space space, final int restarts, final long seed) {
			this(clusters, method, space, restarts, seed, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS);
		}

		/**
		 * @param clusters number of colours k, >= 1
		 * @param method k-means or mini-batch
		 * @param space RGB or CIELAB
		 * @param restarts initialisations (n_init), the best wins; 0 = the method's default (10 or 3)
		 * @param seed random seed
		 * @param init how every initialisation picks its first centres: k-means++ (scikit-learn's
		 *        default) or k distinct colours drawn uniformly (scikit-learn's {@code init="random"})
		 */
		public Settings(final int clusters, final Method method, final Space space, final int restarts, final long seed, final MiniBatchSettings.Init init) {
			if (init == null) throw new IllegalArgumentException("init must be k-means++ or random, got null.");
			if (clusters < 1 || clusters > KMeansSettings.MAX_CLUSTERS) throw new IllegalArgumentException("Clusters must be in [1, " + KMeansSettings.MAX_CLUSTERS + "], got " + clusters + ".");
			if (restarts < 0) throw new IllegalArgumentException("Restarts must be >= 0 (0 = default), got " + restarts + ".");
			this.clusters = clusters;
			this.method = method;
			this.space = space;
			this.restarts = restarts == 0 ? method.defaultRestarts : restarts;
			this.seed = seed;
			this.init = init;
		}

		/** @return k */
		public int clusters() {
			return clusters;
		}

		/** @return the method */
		public Method method() {
			return method;
		}

		/** @return the colour space */
		public Space space() {
			return space;
		}

		/** @return restarts actually used */
		public int restarts() {
			return restarts;
		}

		/** @return the seed */
		public long seed() {
			return seed;
		}

		/** @return how every initialisation picks its first centres */
		public MiniBatchSettings.Init init() {
			return init;
		}

		/**
		 * @return the settings as Colour Quantization's macro keys and values ({@code clusters},
		 *         {@code method}, {@code space}, {@code restarts} as used, {@code seed}, {@code init}), as a
		 *         model records them
		 */
		public Map<String, Object> values() {
			final Map<String, Object> out = new LinkedHashMap<>();
			out.put("clusters", clusters);
			out.put("method", method.label());
			out.put("space", space.name());
			out.put("restarts", restarts);
			out.put("seed", seed);
			out.put("init", init.label());
			return out;
		}
	}

	/**
	 * Quantizes the colours of an RGB image.
	 *
	 * @param image RGB pixels (alpha ignored), any number of dimensions
	 * @param mask which pixels to cluster (same interval), or null for all
	 * @param settings clusters, method, space, restarts, seed
	 * @param listener progress and cancellation
	 * @return the clusters; write labels and colours with {@link ColourQuantizationResult#writeLabels} and
	 *         {@link ColourQuantizationResult#writeQuantized}
	 * @throws IllegalArgumentException on an empty mask or more clusters than distinct colours
	 */
	public static ColourQuantizationResult quantizeRgb(final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Settings settings, final ProgressListener listener) {
		final long start = System.nanoTime();
		final Phases phases = phases(listener, settings);
		final RandomAccessibleInterval<? extends BooleanType<?>> m = orAll(mask, image);
		final long size = Intervals.numElements(image);
		final SharedProgress reading = new SharedProgress(phases.next("Reading the colours of " + size + " pixels"), size);
		final DistinctKeys.Builder builder = DistinctKeys.builder(24, size);
		final long[] pixels = new long[2];
		final FlatArrays[] a = ColourQuantizationModel.arrays(image, mask, null);
		if (a != null) {
			// an image of primitive arrays (an ImagePlus's pixels): read straight from them, no LoopBuilder
			// (whose first use in a JVM costs 50 to 100 ms)
			FlatArrays.runs(0, a[0].size(), (from, length) -> {
				final int[] argb = (int[]) a[0].array(from);
				final int o = a[0].offset(from);
				final boolean[] inside = a[1] == null ? null : (boolean[]) a[1].array(from);
				final int mo = a[1] == null ? 0 : a[1].offset(from);
				// report (and check for cancel) every block of READ_REPORT + 1 pixels, as the loop below does
				for (int b = 0; b < length; b += READ_REPORT + 1) {
					final int end = Math.min(length, b + READ_REPORT + 1);
					for (int i = b; i < end; i++)
						if (inside == null || inside[mo + i]) {
							builder.add(argb[o + i] & 0xffffff);
							pixels[0]++;
						}
					reading.add(end - b, "Reading colours");
				}
			}, a);
		}
		else LoopBuilder.setImages(image, m).forEachPixel((p, inside) -> {
			if ((++pixels[1] & READ_REPORT) == 0) reading.add(READ_REPORT + 1, "Reading colours");
			if (inside.get()) {
				builder.add(p.get() & 0xffffff);
				pixels[0]++;
			}
		});
		phases.next("Counting distinct colours");
		return clusterRgb(builder.build(), pixels[0], image, m, settings, phases, start);
	}

	/**
	 * Quantizes the colours of several RGB images together: one fit on the colours of all their pixels,
	 * or of at most {@code sample} pixels of each image drawn by the seed of the settings (see
	 * {@link ColourCounts}). With every pixel the fit is exact: it is the fit of one image holding all the
	 * pixels of all the images.
	 *
	 * @param images RGB pixels (alpha ignored), any number of dimensions, any sizes
	 * @param masks which pixels to cluster, one per image (same interval) or null entries; or null for all
	 * @param settings clusters, method, space, restarts, seed (also the seed of the sample)
	 * @param sample at most this many pixels of each image, 0 = every pixel
	 * @param listener progress and cancellation
	 * @return the clusters (palette, centres, pixel counts over all the images); to label the images, make
	 *         the model ({@link ColourQuantizationModel#of}) and apply it to each
	 * @throws IllegalArgumentException on no images, masks that do not match, all masks empty, a negative
	 *         sample, or more clusters than distinct colours
	 */
	public static ColourQuantizationResult quantizeRgb(final List<? extends RandomAccessibleInterval<ARGBType>> images, final List<? extends RandomAccessibleInterval<? extends BooleanType<?>>> masks, final Settings settings, final long sample, final ProgressListener listener) {
		if (masks != null && masks.size() != images.size()) throw new IllegalArgumentException("Give one mask per image (or null), got " + masks.size() + " masks for " + images.size() + " images.");
		final ColourCounts counts = new ColourCounts(sample, settings.seed());
		final Phases phases = new Phases(listener, 2, 9);
		final ProgressListener reading = phases.next("Reading the colours of " + images.size() + " images");
		for (int i = 0; i < images.size(); i++) {
			reading.checkCanceled();
			reading.progress((double) i / images.size(), "Reading the colours of image " + (i + 1) + " of " + images.size());
			counts.add(images.get(i), masks == null ? null : masks.get(i));
		}
		return quantizeRgb(counts, settings, phases.next("Fitting"));
	}

	/**
	 * Quantizes the colours counted in several RGB images (read one after the other, see
	 * {@link ColourCounts}): one fit on them all.
	 *
	 * @param counts the colours of the images; no image can be added after
	 * @param settings clusters, method, space, restarts, seed (give the counts the same seed)
	 * @param listener progress and cancellation
	 * @return the clusters (palette, centres, pixel counts over all the images); to label the images, make
	 *         the model ({@link ColourQuantizationModel#of}) and apply it to each
	 * @throws IllegalArgumentException on no images, no pixel counted, or more clusters than distinct
	 *         colours
	 */
	public static ColourQuantizationResult quantizeRgb(final ColourCounts counts, final Settings settings, final ProgressListener listener) {
		if (counts.images() == 0) throw new IllegalArgumentException(NO_IMAGES);
		final long start = System.nanoTime();
		final Phases phases = new Phases(listener, 1, settings.method() == Method.K_MEANS ? 8 : 4, 0.2);
		phases.next("Counting the distinct colours of " + counts.images() + " images");
		return clusterRgb(counts.distinct(), counts.pixels(), counts.first(), counts.firstMask(), settings, phases, start);
	}

	/**
	 * Quantizes multichannel pixels, one feature per channel (8-bit, 16-bit or float channels).
	 *
	 * @param channels the channels, all over the same interval
	 * @param mask which pixels to cluster (same interval), or null for all
	 * @param settings clusters, method, space (RGB = channel values as they are), restarts, seed
	 * @param listener progress and cancellation
	 * @return the clusters
	 * @throws IllegalArgumentException on an empty mask, NaN or infinite values, CIELAB, or more clusters
	 *         than distinct values
	 */
	public static ColourQuantizationResult quantizeChannels(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Settings settings, final ProgressListener listener) {
		if (settings.space() == Space.CIELAB) throw new IllegalArgumentException(CIELAB_NEEDS_RGB);
		final long start = System.nanoTime();
		final Phases phases = phases(listener, settings);
		final int c = channels.size();
		final RandomAccessibleInterval<? extends BooleanType<?>> m = orAll(mask, channels.get(0));
		final long size = Intervals.numElements(m);
		final SharedProgress reading = new SharedProgress(phases.next("Reading " + c + " channels of " + size + " pixels"), size);
		final int bits = bitsPerChannel(channels);
		final String[] names = new String[c];
		for (int ch = 0; ch < c; ch++)
			names[ch] = "C" + (ch + 1);
		final ColourQuantizationResult result;
		if (bits > 0 && bits * c <= 63) {
			final DistinctKeys.Builder builder = DistinctKeys.builder(bits * c, Intervals.numElements(m));
			final long pixels = forEachPixel(channels, m, reading, values -> builder.add(pack(values, bits)));
			result = clusterKeys(builder, pixels, bits, c, settings, phases, start);
		}
		else {
			final double[] values = new double[(int) Math.min(Integer.MAX_VALUE - 8, (long) c * Intervals.numElements(m))];
			final int[] count = new int[1];
			forEachPixel(channels, m, reading, v -> {
				System.arraycopy(v, 0, values, count[0] * c, c);
				count[0]++;
			});
			phases.next("Checking values");
			checkFinite(channels, m, values, count[0], c);
			result = cluster(new Samples(Arrays.copyOf(values, count[0] * c), c, null, count[0], 1, names), settings, phases, start);
		}
		result.channelImages = new ArrayList<>(channels);
		result.mask = m;
		return result;
	}

	// -- Helper methods --

	/** Clusters distinct RGB colours; the result labels {@code image} (which holds only counted colours). */
	private static ColourQuantizationResult clusterRgb(final DistinctKeys distinct, final long pixels, final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Settings settings, final Phases phases, final long start) {
		final int n = distinct.size();
		final double[] colours = new double[n * 3];
		for (int i = 0; i < n; i++) {
			final long key = distinct.key(i);
			colours[3 * i] = (key >> 16) & 0xff;
			colours[3 * i + 1] = (key >> 8) & 0xff;
			colours[3 * i + 2] = key & 0xff;
		}
		final Samples samples = new Samples(colours, 3, distinct.counts(), pixels, 255, RGB_NAMES);
		final ColourQuantizationResult result = cluster(samples, settings, phases, start);
		result.rgb = true;
		result.rgbImage = image;
		result.mask = mask;
		result.keys = distinct;
		return result;
	}

	/** The colours to cluster: one row per distinct colour (or per pixel), with pixel counts. */
	static final class Samples {

		final double[] colours;
		final int channels;
		final double[] counts;
		final long pixels;
		/** Feature = colour / scale: 255 for RGB (features in [0, 1]), 1 for channels. */
		final double scale;
		final String[] names;

		Samples(final double[] colours, final int channels, final double[] counts, final long pixels, final double scale, final String[] names) {
			this.colours = colours;
			this.channels = channels;
			this.counts = counts;
			this.pixels = pixels;
			this.scale = scale;
			this.names = names;
		}

		int size() {
			return colours.length / channels;
		}

		double count(final int i) {
			return counts == null ? 1 : counts[i];
		}
	}

	/** Pixels read between two progress reports, minus 1 (a mask of low bits). */
	static final int READ_REPORT = (1 << 16) - 1;

	/**
	 * The phases of a run, weighted by their usual share of the time: pixels, distinct colours (and the
	 * features), fit, summary.
	 */
	private static Phases phases(final ProgressListener listener, final Settings settings) {
		return new Phases(listener, 2, 1, settings.method() == Method.K_MEANS ? 8 : 4, 0.2);
	}

	/**
	 * Fits the distinct values of channels packed into keys ({@link #pack}), counted from every pixel
	 * (the phases after reading).
	 */
	static ColourQuantizationResult clusterKeys(final DistinctKeys.Builder builder, final long pixels, final int bits, final int c, final Settings settings, final Phases phases, final long start) {
		phases.next("Counting distinct values");
		final DistinctKeys distinct = builder.build();
		final int n = distinct.size();
		final double[] colours = new double[n * c];
		for (int i = 0; i < n; i++)
			unpack(distinct.key(i), bits, colours, i * c, c);
		final String[] names = new String[c];
		for (int ch = 0; ch < c; ch++)
			names[ch] = "C" + (ch + 1);
		final ColourQuantizationResult result = cluster(new Samples(colours, c, distinct.counts(), pixels, 1, names), settings, phases, start);
		result.keys = distinct;
		result.keyBits = bits;
		return result;
	}

	/**
	 * The phases of a channel fit: reading, counting distinct values, fitting, summarising.
	 *
	 * @param listener progress and cancellation
	 * @param settings the fit's settings
	 * @return the phases, the reading one still to start
	 */
	static Phases channelPhases(final ProgressListener listener, final Settings settings) {
		return phases(listener, settings);
	}

	/** Fits the clusters (the phase after reading) and summarises them (the last phase). */
	private static ColourQuantizationResult cluster(final Samples samples, final Settings settings, final Phases phases, final long start) {
		final int n = samples.size();
		if (samples.pixels == 0) throw new IllegalArgumentException(EMPTY_MASK);
		final int k = settings.clusters();
		if (samples.counts != null && k > n) throw new IllegalArgumentException(String.format(TOO_MANY_CLUSTERS, n, k));
		final int c = samples.channels;
		final double[] features = new double[n * c];
		if (settings.space() == Space.CIELAB) {
			for (int i = 0; i < n; i++)
				Cielab.fromRgb((int) samples.colours[3 * i], (int) samples.colours[3 * i + 1], (int) samples.colours[3 * i + 2], features, 3 * i);
		}
		else for (int v = 0; v < features.length; v++)
			features[v] = samples.colours[v] / samples.scale;
		final FeatureMatrix x = new FeatureMatrix(features, n, c);
		final TaskRunner runner = ParallelTasks.current();
		final ProgressListener fitting = phases.next((settings.method() == Method.K_MEANS ? "k-means" : "mini-batch k-means") + " of " + n + (samples.counts != null ? " distinct colours" : " pixels") + " into " + k + " clusters");
		final KMeansResult fit = settings.method() == Method.K_MEANS ? KMeans.fit(x, samples.counts, KMeansSettings.builder(k).restarts(settings.restarts()).seed(settings.seed()).init(settings.init()).refine(true).build(), runner, fitting) : MiniBatchKMeans.fitCounts(x, samples.counts, MiniBatchSettings.builder(k).restarts(settings.restarts()).seed(settings.seed()).init(settings.init()).build(), runner, fitting);
		phases.next("Summarising " + k + " clusters");
		final ColourQuantizationResult result = new ColourQuantizationResult(samples, settings, fit, start);
		phases.done("Colour quantization done");
		return result;
	}

	static <T> RandomAccessibleInterval<? extends BooleanType<?>> orAll(final RandomAccessibleInterval<? extends BooleanType<?>> mask, final RandomAccessibleInterval<T> image) {
		if (mask == null) return ConstantUtils.constantRandomAccessibleInterval(new BoolType(true), image);
		if (!Intervals.equals(mask, image)) throw new IllegalArgumentException("The mask must have the interval of the image, got " + Intervals.toString(mask) + " for " + Intervals.toString(image) + ".");
		return mask;
	}

	/** Bits per channel for integer channels (8 or 16), or 0 for anything else. */
	static int bitsPerChannel(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels) {
		int bits = 0;
		for (final RandomAccessibleInterval<? extends RealType<?>> ch : channels) {
			final Object type = ch.getType();
			final int b = type instanceof UnsignedByteType ? 8 : type instanceof UnsignedShortType ? 16 : 0;
			if (b == 0) return 0;
			bits = Math.max(bits, b);
		}
		return bits;
	}

	static long pack(final double[] values, final int bits) {
		long key = 0;
		for (int ch = values.length - 1; ch >= 0; ch--)
			key = (key << bits) | (long) values[ch];
		return key;
	}

	static void unpack(final long key, final int bits, final double[] out, final int offset, final int c) {
		final long mask = (1L << bits) - 1;
		for (int ch = 0; ch < c; ch++)
			out[offset + ch] = (key >> (bits * ch)) & mask;
	}

	/** Receives the channel values of one pixel (the array is reused). */
	@FunctionalInterface
	private interface PixelConsumer {

		void accept(double[] values);
	}

	/** Visits the masked pixels in flat iteration order, counting every position on {@code progress}; returns how many. */
	private static long forEachPixel(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final SharedProgress progress, final PixelConsumer consumer) {
		final long[] count = new long[2];
		forEachPosition(channels, mask, (inside, values) -> {
			if ((++count[1] & READ_REPORT) == 0) progress.add(READ_REPORT + 1, "Reading channels");
			if (inside) {
				consumer.accept(values);
				count[0]++;
			}
		});
		return count[0];
	}

	/** Receives whether a position is in the mask and its channel values (the array is reused). */
	@FunctionalInterface
	interface PositionConsumer {

		void accept(boolean inside, double[] values);
	}

	/** Visits every position of the channel images in flat iteration order, the mask in lock step. */
	static void forEachPosition(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final PositionConsumer consumer) {
		final int c = channels.size();
		final List<Cursor<? extends RealType<?>>> cursors = new ArrayList<>(c);
		for (final RandomAccessibleInterval<? extends RealType<?>> ch : channels)
			cursors.add(Views.flatIterable(ch).cursor());
		final Cursor<? extends BooleanType<?>> inside = Views.flatIterable(mask).cursor();
		final double[] values = new double[c];
		while (inside.hasNext()) {
			final boolean in = inside.next().get();
			for (int ch = 0; ch < c; ch++)
				values[ch] = cursors.get(ch).next().getRealDouble();
			consumer.accept(in, values);
		}
	}

	private static void checkFinite(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final double[] values, final int pixels, final int c) {
		for (int v = 0; v < pixels * c; v++) {
			if (Double.isFinite(values[v])) continue;
			// find the position of the bad pixel
			final int pixel = v / c;
			final Cursor<? extends BooleanType<?>> inside = Views.flatIterable(mask).localizingCursor();
			int seen = -1;
			while (inside.hasNext()) {
				if (inside.next().get() && ++seen == pixel) break;
			}
			final long[] position = inside.positionAsLongArray();
			throw new IllegalArgumentException(String.format(NOT_FINITE, values[v], "position " + Arrays.toString(position) + ", channel " + (v % c + 1)));
		}
	}

}
