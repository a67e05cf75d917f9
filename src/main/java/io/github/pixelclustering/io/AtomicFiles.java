package io.github.pixelclustering.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that none is ever half-written under its final name: the content goes to a hidden
 * temporary file next to it ({@code .name.part.ext}, same extension, so writers that choose the format by
 * extension still work), which is moved to the final name once complete. A run that fails or is stopped
 * (Ctrl-C) leaves at most the temporary file, which is deleted when the JVM exits.
 */
public final class AtomicFiles {

	private AtomicFiles() {}

	/** Writes a file's content. */
	@FunctionalInterface
	public interface Writer {

		/**
		 * @param file where to write
		 * @throws IOException when it cannot
		 */
		void write(File file) throws IOException;
	}

	/**
	 * @param target the final file
	 * @return the temporary file the content is written to first
	 */
	public static File temporary(final File target) {
		final String name = target.getName();
		final int dot = name.lastIndexOf('.');
		final String part = dot > 0 ? "." + name.substring(0, dot) + ".part" + name.substring(dot) : "." + name + ".part";
		return new File(target.getAbsoluteFile().getParentFile(), part);
	}

	/**
	 * Writes the target through its temporary file.
	 *
	 * @param target the final file (replaced if it exists)
	 * @param writer writes the content to the file it is given
	 * @throws IOException when writing or moving fails; the target is then untouched
	 */
	public static void write(final File target, final Writer writer) throws IOException {
		final File temporary = temporary(target);
		temporary.deleteOnExit();
		boolean moved = false;
		try {
			writer.write(temporary);
			if (!temporary.isFile()) throw new IOException("nothing was written to " + temporary);
			try {
				Files.move(temporary.toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(temporary.toPath(), target.toPath(), StandardCopyOption.REPLACE_EXISTING);
			}
			moved = true;
		}
		finally {
			if (!moved) Files.deleteIfExists(temporary.toPath());
		}
	}
}
