package io.github.pixelclustering.ward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Pooling;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.Partitions;
import io.github.pixelclustering.testutil.Runners;
import io.github.pixelclustering.testutil.SmoothNoise;
import io.github.pixelclustering.testutil.TestData;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with scikit-learn 1.2.1's {@code ward_tree} and {@code FeatureAgglomeration}
 * ({@code scripts/ward_fixtures.py}): the digits example, smoothed noise in 2D and 3D with every
 * neighbourhood, and a mask of three unconnected islands.
 */
class WardReferenceTest {

	/** One fixture case with its data rebuilt here. */
	static final class Case {
		final JsonObject json;
		final FeatureMatrix x;
		final GridGraph graph;

		Case(final JsonObject json, final FeatureMatrix x, final GridGraph graph) {
			this.json = json;
			this.x = x;
			this.graph = graph;
		}

		@Override
		public String toString() {
			return json.get("name").getAsString();
		}
	}

	static Stream<Case> cases() {
		return cases("ward.json");
	}

	/**
	 * @param fixture a fixture file whose cases name their data as {@code scripts/ward_fixtures.py} does
	 *        (dims, samples, noise or the digits, mask, neighbourhood)
	 * @return its cases with their data rebuilt
	 */
	static Stream<Case> cases(final String fixture) {
		final List<Case> out = new ArrayList<>();
		for (final JsonElement e : TestData.fixture(fixture).getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final int[] dims = TestData.ints(c.getAsJsonArray("dims"));
			final int samples = c.get("samples").getAsInt();
			boolean[] mask = null;
			if (c.has("mask") && !c.get("mask").isJsonNull()) {
				final String m = c.get("mask").getAsString();
				mask = new boolean[m.length()];
				for (int i = 0; i < mask.length; i++)
					mask[i] = m.charAt(i) == '1';
			}
			double[] x;
			if (c.has("noise")) {
				final JsonObject noise = c.getAsJsonObject("noise");
				x = SmoothNoise.pixelMajor(dims[0], dims[1], dims.length == 3 ? dims[2] : 1, samples, noise.get("seed").getAsLong(), noise.get("radius").getAsInt());
				if (mask != null) x = masked(x, mask, samples);
			}
			else x = TestData.digitsPixelMajor();
			final GridGraph graph = GridGraph.grid(dims, mask, c.get("neighbourhood").getAsInt(), TaskRunner.SEQUENTIAL);
			out.add(new Case(c, new FeatureMatrix(x, graph.vertices(), samples), graph));
		}
		return out.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void sameMergeSequenceAsWardTree(final Case c) {
		final WardTree tree = Runners.withThreads(2, r -> WardTree.build(c.x, c.graph, r, ProgressListener.NONE));
		final JsonArray children = c.json.getAsJsonArray("children");
		final JsonArray distances = c.json.getAsJsonArray("distances");
		assertEquals(children.size(), tree.merges(), c + ": merges");
		assertEquals(c.json.get("components").getAsInt(), tree.components(), c + ": connected components");
		for (int m = 0; m < tree.merges(); m++) {
			final JsonArray pair = children.get(m).getAsJsonArray();
			assertEquals(pair.get(0).getAsInt(), tree.first(m), c + ": merge " + m);
			assertEquals(pair.get(1).getAsInt(), tree.second(m), c + ": merge " + m);
			final double expected = distances.get(m).getAsDouble();
			assertEquals(expected, tree.distance(m), 1e-9 * Math.max(expected, 1e-300), c + ": distance of merge " + m);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void sameLabelsTransformAndInverseAsFeatureAgglomeration(final Case c) {
		final int k = c.json.get("clusters").getAsInt();
		final WardTree tree = WardTree.build(c.x, c.graph, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final int[] labels = tree.cut(k);
		final int[] reference = TestData.ints(c.json.getAsJsonArray("labels"));
		assertEquals(1.0, Partitions.adjustedRand(labels, reference), 0.0, c + ": ARI");
		final int[] map = Partitions.matching(labels, k, reference);

		final double objective = c.json.get("objective").getAsDouble();
		assertEquals(objective, tree.objective(k), 1e-9 * objective, c + ": Ward objective from the merges");
		final double[] means = Runners.withThreads(2, r -> Pooling.means(c.x, labels, k, r));
		assertEquals(objective, Pooling.withinSumOfSquares(c.x, labels, means, k), 1e-9 * objective, c + ": Ward objective from the data");

		// transform: rows are samples, columns scikit-learn's labels
		final int d = c.x.cols();
		final JsonArray rows = c.json.getAsJsonArray("transform_rows");
		for (int s = 0; s < rows.size(); s++) {
			final JsonArray row = rows.get(s).getAsJsonArray();
			for (int ours = 0; ours < k; ours++)
				assertClose(row.get(map[ours]).getAsDouble(), means[s * k + ours], c + ": transform[" + s + "]");
		}
		final JsonArray sums = c.json.getAsJsonArray("transform_column_sums");
		for (int ours = 0; ours < k; ours++) {
			double sum = 0;
			for (int s = 0; s < d; s++)
				sum += means[s * k + ours];
			assertClose(sums.get(map[ours]).getAsDouble(), sum, c + ": transform column sum");
		}
		// inverse_transform: rows are samples, columns pixels
		final double[] back = Pooling.expand(means, d, k, labels);
		final JsonArray inverse = c.json.getAsJsonArray("inverse_transform_rows");
		assertTrue(inverse.size() >= 1);
		for (int s = 0; s < inverse.size(); s++) {
			final JsonArray row = inverse.get(s).getAsJsonArray();
			for (int p = 0; p < c.x.rows(); p++)
				assertClose(row.get(p).getAsDouble(), back[p * d + s], c + ": inverse_transform[" + s + "][" + p + "]");
		}
	}

	private static void assertClose(final double expected, final double actual, final String what) {
		assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
	}

	private static double[] masked(final double[] x, final boolean[] mask, final int samples) {
		int n = 0;
		for (final boolean m : mask)
			if (m) n++;
		final double[] out = new double[n * samples];
		int row = 0;
		for (int p = 0; p < mask.length; p++)
			if (mask[p]) System.arraycopy(x, p * samples, out, samples * row++, samples);
		return out;
	}
}
