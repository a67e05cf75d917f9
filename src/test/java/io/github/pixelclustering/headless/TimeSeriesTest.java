package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.testutil.TimeSeries;

import ij.IJ;
import ij.ImagePlus;
import ij.process.LUT;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time series end to end, as a user runs it: a 20-frame RGB series ({@link TimeSeries}, seeded), a
 * Colour Quantization model fitted on frame 1 with {@code save_model}, applied to every frame by
 * {@code macros/apply-model.ijm} on the command line. One palette: label k has the same colour in every
 * frame's quantized image and the same LUT colour in every label image; frame 1 gets the fit's labels.
 */
class TimeSeriesTest {

	private static final int FRAMES = 20;
	private static final int K = 4;

	@Test
	void aModelOfFrameOneGivesEveryFrameOnePalette(@TempDir final Path dir) throws IOException {
		final Path frames = TimeSeries.write(dir.resolve("frames"), FRAMES, 2026);
		final Path model = dir.resolve("frame-01.json");
		final Path fit = dir.resolve("fit");
		final CommandLineTest.Outcome fitted = CommandLineTest.cli("run", "Colour Quantization", "clusters=" + K + " seed=1 save_model=[" + model + "]", frames.resolve(TimeSeries.name(1)).toString(), fit.toString());
		assertEquals(CommandLine.OK, fitted.code, fitted.err);
		final Path applied = dir.resolve("applied");
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", MacrosTest.macros().resolve("apply-model.ijm").toString(), "input=[" + frames + "] output=[" + applied + "] model=[" + model + "]");
		assertEquals(CommandLine.OK, o.code, o.err);
		assertTrue(o.err.contains("apply-model.ijm: " + FRAMES + " done, 0 skipped, 0 left out; model frame-01.json (Colour Quantization, " + K + " clusters)"), o.err);
		final ColourQuantizationModel colours = (ColourQuantizationModel) ClusteringModel.read(model.toFile());
		// the palette: each cluster's mean colour on frame 1, rounded as the quantized image shows it
		final int[] palette = new int[K + 1];
		for (int l = 1; l <= K; l++) {
			final double[] m = java.util.Arrays.copyOfRange(colours.meanColours(), 3 * (l - 1), 3 * l);
			palette[l] = round(m[0]) << 16 | round(m[1]) << 8 | round(m[2]);
		}
		final int[] lut = colours.lut();
		final long[] seen = new long[K + 1];
		for (int t = 1; t <= FRAMES; t++) {
			final String name = TimeSeries.name(t).replace(".png", "");
			final ImagePlus labels = IJ.openImage(applied.resolve(name + "-labels.tif").toString());
			final ImagePlus quantized = IJ.openImage(applied.resolve(name + "-quantized.tif").toString());
			final byte[] l = (byte[]) labels.getProcessor().getPixels();
			final int[] q = (int[]) quantized.getProcessor().getPixels();
			for (int p = 0; p < l.length; p++) {
				final int label = l[p] & 0xff;
				assertTrue(label >= 1 && label <= K, name + " pixel " + p + ": label " + label);
				assertEquals(palette[label], q[p] & 0xffffff, name + " pixel " + p + ": label " + label + " has the model's colour");
				seen[label]++;
			}
			final LUT frameLut = labels.getProcessor().getLut();
			for (int k = 0; k <= K; k++)
				assertEquals(lut[k], frameLut.getRGB(k) & 0xffffff, name + ": LUT colour of label " + k);
		}
		for (int k = 1; k <= K; k++)
			assertTrue(seen[k] > 0, "label " + k + " is used");
		// frame 1: the fit's own labels
		assertArrayEquals((byte[]) IJ.openImage(fit.resolve("frame-01-labels.tif").toString()).getProcessor().getPixels(), (byte[]) IJ.openImage(applied.resolve("frame-01-labels.tif").toString()).getProcessor().getPixels());
		assertArrayEquals((int[]) IJ.openImage(fit.resolve("frame-01-quantized.tif").toString()).getProcessor().getPixels(), (int[]) IJ.openImage(applied.resolve("frame-01-quantized.tif").toString()).getProcessor().getPixels());
		MacrosTest.assertNoTemporaryFiles(applied);
	}

	private static int round(final double v) {
		return (int) Math.max(0, Math.min(255, Math.round(v)));
	}
}
