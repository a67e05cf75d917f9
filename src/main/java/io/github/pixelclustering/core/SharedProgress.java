package io.github.pixelclustering.core;

/**
 * The progress of one phase whose work is shared by threads: either units of work counted as they are
 * done ({@link #add}), or parts with a listener each ({@link #part}) whose fractions are added up, each
 * weighted by its units. Every report of the whole is made under one lock, so the whole never goes back
 * whatever the order in which threads report.
 * <p>
 * {@link #add} reports at most about a thousand times over the whole work; parts report as often as their
 * own code does.
 */
public final class SharedProgress {

	private static final int STEPS = 1000;

	private final ProgressListener whole;
	private final double total;
	private double done;
	private long reported = -1;

	/**
	 * @param whole where the whole is reported, as a fraction of {@code total}
	 * @param total units of work in the whole, > 0
	 */
	public SharedProgress(final ProgressListener whole, final double total) {
		this.whole = whole;
		this.total = total > 0 ? total : 1;
	}

	/**
	 * Counts work done and reports it when the fraction has moved by at least a thousandth.
	 *
	 * @param units work just done, >= 0
	 * @param stage what is being done
	 */
	public void add(final double units, final String stage) {
		synchronized (this) {
			done += Math.max(0, units);
			final long step = (long) (STEPS * fraction());
			if (step == reported) return;
			reported = step;
			whole.progress(fraction(), stage);
		}
	}

	/**
	 * A listener for one part of the work: as the part reports fraction f of itself, the whole moves to
	 * include f x units of this part (a part that reports a lower fraction than before does not move it back).
	 *
	 * @param units the part's share of the total
	 * @param prefix prepended to the part's stages as {@code prefix + ": " + stage}, or null
	 * @return the part's listener; cancellation passes through
	 */
	public ProgressListener part(final double units, final String prefix) {
		return new ProgressListener() {

			private double seen;

			@Override
			public void progress(final double fraction, final String stage) {
				synchronized (SharedProgress.this) {
					final double f = Math.max(0, Math.min(1, fraction));
					if (f > seen) {
						done += (f - seen) * units;
						seen = f;
					}
					reported = (long) (STEPS * fraction());
					whole.progress(fraction(), prefix == null ? stage : prefix + ": " + stage);
				}
			}

			@Override
			public boolean isCanceled() {
				return whole.isCanceled();
			}
		};
	}

	/** @return whether the whole says stop */
	public boolean isCanceled() {
		return whole.isCanceled();
	}

	private double fraction() {
		return Math.min(1, done / total);
	}
}
