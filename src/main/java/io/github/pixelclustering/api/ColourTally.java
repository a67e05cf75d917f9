package io.github.pixelclustering.api;

import io.github.pixelclustering.core.PartialProgress;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.imglib.FlatArrays;
import io.github.pixelclustering.imglib.Slabs;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.loops.LoopBuilder;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.IntegerType;

/**
 * What labelling regions of an RGB image has counted so far: per cluster its pixels and the sums of
 * their R, G, B and squares, all exact integers, so the result does not depend on how the image was
 * cut into regions nor on the order they were added. Not thread-safe (each {@link #add} is itself
 * multi-threaded).
 */
public final class ColourTally {

	private final ColourQuantizationModel model;
	private final long[] totals;

	ColourTally(final ColourQuantizationModel model) {
		this.model = model;
		this.totals = new long[model.clusters * 4 + 1];
	}

	/**
	 * Labels a region and counts its pixels.
	 *
	 * @param region RGB pixels (alpha ignored)
	 * @param mask which pixels to label (same interval), or null for all
	 * @param labels receives label 1..k of each pixel, 0 outside the mask (same interval), or null
	 * @param listener progress and cancellation
	 */
	public void add(final RandomAccessibleInterval<ARGBType> region, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final RandomAccessibleInterval<? extends IntegerType<?>> labels, final ProgressListener listener) {
		if (!count(region, mask, labels, listener, listener) && labels != null) model.predict(region, mask, labels, listener);
	}

	/**
	 * Adds the counts of another tally of the same model (a region labelled elsewhere).
	 *
	 * @param other the other tally
	 */
	public void add(final ColourTally other) {
		for (int i = 0; i < totals.length; i++)
			totals[i] += other.totals[i];
	}

	/**
	 * Adds counts made by another tally of the same model ({@link #totals()}, sent from another machine).
	 *
	 * @param others the other tally's totals
	 * @throws IllegalArgumentException when they are not of a model with this many clusters
	 */
	public void add(final long[] others) {
		if (others.length != totals.length) throw new IllegalArgumentException("expected the totals of a tally of " + model.clusters + " clusters (" + totals.length + " values), got " + others.length + " values");
		for (int i = 0; i < totals.length; i++)
			totals[i] += others[i];
	}

	/** @return the counts so far, as (pixels, sum R, sum G, sum B) per cluster, then the sum of squares */
	public long[] totals() {
		return totals.clone();
	}

	/**
	 * @return the result of the regions added: the model's palette and centres, their pixel counts and
	 *         inertia (it cannot write label or quantized images: the regions are gone)
	 * @throws IllegalArgumentException when no pixel was labelled
	 */
	public ColourQuantizationResult result() {
		return result(System.nanoTime());
	}

	/**
	 * Counts a region, and writes its labels in the same pass when image, mask and labels are backed by
	 * arrays.
	 *
	 * @param alone the progress of the counting pass when it is followed by a labelling pass (null: the
	 *        first 80 % of {@code listener})
	 * @param listener the progress when the labels are written in the counting pass, or not at all
	 * @return whether the labels were written in the counting pass
	 */
	boolean count(final RandomAccessibleInterval<ARGBType> image, final RandomAccessibleInterval<? extends BooleanType<?>> mask, final RandomAccessibleInterval<? extends IntegerType<?>> labels, final ProgressListener alone, final ProgressListener listener) {
		if (labels != null) ColourQuantizationModel.requireSameDimensions(image, labels);
		final RandomAccessibleInterval<? extends BooleanType<?>> m = ColourQuantization.orAll(mask, image);
		final Object table = model.table();
		final int k = model.clusters;
		final FlatArrays[] a = ColourQuantizationModel.arrays(image, mask, labels);
		final boolean together = a != null && (labels == null || a[2] != null);
		final ProgressListener counting = together || labels == null ? listener : alone == null ? new PartialProgress(listener, 0, 0.8, null) : alone;
		if (together)
			FlatArrays.forEachBlock(a[0].size(), counting, "labelling pixels", (from, to) -> {
				final RgbCounting c = new RgbCounting(model, k, table);
				FlatArrays.runs(from, to, (i, length) -> c.add((int[]) a[0].array(i), a[0].offset(i), a[1] == null ? null : (boolean[]) a[1].array(i), a[1] == null ? 0 : a[1].offset(i), a[2] == null ? null : a[2].array(i), a[2] == null ? 0 : a[2].offset(i), length), a);
				c.addTo(totals);
			});
		else Slabs.forEach(image, counting, (from, to) -> LoopBuilder.setImages(Slabs.of(image, from, to), Slabs.of(m, from, to)).multiThreaded().forEachChunk(chunk -> {
			final RgbCounting c = new RgbCounting(model, k, table);
			chunk.forEachPixel((p, inside) -> {
				if (inside.get()) c.add(p.get() & 0xffffff);
			});
			c.addTo(totals);
			return null;
		}));
		return together;
	}

	ColourQuantizationResult result(final long start) {
		final int k = model.clusters;
		final long[] counts = new long[k];
		long pixels = 0;
		// sum |x - m|^2 = sum |x|^2 - sum over clusters of (2 m . sum x - n |m|^2)
		double inertia = totals[4 * k];
		for (int l = 0; l < k; l++) {
			final int o = l * 4;
			counts[l] = totals[o];
			pixels += totals[o];
			if (totals[o] == 0) continue;
			final double mr = model.meanColours[l * 3], mg = model.meanColours[l * 3 + 1], mb = model.meanColours[l * 3 + 2];
			inertia -= 2 * (mr * totals[o + 1] + mg * totals[o + 2] + mb * totals[o + 3]) - totals[o] * (mr * mr + mg * mg + mb * mb);
		}
		if (pixels == 0) throw new IllegalArgumentException(ColourQuantization.EMPTY_MASK);
		final ColourQuantizationResult result = new ColourQuantizationResult(model, counts, pixels, Math.max(0, inertia) / (255.0 * 255.0) / pixels, start);
		final Object table = model.table();
		result.rgbBytes = table instanceof byte[] ? (byte[]) table : null;
		result.rgbChars = table instanceof char[] ? (char[]) table : null;
		return result;
	}
}
