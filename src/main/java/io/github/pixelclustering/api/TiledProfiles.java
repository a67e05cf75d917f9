package io.github.pixelclustering.api;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.io.AtomicFiles;
import io.github.pixelclustering.io.TiffPages;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.io.TiledTiffWriter;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pixel Agglomeration models on multi-page TIFF stacks larger than memory: one page a sample, the stack
 * read a block of rows at a time across all its pages (the pixels' profiles of those rows, at most
 * {@value #BLOCK_BYTES} bytes of them). A profile model (k-means, mini-batch, hkmeans centres) gives each
 * profile its label as in memory ({@code ProfileCentres.label}); a parcellation (ward, connected=true)
 * gives each pixel its parcel (nilearn's {@code transform} of a new subject: the parcels' mean profiles).
 * The labels are written as a tiled BigTIFF and the clusters' sizes, centroids and mean profiles summed. Memory: one block of profiles, whatever the stack.
 * <p>
 * The labels are those of the stack in memory, pixel for pixel. For 8- and 16-bit pages the sums are
 * exact (whole numbers far below 2^53), so the clusters table and the reduced image are those of the
 * stack in memory too. Threading: ImgLib2's {@code Parallelization} of the calling thread; the output
 * does not depend on it.
 */
public final class TiledProfiles {

	/** The most bytes of profiles held at once (the rows of a block: at least one). */
	static final long BLOCK_BYTES = 64L << 20;
	/** A model that cannot label a stack page by page: the command, why. */
	public static final String NOT_PAGES = "a %s model labels a stack page by page only on a 2D grid whose samples are slices, frames or channels, not a %s";

	/** A model of channels on a stack whose pages are not the channels of one 2D image. */
	public static final String NOT_CHANNEL_PAGES = "a %s model of channels labels a stack page by page only when its pages are the channels of one 2D image (ImageJ's channels = pages, one slice, one frame); %s has %d pages, channels=%d slices=%d frames=%d";

	private TiledProfiles() {}

	/** What applying a profile model to a stack gives: sizes, centroids and mean profiles of its clusters. */
	public static final class Result {

		private final int k, d, pixels, blocks;
		private final long[] sizes;
		/** k x 2 sums of x + 0.5, y + 0.5. */
		private final double[] centroidSums;
		/** d x k sums of each sample. */
		private final double[] sums;

		Result(final int k, final int d, final int pixels, final int blocks, final long[] sizes, final double[] centroidSums, final double[] sums) {
			this.k = k;
			this.d = d;
			this.pixels = pixels;
			this.blocks = blocks;
			this.sizes = sizes;
			this.centroidSums = centroidSums;
			this.sums = sums;
		}

		/** @return the model's clusters */
		public int clusters() {
			return k;
		}

		/** @return samples per pixel (pages) */
		public int samples() {
			return d;
		}

		/** @return pixels labelled */
		public int pixels() {
			return pixels;
		}

		/** @return blocks of rows read */
		public int blocks() {
			return blocks;
		}

		/** @return pixels of cluster 1..k */
		public long size(final int label) {
			return sizes[label - 1];
		}

		/** @return the centroid of cluster 1..k, axis 0 (x) or 1 (y), pixel centres; NaN when empty */
		public double centroid(final int label, final int axis) {
			return centroidSums[(label - 1) * 2 + axis] / sizes[label - 1];
		}

		/** @return the mean of cluster 1..k in a sample; NaN when empty */
		public double mean(final int label, final int sample) {
			return sizes[label - 1] > 0 ? sums[sample * k + label - 1] / sizes[label - 1] : Double.NaN;
		}
	}

	/**
	 * @param model a model on a 2D grid whose samples are slices, frames or channels (a parcellation: the
	 *        stack on its grid)
	 * @param stack a multi-page TIFF or BigTIFF of grey 8/16-bit pages, one page a sample (for a model of
	 *        channels, the pages are the channels of one image, as ImageJ's description says)
	 * @param labels where the label image goes (tiled Deflate BigTIFF, 8-bit up to 255 clusters, else
	 *        16-bit), through a temporary file moved into place at the end
	 * @param listener progress (a step a block) and cancellation
	 * @return the clusters' sizes, centroids and mean profiles
	 * @throws IOException when a file cannot be read or written
	 * @throws IllegalArgumentException naming the file when the model or a page does not fit
	 */
	public static Result apply(final PixelAgglomerationModel model, final File stack, final File labels, final ProgressListener listener) throws IOException {
		return apply(model, stack, labels, BLOCK_BYTES, listener);
	}

	/** {@link #apply(PixelAgglomerationModel, File, File, ProgressListener)} with blocks of at most {@code blockBytes} of profiles. */
	static Result apply(final PixelAgglomerationModel model, final File stack, final File labels, final long blockBytes, final ProgressListener listener) throws IOException {
		if (model.is3D()) throw new IllegalArgumentException(String.format(NOT_PAGES, model.command(), "3D model"));
		try (TiffPages pages = TiffPages.open(stack)) {
			final int d = pages.size();
			// a model of channels: the pages must be the channels of one 2D image, as ImageJ writes them
			final int c = pages.imageJ("channels", 1), z = pages.imageJ("slices", 1), t = pages.imageJ("frames", 1);
			if (model.sampleAxis().equals("channels") && (c != d || z != 1 || t != 1)) throw new IllegalArgumentException(String.format(NOT_CHANNEL_PAGES, model.command(), stack.getName(), d, c, z, t));
			final TiledTiff[] page = new TiledTiff[d];
			for (int s = 0; s < d; s++) {
				page[s] = pages.page(s);
				final TiledTiff p = page[s];
				if (p.width() != page[0].width() || p.height() != page[0].height() || p.rgb() || p.samples() != 1 || p.bitsPerSample() != page[0].bitsPerSample()) throw new IllegalArgumentException(String.format(TiledSlices.PAGE_KIND, s + 1, stack.getName(), page[0].width() + "x" + page[0].height() + " pixels, one grey sample of " + page[0].bitsPerSample() + " bits a page", p.width() + "x" + p.height() + " pixels" + (p.rgb() ? ", RGB" : ", " + p.samples() + " samples of " + p.bitsPerSample() + " bits")));
			}
			final int w = page[0].width(), h = page[0].height();
			model.requireFitsGrid(new int[] { w, h }, d);
			final int k = model.clusters();
			final int bits = k <= 255 ? 8 : 16;
			final Result[] result = new Result[1];
			AtomicFiles.write(labels, part -> {
				try (TiledTiffWriter writer = new TiledTiffWriter(part, w, h, 1, bits, TiledTiffWriter.TILE, TiledColour.LEVEL)) {
					result[0] = label(model, page, w, h, blockBytes, writer, listener);
					writer.finish();
				}
			});
			return result[0];
		}
	}

	private static Result label(final PixelAgglomerationModel model, final TiledTiff[] page, final int w, final int h, final long blockBytes, final TiledTiffWriter writer, final ProgressListener listener) throws IOException {
		final int d = page.length, k = model.clusters();
		final boolean[] mask = model.trainingMask();
		final int[] parcels = model.parcellationGrid();
		final TaskRunner tasks = ParallelTasks.current();
		final int blockRows = (int) Math.max(1, Math.min(h, blockBytes / ((long) w * d * 8)));
		final int blocks = (h + blockRows - 1) / blockRows;
		final double[] x = new double[Math.multiplyExact(Math.multiplyExact(blockRows, w), d)];
		final boolean bytes = page[0].bitsPerSample() == 8;
		final Object[][] values = new Object[d][1];
		for (int s = 0; s < d; s++)
			values[s][0] = bytes ? new byte[blockRows * w] : new short[blockRows * w];
		final int[] label = new int[blockRows * w];
		final Object out = k <= 255 ? new byte[blockRows * w] : new short[blockRows * w];
		final long[] sizes = new long[k];
		final double[] centroidSums = new double[2 * k];
		final double[] sums = new double[d * k];
		int labelled = 0;
		for (int b = 0; b < blocks; b++) {
			listener.checkCanceled();
			listener.progress((double) b / blocks, "Labelling rows " + (b * blockRows + 1) + "-" + Math.min(h, (b + 1) * blockRows) + " of " + h);
			final int y0 = b * blockRows, rows = Math.min(blockRows, h - y0), n = rows * w;
			// each page's rows: one task a page
			final List<Runnable> reads = new ArrayList<>();
			final IOException[] failure = new IOException[1];
			for (int s = 0; s < d; s++) {
				final int sample = s;
				reads.add(() -> {
					try {
						page[sample].readRows(y0, rows, values[sample], TaskRunner.SEQUENTIAL);
					}
					catch (final IOException e) {
						synchronized (failure) {
							if (failure[0] == null) failure[0] = e;
						}
					}
					final Object v = values[sample][0];
					for (int i = 0; i < n; i++)
						x[i * d + sample] = bytes ? ((byte[]) v)[i] & 0xff : ((short[]) v)[i] & 0xffff;
				});
			}
			tasks.runAll(reads);
			if (failure[0] != null) throw failure[0];
			final int offset = y0 * w;
			Chunks.of(n).forEach(tasks, (chunk, from, to) -> {
				for (int i = from; i < to; i++)
					label[i] = parcels != null ? parcels[offset + i] - 1 : mask != null && !mask[offset + i] ? -1 : model.profileLabel(x, i);
			});
			for (int i = 0; i < n; i++) {
				final int l = label[i];
				if (out instanceof byte[]) ((byte[]) out)[i] = (byte) (l + 1);
				else ((short[]) out)[i] = (short) (l + 1);
				if (l < 0) continue;
				labelled++;
				sizes[l]++;
				centroidSums[2 * l] += i % w + 0.5;
				centroidSums[2 * l + 1] += y0 + i / w + 0.5;
				for (int s = 0; s < d; s++)
					sums[s * k + l] += x[i * d + s];
			}
			writer.writeRows(out, 0, rows, tasks);
		}
		listener.progress(1, "Labelled " + h + " rows");
		return new Result(k, d, labelled, blocks, sizes, centroidSums, sums);
	}
}
