package io.github.pixelclustering.api;

import io.github.pixelclustering.core.DistinctKeys;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.io.AtomicFiles;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.io.TiledTiffWriter;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;

/**
 * Colour Quantization on RGB TIFF images larger than memory, band after band of tiles (see
 * {@link TiledTiff}), never whole: a model applied with its labels written as a tiled BigTIFF, and the
 * exact fit. Memory: one band of pixels (its labels, one row of label tiles), plus the fit's table of the
 * 2^24 colours (64 MB); the image's size does not matter.
 * <p>
 * The labels of a band are those of the whole image in memory: the same model code labels each band
 * ({@link ColourTally}), and the clusters' counts and inertia are exact integer sums,
 * so the result does not depend on the bands. The fit counts every pixel's colour band after band
 * ({@link ColourCounts}) and clusters them as {@link ColourQuantization#quantizeRgb(ColourCounts,
 * ColourQuantization.Settings, ProgressListener)} does: the model equals the fit of the image in memory.
 * <p>
 * Threading: ImgLib2's {@code Parallelization} of the calling thread (tiles decode, label and compress
 * in parallel); the output does not depend on it.
 */
public final class TiledColour {

	/** The image is not 8-bit RGB: the file, what it is. */
	public static final String NOT_RGB = "%s is not an 8-bit RGB TIFF: it has %d samples of %d bits per pixel.";
	/** Deflate level of the label tiles (labels are runs of few values: fast levels lose little). */
	static final int LEVEL = 1;

	private TiledColour() {}

	/**
	 * Labels a TIFF image with an RGB colour model, band after band, and writes the labels as a tiled,
	 * Deflate-compressed BigTIFF (8-bit for up to 255 clusters, else 16-bit), through a temporary file
	 * moved into place at the end: a failed or canceled run leaves nothing under the final name.
	 *
	 * @param model an RGB colour model
	 * @param image the TIFF or BigTIFF file (tiled or striped, 8-bit RGB)
	 * @param labels where the label image goes, or null for counts only
	 * @param listener progress (one step a band) and cancellation
	 * @return the result: the model's palette, the image's pixel counts and inertia
	 * @throws IOException when a file cannot be read or written
	 * @throws IllegalArgumentException when the model or the image does not fit (the message names both)
	 */
	public static ColourQuantizationResult apply(final ColourQuantizationModel model, final File image, final File labels, final ProgressListener listener) throws IOException {
		if (!model.rgb()) return applyChannels(model, image, labels, listener);
		final ColourTally tally = model.tally();
		try (TiledTiff tiff = TiledTiff.open(image)) {
			requireRgb(tiff, image);
			model.requireFits(describe(tiff, image));
			final long start = System.nanoTime();
			if (labels == null) label(model, tally, tiff, null, listener);
			else AtomicFiles.write(labels, part -> {
				try (TiledTiffWriter writer = new TiledTiffWriter(part, tiff.width(), tiff.height(), 1, model.clusters() <= 255 ? 8 : 16, TiledTiffWriter.TILE, LEVEL)) {
					label(model, tally, tiff, writer, listener);
					writer.finish();
				}
			});
			return tally.result(start);
		}
	}

	/**
	 * Fits Colour Quantization on every pixel of a TIFF image, read band after band: the exact fit, as of
	 * the image in memory.
	 *
	 * @param image the TIFF or BigTIFF file (tiled or striped, 8-bit RGB)
	 * @param settings clusters, method, space, restarts, seed
	 * @param listener progress and cancellation
	 * @return the clusters
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when the image is not 8-bit RGB, has more pixels than the counts
	 *         hold, or fewer colours than clusters
	 */
	public static ColourQuantizationResult fit(final File image, final ColourQuantization.Settings settings, final ProgressListener listener) throws IOException {
		try (TiledTiff tiff = TiledTiff.open(image)) {
			if (!tiff.rgb()) return fitChannels(tiff, image, settings, listener);
		}
		final ColourCounts counts = new ColourCounts(0, settings.seed());
		count(image, counts, new PartialProgress(listener, 0, 0.5, null));
		return ColourQuantization.quantizeRgb(counts, settings, new PartialProgress(listener, 0.5, 0.5, null));
	}

