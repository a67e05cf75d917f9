package io.github.pixelclustering.kmeans;

/**
 * The distinct samples among draws with repeats (a batch, the validation draws), packed with their
 * norms in order of first draw, and each draw's slot among them. Reusable: each {@link #of} replaces the
 * last set of draws.
 */
final class DistinctDraws {

	/** Per sample: the generation (call of {@link #of}) in which it was last drawn, and its slot then. */
	final int[] seen;
	final int[] slotOfSample;
	int generation;
	/** The distinct samples' rows (the first {@link #count}). */
	final double[] rows;
	/** The same rows, feature by feature, with their squared norms. */
	final Columns columns = new Columns();
	int count;
	/** Per draw: the slot of its sample. */
	final int[] slot;

	DistinctDraws(final int n, final int draws, final int d) {
		seen = new int[n];
		slotOfSample = new int[n];
		rows = new double[draws * d];
		slot = new int[draws];
	}

	/** Packs the distinct samples of {@code indices} (as many as this was made for). */
	DistinctDraws of(final int[] indices, final double[] data, final int d, final double[] dataNorms) {
		final int g = ++generation;
		columns.clear(slot.length, d);
		int m = 0;
		for (int b = 0; b < slot.length; b++) {
			final int i = indices[b];
			if (seen[i] != g) {
				seen[i] = g;
				slotOfSample[i] = m;
				// gather into a contiguous buffer: a tight loop of independent loads lets the
				// processor overlap many cache misses on large data
				System.arraycopy(data, i * d, rows, m * d, d);
				columns.add(data, i, dataNorms[i]);
				m++;
			}
			slot[b] = slotOfSample[i];
		}
		count = m;
		return this;
	}
}
