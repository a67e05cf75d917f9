package io.github.pixelclustering.headless;

import io.github.pixelclustering.core.ProgressListener;

import org.scijava.app.StatusService;

/** Progress of the command line's own work on SciJava's status, which {@link StatusPrinter} prints. */
final class StatusProgress {

	private StatusProgress() {}

	/**
	 * @param status the status service, or null for none
	 * @param prefix put before each stage ({@code "Labelling map.rpl: "}), or "" for none
	 * @return a listener that shows each stage with its fraction
	 */
	static ProgressListener of(final StatusService status, final String prefix) {
		return new ProgressListener() {

			@Override
			public void progress(final double fraction, final String stage) {
				if (status != null) status.showStatus((int) Math.round(1000 * Math.max(0, Math.min(1, fraction))), 1000, prefix + stage);
			}
		};
	}
}
