package io.github.pixelclustering.api;

import io.github.pixelclustering.spectrum.ClusterAnalysis;
import io.github.pixelclustering.spectrum.ClusterNumber;
import io.github.pixelclustering.spectrum.Preprocessing;
import io.github.pixelclustering.testutil.RecordingProgress;
import io.github.pixelclustering.testutil.SyntheticSpectra;

import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;

/**
 * The progress of the spectrum image pipelines as their engines report it: features (signal or
 * decomposition), cluster analysis with every algorithm, and the estimate of the number of clusters with
 * every metric; each one run from 0 to 1 that never goes back, with its phases named.
 */
class SpectrumProgressTest {

	private static final int THREADS = 4;
	/** More channels than the dense eigensolver takes, so that the decomposition uses Lanczos. */
	private static final int CHANNELS = 256;

	private static final List<RandomAccessibleInterval<? extends RealType<?>>> SPECTRA = spectra(24, 20);

	private static List<RandomAccessibleInterval<? extends RealType<?>>> spectra(final int w, final int h) {
		return SyntheticSpectra.generate(w, h, CHANNELS, 5).floatChannels();
	}

	private static SpectrumClustering.Settings settings(final SpectrumClustering.Source source, final ClusterAnalysis.Algorithm algorithm, final int connectivity) {
		return new SpectrumClustering.Settings(source, 4, source == SpectrumClustering.Source.DECOMPOSITION, Preprocessing.NORM, algorithm, connectivity, 4, 2, 0, 0, -1);
	}

	private static SpectrumClustering.Features features(final SpectrumClustering.Settings settings, final String what) {
		final RecordingProgress p = new RecordingProgress();
		final SpectrumClustering.Features[] out = new SpectrumClustering.Features[1];
		Parallelization.runWithNumThreads(THREADS, () -> out[0] = SpectrumClustering.features(SPECTRA, null, settings, p));
		p.assertWholeRun(what + ": features").assertReports("^Preprocessing", 1, what);
		if (settings.source() != SpectrumClustering.Source.SIGNAL) { // decomposition and bss
			p.assertReports("^Decomposition: Reading spectra", 1, what).assertReports("^Decomposition: Gram matrix", 2, what);
			p.assertReports("^Decomposition: Lanczos step", 1, what).assertReports("^Decomposition: Loadings and factors", 1, what);
		}
		else p.assertReports("^Reading spectra: channel", CHANNELS / 16, what);
		return out[0];
	}

	private static void analyse(final SpectrumClustering.Settings settings, final boolean modelCentres, final String what) {
		final SpectrumClustering.Features features = features(settings, what);
		final RecordingProgress p = new RecordingProgress();
		Parallelization.runWithNumThreads(THREADS, () -> SpectrumClustering.cluster(features, modelCentres ? null : SPECTRA, settings, p));
		p.assertWholeRun(what + ": cluster analysis").assertReports("^Distances of the pixels", 1, what).assertReports("^Cluster spectra", 1, what);
		if (!modelCentres) p.assertReports("^Cluster spectra: reading channels", 2, what);
	}

	@Test
	void clusterAnalysisWithEveryAlgorithm() {
		for (final SpectrumClustering.Source source : SpectrumClustering.Source.values())
			for (final ClusterAnalysis.Algorithm algorithm : ClusterAnalysis.Algorithm.values())
				analyse(settings(source, algorithm, 0), false, source + ", " + algorithm.label());
	}

	@Test
	void clusterAnalysisWithTheModelSpectraAndWithConnectivity() {
		analyse(settings(SpectrumClustering.Source.DECOMPOSITION, ClusterAnalysis.Algorithm.KMEANS, 0), true, "model spectra");
		analyse(settings(SpectrumClustering.Source.SIGNAL, ClusterAnalysis.Algorithm.AGGLOMERATIVE, 4), false, "ward with connectivity");
	}

	@Test
	void spectralClusteringNamesItsThreePhases() {
		final SpectrumClustering.Settings settings = settings(SpectrumClustering.Source.DECOMPOSITION, ClusterAnalysis.Algorithm.SPECTRAL, 0);
		final SpectrumClustering.Features features = features(settings, "spectral");
		final RecordingProgress p = new RecordingProgress();
		Parallelization.runWithNumThreads(THREADS, () -> SpectrumClustering.cluster(features, SPECTRA, settings, p));
		p.assertWholeRun("spectral").assertReports("nearest neighbours", 1, "spectral").assertReports("eigenvectors of the graph", 1, "spectral").assertReports("^Spectral clustering: k-means", 2, "spectral");
	}

	@Test
	void estimateWithEveryMetric() {
		final SpectrumClustering.Settings settings = settings(SpectrumClustering.Source.DECOMPOSITION, ClusterAnalysis.Algorithm.KMEANS, 0);
		final SpectrumClustering.Features features = features(settings, "estimate");
		for (final ClusterNumber.Metric metric : ClusterNumber.Metric.values()) {
			final RecordingProgress p = new RecordingProgress();
			Parallelization.runWithNumThreads(THREADS, () -> SpectrumClustering.estimate(features, 5, metric, settings, p));
			p.assertWholeRun("estimate, " + metric.label());
			for (int k = 2; k <= 5; k++)
				p.assertReports("^k = " + k + ": ", 2, metric.label());
			if (metric == ClusterNumber.Metric.SILHOUETTE) p.assertReports("^silhouette of 480 pixels", 2, metric.label());
			if (metric == ClusterNumber.Metric.GAP) p.assertReports("^k = 5, reference 3: ", 1, metric.label());
		}
	}

	@Test
	void estimateWithWardAndConnectivity() {
		final SpectrumClustering.Settings settings = settings(SpectrumClustering.Source.SIGNAL, ClusterAnalysis.Algorithm.AGGLOMERATIVE, 8);
		final SpectrumClustering.Features features = features(settings, "estimate, ward");
		final RecordingProgress p = new RecordingProgress();
		Parallelization.runWithNumThreads(THREADS, () -> SpectrumClustering.estimate(features, 4, ClusterNumber.Metric.ELBOW, settings, p));
		p.assertWholeRun("estimate, ward").assertReports("^Building the pixel graph", 1, "ward").assertReports("Ward merges", 3, "ward");
	}
}
