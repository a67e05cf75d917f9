package io.github.pixelclustering.kmeans;

/** scikit-learn's early stopping on the exponentially weighted average of the batch inertia. */
final class MiniBatchConvergence {

	final int batch;
	final long samples;
	final int maxNoImprovement;
	double ewa = Double.NaN;
	double ewaMin = Double.NaN;
	int noImprovement;

	MiniBatchConvergence(final int batch, final long samples, final int maxNoImprovement) {
		this.batch = batch;
		this.samples = samples;
		this.maxNoImprovement = maxNoImprovement;
	}

	boolean done(final long step, final double batchInertia, final boolean centresConverged) {
		final double inertia = batchInertia / batch;
		if (step == 0) return false; // the first step measures the initialisation
		if (Double.isNaN(ewa)) ewa = inertia;
		else {
			final double alpha = Math.min(1, batch * 2.0 / (samples + 1));
			ewa = ewa * (1 - alpha) + inertia * alpha;
		}
		if (centresConverged) return true;
		if (Double.isNaN(ewaMin) || ewa < ewaMin) {
			noImprovement = 0;
			ewaMin = ewa;
		}
		else noImprovement++;
		return maxNoImprovement > 0 && noImprovement >= maxNoImprovement;
	}
}
