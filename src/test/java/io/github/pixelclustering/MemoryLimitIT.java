package io.github.pixelclustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.commands.PixelAgglomerationCommand;
import io.github.pixelclustering.headless.CommandLine;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ward on an image too big for the heap, from the command line in a JVM with 64 MB: refused before it
 * starts, in one line that says what it needs and what to do (no OutOfMemoryError trace).
 */
class MemoryLimitIT {

	@Test
	void wardTooBigForTheHeapIsRefusedInOneLine(@TempDir final Path dir) throws Exception {
		// 1.2 megapixels: Ward needs about 150 MB
		final ColorProcessor rgb = new ColorProcessor(1200, 1000);
		final Random random = new Random(1);
		final int[] pixels = (int[]) rgb.getPixels();
		for (int p = 0; p < pixels.length; p++)
			pixels[p] = random.nextInt(1 << 24);
		final File image = dir.resolve("big.tif").toFile();
		IJ.saveAsTiff(new ImagePlus("big", rgb), image.getPath());
		final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		final Process process = new ProcessBuilder(java, "-Xmx64m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), CommandLine.class.getName(), //
			"run", "Pixel Agglomeration", "clusters=10 method=ward", image.getPath(), dir.resolve("out").toString()).redirectErrorStream(true).start();
		final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the 64 MB JVM finished");
		assertEquals(CommandLine.FAILED, process.exitValue(), output);
		// the message with its numbers as patterns
		final String[] parts = PixelAgglomerationCommand.NOT_ENOUGH_MEMORY.split("%s", -1);
		final String gb = "\\d+\\.\\d+";
		final String expected = "Pixel Agglomeration: " + String.join("", List.of(Pattern.quote(parts[0]), "Ward", Pattern.quote(parts[1]), "1,200,000", Pattern.quote(parts[2]), gb, Pattern.quote(parts[3]), gb, Pattern.quote(parts[4]), Pattern.quote(PixelAgglomerationCommand.USE_HKMEANS), Pattern.quote(parts[5])));
		final List<String> lines = Arrays.stream(output.split("\\R")).filter(l -> !l.isBlank()).collect(Collectors.toList());
		assertTrue(lines.stream().anyMatch(l -> l.matches(expected)), output);
		assertTrue(lines.stream().noneMatch(l -> l.contains("OutOfMemoryError") || l.startsWith("\tat ")), output);
	}
}
