package io.github.pixelclustering.core;

/**
 * The progress of a job made of consecutive phases: phase i gets the share {@code weight[i] / sum} of
 * the whole, after the shares of the phases before it, so the whole never goes back as long as each
 * phase reports non-decreasing fractions of its own.
 * <p>
 * {@link #next(String)} names the phase on the whole at once, before the phase reports anything itself,
 * so a phase that is long before its first report is still named. Weights should be roughly proportional
 * to the time the phases take. Not thread-safe: phases follow each other in one thread (a phase may hand
 * its listener to worker threads, see {@link SharedProgress}).
 */
public final class Phases {

	private final ProgressListener whole;
	private final double[] offsets;
	private int next;

	/**
	 * @param whole the listener of the whole job
	 * @param weights one weight >= 0 per phase, in order; 0 for a phase that does nothing this time
	 */
	public Phases(final ProgressListener whole, final double... weights) {
		double sum = 0;
		for (final double w : weights) {
			if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("phase weights must be finite and >= 0, got " + w);
			sum += w;
		}
		if (!(sum > 0)) throw new IllegalArgumentException("phase weights must not all be 0");
		this.whole = whole;
		this.offsets = new double[weights.length + 1];
		for (int i = 0; i < weights.length; i++)
			offsets[i + 1] = offsets[i] + weights[i] / sum;
		offsets[weights.length] = 1;
	}

	/**
	 * Starts the next phase: reports its start on the whole under {@code name}.
	 *
	 * @param name what the phase does, e.g. {@code "Building the pixel graph"}
	 * @return the phase's listener: its fractions 0..1 map onto the phase's share; stages pass unchanged
	 * @throws IllegalStateException when every phase has started
	 */
	public ProgressListener next(final String name) {
		if (next >= offsets.length - 1) throw new IllegalStateException("all " + (offsets.length - 1) + " phases have started; no phase for \"" + name + "\"");
		final int phase = next++;
		whole.checkCanceled();
		whole.progress(offsets[phase], name);
		return new PartialProgress(whole, offsets[phase], offsets[phase + 1] - offsets[phase], null);
	}

	/**
	 * Passes over the next phase without reporting: for a phase with nothing to do this time (its share
	 * is then covered at once by the next phase's start).
	 *
	 * @throws IllegalStateException when every phase has started
	 */
	public void skip() {
		if (next >= offsets.length - 1) throw new IllegalStateException("all " + (offsets.length - 1) + " phases have started; none to skip");
		next++;
	}

	/**
	 * Ends the job: reports 1.
	 *
	 * @param stage what is done, e.g. {@code "Ward agglomeration done"}
	 */
	public void done(final String stage) {
		next = offsets.length - 1;
		whole.progress(1, stage);
	}
}
