package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.LongArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.logic.BitType;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Cluster Slices model applied to a multi-page TIFF page by page gives each slice the label and
 * distance it gets with the stack in memory, with a mask, for k-means and mini-batch models.
 */
class TiledSlicesTest {

	private static final int W = 23, H = 17, SLICES = 11;

	@ParameterizedTest
	@EnumSource(value = ColourQuantization.Method.class, names = { "K_MEANS", "MINI_BATCH" })
	void pagesGetTheLabelsAndDistancesOfTheStackInMemory(final ColourQuantization.Method method, @TempDir final Path dir) throws IOException {
		final SplittableRandom random = new SplittableRandom(5);
		final ImageStack stack = new ImageStack(W, H);
		final List<RandomAccessibleInterval<? extends RealType<?>>> slices = new ArrayList<>();
		for (int s = 0; s < SLICES; s++) {
			final short[] pixels = new short[W * H];
			for (int p = 0; p < pixels.length; p++)
				pixels[p] = (short) ((s % 3) * 15000 + p * 7 + random.nextInt(3000));
			stack.addSlice(new ShortProcessor(W, H, pixels, null));
			slices.add(ArrayImgs.unsignedShorts(pixels.clone(), W, H));
		}
		final Path file = dir.resolve("stack.tif");
		assertTrue(IJ.saveAsTiff(new ImagePlus("stack", stack), file.toString()));
		// a mask: a disc, and a hole in it
		final ArrayImg<BitType, LongArray> mask = ArrayImgs.bits(W, H);
		final net.imglib2.Cursor<BitType> c = mask.localizingCursor();
		while (c.hasNext()) {
			c.fwd();
			final double dx = c.getDoublePosition(0) - 11, dy = c.getDoublePosition(1) - 8;
			c.get().set(dx * dx + dy * dy < 64 && !(dx == 0 && dy == 0));
		}
		final SliceClustering.Result fit = SliceClustering.cluster(slices, mask, new SliceClustering.Settings(3, method, 2, 3), ProgressListener.NONE);
		final Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("method", method == ColourQuantization.Method.K_MEANS ? "k-means" : "mini-batch");
		final SliceClusteringModel model = SliceClusteringModel.of(fit, W, H, false, keys, new ImageDescription("stack", new int[] { W, H, 1, SLICES, 1 }, 16, new double[] { 1, 1, 1 }, "pixel"));
		final SliceClustering.Result memory = model.apply(slices, ProgressListener.NONE);
		final SliceClustering.Result pages = TiledSlices.apply(model, file.toFile(), ProgressListener.NONE);
		assertEquals(SLICES, pages.slices());
		for (final int threads : new int[] { 1, 3 }) {
			final SliceClustering.Result t = Parallelization.runWithNumThreads(threads, () -> {
				try {
					return TiledSlices.apply(model, file.toFile(), ProgressListener.NONE);
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			});
			for (int s = 0; s < SLICES; s++)
				assertEquals(pages.distance(s), t.distance(s), 0, threads + " threads, slice " + s);
			assertEquals(pages.inertia(), t.inertia(), 0);
		}
		for (int s = 0; s < SLICES; s++) {
			assertEquals(memory.label(s), pages.label(s), "slice " + s);
			assertEquals(memory.distance(s), pages.distance(s), 0, "slice " + s);
			assertEquals(fit.label(s), pages.label(s), "the training stack gets its own labels back");
		}
		assertEquals(memory.inertia(), pages.inertia(), 0);
		// a file of one page is not a stack
		final Path one = dir.resolve("one.tif");
		assertTrue(IJ.saveAsTiff(new ImagePlus("one", stack.getProcessor(1)), one.toString()));
		assertEquals("one.tif: " + String.format(SliceClustering.TOO_FEW_SLICES, 1), assertThrows(IllegalArgumentException.class, () -> TiledSlices.apply(model, one.toFile(), ProgressListener.NONE)).getMessage());
	}
}
