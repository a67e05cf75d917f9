package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.testutil.TiledLabels;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Pixel Agglomeration profile model applied to a multi-page tiled Deflate BigTIFF (written by tifffile)
 * in blocks of 3 rows across its 9 pages: the labels, sizes, centroids and mean profiles of the stack in
 * memory, on 1 and 2 threads.
 */
class TiledProfilesTest {

	private static final int W = 100, H = 70, PAGES = 9;

	@ParameterizedTest
	@ValueSource(strings = { "kmeans", "hkmeans" })
	void blocksOfThreeRowsGiveTheLabelsAndClustersOfTheStackInMemory(final String method, @TempDir final Path dir) throws IOException {
		final List<RandomAccessibleInterval<? extends RealType<?>>> stack = new ArrayList<>();
		for (int p = 0; p < PAGES; p++) {
			final int[] v = new int[W * H];
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					v[y * W + x] = (x * 997 + y * 131 + p * 4099) % 65536;
			stack.add(ArrayImgs.ints(v, W, H));
		}
		final int k = method.equals("kmeans") ? 5 : 12;
		final PixelAgglomeration.Settings settings = new PixelAgglomeration.Settings(k, PixelAgglomeration.Method.of(method), 4).withKMeans(100, 2, 10, 3, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS);
		final PixelAgglomerationResult fit = PixelAgglomeration.agglomerate(stack, null, settings, ProgressListener.NONE);
		final Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("clusters", k);
		keys.put("method", method);
		final PixelAgglomerationModel model = PixelAgglomerationModel.of(fit, keys, new ImageDescription("stack", new int[] { W, H, 1, PAGES, 1 }, 16, new double[] { 1, 1, 1 }, "pixel"), new int[fit.clusters() + 1], "slices", 4);
		final PixelAgglomerationResult memory = model.apply(stack, null, ProgressListener.NONE);
		final ArrayImg<IntType, IntArray> expected = ArrayImgs.ints(W, H);
		memory.writeLabels(expected);
		final File fixture = new File("src/test/resources/tiff/pages16-tiled-bigtiff-deflate.tif");
		for (final int threads : new int[] { 1, 2 }) {
			final File labels = dir.resolve("labels-" + threads + ".tif").toFile();
			final TiledProfiles.Result tiled = Parallelization.runWithNumThreads(threads, () -> {
				try {
					return TiledProfiles.apply(model, fixture, labels, (long) W * PAGES * 8 * 3, ProgressListener.NONE);
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			});
			assertEquals((H + 2) / 3, tiled.blocks(), "blocks of 3 rows");
			final byte[] read = TiledLabels.read(labels.toPath());
			final int[] want = expected.update(null).getCurrentStorageArray();
			final byte[] wantBytes = new byte[want.length];
			for (int i = 0; i < want.length; i++)
				wantBytes[i] = (byte) want[i];
			assertArrayEquals(wantBytes, read, threads + " threads");
			final double[] centroids = memory.centroids();
			for (int c = 1; c <= k; c++) {
				assertEquals(memory.size(c), tiled.size(c), "size of " + c);
				assertEquals(centroids[(c - 1) * 2], tiled.centroid(c, 0), 0, "x of " + c);
				assertEquals(centroids[(c - 1) * 2 + 1], tiled.centroid(c, 1), 0, "y of " + c);
				for (int s = 0; s < PAGES; s++)
					assertEquals(memory.mean(c, s), tiled.mean(c, s), 0, "mean of " + c + " in sample " + s);
			}
			assertTrue(tiled.pixels() == W * H);
		}
	}

	/**
	 * A model of channels (the profile of a pixel is its values over the channels) on the channel pages
	 * of an ImageJ stack (channels=4, one slice, one frame): the labels of the image in memory; the same
	 * pages described as slices are refused with the stack's dimensions.
	 */
	@Test
	void aModelOfChannelsLabelsTheChannelPagesOfAnImageJStack(@TempDir final Path dir) throws IOException {
		final int c = 4, k = 5;
		final ij.ImageStack pages = new ij.ImageStack(W, H);
		final List<RandomAccessibleInterval<? extends RealType<?>>> channels = new ArrayList<>();
		for (int p = 0; p < c; p++) {
			final short[] v = new short[W * H];
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					v[y * W + x] = (short) ((x * 997 + y * 131 + p * 4099) % 65536);
			pages.addSlice(new ij.process.ShortProcessor(W, H, v.clone(), null));
			channels.add(ArrayImgs.unsignedShorts(v, W, H));
		}
		final PixelAgglomeration.Settings settings = new PixelAgglomeration.Settings(k, PixelAgglomeration.Method.of("kmeans"), 4).withKMeans(100, 2, 10, 3, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS);
		final PixelAgglomerationResult fit = PixelAgglomeration.agglomerate(channels, null, settings, ProgressListener.NONE);
		final Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("clusters", k);
		keys.put("method", "kmeans");
		final PixelAgglomerationModel model = PixelAgglomerationModel.of(fit, keys, new ImageDescription("channels", new int[] { W, H, c, 1, 1 }, 16, new double[] { 1, 1, 1 }, "pixel"), new int[fit.clusters() + 1], "channels", 4);
		final ArrayImg<IntType, IntArray> expected = ArrayImgs.ints(W, H);
		model.apply(channels, null, ProgressListener.NONE).writeLabels(expected);

		final ij.ImagePlus imp = new ij.ImagePlus("channels", pages);
		imp.setDimensions(c, 1, 1);
		imp.setOpenAsHyperStack(true);
		final File tif = dir.resolve("channels.tif").toFile();
		assertTrue(ij.IJ.saveAsTiff(imp, tif.getPath()));
		final File labels = dir.resolve("labels.tif").toFile();
		final TiledProfiles.Result tiled = TiledProfiles.apply(model, tif, labels, (long) W * c * 8 * 3, ProgressListener.NONE);
		final int[] want = expected.update(null).getCurrentStorageArray();
		final byte[] wantBytes = new byte[want.length];
		for (int i = 0; i < want.length; i++)
			wantBytes[i] = (byte) want[i];
		assertArrayEquals(wantBytes, TiledLabels.read(labels.toPath()));
		assertEquals(W * H, tiled.pixels());

		imp.setDimensions(1, c, 1);
		final File slices = dir.resolve("slices.tif").toFile();
		assertTrue(ij.IJ.saveAsTiff(imp, slices.getPath()));
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TiledProfiles.apply(model, slices, dir.resolve("no.tif").toFile(), ProgressListener.NONE));
		assertEquals(String.format(TiledProfiles.NOT_CHANNEL_PAGES, model.command(), "slices.tif", c, 1, c, 1), e.getMessage());
		assertFalse(dir.resolve("no.tif").toFile().exists());
	}
}
