package io.github.pixelclustering.ward;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.LabelGroups;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

/**
 * Links the connected components of a graph as scikit-learn's {@code _fix_connected_components} does:
 * for every pair of components (i, j < i), an edge between the closest pair of rows, the first one in
 * row order (rows of component i, then rows of component j) on ties.
 * <p>
 * The search is exact. It compares rows of component i with the rows of component j sorted by norm and
 * stops scanning when the difference of norms alone exceeds the best distance so far (the triangle
 * inequality), which skips most pairs when the components differ. Rows of component i are split into
 * chunks searched in parallel; the chunks' winners are combined in order, so the result does not depend
 * on the number of threads.
 */
final class ComponentLinks {

	private ComponentLinks() {}

	/**
	 * @param x the rows
	 * @param component component of every row, 0..count-1
	 * @param count number of components, >= 2
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return pairs of rows {@code a0, b0, a1, b1, ...}, one per pair of components
	 */
	static int[] closestPairs(final FeatureMatrix x, final int[] component, final int count, final TaskRunner runner, final ProgressListener listener) {
		final int n = x.rows();
		final int d = x.cols();
		final double[] data = x.data();
		// rows of each component, in row order, and the same sorted by norm
		final LabelGroups groups = LabelGroups.of(component, count);
		final int[] start = groups.start, rows = groups.members;
		final double[] norm = new double[n];
		for (int r = 0; r < n; r++) {
			double s = 0;
			for (int f = 0; f < d; f++)
				s += data[r * d + f] * data[r * d + f];
			norm[r] = Math.sqrt(s);
		}
		final int[] byNorm = new int[n];
		final double[] sortedNorm = new double[n];
		for (int c = 0; c < count; c++) {
			final Integer[] members = new Integer[start[c + 1] - start[c]];
			for (int i = 0; i < members.length; i++)
				members[i] = rows[start[c] + i];
			Arrays.sort(members, (a, b) -> norm[a] != norm[b] ? Double.compare(norm[a], norm[b]) : Integer.compare(a, b));
			for (int i = 0; i < members.length; i++) {
				byNorm[start[c] + i] = members[i];
				sortedNorm[start[c] + i] = norm[members[i]];
			}
		}
		final long pairsOfComponents = (long) count * (count - 1) / 2;
		final int[] links = new int[(int) (2 * pairsOfComponents)];
		int at = 0;
		final SharedProgress progress = new SharedProgress(listener, pairsOfComponents);
		for (int ci = 0; ci < count; ci++) {
			for (int cj = 0; cj < ci; cj++) {
				listener.checkCanceled();
				final int[] pair = closest(data, d, rows, start[ci], start[ci + 1], byNorm, sortedNorm, start[cj], start[cj + 1], norm, runner);
				links[at++] = pair[0];
				links[at++] = pair[1];
				progress.add(1, "Linking " + count + " unconnected parts");
			}
		}
		return links;
	}

	private static int[] closest(final double[] data, final int d, final int[] rows, final int from, final int to, final int[] byNorm, final double[] sortedNorm, final int jFrom, final int jTo, final double[] norm, final TaskRunner runner) {
		final Chunks chunks = Chunks.of(to - from, 256);
		final double[] bestDistance = new double[chunks.count()];
		final int[] bestA = new int[chunks.count()];
		final int[] bestB = new int[chunks.count()];
		chunks.forEach(runner, (c, s, e) -> {
			double best = Double.POSITIVE_INFINITY;
			int ba = -1;
			int bb = -1;
			for (int i = from + s; i < from + e; i++) {
				final int a = rows[i];
				final double na = norm[a];
				// scan outwards from a's norm among component j's rows
				int hi = lowerBound(sortedNorm, jFrom, jTo, na);
				int lo = hi - 1;
				while (lo >= jFrom || hi < jTo) {
					final double gapLo = lo >= jFrom ? na - sortedNorm[lo] : Double.POSITIVE_INFINITY;
					final double gapHi = hi < jTo ? sortedNorm[hi] - na : Double.POSITIVE_INFINITY;
					final boolean takeLo = gapLo <= gapHi;
					final double gap = takeLo ? gapLo : gapHi;
					// norm gap is a lower bound of the distance; keep a margin for rounding, and scan ties
					if (gap * gap > best * (1 + 1e-9) + 1e-300) break;
					final int b = takeLo ? byNorm[lo--] : byNorm[hi++];
					final double dist = squared(data, d, a, b);
					if (dist < best || dist == best && (a < ba || a == ba && b < bb)) {
						best = dist;
						ba = a;
						bb = b;
					}
				}
			}
			bestDistance[c] = best;
			bestA[c] = ba;
			bestB[c] = bb;
		});
		int w = 0;
		for (int c = 1; c < bestDistance.length; c++)
			if (bestDistance[c] < bestDistance[w]) w = c;
		return new int[] { bestA[w], bestB[w] };
	}

	private static int lowerBound(final double[] sorted, int lo, int hi, final double value) {
		while (lo < hi) {
			final int mid = (lo + hi) >>> 1;
			if (sorted[mid] < value) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	private static double squared(final double[] data, final int d, final int a, final int b) {
		double s = 0;
		final int oa = a * d;
		final int ob = b * d;
		for (int f = 0; f < d; f++) {
			final double diff = data[oa + f] - data[ob + f];
			s += diff * diff;
		}
		return s;
	}
}
