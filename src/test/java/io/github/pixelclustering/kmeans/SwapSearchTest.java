package io.github.pixelclustering.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.Runners;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SwapSearchTest {

	/**
	 * One feature: a tight group A near 0 and a group B of two tight halves near 10 and 12. Centres
	 * 0.045, 0.145 (A cut in two) and 11.045 (B's halves merged) are a Lloyd fixed point with a cost
	 * near 20; the optimum has one centre on A and one on each half of B (cost below 0.1).
	 */
	private static final double[] LINE = {
			0.00, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, /**/ 0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19, // A
			10.00, 10.01, 10.02, 10.03, 10.04, 10.05, 10.06, 10.07, 10.08, 10.09, // B, left half
			12.00, 12.01, 12.02, 12.03, 12.04, 12.05, 12.06, 12.07, 12.08, 12.09 }; // B, right half

	private static final double[] STUCK = { 0.045, 0.145, 11.045 };

	private static LloydSolver.Run[] startAndImproved(final double[] x, final double[] w, final double[] init, final TaskRunner runner) {
		final int n = w.length;
		final int d = x.length / n;
		final int k = init.length / d;
		final KdTree tree = KdTree.build(x, w, n, d, runner);
		final double scale = Arrays.stream(x).map(Math::abs).max().getAsDouble();
		final LloydSolver full = new LloydSolver(tree.points, tree.weights, n, d, k, KMeansSettings.Algorithm.HAMERLY, tree, scale, runner);
		final LloydSolver.Run run = full.run(init, 300, 0, ProgressListener.NONE, done -> {});
		final LloydSolver.Run start = new LloydSolver.Run(run.centres, run.labels.clone(), run.inertia, run.iterations);
		final Coreset coreset = Coreset.of(tree.points, tree.weights, n, d, tree, k, runner);
		return new LloydSolver.Run[] { start, SwapSearch.improve(start, full, coreset, k, KMeansSettings.Algorithm.HAMERLY, scale, 300, 0, runner, ProgressListener.NONE) };
	}

	private static double[] ones(final int n) {
		final double[] w = new double[n];
		Arrays.fill(w, 1);
		return w;
	}

	@Test
	void movesACentreFromAGroupCutInTwoToAGroupThatDeservesTwo() {
		final LloydSolver.Run[] runs = startAndImproved(LINE, ones(LINE.length), STUCK, TaskRunner.SEQUENTIAL);
		// Lloyd alone stays where it started
		assertArrayEquals(STUCK, runs[0].centres, 1e-12);
		assertTrue(runs[0].inertia > 19, "start " + runs[0].inertia);
		// the search leaves one centre on A and one on each half of B
		final double[] centres = runs[1].centres.clone();
		Arrays.sort(centres);
		assertArrayEquals(new double[] { 0.095, 10.045, 12.045 }, centres, 1e-9);
		assertEquals(20 * 0.003325 + 2 * 10 * 0.000825, runs[1].inertia, 1e-9);
		// labels match the centres: each sample has its nearest centre's label (1-D: the tree keeps the order)
		for (int i = 0; i < LINE.length; i++) {
			final double nearest = runs[1].centres[runs[1].labels[i]];
			assertEquals(i < 20 ? 0.095 : i < 30 ? 10.045 : 12.045, nearest, 1e-9, "sample " + i);
		}
	}

	@Test
	void weightsCountAsRepeatedSamples() {
		// A's and B's samples given once each, weighted by 2: the same search on the same objective
		final double[] w = ones(LINE.length);
		Arrays.fill(w, 2);
		final LloydSolver.Run[] runs = startAndImproved(LINE, w, STUCK, TaskRunner.SEQUENTIAL);
		final double[] centres = runs[1].centres.clone();
		Arrays.sort(centres);
		assertArrayEquals(new double[] { 0.095, 10.045, 12.045 }, centres, 1e-9);
		assertEquals(2 * (20 * 0.003325 + 2 * 10 * 0.000825), runs[1].inertia, 1e-9);
	}

	@Test
	void anOptimalStartIsReturnedAsItIs() {
		final LloydSolver.Run[] runs = startAndImproved(LINE, ones(LINE.length), new double[] { 0.095, 10.045, 12.045 }, TaskRunner.SEQUENTIAL);
		assertSame(runs[0], runs[1]);
	}

	@Test
	void manyClustersAreLeftAsTheyAre() {
		// above MAX_CLUSTERS the k^2 estimates are not computed: the start comes back
		final int k = SwapSearch.MAX_CLUSTERS + 1;
		final double[] x = new double[3 * k];
		final double[] init = new double[k];
		for (int i = 0; i < x.length; i++)
			x[i] = i + (i % 3 == 0 ? 0 : 0.25);
		for (int j = 0; j < k; j++)
			init[j] = x[3 * j];
		final LloydSolver.Run[] runs = startAndImproved(x, ones(x.length), init, TaskRunner.SEQUENTIAL);
		assertSame(runs[0], runs[1]);
	}

	@Test
	void theSameResultForAnyNumberOfThreads() {
		// 2 features, 4 blobs on a line and 1 far away, k = 4 started with two centres on one blob
		final int n = 5 * 200;
		final double[] x = new double[2 * n];
		final java.util.Random random = new java.util.Random(5);
		for (int i = 0; i < n; i++) {
			final int blob = i / 200;
			x[2 * i] = blob * 3 + 0.3 * random.nextGaussian();
			x[2 * i + 1] = (blob == 4 ? 20 : 0) + 0.3 * random.nextGaussian();
		}
		final double[] init = { 0, 0, 0.1, 0.1, 6, 0, 10, 10 };
		final LloydSolver.Run[] one = startAndImproved(x, ones(n), init, TaskRunner.SEQUENTIAL);
		assertTrue(one[1].inertia < one[0].inertia, one[0].inertia + " -> " + one[1].inertia);
		for (final int threads : new int[] { 2, 3 }) {
			final LloydSolver.Run[] many = Runners.withThreads(threads, runner -> startAndImproved(x, ones(n), init, runner));
			assertArrayEquals(one[1].centres, many[1].centres, 0, threads + " threads");
			assertArrayEquals(one[1].labels, many[1].labels, threads + " threads");
		}
	}
}
