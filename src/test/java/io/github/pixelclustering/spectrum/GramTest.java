package io.github.pixelclustering.spectrum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The Gram kernels: dense, and sparse for chunks with few non-zero entries; the same G either way. */
class GramTest {

	private static final int COLS = 64;
	/** Rows of one chunk at 64 columns. */
	private static final int CHUNK = Gram.chunkRows(COLS);

	/**
	 * Three chunks of whole numbers (counts): sparse (10 % non-zero), dense (80 %), sparse (30 %), the
	 * last one short.
	 */
	private static float[] counts() {
		final int rows = 2 * CHUNK + 1000;
		final float[] a = new float[rows * COLS];
		final SplittableRandom random = new SplittableRandom(7);
		for (int r = 0; r < rows; r++) {
			final double density = r < CHUNK ? 0.1 : r < 2 * CHUNK ? 0.8 : 0.3;
			for (int j = 0; j < COLS; j++)
				if (random.nextDouble() < density) a[r * COLS + j] = 1 + random.nextInt(40);
		}
		return a;
	}

	/** @return A^T A in exact whole numbers */
	private static double[] exact(final float[] a, final int rows) {
		final long[] g = new long[COLS * COLS];
		for (int r = 0; r < rows; r++)
			for (int i = 0; i < COLS; i++)
				for (int j = 0; j < COLS; j++)
					g[i * COLS + j] += (long) a[r * COLS + i] * (long) a[r * COLS + j];
		final double[] d = new double[g.length];
		for (int i = 0; i < g.length; i++)
			d[i] = g[i];
		return d;
	}

	@Test
	void countsGiveTheExactGramMatrixOnSparseAndDenseChunks() {
		final float[] a = counts();
		final int rows = a.length / COLS;
		assertArrayEquals(exact(a, rows), Gram.of(a, rows, COLS, null, TaskRunner.SEQUENTIAL, ProgressListener.NONE));
	}

	@Test
	void chunksGoToTheSparseKernelWhenFewEntriesAreNonZero() {
		final SparseRows sparse = new SparseRows(4, 10);
		final double[] few = new double[40];
		for (int i = 0; i < 16; i++)
			few[i * 2] = 1; // 40 % non-zero: the most it takes
		assertTrue(sparse.take(few, 4, 10, 10));
		few[1] = 1;
		assertFalse(sparse.take(few, 4, 10, 10));
		assertEquals(0.4, SparseRows.DENSITY);
	}

	@Test
	void weightedRealValuesAgreeWithTheDefinitionAndDoNotDependOnThreads() throws Exception {
		final float[] a = counts();
		final int rows = a.length / COLS;
		final SplittableRandom random = new SplittableRandom(3);
		final double[] weights = new double[rows];
		for (int r = 0; r < rows; r++)
			weights[r] = 0.1 + random.nextDouble();
		for (int i = 0; i < a.length; i++)
			if (a[i] != 0) a[i] = (float) (a[i] * (0.5 + random.nextDouble()));
		final double[] g = Gram.of(a, rows, COLS, weights, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		for (int i = 0; i < COLS; i++)
			for (int j = 0; j < COLS; j++) {
				double expected = 0;
				for (int r = 0; r < rows; r++)
					expected += weights[r] * a[r * COLS + i] * a[r * COLS + j];
				assertEquals(expected, g[i * COLS + j], 1e-12 * Math.abs(expected), "G[" + i + "][" + j + "]");
			}
		final ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			final TaskRunner threads = tasks -> {
				try {
					for (final Future<?> f : pool.invokeAll(tasks.stream().map(Executors::callable).collect(Collectors.toList())))
						f.get();
				}
				catch (final Exception e) {
					throw new IllegalStateException(e);
				}
			};
			assertArrayEquals(g, Gram.of(a, rows, COLS, weights, threads, ProgressListener.NONE));
		}
		finally {
			pool.shutdown();
		}
	}
}
