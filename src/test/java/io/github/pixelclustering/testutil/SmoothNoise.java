package io.github.pixelclustering.testutil;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

/**
 * Smoothed noise, exactly as {@code noise()} in {@code scripts/ward_fixtures.py} (and the Ward
 * benchmark): SplitMix64 integers 0..255 drawn in the order sample, z, y, x (x fastest), each summed
 * over a box of the given radius around it (in z too for 3D grids), clipped at the borders. Values are
 * integers, so Java and Python see identical numbers.
 */
public final class SmoothNoise {

	private SmoothNoise() {}

	/**
	 * @param nx width
	 * @param ny height
	 * @param nz depth (1 for 2D)
	 * @param samples number of samples
	 * @param seed SplitMix64 seed
	 * @param radius box radius
	 * @return pixel-major values: entry {@code p * samples + s} is pixel p (raster order) in sample s
	 */
	public static double[] pixelMajor(final int nx, final int ny, final int nz, final int samples, final long seed, final int radius) {
		final int n = nx * ny * nz;
		final int[] raw = new int[samples * n];
		long state = seed;
		for (int i = 0; i < raw.length; i++) {
			state += 0x9E3779B97F4A7C15L;
			long z = state;
			z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
			z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
			z = z ^ (z >>> 31);
			raw[i] = (int) (z >>> 56);
		}
		final int rz = nz > 1 ? radius : 0;
		final double[] out = new double[n * samples];
		for (int s = 0; s < samples; s++)
			for (int z = 0; z < nz; z++)
				for (int y = 0; y < ny; y++)
					for (int x = 0; x < nx; x++) {
						long sum = 0;
						for (int zz = Math.max(0, z - rz); zz <= Math.min(nz - 1, z + rz); zz++)
							for (int yy = Math.max(0, y - radius); yy <= Math.min(ny - 1, y + radius); yy++)
								for (int xx = Math.max(0, x - radius); xx <= Math.min(nx - 1, x + radius); xx++)
									sum += raw[s * n + (zz * ny + yy) * nx + xx];
						out[((z * ny + y) * nx + x) * samples + s] = sum;
					}
		return out;
	}

	/**
	 * The same values as {@link #pixelMajor} of a 2D grid, as one image per sample.
	 *
	 * @return {@code samples} images of {@code nx x ny} doubles
	 */
	public static List<RandomAccessibleInterval<? extends RealType<?>>> samples(final int nx, final int ny, final int samples, final long seed, final int radius) {
		final double[] x = pixelMajor(nx, ny, 1, samples, seed, radius);
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (int s = 0; s < samples; s++) {
			final double[] plane = new double[nx * ny];
			for (int p = 0; p < plane.length; p++)
				plane[p] = x[p * samples + s];
			out.add(ArrayImgs.doubles(plane, nx, ny));
		}
		return out;
	}
}
