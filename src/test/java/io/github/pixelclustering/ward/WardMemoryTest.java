package io.github.pixelclustering.ward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.SmoothNoise;

import org.junit.jupiter.api.Test;

/**
 * Memory of {@link WardTree#build}, from the lengths of the arrays its merge loop holds (not from the
 * heap, so the figures do not depend on the garbage collector).
 */
class WardMemoryTest {

	/** @return the most bytes per row the merge loop held, for smoothed noise of 3 samples */
	private static double peakPerRow(final int[] dims, final int neighbourhood) {
		final int n = dims[0] * dims[1] * (dims.length == 3 ? dims[2] : 1);
		final double[] x = SmoothNoise.pixelMajor(dims[0], dims[1], dims.length == 3 ? dims[2] : 1, 3, 7, 1);
		final WardMerges merges = new WardMerges(x, n, 3, GridGraph.grid(dims, null, neighbourhood, TaskRunner.SEQUENTIAL), ProgressListener.NONE);
		merges.run(TaskRunner.SEQUENTIAL);
		return (double) merges.peakBytes() / n;
	}

	@Test
	void mergeLoopHoldsAboutOneHundredBytesPerRgbPixel() {
		// was 238 (4-connected) and 290 (8-connected) bytes per pixel besides the matrix: two copies of it,
		// the stored graph, every leaf edge's cost and three arrays per merged node
		final double four = peakPerRow(new int[] { 400, 300 }, 4);
		final double eight = peakPerRow(new int[] { 400, 300 }, 8);
		assertTrue(four <= 100, "4-connected: " + four + " bytes per pixel");
		assertTrue(eight <= 105, "8-connected: " + eight + " bytes per pixel");
		// the arrays that do not depend on the data: 60 bytes per row and 8 per feature (3 here)
		assertEquals(84.0, WardMerges.fixedBytes(1_000_000, 3, 4) / 1e6, 0.5);
	}

	@Test
	void estimateCoversWhatARunHolds() {
		final int[][] cases = { { 4, 400, 300 }, { 8, 400, 300 }, { 6, 50, 50, 40 }, { 26, 50, 50, 40 } };
		for (final int[] c : cases) {
			final int[] dims = c.length == 3 ? new int[] { c[1], c[2] } : new int[] { c[1], c[2], c[3] };
			final int n = dims[0] * dims[1] * (dims.length == 3 ? dims[2] : 1);
			final double peak = peakPerRow(dims, c[0]);
			final double estimate = (double) WardTree.memoryEstimate(n, 3, c[0]) / n;
			assertTrue(estimate >= peak && estimate <= 1.1 * peak, c[0] + "-connected: estimate " + estimate + ", held " + peak + " bytes per row");
		}
		assertEquals(0, WardTree.memoryEstimate(0, 3, 4));
	}
}
