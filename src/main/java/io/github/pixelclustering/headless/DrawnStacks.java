package io.github.pixelclustering.headless;

import io.github.pixelclustering.core.PixelDraw;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.io.TiffPages;
import io.github.pixelclustering.io.TiledTiff;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ShortProcessor;

import java.io.File;
import java.io.IOException;

/**
 * The drawn pixels of a multi-page TIFF stack too large for the heap, read page by page and band by band:
 * what {@code CombinedFit.drawn} makes of the stack opened whole (the same {@link PixelDraw#smallest}
 * positions, in raster order as one row, one row a page, the raw values), without holding the stack. A
 * sampled fit of Pixel Agglomeration profiles or of spectra on a folder so reads only its samples.
 */
final class DrawnStacks {

	/** A stack too large for the heap in a fit without a sample: the file. */
	static final String STACK_NEEDS_SAMPLE = "%s is too large to open whole in this JVM's memory: give sample=<pixels per image> (its drawn pixels are read page by page), or more memory (-Xmx).";
	/** A stack whose pages the draw cannot read: the file, why. */
	static final String NOT_GREY_PAGES = "%s cannot be drawn page by page: %s.";

	private DrawnStacks() {}

	/** @return whether the file is a TIFF holding a stack of pages (not one image or a pyramid) */
	static boolean isStack(final File file) {
		if (!file.isFile() || TiledRun.isRipple(file)) return false;
		try (TiffPages pages = TiffPages.open(file)) {
			return pages.stack();
		}
		catch (final IOException | IllegalArgumentException e) {
			return false; // ImageJ's opener says what is wrong with it
		}
	}

	/**
	 * @param number the stack's number among the images of the fit (the draw's image number)
	 * @return one row of the drawn pixels a page, with the stack's channels, slices and frames as ImageJ
	 *         reads them from its description
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException when its pages are not grey, one sample of 8 or 16 bits each
	 */
	static ImagePlus drawn(final File file, final long sample, final long seed, final int number) throws IOException {
		try (TiffPages pages = TiffPages.open(file)) {
			final int n = pages.size();
			ImageStack stack = null;
			int[] kept = null;
			int w = 0, h = 0;
			for (int s = 0; s < n; s++)
				try (TiledTiff page = pages.page(s)) {
					if (page.rgb() || page.samples() != 1) throw new IllegalArgumentException(String.format(NOT_GREY_PAGES, file.getPath(), "page " + (s + 1) + " has " + page.samples() + " samples a pixel" + (page.rgb() ? " (RGB)" : "")));
					if (stack == null) {
						w = page.width();
						h = page.height();
						kept = PixelDraw.smallest(PixelDraw.imageSeed(seed, number), w * page.height(), sample);
						stack = new ImageStack(kept.length, 1);
					}
					else if (page.width() != w || page.height() != h) throw new IllegalArgumentException(String.format(NOT_GREY_PAGES, file.getPath(), "page " + (s + 1) + " has another size"));
					stack.addSlice(null, row(page, kept));
				}
			final ImagePlus out = new ImagePlus(file.getName(), stack);
			final int c = pages.imageJ("channels", 1), t = pages.imageJ("frames", 1);
			final int z = pages.imageJ("slices", Math.max(1, n / (c * t)));
			if (c * z * t == n) {
				out.setDimensions(c, z, t);
				if (c > 1 || t > 1 && z > 1) out.setOpenAsHyperStack(true);
			}
			return out;
		}
	}

	/** @return the drawn pixels of one page as one row, read band by band */
	private static ij.process.ImageProcessor row(final TiledTiff page, final int[] kept) throws IOException {
		final int w = page.width();
		final boolean bytes = page.bitsPerSample() == 8;
		final Object[] band = { bytes ? new byte[w * page.maxBandRows()] : new short[w * page.maxBandRows()] };
		final byte[] outBytes = bytes ? new byte[kept.length] : null;
		final short[] outShorts = bytes ? null : new short[kept.length];
		int next = 0;
		for (int b = 0; b < page.bands() && next < kept.length; b++) {
			final int from = page.bandY(b) * w, to = from + page.bandRows(b) * w;
			if (kept[next] >= to) continue;
			page.readChannels(b, band, TaskRunner.SEQUENTIAL);
			for (; next < kept.length && kept[next] < to; next++)
				if (bytes) outBytes[next] = ((byte[]) band[0])[kept[next] - from];
				else outShorts[next] = ((short[]) band[0])[kept[next] - from];
		}
		return bytes ? new ByteProcessor(kept.length, 1, outBytes) : new ShortProcessor(kept.length, 1, outShorts, null);
	}
}
