package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.api.SpectrumClustering;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.testutil.Commands;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;

/**
 * The threads our commands run with ({@link CommandProgress#threaded}): ImageJ's thread count on the
 * command's own thread, unless its caller chose; and an error found on a worker thread keeps its own
 * message (a fork-join pool rethrows a copy whose message is "java.lang.IllegalArgumentException: ...").
 */
class CommandThreadsTest {

	/** @return the parallelism a command's work sees, run on a thread of its own (as commands are) */
	private static int onAThreadOfItsOwn() {
		final int[] seen = new int[1];
		final Thread thread = new Thread(() -> CommandProgress.threaded(() -> seen[0] = ParallelTasks.current().parallelism()));
		thread.start();
		try {
			thread.join();
		}
		catch (final InterruptedException e) {
			throw new AssertionError(e);
		}
		return seen[0];
	}

	@Test
	void commandsRunWithImageJsThreadsUnlessTheCallerChose() {
		for (final int threads : new int[] { 1, 3 })
			assertEquals(threads, (int) Commands.withThreads(threads, CommandThreadsTest::onAThreadOfItsOwn), "ImageJ's threads " + threads);
		// a caller's choice on the command's thread wins
		final int[] seen = new int[1];
		Commands.withThreads(3, () -> {
			Parallelization.runSingleThreaded(() -> CommandProgress.threaded(() -> seen[0] = ParallelTasks.current().parallelism()));
			return null;
		});
		assertEquals(1, seen[0]);
	}

	@Test
	void anErrorOnAWorkerThreadKeepsItsMessage() {
		// a NaN in the last chunk of pixels, which a worker reads
		final List<RandomAccessibleInterval<? extends RealType<?>>> map = new ArrayList<>();
		for (int c = 0; c < 64; c++) {
			final float[] plane = new float[128 * 128];
			Arrays.fill(plane, 1);
			if (c == 40) plane[16000] = Float.NaN;
			map.add(ArrayImgs.floats(plane, 128, 128));
		}
		final SpectrumClustering.Settings settings = new SpectrumClustering.Settings(SpectrumClustering.Source.DECOMPOSITION, 2, false, Preprocessing.NONE, ClusterAnalysis.Algorithm.KMEANS, 0, 2, 1, 0, 0, -1);
		for (final int threads : new int[] { 1, 2, 4 }) {
			final SpectrumClusterAnalysisCommand command = new SpectrumClusterAnalysisCommand();
			Commands.withThreads(threads, () -> {
				new CommandProgress(null).guard(command, SpectrumClusterAnalysisCommand.CANCELED, () -> SpectrumClustering.features(map, null, settings, ProgressListener.NONE));
				return null;
			});
			assertTrue(command.isCanceled(), threads + " threads");
			assertEquals("The spectrum image must have finite values, got NaN at pixel 16000, channel 40.", command.getCancelReason(), threads + " threads");
		}
	}
}
