package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.ClusterNumber;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.spectrum.UserClustering;
import io.github.pixelclustering.spectrum.UserPreprocessing;
import io.github.pixelclustering.testutil.EdsData;
import io.github.pixelclustering.testutil.Partitions;

import java.util.ArrayList;
import java.util.List;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User-defined preprocessing and clustering in the scripting API (HyperSpy's objects with
 * {@code fit_transform}, and with {@code fit} + {@code labels_}): from Java lambdas, and from Groovy
 * closures and Jython functions through their script engines, as Fiji's script editor runs them.
 */
class UserStepsTest {

	private static List<? extends RandomAccessibleInterval<? extends RealType<?>>> eds;

	@BeforeAll
	static void open() {
		System.setProperty("java.awt.headless", "true");
		eds = SpectrumAxis.of(EdsData.open(), 0, 0, "keV").views();
	}

	private static SpectrumClustering.Settings settings(final Preprocessing preprocessing) {
		return new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 5, true, preprocessing, ClusterAnalysis.Algorithm.KMEANS, 0, 4, 3, 0, 0, -1);
	}

	/** The norm preprocessing written as a user's function. */
	static double[] norm(final double[] x, final int n, final int d) {
		for (int i = 0; i < n; i++) {
			double s = 0;
			for (int j = 0; j < d; j++)
				s += x[i * d + j] * x[i * d + j];
			final double length = Math.sqrt(s);
			for (int j = 0; j < d; j++)
				x[i * d + j] = length > 0 ? x[i * d + j] / length : 0;
		}
		return x;
	}

	@Test
	void userPreprocessingReplacesTheBuiltInOne() {
		final SpectrumClustering.Features builtIn = SpectrumClustering.features(eds, null, settings(Preprocessing.NORM), ProgressListener.NONE);
		final SpectrumClustering.Features user = SpectrumClustering.features(eds, null, settings(Preprocessing.NONE).withPreprocessing(UserStepsTest::norm), ProgressListener.NONE);
		assertTrue(user.userPreprocessed());
		assertFalse(builtIn.userPreprocessed());
		assertArrayEquals(builtIn.values(), user.values(), 1e-15);
		final SpectrumClusteringResult a = SpectrumClustering.cluster(builtIn, eds, settings(Preprocessing.NORM), ProgressListener.NONE);
		final SpectrumClusteringResult b = SpectrumClustering.cluster(user, eds, settings(Preprocessing.NONE), ProgressListener.NONE);
		assertArrayEquals(a.fit().labels(), b.fit().labels());
		// another number of features per pixel: the squares of the loadings appended
		final UserPreprocessing widen = (x, n, d) -> {
			final double[] out = new double[n * 2 * d];
			for (int i = 0; i < n; i++)
				for (int j = 0; j < d; j++) {
					out[i * 2 * d + j] = x[i * d + j];
					out[i * 2 * d + d + j] = x[i * d + j] * x[i * d + j];
				}
			return out;
		};
		final SpectrumClustering.Features wide = SpectrumClustering.features(eds, null, settings(Preprocessing.NONE).withPreprocessing(widen), ProgressListener.NONE);
		assertEquals(10, wide.dimensions());
		assertEquals(5, wide.components());
		assertEquals(4, SpectrumClustering.cluster(wide, eds, settings(Preprocessing.NONE), ProgressListener.NONE).clusters());
	}

	/** A deterministic user's algorithm: k bins of the first feature, equally many pixels each. */
	static int[] bins(final double[] x, final int n, final int d, final int k) {
		final Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++)
			order[i] = i;
		java.util.Arrays.sort(order, (a, b) -> Double.compare(x[a * d], x[b * d]));
		final int[] labels = new int[n];
		for (int r = 0; r < n; r++)
			labels[order[r]] = (int) ((long) r * k / n);
		return labels;
	}

	@Test
	void userClusteringGivesTheLabelsAndIsAskedEveryK() {
		final SpectrumClustering.Features features = SpectrumClustering.features(eds, null, settings(Preprocessing.NORM), ProgressListener.NONE);
		final SpectrumClustering.Settings user = settings(Preprocessing.NORM).withClusters(3).withAlgorithm(UserStepsTest::bins);
		final SpectrumClusteringResult result = SpectrumClustering.cluster(features, eds, user, ProgressListener.NONE);
		assertEquals(3, result.clusters());
		assertArrayEquals(new int[] { 300, 300, 300 }, result.fit().sizes());
		assertEquals(1.0, Partitions.adjustedRand(result.fit().labels(), bins(features.values(), features.pixels(), features.dimensions(), 3)), 0);
		// centres are the clusters' mean features
		final double[] x = features.values();
		final int d = features.dimensions();
		final int[] labels = result.fit().labels();
		final double[] mean = new double[d];
		int count = 0;
		for (int i = 0; i < labels.length; i++)
			if (labels[i] == 0) {
				count++;
				for (int j = 0; j < d; j++)
					mean[j] += x[i * d + j];
			}
		for (int j = 0; j < d; j++)
			assertEquals(mean[j] / count, result.fit().centroids()[j], 1e-12);
		// the estimate asks it for every k, as HyperSpy sets n_clusters
		final List<Integer> asked = new ArrayList<>();
		final UserClustering recording = (v, n, dims, k) -> {
			asked.add(k);
			return bins(v, n, dims, k);
		};
		final ClusterNumber.Result estimate = SpectrumClustering.estimate(features, 5, ClusterNumber.Metric.ELBOW, settings(Preprocessing.NORM).withAlgorithm(recording), ProgressListener.NONE);
		assertEquals(List.of(2, 3, 4, 5), asked, "every k but 1 (one cluster needs no algorithm)");
		assertTrue(estimate.estimate() >= 1);
	}

	@Test
	void wrongAnswersAreRefusedWithWhatWasExpected() {
		final SpectrumClustering.Features features = SpectrumClustering.features(eds, null, settings(Preprocessing.NORM), ProgressListener.NONE);
		final IllegalArgumentException shortLabels = assertThrows(IllegalArgumentException.class, () -> SpectrumClustering.cluster(features, eds, settings(Preprocessing.NORM).withAlgorithm((x, n, d, k) -> new int[10]), ProgressListener.NONE));
		assertEquals(String.format(ClusterAnalysis.USER_LABELS, 3, 900, "10 labels"), shortLabels.getMessage());
		final IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> SpectrumClustering.cluster(features, eds, settings(Preprocessing.NORM).withAlgorithm((x, n, d, k) -> {
			final int[] l = bins(x, n, d, k);
			l[7] = -1;
			return l;
		}), ProgressListener.NONE));
		assertEquals(String.format(ClusterAnalysis.USER_LABELS, 3, 900, "label -1 at pixel 7"), outside.getMessage());
		final IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class, () -> SpectrumClustering.cluster(features, eds, settings(Preprocessing.NORM).withAlgorithm((x, n, d, k) -> new int[n]), ProgressListener.NONE));
		assertEquals(String.format(ClusterAnalysis.FEWER_CLUSTERS, ClusterAnalysis.USER_DEFINED, 1, 4), fewer.getMessage());
		final IllegalArgumentException odd = assertThrows(IllegalArgumentException.class, () -> SpectrumClustering.features(eds, null, settings(Preprocessing.NONE).withPreprocessing((x, n, d) -> new double[n + 1]), ProgressListener.NONE));
		assertEquals(String.format(SpectrumClustering.USER_PREPROCESSING, 900, "901 values"), odd.getMessage());
		final IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> SpectrumClustering.features(eds, null, settings(Preprocessing.NONE).withPreprocessing((x, n, d) -> {
			x[3] = Double.NaN;
			return x;
		}), ProgressListener.NONE));
		assertEquals(String.format(SpectrumClustering.USER_PREPROCESSING, 900, "NaN at value 3"), nan.getMessage());
		final SpectrumClustering.Settings ward = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 5, true, Preprocessing.NORM, ClusterAnalysis.Algorithm.AGGLOMERATIVE, 0, 0, 0, 0, 0, -1).withDistanceThreshold(1);
		final IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class, () -> ward.withAlgorithm(UserStepsTest::bins));
		assertEquals(String.format(ClusterAnalysis.USER_THRESHOLD, 1.0), threshold.getMessage());
		// no model: the function is not in the file
		final SpectrumClusteringResult result = SpectrumClustering.cluster(features, eds, settings(Preprocessing.NORM).withAlgorithm(UserStepsTest::bins), ProgressListener.NONE);
		final IllegalArgumentException model = assertThrows(IllegalArgumentException.class, () -> SpectrumClusteringModel.of(SpectrumClusteringModel.COMMAND, result, settings(Preprocessing.NORM).withAlgorithm(UserStepsTest::bins), java.util.Map.of(), null, new SpectrumClusteringModel.EnergyAxis(EdsData.CHANNELS, 0, 1, "keV"), false, "mean", new int[5], eds));
		assertEquals(SpectrumClusteringModel.USER_STEPS, model.getMessage());
	}

	/** The README's example, as a Groovy script: a power-scaling closure and a k-bins closure. */
	static final String GROOVY = String.join("\n", //
		"import io.github.pixelclustering.api.SpectrumClustering", //
		"import io.github.pixelclustering.spectrum.ClusterAnalysis", //
		"import io.github.pixelclustering.spectrum.Preprocessing", //
		"import io.github.pixelclustering.core.ProgressListener", //
		"def settings = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 5, true, Preprocessing.NONE,", //
		"        ClusterAnalysis.Algorithm.KMEANS, 0, 4, 3, 0, 0, -1)", //
		"def power = { double[] x, int n, int d ->", //
		"    for (int i = 0; i < x.length; i++) x[i] = Math.signum(x[i]) * Math.pow(Math.abs(x[i]), 0.5)", //
		"    x", //
		"}", //
		"def features = SpectrumClustering.features(channels, null, settings.withPreprocessing(power), ProgressListener.NONE)", //
		"def result = SpectrumClustering.cluster(features, channels, settings, ProgressListener.NONE)", //
		"def bins = { double[] x, int n, int d, int k ->", //
		"    def order = (0..<n).toList().sort { x[it * d] }", //
		"    def labels = new int[n]", //
		"    order.eachWithIndex { p, r -> labels[p] = (int) ((long) r * k / n) }", //
		"    labels", //
		"}", //
		"def binned = SpectrumClustering.cluster(features, channels, settings.withClusters(3).withAlgorithm(bins), ProgressListener.NONE)", //
		"[result.fit().labels(), binned.fit().sizes(), features.values()]");

	/** The same in Jython (Fiji's Python). */
	static final String JYTHON = String.join("\n", //
		"from io.github.pixelclustering.api import SpectrumClustering", //
		"from jarray import array", //
		"from io.github.pixelclustering.spectrum import ClusterAnalysis, Preprocessing", //
		"from io.github.pixelclustering.core import ProgressListener", //
		"import math", //
		"settings = SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 5, True, Preprocessing.NONE,", //
		"        ClusterAnalysis.Algorithm.KMEANS, 0, 4, 3, 0, 0, -1)", //
		"def power(x, n, d):", //
		"    for i in range(len(x)):", //
		"        x[i] = math.copysign(math.sqrt(abs(x[i])), x[i])", //
		"    return x", //
		"features = SpectrumClustering.features(channels, None, settings.withPreprocessing(power), ProgressListener.NONE)", //
		"result = SpectrumClustering.cluster(features, channels, settings, ProgressListener.NONE)", //
		"def bins(x, n, d, k):", //
		"    labels = [0] * n", //
		"    for r, p in enumerate(sorted(range(n), key=lambda i: x[i * d])):", //
		"        labels[p] = r * k // n", //
		"    return array(labels, 'i')", //
		"binned = SpectrumClustering.cluster(features, channels, settings.withClusters(3).withAlgorithm(bins), ProgressListener.NONE)", //
		"answer = [result.fit().labels(), binned.fit().sizes(), features.values()]");

	@Test
	void groovyClosuresAndJythonFunctionsAreUserSteps() throws Exception {
		final UserPreprocessing power = (x, n, d) -> {
			for (int i = 0; i < x.length; i++)
				x[i] = Math.signum(x[i]) * Math.sqrt(Math.abs(x[i]));
			return x;
		};
		final SpectrumClustering.Settings settings = settings(Preprocessing.NONE);
		final SpectrumClustering.Features features = SpectrumClustering.features(eds, null, settings.withPreprocessing(power), ProgressListener.NONE);
		final int[] expected = SpectrumClustering.cluster(features, eds, settings, ProgressListener.NONE).fit().labels();
		final ScriptEngineManager manager = new ScriptEngineManager();
		final ScriptEngine groovy = manager.getEngineByName("groovy");
		assertNotNull(groovy, "Groovy's script engine");
		groovy.put("channels", eds);
		final List<?> g = (List<?>) groovy.eval(GROOVY);
		assertArrayEquals(features.values(), (double[]) g.get(2), 1e-15, "Groovy: the power scaling");
		assertArrayEquals(expected, (int[]) g.get(0), "Groovy: the same clusters");
		assertArrayEquals(new int[] { 300, 300, 300 }, (int[]) g.get(1), "Groovy: the user's algorithm");
		final ScriptEngine jython = manager.getEngineByName("python");
		assertNotNull(jython, "Jython's script engine");
		jython.put("channels", eds);
		jython.eval(JYTHON);
		final List<?> j = (List<?>) jython.get("answer");
		assertArrayEquals(features.values(), (double[]) j.get(2), 1e-15, "Jython: the power scaling");
		assertArrayEquals(expected, (int[]) j.get(0), "Jython: the same clusters");
		assertArrayEquals(new int[] { 300, 300, 300 }, (int[]) j.get(1), "Jython: the user's algorithm");
	}
}
