package io.github.pixelclustering.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Projection.Block} gives {@link Projection#project}'s numbers bit for bit, fed one or four channels at a time. */
class ProjectionBlockTest {

	@Test
	void fourChannelsAtATimeGiveTheNumbersOfOneAtATime() {
		// 14 channels: three groups of four and a rest of two; 5 and 4 components (a single one left, or none)
		final int n = 37, m = 14;
		final SplittableRandom random = new SplittableRandom(3);
		final double[][] rows = new double[m][n];
		final double[] pixelMajor = new double[n * m];
		for (int c = 0; c < m; c++)
			for (int p = 0; p < n; p++)
				pixelMajor[p * m + c] = rows[c][p] = Math.floor(random.nextDouble() * 500) / 7;
		for (final int count : new int[] { 5, 4 })
			for (final boolean poisson : new boolean[] { false, true }) {
				final double[] projection = new double[count * m];
				for (int i = 0; i < projection.length; i++)
					projection[i] = random.nextDouble() * 2 - 1;
				final Projection.Block one = new Projection.Block(projection, m, count, poisson, n), four = new Projection.Block(projection, m, count, poisson, n);
				for (int c = 0; c < m; c++)
					one.add(c, rows[c]);
				for (int c = 0; c < 12; c += 4)
					four.add(c, rows[c], rows[c + 1], rows[c + 2], rows[c + 3]);
				four.add(12, rows[12]);
				four.add(13, rows[13]);
				final double[] a = new double[count * n], b = new double[count * n], single = new double[count];
				one.finish(a);
				four.finish(b);
				for (int p = 0; p < n; p++) {
					Projection.project(pixelMajor, p * m, m, projection, count, poisson, single, 0);
					for (int k = 0; k < count; k++) {
						final String where = count + " components, poisson " + poisson + ", pixel " + p + ", loading " + k;
						assertEquals(Double.doubleToLongBits(single[k]), Double.doubleToLongBits(a[k * n + p]), where + ", one at a time");
						assertEquals(Double.doubleToLongBits(single[k]), Double.doubleToLongBits(b[k * n + p]), where + ", four at a time");
					}
				}
			}
	}
}