	/**
	 * Counts every pixel's colour of a TIFF image, band after band, into counts of several images (a
	 * folder fit); each band is added as an image of its own, which changes nothing when every pixel is
	 * counted.
	 *
	 * @param image the TIFF or BigTIFF file (tiled or striped, 8-bit RGB)
	 * @param counts counts of every pixel (sample 0)
	 * @param listener progress and cancellation
	 * @return the pixels counted
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when the image is not 8-bit RGB, the counts sample, or the image
	 *         would bring them past {@link ColourCounts#MAX_PIXELS}
	 */
	public static long count(final File image, final ColourCounts counts, final ProgressListener listener) throws IOException {
		if (counts.sample() != 0) throw new IllegalArgumentException("an image read tile by tile is counted whole: expected counts of every pixel (sample 0), got sample " + counts.sample());
		try (TiledTiff tiff = TiledTiff.open(image)) {
			requireRgb(tiff, image);
			if (counts.pixels() + (long) tiff.width() * tiff.height() > ColourCounts.MAX_PIXELS) throw new IllegalArgumentException(String.format(ColourCounts.TOO_MANY_PIXELS, ColourCounts.MAX_PIXELS, counts.images() + 1));
			final TaskRunner tasks = ParallelTasks.current();
			long pixels = 0;
			for (int band = 0; band < tiff.bands(); band++) {
				listener.checkCanceled();
				listener.progress((double) band / tiff.bands(), "Counting the colours of band " + (band + 1) + " of " + tiff.bands());
				final int[] argb = new int[tiff.width() * tiff.bandRows(band)];
				tiff.readRgb(band, argb, tasks);
				pixels += counts.add(ArrayImgs.argbs(argb, tiff.width(), tiff.bandRows(band)), null);
			}
			return pixels;
		}
	}

	/**
	 * @param tiff an open TIFF
	 * @param file its file
	 * @return what a model needs to know of it: its name, size and bit depth (24 for RGB), uncalibrated
	 */
	public static ImageDescription describe(final TiledTiff tiff, final File file) {
		final boolean rgb = tiff.rgb();
		return new ImageDescription(file.getName(), new int[] { tiff.width(), tiff.height(), rgb ? 1 : tiff.samples(), 1, 1 }, rgb ? 24 : tiff.bitsPerSample(), new double[] { 1, 1, 1 }, "pixel");
	}

	// -- Channels (grey and multichannel images) --

	/** The fit of channels whose values do not pack into 63 bits: the file, channels, bits. */
	public static final String TOO_MANY_BITS = "%s has %d channels of %d bits: the tile-by-tile fit counts distinct values of at most 63 bits in all (e.g. three 16-bit channels).";

	/**
	 * The exact fit of the channels of a grey or multichannel TIFF: every pixel's values counted band by
	 * band, then the weighted k-means of {@link ColourQuantization#quantizeChannels}, as of the image in
	 * memory.
	 */
	private static ColourQuantizationResult fitChannels(final TiledTiff tiff, final File image, final ColourQuantization.Settings settings, final ProgressListener listener) throws IOException {
		if (settings.space() == ColourQuantization.Space.CIELAB) throw new IllegalArgumentException(ColourQuantization.CIELAB_NEEDS_RGB);
		final int bits = tiff.bitsPerSample(), c = tiff.samples();
		if (bits * c > 63) throw new IllegalArgumentException(String.format(TOO_MANY_BITS, image.getName(), c, bits));
		final long start = System.nanoTime();
		final Phases phases = ColourQuantization.channelPhases(listener, settings);
		final ProgressListener reading = phases.next("Reading " + c + " channels of " + image.getName() + " band by band");
		final long size = (long) tiff.width() * tiff.height();
		final DistinctKeys.Builder builder = DistinctKeys.builder(bits * c, size);
		final TaskRunner tasks = ParallelTasks.current();
		for (int band = 0; band < tiff.bands(); band++) {
			reading.checkCanceled();
			reading.progress((double) band / tiff.bands(), "Counting the values of band " + (band + 1) + " of " + tiff.bands());
			final int n = tiff.width() * tiff.bandRows(band);
			final Object[] channels = channelArrays(tiff, n);
			tiff.readChannels(band, channels, tasks);
			for (int i = 0; i < n; i++) {
				long key = 0;
				for (int ch = c - 1; ch >= 0; ch--)
					key = key << bits | (bits == 8 ? ((byte[]) channels[ch])[i] & 0xff : ((short[]) channels[ch])[i] & 0xffff);
				builder.add(key);
			}
		}
		return ColourQuantization.clusterKeys(builder, size, bits, c, settings, phases, start);
	}

