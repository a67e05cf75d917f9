package io.github.pixelclustering.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.TaskRunner;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class CoresetTest {

	private static double[] weightedSum(final double[] x, final double[] w, final int d) {
		final double[] s = new double[d + 1];
		for (int i = 0; i < w.length; i++) {
			for (int f = 0; f < d; f++)
				s[f] += w[i] * x[i * d + f];
			s[d] += w[i];
		}
		return s;
	}

	@Test
	void leafMeansKeepTheWeightAndTheMeanAndAreEnoughPerCluster() {
		final int n = 50_000;
		final int d = 3;
		final int k = 8;
		final SplittableRandom random = new SplittableRandom(1);
		final double[] x = new double[n * d];
		final double[] w = new double[n];
		for (int i = 0; i < n; i++) {
			for (int f = 0; f < d; f++)
				x[i * d + f] = random.nextDouble();
			w[i] = i % 10 == 0 ? 0 : 1 + random.nextInt(5);
		}
		final KdTree tree = KdTree.build(x, w, n, d, TaskRunner.SEQUENTIAL);
		// 50000 / (256 x 8) = 24 samples per leaf at most: a finer tree than the given one
		assertEquals(24, Coreset.leafSize(n, k));
		final Coreset coreset = Coreset.of(tree.points, tree.weights, n, d, tree, k, TaskRunner.SEQUENTIAL);
		assertFalse(coreset.samples);
		assertTrue(coreset.count >= Coreset.POINTS_PER_CLUSTER * k && coreset.count <= n / 12 + 1, "size " + coreset.count);
		assertArrayEquals(weightedSum(x, w, d), weightedSum(coreset.points, coreset.weights, d), 1e-6);
		for (final double v : coreset.weights)
			assertTrue(v > 0);
		// a tree whose leaves have the coreset's size is used as it is: one point per leaf of weight > 0
		final KdTree fine = KdTree.build(x, w, n, d, 24, TaskRunner.SEQUENTIAL);
		int positive = 0;
		for (int l = 0; l < fine.leaves; l++)
			if (fine.leafSums[l * (d + 1) + d] > 0) positive++;
		assertEquals(positive, Coreset.of(fine.points, fine.weights, n, d, fine, k, TaskRunner.SEQUENTIAL).count);
		// the same coreset whatever the runner
		assertArrayEquals(coreset.points, io.github.pixelclustering.testutil.Runners.withThreads(2, runner -> Coreset.of(tree.points, tree.weights, n, d, tree, k, runner)).points, 0);
	}

	@Test
	void fewSamplesAreTheirOwnCoreset() {
		final int n = 2 * 256 * 4 - 1;
		final double[] x = new double[n];
		final double[] w = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = i % 97;
			w[i] = 1;
		}
		final KdTree tree = KdTree.build(x, w, n, 1, TaskRunner.SEQUENTIAL);
		final Coreset coreset = Coreset.of(tree.points, tree.weights, n, 1, tree, 4, TaskRunner.SEQUENTIAL);
		assertTrue(coreset.samples);
		assertSame(tree, coreset.tree);
		assertEquals(n, coreset.count);
	}
}
