package io.github.pixelclustering.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link RowDistances} gives exactly the numbers {@link Columns} computes ({@link DotDistance}), so seeding with it chooses the same centres. */
class RowDistancesTest {

	private static final int N = 37;
	private static final int D = 23;

	private static double[] rows() {
		final java.util.Random random = new java.util.Random(11);
		final double[] x = new double[N * D];
		for (int i = 0; i < x.length; i++)
			x[i] = random.nextGaussian();
		return x;
	}

	private static double[] norms(final double[] x) {
		final double[] norms = new double[N];
		for (int i = 0; i < N; i++)
			norms[i] = Distances.norm(x, i * D, D);
		return norms;
	}

	@Test
	void distancesAreTheDefinedNumbersInEitherOrder() {
		final double[] x = rows();
		final double[] norms = norms(x);
		final double[] all = DotDistance.matrix(x, N, norms, x, N, norms, D);
		final RowDistances cache = new RowDistances(x, N, D, norms);
		final int[] which = { 3, 36, 3, 0, 17 };
		final double[][] arrays = new double[which.length][];
		final int[] offsets = new int[which.length];
		cache.distances(which, which.length, arrays, offsets);
		for (int t = 0; t < which.length; t++)
			for (int i = 0; i < N; i++) {
				final double v = arrays[t][offsets[t] + i];
				assertEquals(Double.doubleToLongBits(all[which[t] * N + i]), Double.doubleToLongBits(v), "row " + which[t] + " to " + i);
				assertEquals(Double.doubleToLongBits(all[i * N + which[t]]), Double.doubleToLongBits(v), "row " + i + " to " + which[t]);
			}
		// kept: asked again, the same place, not computed again
		assertSame(arrays[0], arrays[2]);
		assertEquals(offsets[0], offsets[2]);
		final double[][] again = new double[1][];
		final int[] at = new int[1];
		cache.distances(new int[] { 17 }, 1, again, at);
		assertSame(arrays[4], again[0]);
		assertEquals(offsets[4], at[0]);
	}

	@Test
	void rowsBeyondTheBudgetAreComputedAndBlocksHoldSeveralRows() {
		final double[] x = rows();
		final double[] norms = norms(x);
		final double[] all = DotDistance.matrix(x, N, norms, x, N, norms, D);
		// room for 5 rows, 2 per block (the last block holds 1)
		final RowDistances cache = new RowDistances(x, N, D, norms, 5 * 8L * N, 2 * 8L * N);
		final int[] which = { 0, 1, 2, 3, 4, 5, 6, 0, 6 };
		final double[][] arrays = new double[which.length][];
		final int[] offsets = new int[which.length];
		cache.distances(which, which.length, arrays, offsets);
		for (int t = 0; t < which.length; t++)
			for (int i = 0; i < N; i++)
				assertEquals(Double.doubleToLongBits(all[which[t] * N + i]), Double.doubleToLongBits(arrays[t][offsets[t] + i]), "row " + which[t] + " to " + i);
		assertSame(arrays[0], arrays[1], "rows 0 and 1 share a block");
		assertEquals(N, offsets[1]);
		assertEquals(N, arrays[4].length, "the last block holds one row");
		assertSame(arrays[0], arrays[7], "row 0 is kept");
		assertEquals(0, offsets[5], "row 5 is beyond the budget: computed on its own");
		assertEquals(N, arrays[5].length);
		org.junit.jupiter.api.Assertions.assertNotSame(arrays[5], arrays[6], "each position has its own array");
	}

	@Test
	void seedingWithKeptDistancesChoosesTheSameCentres() {
		final double[] x = rows();
		final double[] norms = norms(x);
		final double[] w = new double[N];
		for (int i = 0; i < N; i++)
			w[i] = 1 + i % 3;
		final RowDistances cache = new RowDistances(x, N, D, norms);
		for (int restart = 0; restart < 4; restart++) {
			final SplittableRandom a = new SplittableRandom(restart);
			final SplittableRandom b = new SplittableRandom(restart);
			final double[] computed = new DenseSeeding.Workspace().seed(x, N, D, norms, null, w, 9, KMeansPlusPlus.trials(9), a::nextDouble);
			final DenseSeeding.Workspace workspace = new DenseSeeding.Workspace();
			final double[] looked = workspace.seed(x, N, D, norms, cache, w, 9, KMeansPlusPlus.trials(9), b::nextDouble);
			assertArrayEquals(computed, looked, 0);
			for (int j = 0; j < 9; j++)
				assertArrayEquals(java.util.Arrays.copyOfRange(x, workspace.chosen[j] * D, (workspace.chosen[j] + 1) * D), java.util.Arrays.copyOfRange(looked, j * D, (j + 1) * D), 0);
		}
	}
}
