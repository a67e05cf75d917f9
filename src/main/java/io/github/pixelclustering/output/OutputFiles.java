package io.github.pixelclustering.output;

import io.github.pixelclustering.io.AtomicFiles;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.ResultsTable;

import java.io.File;
import java.io.IOException;

/**
 * Writes output images (TIFF, PNG) and tables (CSV) so that none is ever half-written under its final
 * name: each goes through {@link AtomicFiles}' temporary file, moved into place once complete.
 */
public final class OutputFiles {

	private OutputFiles() {}

	/** Writes a file's content. */
	@FunctionalInterface
	public interface Writer extends AtomicFiles.Writer {}

	/**
	 * @param target the final file
	 * @return the temporary file the content is written to first
	 */
	public static File temporary(final File target) {
		return AtomicFiles.temporary(target);
	}

	/**
	 * Writes the target through its temporary file ({@link AtomicFiles#write}).
	 *
	 * @param target the final file (replaced if it exists)
	 * @param writer writes the content to the file it is given
	 * @throws IOException when writing or moving fails; the target is then untouched
	 */
	public static void write(final File target, final Writer writer) throws IOException {
		AtomicFiles.write(target, writer);
	}

	/**
	 * Saves an image as TIFF (a stack as a TIFF stack) through its temporary file.
	 *
	 * @param image the image
	 * @param target the final file
	 * @throws IOException when ImageJ cannot write it
	 */
	public static void writeTiff(final ImagePlus image, final File target) throws IOException {
		write(target, part -> {
			if (!new FileSaver(image).saveAsTiff(part.getPath())) throw new IOException("ImageJ could not write " + target);
		});
	}

	/**
	 * Saves an image as PNG through its temporary file.
	 *
	 * @param image the image
	 * @param target the final file
	 * @throws IOException when ImageJ cannot write it
	 */
	public static void writePng(final ImagePlus image, final File target) throws IOException {
		write(target, part -> {
			if (!new FileSaver(image).saveAsPng(part.getPath())) throw new IOException("ImageJ could not write " + target);
		});
	}

	/**
	 * Saves a table as CSV (comma-separated, as its {@code .csv} ending tells ImageJ) through its temporary
	 * file.
	 *
	 * @param table the table
	 * @param target the final file, ending in .csv
	 * @throws IOException when it cannot be written
	 */
	public static void writeCsv(final ResultsTable table, final File target) throws IOException {
		write(target, part -> table.saveAs(part.getPath()));
	}
}
