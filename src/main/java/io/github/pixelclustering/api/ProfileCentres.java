package io.github.pixelclustering.api;

import io.github.pixelclustering.hkmeans.HierarchicalKMeans;
import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.kmeans.KMeansResult;
import io.github.pixelclustering.kmeans.NearestCentres;

import java.util.Arrays;

/**
 * How a Pixel Agglomeration fit by k-means or hkmeans assigns a pixel profile to a cluster: the nearest
 * k-means centre (scikit-learn's {@code predict}), or the nearest coarse centre and then the nearest fine
 * centre of that coarse cluster (the way {@link HierarchicalKMeans} assigned its rows). Distances are
 * computed with the fit's own arithmetic ({@link NearestCentres}), so every training pixel gets its
 * fit's label back. Centres no training pixel was nearest to are left out (their labels were removed
 * from the fit), so every label is one of the fit's. Immutable, safe to share between threads.
 */
final class ProfileCentres {

	/** What {@code "assignment"} says in a model file, by kind. */
	static final String NEAREST = PixelAgglomerationModel.NEAREST_CENTRE;
	/** What {@code "assignment"} says for hkmeans. */
	static final String COARSE_THEN_FINE = PixelAgglomerationModel.COARSE_THEN_FINE;

	private final boolean hierarchical;
	private final int features;
	/** k-means: the centres (m x d), search order. hkmeans: the coarse centres. */
	private final double[] centres;
	/** k-means: label - 1 of each centre. hkmeans: unused. */
	private final int[] centreLabels;
	/** hkmeans: the fine centres of every coarse centre, concatenated in coarse order (f x d). */
	private final double[] fine;
	/** hkmeans: the coarse centre of each fine centre (non-decreasing). */
	private final int[] fineCoarse;
	/** hkmeans: label - 1 of each fine centre. */
	private final int[] fineLabels;
	private final NearestCentres search;
	private final NearestCentres[] fineSearch;
	/** hkmeans: label - 1 of every coarse centre's fine centre j is {@code fineLabels[fineStart[c] + j]}. */
	private final int[] fineStart;

	private ProfileCentres(final boolean hierarchical, final int features, final double[] centres, final int[] centreLabels, final double[] fine, final int[] fineCoarse, final int[] fineLabels) {
		this.hierarchical = hierarchical;
		this.features = features;
		this.centres = centres;
		this.centreLabels = centreLabels;
		this.fine = fine;
		this.fineCoarse = fineCoarse;
		this.fineLabels = fineLabels;
		final int m = centres.length / features;
		if (!hierarchical) {
			search = new NearestCentres(centres, m);
			fineSearch = null;
			fineStart = null;
			return;
		}
		search = NearestCentres.ofMiniBatch(centres, m);
		fineSearch = new NearestCentres[m];
		fineStart = new int[m + 1];
		for (final int c : fineCoarse)
			fineStart[c + 1]++;
		for (int c = 0; c < m; c++)
			fineStart[c + 1] += fineStart[c];
		for (int c = 0; c < m; c++)
			fineSearch[c] = NearestCentres.ofMiniBatch(Arrays.copyOfRange(fine, fineStart[c] * features, fineStart[c + 1] * features), fineStart[c + 1] - fineStart[c]);
	}

	/**
	 * @param fit the k-means fit
	 * @param numbering {@code numbering[k-means label] = label - 1}, -1 for a centre with no pixel
	 * @return its assignment
	 */
	static ProfileCentres ofKMeans(final KMeansResult fit, final int[] numbering) {
		final int d = fit.features();
		final double[] all = fit.centres();
		int m = 0;
		for (final int l : numbering)
			if (l >= 0) m++;
		final double[] kept = new double[m * d];
		final int[] labels = new int[m];
		int j = 0;
		for (int c = 0; c < numbering.length; c++) {
			if (numbering[c] < 0) continue;
			System.arraycopy(all, c * d, kept, j * d, d);
			labels[j++] = numbering[c];
		}
		return new ProfileCentres(false, d, kept, labels, null, null, null);
	}

