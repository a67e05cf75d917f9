package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.TestData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch macros' shared helpers (their use from real macros is in {@link MacrosTest}). */
class BatchMacrosTest {

	@Test
	void aKeyMatchesOnlyAsAWholeWord() {
		final String argument = "input=[/my data/in] max_clusters=6 clusters=3 output=out";
		assertEquals("3", BatchMacros.value(argument, "clusters", "4"));
		assertEquals("6", BatchMacros.value(argument, "max_clusters", "10"));
		assertEquals("/my data/in", BatchMacros.value(argument, "input", ""));
		assertEquals("out", BatchMacros.value(argument, "output", ""));
		assertEquals("4", BatchMacros.value("max_clusters=6", "clusters", "4"), "clusters= inside max_clusters= is not clusters=");
		assertEquals("gap", BatchMacros.value("", "metric", "gap"));
		// ImageJ's own reader, which the old macros copied, takes the first match after any non-letter
		assertEquals("6", ij.Macro.getValue(argument, "clusters", "4"));
	}

	@Test
	void checkingAGoodArgumentSaysNothing() {
		assertEquals("", BatchMacros.check("input=[a b] output=c clusters=3", "x.ijm", "input! output! clusters"));
	}

	@Test
	void onlyImagesImageJOpensAreUsable(@TempDir final Path dir) throws IOException {
		assertEquals("", BatchMacros.unusable(TestData.image("four-colours.png").toString()));
		assertEquals("", BatchMacros.unusable(TestData.image("eds-30x30.tif").toString()));
		final Path text = dir.resolve("fake.png");
		Files.writeString(text, "text");
		assertEquals(BatchMacros.NOT_AN_IMAGE, BatchMacros.unusable(text.toString()));
		final byte[] tiff = Files.readAllBytes(TestData.image("eds-30x30.tif"));
		final Path cut = dir.resolve("cut.tif");
		Files.write(cut, java.util.Arrays.copyOf(tiff, 1000));
		final String reason = BatchMacros.unusable(cut.toString());
		assertTrue(reason.startsWith("truncated: its image data end at byte "), reason);
		assertTrue(!reason.endsWith("."), "the macro ends the sentence: " + reason);
		assertEquals("file not found", BatchMacros.unusable(dir.resolve("none.png").toString()));
		assertEquals("1", BatchMacros.isImageName("A.TIF"));
		assertEquals("0", BatchMacros.isImageName("notes.txt"));
	}

	@Test
	void foldersAreMadeWithTheirParents(@TempDir final Path dir) {
		final Path nested = dir.resolve("a/b/c");
		assertEquals("", BatchMacros.makeFolder(nested.toString()));
		assertTrue(Files.isDirectory(nested));
		assertEquals(nested + java.io.File.separator, BatchMacros.folder(nested.toString()));
		assertEquals("x/", BatchMacros.folder("x/"));
	}
}
