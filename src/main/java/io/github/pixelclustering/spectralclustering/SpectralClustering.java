package io.github.pixelclustering.spectralclustering;

import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.kmeans.KMeans;
import io.github.pixelclustering.kmeans.KMeansResult;
import io.github.pixelclustering.kmeans.KMeansSettings;

import java.util.SplittableRandom;

/**
 * Spectral clustering with scikit-learn 1.2 semantics: {@code SpectralClustering(n_clusters=k,
 * affinity="nearest_neighbors", n_neighbors=10, assign_labels="kmeans", random_state=seed)}, the
 * algorithm of HyperSpy's {@code cluster_analysis(algorithm=SpectralClustering(...))}.
 * <ol>
 * <li>Affinity: every sample is linked to itself and to its nearest other samples (Euclidean,
 * {@link SpectralClusteringSettings#neighbours()} in all), the connectivity matrix A is symmetrised into
 * {@code 0.5 (A + A^T)} (see {@link NeighbourGraph}).</li>
 * <li>Embedding: the k eigenvectors of the smallest eigenvalues of the normalised Laplacian
 * {@code I - D^-1/2 W D^-1/2} (self loops left out of W and D, as scipy's {@code laplacian(normed=True)}
 * does), the first one kept ({@code drop_first=False}), each divided by {@code sqrt(degree)} and its
 * sign chosen so that its largest absolute entry is positive.</li>
 * <li>Labels: k-means (k-means++, {@link SpectralClusteringSettings#restarts()} restarts) on the
 * n x k embedding, with {@link KMeans}.</li>
 * </ol>
 * Eigenvectors come from EJML's dense symmetric eigensolver for small problems, otherwise from an
 * iterative block solver on the sparse graph, O(n x neighbours) memory (see {@link GraphEigenvectors}).
 * The neighbour search is exact and brute force: O(n^2 d) time.
 * <p>
 * Differences from scikit-learn: ties between neighbours at the same distance go to the lower row index
 * and a sample is always its own neighbour, even among more than {@code neighbours} duplicates; the
 * eigenvectors of a repeated eigenvalue (a graph with several components) are another basis of the same
 * space; and k-means draws other random numbers. So labels agree with scikit-learn's up to the local
 * minimum k-means lands in, which on well separated data is the same partition.
 * <p>
 * Threading: the neighbour search, the products of the iterative solver and k-means run in chunks on
 * the {@link TaskRunner}; results are bit-identical for any runner. Randomness: the start block of the
 * iterative solver and the k-means++ seeds derive from {@link SpectralClusteringSettings#seed()}.
 *
 * <h2>References</h2> A. Ng, M. Jordan and Y. Weiss, "On spectral clustering: analysis and an
 * algorithm", NIPS 2001; U. von Luxburg, "A tutorial on spectral clustering", Statistics and Computing
 * 17(4), 2007.
 */
public final class SpectralClustering {

	private SpectralClustering() {}

	/**
	 * Clusters the samples with scikit-learn's defaults: 10 neighbours, 10 k-means restarts.
	 *
	 * @param x samples (n x d), finite, n >= 10
	 * @param clusters number of clusters k, 1..n
	 * @param seed random seed
	 * @param runner where to run chunks of work
	 * @param listener progress and cancellation
	 * @return labels, embedding and eigenvalues
	 */
	public static SpectralClusteringResult fit(final FeatureMatrix x, final int clusters, final long seed, final TaskRunner runner, final ProgressListener listener) {
		return fit(x, SpectralClusteringSettings.builder(clusters).seed(seed).build(), runner, listener);
	}

	/**
	 * Clusters the samples.
	 *
	 * @param x samples (n x d), finite, at least {@link SpectralClusteringSettings#neighbours()} of them
	 * @param settings clusters, neighbours, restarts, seed, eigensolver
	 * @param runner where to run chunks of work
	 * @param listener progress and cancellation
	 * @return labels, embedding and eigenvalues
	 * @throws IllegalArgumentException if the data are not finite, there are fewer samples than
	 *         neighbours or than clusters
	 * @throws java.util.concurrent.CancellationException when the listener cancels
	 */
	public static SpectralClusteringResult fit(final FeatureMatrix x, final SpectralClusteringSettings settings, final TaskRunner runner, final ProgressListener listener) {
		x.checkFinite();
		final int n = x.rows();
		final int k = settings.clusters();
		if (n < settings.neighbours()) throw new IllegalArgumentException("spectral clustering needs at least as many samples as neighbours (" + settings.neighbours() + "), got " + n + " samples");
		if (k > n) throw new IllegalArgumentException("clusters must be <= the number of samples (" + n + "), got " + k);
		final SplittableRandom random = new SplittableRandom(settings.seed());

		// phases: the neighbour graph, the eigenvectors, k-means of the embedding
		final Phases phases = new Phases(listener, 4, 4, 2);
		final NeighbourGraph graph = NeighbourGraph.build(x, settings.neighbours(), runner, phases.next("Spectral clustering: " + settings.neighbours() + " nearest neighbours of " + n + " samples"));
		final SpectralClusteringSettings.Eigensolver solver = settings.eigensolver().resolve(n, k);
		final ProgressListener eigenProgress = phases.next("Spectral clustering: " + k + " eigenvectors of the graph");
		final GraphEigenvectors eigen = solver == SpectralClusteringSettings.Eigensolver.DENSE ? GraphEigenvectors.dense(graph, k) : GraphEigenvectors.iterative(graph, k, random.split(), runner, eigenProgress);
		final double[] embedding = embedding(eigen.vectors, graph.sqrtDegree, n, k);
		final double[] laplacianValues = new double[k];
		for (int c = 0; c < k; c++)
			laplacianValues[c] = 1 - eigen.values[c];

		final ProgressListener kmeansProgress = new PartialProgress(phases.next("Spectral clustering: k-means of the embedding"), 0, 1, "Spectral clustering");
		final KMeansSettings kmeans = KMeansSettings.builder(k).restarts(settings.restarts()).seed(settings.seed()).build();
		final KMeansResult labels = KMeans.fit(new FeatureMatrix(embedding, n, k), null, kmeans, runner, kmeansProgress);
		phases.done("Spectral clustering done");
		return new SpectralClusteringResult(labels.labels(), k, embedding, laplacianValues, graph.components, solver, eigen.residual, labels.inertia());
	}

	/**
	 * Divides each eigenvector by sqrt(degree) and flips its sign so that its largest absolute entry (the
	 * first one on ties) is positive.
	 */
	static double[] embedding(final double[] vectors, final double[] sqrtDegree, final int n, final int k) {
		final double[] u = new double[n * k];
		for (int i = 0; i < n; i++)
			for (int c = 0; c < k; c++)
				u[i * k + c] = vectors[i * k + c] / sqrtDegree[i];
		for (int c = 0; c < k; c++) {
			int largest = 0;
			for (int i = 1; i < n; i++)
				if (Math.abs(u[i * k + c]) > Math.abs(u[largest * k + c])) largest = i;
			if (u[largest * k + c] < 0) for (int i = 0; i < n; i++)
				u[i * k + c] = -u[i * k + c];
		}
		return u;
	}
}
