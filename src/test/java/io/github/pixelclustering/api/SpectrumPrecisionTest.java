package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.ClusterSignals;
import io.github.pixelclustering.spectrum.Decomposition;
import io.github.pixelclustering.spectrum.Preprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.LongType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.view.Views;

import org.junit.jupiter.api.Test;

/**
 * 64-bit spectra given to the scripting API stay 64-bit in the decomposition, the features and the
 * cluster spectra (HyperSpy works in float64), while 32-bit images are read as their float values: a
 * rank-3 map of float64 values up to 3e7, whose rank-3 model is exact in float64 and off by the float32
 * rounding of the input (about half a unit, RMS) in float32.
 */
class SpectrumPrecisionTest {

	private static final int W = 24, H = 20, N = W * H, M = 64, RANK = 3;

	/** Pixel-major rank-3 data: three smooth spectra, random abundances, values scaled up to 3e7 (with fractions). */
	private static double[] data() {
		final Random random = new Random(7);
		final double[] spectra = new double[RANK * M];
		for (int k = 0; k < RANK; k++)
			for (int c = 0; c < M; c++)
				spectra[k * M + c] = 0.2 + Math.exp(-0.5 * Math.pow((c - 12 - 18 * k) / 5.0, 2)) + 0.3 * Math.sin(0.1 * (k + 1) * c) * Math.sin(0.1 * (k + 1) * c);
		final double[] x = new double[N * M];
		for (int p = 0; p < N; p++) {
			final double[] a = new double[RANK];
			for (int k = 0; k < RANK; k++)
				a[k] = 1e7 * random.nextDouble();
			for (int c = 0; c < M; c++) {
				double v = 0;
				for (int k = 0; k < RANK; k++)
					v += a[k] * spectra[k * M + c];
				x[p * M + c] = v;
			}
		}
		double max = 0;
		for (final double v : x)
			max = Math.max(max, v);
		for (int i = 0; i < x.length; i++)
			x[i] *= 3e7 / max;
		return x;
	}

	/** One 2D ArrayImg per channel over a double[] ({@code ArrayImgs.doubles}, read without a copy). */
	private static List<RandomAccessibleInterval<DoubleType>> doublePlanes(final double[] x) {
		final List<RandomAccessibleInterval<DoubleType>> out = new ArrayList<>();
		for (int c = 0; c < M; c++) {
			final double[] plane = new double[N];
			for (int p = 0; p < N; p++)
				plane[p] = x[p * M + c];
			out.add(ArrayImgs.doubles(plane, W, H));
		}
		return out;
	}

	/** Slices of one 3D DoubleType image (views, not ArrayImgs: read through a copy). */
	private static List<RandomAccessibleInterval<DoubleType>> doubleSlices(final double[] x) {
		final Img<DoubleType> img = ArrayImgs.doubles(W, H, M);
		final net.imglib2.RandomAccess<DoubleType> ra = img.randomAccess();
		for (int p = 0; p < N; p++)
			for (int c = 0; c < M; c++) {
				ra.setPosition(new long[] { p % W, p / W, c });
				ra.get().set(x[p * M + c]);
			}
		final List<RandomAccessibleInterval<DoubleType>> out = new ArrayList<>();
		for (int c = 0; c < M; c++)
			out.add(Views.hyperSlice(img, 2, c));
		return out;
	}

	/** One 32-bit plane per channel, as ImageJ's 32-bit stacks are. */
	private static List<RandomAccessibleInterval<net.imglib2.type.numeric.real.FloatType>> floatPlanes(final double[] x) {
		final List<RandomAccessibleInterval<net.imglib2.type.numeric.real.FloatType>> out = new ArrayList<>();
		for (int c = 0; c < M; c++) {
			final float[] plane = new float[N];
			for (int p = 0; p < N; p++)
				plane[p] = (float) x[p * M + c];
			out.add(ArrayImgs.floats(plane, W, H));
		}
		return out;
	}

	private static SpectrumClustering.Settings settings(final SpectrumClustering.Source source) {
		return new SpectrumClustering.Settings(source, RANK, false, Preprocessing.NONE, ClusterAnalysis.Algorithm.KMEANS, 0, 3, 2, 0, 0, -1);
	}

	/** @return the RMS of the data minus the rank-3 model (loadings times factors) */
	private static double residual(final Decomposition d, final double[] x) {
		final double[] l = d.loadings(RANK), f = d.factors(RANK);
		double sum = 0;
		for (int p = 0; p < N; p++)
			for (int c = 0; c < M; c++) {
				double model = 0;
				for (int k = 0; k < RANK; k++)
					model += l[p * RANK + k] * f[c * RANK + k];
				final double r = x[p * M + c] - model;
				sum += r * r;
			}
		return Math.sqrt(sum / (N * M));
	}

