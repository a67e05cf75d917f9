package io.github.pixelclustering.kmeans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link Columns} computes, bit for bit, the distance its contract defines ({@link DotDistance}), for any
 * number of features, range of rows, and once compiled and vectorised: every dense k-means path relies
 * on it (kept distances must equal computed ones, chunks and threads must agree).
 */
class ColumnsTest {

	private static double[] gaussian(final Random random, final int length) {
		final double[] v = new double[length];
		for (int i = 0; i < length; i++)
			v[i] = random.nextGaussian() * (1 + i % 5);
		return v;
	}

	private static void assertSameBits(final double expected, final double actual, final String what) {
		assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what + ": " + expected + " vs " + actual);
	}

	@Test
	void distancesAreTheDefinedNumbersForAnyNumberOfFeatures() {
		final Random random = new Random(5);
		final int[] features = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 16, 20, 23, 50 };
		final int n = 37;
		final int k = 6;
		for (final int d : features) {
			final double[] x = gaussian(random, n * d);
			final double[] c = gaussian(random, k * d);
			final double[] xNorms = Distances.norms(x, n, d);
			final double[] cNorms = Distances.norms(c, k, d);
			// one centre is a row: its distance to that row must come out as 0 in both
			System.arraycopy(x, 4 * d, c, 2 * d, d);
			cNorms[2] = xNorms[4];
			final double[] block = DotDistance.matrix(x, n, xNorms, c, k, cNorms, d);
			final Columns columns = new Columns().of(x, n, d, xNorms);
			final double[] out = new double[n];
			for (int j = 0; j < k; j++) {
				columns.squaredTo(0, n, c, j * d, cNorms[j], out);
				for (int i = 0; i < n; i++)
					assertSameBits(block[i * k + j], out[i], d + " features, row " + i + ", centre " + j);
			}
			// a range of rows leaves the others untouched
			final double[] part = new double[n];
			java.util.Arrays.fill(part, -1);
			columns.squaredTo(5, 30, c, d, cNorms[1], part);
			for (int i = 0; i < n; i++)
				assertSameBits(i >= 5 && i < 30 ? block[i * k + 1] : -1, part[i], d + " features, range, row " + i);
		}
	}

	@Test
	void compiledLoopsGiveTheSameNumbers() {
		// enough calls for the just-in-time compiler to compile (and vectorise) the loops; the bits must
		// not change with it
		final Random random = new Random(8);
		final int n = 203;
		final int d = 22;
		final double[] x = gaussian(random, n * d);
		final double[] c = gaussian(random, d);
		final double[] xNorms = Distances.norms(x, n, d);
		final double cNorm = Distances.norm(c, 0, d);
		final double[] block = DotDistance.matrix(x, n, xNorms, c, 1, new double[] { cNorm }, d);
		final Columns columns = new Columns().of(x, n, d, xNorms);
		final double[] out = new double[n];
		for (int call = 0; call < 20_000; call++) {
			columns.squaredTo(0, n, c, 0, cNorm, out);
			if (call % 1000 == 0) for (int i = 0; i < n; i++)
				assertSameBits(block[i], out[i], "call " + call + ", row " + i);
		}
		for (int i = 0; i < n; i++)
			assertSameBits(block[i], out[i], "last call, row " + i);
	}

	@Test
	void rowsAddedOrRemovedKeepTheirValues() {
		final Random random = new Random(2);
		final int d = 7;
		final double[] x = gaussian(random, 10 * d);
		final double[] norms = Distances.norms(x, 10, d);
		final Columns columns = new Columns().clear(10, d);
		for (final int i : new int[] { 9, 3, 5, 0 })
			columns.add(x, i, norms[i]);
		assertEquals(4, columns.count);
		columns.removeBySwap(1); // row 3 goes; the last (row 0) takes its place
		assertEquals(3, columns.count);
		final int[] expected = { 9, 0, 5 };
		for (int r = 0; r < 3; r++) {
			for (int f = 0; f < d; f++)
				assertSameBits(x[expected[r] * d + f], columns.get(r, f), "row " + r + ", feature " + f);
			assertSameBits(norms[expected[r]], columns.norms[r], "norm of row " + r);
		}
		// reused with fewer features and more rows
		columns.of(x, 10, d, norms);
		assertEquals(10, columns.count);
		assertSameBits(x[9 * d + 6], columns.get(9, 6), "refilled");
	}
}
