package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.testutil.Regions;
import io.github.pixelclustering.testutil.SmoothNoise;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;

import org.junit.jupiter.api.Test;

/** {@link PixelAgglomeration} on ImgLib2 images: re-cutting the tree, and what it refuses. */
class PixelAgglomerationTest {

	private static final PixelAgglomeration.Settings WARD = new PixelAgglomeration.Settings(12, PixelAgglomeration.Method.WARD, 4);

	private static List<RandomAccessibleInterval<? extends RealType<?>>> noise(final int w, final int h, final int samples) {
		final double[] x = SmoothNoise.pixelMajor(w, h, 1, samples, 3, 1);
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (int s = 0; s < samples; s++) {
			final double[] plane = new double[w * h];
			for (int p = 0; p < w * h; p++)
				plane[p] = x[p * samples + s];
			out.add(ArrayImgs.doubles(plane, w, h));
		}
		return out;
	}

	private static int[] labels(final PixelAgglomerationResult result, final int w, final int h) {
		final ArrayImg<IntType, IntArray> img = ArrayImgs.ints(w, h);
		result.writeLabels(img);
		return img.update(null).getCurrentStorageArray();
	}

	@Test
	void cuttingTheTreeAgainEqualsClusteringAgain() {
		final List<RandomAccessibleInterval<? extends RealType<?>>> samples = noise(16, 12, 4);
		final PixelAgglomerationResult twelve = PixelAgglomeration.agglomerate(samples, null, WARD, ProgressListener.NONE);
		final PixelAgglomerationResult five = PixelAgglomeration.agglomerate(samples, null, new PixelAgglomeration.Settings(5, PixelAgglomeration.Method.WARD, 4), ProgressListener.NONE);
		final PixelAgglomerationResult recut = twelve.cut(5);
		assertArrayEquals(labels(five, 16, 12), labels(recut, 16, 12));
		assertEquals(five.objective(), recut.objective());
		assertEquals(5, recut.clusters());
		assertEquals(twelve.totalSumOfSquares(), recut.totalSumOfSquares());
		int total = 0;
		for (int c = 1; c <= 5; c++) {
			total += recut.size(c);
			if (c > 1) assertEquals(true, recut.size(c) <= recut.size(c - 1), "largest first");
		}
		assertEquals(16 * 12, total);
	}

	@Test
	void refusesWhatItCannotCluster() {
		assertEquals(String.format(PixelAgglomeration.BAD_SPACE, "no samples"), assertThrows(IllegalArgumentException.class, () -> PixelAgglomeration.agglomerate(List.of(), null, WARD, ProgressListener.NONE)).getMessage());
		final List<RandomAccessibleInterval<? extends RealType<?>>> mixed = new ArrayList<>(noise(4, 4, 1));
		mixed.add(ArrayImgs.doubles(5, 4));
		assertEquals(String.format(PixelAgglomeration.BAD_SPACE, "sizes [4, 4] and [5, 4]"), assertThrows(IllegalArgumentException.class, () -> PixelAgglomeration.agglomerate(mixed, null, WARD, ProgressListener.NONE)).getMessage());
		assertEquals(String.format(PixelAgglomeration.BAD_SPACE, "a mask of size [3, 3] for images of size [4, 4]"), assertThrows(IllegalArgumentException.class, () -> PixelAgglomeration.agglomerate(noise(4, 4, 2), ArrayImgs.booleans(3, 3), WARD, ProgressListener.NONE)).getMessage());
		assertEquals(PixelAgglomeration.EMPTY_MASK, assertThrows(IllegalArgumentException.class, () -> PixelAgglomeration.agglomerate(noise(4, 4, 2), ArrayImgs.booleans(4, 4), WARD, ProgressListener.NONE)).getMessage());
		assertEquals(String.format(PixelAgglomeration.TOO_MANY_CLUSTERS, 16, 17), assertThrows(IllegalArgumentException.class, () -> PixelAgglomeration.agglomerate(noise(4, 4, 2), null, new PixelAgglomeration.Settings(17, PixelAgglomeration.Method.WARD, 4), ProgressListener.NONE)).getMessage());
		assertEquals("method must be ward or hkmeans or kmeans, got \"average\".", assertThrows(IllegalArgumentException.class, () -> PixelAgglomeration.Method.of("average")).getMessage());
	}

