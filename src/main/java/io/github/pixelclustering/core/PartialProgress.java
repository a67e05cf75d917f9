package io.github.pixelclustering.core;

/**
 * A listener for one part of a longer job: maps the part's progress 0..1 onto
 * {@code offset .. offset + share} of the whole and prefixes its stage; cancellation passes through.
 * Fractions outside [0, 1] are clamped, so the part never reports outside its share.
 */
public final class PartialProgress implements ProgressListener {

	private final ProgressListener whole;
	private final double offset;
	private final double share;
	private final String prefix;

	/**
	 * @param whole the listener of the whole job
	 * @param offset fraction of the whole done before this part
	 * @param share fraction of the whole that this part represents
	 * @param prefix what this part is, e.g. {@code "k = 3"}, prepended as {@code prefix + ": " + stage};
	 *        null to pass stages unchanged
	 */
	public PartialProgress(final ProgressListener whole, final double offset, final double share, final String prefix) {
		this.whole = whole;
		this.offset = offset;
		this.share = share;
		this.prefix = prefix;
	}

	@Override
	public void progress(final double fraction, final String stage) {
		whole.progress(offset + share * Math.max(0, Math.min(1, fraction)), prefix == null ? stage : prefix + ": " + stage);
	}

	@Override
	public boolean isCanceled() {
		return whole.isCanceled();
	}
}
