package io.github.pixelclustering.ward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.testutil.Partitions;
import io.github.pixelclustering.testutil.Runners;
import io.github.pixelclustering.testutil.TestData;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cut of the Ward tree by a distance threshold against scikit-learn 1.2.1's
 * {@code FeatureAgglomeration(n_clusters=None, distance_threshold=t, compute_full_tree=True)}
 * ({@code scripts/ward_threshold_fixtures.py}): the same number of clusters and the same partition, on
 * the digits example, smoothed noise with 4 and 8 neighbours, and three unconnected islands; without
 * connectivity, {@link AgglomerativeWard} against {@code AgglomerativeClustering(n_clusters=None,
 * distance_threshold=t)}; and the spectrum cluster analysis's agglomerative algorithm
 * ({@link ClusterAnalysis}) with and without a pixel graph, cut by the same thresholds.
 */
class WardThresholdReferenceTest {

	static Stream<WardReferenceTest.Case> cases() {
		return WardReferenceTest.cases("ward-threshold.json");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void sameClustersAndPartitionAsScikitLearn(final WardReferenceTest.Case c) {
		final WardTree tree = Runners.withThreads(2, r -> WardTree.build(c.x, c.graph, r, ProgressListener.NONE));
		assertTrue(c.json.getAsJsonArray("cuts").size() >= 3, c + ": cuts");
		for (final JsonElement e : c.json.getAsJsonArray("cuts")) {
			final JsonObject cut = e.getAsJsonObject();
			final double t = cut.get("threshold").getAsDouble();
			final int k = tree.clustersAt(t);
			assertEquals(cut.get("clusters").getAsInt(), k, c + ": clusters at distance_threshold=" + t);
			assertEquals(1.0, Partitions.adjustedRand(tree.cut(k), TestData.ints(cut.getAsJsonArray("labels"))), 0.0, c + ": ARI at distance_threshold=" + t);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void clusterAnalysisWithAGraphCutsAsScikitLearn(final WardReferenceTest.Case c) {
		for (final JsonElement e : c.json.getAsJsonArray("cuts")) {
			final JsonObject cut = e.getAsJsonObject();
			final double t = cut.get("threshold").getAsDouble();
			final ClusterAnalysis.Settings settings = new ClusterAnalysis.Settings(0, ClusterAnalysis.Algorithm.AGGLOMERATIVE, 0, 0, c.graph).withDistanceThreshold(t);
			final ClusterAnalysis.Result fit = Runners.withThreads(2, r -> ClusterAnalysis.fit(c.x.data(), c.x.rows(), c.x.cols(), settings, r, ProgressListener.NONE));
			assertEquals(cut.get("clusters").getAsInt(), fit.clusters(), c + ": clusters at distance_threshold=" + t);
			assertEquals(1.0, Partitions.adjustedRand(fit.labels(), TestData.ints(cut.getAsJsonArray("labels"))), 0.0, c + ": ARI at distance_threshold=" + t);
		}
	}

	static Stream<JsonObject> unconstrained() {
		final java.util.List<JsonObject> out = new java.util.ArrayList<>();
		for (final JsonElement e : TestData.fixture("ward-threshold.json").getAsJsonArray("unconstrained"))
			out.add(e.getAsJsonObject());
		return out.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unconstrained")
	void withoutConnectivitySameClustersAndPartitionAsScikitLearn(final JsonObject c) {
		final String name = c.get("name").getAsString();
		final FeatureMatrix x = AgglomerativeWardTest.cases().filter(p -> p.toString().equals(name)).collect(Collectors.toList()).get(0).x;
		final AgglomerativeWard tree = AgglomerativeWard.build(x, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertTrue(c.getAsJsonArray("cuts").size() >= 3, name + ": cuts");
		for (final JsonElement e : c.getAsJsonArray("cuts")) {
			final JsonObject cut = e.getAsJsonObject();
			final double t = cut.get("threshold").getAsDouble();
			final int[] reference = TestData.ints(cut.getAsJsonArray("labels"));
			final int k = tree.clustersAt(t);
			assertEquals(cut.get("clusters").getAsInt(), k, name + ": clusters at distance_threshold=" + t);
			assertEquals(1.0, Partitions.adjustedRand(tree.cut(k), reference), 0.0, name + ": ARI at distance_threshold=" + t);
			// the spectrum cluster analysis's agglomerative algorithm without a graph
			final ClusterAnalysis.Settings settings = new ClusterAnalysis.Settings(0, ClusterAnalysis.Algorithm.AGGLOMERATIVE, 0, 0, null).withDistanceThreshold(t);
			final ClusterAnalysis.Result fit = Runners.withThreads(2, r -> ClusterAnalysis.fit(x.data(), x.rows(), x.cols(), settings, r, ProgressListener.NONE));
			assertEquals(k, fit.clusters());
			assertEquals(1.0, Partitions.adjustedRand(fit.labels(), reference), 0.0, name + ": cluster analysis, ARI at distance_threshold=" + t);
		}
		assertThrows(IllegalArgumentException.class, () -> tree.clustersAt(0));
	}

	@Test
	void clusterAnalysisRefusals() {
		final ClusterAnalysis.Settings agglomerative = new ClusterAnalysis.Settings(0, ClusterAnalysis.Algorithm.AGGLOMERATIVE, 0, 0, null);
		assertEquals("Give clusters or distance_threshold, not both: with distance_threshold > 0, clusters must be 0, got clusters=3 and distance_threshold=1.5.", assertThrows(IllegalArgumentException.class, () -> new ClusterAnalysis.Settings(3, ClusterAnalysis.Algorithm.AGGLOMERATIVE, 0, 0, null).withDistanceThreshold(1.5)).getMessage());
		assertEquals("distance_threshold cuts the Ward tree: it needs algorithm=agglomerative, got algorithm=k-means and distance_threshold=1.5.", assertThrows(IllegalArgumentException.class, () -> new ClusterAnalysis.Settings(0, ClusterAnalysis.Algorithm.KMEANS, 0, 0, null).withDistanceThreshold(1.5)).getMessage());
		assertEquals(String.format(ClusterAnalysis.BAD_THRESHOLD, -1.0), assertThrows(IllegalArgumentException.class, () -> agglomerative.withDistanceThreshold(-1)).getMessage());
		assertEquals("Give clusters >= 1, or clusters=0 with distance_threshold > 0 (algorithm=agglomerative), got clusters=0 and distance_threshold=0.0.", assertThrows(IllegalArgumentException.class, () -> ClusterAnalysis.fit(new double[] { 0, 1, 2 }, 3, 1, agglomerative, TaskRunner.SEQUENTIAL, ProgressListener.NONE)).getMessage());
	}

	/** Four values on a line: merge distances sqrt(2 x inertia) 1, 2 and sqrt(2 x 110.25). */
	@Test
	void clustersCountMergesAtLeastTheThreshold() {
		// 0 and 1 join at distance 1, 10 and 12 at 2, the pairs at sqrt(220.5)
		final FeatureMatrix x = new FeatureMatrix(new double[] { 0, 1, 10, 12 }, 4, 1);
		final WardTree tree = WardTree.build(x, GridGraph.grid(new int[] { 4, 1 }, null, 4, TaskRunner.SEQUENTIAL), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertEquals(3, tree.merges());
		assertEquals(1.0, tree.distance(0), 1e-12);
		assertEquals(2.0, tree.distance(1), 1e-12);
		assertEquals(4, tree.clustersAt(0.5));
		assertEquals(3, tree.clustersAt(1.5));
		assertEquals(3, tree.clustersAt(2.0), "a merge at exactly the threshold is not done (scikit-learn counts distances >= t)");
		assertEquals(2, tree.clustersAt(2.0 + 1e-9));
		assertEquals(1, tree.clustersAt(tree.distance(2) + 1));
		for (final double bad : new double[] { 0, -1, Double.NaN, Double.POSITIVE_INFINITY })
			assertThrows(IllegalArgumentException.class, () -> tree.clustersAt(bad));
	}
}
