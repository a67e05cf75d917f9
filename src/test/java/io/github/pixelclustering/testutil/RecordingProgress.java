package io.github.pixelclustering.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.pixelclustering.core.ProgressListener;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listener that records every report, from any thread, and checks the progress contract of a run:
 * fractions in [0, 1] that never go back, non-empty stages, and a last report of 1.
 */
public final class RecordingProgress implements ProgressListener {

	/** One report. */
	public static final class Report {

		/** The fraction reported. */
		public final double fraction;
		/** The stage reported. */
		public final String stage;

		Report(final double fraction, final String stage) {
			this.fraction = fraction;
			this.stage = stage;
		}

		@Override
		public String toString() {
			return String.format("%.4f %s", fraction, stage);
		}
	}

	private final List<Report> reports = new ArrayList<>();

	@Override
	public synchronized void progress(final double fraction, final String stage) {
		reports.add(new Report(fraction, stage));
	}

	/** @return the reports so far, in the order they were made */
	public synchronized List<Report> reports() {
		return new ArrayList<>(reports);
	}

	/**
	 * Asserts the contract of a whole run: at least one report; every fraction in [0, 1] and not below
	 * the one before; every stage non-empty; the last report 1.
	 *
	 * @param what the run, for messages
	 * @return this
	 */
	public RecordingProgress assertWholeRun(final String what) {
		final List<Report> all = reports();
		assertFalse(all.isEmpty(), what + ": no progress reported");
		double previous = 0;
		for (int i = 0; i < all.size(); i++) {
			final Report r = all.get(i);
			if (!(r.fraction >= 0 && r.fraction <= 1)) fail(what + ": fraction outside [0, 1] at report " + i + ": " + r);
			if (r.fraction < previous) fail(what + ": progress went back at report " + i + ", from " + all.get(i - 1) + " to " + r);
			if (r.stage == null || r.stage.trim().isEmpty()) fail(what + ": empty stage at report " + i + ": " + r);
			previous = r.fraction;
		}
		assertEquals(1.0, all.get(all.size() - 1).fraction, 0.0, what + ": the last report is not 1: " + all.get(all.size() - 1));
		return this;
	}

	/** @return how many reports have a stage matching {@code regex} (anywhere in the stage) */
	public int count(final String regex) {
		final Pattern p = Pattern.compile(regex);
		int count = 0;
		for (final Report r : reports())
			if (p.matcher(r.stage).find()) count++;
		return count;
	}

	/**
	 * Asserts that at least {@code least} reports have a stage matching {@code regex}.
	 *
	 * @return this
	 */
	public RecordingProgress assertReports(final String regex, final int least, final String what) {
		final int count = count(regex);
		assertTrue(count >= least, what + ": expected at least " + least + " reports matching \"" + regex + "\", got " + count + stagesSeen());
		return this;
	}

	/**
	 * The largest difference between consecutive numbers captured by group 1 of {@code regex} in the
	 * stages that match it (e.g. the mini-batch step), counting from 0: how much work goes by between two
	 * reports of that phase.
	 *
	 * @param regex a pattern with one group capturing a whole number
	 * @return the largest step, or -1 when no stage matches
	 */
	public long largestStep(final String regex) {
		final Pattern p = Pattern.compile(regex);
		long previous = 0;
		long largest = -1;
		for (final Report r : reports()) {
			final Matcher m = p.matcher(r.stage);
			if (!m.find()) continue;
			final long value = Long.parseLong(m.group(1));
			largest = Math.max(largest, value - previous);
			previous = value;
		}
		return largest;
	}

	/** @return the distinct stages with their numbers replaced by #, in order, for messages */
	public String stagesSeen() {
		final StringBuilder out = new StringBuilder("; stages:");
		String last = null;
		for (final Report r : reports()) {
			final String shape = r.stage.replaceAll("[0-9]+", "#");
			if (shape.equals(last)) continue;
			out.append("\n  ").append(String.format("%.3f ", r.fraction)).append(r.stage);
			last = shape;
		}
		return out.toString();
	}
}
