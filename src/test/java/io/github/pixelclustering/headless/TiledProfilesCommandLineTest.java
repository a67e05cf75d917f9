package io.github.pixelclustering.headless;

import static io.github.pixelclustering.headless.CommandLineTest.assertFails;
import static io.github.pixelclustering.headless.CommandLineTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.TiledLabels;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.junit.jupiter.api.io.TempDir;

/**
 * Pixel Agglomeration profile models applied to multi-page TIFF stacks a block of rows at a time across
 * the pages ({@code --tiles}, or stacks too large for the heap): the labels, reduced image and clusters
 * table of the stack in memory.
 */
class TiledProfilesCommandLineTest {

	private static final int W = 61, H = 45, PAGES = 12;

	/** Four regions whose pixels have four profiles over the pages, plus seeded noise. */
	static ImagePlus stack(final int bits, final long seed) {
		final SplittableRandom random = new SplittableRandom(seed);
		final ImageStack stack = new ImageStack(W, H);
		final int max = bits == 16 ? 30000 : 220;
		for (int s = 0; s < PAGES; s++) {
			final ImageProcessor ip = bits == 8 ? new ByteProcessor(W, H) : new ShortProcessor(W, H);
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++) {
					final int region = (x < W / 2 ? 0 : 1) + (y < H / 2 ? 0 : 2);
					final double profile = region == 0 ? s / (double) PAGES : region == 1 ? 1 - s / (double) PAGES : region == 2 ? s % 2 : 0.5;
					ip.set(x, y, (int) Math.min(max, profile * max * 0.8 + random.nextInt(max / 6)));
				}
			stack.addSlice(ip);
		}
		return new ImagePlus("stack", stack);
	}

	@ParameterizedTest
	@CsvSource({ "8, kmeans, false", "16, kmeans, false", "16, hkmeans, false", "16, kmeans, true", "16, ward, false" })
	void blocksOfRowsGiveTheLabelsTableAndReducedImageOfTheStackInMemory(final int bits, final String method, final boolean masked, @TempDir final Path dir) throws IOException {
		final ImagePlus training = stack(bits, 7);
		if (masked) training.setRoi(new ij.gui.OvalRoi(5, 4, 50, 36));
		final Path image = dir.resolve("images/stack.tif");
		Files.createDirectories(image.getParent());
		assertTrue(IJ.saveAsTiff(training, image.toString()));
		final Path model = dir.resolve("m.json");
		final String clusters = method.equals("hkmeans") ? "clusters=6" : "clusters=4";
		final CommandLineTest.Outcome run = cli("run", "Pixel Agglomeration", clusters + " method=" + method + " seed=2 save_model=[" + model + "]", image.toString(), dir.resolve("run").toString());
		assertEquals(CommandLine.OK, run.code, run.err);
		assertEquals(masked, Files.readString(model).contains("mask_runs"), "the model keeps the selection as its mask");
		final CommandLineTest.Outcome memory = cli("apply", model.toString(), image.toString(), dir.resolve("memory").toString());
		assertEquals(CommandLine.OK, memory.code, memory.err);
		final CommandLineTest.Outcome pages = cli("apply", "--tiles", model.toString(), image.toString(), dir.resolve("pages").toString());
		assertEquals(CommandLine.OK, pages.code, pages.err);
		assertEquals("pages", pages.json().get("read").getAsString());
		final Object inMemory = IJ.openImage(dir.resolve("memory/stack-labels.tif").toString()).getProcessor().getPixels();
		final byte[] tiled = TiledLabels.read(dir.resolve("pages/stack-labels.tif"));
		final byte[] expected = new byte[W * H];
		for (int i = 0; i < expected.length; i++)
			expected[i] = inMemory instanceof byte[] ? ((byte[]) inMemory)[i] : (byte) ((short[]) inMemory)[i];
		assertArrayEquals(expected, tiled);
		boolean outside = false;
		for (final byte b : tiled)
			outside |= b == 0;
		assertEquals(masked, outside, "0 outside the mask");
		assertEquals(Files.readString(dir.resolve("memory/stack-clusters.csv")), Files.readString(dir.resolve("pages/stack-clusters.csv")));
		assertArrayEquals((float[]) IJ.openImage(dir.resolve("memory/stack-reduced.tif").toString()).getProcessor().getPixels(), (float[]) IJ.openImage(dir.resolve("pages/stack-reduced.tif").toString()).getProcessor().getPixels());
		MacrosTest.assertNoTemporaryFiles(dir.resolve("pages"));
	}

	@Test
	void aParcellationOnAnotherGridIsRefusedNamingBoth(@TempDir final Path dir) throws IOException {
		final Path image = dir.resolve("images/stack.tif");
		Files.createDirectories(image.getParent());
		assertTrue(IJ.saveAsTiff(stack(8, 1), image.toString()));
		final Path model = dir.resolve("ward.json");
		assertEquals(CommandLine.OK, cli("run", "Pixel Agglomeration", "clusters=4 method=ward save_model=[" + model + "]", image.toString(), dir.resolve("run").toString()).code);
		final ImagePlus small = stack(8, 1);
		small.setStack(small.getStack().crop(0, 0, 0, 40, 30, PAGES));
		final Path other = dir.resolve("other/small.tif");
		Files.createDirectories(other.getParent());
		assertTrue(IJ.saveAsTiff(small, other.toString()));
		assertFails(CommandLine.USAGE, other + ": " + String.format(io.github.pixelclustering.api.PixelAgglomerationModel.GRID, "61x45", io.github.pixelclustering.api.PixelAgglomerationModel.PARCELLATION_GRID, "40x30"), cli("apply", "--tiles", model.toString(), other.toString(), dir.resolve("out").toString()));
		assertTrue(!Files.exists(dir.resolve("out/small-labels.tif")));
	}

	/** A sampled fit reads only the drawn pixels of each page: the model of the stack opened whole, byte for byte. */
	@ParameterizedTest
	@CsvSource({ "kmeans, 8", "hkmeans, 16" })
	void aSampledFitOnAStackReadPageByPageGivesTheModelOfTheStackInMemory(final String method, final int bits, @TempDir final Path dir) throws IOException {
		final Path folder = Files.createDirectories(dir.resolve("stacks"));
		assertTrue(IJ.saveAsTiff(stack(bits, 3), folder.resolve("a.tif").toString()));
		assertTrue(IJ.saveAsTiff(stack(bits, 4), folder.resolve("b.tif").toString()));
		final String options = (method.equals("hkmeans") ? "clusters=6" : "clusters=4") + " method=" + method + " seed=5 sample=700";
		final Path memory = dir.resolve("memory.json"), pages = dir.resolve("pages.json");
		final CommandLineTest.Outcome inMemory = cli("fit", "Pixel Agglomeration", options + " save_model=[" + memory + "]", folder.toString());
		assertEquals(CommandLine.OK, inMemory.code, inMemory.err);
		final CommandLineTest.Outcome paged = cli("fit", "--tiles", "Pixel Agglomeration", options + " save_model=[" + pages + "]", folder.toString());
		assertEquals(CommandLine.OK, paged.code, paged.err);
		assertEquals(Files.readString(memory), Files.readString(pages));
		assertFails(CommandLine.USAGE, String.format(DrawnStacks.STACK_NEEDS_SAMPLE, folder.resolve("a.tif")), cli("fit", "--tiles", "Pixel Agglomeration", "clusters=4 method=kmeans save_model=[" + dir.resolve("none.json") + "]", folder.toString()));
		assertTrue(!Files.exists(dir.resolve("none.json")));
	}
}
