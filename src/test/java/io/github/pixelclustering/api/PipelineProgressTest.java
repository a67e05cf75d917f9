package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.RecordingProgress;
import io.github.pixelclustering.testutil.SmoothNoise;

import java.util.List;
import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;

/**
 * The progress of every ImgLib2 pipeline of the commands, as its engines report it (no safety net in
 * between): one run from 0 to 1 that never goes back, every stage named, and reports during every phase
 * that takes time on big inputs, counted in work rather than seconds so that the tests do not depend on
 * the machine. Each pipeline runs with several threads, so that reports from worker threads are checked.
 */
class PipelineProgressTest {

	private static final int THREADS = 4;

	/** Smooth noise profiles: one image per sample. */
	private static List<RandomAccessibleInterval<? extends RealType<?>>> noise(final int w, final int h, final int samples) {
		return SmoothNoise.samples(w, h, samples, 3, 1);
	}

	private static RandomAccessibleInterval<ARGBType> colours(final int w, final int h) {
		final SplittableRandom random = new SplittableRandom(3);
		final int[] pixels = new int[w * h];
		for (int p = 0; p < pixels.length; p++)
			pixels[p] = random.nextInt(1 << 24);
		return ArrayImgs.argbs(pixels, w, h);
	}

	private static RecordingProgress agglomerate(final int w, final int h, final PixelAgglomeration.Settings settings, final boolean[] mask) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> samples = noise(w, h, 3);
		final RecordingProgress progress = new RecordingProgress();
		Parallelization.runWithNumThreads(THREADS, () -> PixelAgglomeration.agglomerate(samples, mask == null ? null : ArrayImgs.booleans(mask, w, h), settings, progress));
		return progress;
	}

	@Test
	void wardReportsEveryPhaseOfABigGrid() {
		// 300 x 300 pixels: several chunks of profiles, graph and merge costs
		final int n = 300 * 300;
		final RecordingProgress p = agglomerate(300, 300, new PixelAgglomeration.Settings(20, PixelAgglomeration.Method.WARD, 4), null);
		p.assertWholeRun("ward");
		p.assertReports("^Reading profiles", 3, "ward");
		// the grid graph stores no edges (neighbours come from positions): one report names its short phase
		p.assertReports("^Building the pixel graph", 1, "ward");
		p.assertReports("^Ward: initial merge costs", 5, "ward");
		p.assertReports("^Cutting the Ward tree", 1, "ward").assertReports("^Summarising", 1, "ward");
		final long step = p.largestStep("^Ward merges (\\d+)/");
		assertTrue(step > 0 && step <= (n - 1) / 1000 + 1, "ward merges between reports: " + step);
	}

	@Test
	void wardNamesTheLinksOfUnconnectedParts() {
		// two halves with no pixel in between: two parts to link
		final boolean[] mask = new boolean[40 * 30];
		for (int p = 0; p < mask.length; p++)
			mask[p] = p % 40 != 20;
		agglomerate(40, 30, new PixelAgglomeration.Settings(5, PixelAgglomeration.Method.WARD, 4), mask).assertWholeRun("ward with a mask").assertReports("^Reading the mask", 1, "ward").assertReports("^Linking 2 unconnected parts", 1, "ward");
	}

	@Test
	void hkmeansReportsEveryCoarseAndFineClustering() {
		final RecordingProgress p = agglomerate(120, 100, new PixelAgglomeration.Settings(100, PixelAgglomeration.Method.HKMEANS, 4).withKMeans(100, 3, 10, 0, io.github.pixelclustering.kmeans.MiniBatchSettings.Init.K_MEANS_PLUS_PLUS), null);
		p.assertWholeRun("hkmeans");
		p.assertReports("^hkmeans coarse: mini-batch k-means step", 2, "hkmeans");
		p.assertReports("^hkmeans coarse: k-means polish", 1, "hkmeans");
		// every coarse cluster (10 of them) names its fine clustering
		for (int c = 1; c <= 10; c++)
			p.assertReports("^hkmeans fine, coarse cluster " + c + "/10 ", 1, "hkmeans");
		final long step = p.largestStep("^hkmeans coarse: mini-batch k-means step (\\d+) ");
		assertTrue(step > 0 && step <= 64, "coarse mini-batch steps between reports: " + step);
	}

	@Test
	void kmeansAndConnectedPartsReportEveryPhase() {
		final RecordingProgress p = agglomerate(60, 50, new PixelAgglomeration.Settings(6, PixelAgglomeration.Method.KMEANS, 4).withKMeans(1000, 4, 10, 1, io.github.pixelclustering.kmeans.MiniBatchSettings.Init.K_MEANS_PLUS_PLUS).withConnected(true), null);
		p.assertWholeRun("kmeans, connected");
		p.assertReports("^k-means run [1-4]/4: k-means\\+\\+", 4, "kmeans").assertReports("^k-means run [1-4]/4: iteration", 4, "kmeans");
		p.assertReports("^k-means: kd-tree level", 2, "kmeans");
		p.assertReports("^Building the pixel graph", 1, "kmeans").assertReports("^Splitting clusters", 1, "kmeans");
	}

	@Test
	void colourQuantizationKMeansReportsEveryPhase() {
		final RecordingProgress p = new RecordingProgress();
		// 400 x 400 random colours: several progress steps while reading, many distinct colours
		Parallelization.runWithNumThreads(THREADS, () -> ColourQuantization.quantizeRgb(colours(400, 400), null, new ColourQuantization.Settings(8, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 4, 0), p));
		p.assertWholeRun("colour quantization, k-means");
		p.assertReports("^Reading colours", 2, "k-means").assertReports("^Counting distinct colours", 1, "k-means");
		p.assertReports("^k-means: coreset", 1, "k-means").assertReports("^k-means coreset run [1-4]/4", 8, "k-means");
		p.assertReports("^k-means on all samples: iteration", 1, "k-means").assertReports("^k-means swap search", 1, "k-means");
	}

	@Test
	void colourQuantizationMiniBatchReportsItsStepsAsAFractionOfTheLargestNumber() {
		final RecordingProgress p = new RecordingProgress();
		Parallelization.runWithNumThreads(THREADS, () -> ColourQuantization.quantizeRgb(colours(300, 300), null, new ColourQuantization.Settings(8, ColourQuantization.Method.MINI_BATCH, ColourQuantization.Space.CIELAB, 3, 0), p));
		p.assertWholeRun("colour quantization, mini-batch");
		p.assertReports("^mini-batch k-means initialisation [1-3]/3: k-means\\+\\+ centre", 3, "mini-batch").assertReports("^mini-batch k-means: labelling", 1, "mini-batch");
		final long step = p.largestStep("^mini-batch k-means step (\\d+) of at most \\d+");
		assertTrue(step > 0 && step <= 64, "mini-batch steps between reports: " + step);
		// the stage says what the fraction is of
		for (final RecordingProgress.Report r : p.reports())
			if (r.stage.startsWith("mini-batch k-means step ")) assertTrue(r.stage.matches("mini-batch k-means step \\d+ of at most \\d+"), r.stage);
	}

	@Test
	void colourQuantizationReportsWritingItsImages() {
		final RandomAccessibleInterval<ARGBType> image = colours(50, 40);
		final ColourQuantizationResult result = ColourQuantization.quantizeRgb(image, null, new ColourQuantization.Settings(4, ColourQuantization.Method.MINI_BATCH, ColourQuantization.Space.RGB, 1, 0), new RecordingProgress());
		final RecordingProgress labels = new RecordingProgress();
		result.writeLabels(ArrayImgs.unsignedShorts(50, 40), labels);
		labels.assertWholeRun("writing labels").assertReports("writing pixels", 16, "labels");
		final RecordingProgress quantized = new RecordingProgress();
		result.writeQuantized(ArrayImgs.argbs(50, 40), quantized);
		quantized.assertWholeRun("writing the quantized image").assertReports("writing pixels", 16, "quantized");
	}

	@Test
	void colourQuantizationOfChannelsReportsReadingAndTheFit() {
		final List<RandomAccessibleInterval<? extends RealType<?>>> channels = noise(300, 300, 3);
		final boolean[] inside = new boolean[300 * 300];
		for (int p = 0; p < inside.length; p++)
			inside[p] = p % 7 != 0;
		final RecordingProgress p = new RecordingProgress();
		Parallelization.runWithNumThreads(THREADS, () -> ColourQuantization.quantizeChannels(channels, ArrayImgs.booleans(inside, 300, 300), new ColourQuantization.Settings(5, ColourQuantization.Method.K_MEANS, ColourQuantization.Space.RGB, 2, 0), p));
		p.assertWholeRun("colour quantization of channels").assertReports("^Reading channels", 1, "channels").assertReports("^Checking values", 1, "channels");
	}

	@Test
	void sliceClusteringReportsEverySlice() {
		final List<RandomAccessibleInterval<? extends RealType<?>>> slices = noise(20, 20, 30);
		for (final ColourQuantization.Method method : ColourQuantization.Method.values()) {
			final RecordingProgress p = new RecordingProgress();
			Parallelization.runWithNumThreads(THREADS, () -> SliceClustering.cluster(slices, null, new SliceClustering.Settings(3, method, 2, 0), p));
			p.assertWholeRun("slices, " + method.label()).assertReports("^Reading slice \\d+/30", 30, method.label());
		}
	}
}
