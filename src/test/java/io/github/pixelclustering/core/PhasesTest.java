package io.github.pixelclustering.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.RecordingProgress;
import io.github.pixelclustering.testutil.Runners;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

/** {@link Phases}, {@link SharedProgress} and {@link PartialProgress}: how parts make one progress. */
class PhasesTest {

	@Test
	void phasesFollowEachOtherWithSharesProportionalToTheirWeights() {
		final RecordingProgress whole = new RecordingProgress();
		final Phases phases = new Phases(whole, 1, 0, 3);
		final ProgressListener first = phases.next("first");
		first.progress(0.5, "half of first");
		// fractions outside [0, 1] stay in the phase
		first.progress(2, "too far");
		phases.skip();
		final ProgressListener third = phases.next("third");
		third.progress(-1, "before third");
		third.progress(0.5, "half of third");
		phases.done("done");
		final List<RecordingProgress.Report> r = whole.reports();
		final double[] expected = { 0, 0.125, 0.25, 0.25, 0.25, 0.625, 1 };
		final String[] stages = { "first", "half of first", "too far", "third", "before third", "half of third", "done" };
		assertEquals(expected.length, r.size());
		for (int i = 0; i < expected.length; i++) {
			assertEquals(expected[i], r.get(i).fraction, 1e-12, r.get(i).toString());
			assertEquals(stages[i], r.get(i).stage);
		}
		whole.assertWholeRun("phases");
		assertThrows(IllegalStateException.class, () -> phases.next("one too many"));
	}

	@Test
	void weightsMustBeFiniteNonNegativeAndNotAllZero() {
		assertThrows(IllegalArgumentException.class, () -> new Phases(ProgressListener.NONE, 1, -1));
		assertThrows(IllegalArgumentException.class, () -> new Phases(ProgressListener.NONE, 0, 0));
		assertThrows(IllegalArgumentException.class, () -> new Phases(ProgressListener.NONE, Double.NaN));
		assertThrows(IllegalArgumentException.class, () -> new Phases(ProgressListener.NONE, Double.POSITIVE_INFINITY));
	}

	@Test
	void startingAPhaseChecksCancellation() {
		final Phases phases = new Phases(new ProgressListener() {

			@Override
			public boolean isCanceled() {
				return true;
			}
		}, 1, 1);
		assertThrows(CancellationException.class, () -> phases.next("first"));
	}

	@Test
	void partialProgressPrefixesItsStagesOrPassesThemUnchanged() {
		final RecordingProgress whole = new RecordingProgress();
		new PartialProgress(whole, 0.5, 0.25, "k = 3").progress(0.5, "run 1");
		new PartialProgress(whole, 0.75, 0.25, null).progress(1, "run 2");
		assertEquals("0.6250 k = 3: run 1", whole.reports().get(0).toString());
		assertEquals("1.0000 run 2", whole.reports().get(1).toString());
	}

	@Test
	void sharedWorkNeverGoesBackWhateverTheThreadsAndReportsAtMostAThousandTimes() {
		final RecordingProgress whole = new RecordingProgress();
		final SharedProgress shared = new SharedProgress(whole, 100_000);
		Runners.withThreads(4, runner -> {
			Chunks.of(100_000, 7).forEach(runner, (c, from, to) -> shared.add(to - from, "chunk"));
			return null;
		});
		whole.assertWholeRun("shared work");
		assertTrue(whole.reports().size() <= 1001, "reports: " + whole.reports().size());
	}

	@Test
	void partsAddTheirWeightedFractionsAndANewLowerFractionOfAPartDoesNotMoveTheWholeBack() {
		final RecordingProgress whole = new RecordingProgress();
		final SharedProgress shared = new SharedProgress(whole, 4);
		final ProgressListener small = shared.part(1, "small");
		final ProgressListener large = shared.part(3, null);
		large.progress(0.5, "large half");
		small.progress(1, "small done");
		large.progress(0.25, "large, an old report");
		large.progress(1, "large done");
		final List<Double> fractions = new ArrayList<>();
		whole.reports().forEach(r -> fractions.add(r.fraction));
		assertEquals(List.of(0.375, 0.625, 0.625, 1.0), fractions);
		assertEquals("small: small done", whole.reports().get(1).stage);
		assertEquals("large half", whole.reports().get(0).stage);
	}

	@Test
	void partsReportedFromManyThreadsNeverGoBack() {
		final RecordingProgress whole = new RecordingProgress();
		final SharedProgress shared = new SharedProgress(whole, 16);
		Runners.withThreads(4, runner -> {
			final List<Runnable> tasks = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				final ProgressListener part = shared.part(1, "part " + t);
				tasks.add(() -> {
					for (int i = 1; i <= 200; i++)
						part.progress(i / 200.0, "step " + i);
				});
			}
			runner.runAll(tasks);
			return null;
		});
		whole.assertWholeRun("parts");
	}
}
