package io.github.pixelclustering.ward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.Partitions;
import io.github.pixelclustering.testutil.TestData;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AgglomerativeWard} against scipy 1.10's {@code ward} and scikit-learn 1.2.1's
 * {@code AgglomerativeClustering} ({@code scripts/agglomerative_fixtures.py}), and on small pictures.
 */
class AgglomerativeWardTest {

	/** One case of {@code agglomerative-ward.json}. */
	static final class Case {
		final JsonObject json;
		final FeatureMatrix x;

		Case(final JsonObject json) {
			this.json = json;
			final JsonArray values = json.getAsJsonArray("x");
			final double[] x = new double[values.size()];
			for (int i = 0; i < x.length; i++)
				x[i] = values.get(i).getAsDouble();
			this.x = new FeatureMatrix(x, json.get("samples").getAsInt(), json.get("features").getAsInt());
		}

		@Override
		public String toString() {
			return json.get("name").getAsString();
		}
	}

	static Stream<Case> cases() {
		final List<Case> out = new ArrayList<>();
		for (final JsonElement e : TestData.fixture("agglomerative-ward.json").getAsJsonArray("cases"))
			out.add(new Case(e.getAsJsonObject()));
		return out.stream();
	}

	private static AgglomerativeWard build(final FeatureMatrix x) {
		return AgglomerativeWard.build(x, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void sameTreeAsScipy(final Case c) {
		// every node is the same set of rows, created at the same distance
		final AgglomerativeWard tree = build(c.x);
		final int n = c.x.rows();
		assertEquals(n - 1, tree.merges());
		final int[] children = TestData.ints(c.json.getAsJsonArray("children"));
		final JsonArray distances = c.json.getAsJsonArray("distances");
		final Map<BitSet, Double> theirs = nodes(n, m -> children[2 * m], m -> children[2 * m + 1], m -> distances.get(m).getAsDouble());
		final Map<BitSet, Double> ours = nodes(n, tree::first, tree::second, tree::distance);
		assertEquals(theirs.keySet(), ours.keySet());
		for (final Map.Entry<BitSet, Double> e : theirs.entrySet())
			assertEquals(e.getValue(), ours.get(e.getKey()), 1e-12 * Math.max(1, e.getValue()));
	}

	/** @return the rows of every node created by a merge, with its distance */
	private static Map<BitSet, Double> nodes(final int n, final IntUnaryOperator first, final IntUnaryOperator second, final IntToDoubleFunction distance) {
		final BitSet[] rows = new BitSet[2 * n - 1];
		for (int i = 0; i < n; i++) {
			rows[i] = new BitSet(n);
			rows[i].set(i);
		}
		final Map<BitSet, Double> out = new HashMap<>();
		for (int m = 0; m < n - 1; m++) {
			final BitSet node = (BitSet) rows[first.applyAsInt(m)].clone();
			node.or(rows[second.applyAsInt(m)]);
			rows[n + m] = node;
			out.put(node, distance.applyAsDouble(m));
		}
		return out;
	}

	/**
	 * @return the cases where no two merge distances are equal but for rounding (iris has such merges:
	 *         scipy orders them by the rounding of its Lance-Williams updates, we by ours, so the node
	 *         numbers differ there while the tree and the cuts are the same)
	 */
	static Stream<Case> casesWithoutNearTies() {
		return cases().filter(c -> c.json.get("near_ties").getAsInt() == 0);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("casesWithoutNearTies")
	void sameLinkageMatrixAsScipy(final Case c) {
		// node numbers follow the order of the merges, exact ties at distance 0 included
		final AgglomerativeWard tree = build(c.x);
		final int[] children = TestData.ints(c.json.getAsJsonArray("children"));
		final int[] sizes = TestData.ints(c.json.getAsJsonArray("sizes"));
		final JsonArray distances = c.json.getAsJsonArray("distances");
		for (int m = 0; m < tree.merges(); m++) {
			final String at = "merge " + m;
			assertEquals(children[2 * m], tree.first(m), at);
			assertEquals(children[2 * m + 1], tree.second(m), at);
			assertEquals(sizes[m], tree.size(m), at);
			final double expected = distances.get(m).getAsDouble();
			assertEquals(expected, tree.distance(m), 1e-12 * Math.max(1, expected), at);
			assertEquals(expected * expected / 2, tree.inertia(m), 1e-11 * Math.max(1, expected * expected), at);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void sameLabelsAsAgglomerativeClustering(final Case c) {
		final AgglomerativeWard tree = build(c.x);
		for (final Map.Entry<String, JsonElement> e : c.json.getAsJsonObject("labels").entrySet()) {
			final int k = Integer.parseInt(e.getKey());
			final int[] theirs = TestData.ints(e.getValue().getAsJsonArray());
			final int[] ours = tree.cut(k);
			Partitions.matching(ours, k, theirs);
			assertEquals(1.0, Partitions.adjustedRand(theirs, ours), 1e-12, "k = " + k);
			assertArrayEquals(ours, AgglomerativeWard.fit(c.x, k, TaskRunner.SEQUENTIAL, ProgressListener.NONE));
		}
	}

	@Test
	void sameTreeForOneOrTwoThreads() {
		// 64 features: scans of more than 2048 clusters run in 2 parts, with early abandoned distances
		final Random random = new Random(11);
		final int n = 2500;
		final int d = 64;
		final double[] x = new double[n * d];
		for (int i = 0; i < n; i++)
			for (int f = 0; f < d; f++)
				x[i * d + f] = 10 * (i % 7) + random.nextGaussian();
		final FeatureMatrix matrix = new FeatureMatrix(x, n, d);
		final AgglomerativeWard one = build(matrix);
		final AgglomerativeWard two = io.github.pixelclustering.testutil.Runners.withThreads(2, r -> AgglomerativeWard.build(matrix, r, ProgressListener.NONE));
		for (int m = 0; m < one.merges(); m++) {
			assertEquals(one.first(m), two.first(m));
			assertEquals(one.second(m), two.second(m));
			assertEquals(one.distance(m), two.distance(m), 0);
		}
		assertEquals(1.0, Partitions.adjustedRand(one.cut(7), expectedSevenGroups(n)), 1e-12);
	}

	private static int[] expectedSevenGroups(final int n) {
		final int[] labels = new int[n];
		for (int i = 0; i < n; i++)
			labels[i] = i % 7;
		return labels;
	}

	// -- Pictures --

	@Test
	void treeOfFourPointsOnALine() {
		// 0, 1, 3, 7: {0,1} at 1; {0,1}+{3}: sqrt(2*2*1/3) * 2.5; {0,1,3}+{7}: sqrt(2*3*1/4) * (7 - 4/3)
		final AgglomerativeWard tree = build(new FeatureMatrix(new double[] { 0, 1, 3, 7 }, 4, 1));
		assertArrayEquals(new int[] { 0, 1, 2, 4, 3, 5 }, new int[] { tree.first(0), tree.second(0), tree.first(1), tree.second(1), tree.first(2), tree.second(2) });
		assertArrayEquals(new double[] { 1, Math.sqrt(4 / 3.0) * 2.5, Math.sqrt(1.5) * (7 - 4 / 3.0) }, new double[] { tree.distance(0), tree.distance(1), tree.distance(2) }, 1e-14);
		assertArrayEquals(new int[] { 2, 3, 4 }, new int[] { tree.size(0), tree.size(1), tree.size(2) });
		assertArrayEquals(new int[] { 0, 0, 0, 1 }, tree.cut(2));
		assertArrayEquals(new int[] { 0, 1, 2, 3 }, tree.cut(4));
		assertArrayEquals(new int[4], tree.cut(1));
	}

	/** A 6 x 4 grey image: a dark, a mid and a bright area (no spatial constraint: only values count). */
	private static final double[] PICTURE = {
		10, 11, 10, 200, 201, 202,
		12, 10, 11, 201, 203, 90,
		11, 12, 92, 91, 90, 90,
		200, 10, 91, 90, 92, 91 };

	private static final int[] PICTURE_LABELS = {
		0, 0, 0, 1, 1, 1,
		0, 0, 0, 1, 1, 2,
		0, 0, 2, 2, 2, 2,
		1, 0, 2, 2, 2, 2 };

	@Test
	void groupsThePixelsOfAPictureByValue() {
		assertArrayEquals(PICTURE_LABELS, AgglomerativeWard.fit(new FeatureMatrix(PICTURE, 24, 1), 3, TaskRunner.SEQUENTIAL, ProgressListener.NONE));
	}

	@Test
	void duplicatesMergeFirstAtDistanceZero() {
		// rows 0, 2, 3 equal; scipy merges (0, 2) then (2 -> node 4, 3)
		final AgglomerativeWard tree = build(new FeatureMatrix(new double[] { 5, 5, /**/ 9, 9, /**/ 5, 5, /**/ 5, 5 }, 4, 2));
		assertArrayEquals(new int[] { 0, 2, 3, 4, 1, 5 }, new int[] { tree.first(0), tree.second(0), tree.first(1), tree.second(1), tree.first(2), tree.second(2) });
		assertArrayEquals(new double[] { 0, 0 }, new double[] { tree.distance(0), tree.distance(1) }, 0);
	}

	@Test
	void oneRowIsOneCluster() {
		final AgglomerativeWard tree = build(new FeatureMatrix(new double[] { 3, 4 }, 1, 2));
		assertEquals(0, tree.merges());
		assertArrayEquals(new int[1], tree.cut(1));
	}

	// -- Errors --

	@Test
	void rejectsBadInput() {
		final FeatureMatrix x = new FeatureMatrix(PICTURE, 24, 1);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(x).cut(25));
		assertEquals("clusters must be in 1..24 (the number of rows), got 25", e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> AgglomerativeWard.fit(x, 0, TaskRunner.SEQUENTIAL, ProgressListener.NONE));
		assertEquals("clusters must be in 1..24 (the number of rows), got 0", e.getMessage());
		final double[] inf = PICTURE.clone();
		inf[7] = Double.POSITIVE_INFINITY;
		e = assertThrows(IllegalArgumentException.class, () -> build(new FeatureMatrix(inf, 24, 1)));
		assertEquals("data must be finite, got Infinity at sample 7, feature 0", e.getMessage());
	}

	@Test
	void stopsWhenCanceled() {
		final ProgressListener cancel = new ProgressListener() {

			@Override
			public boolean isCanceled() {
				return true;
			}
		};
		assertThrows(CancellationException.class, () -> AgglomerativeWard.build(new FeatureMatrix(PICTURE, 24, 1), TaskRunner.SEQUENTIAL, cancel));
	}
}
