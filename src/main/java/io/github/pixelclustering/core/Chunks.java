package io.github.pixelclustering.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code 0..n-1} into consecutive ranges, of a fixed size or at given boundaries, independent of
 * the thread count.
 * <p>
 * Per-chunk partial results (sums, counts) combined in chunk order give the same floating-point result
 * for any {@link TaskRunner}, which is what makes engines deterministic across thread counts.
 */
public final class Chunks {

	/** Default number of rows per chunk. */
	public static final int DEFAULT_SIZE = 4096;

	private final int n;
	private final int size;
	private final int[] bounds;

	private Chunks(final int n, final int size, final int[] bounds) {
		this.n = n;
		this.size = size;
		this.bounds = bounds;
	}

	/**
	 * @param n number of items
	 * @param size items per chunk (the last chunk may be shorter)
	 * @return the chunking
	 */
	public static Chunks of(final int n, final int size) {
		if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
		if (size < 1) throw new IllegalArgumentException("chunk size must be >= 1, got " + size);
		return new Chunks(n, size, null);
	}

	/**
	 * @param bounds increasing boundaries: chunk c is {@code bounds[c]..bounds[c+1]-1}; the first must be 0
	 * @return chunks at the given boundaries over {@code bounds[bounds.length - 1]} items
	 */
	public static Chunks atBounds(final int[] bounds) {
		if (bounds.length < 1 || bounds[0] != 0) throw new IllegalArgumentException("chunk bounds must start at 0");
		for (int c = 1; c < bounds.length; c++)
			if (bounds[c] < bounds[c - 1]) throw new IllegalArgumentException("chunk bounds must increase, got " + bounds[c - 1] + " then " + bounds[c]);
		return new Chunks(bounds[bounds.length - 1], 1, bounds.clone());
	}

	/** @return chunks of {@link #DEFAULT_SIZE} over {@code n} items */
	public static Chunks of(final int n) {
		return of(n, DEFAULT_SIZE);
	}

	/** @return number of chunks */
	public int count() {
		return bounds != null ? bounds.length - 1 : (n + size - 1) / size;
	}

	/** @return first item of chunk {@code c} */
	public int start(final int c) {
		return bounds != null ? bounds[c] : c * size;
	}

	/** @return one past the last item of chunk {@code c} */
	public int end(final int c) {
		return bounds != null ? bounds[c + 1] : Math.min(n, (c + 1) * size);
	}

	/** Work on one chunk. */
	@FunctionalInterface
	public interface ChunkTask {

		/**
		 * @param chunk index of the chunk
		 * @param start first item
		 * @param end one past the last item
		 */
		void run(int chunk, int start, int end);
	}

	/**
	 * Runs {@code task} on every chunk through {@code runner} and waits.
	 *
	 * @param runner where to run
	 * @param task what to do per chunk
	 */
	public void forEach(final TaskRunner runner, final ChunkTask task) {
		final int count = count();
		if (count == 0) return;
		if (count == 1) {
			task.run(0, start(0), end(0));
			return;
		}
		final List<Runnable> tasks = new ArrayList<>(count);
		for (int c = 0; c < count; c++) {
			final int chunk = c;
			tasks.add(() -> task.run(chunk, start(chunk), end(chunk)));
		}
		runner.runAll(tasks);
	}

	/**
	 * Sums one value per chunk, in chunk order.
	 *
	 * @param runner where to run
	 * @param sum the sum over one chunk's items
	 * @return the total, bit-identical for any runner
	 */
	public double sum(final TaskRunner runner, final ChunkSum sum) {
		final double[] partial = new double[count()];
		forEach(runner, (c, start, end) -> partial[c] = sum.sum(start, end));
		double total = 0;
		for (final double p : partial)
			total += p;
		return total;
	}

	/** A sum over a range of items. */
	@FunctionalInterface
	public interface ChunkSum {

		/**
		 * @param start first item
		 * @param end one past the last item
		 * @return the sum over the range
		 */
		double sum(int start, int end);
	}
}
