package io.github.pixelclustering.api;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.io.TiledTiffWriter;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;

import net.imglib2.img.array.ArrayImgs;

/**
 * The pieces of {@link TiledColour}'s fit and apply that one task does on its own part of a big RGB TIFF,
 * for work spread over machines (the Spark jobs): counting the colours of one band of tiles, and
 * labelling one part of rows into encoded label tiles. Put together in order, the parts give the
 * one-machine results byte for byte: the histograms merge into the exact colour counts, and the label
 * tiles with the tallies' totals give the same label BigTIFF, counts and inertia as
 * {@link TiledColour#apply}.
 * <p>
 * A part of rows is {@link #partRows} rows: whole rows of label tiles, at least one band of the input, so
 * that no label tile is split between tasks. Threading: ImgLib2's {@code Parallelization} of the calling
 * thread.
 */
public final class ColourBands {

	private ColourBands() {}

	/**
	 * @param tiff an open TIFF
	 * @return the rows of one part: a multiple of the label tile height, at least a band of the input
	 */
	public static int partRows(final TiledTiff tiff) {
		final int tile = TiledTiffWriter.TILE;
		return (tiff.maxBandRows() + tile - 1) / tile * tile;
	}

	/**
	 * @param tiff an open TIFF
	 * @return how many parts of {@link #partRows} rows cover the image
	 */
	public static int parts(final TiledTiff tiff) {
		return (tiff.height() + partRows(tiff) - 1) / partRows(tiff);
	}

	/**
	 * Counts the colours of one band of an RGB TIFF.
	 *
	 * @param image the TIFF or BigTIFF file (8-bit RGB)
	 * @param band the band, 0 to {@link TiledTiff#bands()} - 1
	 * @return its histogram
	 * @throws IOException when the file cannot be read (the message names it)
	 * @throws IllegalArgumentException when the image is not 8-bit RGB or the band does not exist
	 */
	public static ColourHistogram count(final File image, final int band) throws IOException {
		try (TiledTiff tiff = TiledTiff.open(image)) {
			requireRgb(tiff, image);
			if (band < 0 || band >= tiff.bands()) throw new IllegalArgumentException(image.getName() + " has bands 0 to " + (tiff.bands() - 1) + ", got band " + band);
			final int[] argb = new int[tiff.width() * tiff.bandRows(band)];
			read(tiff, image, band, argb, ParallelTasks.current());
			return ColourHistogram.of(argb, 0, argb.length);
		}
	}

	/**
	 * Labels one part of rows of an RGB TIFF with an RGB model.
	 *
	 * @param model an RGB colour model (checked against the image by the caller)
	 * @param image the TIFF or BigTIFF file (8-bit RGB)
	 * @param part the part, 0 to {@link #parts} - 1
	 * @return the part's label tiles, encoded as {@link TiledColour#apply} writes them, and its tally
	 * @throws IOException when the file cannot be read (the message names it)
	 */
	public static LabelledPart label(final ColourQuantizationModel model, final File image, final int part) throws IOException {
		final ColourTally tally = model.tally();
		final TaskRunner tasks = ParallelTasks.current();
		try (TiledTiff tiff = TiledTiff.open(image)) {
			requireRgb(tiff, image);
			final int rowsPer = partRows(tiff);
			if (part < 0 || part * (long) rowsPer >= tiff.height()) throw new IllegalArgumentException(image.getName() + " has parts 0 to " + (parts(tiff) - 1) + ", got part " + part);
			final int w = tiff.width(), y0 = part * rowsPer, rows = Math.min(rowsPer, tiff.height() - y0);
			final int[] argb = new int[w * rows];
			int[] band = null;
			for (int b = 0; b < tiff.bands(); b++) {
				final int by = tiff.bandY(b), br = tiff.bandRows(b);
				if (by + br <= y0 || by >= y0 + rows) continue;
				if (by == y0 && br == rows) {
					read(tiff, image, b, argb, tasks); // the band is the part: no copy
					continue;
				}
				if (band == null || band.length != w * br) band = new int[w * br];
				read(tiff, image, b, band, tasks);
				final int from = Math.max(by, y0), to = Math.min(by + br, y0 + rows);
				System.arraycopy(band, (from - by) * w, argb, (from - y0) * w, (to - from) * w);
			}
			final boolean bytes = model.clusters() <= 255;
			final Object out = bytes ? new byte[w * rows] : new short[w * rows];
			tally.add(ArrayImgs.argbs(argb, w, rows), null, bytes ? ArrayImgs.unsignedBytes((byte[]) out, w, rows) : ArrayImgs.unsignedShorts((short[]) out, w, rows), ProgressListener.NONE);
			final byte[][][] tiles = TiledTiffWriter.encode(out, w, rows, 1, bytes ? 8 : 16, TiledTiffWriter.TILE, TiledColour.LEVEL, tasks);
			return new LabelledPart(part, tiles, tally.totals());
		}
	}

	/**
	 * @param model the colour model
	 * @param tiff the image
	 * @param labels where the label image goes (a temporary name: the caller moves it into place)
	 * @return a writer of the label image that {@link TiledColour#apply} writes: add the parts' tiles in order
	 * @throws IOException when the file cannot be created
	 */
	public static TiledTiffWriter labelWriter(final ColourQuantizationModel model, final TiledTiff tiff, final File labels) throws IOException {
		return new TiledTiffWriter(labels, tiff.width(), tiff.height(), 1, model.clusters() <= 255 ? 8 : 16, TiledTiffWriter.TILE, TiledColour.LEVEL);
	}

	/** One labelled part: its number, its rows of encoded label tiles, its tally's totals. */
	public static final class LabelledPart implements Serializable {

		private static final long serialVersionUID = 1L;

		private final int part;
		private final byte[][][] tiles;
		private final long[] totals;

		LabelledPart(final int part, final byte[][][] tiles, final long[] totals) {
			this.part = part;
			this.tiles = tiles;
			this.totals = totals;
		}

		/** @return the part's number */
		public int part() {
			return part;
		}

		/** @return its rows of encoded label tiles, top to bottom, each left to right */
		public byte[][][] tiles() {
			return tiles;
		}

		/** @return its counts, as {@link ColourTally#totals()} */
		public long[] totals() {
			return totals;
		}
	}

	// -- Helper methods --

	private static void requireRgb(final TiledTiff tiff, final File image) {
		if (!tiff.rgb()) throw new IllegalArgumentException(String.format(TiledColour.NOT_RGB, image.getName(), tiff.samples(), tiff.bitsPerSample()));
	}

	/** Reads a band; a damaged tile is an error naming the file and the band. */
	private static void read(final TiledTiff tiff, final File image, final int band, final int[] argb, final TaskRunner tasks) throws IOException {
		try {
			tiff.readRgb(band, argb, tasks);
		}
		catch (final IOException | RuntimeException e) {
			throw new IOException("Cannot read band " + (band + 1) + " of " + tiff.bands() + " of " + image.getPath() + ": " + e.getMessage(), e);
		}
	}
}
