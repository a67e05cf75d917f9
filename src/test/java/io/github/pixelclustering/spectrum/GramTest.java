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
		final int rows = counts().length / COLS;
		final double[] weights = new double[rows];
		final float[] a = realValues(weights);
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

	/** Weighted real values: three chunks as {@link #counts()}, scaled by random factors. */
	private static float[] realValues(final double[] weights) {
		final float[] a = counts();
		final SplittableRandom random = new SplittableRandom(3);
		for (int r = 0; r < weights.length; r++)
			weights[r] = 0.1 + random.nextDouble();
		for (int i = 0; i < a.length; i++)
			if (a[i] != 0) a[i] = (float) (a[i] * (0.5 + random.nextDouble()));
		return a;
	}

	@Test
	void keptSparseChunksGiveTheSameBitsAsChunksTakenOnTheWay() {
		final int rows = counts().length / COLS;
		final double[] weights = new double[rows];
		final float[] a = realValues(weights);
		final Gram.Rows rowsOfA = (from, to, tile, stride) -> {
			for (int r = from; r < to; r++)
				for (int j = 0; j < COLS; j++)
					tile[(r - from) * stride + j] = a[r * COLS + j];
		};
		// keep the sparse chunks the way the decomposition does as it reads them (and as a buffer decides)
		final SparseRows[] kept = new SparseRows[3];
		final SparseRows buffer = new SparseRows(CHUNK, COLS);
		final double[] b = new double[COLS];
		for (int j = 0; j < COLS; j++)
			b[j] = Math.sin(j + 1);
		for (int c = 0; c < 3; c++) {
			final int from = c * CHUNK, to = Math.min(rows, from + CHUNK);
			final double[] tile = new double[(to - from) * COLS];
			rowsOfA.fill(from, to, tile, COLS);
			int nonZero = 0;
			for (final double v : tile)
				if (v != 0) nonZero++;
			if (nonZero <= SparseRows.most(to - from, COLS)) kept[c] = SparseRows.of(tile, to - from, COLS, COLS, nonZero);
			assertEquals(kept[c] != null, buffer.take(tile, to - from, COLS, COLS), "chunk " + c + " sparse");
			if (kept[c] != null)
				for (int r = 0; r < to - from; r++)
					assertEquals(Projection.dot(tile, r * COLS, b, 0, COLS), kept[c].dot(r, b, 0), 0.0, "chunk " + c + ", row " + r);
		}
		assertTrue(kept[0] != null && kept[1] == null && kept[2] != null, "sparse, dense, sparse");
		final double[] onTheWay = Gram.of(rowsOfA, rows, COLS, weights, TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		assertArrayEquals(onTheWay, Gram.of(rowsOfA, kept, rows, COLS, weights, TaskRunner.SEQUENTIAL, ProgressListener.NONE));
		assertArrayEquals(Gram.of(a, rows, COLS, weights, TaskRunner.SEQUENTIAL, ProgressListener.NONE), onTheWay);
	}

	@Test
	void theDecompositionGivesTheSameBitsWithTheSparseChunksKeptOrReadAgain() {
		final int rows = counts().length / COLS;
		final float[] a = realValues(new double[rows]);
		// the same values as 64 pixels of many channels too: then the chunks are channels (pixels' Gram matrix)
		final float[] transposed = new float[a.length];
		for (int r = 0; r < rows; r++)
			for (int j = 0; j < COLS; j++)
				transposed[j * rows + r] = a[r * COLS + j];
		for (final Spectra spectra : new Spectra[] { Spectra.of(a, rows, COLS), Spectra.of(transposed, COLS, rows) }) {
			for (final boolean poisson : new boolean[] { false, true }) {
				final String what = spectra.pixels() + " pixels, poisson=" + poisson;
				final Decomposition readAgain = Decomposition.compute(spectra, 4, poisson, TaskRunner.SEQUENTIAL, ProgressListener.NONE, 0);
				final Decomposition kept = Decomposition.compute(spectra, 4, poisson, TaskRunner.SEQUENTIAL, ProgressListener.NONE, Long.MAX_VALUE);
				assertArrayEquals(readAgain.loadings(4), kept.loadings(4), "loadings, " + what);
				assertArrayEquals(readAgain.factors(4), kept.factors(4), "factors, " + what);
				assertArrayEquals(readAgain.explainedVariance(), kept.explainedVariance(), "variance, " + what);
				assertArrayEquals(readAgain.projection(4), kept.projection(4), "projection, " + what);
			}
		}
	}
}
