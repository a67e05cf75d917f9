package io.github.pixelclustering.api;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Pooling;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.ward.WardTree;

import java.util.Arrays;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/**
 * A clustering of the pixels into k clusters (a cut of the Ward tree, or the k-means labels), with its
 * pooled values; or a {@link PixelAgglomerationModel} applied to a new stack, with that stack's pooled
 * values (a cluster no pixel falls in has NaN means).
 */
public final class PixelAgglomerationResult {

	final int[] dims;
	final boolean[] inside;
	final FeatureMatrix x;
	final WardTree tree;
	final int k;
	final boolean scaling;
	final TaskRunner runner;
	final int[] labels;
	final double[] reduced;
	final int[] sizes;
	/** {@code numbering[engine label] = label - 1}: the renumbering by decreasing size of a fit. */
	final int[] numbering;
	/** How a fit by k-means or hkmeans assigns new pixels (null for ward, connected parts, applied models). */
	ProfileCentres centres;
	/** Whether this is a model applied, not a fit. */
	final boolean applied;

	PixelAgglomerationResult(final int[] dims, final boolean[] inside, final FeatureMatrix x, final WardTree tree, final int[] clusterLabels, final int k, final boolean scaling, final TaskRunner runner) {
		this.dims = dims;
		this.inside = inside;
		this.x = x;
		this.tree = tree;
		this.k = k;
		this.scaling = scaling;
		this.runner = runner;
		this.numbering = Pooling.largestFirst(clusterLabels, k);
		this.labels = new int[clusterLabels.length];
		for (int i = 0; i < clusterLabels.length; i++)
			labels[i] = numbering[clusterLabels[i]];
		this.reduced = Pooling.means(x, labels, k, runner);
		this.sizes = Pooling.sizes(labels, k);
		this.applied = false;
	}

	/**
	 * A model applied: the labels are the model's numbering already (0..k-1 for label 1..k); a cluster
	 * may be empty.
	 */
	PixelAgglomerationResult(final int[] dims, final boolean[] inside, final FeatureMatrix x, final int[] modelLabels, final int k, final boolean scaling, final TaskRunner runner) {
		this.dims = dims;
		this.inside = inside;
		this.x = x;
		this.tree = null;
		this.k = k;
		this.scaling = scaling;
		this.runner = runner;
		this.numbering = null;
		this.labels = modelLabels;
		this.reduced = Pooling.meansOrNaN(x, labels, k, runner);
		this.sizes = Pooling.sizes(labels, k);
		this.applied = true;
	}

	/**
	 * @param clusters another number of clusters, 1..pixels
	 * @return the cut of the same Ward tree into that many clusters (O(pixels x samples), no
	 *         re-clustering)
	 * @throws IllegalStateException for methods other than ward, which keep no tree
	 */
	public PixelAgglomerationResult cut(final int clusters) {
		if (tree == null) throw new IllegalStateException("Only method=ward keeps a merge tree to cut again.");
		if (clusters < 1 || clusters > x.rows()) throw new IllegalArgumentException(String.format(PixelAgglomeration.TOO_MANY_CLUSTERS, x.rows(), clusters));
		return new PixelAgglomerationResult(dims, inside, x, tree, tree.cut(clusters), clusters, scaling, runner);
	}

	/** @return number of clusters */
	public int clusters() {
		return k;
	}

	/** @return number of pixels clustered */
	public int pixels() {
		return x.rows();
	}

	/** @return number of samples per pixel */
	public int samples() {
		return x.cols();
	}

	/** @return the size of space, x first */
	public int[] dimensions() {
		return dims.clone();
	}

	/** @return the merge tree (ward), or null */
	public WardTree tree() {
		return tree;
	}

	/**
	 * @return connected parts of the masked pixels when they were linked as scikit-learn does (ward), 1
	 *         otherwise
	 */
	public int components() {
		return tree == null ? 1 : tree.components();
	}

	/** @return whether this is a model applied to a stack (not a fit) */
	public boolean isApplied() {
		return applied;
	}

	/** @return pixels in cluster {@code label} (1..k) */
	public int size(final int label) {
		return sizes[label - 1];
	}

	/**
	 * @param label 1..k
	 * @param sample 0-based sample
	 * @return the mean value of the cluster in that sample
	 */
	public double mean(final int label, final int sample) {
		return reduced[sample * k + label - 1];
	}

