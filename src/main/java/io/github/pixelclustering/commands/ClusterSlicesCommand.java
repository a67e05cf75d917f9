package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.core.Phases;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.SliceClustering;
import io.github.pixelclustering.output.Tables;
import io.github.pixelclustering.output.Titles;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * {@code Plugins > Pixel Clustering > Cluster Slices}: k-means of the slices (or frames) of a stack, each
 * slice one sample whose pixels are its features, as scikit-learn's k-means-on-digits example.
 * <p>
 * Outputs: the table {@code <title>-slices} (slice, cluster, distance to the cluster's centre), the stack
 * {@code <title>-centres} (one image per cluster: the mean of its slices, cluster 1 = the most slices),
 * and optionally {@code <title>-by-cluster}, the input's slices ordered by cluster and, within a cluster,
 * by distance to its centre. The input's pixels are never modified.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Pixel Clustering>Cluster Slices", headless = true)
public class ClusterSlicesCommand extends SummarizingCommand {

	// -- Messages --

	/** No image. */
	public static final String NO_IMAGE = "Cluster Slices needs an open stack.";
	/** Stopped by the user. */
	public static final String CANCELED = "Cluster Slices was canceled.";
	/** Slices and frames both present: image description, slices, frames. */
	public static final String AMBIGUOUS = "%s has %d slices and %d frames: Cluster Slices clusters the slices of a stack or the frames of a time series, not both. Reduce the image to one of them first.";

	/** Default number of clusters. */
	public static final int DEFAULT_CLUSTERS = 10;

	// -- Parameters --

	@Parameter(label = "Stack", description = "A stack (or time series) whose slices (frames) are the samples; 8-, 16-, 32-bit, RGB or multichannel.")
	private ImagePlus image;

	@Parameter(label = "Clusters", min = "1", description = "Number of clusters k.")
	private int clusters = DEFAULT_CLUSTERS;

	@Parameter(label = "Method", choices = { "k-means", "mini-batch" }, description = "k-means: best quality; mini-batch: faster on many slices.")
	private String method = "k-means";

	@Parameter(label = "Restarts (0 = auto)", min = "0", description = "k-means++ initialisations; the best wins. 0 = 10 for k-means, 3 for mini-batch.")
	private int restarts = 0;

	@Parameter(label = "Random seed", description = "Same seed, same result.")
	private long seed = 0;

	@Parameter(label = "Mask", initializer = "initMask", description = "An open image whose non-zero pixels are the features (with the selection, if any); <none> for all.")
	private String mask = PixelAgglomerationCommand.NO_MASK_CHOICE;

	@Parameter(label = "Output the stack ordered by cluster", description = "A copy of the stack with its slices ordered by cluster, most typical first.")
	private boolean reorder = false;

	@Parameter(type = ItemIO.OUTPUT, label = "Centres")
	private ImagePlus centres;

	@Parameter(type = ItemIO.OUTPUT, label = "Ordered by cluster")
	private ImagePlus ordered;

	@Parameter(required = false)
	private StatusService status;

	// -- Fields --

	private static final Map<String, Integer> TABLE_DECIMALS = Map.of("slice", 0, "cluster", 0);

	// -- Initializers --

	/** Offers the open images as masks. */
	protected void initMask() {
		MaskImages.offerOpenImages(getInfo().getMutableInput("mask", String.class), image);
	}

	// -- Command methods --

	@Override
	public void run() {
		if (image == null) {
			cancel(NO_IMAGE);
			return;
		}
		final CommandProgress progress = new CommandProgress(status);
		progress.guard(this, CANCELED, () -> {
			if (image.getNSlices() > 1 && image.getNFrames() > 1) throw new IllegalArgumentException(String.format(AMBIGUOUS, ImagePlusImgs.describe(image).replaceFirst("^a ", "The ") + " \"" + image.getTitle() + "\"", image.getNSlices(), image.getNFrames()));
			final boolean frames = image.getNFrames() > 1;
			final int samples = frames ? image.getNFrames() : image.getNSlices();
			final List<RandomAccessibleInterval<? extends RealType<?>>> slices = new ArrayList<>();
			for (int s = 1; s <= samples; s++)
				slices.add(slice(s, frames));
			final SliceClustering.Settings settings = new SliceClustering.Settings(clusters, ColourQuantization.Method.of(method), restarts, seed);
			final long start = System.nanoTime();
			// phases: the engine, then the outputs
			final Phases phases = progress.phases(10, 0.5, reorder ? 0.5 : 0, 0.1);
			final SliceClustering.Result result = SliceClustering.cluster(slices, mask(), settings, phases.next("Cluster Slices"));
			final double seconds = (System.nanoTime() - start) / 1e9;
			final String title = Titles.base(image.getTitle());
			phases.next("Cluster centre images");
			centres = centresImage(result, title + "-centres");
			if (reorder) {
				phases.next("Slices ordered by cluster");
				ordered = orderedStack(result, frames, title + "-by-cluster");
			}
			else phases.skip();
			phases.next("Table of slices");
			final ResultsTable table = new ResultsTable();
			table.showRowNumbers(false);
			for (int s = 0; s < result.slices(); s++) {
				table.incrementCounter();
				table.addValue("slice", s + 1);
				table.addValue("cluster", result.label(s));
				table.addValue("distance", result.distance(s));
			}
			Tables.publish(table, title + "-slices", TABLE_DECIMALS);
			tables.put(title + "-slices", table);
			summary.put("command", "Cluster Slices");
			summary.put("image", image.getTitle());
			summary.put("clusters", result.clusters());
			summary.put("method", settings.method().label());
			summary.put("restarts", settings.restarts());
			summary.put("seed", settings.seed());
			summary.put("slices", result.slices());
			summary.put("inertia", result.inertia());
			summary.put("seconds", seconds);
			phases.done("Cluster Slices done");
		});
	}

	// -- Helper methods --

	/** Sample s (1-based) as an X x Y view, or X x Y x channels (RGB: R, G, B). */
	private RandomAccessibleInterval<? extends RealType<?>> slice(final int s, final boolean frames) {
		final ImageStack stack = image.getStack();
		final int z = frames ? 1 : s;
		final int t = frames ? s : 1;
		if (image.getType() == ImagePlus.COLOR_RGB) return Views.stack(ImagePlusImgs.colours(ImagePlusImgs.rgbPlane(image, image.getStackIndex(1, z, t))));
		if (image.getNChannels() == 1) return ImagePlusImgs.view(image, List.of(stack.getPixels(image.getStackIndex(1, z, t))), image.getBitDepth());
		final List<Object> planes = new ArrayList<>();
		for (int c = 1; c <= image.getNChannels(); c++)
			planes.add(stack.getPixels(image.getStackIndex(c, z, t)));
		return ImagePlusImgs.view(image, planes, image.getBitDepth());
	}

	private RandomAccessibleInterval<NativeBoolType> mask() {
		final boolean[] inside = MaskImages.inside(image, mask, image.getWidth(), image.getHeight(), 1);
		return inside == null ? null : ArrayImgs.booleans(inside, image.getWidth(), image.getHeight());
	}

	private ImagePlus centresImage(final SliceClustering.Result result, final String title) {
		final int w = image.getWidth();
		final int h = image.getHeight();
		final boolean rgb = image.getType() == ImagePlus.COLOR_RGB;
		final int channels = rgb ? 3 : image.getNChannels();
		final ImageStack stack = new ImageStack(w, h);
		for (int c = 1; c <= result.clusters(); c++) {
			final double[] centre = result.centre(c);
			final String label = "cluster " + c + " (" + result.size(c) + (result.size(c) == 1 ? " slice)" : " slices)");
			if (rgb) {
				final int[] pixels = new int[w * h];
				for (int p = 0; p < w * h; p++)
					pixels[p] = 0xff000000 | byteOf(centre[3 * p]) << 16 | byteOf(centre[3 * p + 1]) << 8 | byteOf(centre[3 * p + 2]);
				stack.addSlice(label, new ColorProcessor(w, h, pixels));
				continue;
			}
			for (int ch = 0; ch < channels; ch++) {
				final float[] pixels = new float[w * h];
				for (int p = 0; p < w * h; p++)
					pixels[p] = (float) centre[p * channels + ch];
				stack.addSlice(label, new FloatProcessor(w, h, pixels));
			}
		}
		ImagePlus imp = new ImagePlus(title, stack);
		if (!rgb && channels > 1) {
			imp.setDimensions(channels, result.clusters(), 1);
			imp = new CompositeImage(imp, image.isComposite() ? ((CompositeImage) image).getMode() : CompositeImage.COLOR);
		}
		else if (!rgb) {
			imp.getProcessor().setColorModel(image.getProcessor().getColorModel());
			imp.resetDisplayRange();
		}
		imp.setCalibration(image.getCalibration().copy());
		imp.getCalibration().disableDensityCalibration();
		return imp;
	}

	private ImagePlus orderedStack(final SliceClustering.Result result, final boolean frames, final String title) {
		final Integer[] order = new Integer[result.slices()];
		for (int s = 0; s < order.length; s++)
			order[s] = s;
		Arrays.sort(order, (a, b) -> result.label(a) != result.label(b) ? Integer.compare(result.label(a), result.label(b)) : result.distance(a) != result.distance(b) ? Double.compare(result.distance(a), result.distance(b)) : Integer.compare(a, b));
		final ImageStack source = image.getStack();
		final ImageStack stack = new ImageStack(image.getWidth(), image.getHeight());
		for (final int s : order)
			for (int c = 1; c <= image.getNChannels(); c++) {
				final int index = image.getStackIndex(c, frames ? 1 : s + 1, frames ? s + 1 : 1);
				stack.addSlice("cluster " + result.label(s) + ": " + (frames ? "frame " : "slice ") + (s + 1), source.getProcessor(index).duplicate());
			}
		ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(image.getNChannels(), frames ? 1 : order.length, frames ? order.length : 1);
		if (image.isComposite()) imp = new CompositeImage(imp, ((CompositeImage) image).getMode());
		imp.setCalibration(image.getCalibration().copy());
		return imp;
	}

	private static int byteOf(final double v) {
		return (int) Math.max(0, Math.min(255, Math.round(v)));
	}
}