	/** Labels a grey or multichannel TIFF band by band with a channels model. */
	private static ColourQuantizationResult applyChannels(final ColourQuantizationModel model, final File image, final File labels, final ProgressListener listener) throws IOException {
		try (TiledTiff tiff = TiledTiff.open(image)) {
			model.requireFits(describe(tiff, image));
			final long start = System.nanoTime();
			final long[] counts = new long[model.clusters()];
			final double[] inertia = new double[1];
			if (labels == null) labelChannels(model, tiff, null, counts, inertia, listener);
			else AtomicFiles.write(labels, part -> {
				try (TiledTiffWriter writer = new TiledTiffWriter(part, tiff.width(), tiff.height(), 1, model.clusters() <= 255 ? 8 : 16, TiledTiffWriter.TILE, LEVEL)) {
					labelChannels(model, tiff, writer, counts, inertia, listener);
					writer.finish();
				}
			});
			long pixels = 0;
			for (final long n : counts)
				pixels += n;
			return new ColourQuantizationResult(model, counts, pixels, inertia[0] / pixels, start);
		}
	}

	private static void labelChannels(final ColourQuantizationModel model, final TiledTiff tiff, final TiledTiffWriter writer, final long[] counts, final double[] inertia, final ProgressListener listener) throws IOException {
		final TaskRunner tasks = ParallelTasks.current();
		final int w = tiff.width();
		final boolean bytes = model.clusters() <= 255;
		for (int band = 0; band < tiff.bands(); band++) {
			listener.checkCanceled();
			listener.progress((double) band / tiff.bands(), "Labelling band " + (band + 1) + " of " + tiff.bands());
			final int rows = tiff.bandRows(band);
			final Object[] channels = channelArrays(tiff, w * rows);
			tiff.readChannels(band, channels, tasks);
			final List<RandomAccessibleInterval<? extends RealType<?>>> views = new ArrayList<>();
			for (final Object a : channels)
				views.add(a instanceof byte[] ? ArrayImgs.unsignedBytes((byte[]) a, w, rows) : ArrayImgs.unsignedShorts((short[]) a, w, rows));
			final ColourQuantizationResult r = model.applyChannels(views, null, ProgressListener.NONE);
			for (int l = 1; l <= counts.length; l++)
				counts[l - 1] += r.pixelCount(l);
			inertia[0] += r.inertiaPerPixel() * r.pixels();
			if (writer != null) {
				final Object out = bytes ? new byte[w * rows] : new short[w * rows];
				r.writeLabels(bytes ? ArrayImgs.unsignedBytes((byte[]) out, w, rows) : ArrayImgs.unsignedShorts((short[]) out, w, rows));
				writer.writeRows(out, 0, rows, tasks);
			}
		}
		listener.progress(1, "Labelled " + tiff.bands() + " bands");
	}

	private static Object[] channelArrays(final TiledTiff tiff, final int n) {
		final Object[] channels = new Object[tiff.samples()];
		for (int ch = 0; ch < channels.length; ch++)
			channels[ch] = tiff.bitsPerSample() == 8 ? new byte[n] : new short[n];
		return channels;
	}

	// -- Helper methods --

	private static void requireRgb(final TiledTiff tiff, final File image) {
		if (!tiff.rgb()) throw new IllegalArgumentException(String.format(NOT_RGB, image.getName(), tiff.samples(), tiff.bitsPerSample()));
	}

	/** Labels every band: decodes its tiles, labels and counts its pixels, writes its label rows. */
	private static void label(final ColourQuantizationModel model, final ColourTally tally, final TiledTiff tiff, final TiledTiffWriter writer, final ProgressListener listener) throws IOException {
		final TaskRunner tasks = ParallelTasks.current();
		final int w = tiff.width();
		final boolean bytes = model.clusters() <= 255;
		int[] argb = null;
		Object out = null;
		for (int band = 0; band < tiff.bands(); band++) {
			listener.checkCanceled();
			listener.progress((double) band / tiff.bands(), "Labelling band " + (band + 1) + " of " + tiff.bands());
			final int rows = tiff.bandRows(band);
			if (argb == null || argb.length != w * rows) {
				argb = new int[w * rows];
				out = bytes ? new byte[w * rows] : new short[w * rows];
			}
			tiff.readRgb(band, argb, tasks);
			final ArrayImg<ARGBType, IntArray> region = ArrayImgs.argbs(argb, w, rows);
			if (writer == null) tally.add(region, null, null, ProgressListener.NONE);
			else {
				tally.add(region, null, bytes ? ArrayImgs.unsignedBytes((byte[]) out, w, rows) : ArrayImgs.unsignedShorts((short[]) out, w, rows), ProgressListener.NONE);
				writer.writeRows(out, 0, rows, tasks);
			}
		}
		listener.progress(1, "Labelled " + tiff.bands() + " bands");
	}
}
