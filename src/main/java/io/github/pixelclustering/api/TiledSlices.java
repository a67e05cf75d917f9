package io.github.pixelclustering.api;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.io.TiffPages;
import io.github.pixelclustering.io.TiledTiff;

import java.io.File;
import java.io.IOException;

/**
 * Cluster Slices models on multi-page TIFF stacks larger than memory: each page (slice or frame) is read
 * band by band ({@link TiledTiff}), its pixels inside the model's mask become one row of features, and the
 * row gets its nearest centre. Memory: one slice's features and one band of it a thread, so a stack of any
 * number of pages can be labelled. The labels and distances are those of the stack in memory
 * (the same values, the same arithmetic: {@link SliceClusteringModel#apply(int, SliceClusteringModel.Rows,
 * ProgressListener)}).
 * <p>
 * Pages are the samples in file order; each page holds all channels of a sample: one sample per pixel for
 * a grey model, 8-bit RGB for an RGB model, or as many samples per pixel as the model has channels.
 * Threading: pages are read and labelled a few at once on ImgLib2's {@code Parallelization} of the
 * calling thread; the result does not depend on it.
 */
public final class TiledSlices {

	/** A page of another kind than the model's slices: file, page, what the model expects, what it is. */
	public static final String PAGE_KIND = "Page %d of %s does not fit the model: it expects slices of %s, got %s.";

	private TiledSlices() {}

	/**
	 * @param model a Cluster Slices model
	 * @param stack a multi-page TIFF or BigTIFF (tiled or striped, 8/16-bit grey or multichannel, or 8-bit
	 *        RGB)
	 * @param listener progress (one step a page) and cancellation
	 * @return each page's label and distance, the model's centres
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException naming the file and page when a page does not fit the model, or the
	 *         stack has fewer than 2 pages
	 */
	public static SliceClustering.Result apply(final SliceClusteringModel model, final File stack, final ProgressListener listener) throws IOException {
		try (TiffPages pages = TiffPages.open(stack)) {
			final int n = pages.size();
			if (n < 2) throw new IllegalArgumentException(stack.getName() + ": " + String.format(SliceClustering.TOO_FEW_SLICES, n));
			final boolean[] inside = model.mask();
			final int w = model.width(), channels = model.channels();
			// pages are read a few at once, each on one thread
			return model.apply(n, (slice, row) -> {
				try (TiledTiff page = pages.page(slice)) {
					requireFits(model, page, slice, stack);
					readRow(page, inside, w, channels, model.rgb(), row, TaskRunner.SEQUENTIAL);
				}
			}, listener);
		}
	}

	/** @return the description of a page as the model's messages give it */
	private static String kind(final TiledTiff page) {
		return page.width() + "x" + page.height() + " pixels" + (page.rgb() ? ", RGB" : page.samples() > 1 ? " with " + page.samples() + " channels" : "") + " (" + page.bitsPerSample() + "-bit)";
	}

	private static void requireFits(final SliceClusteringModel model, final TiledTiff page, final int slice, final File stack) {
		final boolean fits = page.width() == model.width() && page.height() == model.height() && (model.rgb() ? page.rgb() : !page.rgb() && page.samples() == model.channels());
		if (fits) return;
		final String expected = model.width() + "x" + model.height() + " pixels" + (model.rgb() ? ", RGB" : model.channels() > 1 ? " with " + model.channels() + " channels" : "");
		throw new IllegalArgumentException(String.format(PAGE_KIND, slice + 1, stack.getName(), expected, kind(page)));
	}

	/** Reads a page's pixels inside the mask into the row, band by band, raster order, channel fastest. */
	private static void readRow(final TiledTiff page, final boolean[] inside, final int w, final int channels, final boolean rgb, final double[] row, final TaskRunner tasks) throws IOException {
		final int rows = page.maxBandRows();
		final int[] argb = rgb ? new int[w * rows] : null;
		final Object[] values = rgb ? null : new Object[channels];
		if (!rgb) for (int c = 0; c < channels; c++)
			values[c] = page.bitsPerSample() == 8 ? new byte[w * rows] : new short[w * rows];
		int f = 0;
		for (int band = 0; band < page.bands(); band++) {
			final int from = page.bandY(band) * w, n = page.bandRows(band) * w;
			if (rgb) page.readRgb(band, argb, tasks);
			else page.readChannels(band, values, tasks);
			for (int i = 0; i < n; i++) {
				if (!inside[from + i]) continue;
				if (rgb) {
					final int p = argb[i];
					row[f] = p >> 16 & 0xff;
					row[f + 1] = p >> 8 & 0xff;
					row[f + 2] = p & 0xff;
				}
				else for (int c = 0; c < channels; c++)
					row[f + c] = values[c] instanceof byte[] ? ((byte[]) values[c])[i] & 0xff : ((short[]) values[c])[i] & 0xffff;
				f += channels;
			}
		}
	}
}
