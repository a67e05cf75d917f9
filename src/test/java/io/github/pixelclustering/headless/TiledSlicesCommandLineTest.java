package io.github.pixelclustering.headless;

import static io.github.pixelclustering.headless.CommandLineTest.assertFails;
import static io.github.pixelclustering.headless.CommandLineTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.io.TiffPages;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cluster Slices models applied to multi-page TIFFs page by page ({@code --tiles}, or stacks too large for
 * the heap): the slices table and centre images of the stack in memory.
 */
class TiledSlicesCommandLineTest {

	private static final int W = 48, H = 32, SLICES = 14;

	/** Three patterns, each slice one of them plus seeded noise, in the given bit depth (24: RGB). */
	static ImagePlus stack(final int bits, final long seed) {
		final SplittableRandom random = new SplittableRandom(seed);
		final ImageStack stack = new ImageStack(W, H);
		final int max = bits == 16 ? 4000 : 200;
		for (int s = 0; s < SLICES; s++) {
			final int pattern = s % 3;
			final ImageProcessor ip = bits == 8 ? new ByteProcessor(W, H) : bits == 16 ? new ShortProcessor(W, H) : new ColorProcessor(W, H);
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					final double base = pattern == 0 ? (double) x / W : pattern == 1 ? ((x / 8 + y / 8) % 2) : Math.abs(Math.sin((x - W / 2) * (y - H / 2) / 40.0));
					final int v = (int) Math.min(max, Math.max(0, base * max * 0.8 + random.nextInt(max / 5)));
					if (bits == 24) ip.set(x, y, v << 16 | (max - v) << 8 | (v / 2));
					else ip.set(x, y, v);
				}
			stack.addSlice("s" + s, ip);
		}
		return new ImagePlus("stack", stack);
	}

	private static Path save(final ImagePlus imp, final Path file) throws IOException {
		Files.createDirectories(file.getParent());
		assertTrue(IJ.saveAsTiff(imp, file.toString()));
		return file;
	}

	@ParameterizedTest
	@ValueSource(ints = { 8, 16, 24 })
	void pagesGiveTheSlicesTableAndCentresOfTheStackInMemory(final int bits, @TempDir final Path dir) throws IOException {
		final Path image = save(stack(bits, 7), dir.resolve("images/stack.tif"));
		final Path model = dir.resolve("m.json");
		final CommandLineTest.Outcome run = cli("run", "Cluster Slices", "clusters=3 seed=1 save_model=[" + model + "]", image.toString(), dir.resolve("run").toString());
		assertEquals(CommandLine.OK, run.code, run.err);
		final CommandLineTest.Outcome memory = cli("apply", model.toString(), image.toString(), dir.resolve("memory").toString());
		assertEquals(CommandLine.OK, memory.code, memory.err);
		final CommandLineTest.Outcome pages = cli("apply", "--tiles", model.toString(), image.toString(), dir.resolve("pages").toString());
		assertEquals(CommandLine.OK, pages.code, pages.err);
		assertEquals("pages", pages.json().get("read").getAsString());
		assertEquals(SLICES, pages.json().get("slices").getAsInt());
		assertSameOutputs(dir.resolve("memory"), dir.resolve("pages"));
		// the three patterns are three clusters
		final String table = Files.readString(dir.resolve("pages/stack-slices.csv"));
		assertEquals(SLICES + 1, table.trim().split("\n").length, table);
		MacrosTest.assertNoTemporaryFiles(dir.resolve("pages"));
	}

	/** ImageJ writes a stack over 4 GB with one directory (images=N in its description): read as ImageJ reads it. */
	@Test
	void anImageJStackWithOneDirectoryIsReadAsImageJReadsIt(@TempDir final Path dir) throws IOException {
		final Path image = save(stack(16, 3), dir.resolve("images/stack.tif"));
		final Path model = dir.resolve("m.json");
		assertEquals(CommandLine.OK, cli("run", "Cluster Slices", "clusters=3 seed=4 save_model=[" + model + "]", image.toString(), dir.resolve("run").toString()).code);
		assertEquals(CommandLine.OK, cli("apply", model.toString(), image.toString(), dir.resolve("memory").toString()).code);
		// cut the chain after the first directory, as ImageJ's TiffEncoder leaves it for a stack over 4 GB
		try (FileChannel f = FileChannel.open(image, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			final ByteBuffer head = ByteBuffer.allocate(8);
			f.read(head, 0);
			head.order(head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
			final long first = head.getInt(4) & 0xffffffffL;
			final ByteBuffer count = ByteBuffer.allocate(2).order(head.order());
			f.read(count, first);
			f.write(ByteBuffer.allocate(4), first + 2 + 12L * (count.getShort(0) & 0xffff));
		}
		try (TiffPages pages = TiffPages.open(image.toFile())) {
			assertEquals(SLICES, pages.size());
			assertTrue(pages.stack());
		}
		final ImagePlus imagej = IJ.openImage(image.toString());
		assertEquals(SLICES, imagej.getStackSize(), "ImageJ reads the one directory as the whole stack");
		final CommandLineTest.Outcome pages = cli("apply", "--tiles", model.toString(), image.toString(), dir.resolve("pages").toString());
		assertEquals(CommandLine.OK, pages.code, pages.err);
		assertSameOutputs(dir.resolve("memory"), dir.resolve("pages"));
	}

	@Test
	void pagesTheModelCannotLabelAreRefusedNamingBoth(@TempDir final Path dir) throws IOException {
		final Path image = save(stack(8, 7), dir.resolve("images/stack.tif"));
		final Path model = dir.resolve("m.json");
		assertEquals(CommandLine.OK, cli("run", "Cluster Slices", "clusters=3 save_model=[" + model + "]", image.toString(), dir.resolve("run").toString()).code);
		final ImagePlus small = stack(8, 7);
		small.setStack(small.getStack().crop(0, 0, 0, 40, 30, SLICES));
		final Path other = save(small, dir.resolve("other/small.tif"));
		assertFails(CommandLine.USAGE, other + ": The model expects slices of 48x32 pixels, got 40x30 pixels.", cli("apply", "--tiles", model.toString(), other.toString(), dir.resolve("out").toString()));
		assertTrue(!Files.exists(dir.resolve("out/small-slices.csv")));
		// a colour model reads one image tile by tile, not a stack
		final Path rgb = save(stack(24, 1), dir.resolve("rgb/rgb.tif"));
		final Path colour = dir.resolve("c.json");
		final Path first = save(new ImagePlus("first", stack(24, 1).getStack().getProcessor(1)), dir.resolve("first/first.tif"));
		assertEquals(CommandLine.OK, cli("run", "Colour Quantization", "clusters=3 save_model=[" + colour + "]", first.toString(), dir.resolve("run2").toString()).code);
		assertFails(CommandLine.FAILED, String.format(TiledRun.COLOUR_STACK, rgb, SLICES), cli("apply", "--tiles", colour.toString(), rgb.toString(), dir.resolve("out2").toString()));
	}

	/** The slices table byte for byte, the centre images pixel for pixel. */
	private static void assertSameOutputs(final Path memory, final Path pages) throws IOException {
		assertEquals(Files.readString(memory.resolve("stack-slices.csv")), Files.readString(pages.resolve("stack-slices.csv")));
		final ImagePlus a = IJ.openImage(memory.resolve("stack-centres.tif").toString());
		final ImagePlus b = IJ.openImage(pages.resolve("stack-centres.tif").toString());
		assertEquals(a.getStackSize(), b.getStackSize());
		assertEquals(a.getBitDepth(), b.getBitDepth());
		for (int s = 1; s <= a.getStackSize(); s++) {
			final Object pa = a.getStack().getPixels(s), pb = b.getStack().getPixels(s);
			if (pa instanceof float[]) assertArrayEquals((float[]) pa, (float[]) pb);
			else assertArrayEquals((int[]) pa, (int[]) pb);
		}
	}
}
