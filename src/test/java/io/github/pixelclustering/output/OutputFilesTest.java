package io.github.pixelclustering.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear under their final name only when complete. */
class OutputFilesTest {

	@Test
	void theContentGoesToAHiddenTemporaryFileFirst(@TempDir final Path dir) throws IOException {
		final File target = dir.resolve("photo-labels.tif").toFile();
		assertEquals(dir.resolve(".photo-labels.part.tif").toFile().getAbsolutePath(), OutputFiles.temporary(target).getPath());
		assertEquals(".README.part", OutputFiles.temporary(new File("README")).getName());
		OutputFiles.write(target, part -> {
			assertEquals(false, target.exists(), "nothing under the final name while writing");
			Files.writeString(part.toPath(), "new");
		});
		assertEquals("new", Files.readString(target.toPath()));
		assertEquals(1, dir.toFile().list().length);
	}

	@Test
	void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir final Path dir) throws IOException {
		final File target = dir.resolve("table.csv").toFile();
		Files.writeString(target.toPath(), "old");
		assertThrows(IOException.class, () -> OutputFiles.write(target, part -> {
			Files.writeString(part.toPath(), "half");
			throw new IOException("disk full");
		}));
		assertEquals("old", Files.readString(target.toPath()));
		assertEquals(1, dir.toFile().list().length, "the temporary file is gone");
		assertThrows(IOException.class, () -> OutputFiles.write(target, part -> {}), "a writer that writes nothing fails");
	}
}