	private static double residual(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> channels, final double[] x) {
		return residual(SpectrumClustering.features(channels, null, settings(SpectrumClustering.Source.DECOMPOSITION), ProgressListener.NONE).decomposition(), x);
	}

	@Test
	void sixtyFourBitInputKeepsItsPrecisionInTheDecomposition() {
		final double[] x = data();
		final double doubles = residual(doublePlanes(x), x), slices = residual(doubleSlices(x), x);
		final double floats = residual(floatPlanes(x), x);
		final double engine = residual(Decomposition.compute(x, N, M, RANK, false, TaskRunner.SEQUENTIAL, ProgressListener.NONE), x);
		// float64 throughout: the rank-3 model is exact to rounding (HyperSpy: 2e-8 on such data)
		assertTrue(doubles < 1e-4, "ArrayImgs.doubles: RMS residual " + doubles);
		assertTrue(slices < 1e-4, "DoubleType views: RMS residual " + slices);
		assertTrue(engine < 1e-4, "double[]: RMS residual " + engine);
		// ImageJ's 32-bit images are read as their float values: the model fits the rounded input, and
		// the part of the rounding in its subspace stays in it (about sqrt(3/64 + 3/480) of the rounding)
		double rounding = 0;
		for (final double v : x)
			rounding += (v - (float) v) * (v - (float) v);
		rounding = Math.sqrt(rounding / x.length);
		assertTrue(floats > 0.1 * rounding && floats < rounding, "float32: RMS residual " + floats + ", RMS rounding of the input " + rounding);
		System.out.printf("rank-3 map up to 3e7: RMS residual float64 %.3g (views %.3g, double[] %.3g), float32 %.3g (RMS rounding of the input %.3g)%n", doubles, slices, engine, floats, rounding);
	}

	@Test
	void sixtyFourBitInputKeepsItsPrecisionInFeaturesAndClusterSpectra() {
		final double[] x = data();
		final List<RandomAccessibleInterval<DoubleType>> planes = doublePlanes(x);
		final SpectrumClustering.Features features = SpectrumClustering.features(planes, null, settings(SpectrumClustering.Source.SIGNAL), ProgressListener.NONE);
		assertArrayEquals(x, features.values(), 0, "source=signal, preprocessing=none: the values themselves");
		final SpectrumClusteringResult result = SpectrumClustering.cluster(features, doubleSlices(x), settings(SpectrumClustering.Source.SIGNAL), ProgressListener.NONE);
		final ClusterSignals signals = result.signals();
		final int[] labels = result.labels();
		for (int l = 0; l < 3; l++) {
			final double[] sum = signals.sum(l), centroid = signals.centroid(l);
			final int pixel = result.centroidPixels()[l];
			for (int c = 0; c < M; c++) {
				double expected = 0;
				for (int p = 0; p < N; p++)
					if (labels[p] == l) expected += x[p * M + c];
				assertEquals(expected, sum[c], 1e-9 * Math.abs(expected), "sum of cluster " + l + ", channel " + c);
				assertEquals(x[pixel * M + c], centroid[c], 0, "centroid spectrum of cluster " + l + ", channel " + c);
			}
		}
		// and 32-bit input is its float values, exactly as before
		final SpectrumClustering.Features floats = SpectrumClustering.features(floatPlanes(x), null, settings(SpectrumClustering.Source.SIGNAL), ProgressListener.NONE);
		final double[] rounded = new double[x.length];
		for (int i = 0; i < x.length; i++)
			rounded[i] = (float) x[i];
		assertArrayEquals(rounded, floats.values(), 0);
	}

	@Test
	void integerTypesWiderThanFloatsAreReadAsDoubles() {
		// a 64-bit integer channel above 2^24 (floats hold integers exactly only up to 2^24)
		final long big = (1L << 40) + 3;
		final List<RandomAccessibleInterval<LongType>> channels = new ArrayList<>();
		for (int c = 0; c < 2; c++) {
			final long[] plane = new long[4];
			for (int p = 0; p < 4; p++)
				plane[p] = big + p + c;
			channels.add(ArrayImgs.longs(plane, 2, 2));
		}
		final SpectrumClustering.Settings s = new SpectrumClustering.Settings(SpectrumClustering.Source.SIGNAL, 1, false, Preprocessing.NONE, ClusterAnalysis.Algorithm.KMEANS, 0, 2, 1, 0, 0, -1);
		final double[] values = SpectrumClustering.features(channels, null, s, ProgressListener.NONE).values();
		for (int p = 0; p < 4; p++)
			for (int c = 0; c < 2; c++)
				assertEquals((double) (big + p + c), values[p * 2 + c], 0, "pixel " + p + ", channel " + c);
	}
}
