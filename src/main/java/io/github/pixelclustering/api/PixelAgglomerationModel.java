package io.github.pixelclustering.api;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.FeatureMatrix;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.imglib.ParallelTasks;
import io.github.pixelclustering.io.ModelDocument;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * A fitted Pixel Agglomeration. Two kinds, by how the fit made its clusters:
 * <ul>
 * <li><b>method=kmeans, hkmeans</b> (connected=false): the centres of the pixel profiles. A pixel of a
 * new stack is labelled with its nearest k-means centre (scikit-learn's {@code predict}), or with its
 * nearest coarse centre and then the nearest fine centre of that coarse cluster (hkmeans, the way the
 * fit assigned its pixels): the training stack gets its own labels back. The features are each pixel's
 * values over the samples as read (the fit transforms none; {@code scaling} acts on the reduced values
 * only). A new stack needs as many samples per pixel; any grid, unless the fit had a mask (then the
 * training grid, with that mask). The stack's area selection, if any, restricts the pixels labelled.</li>
 * <li><b>method=ward, and connected=true</b>: the model is the parcellation itself (labels on the
 * training grid, 0 outside the mask), as nilearn applies parcels to new subjects: a new stack on the
 * same grid, with any number of samples, is reduced and agglomerated by those parcels
 * ({@code transform}/{@code inverse_transform}). The stack's selection is not used.</li>
 * </ul>
 * Either way the result is a {@link PixelAgglomerationResult} over the new stack: the model's labels and
 * numbering, the new stack's cluster means (NaN for a cluster no pixel falls in). Inputs are only read.
 * Threading: ImgLib2's {@code Parallelization} of the calling thread; results do not depend on it.
 */
public final class PixelAgglomerationModel extends ClusteringModel {

	/** The command whose models these are. */
	public static final String COMMAND = "Pixel Agglomeration";
	/** A stack on another grid: the model's grid, why it needs it, the stack's grid. */
	public static final String GRID = "The model expects a %s grid (%s), got %s.";
	/** Why a parcellation needs its grid. */
	public static final String PARCELLATION_GRID = "parcellation of the training image";
	/** Why a masked fit needs its grid. */
	public static final String MASK_GRID = "mask of the training image";
	/** Another number of samples: the model's, its sample axis, the stack's. */
	public static final String SAMPLES = "The model expects %d samples per pixel (%s), got %d.";
	/** What a model's {@code "assignment"} says for a parcellation. */
	public static final String PARCELLATION = "parcellation";
	/** What a model's {@code "assignment"} says for k-means centres. */
	public static final String NEAREST_CENTRE = "nearest centre";
	/** What a model's {@code "assignment"} says for hkmeans centres. */
	public static final String COARSE_THEN_FINE = "nearest coarse then fine centre";

	private final String sampleAxis;
	private final boolean threeD;
	private final int samples;
	private final int[] grid;
	private final int clusters;
	private final boolean scaling;
	private final int connectivity;
	/** Labels 0..k on the grid (0 = not clustered), or null for a profile model. */
	private final int[] parcellation;
	/** The training mask on the grid (profile models), or null for none. */
	private final boolean[] mask;
	/** How profiles are assigned (profile models), or null for a parcellation. */
	private final ProfileCentres centres;
	private final int[] lut;

	private PixelAgglomerationModel(final PixelAgglomerationResult r, final Map<String, ?> settings, final ImageDescription training, final int[] lut, final String sampleAxis, final int connectivity) {
		super(COMMAND, String.valueOf(settings.get("method")), settings, training);
		this.sampleAxis = sampleAxis;
		this.threeD = r.dims.length == 3;
		this.samples = r.samples();
		this.grid = r.dims.clone();
		this.clusters = r.k;
		this.scaling = r.scaling;
		this.connectivity = connectivity;
		this.centres = r.centres;
		this.lut = lut.clone();
		if (centres != null) {
			parcellation = null;
			mask = r.inside == null ? null : r.inside.clone();
			return;
		}
		mask = null;
		parcellation = new int[points(grid)];
		int row = 0;
		for (int p = 0; p < parcellation.length; p++)
			parcellation[p] = r.inside != null && !r.inside[p] ? 0 : r.labels[row++] + 1;
	}

	/** Reads the model from its document. */
	PixelAgglomerationModel(final ModelDocument d) {
		super(d);
		final ModelDocument f = d.child("features");
		sampleAxis = f.string("sample_axis");
		if (!List.of("slices", "frames", "channels").contains(sampleAxis)) throw f.invalid("sample_axis", "slices, frames or channels", sampleAxis);
		final String dimensions = f.string("dimensions");
		if (!dimensions.equals("2D") && !dimensions.equals("3D")) throw f.invalid("dimensions", "2D or 3D", dimensions);
		threeD = dimensions.equals("3D");
		samples = f.integer("samples");
		if (samples < 1) throw f.invalid("samples", "at least 1", samples + "");
		final ModelDocument g = d.child("grid");
		grid = threeD ? new int[] { g.integer("width"), g.integer("height"), g.integer("depth") } : new int[] { g.integer("width"), g.integer("height") };
		for (final int size : grid)
			if (size < 1) throw g.invalid("width, height, depth", "at least 1", Arrays.toString(grid));
		clusters = d.integer("clusters");
		if (clusters < 1) throw d.invalid("clusters", "at least 1", clusters + "");
		scaling = d.bool("scaling");
		connectivity = d.integer("connectivity");
		final int size = points(grid);
		if (d.string("assignment").equals(PARCELLATION)) {
			centres = null;
			mask = null;
			parcellation = GridRuns.decode(d, "parcellation_runs", size, clusters);
			final boolean[] seen = new boolean[clusters + 1];
			for (final int l : parcellation)
				seen[l] = true;
			for (int l = 1; l <= clusters; l++)
				if (!seen[l]) throw d.invalid("parcellation_runs", "every label 1.." + clusters + " on the grid", "no pixel labelled " + l);
		}
		else {
			parcellation = null;
			centres = ProfileCentres.read(d, samples, clusters);
			mask = d.has("mask_runs") ? GridRuns.decodeMask(d, "mask_runs", size) : null;
		}
		lut = lut(d, clusters + 1);
	}

	/**
	 * The model of a fit.
	 *
	 * @param result the fit ({@link PixelAgglomeration#agglomerate})
	 * @param settings the command's macro keys and values (with {@code "method"})
	 * @param training the image it was fitted on
	 * @param lut colour 0xrrggbb of labels 0..k as the label image shows them
	 * @param sampleAxis the axis that held the samples: slices, frames or channels
	 * @param connectivity the neighbourhood of the fit (4, 8, 6, 18, 26)
	 * @return the model
	 */
	public static PixelAgglomerationModel of(final PixelAgglomerationResult result, final Map<String, ?> settings, final ImageDescription training, final int[] lut, final String sampleAxis, final int connectivity) {
		if (result.isApplied()) throw new IllegalArgumentException("a model is made from a fit, not from the result of applying a model");
		if (lut.length != result.clusters() + 1) throw new IllegalArgumentException("lut must have k + 1 = " + (result.clusters() + 1) + " colours, got " + lut.length);
		return new PixelAgglomerationModel(result, settings, training, lut, sampleAxis.toLowerCase(Locale.ROOT), connectivity);
	}

	// -- Applying --

	@Override
	public void requireFits(final ImageDescription image) {
		final int[] other = threeD ? new int[] { image.width(), image.height(), image.slices() } : new int[] { image.width(), image.height() };
		final int count = sampleAxis.equals("slices") ? image.slices() : sampleAxis.equals("frames") ? image.frames() : image.bitDepth() == 24 ? 3 : image.channels();
		requireFits(other, count);
	}

	private void requireFits(final int[] other, final int count) {
		if ((parcellation != null || mask != null) && !Arrays.equals(grid, other)) throw new IllegalArgumentException(String.format(GRID, size(grid), parcellation != null ? PARCELLATION_GRID : MASK_GRID, size(other)));
		if (parcellation == null && count != samples) throw new IllegalArgumentException(String.format(SAMPLES, samples, sampleAxis, count));
	}

	/**
	 * Labels the pixels of a stack with the model.
	 *
	 * @param stack one image per sample, all over the same 2D or 3D interval (space), as for the fit
	 * @param selection which pixels to label (same interval; profile models), or null for all
	 * @param listener progress and cancellation
	 * @return the result over the stack, in the model's numbering
	 * @throws IllegalArgumentException on another grid or number of samples ({@link #GRID},
	 *         {@link #SAMPLES}), NaN values, or no pixel to label
	 */
	public PixelAgglomerationResult apply(final List<? extends RandomAccessibleInterval<? extends RealType<?>>> stack, final RandomAccessibleInterval<? extends BooleanType<?>> selection, final ProgressListener listener) {
		if (stack.isEmpty()) throw new IllegalArgumentException(String.format(PixelAgglomeration.BAD_SPACE, "no samples"));
		final RandomAccessibleInterval<? extends RealType<?>> first = stack.get(0);
		for (final RandomAccessibleInterval<? extends RealType<?>> s : stack)
			if (!Intervals.equalDimensions(first, s)) throw new IllegalArgumentException(String.format(PixelAgglomeration.BAD_SPACE, "sizes " + Arrays.toString(first.dimensionsAsLongArray()) + " and " + Arrays.toString(s.dimensionsAsLongArray())));
		final int[] dims = Arrays.stream(first.dimensionsAsLongArray()).mapToInt(v -> (int) v).toArray();
		if (dims.length != grid.length) throw new IllegalArgumentException(String.format(PixelAgglomeration.BAD_SPACE, dims.length + "D images for a " + grid.length + "D model"));
		requireFits(dims, stack.size());
		if (selection != null && !Intervals.equalDimensions(first, selection)) throw new IllegalArgumentException(String.format(PixelAgglomeration.BAD_SPACE, "a mask of size " + Arrays.toString(selection.dimensionsAsLongArray()) + " for images of size " + Arrays.toString(dims)));
		final TaskRunner runner = ParallelTasks.current();
		// phases: profiles, labels, summary
		final Phases phases = new Phases(listener, 1, parcellation != null ? 0.05 : 1, 0.2);
		final int size = points(dims);
		final boolean[] inside = inside(size, selection);
		int n = size;
		if (inside != null) {
			n = 0;
			for (final boolean b : inside)
				if (b) n++;
		}
		if (n == 0) throw new IllegalArgumentException(PixelAgglomeration.EMPTY_MASK);
		final int d = stack.size();
		final double[] x = PixelProfiles.read(stack, inside, n, dims, runner, phases.next("Reading profiles: " + d + " samples of " + n + " pixels"));
		final int[] labels = new int[n];
		final ProgressListener labelling = phases.next(parcellation != null ? "Pixels of the model's parcels" : centres.hierarchical() ? "Nearest coarse then fine centre of " + n + " pixels" : "Nearest centre of " + n + " pixels");
		if (parcellation != null) {
			int row = 0;
			for (final int l : parcellation)
				if (l > 0) labels[row++] = l - 1;
		}
		else {
			final SharedProgress progress = new SharedProgress(labelling, n);
			Chunks.of(n).forEach(runner, (chunk, from, to) -> {
				labelling.checkCanceled();
				for (int i = from; i < to; i++)
					labels[i] = centres.label(x, i);
				progress.add(to - from, "Labelling pixels");
			});
		}
		phases.next("Summarising " + clusters + " clusters");
		final PixelAgglomerationResult result = new PixelAgglomerationResult(dims, inside, new FeatureMatrix(x, n, d), labels, clusters, scaling, runner);
		phases.done("Model applied: " + clusters + " clusters");
		return result;
	}

	/** {@link #requireFits(ImageDescription)} for a grid and a number of samples. */
	void requireFitsGrid(final int[] other, final int count) {
		requireFits(other, count);
	}

	/** @return labels 0..k on the grid (0 = not clustered) of a parcellation, else null */
	int[] parcellationGrid() {
		return parcellation;
	}

	/** @return the training mask on the grid (profile models), or null for none */
	boolean[] trainingMask() {
		return mask;
	}

	/** @return label 0..k-1 of row i of profiles x (a profile model) */
	int profileLabel(final double[] x, final int i) {
		return centres.label(x, i);
	}

	/** @return the pixels to label: the parcels, or the mask and the selection; null for all */
	private boolean[] inside(final int size, final RandomAccessibleInterval<? extends BooleanType<?>> selection) {
		if (parcellation != null) {
			final boolean[] out = new boolean[size];
			for (int p = 0; p < size; p++)
				out[p] = parcellation[p] > 0;
			return out;
		}
		if (mask == null && selection == null) return null;
		final boolean[] out = mask != null ? mask.clone() : new boolean[size];
		if (mask == null) Arrays.fill(out, true);
		if (selection != null) {
			final Cursor<? extends BooleanType<?>> c = Views.flatIterable(selection).cursor();
			for (int p = 0; p < size; p++)
				if (!c.next().get()) out[p] = false;
		}
		return out;
	}

	// -- Accessors --

	@Override
	public int clusters() {
		return clusters;
	}

	/** @return the axis that held the samples in the fit: slices, frames or channels */
	public String sampleAxis() {
		return sampleAxis;
	}

	/** @return whether space is X x Y x Z */
	public boolean is3D() {
		return threeD;
	}

	/** @return samples per pixel of the training stack (what profile models need) */
	public int samples() {
		return samples;
	}

	/** @return the training grid, x first */
	public int[] grid() {
		return grid.clone();
	}

	/** @return whether the reduced image is the clusters' means times sqrt(cluster size) */
	public boolean scaling() {
		return scaling;
	}

	/** @return whether the model is a parcellation (ward, connected=true), else profile centres */
	public boolean isParcellation() {
		return parcellation != null;
	}

	/** @return the fit's neighbourhood */
	public int connectivity() {
		return connectivity;
	}

	/** @return how pixels are assigned: "nearest centre", "nearest coarse then fine centre" or "parcellation" */
	public String assignment() {
		return parcellation != null ? PARCELLATION : centres.hierarchical() ? COARSE_THEN_FINE : NEAREST_CENTRE;
	}

	/** @return colour 0xrrggbb of labels 0..k */
	public int[] lut() {
		return lut.clone();
	}

	// -- Helper methods --

	@Override
	void writeBody(final ModelDocument d) {
		final ModelDocument f = ModelDocument.object();
		f.put("definition", "each pixel's values over the samples, as read (no transform)");
		f.put("sample_axis", sampleAxis);
		f.put("dimensions", threeD ? "3D" : "2D");
		f.put("samples", samples);
		d.put("features", f);
		final ModelDocument g = ModelDocument.object();
		g.put("width", grid[0]).put("height", grid[1]).put("depth", threeD ? grid[2] : 1);
		d.put("grid", g);
		d.put("clusters", clusters);
		d.put("scaling", scaling);
		d.put("connectivity", connectivity);
		if (parcellation != null) {
			d.put("assignment", PARCELLATION);
			d.put("parcellation_runs", GridRuns.encode(parcellation));
		}
		else {
			centres.write(d);
			if (mask != null) d.put("mask_runs", GridRuns.encode(mask));
		}
		putLut(d, lut);
	}

	private static int points(final int[] dims) {
		long n = 1;
		for (final int v : dims)
			n *= v;
		return Math.toIntExact(n);
	}

	/** @return e.g. "64x64" or "64x64x10" */
	private static String size(final int[] dims) {
		final StringBuilder sb = new StringBuilder();
		for (int a = 0; a < dims.length; a++)
			sb.append(a > 0 ? "x" : "").append(dims[a]);
		return sb.toString();
	}
}
