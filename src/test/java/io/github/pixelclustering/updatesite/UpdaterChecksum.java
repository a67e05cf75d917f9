package io.github.pixelclustering.updatesite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Computes the checksum the ImageJ Updater records for a file of an update site.
 * <p>
 * For a {@code .jar} (recognised by its path on the site, as the Updater does) the checksum is a SHA-1 over
 * all zip entries sorted by name ({@link String#compareTo}); each entry contributes its name as ASCII bytes
 * followed by its uncompressed content, where
 * </p>
 * <ul>
 * <li>the content of {@code META-INF/MANIFEST.MF} is left out (only its name counts);</li>
 * <li>in entries whose name ends with {@code .properties}, comment lines (starting with {@code #}) are
 * emptied, their newline kept, so that the build date Maven writes into {@code pom.properties} does not
 * change the checksum (see {@link #skipHashedLines(byte[])} for the exact rule);</li>
 * <li><b>directory entries count like any other entry</b>: their name, and no content (they have none).
 * Leaving them out does not reproduce any of the real vectors (JLargeArrays 1.5, SIMcheck 1.3, ij 1.54p,
 * scijava-common 2.99.0); including them reproduces all four.</li>
 * </ul>
 * <p>
 * Any other file: SHA-1 of the ASCII bytes of its path on the site (e.g. {@code jars/x.txt}) followed by
 * the file's bytes. Checksums are 40 lower-case hexadecimal digits.
 * </p>
 */
public final class UpdaterChecksum {

	/** The one zip entry whose content the Updater ignores. */
	static final String MANIFEST = "META-INF/MANIFEST.MF";

	private UpdaterChecksum() {}

	/**
	 * Computes the Updater's checksum of a file that is (or will be) stored on an update site.
	 *
	 * @param sitePath the file's path on the update site, e.g. {@code jars/ij.jar}; a path ending in
	 *          {@code .jar} selects the jar checksum
	 * @param file the local file
	 * @return 40 lower-case hexadecimal digits
	 * @throws IOException if the file cannot be read, or is named {@code .jar} but is not a zip file
	 */
	public static String checksum(final String sitePath, final Path file) throws IOException {
		return sitePath.endsWith(".jar") ? jarChecksum(file) : plainChecksum(sitePath, file);
	}

	/**
	 * Computes the Updater's checksum of a jar: SHA-1 over its sorted entries (see the class comment).
	 *
	 * @param jar the jar file
	 * @return 40 lower-case hexadecimal digits
	 * @throws IOException if the file cannot be read or is not a zip file
	 */
	public static String jarChecksum(final Path jar) throws IOException {
		final MessageDigest digest = sha1();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			final List<ZipEntry> entries = new ArrayList<>(Collections.list(zip.entries()));
			entries.sort(Comparator.comparing(ZipEntry::getName));
			for (final ZipEntry entry : entries) {
				final String name = entry.getName();
				// unmappable characters become '?', exactly as String.getBytes("ASCII") in the Updater
				digest.update(name.getBytes(StandardCharsets.US_ASCII));
				if (name.equals(MANIFEST)) continue;
				final byte[] content;
				try (InputStream in = zip.getInputStream(entry)) {
					content = in.readAllBytes();
				}
				digest.update(name.endsWith(".properties") ? skipHashedLines(content) : content);
			}
		}
		catch (final ZipException e) {
			throw new IOException(jar + " is not a jar (zip) file: " + e.getMessage(), e);
		}
		return hex(digest.digest());
	}

	/**
	 * Computes the Updater's checksum of a file that is not a jar: SHA-1 of its site path (ASCII) followed
	 * by its bytes.
	 *
	 * @param sitePath the file's path on the update site, e.g. {@code macros/x.ijm}
	 * @param file the local file
	 * @return 40 lower-case hexadecimal digits
	 * @throws IOException if the file cannot be read
	 */
	public static String plainChecksum(final String sitePath, final Path file) throws IOException {
		final MessageDigest digest = sha1();
		digest.update(sitePath.getBytes(StandardCharsets.US_ASCII));
		final byte[] buffer = new byte[1 << 16];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer))
				digest.update(buffer, 0, n);
		}
		return hex(digest.digest());
	}

	/**
	 * Removes the comments from the content of a {@code .properties} entry the way the Updater does before
	 * hashing it.
	 * <p>
	 * A line that starts with {@code #} is emptied; its newline ({@code \n}) is kept, and a comment on the
	 * last line without a newline disappears. "Starts" follows the Updater's own state machine, which
	 * differs from a plain per-line rule in two corner cases that ordinary {@code pom.properties} files
	 * never hit: after an empty line, and after a comment line made only of {@code #} characters, the next
	 * line is not treated as a line start (so a comment there is kept). Reproducing this keeps our checksums
	 * equal to Fiji's for every input.
	 * </p>
	 *
	 * @param content the entry's bytes
	 * @return the bytes the Updater hashes
	 */
	static byte[] skipHashedLines(final byte[] content) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
		final int n = content.length;
		boolean atLineStart = true;
		int i = 0;
		while (i < n) {
			final byte ch = content[i++];
			if (!atLineStart) {
				if (ch == '\n') atLineStart = true;
				out.write(ch);
				continue;
			}
			if (ch != '#') {
				// any other byte (a '\n' of an empty line included) ends the line start
				atLineStart = false;
				out.write(ch);
				continue;
			}
			// a comment: skip the run of '#', then decide by the first other byte
			while (i < n && content[i] == '#')
				i++;
			if (i == n) break;
			if (content[i] == '\n') {
				// "#\n": the newline is kept, but the Updater no longer sees a line start
				i++;
				out.write('\n');
				atLineStart = false;
				continue;
			}
			while (i < n && content[i] != '\n')
				i++;
			if (i == n) break;
			i++;
			out.write('\n');
			atLineStart = true;
		}
		return out.toByteArray();
	}

	/**
	 * Formats bytes as lower-case hexadecimal digits.
	 *
	 * @param bytes the bytes
	 * @return two digits per byte
	 */
	static String hex(final byte[] bytes) {
		final StringBuilder hex = new StringBuilder(2 * bytes.length);
		for (final byte b : bytes)
			hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
		return hex.toString();
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("this JVM has no SHA-1, which every Java platform must provide", e);
		}
	}
}