	/**
	 * @param fit the hkmeans fit
	 * @param d features
	 * @param numbering {@code numbering[hkmeans label] = label - 1}
	 * @return its assignment
	 */
	static ProfileCentres ofHierarchical(final HierarchicalKMeans.Result fit, final int d, final int[] numbering) {
		final int big = fit.coarseClusters();
		final double[] coarse = fit.coarseCentres();
		int m = 0;
		int f = 0;
		for (int c = 0; c < big; c++) {
			int used = 0;
			for (final int l : fit.fineLabels(c))
				if (l >= 0) used++;
			if (used > 0) m++;
			f += used;
		}
		final double[] keptCoarse = new double[m * d];
		final double[] keptFine = new double[f * d];
		final int[] fineCoarse = new int[f];
		final int[] fineLabels = new int[f];
		int cc = 0;
		int ff = 0;
		for (int c = 0; c < big; c++) {
			final int[] labels = fit.fineLabels(c);
			final double[] centres = fit.fineCentres(c);
			boolean any = false;
			for (int j = 0; j < labels.length; j++) {
				if (labels[j] < 0) continue;
				any = true;
				System.arraycopy(centres, j * d, keptFine, ff * d, d);
				fineCoarse[ff] = cc;
				fineLabels[ff++] = numbering[labels[j]];
			}
			if (any) System.arraycopy(coarse, c * d, keptCoarse, cc++ * d, d);
		}
		return new ProfileCentres(true, d, keptCoarse, null, keptFine, fineCoarse, fineLabels);
	}

	/** @return whether the assignment is hkmeans' coarse then fine centre */
	boolean hierarchical() {
		return hierarchical;
	}

	/** @return values per profile */
	int features() {
		return features;
	}

	/**
	 * @param x profiles, row-major with {@link #features()} columns
	 * @param row the profile
	 * @return its label - 1
	 */
	int label(final double[] x, final int row) {
		if (!hierarchical) return centreLabels[search.nearest(x, row)];
		final int c = search.nearest(x, row);
		return fineLabels[fineStart[c] + fineSearch[c].nearest(x, row)];
	}

	// -- Files --

	/** Puts the assignment and its centres (labels 1..k). */
	void write(final ModelDocument d) {
		d.put("assignment", hierarchical ? COARSE_THEN_FINE : NEAREST);
		if (!hierarchical) {
			d.putMatrix("centres", centres, features);
			d.put("centre_labels", plusOne(centreLabels));
			return;
		}
		d.putMatrix("coarse_centres", centres, features);
		d.putMatrix("fine_centres", fine, features);
		d.put("fine_coarse", fineCoarse);
		d.put("fine_labels", plusOne(fineLabels));
	}

	/**
	 * Reads what {@link #write} put.
	 *
	 * @param d the model document
	 * @param features values per profile
	 * @param k number of clusters
	 * @return the assignment
	 */
	static ProfileCentres read(final ModelDocument d, final int features, final int k) {
		final String assignment = d.string("assignment");
		if (assignment.equals(NEAREST)) {
			final double[] centres = finite(d, "centres", features);
			return new ProfileCentres(false, features, centres, labels(d, "centre_labels", centres.length / features, k), null, null, null);
		}
		if (!assignment.equals(COARSE_THEN_FINE)) throw d.invalid("assignment", "\"" + NEAREST + "\" or \"" + COARSE_THEN_FINE + "\"", "\"" + assignment + "\"");
		final double[] coarse = finite(d, "coarse_centres", features);
		final double[] fine = finite(d, "fine_centres", features);
		final int m = coarse.length / features;
		final int f = fine.length / features;
		final int[] fineCoarse = d.integers("fine_coarse");
		if (fineCoarse.length != f) throw d.invalid("fine_coarse", f + " coarse centres (one per fine centre)", fineCoarse.length + "");
		if (!grouped(fineCoarse, m)) throw d.invalid("fine_coarse", "the coarse centres 0.." + (m - 1) + " in order, each at least once", Arrays.toString(fineCoarse));
		return new ProfileCentres(true, features, coarse, null, fine, fineCoarse, labels(d, "fine_labels", f, k));
	}

	/** @return whether the values run 0, ..., m - 1 in order, each at least once */
	private static boolean grouped(final int[] values, final int m) {
		int expected = 0;
		for (final int v : values) {
			if (v == expected) expected++;
			else if (v != expected - 1) return false;
		}
		return expected == m;
	}

	private static double[] finite(final ModelDocument d, final String key, final int features) {
		return ClusteringModel.finiteRows(d, key, -1, features);
	}

	/** @return labels 1..k read as 0..k-1 */
	private static int[] labels(final ModelDocument d, final String key, final int count, final int k) {
		final int[] in = d.integers(key);
		if (in.length != count) throw d.invalid(key, count + " labels (one per centre)", in.length + "");
		final int[] out = new int[count];
		for (int i = 0; i < count; i++) {
			if (in[i] < 1 || in[i] > k) throw d.invalid(key + "[" + i + "]", "a label 1.." + k, in[i] + "");
			out[i] = in[i] - 1;
		}
		return out;
	}

	private static int[] plusOne(final int[] labels) {
		final int[] out = new int[labels.length];
		for (int i = 0; i < labels.length; i++)
			out[i] = labels[i] + 1;
		return out;
	}
}
