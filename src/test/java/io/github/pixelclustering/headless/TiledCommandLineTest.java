package io.github.pixelclustering.headless;

import static io.github.pixelclustering.headless.CommandLineTest.assertFails;
import static io.github.pixelclustering.headless.CommandLineTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.testutil.TiledLabels;
import io.github.pixelclustering.testutil.TestData;

import ij.IJ;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's tile-by-tile path ({@code --tiles}, or TIFFs too large for the heap): the same
 * labels, table and model as the whole image in memory.
 */
class TiledCommandLineTest {

	/** china saved by ImageJ as a TIFF, which ImageJ and the tile reader both read. */
	private static Path china(final Path dir) throws IOException {
		final Path file = Files.createDirectories(dir.resolve("images")).resolve("china.tif");
		IJ.saveAsTiff(IJ.openImage(TestData.image("china-213x142.png").toString()), file.toString());
		return file;
	}

	private static JsonObject model(final Path file) throws IOException {
		return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
	}

	@Test
	void tilesGiveTheLabelsTableAndModelOfTheImageInMemory(@TempDir final Path dir) throws IOException {
		final Path image = china(dir);
		final Path memoryModel = dir.resolve("memory.json");
		final CommandLineTest.Outcome run = cli("run", "Colour Quantization", "clusters=5 seed=2 restarts=2 save_model=[" + memoryModel + "]", image.toString(), dir.resolve("run").toString());
		assertEquals(CommandLine.OK, run.code, run.err);
		// the exact fit on the TIFF, band by band: the same centres and mean colours
		final Path tiledModel = dir.resolve("tiled.json");
		final CommandLineTest.Outcome fit = cli("fit", "Colour Quantization", "clusters=5 seed=2 restarts=2 save_model=[" + tiledModel + "]", image.toString());
		assertEquals(CommandLine.OK, fit.code, fit.err);
		assertEquals("tiles", fit.json().get("read").getAsString());
		assertEquals(213 * 142, fit.json().get("pixels").getAsLong());
		for (final String key : new String[] { "centres", "mean_colours" }) {
			assertTrue(findArray(model(memoryModel), key) != null, key);
			assertEquals(findArray(model(memoryModel), key), findArray(model(tiledModel), key), key);
		}
		// apply in memory and tile by tile
		final CommandLineTest.Outcome memory = cli("apply", memoryModel.toString(), image.toString(), dir.resolve("memory").toString());
		assertEquals(CommandLine.OK, memory.code, memory.err);
		final CommandLineTest.Outcome tiles = cli("apply", "--tiles", memoryModel.toString(), image.toString(), dir.resolve("tiles").toString());
		assertEquals(CommandLine.OK, tiles.code, tiles.err);
		final JsonObject json = tiles.json();
		assertEquals("tiles", json.get("read").getAsString());
		assertEquals(213 * 142, json.get("pixels").getAsLong());
		assertEquals(memory.json().get("inertia_per_pixel").getAsDouble(), json.get("inertia_per_pixel").getAsDouble(), 1e-15);
		assertEquals(2, json.getAsJsonArray("outputs").size(), json.toString());
		assertArrayEquals((byte[]) IJ.openImage(dir.resolve("memory/china-labels.tif").toString()).getProcessor().getPixels(), TiledLabels.read(dir.resolve("tiles/china-labels.tif")));
		assertEquals(Files.readString(dir.resolve("memory/china-clusters.csv")), Files.readString(dir.resolve("tiles/china-clusters.csv")));
		MacrosTest.assertNoTemporaryFiles(dir.resolve("tiles"));
		// a folder: every TIFF tile by tile
		Files.copy(image, image.resolveSibling("china-copy.tif"));
		final CommandLineTest.Outcome folder = cli("apply", "--tiles", memoryModel.toString(), image.getParent().toString(), dir.resolve("folder").toString());
		assertEquals(CommandLine.OK, folder.code, folder.err);
		assertEquals(2, folder.out.trim().split("\n").length, folder.out);
		assertArrayEquals(TiledLabels.read(dir.resolve("tiles/china-labels.tif")), TiledLabels.read(dir.resolve("folder/china-copy-labels.tif")));
	}

