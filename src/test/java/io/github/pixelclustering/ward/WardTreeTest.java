package io.github.pixelclustering.ward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Pooling;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.Runners;
import io.github.pixelclustering.testutil.SmoothNoise;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

/** {@link WardTree}, {@link GridGraph} and {@link Pooling} on small pictures. */
class WardTreeTest {

	private static WardTree tree(final int w, final int h, final int neighbourhood, final double... values) {
		final GridGraph graph = GridGraph.grid(new int[] { w, h }, null, neighbourhood, TaskRunner.SEQUENTIAL);
		return WardTree.build(new FeatureMatrix(values, w * h, values.length / (w * h)), graph, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
	}

	@Test
	void twoFlatHalves() {
		final WardTree tree = tree(6, 1, 4, //
			0, 0, 0, 10, 10, 10);
		assertArrayEquals(new int[] { 0, 0, 0, 1, 1, 1 }, tree.cut(2));
		assertEquals(0.0, tree.objective(2));
		assertEquals(6 * 25.0, tree.objective(1), 1e-12, "the total sum of squares");
		assertEquals(5, tree.merges());
		assertEquals(6, tree.size(tree.merges() - 1));
		assertEquals(Math.sqrt(2 * tree.inertia(4)), tree.distance(4));
		assertArrayEquals(new int[] { 0, 1, 2, 3, 4, 5 }, tree.cut(6));
	}

	@Test
	void onlyNeighboursMerge() {
		// without connectivity the two zeros would merge first; here only 0-10 and 10-0 are edges, and
		// their equal costs are broken as scikit-learn's heap does: (larger id, smaller id) = (1, 0) first
		final WardTree tree = tree(3, 1, 4, //
			0, 10, 0);
		assertEquals(0, tree.first(0));
		assertEquals(1, tree.second(0));
		assertArrayEquals(new int[] { 0, 0, 1 }, tree.cut(2));
		assertEquals(50.0, tree.inertia(0), 1e-12);
	}

	@Test
	void eightConnectivityJoinsDiagonals() {
		final double[] chequer = { //
			5, 0, //
			0, 5 };
		assertArrayEquals(new int[] { 0, 1, 1, 0 }, tree(2, 2, 8, chequer).cut(2), "diagonal fives merge");
		// 4-connectivity: the fives are not neighbours; equal costs, so (1, 0) merges first, then (4, 2)
		assertArrayEquals(new int[] { 0, 0, 0, 1 }, tree(2, 2, 4, chequer).cut(2));
	}

	@Test
	void gridNeighbourhoods() {
		final int[][] cases = { { 4, 4 }, { 8, 8 }, { 6, 6 }, { 18, 18 }, { 26, 26 } };
		for (final int[] c : cases) {
			final int[] dims = c[0] <= 8 ? new int[] { 3, 3 } : new int[] { 3, 3, 3 };
			if (c[0] == 6) continue;
			final GridGraph g = GridGraph.grid(dims, null, c[0], TaskRunner.SEQUENTIAL);
			final int centre = dims.length == 2 ? 4 : 13;
			assertEquals(c[1], g.degree(centre), "interior degree with " + c[0]);
		}
		final GridGraph six = GridGraph.grid(new int[] { 3, 3, 3 }, null, 6, TaskRunner.SEQUENTIAL);
		assertEquals(6, six.degree(13));
		assertEquals(3, six.degree(0), "a corner voxel");
		assertEquals(2, GridGraph.grid(new int[] { 3, 3 }, null, 4, TaskRunner.SEQUENTIAL).degree(0));
		// neighbours in increasing order
		final GridGraph g = GridGraph.grid(new int[] { 3, 3 }, null, 8, TaskRunner.SEQUENTIAL);
		for (int i = 1; i < g.degree(4); i++)
			assertEquals(true, g.neighbour(4, i - 1) < g.neighbour(4, i));
		assertEquals("2D connectivity must be 4 or 8, got 6", assertThrows(IllegalArgumentException.class, () -> GridGraph.grid(new int[] { 3, 3 }, null, 6, TaskRunner.SEQUENTIAL)).getMessage());
		assertEquals("3D connectivity must be 6, 18 or 26, got 8", assertThrows(IllegalArgumentException.class, () -> GridGraph.grid(new int[] { 3, 3, 3 }, null, 8, TaskRunner.SEQUENTIAL)).getMessage());
	}

	@Test
	void maskedGridAndComponents() {
		final boolean[] mask = { //
			true, true, false, true, //
			false, false, false, true, //
			true, false, false, false };
		final GridGraph g = GridGraph.grid(new int[] { 4, 3 }, mask, 4, TaskRunner.SEQUENTIAL);
		assertEquals(5, g.vertices());
		assertEquals(2, g.edges());
		assertArrayEquals(new int[] { 0, 0, 1, 1, 2 }, g.components(), "numbered by smallest vertex");
		assertEquals("the mask must contain at least one pixel, got none", assertThrows(IllegalArgumentException.class, () -> GridGraph.grid(new int[] { 2, 2 }, new boolean[4], 4, TaskRunner.SEQUENTIAL)).getMessage());
		// the parts are linked and the tree is complete
		final double[] x = { 0, 1, 10, 11, 5 };
		final WardTree tree = WardTree.build(new FeatureMatrix(x, 5, 1), g, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertEquals(3, tree.components());
		assertEquals(4, tree.merges());
		// parts {0,1}, {2,3}, {4}; closest pairs: part 1-0 at 10 vs 1, part 2-0 at 5 vs 1, part 2-1 at 5 vs 10
		assertArrayEquals(new int[] { 2, 1, 4, 1, 4, 2 }, tree.links());
	}

	@Test
	void onePixel() {
		final WardTree tree = tree(1, 1, 4, 7);
		assertEquals(0, tree.merges());
		assertArrayEquals(new int[] { 0 }, tree.cut(1));
		assertEquals("clusters must be in 1..1 (the number of pixels), got 2", assertThrows(IllegalArgumentException.class, () -> tree.cut(2)).getMessage());
	}

	@Test
	void sameTreeForOneOrManyThreads() {
		final int w = 30;
		final int h = 20;
		final double[] x = SmoothNoise.pixelMajor(w, h, 1, 6, 5, 1);
		final boolean[] mask = new boolean[w * h];
		for (int p = 0; p < mask.length; p++)
			mask[p] = (p % w) % 7 != 3; // vertical gaps: five unconnected strips
		int n = 0;
		for (final boolean m : mask)
			if (m) n++;
		final double[] inside = new double[n * 6];
		int row = 0;
		for (int p = 0; p < mask.length; p++)
			if (mask[p]) System.arraycopy(x, p * 6, inside, 6 * row++, 6);
		final FeatureMatrix matrix = new FeatureMatrix(inside, n, 6);
		final WardTree one = WardTree.build(matrix, GridGraph.grid(new int[] { w, h }, mask, 4, TaskRunner.SEQUENTIAL), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		final WardTree many = Runners.withThreads(3, r -> WardTree.build(matrix, GridGraph.grid(new int[] { w, h }, mask, 4, r), r, ProgressListener.NONE));
		assertEquals(5, one.components());
		assertArrayEquals(one.links(), many.links());
		for (int m = 0; m < one.merges(); m++) {
			assertEquals(one.first(m), many.first(m));
			assertEquals(one.second(m), many.second(m));
			assertEquals(one.inertia(m), many.inertia(m));
		}
	}

	@Test
	void cancelStops() {
		final double[] x = SmoothNoise.pixelMajor(20, 20, 1, 3, 1, 1);
		final GridGraph graph = GridGraph.grid(new int[] { 20, 20 }, null, 4, TaskRunner.SEQUENTIAL);
		final ProgressListener cancel = new ProgressListener() {
			@Override
			public boolean isCanceled() {
				return true;
			}
		};
		assertThrows(CancellationException.class, () -> WardTree.build(new FeatureMatrix(x, 400, 3), graph, TaskRunner.SEQUENTIAL, cancel));
	}

	@Test
	void poolingMeansAndExpansion() {
		final FeatureMatrix x = new FeatureMatrix(new double[] { //
			1, 10, //
			3, 20, //
			5, 30 }, 3, 2);
		final int[] labels = { 1, 1, 0 };
		final double[] means = Pooling.means(x, labels, 2, TaskRunner.SEQUENTIAL);
		assertArrayEquals(new double[] { 5, 2, 30, 15 }, means, "features x clusters");
		assertArrayEquals(new double[] { 2, 15, 2, 15, 5, 30 }, Pooling.expand(means, 2, 2, labels));
		assertEquals(2 * 1 + 2 * 25, Pooling.withinSumOfSquares(x, labels, means, 2), 1e-12);
		assertArrayEquals(new int[] { 1, 0 }, Pooling.largestFirst(labels, 2), "cluster 1 has two rows: first");
		assertArrayEquals(new int[] { 0, 1 }, Pooling.largestFirst(new int[] { 0, 1 }, 2), "ties keep the order");
		assertEquals("group 1 is empty; every label 0..1 needs at least one row", assertThrows(IllegalArgumentException.class, () -> Pooling.means(x, new int[] { 0, 0, 0 }, 2, TaskRunner.SEQUENTIAL)).getMessage());
	}
}
