package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.testutil.SyntheticSpectra;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;

/**
 * A spectrum model's apply reads the map in blocks of pixels whose size depends on the pixels, the
 * components and the threads; the outputs do not: 1 thread (one block of this map) and 3 threads (four
 * blocks) give the same labels, distance maps, loadings and cluster spectra, bit for bit.
 */
class SpectrumModelBlocksTest {

	private static List<RandomAccessibleInterval<? extends RealType<?>>> map(final int width, final int height, final int channels, final long seed) {
		return SyntheticSpectra.generate(width, height, channels, seed).floatChannels();
	}

	@Test
	void blocksChangeNothing() {
		final int w = 64, h = 64, m = 48;
		assertEquals(4096, SpectrumModelApply.projectedBlock(w * h, 3, 1), "one block on 1 thread");
		assertEquals(1024, SpectrumModelApply.projectedBlock(w * h, 3, 3), "four blocks on 3 threads");
		final List<RandomAccessibleInterval<? extends RealType<?>>> training = map(w, h, m, 0), other = map(w, h, m, 1);
		final SpectrumClustering.Settings settings = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 3, false, Preprocessing.NORM, ClusterAnalysis.Algorithm.KMEANS, 0, 3, 4, 0, 0, -1);
		final SpectrumClusteringResult fit = SpectrumClustering.cluster(SpectrumClustering.features(training, null, settings, ProgressListener.NONE), training, settings, ProgressListener.NONE);
		final SpectrumClusteringModel model = SpectrumClusteringModel.of(SpectrumClusteringModel.COMMAND, fit, settings, Map.of("clusters", 3), new ImageDescription("synthetic", new int[] { w, h, 1, m, 1 }, 32, new double[] { 1, 1, 0.01 }, "pixel"), new SpectrumClusteringModel.EnergyAxis(m, 0, 0.01, "keV"), false, "mean", new int[4], training);
		final SpectrumClusteringResult one = Parallelization.runSingleThreaded(() -> model.apply(other, null, ProgressListener.NONE));
		final SpectrumClusteringResult three = Parallelization.runWithNumThreads(3, () -> model.apply(other, null, ProgressListener.NONE));
		assertArrayEquals(one.labels(), three.labels());
		assertNotEquals(1, Arrays.stream(one.labels()).distinct().count(), "more than one cluster found");
		for (int l = 0; l < 3; l++) {
			assertArrayEquals(one.distanceMap(l), three.distanceMap(l), "distances to cluster " + l);
			assertArrayEquals(one.signals().sum(l), three.signals().sum(l), "sum spectrum of cluster " + l);
		}
		assertArrayEquals(one.features().loadings, three.features().loadings, "loadings");
	}
}