	@Test
	void badInputSaysWhatIsExpected(@TempDir final Path dir) throws IOException {
		final Path image = china(dir);
		final Path model = dir.resolve("model.json");
		assertEquals(CommandLine.OK, cli("fit", "Colour Quantization", "clusters=3 save_model=[" + model + "]", image.toString()).code);
		final Path grey = dir.resolve("grey.tif");
		IJ.saveAsTiff(IJ.createImage("grey", "8-bit ramp", 16, 16, 1), grey.toString());
		assertFails(CommandLine.USAGE, grey + ": The model expects an RGB image, got an 8-bit image.", cli("apply", "--tiles", model.toString(), grey.toString(), dir.resolve("out").toString()));
		assertFalse(Files.exists(dir.resolve("out")), "nothing is written");
		assertFails(CommandLine.USAGE, String.format(TiledRun.NO_SAMPLE, image), cli("fit", "Colour Quantization", "clusters=3 sample=100 save_model=[" + dir.resolve("s.json") + "]", image.toString()));
		assertFails(CommandLine.USAGE, String.format(TiledRun.NO_SAMPLE, image), cli("fit", "--tiles", "Colour Quantization", "clusters=3 sample=100 save_model=[" + dir.resolve("s.json") + "]", image.getParent().toString()));
		assertFalse(Files.exists(dir.resolve("s.json")));
		// a grey TIFF fits its channel, tile by tile, and that model labels it
		final CommandLineTest.Outcome greyFit = cli("fit", "Colour Quantization", "clusters=3 save_model=[" + dir.resolve("g.json") + "]", grey.toString());
		assertEquals(CommandLine.OK, greyFit.code, greyFit.err);
		final CommandLineTest.Outcome greyApply = cli("apply", "--tiles", dir.resolve("g.json").toString(), grey.toString(), dir.resolve("grey").toString());
		assertEquals(CommandLine.OK, greyApply.code, greyApply.err);
		assertEquals(256, greyApply.json().get("pixels").getAsLong());
		assertFails(CommandLine.FAILED, "Colour Quantization: " + grey + ": " + ColourQuantization.CIELAB_NEEDS_RGB, cli("fit", "Colour Quantization", "clusters=3 space=CIELAB save_model=[" + dir.resolve("c.json") + "]", grey.toString()));
	}

	/** The array stored under a key anywhere in the model document. */
	@Test
	void aDamagedTileFailsTheImageWithTheReadersMessageAndLeavesNoLabels(@TempDir final Path dir) throws IOException {
		final Path image = Files.createDirectories(dir.resolve("in")).resolve("slide.tif");
		final int w = 600, h = 700;
		final byte[] rgb = new byte[w * h * 3];
		final java.util.Random random = new java.util.Random(5);
		random.nextBytes(rgb);
		try (io.github.pixelclustering.io.TiledTiffWriter writer = new io.github.pixelclustering.io.TiledTiffWriter(image.toFile(), w, h, 3, 8, 128, 1)) {
			writer.writeRows(rgb, 0, h, io.github.pixelclustering.core.TaskRunner.SEQUENTIAL);
			writer.finish();
		}
		final Path model = dir.resolve("model.json");
		assertEquals(CommandLine.OK, cli("fit", "--tiles", "Colour Quantization", "clusters=3 save_model=[" + model + "]", image.toString()).code);
		// the zlib header of a tile in the lower half: BigTIFF, tag 324 (tile offsets) in the first directory
		try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
			final java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) f.length()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
			f.getChannel().read(b, 0);
			final long ifd = b.getLong(8);
			for (int e = 0; e < b.getLong((int) ifd); e++) {
				final int at = (int) ifd + 8 + 20 * e;
				if (b.getShort(at) != 324) continue;
				f.seek(b.getLong((int) (b.getLong(at + 12) + 8 * (b.getLong(at + 4) * 3 / 4))));
				f.write(new byte[4]);
			}
		}
		final Path out = dir.resolve("out");
		final CommandLineTest.Outcome apply = cli("apply", "--tiles", model.toString(), image.toString(), out.toString());
		assertEquals(CommandLine.FAILED, apply.code, apply.err);
		// the reader's own message, not a copy of it made by the fork-join pool ("java.lang.IllegalArgumentException: ...")
		assertTrue(apply.err.contains(image + ": slide.tif has a tile or strip whose Deflate data are damaged"), apply.err);
		assertFalse(apply.err.contains("java.lang."), apply.err);
		assertFalse(Files.exists(out.resolve("slide-labels.tif")));
	}

	private static com.google.gson.JsonElement findArray(final JsonObject object, final String key) {
		for (final String k : object.keySet()) {
			final com.google.gson.JsonElement v = object.get(k);
			if (k.equals(key)) return v;
			if (v.isJsonObject()) {
				final com.google.gson.JsonElement found = findArray(v.getAsJsonObject(), key);
				if (found != null) return found;
			}
		}
		return null;
	}
}
