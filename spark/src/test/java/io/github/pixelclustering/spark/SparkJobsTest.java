package io.github.pixelclustering.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.headless.CommandLine;
import io.github.pixelclustering.io.TiledTiffWriter;
import io.github.pixelclustering.testutil.SyntheticSpectra;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark jobs in {@code local[2]} against the command line on the same inputs: the same model bytes,
 * the same label and table bytes; a damaged tile fails its image by name and leaves no output of it.
 */
class SparkJobsTest {

	private static JavaSparkContext spark;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		// two attempts per task: a damaged tile fails twice, then the job reports it
		spark = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("SparkJobsTest").set("spark.ui.enabled", "false"));
	}

	@AfterAll
	static void stop() {
		spark.stop();
	}

	@Test
	void fitOnOneTiffGivesTheCommandLinesModel() throws IOException {
		final File image = slide(dir.resolve("slide.tif"), 1100, 1300, 256, 1);
		final Run cli = cli("fit", "--tiles", "Colour Quantization", "clusters=6 seed=3 save_model=[" + dir.resolve("cli.json") + "]", image.getPath());
		final Run ours = spark("fit", "Colour Quantization", "clusters=6 seed=3 save_model=[" + dir.resolve("spark.json") + "]", image.getPath());
		assertEquals(0, cli.code, cli.err);
		assertEquals(0, ours.code, ours.err);
		assertTrue(ours.out.contains("\"read\":\"spark\""), ours.out);
		assertEquals(Files.readString(dir.resolve("cli.json")), Files.readString(dir.resolve("spark.json")));
	}

	@Test
	void fitOnAFolderGivesTheCommandLinesModel() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("in"));
		slide(folder.resolve("a.tif"), 700, 600, 256, 2);
		slide(folder.resolve("b.tif"), 300, 900, 128, 3);
		grey(folder.resolve("c-grey.tif"), 200, 100);
		Files.copy(Path.of("test-images", "china-213x142.png"), folder.resolve("d-china.png"));
		Files.copy(Path.of("test-images", "digits-8x8x1797.png"), folder.resolve("e-digits.png"));
		final Run cli = cli("fit", "--tiles", "Colour Quantization", "clusters=5 space=CIELAB seed=1 save_model=[" + dir.resolve("cli.json") + "]", folder.toString());
		final Run ours = spark("fit", "Colour Quantization", "clusters=5 space=CIELAB seed=1 save_model=[" + dir.resolve("spark.json") + "]", folder.toString());
		assertEquals(0, cli.code, cli.err);
		assertEquals(0, ours.code, ours.err);
		assertTrue(ours.err.contains("Left out c-grey.tif"), ours.err);
		assertTrue(ours.err.contains("Left out e-digits.png"), ours.err);
		assertTrue(ours.out.contains("\"images\":3"), ours.out);
		assertEquals(Files.readString(dir.resolve("cli.json")), Files.readString(dir.resolve("spark.json")));
	}

	@Test
	void applyOnOneTiffGivesTheCommandLinesOutputs() throws IOException {
		for (final int clusters : new int[] { 7, 300 }) { // 8-bit and 16-bit labels
			final File image = slide(dir.resolve("slide" + clusters + ".tif"), 1500, 1100, 256, 4);
			final File model = dir.resolve("model" + clusters + ".json").toFile();
			assertEquals(0, cli("fit", "--tiles", "Colour Quantization", "clusters=" + clusters + " method=mini-batch seed=2 save_model=[" + model + "]", image.getPath()).code);
			final Run cli = cli("apply", "--tiles", model.getPath(), image.getPath(), dir.resolve("cli").toString());
			final Run ours = spark("apply", model.getPath(), image.getPath(), dir.resolve("spark").toString());
			assertEquals(0, cli.code, cli.err);
			assertEquals(0, ours.code, ours.err);
			for (final String name : new String[] { "slide" + clusters + "-labels.tif", "slide" + clusters + "-clusters.csv" })
				assertArrayEquals(Files.readAllBytes(dir.resolve("cli").resolve(name)), Files.readAllBytes(dir.resolve("spark").resolve(name)), name);
		}
	}

	@Test
	void applyOnAFolderGivesTheCommandLinesOutputs() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("in"));
		slide(folder.resolve("a.tif"), 700, 600, 256, 5);
		slide(folder.resolve("b.tif"), 520, 530, 512, 6);
		Files.copy(Path.of("test-images", "china-213x142.png"), folder.resolve("china.png"));
		final File model = dir.resolve("model.json").toFile();
		assertEquals(0, cli("fit", "--tiles", "Colour Quantization", "clusters=4 seed=9 save_model=[" + model + "]", folder.toString()).code);
		final Run cli = cli("apply", "--tiles", model.getPath(), folder.toString(), dir.resolve("cli").toString());
		final Run ours = spark("apply", model.getPath(), folder.toString(), dir.resolve("spark").toString());
		assertEquals(0, cli.code, cli.err);
		assertEquals(0, ours.code, ours.err);
		final String[] names = dir.resolve("cli").toFile().list();
		Arrays.sort(names);
		final String[] sparkNames = dir.resolve("spark").toFile().list();
		Arrays.sort(sparkNames);
		assertArrayEquals(names, sparkNames);
		assertTrue(names.length >= 6, Arrays.toString(names));
		for (final String name : names)
			assertArrayEquals(Files.readAllBytes(dir.resolve("cli").resolve(name)), Files.readAllBytes(dir.resolve("spark").resolve(name)), name);
	}

	@Test
	void aDamagedTileFailsItsImageByNameAndLeavesNoOutput() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("in"));
		slide(folder.resolve("good.tif"), 600, 600, 256, 7);
		final File bad = slide(folder.resolve("bad.tif"), 600, 1200, 256, 8);
		final File model = dir.resolve("model.json").toFile();
		assertEquals(0, cli("fit", "--tiles", "Colour Quantization", "clusters=4 seed=9 save_model=[" + model + "]", folder.toString()).code);
		damage(bad);
		// one big TIFF: the part with the damaged tile fails (twice), the job reports the file
		final Path one = dir.resolve("one");
		final Run single = spark("apply", model.getPath(), bad.getPath(), one.toString());
		assertEquals(CommandLine.FAILED, single.code, single.err);
		assertTrue(single.err.contains("Cannot label " + bad.getPath() + ": Cannot read band 4 of 5 of " + bad.getPath() + ": bad.tif has a tile or strip whose Deflate data are damaged"), single.err);
		assertFalse(Files.exists(one), "a failed run leaves no output (nor the folder it made): " + Arrays.toString(one.toFile().list()));
		// a folder: the damaged image is skipped by name, the good one is written
		final Path many = dir.resolve("many");
		final Run folderRun = spark("apply", model.getPath(), folder.toString(), many.toString());
		assertEquals(CommandLine.FAILED, folderRun.code, folderRun.err);
		assertTrue(folderRun.err.contains("Skipped bad.tif: " + bad.getPath() + ": bad.tif has a tile or strip whose Deflate data are damaged"), folderRun.err);
		assertFalse(folderRun.err.contains("java.lang."), folderRun.err);
		assertTrue(Files.isRegularFile(many.resolve("good-labels.tif")));
		assertFalse(Files.exists(many.resolve("bad-labels.tif")));
		for (final String name : many.toFile().list())
			assertTrue(name.startsWith("good-"), name);
		// and the fit names it too
		final Run fit = spark("fit", "Colour Quantization", "clusters=4 save_model=[" + dir.resolve("m2.json") + "]", folder.toString());
		assertEquals(CommandLine.FAILED, fit.code, fit.err);
		assertTrue(fit.err.contains("bad.tif"), fit.err);
		assertFalse(Files.exists(dir.resolve("m2.json")));
	}

	@Test
	void aSampledSpectrumFitOnRippleMapsGivesTheCommandLinesModel() throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("maps"));
		map(folder, "a", 40, 30, 64, 1);
		map(folder, "c", 50, 20, 64, 2);
		final String options = "clusters=4 components=4 poisson=true seed=3 sample=300 save_model=[";
		final Run cli = cli("fit", "--tiles", "Spectrum Image Cluster Analysis", options + dir.resolve("cli.json") + "]", folder.toString());
		final Run ours = spark("fit", "Spectrum Image Cluster Analysis", options + dir.resolve("spark.json") + "]", folder.toString());
		assertEquals(0, cli.code, cli.err);
		assertEquals(0, ours.code, ours.err);
		assertTrue(ours.err.contains("Drawing 300 pixels of each of 2 ripple map(s) on Spark"), ours.err);
		assertFalse(ours.err.contains("drawn again"), ours.err);
		assertEquals(Files.readString(dir.resolve("cli.json")).replace("cli.json", ""), Files.readString(dir.resolve("spark.json")).replace("spark.json", ""));
		// a map left out (another number of channels) numbers the maps after it otherwise: drawn again, same model
		map(folder, "b", 40, 30, 32, 3);
		final Run cli2 = cli("fit", "--tiles", "Spectrum Image Cluster Analysis", options + dir.resolve("cli2.json") + "]", folder.toString());
		final Run ours2 = spark("fit", "Spectrum Image Cluster Analysis", options + dir.resolve("spark2.json") + "]", folder.toString());
		assertEquals(0, cli2.code, cli2.err);
		assertEquals(0, ours2.code, ours2.err);
		assertTrue(ours2.err.contains("Left out b.rpl"), ours2.err);
		assertTrue(ours2.err.contains("1 map(s) drawn again on the driver"), ours2.err);
		assertEquals(Files.readString(dir.resolve("cli2.json")).replace("cli2.json", ""), Files.readString(dir.resolve("spark2.json")).replace("spark2.json", ""));
		// without a sample the maps are not read whole
		assertEquals(CommandLine.USAGE, spark("fit", "Spectrum Image Cluster Analysis", "clusters=4 save_model=[" + dir.resolve("none.json") + "]", folder.toString()).code);
	}

	@Test
	void badArgumentsAreUsageErrors() {
		assertEquals(CommandLine.USAGE, spark("fit", "Colour Quantization", "clusters=4", dir.toString()).code); // no save_model
		assertEquals(CommandLine.USAGE, spark("apply", dir.resolve("none.json").toString(), dir.toString(), dir.toString()).code);
		assertEquals(CommandLine.USAGE, SparkMain.run(new String[] { "predict" }, spark, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
	}

	// -- Helper methods --

	private static final class Run {

		final int code;
		final String out, err;

		Run(final int code, final String out, final String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}
	}

	private static Run cli(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int code = CommandLine.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static Run spark(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
		final int code = SparkMain.run(args, spark, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** A seeded RGB picture: smooth regions of a few hues, with noise (thousands of colours). */
	static File slide(final Path file, final int width, final int height, final int tile, final long seed) throws IOException {
		final Random random = new Random(seed);
		final int[][] hues = new int[5][3];
		for (final int[] h : hues)
			for (int c = 0; c < 3; c++)
				h[c] = 40 + random.nextInt(180);
		final byte[] rgb = new byte[width * height * 3];
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++) {
				final int region = (int) ((Math.sin(x * 0.011 + seed) + Math.cos(y * 0.017) + 2) * 1.24) % hues.length;
				for (int c = 0; c < 3; c++)
					rgb[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, hues[region][c] + random.nextInt(31) - 15));
			}
		try (TiledTiffWriter w = new TiledTiffWriter(file.toFile(), width, height, 3, 8, tile, 1)) {
			w.writeRows(rgb, 0, height, TaskRunner.SEQUENTIAL);
			w.finish();
		}
		return file.toFile();
	}

	/** A synthetic spectrum map (four phases, Poisson counts) as a 16-bit ripple file. */
	private static void map(final Path folder, final String name, final int w, final int h, final int m, final long seed) throws IOException {
		final int[] counts = SyntheticSpectra.generate(w, h, m, seed).counts();
		final ByteBuffer raw = ByteBuffer.allocate(counts.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (final int c : counts)
			raw.putShort((short) Math.min(c, 65535));
		Files.write(folder.resolve(name + ".raw"), raw.array());
		Files.writeString(folder.resolve(name + ".rpl"), "width\t" + w + "\nheight\t" + h + "\ndepth\t" + m + "\noffset\t0\ndata-length\t2\ndata-type\tunsigned\nbyte-order\tlittle-endian\nrecord-by\tvector\nev-per-chan\t10\n");
	}

	private static void grey(final Path file, final int width, final int height) throws IOException {
		try (TiledTiffWriter w = new TiledTiffWriter(file.toFile(), width, height, 1, 8, 128, 1)) {
			w.writeRows(new byte[width * height], 0, height, TaskRunner.SEQUENTIAL);
			w.finish();
		}
	}

	/** Damages one tile of the lower half of a BigTIFF written by TiledTiffWriter: its zlib header. */
	private static void damage(final File file) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(file, "rw")) {
			final ByteBuffer b = ByteBuffer.allocate((int) f.length()).order(ByteOrder.LITTLE_ENDIAN);
			f.getChannel().read(b, 0);
			final long ifd = b.getLong(8);
			final long entries = b.getLong((int) ifd);
			for (int e = 0; e < entries; e++) {
				final int at = (int) ifd + 8 + 20 * e;
				if (b.getShort(at) != 324) continue;
				final long tiles = b.getLong(at + 4), offsets = b.getLong(at + 12);
				final long tile = b.getLong((int) (offsets + 8 * (tiles * 3 / 4)));
				f.seek(tile);
				f.write(new byte[] { 0, 0, 0, 0 });
				return;
			}
			throw new IOException("no tile offsets in " + file);
		}
	}
}
