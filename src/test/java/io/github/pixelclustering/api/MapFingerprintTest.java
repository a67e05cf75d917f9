package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.pixelclustering.core.TaskRunner;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;

/**
 * The fingerprint by which a spectrum model knows its training map: one number for the same values
 * whatever type holds them (float and 8/16-bit channels take the vectorised path, double channels the
 * value-at-a-time one), another for any other value or pixel.
 */
class MapFingerprintTest {

	/** A 3 x 2 map of 3 channels, channel c at [c], raster order. */
	private static final double[][] MAP = { //
		{ 0, 1, 2, //
			3, 4, 5 }, //
		{ 7, 0, 0, //
			1, 250, 3 }, //
		{ 0, 0, 9, //
			65535, 2, 1 } };

	private static long fingerprint(final List<RandomAccessibleInterval<? extends RealType<?>>> channels, final int[] pixels) {
		return SpectrumModelApply.fingerprint(channels, pixels, 0, channels.size(), 3, 2, TaskRunner.SEQUENTIAL);
	}

	private static List<RandomAccessibleInterval<? extends RealType<?>>> floats(final double[][] map) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (final double[] channel : map) {
			final float[] f = new float[channel.length];
			for (int i = 0; i < f.length; i++)
				f[i] = (float) channel[i];
			out.add(ArrayImgs.floats(f, 3, 2));
		}
		return out;
	}

	private static List<RandomAccessibleInterval<? extends RealType<?>>> doubles(final double[][] map) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (final double[] channel : map)
			out.add(ArrayImgs.doubles(channel.clone(), 3, 2));
		return out;
	}

	private static List<RandomAccessibleInterval<? extends RealType<?>>> shorts(final double[][] map) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (final double[] channel : map) {
			final short[] s = new short[channel.length];
			for (int i = 0; i < s.length; i++)
				s[i] = (short) channel[i];
			out.add(ArrayImgs.unsignedShorts(s, 3, 2));
		}
		return out;
	}

	private static final int[] ALL = { 0, 1, 2, 3, 4, 5 };

	@Test
	void sameValuesInAnyTypeGiveOneFingerprint() {
		final long f = fingerprint(floats(MAP), ALL);
		assertEquals(f, fingerprint(doubles(MAP), ALL), "float channels (vectorised path) and double channels (value at a time)");
		assertEquals(f, fingerprint(shorts(MAP), ALL), "16-bit channels");
		final double[][] negative = { MAP[0].clone(), MAP[1].clone(), MAP[2].clone() };
		negative[2][0] = -3.5;
		negative[0][5] = -0.0;
		assertEquals(fingerprint(floats(negative), ALL), fingerprint(doubles(negative), ALL), "negative values and -0 in float and double channels");
	}

	@Test
	void anotherValueOrPixelSetGivesAnotherFingerprint() {
		final long f = fingerprint(floats(MAP), ALL);
		final double[][] changed = { MAP[0].clone(), MAP[1].clone(), MAP[2].clone() };
		changed[1][4] = 251;
		assertNotEquals(f, fingerprint(floats(changed), ALL), "one value one count higher");
		assertNotEquals(f, fingerprint(floats(MAP), new int[] { 0, 1, 2, 3, 4 }), "one pixel fewer");
		// a value that no float holds is hashed with its 64 bits: not its float's
		final double[][] fine = { MAP[0].clone(), MAP[1].clone(), MAP[2].clone() };
		fine[0][1] = 1 + 1e-12;
		assertNotEquals(f, fingerprint(doubles(fine), ALL), "1 + 1e-12 in a double channel");
		assertEquals(f, fingerprint(floats(fine), ALL), "the same value stored as a float is 1");
	}
}
