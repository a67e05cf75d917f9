package io.github.pixelclustering.io;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The images (pages) of a multi-page TIFF or BigTIFF file, each read as {@link TiledTiff} reads the first:
 * band by band, one page at a time, never the whole stack. Opening walks the chain of image file
 * directories (a few bytes read for each), so a stack of many pages opens fast and holds one offset a page.
 * <p>
 * A file ImageJ wrote with one directory for all its images (it does so for stacks over 4 GB: its
 * description says {@code images=N} and the pixels follow each other, uncompressed) is read the way
 * ImageJ reads it: page i lies i images after the first.
 * <p>
 * Thread-safe as {@link TiledTiff}: pages read with positional reads on one channel.
 */
public final class TiffPages implements Closeable {

	/** The most pages a file may have. */
	static final int MAX_PAGES = 10_000_000;

	private final FileChannel channel;
	private final String name;
	private final TiffLayout.Head head;
	/** Where each page's directory is; null for an ImageJ file with one directory. */
	private final long[] directories;
	/** The first page's layout. */
	private final TiffLayout first;
	private final int pages;

	private TiffPages(final FileChannel channel, final String name) throws IOException {
		this.channel = channel;
		this.name = name;
		head = TiffLayout.Head.read(channel, name);
		first = TiffLayout.read(channel, name, head, head.first);
		long[] found = new long[16];
		int n = 0;
		final Set<Long> seen = new HashSet<>();
		for (long ifd = head.first; ifd != 0; ifd = head.next(channel, name, ifd)) {
			if (!seen.add(ifd)) throw new IllegalArgumentException(name + " has a broken chain of image file directories: the one at byte " + ifd + " comes twice.");
			if (n == MAX_PAGES) throw new IllegalArgumentException(name + " has more than " + MAX_PAGES + " images.");
			if (n == found.length) found = Arrays.copyOf(found, 2 * n);
			found[n++] = ifd;
		}
		final int imagej = first.imageJImages();
		if (n == 1 && imagej > 1 && first.contiguous()) {
			final long end = first.contiguous(imagej - 1).offsets[0] + (long) first.width * first.height * first.samples * (first.bits / 8);
			if (end > channel.size()) throw new IllegalArgumentException(name + " is truncated: its description says " + imagej + " images, which end at byte " + end + ", but the file has " + channel.size() + " bytes.");
			directories = null;
			pages = imagej;
		}
		else {
			directories = Arrays.copyOf(found, n);
			pages = n;
		}
	}

	/**
	 * @param file a TIFF or BigTIFF file
	 * @return its pages; close it
	 * @throws IOException when the file cannot be read
	 * @throws IllegalArgumentException naming the file when it is not a TIFF, its chain of directories is
	 *         broken, or its first page holds what the tile reader does not decode
	 */
	public static TiffPages open(final File file) throws IOException {
		final FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.READ);
		try {
			return new TiffPages(channel, file.getName());
		}
		catch (final IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	/**
	 * @param key a key of ImageJ's description of the file ({@code channels}, {@code slices},
	 *        {@code frames})
	 * @param otherwise what a file not written by ImageJ, or silent on the key, gives
	 * @return its value
	 */
	public int imageJ(final String key, final int otherwise) {
		return first.imageJ(key, otherwise);
	}

	/** @return the number of pages */
	public int size() {
		return pages;
	}

	/**
	 * @param page 0 to {@link #size()} - 1
	 * @return the page, read with this file's channel (closing it does nothing: close this)
	 * @throws IOException when its directory cannot be read
	 * @throws IllegalArgumentException when it holds what the tile reader does not decode
	 */
	public TiledTiff page(final int page) throws IOException {
		if (page < 0 || page >= pages) throw new IllegalArgumentException("page " + (page + 1) + " of " + name + " does not exist: it has " + pages);
		final TiffLayout layout = directories == null ? first.contiguous(page) : page == 0 ? first : TiffLayout.read(channel, name, head, directories[page]);
		return new TiledTiff(channel, layout, false);
	}

	/**
	 * @return whether the pages are a stack (the second the size of the first), not one image with its
	 *         reduced-resolution copies or thumbnails after it (as whole-slide scanners write)
	 * @throws IOException when the second page's directory cannot be read
	 */
	public boolean stack() throws IOException {
		if (pages < 2) return false;
		try (TiledTiff second = page(1)) {
			return second.width() == first.width && second.height() == first.height;
		}
	}

	@Override
	public void close() throws IOException {
		channel.close();
	}
}