	@Test
	void hkmeansScalingKeepsTheNormOfTheClusterMeanImage() {
		final int w = 64;
		final int h = 64;
		final int samples = 200;
		final List<RandomAccessibleInterval<? extends RealType<?>>> data = new ArrayList<>();
		final double[] x = SmoothNoise.pixelMajor(w, h, 1, samples, 5, 2);
		for (int s = 0; s < samples; s++) {
			final double[] plane = new double[w * h];
			for (int p = 0; p < w * h; p++)
				plane[p] = x[p * samples + s];
			data.add(ArrayImgs.doubles(plane, w, h));
		}
		for (final boolean scaling : new boolean[] { false, true }) {
			final PixelAgglomeration.Settings settings = new PixelAgglomeration.Settings(100, PixelAgglomeration.Method.HKMEANS, 4).withScaling(scaling);
			final PixelAgglomerationResult result = PixelAgglomeration.agglomerate(data, null, settings, ProgressListener.NONE);
			assertEquals(100, result.clusters(), "exactly K clusters");
			// inverse_transform(transform(X)): the cluster-mean image, with and without scaling
			final List<RandomAccessibleInterval<? extends RealType<?>>> back = new ArrayList<>();
			for (int s = 0; s < samples; s++)
				back.add(ArrayImgs.doubles(w, h));
			result.writeAgglomerated(back);
			final int[] labels = labels(result, w, h);
			double imageNorm = 0;
			double reducedNorm = 0;
			for (int s = 0; s < samples; s++) {
				final double[] plane = ((net.imglib2.img.array.ArrayImg<net.imglib2.type.numeric.real.DoubleType, net.imglib2.img.basictypeaccess.array.DoubleArray>) back.get(s)).update(null).getCurrentStorageArray();
				for (int p = 0; p < w * h; p++) {
					assertEquals(result.mean(labels[p], s), plane[p], 0.0);
					imageNorm += plane[p] * plane[p];
				}
				for (int c = 1; c <= 100; c++) {
					final double v = result.reduced(c, s);
					assertEquals(scaling ? result.mean(c, s) * Math.sqrt(result.size(c)) : result.mean(c, s), v, 1e-12 * Math.abs(v));
					reducedNorm += v * v;
				}
			}
			if (scaling) assertEquals(Math.sqrt(imageNorm), Math.sqrt(reducedNorm), 1e-9 * Math.sqrt(imageNorm), "l2 norm of transform(X) with scaling");
		}
	}

	@Test
	void connectedSplitsClustersIntoParts() {
		final List<RandomAccessibleInterval<? extends RealType<?>>> samples = noise(30, 20, 3);
		final PixelAgglomerationResult plain = PixelAgglomeration.agglomerate(samples, null, new PixelAgglomeration.Settings(6, PixelAgglomeration.Method.KMEANS, 4), ProgressListener.NONE);
		final PixelAgglomerationResult split = PixelAgglomeration.agglomerate(samples, null, new PixelAgglomeration.Settings(6, PixelAgglomeration.Method.KMEANS, 4).withConnected(true), ProgressListener.NONE);
		assertEquals(6, plain.clusters());
		final int[] labels = labels(split, 30, 20);
		assertEquals(split.clusters(), Regions.count(labels, 30, 20), "every cluster is one 4-connected region");
		assertEquals(true, split.clusters() >= Regions.count(labels(plain, 30, 20), 30, 20) && split.clusters() > 6);
		assertEquals(true, split.objective() <= plain.objective(), "splitting never increases the objective");
		assertEquals("Only method=ward keeps a merge tree to cut again.", assertThrows(IllegalStateException.class, () -> split.cut(3)).getMessage());
		assertEquals("batch_size must be >= 1, got 0.", assertThrows(IllegalArgumentException.class, () -> new PixelAgglomeration.Settings(6, PixelAgglomeration.Method.HKMEANS, 4).withKMeans(0, 10, 10, 0, io.github.pixelclustering.kmeans.MiniBatchSettings.Init.RANDOM)).getMessage());
	}
}
