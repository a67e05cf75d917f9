package io.github.pixelclustering.kmeans;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

/**
 * A few full k-means (Lloyd) iterations after mini-batch k-means ({@link MiniBatchSettings#lloydIterations()}).
 * <p>
 * Every sample is first labelled with its nearest mini-batch centre, with the same arithmetic as
 * {@link MiniBatchKMeans}'s final assignment (so with no iteration taken the result is the same). Each
 * iteration then moves every centre to the weighted mean of its samples and relabels every sample, which
 * never increases the inertia. It stops early when no label changes; an iteration that would empty a
 * cluster is not taken.
 * <p>
 * Hamerly's bounds skip the samples whose label cannot change: an upper bound
 * on the distance to the own centre and a lower bound on the distance to every other, moved by the
 * centres' shifts; a sample is rescanned only when the bounds overlap (with a margin far larger than the
 * rounding of the distances). Rows of at least {@value Distances#INTERLEAVED} features get their
 * distances from {@link Columns} (|x|^2 + |c|^2 - 2 x.c, vectorised), shorter ones from
 * {@link Distances#squared}.
 * <p>
 * Threading: chunks of samples on the {@link TaskRunner}; the means are summed in sample order; results
 * are identical for any runner.
 */
final class LloydPolish {

	/** Rows per block: long rows (one centre at a time over the block), short rows (row by row). */
	private static final int LONG_BLOCK = 256;
	private static final int SHORT_BLOCK = 64;

	private final double[] data;
	private final int n;
	private final int d;
	/** Squared norms of the rows (long rows), or null (short rows). */
	private final double[] norms;
	private final double[] w;
	private final int k;
	private final TaskRunner runner;
	private final Chunks chunks;

	private final int[] labels;
	/** Per sample: upper bound on the distance to its centre. */
	private final double[] upper;
	/** Per sample: lower bound on the distance to every other centre. */
	private final double[] lower;
	/** Safety margin on bound comparisons, in distance units. */
	private final double margin;

	// the pass in progress
	private double[] centres;
	private double[] centreNorms;
	private double[] shift;
	private double largestShift;

	private LloydPolish(final double[] data, final int n, final int d, final double[] norms, final double[] w, final int k, final TaskRunner runner) {
		this.data = data;
		this.n = n;
		this.d = d;
		this.norms = norms;
		this.w = w;
		this.k = k;
		this.runner = runner;
		chunks = Chunks.of(n);
		labels = new int[n];
		upper = new double[n];
		lower = new double[n];
		double largest = 0;
		for (int i = 0; i < n; i++)
			largest = Math.max(largest, norms != null ? norms[i] : Distances.norm(data, i * d, d));
		// squared distances carry absolute errors of about 1e-16 x d x (|x|^2 + |c|^2); in distance units
		// that is at most the square root of it
		margin = 1e-6 * Math.sqrt(largest * Math.max(1, d)) + Double.MIN_NORMAL;
	}

	/**
	 * @param data samples, n x d row-major
	 * @param norms squared row norms for rows of at least {@value Distances#INTERLEAVED} features, else null
	 * @param w sample weights
	 * @param centres the mini-batch centres, k x d
	 * @param iterations largest number of iterations, >= 0
	 * @param steps the mini-batch steps, reported as the result's iterations
	 * @return the labels, the centres they are nearest to, and the weighted inertia
	 */
	static KMeansResult run(final double[] data, final int n, final int d, final double[] norms, final double[] w, final double[] centres, final int k, final int iterations, final int steps, final TaskRunner runner, final ProgressListener listener) {
		return new LloydPolish(data, n, d, norms, w, k, runner).iterate(centres, iterations, steps, listener);
	}

	private KMeansResult iterate(final double[] start, final int iterations, final int steps, final ProgressListener listener) {
		// progress: one unit per sample and pass (the first scan, then each iteration)
		final SharedProgress progress = new SharedProgress(listener, (double) n * (iterations + 1));
		setCentres(start, null);
		chunks.forEach(runner, (c, from, to) -> {
			new Scan().all(from, to);
			progress.add(to - from, "k-means polish: labelling samples");
		});
		int clusters = nonEmpty(labels);
		int[] previous = new int[n];
		for (int t = 0; t < iterations; t++) {
			listener.checkCanceled();
			final String stage = "k-means polish: iteration " + (t + 1) + "/" + iterations;
			final double[] old = centres;
			System.arraycopy(labels, 0, previous, 0, n);
			setCentres(means(old), old);
			final int[] changed = new int[chunks.count()];
			chunks.forEach(runner, (c, from, to) -> {
				changed[c] = pass(from, to);
				progress.add(to - from, stage);
			});
			int total = 0;
			for (final int v : changed)
				total += v;
			final int now = nonEmpty(labels);
			if (now < clusters) {
				// not taken: back to the labels of the previous centres
				System.arraycopy(previous, 0, labels, 0, n);
				centres = old;
				break;
			}
			clusters = now;
			if (total == 0) break;
		}
		final double[] c = centres;
		final double inertia = chunks.sum(runner, (from, to) -> {
			double s = 0;
			for (int i = from; i < to; i++)
				if (w[i] != 0) s += w[i] * Distances.squared(data, i * d, c, labels[i] * d, d);
			return s;
		});
		return new KMeansResult(c.clone(), k, labels.clone(), inertia, steps);
	}