	/**
	 * @param label 1..k
	 * @param sample 0-based sample
	 * @return {@code transform}: the mean, times sqrt(cluster size) with scaling
	 */
	public double reduced(final int label, final int sample) {
		final double mean = reduced[sample * k + label - 1];
		return scaling ? mean * Math.sqrt(sizes[label - 1]) : mean;
	}

	/** @return whether {@link #reduced} is scaled by sqrt(cluster size) */
	public boolean scaling() {
		return scaling;
	}

	/** @return the within-cluster sum of squares of the pixel profiles (Ward's objective) */
	public double objective() {
		return tree != null ? tree.objective(k) : Pooling.withinSumOfSquares(x, labels, reduced, k);
	}

	/** @return the total sum of squares about the mean profile (the objective of one cluster) */
	public double totalSumOfSquares() {
		if (tree != null) return tree.objective(1);
		final int[] one = new int[x.rows()];
		return Pooling.withinSumOfSquares(x, one, Pooling.means(x, one, 1, runner), 1);
	}

	/**
	 * @return the centroid of every cluster in pixel coordinates of pixel centres ({@code x + 0.5},
	 *         ...): {@code k x dims} row-major, cluster 1 first; NaN for an empty cluster
	 */
	public double[] centroids() {
		final int nd = dims.length;
		final double[] sum = new double[k * nd];
		int row = 0;
		final int total = (int) Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
		for (int p = 0; p < total; p++) {
			if (inside != null && !inside[p]) continue;
			final int o = labels[row++] * nd;
			sum[o] += p % dims[0] + 0.5;
			sum[o + 1] += p / dims[0] % dims[1] + 0.5;
			if (nd == 3) sum[o + 2] += p / dims[0] / dims[1] + 0.5;
		}
		for (int c = 0; c < k; c++)
			for (int a = 0; a < nd; a++)
				sum[c * nd + a] /= sizes[c];
		return sum;
	}

	/**
	 * Writes labels 1..k (0 outside the mask).
	 *
	 * @param out an image with the interval of space
	 */
	public void writeLabels(final RandomAccessibleInterval<? extends IntegerType<?>> out) {
		final Cursor<? extends IntegerType<?>> c = Views.flatIterable(out).cursor();
		int row = 0;
		for (int p = 0; c.hasNext(); p++) {
			final IntegerType<?> t = c.next();
			t.setInteger(inside != null && !inside[p] ? 0 : labels[row++] + 1);
		}
	}

	/**
	 * Writes every clustered pixel's cluster mean profile ({@code inverse_transform(transform(X))}); pixels
	 * outside the mask are left as they are.
	 *
	 * @param out one image per sample, each with the interval of space
	 */
	public void writeAgglomerated(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> out) {
		if (out.size() != x.cols()) throw new IllegalArgumentException("need " + x.cols() + " output samples, got " + out.size());
		Chunks.of(out.size(), 1).forEach(runner, (chunk, from, to) -> {
			for (int s = from; s < to; s++) {
				final Cursor<? extends RealType<?>> c = Views.flatIterable(out.get(s)).cursor();
				int row = 0;
				for (int p = 0; c.hasNext(); p++) {
					final RealType<?> t = c.next();
					if (inside != null && !inside[p]) continue;
					t.setReal(reduced[s * k + labels[row++]]);
				}
			}
		});
	}

	/**
	 * Writes the cluster mean colours into an RGB image, when the three samples are R, G and B (rounded
	 * and clamped to 0..255); pixels outside the mask are left as they are.
	 *
	 * @param out RGB pixels with the interval of space
	 */
	public void writeAgglomeratedRgb(final RandomAccessibleInterval<ARGBType> out) {
		if (x.cols() != 3) throw new IllegalArgumentException("need 3 samples (R, G, B), got " + x.cols());
		final Cursor<ARGBType> c = Views.flatIterable(out).cursor();
		int row = 0;
		for (int p = 0; c.hasNext(); p++) {
			final ARGBType t = c.next();
			if (inside != null && !inside[p]) continue;
			final int label = labels[row++];
			t.set(ARGBType.rgba(channel(0, label), channel(1, label), channel(2, label), 255));
		}
	}

	private int channel(final int s, final int label) {
		return (int) Math.max(0, Math.min(255, Math.round(reduced[s * k + label])));
	}
}
