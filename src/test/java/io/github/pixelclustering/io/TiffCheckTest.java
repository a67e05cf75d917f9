package io.github.pixelclustering.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.EdsData;
import io.github.pixelclustering.testutil.TestData;

import ij.IJ;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TIFF whose image data stop early is refused with its name; a complete one passes. */
class TiffCheckTest {

	/** The file cut to a fraction of its bytes. */
	private static Path cut(final Path file, final Path dir, final long keep) throws IOException {
		final byte[] bytes = Files.readAllBytes(file);
		final Path out = dir.resolve("cut-" + file.getFileName());
		Files.write(out, Arrays.copyOf(bytes, (int) keep));
		return out;
	}

	private static void assertTruncated(final Path file) {
		final String message = assertThrows(IllegalArgumentException.class, () -> TiffCheck.checkComplete(file)).getMessage();
		assertTrue(message.startsWith(file.getFileName() + " is truncated: its image data end at byte "), message);
	}

	@Test
	void everyKindOfTiffIsCheckedToItsLastByte(@TempDir final Path dir) throws IOException {
		// an RGB image written by ImageJ (one strip), an uncompressed ImageJ stack (one directory for all
		// slices), and a compressed stack of many directories (the real EDS map)
		final Path rgb = dir.resolve("rgb.tif");
		IJ.saveAsTiff(IJ.openImage(TestData.image("china-213x142.png").toString()), rgb.toString());
		final Path stack = dir.resolve("stack.tif");
		IJ.saveAsTiff(IJ.createImage("stack", "16-bit ramp", 40, 30, 7), stack.toString());
		final Path eds = TestData.image(EdsData.FILE);
		for (final Path file : new Path[] { rgb, stack, eds }) {
			TiffCheck.checkComplete(file);
			final long size = Files.size(file);
			assertTruncated(cut(file, dir, size / 3));
			if (file != eds) assertTruncated(cut(file, dir, size - 1 - trailer(file)));
		}
	}

	/** Bytes an ImageJ TIFF holds after its image data (metadata written after the pixels). */
	private static long trailer(final Path file) throws IOException {
		final ij.io.FileInfo fi = new ij.io.TiffDecoder(file.getParent() + "/", file.getFileName().toString()).getTiffInfo()[0];
		final long data = (long) fi.width * fi.height * fi.getBytesPerPixel() * fi.nImages;
		return Files.size(file) - (fi.getOffset() + data);
	}

	@Test
	void notATiffSaysSo(@TempDir final Path dir) throws IOException {
		final Path text = dir.resolve("text.tif");
		Files.writeString(text, "this is not a TIFF file at all");
		final String message = assertThrows(IllegalArgumentException.class, () -> TiffCheck.checkComplete(text)).getMessage();
		assertTrue(message.startsWith("text.tif is not a TIFF ImageJ can read: "), message);
		assertEquals(true, TiffCheck.isTiffName(Path.of("a/B.TIFF")));
		assertEquals(false, TiffCheck.isTiffName(Path.of("a/b.png")));
	}
}