	/** Makes {@code next} the current centres, with their shifts from {@code old} (none when null). */
	private void setCentres(final double[] next, final double[] old) {
		centres = next;
		centreNorms = norms != null ? Distances.norms(next, k, d) : null;
		shift = new double[k];
		largestShift = 0;
		if (old == null) return;
		for (int j = 0; j < k; j++) {
			shift[j] = Math.sqrt(Distances.squared(next, j * d, old, j * d, d));
			largestShift = Math.max(largestShift, shift[j]);
		}
	}

	/**
	 * Moves the bounds of samples from..to-1 by the shifts; a sample whose bounds still overlap after its
	 * upper bound is tightened gets its distances to every centre.
	 *
	 * @return the number of labels changed
	 */
	private int pass(final int from, final int to) {
		final Scan scan = new Scan();
		for (int i = from; i < to; i++) {
			final int a = labels[i];
			upper[i] += shift[a];
			lower[i] -= largestShift;
			if (upper[i] + margin < lower[i]) continue;
			// tightened with the plain formula (within the margin of the scan's)
			upper[i] = Math.sqrt(Distances.squared(data, i * d, centres, a * d, d));
			if (upper[i] + margin < lower[i]) continue;
			scan.add(i);
		}
		scan.flush();
		return scan.changed;
	}

	/** Samples whose distances to every centre are computed, in blocks of {@link #LONG_BLOCK} or {@link #SHORT_BLOCK} rows. */
	private final class Scan {

		private final int size = norms != null ? LONG_BLOCK : SHORT_BLOCK;
		private final int[] rows = new int[size];
		/** Long rows: the block's rows feature by feature, one centre's distances, and per row the two nearest. */
		private final Columns packed = norms != null ? new Columns().clear(size, d) : null;
		private final double[] distances = norms != null ? new double[size] : null;
		private final double[] first = new double[size];
		private final double[] second = new double[size];
		private final int[] best = new int[size];
		private int count;
		int changed;

		void add(final int i) {
			if (norms != null) packed.add(data, i, norms[i]);
			rows[count++] = i;
			if (count == size) flush();
		}

		/** Scans samples from..to-1. */
		void all(final int from, final int to) {
			for (int i = from; i < to; i++)
				add(i);
			flush();
		}

		void flush() {
			if (count == 0) return;
			if (norms != null) nearestTwo();
			else nearestTwoDirect();
			assign();
			if (norms != null) packed.clear(size, d);
			count = 0;
		}

		/**
		 * Long rows: the two nearest centres of every row ({@link #first}, {@link #second}, {@link #best}),
		 * centre by centre over the rows (the lowest index on ties, as the mini-batch assignment).
		 */
		private void nearestTwo() {
			java.util.Arrays.fill(first, 0, count, Double.POSITIVE_INFINITY);
			java.util.Arrays.fill(second, 0, count, Double.POSITIVE_INFINITY);
			java.util.Arrays.fill(best, 0, count, 0);
			for (int j = 0; j < k; j++) {
				packed.squaredTo(0, count, centres, j * d, centreNorms[j], distances);
				for (int r = 0; r < count; r++)
					offer(r, j, distances[r]);
			}
		}

		/** Row r's distance v to centre j, offered to its two nearest (centres offered in index order). */
		private void offer(final int r, final int j, final double v) {
			if (v < second[r]) {
				if (v < first[r]) {
					second[r] = first[r];
					first[r] = v;
					best[r] = j;
				}
				else second[r] = v;
			}
		}

		/** Short rows: {@link #nearestTwo}, row by row, with the plain formula. */
		private void nearestTwoDirect() {
			for (int r = 0; r < count; r++) {
				first[r] = Double.POSITIVE_INFINITY;
				second[r] = Double.POSITIVE_INFINITY;
				best[r] = 0;
				for (int j = 0; j < k; j++)
					offer(r, j, Distances.squared(data, rows[r] * d, centres, j * d, d));
			}
		}

		/** Labels and bounds of the rows from their two nearest centres. */
		private void assign() {
			for (int r = 0; r < count; r++) {
				final int i = rows[r];
				if (best[r] != labels[i]) changed++;
				labels[i] = best[r];
				upper[i] = Math.sqrt(first[r]);
				lower[i] = Math.sqrt(second[r]);
			}
		}
	}

	/** The weighted mean of every cluster's samples, summed in sample order; an empty cluster keeps its centre. */
	private double[] means(final double[] old) {
		final double[] sums = new double[k * d];
		final double[] totals = new double[k];
		for (int i = 0; i < n; i++) {
			final double wi = w[i];
			if (wi == 0) continue;
			final int o = labels[i] * d;
			totals[labels[i]] += wi;
			for (int f = 0; f < d; f++)
				sums[o + f] += wi * data[i * d + f];
		}
		for (int j = 0; j < k; j++) {
			if (totals[j] > 0) for (int f = 0; f < d; f++)
				sums[j * d + f] /= totals[j];
			else System.arraycopy(old, j * d, sums, j * d, d);
		}
		return sums;
	}

	/** @return the number of clusters with weight > 0 */
	private int nonEmpty(final int[] l) {
		final boolean[] seen = new boolean[k];
		int count = 0;
		for (int i = 0; i < n; i++)
			if (w[i] > 0 && !seen[l[i]]) {
				seen[l[i]] = true;
				count++;
			}
		return count;
	}
}
