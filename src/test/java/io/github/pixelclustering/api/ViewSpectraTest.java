package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.pixelclustering.imglib.ParallelTasks;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

import org.junit.jupiter.api.Test;

/**
 * The spectra of channel images: one-plane PlanarImgs (how an ImagePlus's channels are viewed) and
 * ArrayImgs are read from their own arrays (a change to the array after the spectra were made is seen:
 * no copy of the map), with the values of their type; other images from a copy.
 */
class ViewSpectraTest {

	private static final int W = 3, H = 2;

	private static PlanarImg<FloatType, FloatArray> plane(final float[] a) {
		final PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(List.of(new FloatArray(a)), new long[] { W, H }, new Fraction());
		img.setLinkedType(new FloatType(img));
		return img;
	}

	private static PlanarImg<UnsignedShortType, ShortArray> plane(final short[] a) {
		final PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(List.of(new ShortArray(a)), new long[] { W, H }, new Fraction());
		img.setLinkedType(new UnsignedShortType(img));
		return img;
	}

	private static PlanarImg<UnsignedByteType, ByteArray> plane(final byte[] a) {
		final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(List.of(new ByteArray(a)), new long[] { W, H }, new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	private static double[] channel(final ViewSpectra x, final int c) {
		final double[] out = new double[x.pixels()];
		x.read(c, 0, x.pixels(), out, 0, 1);
		return out;
	}

	@Test
	void theChannelsOfAnImagePlusAreReadFromTheirOwnArrays() {
		final float[] f = { 0.5f, 1, 2, 3, 4, -5 };
		final short[] s = { 0, 1, -1, 300, 40000 - 65536, 7 };
		final byte[] b = { 0, 1, -1, 127, -128, 9 };
		final List<RandomAccessibleInterval<? extends RealType<?>>> channels = List.of(
				plane(f),
				plane(s),
				plane(b),
				ArrayImgs.floats(new float[] { 9, 8, 7, 6, 5, 4 }, W, H));
		final ViewSpectra x = new ViewSpectra(channels, null, W * H, ParallelTasks.current());
		assertArrayEquals(new double[] { 0.5, 1, 2, 3, 4, -5 }, channel(x, 0));
		assertArrayEquals(new double[] { 0, 1, 65535, 300, 40000, 7 }, channel(x, 1));
		assertArrayEquals(new double[] { 0, 1, 255, 127, 128, 9 }, channel(x, 2));
		assertArrayEquals(new double[] { 9, 8, 7, 6, 5, 4 }, channel(x, 3));
		// the image's own arrays, no copy
		f[5] = 42;
		s[0] = 12;
		b[1] = 13;
		assertArrayEquals(new double[] { 0.5, 1, 2, 3, 4, 42 }, channel(x, 0));
		assertArrayEquals(new double[] { 12, 1, 65535, 300, 40000, 7 }, channel(x, 1));
		assertArrayEquals(new double[] { 0, 13, 255, 127, 128, 9 }, channel(x, 2));
		// some pixels only
		final ViewSpectra some = new ViewSpectra(channels, new int[] { 1, 4 }, W * H, ParallelTasks.current());
		assertArrayEquals(new double[] { 1, 4 }, channel(some, 0));
		assertArrayEquals(new double[] { 1, 40000 }, channel(some, 1));
	}

	@Test
	void signedPixelsKeepTheirSign() {
		final short[] s = { 0, 1, -1, 300, -30000, 7 };
		final PlanarImg<ShortType, ShortArray> signed = new PlanarImg<>(List.of(new ShortArray(s)), new long[] { W, H }, new Fraction());
		signed.setLinkedType(new ShortType(signed));
		final ViewSpectra x = new ViewSpectra(List.of(signed), null, W * H, ParallelTasks.current());
		assertArrayEquals(new double[] { 0, 1, -1, 300, -30000, 7 }, channel(x, 0));
	}
}
