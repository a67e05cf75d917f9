package io.github.pixelclustering.kmeans;

/**
 * The number {@link Columns} must give for a pair of rows, written out plainly for the tests: the dot
 * product multiply-added in feature order from 0, then {@code max(0, |a|^2 + |b|^2 - 2 a.b)}.
 */
final class DotDistance {

	private DotDistance() {}

	/** @return the squared distance between a[aOffset..+d) and b[bOffset..+d), of squared norms aNorm and bNorm */
	static double of(final double[] a, final int aOffset, final double aNorm, final double[] b, final int bOffset, final double bNorm, final int d) {
		double dot = 0;
		for (int f = 0; f < d; f++)
			dot = Math.fma(a[aOffset + f], b[bOffset + f], dot);
		return Math.max(0, aNorm + bNorm - 2 * dot);
	}

	/** @return the n x k matrix (row-major) of the distances between the n rows of x and the k rows of c */
	static double[] matrix(final double[] x, final int n, final double[] xNorms, final double[] c, final int k, final double[] cNorms, final int d) {
		final double[] out = new double[n * k];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < k; j++)
				out[i * k + j] = of(x, i * d, xNorms[i], c, j * d, cNorms[j], d);
		return out;
	}
}
