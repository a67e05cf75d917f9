package io.github.pixelclustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.testutil.SeededSlide;
import io.github.pixelclustering.testutil.TestData;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.imglib2.parallel.Parallelization;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20,000 x 20,000 RGB tiled BigTIFF (1.2 GB of pixels, made here from a seed: {@link SeededSlide}) fitted and labelled by
 * the command-line jar in a JVM of 512 MB: the pixels are read band by band, never whole; progress goes
 * to standard error; Ctrl-C (SIGINT; SIGTERM where SIGINT is ignored) in the middle leaves no labels
 * under their final name.
 */
class BigImageIT {

	private static final int SIZE = 20_000;

	private static Process start(final Path out, final String... args) throws IOException {
		final List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", TestData.cliJar().toString()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectOutput(out.toFile()).start();
	}

	private static String finish(final Process process, final Path out) throws Exception {
		final String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(600, TimeUnit.SECONDS), "finished");
		assertEquals(0, process.exitValue(), err);
		return Files.readString(out) + "\n" + err;
	}

	@Test
	void fitAndApplyASlideInHalfAGigabyte(@TempDir final Path dir) throws Exception {
		final File tiff = dir.resolve("slide.tif").toFile();
		Parallelization.runWithNumThreads(Runtime.getRuntime().availableProcessors(), () -> {
			SeededSlide.write(tiff, SIZE);
			return null;
		});
		assertTrue(tiff.length() > 100_000_000L, "a big file: " + tiff.length());
		final Path model = dir.resolve("slide.json");
		final String fit = finish(start(dir.resolve("fit.json"), "fit", "Colour Quantization", "clusters=8 restarts=1 seed=0 save_model=[" + model + "]", tiff.toString()), dir.resolve("fit.json"));
		assertTrue(fit.contains("\"read\": \"tiles\"") && fit.contains("\"pixels\": 400000000"), fit);
		assertTrue(fit.contains("Counting the colours of band"), "progress on stderr: " + fit);
		final Path labelled = dir.resolve("labelled");
		final String apply = finish(start(dir.resolve("apply.json"), "apply", model.toString(), tiff.toString(), labelled.toString()), dir.resolve("apply.json"));
		assertTrue(apply.contains("\"read\": \"tiles\""), "a TIFF larger than the heap is read tile by tile: " + apply);
		assertTrue(apply.contains("Labelling band"), "progress on stderr: " + apply);
		try (TiledTiff labels = TiledTiff.open(labelled.resolve("slide-labels.tif").toFile())) {
			assertEquals(SIZE, labels.width());
			assertEquals(SIZE, labels.height());
			assertEquals(8, labels.bitsPerSample());
			assertTrue(labels.bigTiff() && labels.tiled());
		}
		long pixels = 0;
		final List<String> table = Files.readAllLines(labelled.resolve("slide-clusters.csv"));
		assertEquals(9, table.size(), table.toString());
		final int column = List.of(table.get(0).split(",")).indexOf("pixels");
		for (final String row : table.subList(1, table.size()))
			pixels += Long.parseLong(row.split(",")[column]);
		assertEquals((long) SIZE * SIZE, pixels);

		// Ctrl-C in the middle of labelling: nothing under the final name, no temporary file
		final Path canceled = dir.resolve("canceled");
		final Process process = start(dir.resolve("canceled.json"), "apply", model.toString(), tiff.toString(), canceled.toString());
		try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = err.readLine()) != null && !line.contains("Labelling band"))
				;
			assertTrue(line != null, "labelling started");
			assertEquals(0, new ProcessBuilder("kill", interruptSignal(process), Long.toString(process.pid())).start().waitFor());
			while (err.readLine() != null)
				;
		}
		assertTrue(process.waitFor(60, TimeUnit.SECONDS));
		assertTrue(process.exitValue() != 0, "interrupted");
		assertFalse(Files.exists(canceled.resolve("slide-labels.tif")));
		if (Files.isDirectory(canceled)) try (Stream<Path> left = Files.list(canceled)) {
			assertEquals(List.of(), left.collect(java.util.stream.Collectors.toList()), "no file left");
		}
	}

	/**
	 * {@code -INT} (Ctrl-C), or {@code -TERM} when the process ignores SIGINT: a build started in the
	 * background by a non-interactive shell makes every process it starts ignore SIGINT, and the JVM
	 * keeps it ignored. Either signal runs the JVM's shutdown and exits with a non-zero code.
	 */
	private static String interruptSignal(final Process process) throws Exception {
		final Path status = Paths.get("/proc", Long.toString(process.pid()), "status");
		if (!Files.isReadable(status)) return "-INT";
		for (final String line : Files.readAllLines(status))
			if (line.startsWith(IGNORED)) return (Long.parseUnsignedLong(line.substring(IGNORED.length()).trim(), 16) & SIGINT_BIT) != 0 ? "-TERM" : "-INT";
		return "-INT";
	}

	/** The line of /proc/<pid>/status with the ignored signals: a hexadecimal mask, signal s at bit s - 1. */
	private static final String IGNORED = "SigIgn:";
	/** SIGINT is signal 2. */
	private static final long SIGINT_BIT = 1L << (2 - 1);

	/** Page s of a stack: one of three patterns (s % 3) plus a little seeded noise, 16-bit. */
	private static ij.process.ShortProcessor page(final int s, final int w, final int h) {
		final java.util.SplittableRandom random = new java.util.SplittableRandom(s);
		final short[] pixels = new short[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				pixels[y * w + x] = (short) ((s % 3 == 0 ? x * 8 : s % 3 == 1 ? (x / 32 + y / 32) % 2 * 3000 : y * 8) + random.nextInt(800));
		return new ij.process.ShortProcessor(w, h, pixels, null);
	}

	/**
	 * A stack of 1,200 pages of 512 x 512 16-bit pixels (630 MB, written by ImageJ from a virtual stack)
	 * labelled by a Cluster Slices model in a JVM of 512 MB, which could not open it: page by page.
	 */
	@Test
	void applyAStackLargerThanTheHeapPageByPage(@TempDir final Path dir) throws Exception {
		final int w = 512, h = 512, pages = 1200;
		final ij.ImageStack training = new ij.ImageStack(w, h);
		for (int s = 0; s < 30; s++)
			training.addSlice(page(s, w, h));
		final Path small = dir.resolve("training.tif");
		assertTrue(ij.IJ.saveAsTiff(new ij.ImagePlus("training", training), small.toString()));
		final ij.VirtualStack virtual = new ij.VirtualStack(w, h, null, dir.toString()) {

			@Override
			public ij.process.ImageProcessor getProcessor(final int n) {
				return page(n - 1, w, h);
			}

			@Override
			public int getSize() {
				return pages;
			}

			@Override
			public String getSliceLabel(final int n) {
				return null;
			}
		};
		final Path stack = dir.resolve("series.tif");
		assertTrue(new ij.io.FileSaver(new ij.ImagePlus("series", virtual)).saveAsTiffStack(stack.toString()));
		assertTrue(Files.size(stack) > 600_000_000L, "a big file: " + Files.size(stack));
		final Path model = dir.resolve("slices.json");
		finish(start(dir.resolve("fit.json"), "run", "Cluster Slices", "clusters=3 seed=0 save_model=[" + model + "]", small.toString(), dir.resolve("fit").toString()), dir.resolve("fit.json"));
		final Path labelled = dir.resolve("labelled");
		final String apply = finish(start(dir.resolve("apply.json"), "apply", model.toString(), stack.toString(), labelled.toString()), dir.resolve("apply.json"));
		assertTrue(apply.contains("\"read\": \"pages\"") && apply.contains("\"slices\": " + pages), "a stack larger than the heap is read page by page: " + apply);
		final List<String> table = Files.readAllLines(labelled.resolve("series-slices.csv"));
		assertEquals(pages + 1, table.size());
		// each pattern is one cluster, the three patterns three clusters, as on the training pages
		final List<String> fitted = Files.readAllLines(dir.resolve("fit/training-slices.csv"));
		for (int s = 0; s < pages; s++)
			assertEquals(fitted.get(1 + s % 3).split(",")[1], table.get(1 + s).split(",")[1], "page " + (s + 1));
	}
}
