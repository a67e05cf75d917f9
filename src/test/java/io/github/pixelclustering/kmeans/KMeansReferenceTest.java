package io.github.pixelclustering.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.TestData;

import java.util.Arrays;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Parity with scikit-learn 1.2.1 ({@code scripts/kmeans_fixtures.py}) on real images. */
class KMeansReferenceTest {

	@ParameterizedTest
	@EnumSource(KMeansSettings.Algorithm.class)
	void explicitInitialCentresGiveScikitLearnsCentresAndLabels(final KMeansSettings.Algorithm algorithm) {
		final JsonArray cases = TestData.fixture("kmeans-explicit-init.json").getAsJsonArray("cases");
		assertTrue(cases.size() >= 2);
		for (final JsonElement e : cases) {
			final JsonObject c = e.getAsJsonObject();
			final String image = c.get("image").getAsString();
			final int k = c.get("clusters").getAsInt();
			final int[] rgb = TestData.rgbPixels(image);
			final double[] x = TestData.rgbUnit(rgb);
			final KMeansSettings settings = KMeansSettings.builder(k).initialCentres(flatten(c.getAsJsonArray("init"))).algorithm(algorithm).build();
			final int[] expectedLabels = TestData.hexLabels(c.get("labels").getAsString());
			final double[] expectedCentres = flatten(c.getAsJsonArray("centres"));

			// every pixel a sample, as scikit-learn
			final KMeansResult all = KMeans.fit(new FeatureMatrix(x, rgb.length, 3), null, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			assertArrayEquals(expectedLabels, all.labels(), image);
			assertArrayEquals(expectedCentres, all.centres(), 1e-6, image);
			assertEquals(c.get("iterations").getAsInt(), all.iterations(), image);
			assertEquals(c.get("inertia").getAsDouble(), all.inertia(), 1e-9 * all.inertia(), image);

			// distinct colours weighted by their counts: same objective, same labels per pixel
			final TreeMap<Integer, Integer> counts = new TreeMap<>();
			for (final int v : rgb)
				counts.merge(v, 1, Integer::sum);
			final int[] colours = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
			final double[] weights = counts.values().stream().mapToDouble(Integer::doubleValue).toArray();
			final KMeansResult distinct = KMeans.fit(new FeatureMatrix(TestData.rgbUnit(colours), colours.length, 3), weights, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			final int[] perPixel = new int[rgb.length];
			for (int i = 0; i < rgb.length; i++)
				perPixel[i] = distinct.label(Arrays.binarySearch(colours, rgb[i]));
			assertArrayEquals(expectedLabels, perPixel, image + " (distinct colours)");
			assertArrayEquals(expectedCentres, distinct.centres(), 1e-6, image + " (distinct colours)");
			assertEquals(c.get("iterations").getAsInt(), distinct.iterations(), image);
			assertEquals(c.get("inertia").getAsDouble(), distinct.inertia(), 1e-9 * distinct.inertia(), image);
		}
	}

	@Test
	void kMeansPlusPlusWithTenRestartsMatchesScikitLearnsInertia() {
		for (final JsonElement e : TestData.fixture("kmeans-plusplus.json").getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final String image = c.get("image").getAsString();
			final int[] rgb = TestData.rgbPixels(image);
			final double reference = c.getAsJsonArray("runs").get(0).getAsJsonObject().get("inertia_per_pixel").getAsDouble();
			final KMeansSettings settings = KMeansSettings.builder(c.get("clusters").getAsInt()).restarts(10).seed(0).build();
			final KMeansResult result = KMeans.fit(new FeatureMatrix(TestData.rgbUnit(rgb), rgb.length, 3), null, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
			final double ours = result.inertia() / rgb.length;
			assertTrue(ours <= 1.001 * reference, image + ": inertia per pixel " + ours + " vs scikit-learn " + reference);
		}
	}

	@Test
	void kMeansPlusPlusMedianOverSeedsMatchesScikitLearns() {
		for (final JsonElement e : TestData.fixture("kmeans-plusplus.json").getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final String image = c.get("image").getAsString();
			final int[] rgb = TestData.rgbPixels(image);
			final JsonArray runs = c.getAsJsonArray("runs");
			final double[] reference = new double[runs.size()];
			final double[] ours = new double[runs.size()];
			for (int s = 0; s < runs.size(); s++) {
				reference[s] = runs.get(s).getAsJsonObject().get("inertia").getAsDouble();
				final KMeansSettings settings = KMeansSettings.builder(c.get("clusters").getAsInt()).restarts(10).seed(s).build();
				ours[s] = KMeans.fit(new FeatureMatrix(TestData.rgbUnit(rgb), rgb.length, 3), null, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE).inertia();
			}
			assertTrue(median(ours) <= 1.001 * median(reference), image + ": median inertia " + median(ours) + " vs scikit-learn " + median(reference));
		}
	}

	@Test
	void miniBatchMedianInertiaWithinTwoPercentOfScikitLearns() {
		for (final JsonElement e : TestData.fixture("kmeans-minibatch.json").getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final String image = c.get("image").getAsString();
			final int[] rgb = TestData.rgbPixels(image);
			final int seeds = c.getAsJsonArray("seeds").size();
			final double[] ours = new double[seeds];
			for (int s = 0; s < seeds; s++) {
				final MiniBatchSettings settings = MiniBatchSettings.builder(c.get("clusters").getAsInt()).batchSize(c.get("batch_size").getAsInt()).restarts(c.get("n_init").getAsInt()).seed(s).build();
				ours[s] = MiniBatchKMeans.fit(new FeatureMatrix(TestData.rgbUnit(rgb), rgb.length, 3), null, settings, TaskRunner.SEQUENTIAL, ProgressListener.NONE).inertia();
			}
			final double reference = c.get("median_inertia").getAsDouble();
			final double ratio = median(ours) / reference;
			assertTrue(Math.abs(ratio - 1) <= 0.02, image + ": median mini-batch inertia " + median(ours) + " vs scikit-learn " + reference + " (ratio " + ratio + ")");
		}
	}

	static double median(final double[] values) {
		final double[] v = values.clone();
		Arrays.sort(v);
		return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
	}

	static double[] flatten(final JsonArray rows) {
		final int d = rows.get(0).getAsJsonArray().size();
		final double[] out = new double[rows.size() * d];
		for (int i = 0; i < rows.size(); i++)
			for (int f = 0; f < d; f++)
				out[i * d + f] = rows.get(i).getAsJsonArray().get(f).getAsDouble();
		return out;
	}
}
