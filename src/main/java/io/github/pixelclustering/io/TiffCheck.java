package io.github.pixelclustering.io;

import ij.io.FileInfo;
import ij.io.TiffDecoder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks that a TIFF file holds all the image data its directories declare, before ImageJ opens it: ImageJ
 * reads a truncated TIFF (a copy that stopped, a download cut short) without complaint and fills the
 * missing part with black, which would then be clustered as if it were data.
 * <p>
 * The check reads the image file directories only (ImageJ's {@link TiffDecoder}): for every image, the end
 * of its last strip (offset + byte count), or for an ImageJ stack of uncompressed images the end of its
 * last image, must lie within the file.
 */
public final class TiffCheck {

	/** File, bytes the image data need, bytes the file has. */
	public static final String TRUNCATED = "%s is truncated: its image data end at byte %,d, but the file has %,d bytes (an incomplete copy?).";
	/** File, what the reader said. */
	public static final String UNREADABLE = "%s is not a TIFF ImageJ can read: %s";

	private TiffCheck() {}

	/** @return whether the file name ends in .tif or .tiff (any case) */
	public static boolean isTiffName(final Path file) {
		final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".tif") || name.endsWith(".tiff");
	}

	/**
	 * @param file a TIFF file
	 * @throws IllegalArgumentException naming the file when its data are incomplete or its structure
	 *         cannot be read
	 * @throws IOException when the file cannot be read at all
	 */
	public static void checkComplete(final Path file) throws IOException {
		final long length = Files.size(file);
		final File f = file.toAbsolutePath().toFile();
		final FileInfo[] images;
		try {
			images = new TiffDecoder(f.getParent() + File.separator, f.getName()).getTiffInfo();
		}
		catch (final IOException e) {
			throw new IllegalArgumentException(String.format(Locale.ROOT, UNREADABLE, file.getFileName(), e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' ')), e);
		}
		if (images == null || images.length == 0) throw new IllegalArgumentException(String.format(Locale.ROOT, UNREADABLE, file.getFileName(), "no image directory"));
		final long end = dataEnd(images);
		if (end > length) throw new IllegalArgumentException(String.format(Locale.ROOT, TRUNCATED, file.getFileName(), end, length));
	}

	/** @return the byte just after the last image data the directories declare */
	static long dataEnd(final FileInfo[] images) {
		long end = 0;
		for (final FileInfo fi : images) {
			if (fi.nImages > 1) { // an ImageJ stack: uncompressed images one after another
				final long image = (long) fi.width * fi.height * fi.getBytesPerPixel();
				end = Math.max(end, fi.getOffset() + fi.nImages * image + (fi.nImages - 1) * fi.getGap());
			}
			else if (fi.stripOffsets != null && fi.stripLengths != null) {
				for (int s = 0; s < Math.min(fi.stripOffsets.length, fi.stripLengths.length); s++)
					end = Math.max(end, (fi.stripOffsets[s] & 0xffffffffL) + (fi.stripLengths[s] & 0xffffffffL));
			}
			else end = Math.max(end, fi.getOffset() + (long) fi.width * fi.height * fi.getBytesPerPixel());
		}
		return end;
	}
}
