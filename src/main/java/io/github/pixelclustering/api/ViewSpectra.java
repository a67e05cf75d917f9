package io.github.pixelclustering.api;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.FlatArrays;
import io.github.pixelclustering.spectrum.Spectra;

import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * The spectra of the analysed pixels over the channel range, read straight from the channel images'
 * pixel arrays when they are unsigned 8- or 16-bit, float or double ArrayImgs or one-plane PlanarImgs
 * (an ImagePlus's channels, or an {@code ArrayImgs.doubles} over a script's {@code double[]}), else from
 * a copy of each channel: a float
 * copy for float and integer types of up to 24 bits (which floats hold exactly), a double copy for
 * every other type (64-bit data keep their precision).
 */
final class ViewSpectra implements Spectra {

	private final Object[] planes;
	private final int[] pixels;
	/** Whether the pixels are all pixels in raster order (then pixel p is index p). */
	private final boolean all;

	/** @param pixels raster indices of the pixels, or null for all pixels in raster order */
	ViewSpectra(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final int[] pixels, final int planeSize, final TaskRunner runner) {
		this.pixels = pixels != null ? pixels : identity(planeSize);
		this.all = pixels == null || pixels.length == planeSize;
		planes = new Object[channels.size()];
		Chunks.of(planes.length, 16).forEach(runner, (b, start, end) -> {
			for (int c = start; c < end; c++)
				planes[c] = direct(channels.get(c), planeSize);
		});
	}

	private static int[] identity(final int n) {
		final int[] all = new int[n];
		for (int i = 0; i < n; i++)
			all[i] = i;
		return all;
	}

	@Override
	public int pixels() {
		return pixels.length;
	}

	@Override
	public int channels() {
		return planes.length;
	}

	/** @return whether every value of the channel is a 32-bit float (it was read from 8-, 16- or 32-bit data) */
	boolean floats(final int channel) {
		return !(planes[channel] instanceof double[]);
	}

	@Override
	public float[] floatPlane(final int channel) {
		return all && planes[channel] instanceof float[] ? (float[]) planes[channel] : null;
	}

	@Override
	public void read(final int channel, final int from, final int to, final double[] out, final int offset, final int stride) {
		final Object plane = planes[channel];
		if (plane instanceof float[]) {
			final float[] v = (float[]) plane;
			if (all) for (int p = from, o = offset; p < to; p++, o += stride)
				out[o] = v[p];
			else for (int p = from, o = offset; p < to; p++, o += stride)
				out[o] = v[pixels[p]];
		}
		else if (plane instanceof double[]) {
			final double[] v = (double[]) plane;
			if (all && stride == 1) System.arraycopy(v, from, out, offset, to - from);
			else for (int p = from, o = offset; p < to; p++, o += stride)
				out[o] = v[pixels[p]];
		}
		else if (plane instanceof short[]) {
			final short[] v = (short[]) plane;
			for (int p = from, o = offset; p < to; p++, o += stride)
				out[o] = v[pixels[p]] & 0xffff;
		}
		else {
			final byte[] v = (byte[]) plane;
			for (int p = from, o = offset; p < to; p++, o += stride)
				out[o] = v[pixels[p]] & 0xff;
		}
	}

	/**
	 * @return the view's own array when it is an unsigned 8-, 16-bit, float or double ArrayImg or
	 *         one-plane PlanarImg, else a
	 *         float copy (types floats hold exactly) or a double copy
	 */
	private static Object direct(final RandomAccessibleInterval<? extends RealType<?>> view, final int planeSize) {
		final RealType<?> type = Views.flatIterable(view).firstElement();
		// an ArrayImg or a one-plane PlanarImg (an ImagePlus's channel): its own array
		final FlatArrays flat = FlatArrays.of(view);
		if (flat != null && flat.size() == planeSize) {
			final Object array = flat.array(0);
			if (array instanceof float[] && type instanceof FloatType || array instanceof double[] && type instanceof DoubleType || array instanceof short[] && type instanceof UnsignedShortType || array instanceof byte[] && type instanceof UnsignedByteType) return array;
		}
		final Cursor<? extends RealType<?>> cursor = Views.flatIterable(view).cursor();
		if (type instanceof FloatType || type instanceof IntegerType && type.getBitsPerPixel() <= 24) {
			final float[] plane = new float[planeSize];
			for (int i = 0; cursor.hasNext(); i++)
				plane[i] = cursor.next().getRealFloat();
			return plane;
		}
		final double[] plane = new double[planeSize];
		for (int i = 0; cursor.hasNext(); i++)
			plane[i] = cursor.next().getRealDouble();
		return plane;
	}
}
