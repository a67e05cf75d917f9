package io.github.pixelclustering.headless;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.SampleLayout;
import io.github.pixelclustering.api.PixelAgglomerationModel;
import io.github.pixelclustering.api.SliceClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.core.PixelDraw;
import io.github.pixelclustering.output.RunSummary;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scijava.command.CommandInfo;
import org.scijava.module.Module;

/**
 * The command line's {@code fit} mode for the commands other than Colour Quantization: opens every image
 * of the folder (by name), keeps those that agree with the first, combines them into one image and runs
 * the command on it with the user's options ({@code save_model} included), so the model is exactly the
 * fit of that combined image.
 * <ul>
 * <li>Spectrum Image Cluster Analysis, Estimate Number of Clusters (analyse=true), and Pixel Agglomeration with method=kmeans or hkmeans
 * (connected=false): pixels are independent samples, so the images are placed side by side along x
 * (same height, channels, slices, frames, bit depth and z calibration; the first image's
 * calibration). With {@code sample=<n>}, only the {@link PixelDraw drawn} n pixels of each image are
 * kept (as one row in raster order; heights may then differ) and combined.</li>
 * <li>Pixel Agglomeration with method=ward or connected=true: a parcellation needs one grid, so the
 * images (same width, height and, in 3D, depth; same type) are concatenated along their sample axis (as
 * {@code samples=} and {@code dimensions=} choose it for each image), nilearn's group parcellation: every
 * subject's samples make up each pixel's profile. RGB images count as three 8-bit channels.</li>
 * </ul>
 * The model's training image describes the combined image.
 */
final class CombinedFit {

	/** The commands this class fits. */
	static final List<String> COMMANDS = List.of(SpectrumClusteringModel.COMMAND, SpectrumClusteringModel.ESTIMATE_COMMAND, PixelAgglomerationModel.COMMAND, SliceClusteringModel.COMMAND);
	/** {@code sample=} with a fit that needs every pixel: the command, why. */
	static final String SAMPLE_WHOLE = "sample= draws pixels, and %s needs every pixel of each image: %s.";
	/** Why a parcellation takes no sample. */
	static final String WHOLE_GRID = "a parcellation (method=ward or connected=true) covers the whole grid";
	/** Why Cluster Slices takes no sample. */
	static final String WHOLE_SLICES = "it clusters whole slices";
	/** How the images were combined with {@code sample=}, for the JSON line. */
	static final String DRAWN_SIDE_BY_SIDE = "the drawn pixels of each image (in raster order, one row) side by side along x";
	/** A mask with a folder fit: the command. */
	static final String NO_MASK = "fit takes no mask: %s fits on every pixel of the images (leave out mask=).";
	/** Spectrum connectivity with a folder fit. */
	static final String NO_CONNECTIVITY = "fit places the spectrum images side by side, so spatial connectivity has no meaning there: use connectivity=none.";
	/** An image that disagrees with the first: its name, what it is, the first image's name, what that is. */
	static final String DISAGREES = "Left out %s: %s, but %s is %s; the images of a fit must agree.";
	/** An image whose samples cannot be laid out: its name, why. */
	static final String NO_LAYOUT = "Left out %s: %s";
	/** An RGB stack whose samples are not R, G, B: the sample axis. */
	static final String RGB_SAMPLES = "an RGB image joins a fit along its samples as R, G, B only, not along its %s.";
	/** A stack with slices and frames, for Cluster Slices: its slices, frames. */
	static final String SLICES_AND_FRAMES = "it has %d slices and %d frames; Cluster Slices takes the slices of a stack or the frames of a time series, not both.";
	/** Every image left out: the folder, the command. */
	static final String NONE_KEPT = "The folder %s holds no image %s can fit on: every one was left out.";
	/** How the images were combined, for the JSON line. */
	static final String SIDE_BY_SIDE = "side by side along x";
	/** How the images were combined, for the JSON line. */
	static final String ALONG_SAMPLES = "concatenated along the sample axis";
	/** How the images were combined, for the JSON line. */
	static final String SLICES_APPENDED = "their slices (or frames) appended";

	private final CommandRunner runner;
	/** Whether ripple maps are read band by band whatever their size ({@code --tiles}). */
	private final boolean tiles;
	private final PrintStream out;
	private final PrintStream err;
	/** Where the drawn pixels of a ripple map read band by band come from. */
	private final DrawnMaps.Source draws;

	CombinedFit(final CommandRunner runner, final boolean tiles, final PrintStream out, final PrintStream err) {
		this(runner, tiles, out, err, TiledRun::drawnMap);
	}

	CombinedFit(final CommandRunner runner, final boolean tiles, final PrintStream out, final PrintStream err, final DrawnMaps.Source draws) {
		this.runner = runner;
		this.tiles = tiles;
		this.out = out;
		this.err = err;
		this.draws = draws;
	}

	/** @return the exit code of fitting the command's model on the images of the folder */
	int run(final CommandInfo info, final String label, final String options, final File input) {
		final SampleKey sampleKey;
		final Map<String, Object> checked;
		final File modelFile;
		final ImageFiles.Listing listing;
		try {
			sampleKey = SampleKey.of(options);
			checked = runner.inputs(info, sampleKey.rest, new ImagePlus());
			modelFile = FolderFit.modelFile(checked, label);
			final Object mask = checked.get("mask");
			if (mask != null && !mask.toString().startsWith("<")) throw new IllegalArgumentException(String.format(NO_MASK, label));
			if ((label.equals(SpectrumClusteringModel.COMMAND) || label.equals(SpectrumClusteringModel.ESTIMATE_COMMAND)) && !"none".equals(checked.get("connectivity"))) throw new IllegalArgumentException(NO_CONNECTIVITY);
			if (!input.isDirectory()) throw new IllegalArgumentException(String.format(FolderFit.NO_FOLDER, input.getPath()));
			listing = ImageFiles.list(input);
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		final boolean alongSamples = label.equals(PixelAgglomerationModel.COMMAND) && ("ward".equals(checked.get("method")) || Boolean.TRUE.equals(checked.get("connected")));
		final boolean slices = label.equals(SliceClusteringModel.COMMAND);
		final long sample = sampleKey.sample;
		if (sample > 0 && (alongSamples || slices)) {
			err.println(String.format(SAMPLE_WHOLE, label, slices ? WHOLE_SLICES : WHOLE_GRID));
			return CommandLine.USAGE;
		}
		final long seed = checked.get("seed") instanceof Number ? ((Number) checked.get("seed")).longValue() : 0;
		final String samples = (String) checked.get("samples");
		final String dimensions = (String) checked.get("dimensions");
		final long start = System.nanoTime();
		final List<ImagePlus> kept = new ArrayList<>();
		final List<SampleLayout> layouts = new ArrayList<>();
		String first = null;
		String firstName = null;
		int leftOut = 0;
		try {
			for (final File file : listing.images) {
				final ImagePlus image;
				// a ripple map too large for the heap: only its drawn pixels are read, band by band
				final boolean banded = !alongSamples && !slices && TiledRun.isRipple(file) && TiledRun.wanted(file, tiles);
				// a TIFF stack too large for the heap: only its drawn pixels are read, page by page
				final boolean paged = !alongSamples && !slices && !banded && TiledRun.wanted(file, tiles) && DrawnStacks.isStack(file);
				try {
					if (banded && sample == 0) throw new IllegalArgumentException(String.format(TiledRun.MAP_NEEDS_SAMPLE, file.getPath()));
					if (paged && sample == 0) throw new IllegalArgumentException(String.format(DrawnStacks.STACK_NEEDS_SAMPLE, file.getPath()));
					image = banded ? draws.drawnMap(file, sample, seed, kept.size()) : paged ? DrawnStacks.drawn(file, sample, seed, kept.size()) : ImageFiles.open(runner, file);
				}
				catch (final IOException e) {
					err.println("Cannot read " + file.getPath() + ": " + e.getMessage());
					return CommandLine.USAGE;
				}
				catch (final IllegalArgumentException e) {
					err.println(e.getMessage());
					return CommandLine.USAGE;
				}
				SampleLayout layout = null;
				if (alongSamples) {
					try {
						layout = SampleLayout.of(image, samples, dimensions);
						if (layout.isRgb() && layout.axis() != SampleLayout.Axis.CHANNELS) throw new IllegalArgumentException(String.format(RGB_SAMPLES, layout.axis().label()));
					}
					catch (final IllegalArgumentException e) {
						err.println(String.format(NO_LAYOUT, file.getName(), e.getMessage()));
						image.flush();
						leftOut++;
						continue;
					}
				}
				if (slices && image.getNSlices() > 1 && image.getNFrames() > 1) {
					err.println(String.format(NO_LAYOUT, file.getName(), String.format(SLICES_AND_FRAMES, image.getNSlices(), image.getNFrames())));
					image.flush();
					leftOut++;
					continue;
				}
				final String shape = alongSamples ? grid(image, layout) : slices ? slice(image) : strip(image, sample == 0);
				if (first == null) {
					first = shape;
					firstName = file.getName();
				}
				else if (!shape.equals(first)) {
					err.println(String.format(DISAGREES, file.getName(), shape, firstName, first));
					image.flush();
					leftOut++;
					continue;
				}
				if (sample > 0) {
					// only the drawn pixels are kept: memory for the samples, not for the images
					if (banded || paged) kept.add(image);
					else {
						kept.add(drawn(image, sample, seed, kept.size()));
						image.flush();
					}
				}
				else kept.add(image);
				layouts.add(layout);
			}
			if (kept.isEmpty()) {
				err.println(String.format(NONE_KEPT, input.getPath(), label));
				return CommandLine.FAILED;
			}
			final java.nio.file.Path name = input.getAbsoluteFile().toPath().normalize().getFileName();
			final String title = name == null ? "folder" : name.toString();
			final ImagePlus combined = alongSamples ? alongSamples(kept, layouts, title) : slices ? appended(kept, title) : sideBySide(kept, title);
			for (final ImagePlus image : kept)
				image.flush();
			return fit(info, label, sampleKey.rest, combined, kept.size(), modelFile, input, leftOut, alongSamples ? ALONG_SAMPLES : slices ? SLICES_APPENDED : sample > 0 ? DRAWN_SIDE_BY_SIDE : SIDE_BY_SIDE, sample, start, listing);
		}
		finally {
			for (final ImagePlus image : kept)
				image.flush();
		}
	}

	private int fit(final CommandInfo info, final String label, final String options, final ImagePlus combined, final int images, final File modelFile, final File input, final int leftOut, final String how, final long sample, final long start, final ImageFiles.Listing listing) {
		final Map<String, Object> inputs;
		try {
			inputs = runner.inputs(info, options, combined);
		}
		catch (final IllegalArgumentException e) {
			err.println(e.getMessage());
			return CommandLine.USAGE;
		}
		WindowManager.setTempCurrentImage(combined);
		final Module module;
		try {
			module = runner.run(info, inputs);
		}
		catch (final IllegalStateException e) {
			err.println(e.getMessage());
			return CommandLine.FAILED;
		}
		finally {
			WindowManager.setTempCurrentImage(null);
		}
		try {
			if (CommandRunner.canceled(module)) {
				err.println(Messages.named(label, CommandRunner.cancelReason(module)));
				return CommandLine.FAILED;
			}
			final Map<String, Object> json = new LinkedHashMap<>();
			json.put("command", label);
			json.put("mode", "fit");
			json.put("folder", input.getPath());
			json.put("images", images);
			json.put("left_out", leftOut);
			json.put("combined", how);
			if (how.equals(SIDE_BY_SIDE) || how.equals(DRAWN_SIDE_BY_SIDE)) json.put("sample", sample);
			json.put("training_image", ImageDescriptions.of(combined).toString());
			long pixels = (long) combined.getWidth() * combined.getHeight();
			if ("3D".equals(inputs.get("dimensions"))) pixels *= combined.getNSlices();
			json.put("pixels", pixels);
			if (how.equals(SLICES_APPENDED)) json.put("slices", combined.getNSlices());
			final Object command = CommandRunner.commandOf(module);
			if (command instanceof RunSummary) ((RunSummary) command).summary().forEach((k, v) -> {
				if (!json.containsKey(k) && !k.equals("image") && !k.equals("model")) json.put(k, v);
			});
			json.put("seconds", (System.nanoTime() - start) / 1e9);
			json.put("model", modelFile.getPath());
			out.println(Json.object(json));
			if (!listing.others.isEmpty()) err.println("Not images, left alone: " + String.join(", ", listing.others));
			return CommandLine.OK;
		}
		finally {
			for (final ImagePlus output : CommandRunner.imageOutputs(module))
				if (output != combined) output.flush();
			combined.flush();
		}
	}

	/**
	 * What must agree for images side by side: all but the width (and the height when only drawn pixels
	 * are combined, one row each).
	 */
	private static String strip(final ImagePlus image, final boolean height) {
		final Calibration cal = image.getCalibration();
		return String.format(Locale.ROOT, "%s%s (%s, %s, %s; z: %s %s per slice, origin %s)", depth(image), height ? " of height " + image.getHeight() : "", count(image.getNChannels(), "channel"), count(image.getNSlices(), "slice"), count(image.getNFrames(), "frame"), Double.toString(cal.pixelDepth), cal.getZUnit(), Double.toString(cal.zOrigin));
	}

	private static String count(final int n, final String noun) {
		return n + " " + noun + (n == 1 ? "" : "s");
	}

	private static String depth(final ImagePlus image) {
		final int bits = image.getBitDepth();
		return bits == 24 ? "an RGB image" : bits == 8 ? "an 8-bit image" : "a " + bits + "-bit image";
	}

	/** What must agree for images concatenated along their samples: the grid and the type. */
	private static String grid(final ImagePlus image, final SampleLayout layout) {
		final int[] space = layout.spaceDimensions();
		final StringBuilder s = new StringBuilder().append(space[0]);
		for (int d = 1; d < space.length; d++)
			s.append('x').append(space[d]);
		return depth(image) + " on a " + s + " grid, samples along its " + layout.axis().label();
	}

	/** What must agree for stacks whose slices are appended: the slice's size, channels and type. */
	private static String slice(final ImagePlus image) {
		return String.format(Locale.ROOT, "%s of %dx%d with %s", depth(image), image.getWidth(), image.getHeight(), count(image.getNChannels(), "channel"));
	}

	/** The slices (or frames) of every stack, one after the other, with their channels; the first's calibration. */
	private static ImagePlus appended(final List<ImagePlus> images, final String title) {
		final ImagePlus first = images.get(0);
		final ImageStack stack = new ImageStack(first.getWidth(), first.getHeight());
		int total = 0;
		for (final ImagePlus image : images) {
			final boolean frames = image.getNFrames() > 1;
			final int n = frames ? image.getNFrames() : image.getNSlices();
			for (int s = 1; s <= n; s++)
				for (int c = 1; c <= image.getNChannels(); c++) {
					final int index = image.getStackIndex(c, frames ? 1 : s, frames ? s : 1);
					stack.addSlice(image.getStack().getSliceLabel(index), image.getStack().getProcessor(index).duplicate());
				}
			total += n;
		}
		final ImagePlus combined = new ImagePlus(title, stack);
		combined.setDimensions(first.getNChannels(), total, 1);
		if (first.getNChannels() > 1) combined.setOpenAsHyperStack(true);
		combined.setCalibration(first.getCalibration().copy());
		return combined;
	}

	/** The images side by side along x, every plane copied; the first image's calibration. */
	private static ImagePlus sideBySide(final List<ImagePlus> images, final String title) {
		final ImagePlus first = images.get(0);
		int width = 0;
		for (final ImagePlus image : images)
			width += image.getWidth();
		final ImageStack stack = new ImageStack(width, first.getHeight());
		for (int plane = 1; plane <= first.getStackSize(); plane++) {
			final ImageProcessor ip = first.getStack().getProcessor(plane).createProcessor(width, first.getHeight());
			int x = 0;
			for (final ImagePlus image : images) {
				ip.insert(image.getStack().getProcessor(plane), x, 0);
				x += image.getWidth();
			}
			stack.addSlice(first.getStack().getSliceLabel(plane), ip);
		}
		final ImagePlus combined = new ImagePlus(title, stack);
		combined.setDimensions(first.getNChannels(), first.getNSlices(), first.getNFrames());
		if (first.isHyperStack()) combined.setOpenAsHyperStack(true);
		combined.setCalibration(first.getCalibration().copy());
		return combined;
	}

	/**
	 * The drawn pixels of an image ({@link PixelDraw#smallest}: at most {@code sample} of its x-y
	 * positions, all its planes), in raster order as one row; its calibration.
	 *
	 * @param number the image's number among the images kept (the draw's image number)
	 */
	static ImagePlus drawn(final ImagePlus image, final long sample, final long seed, final int number) {
		final int w = image.getWidth();
		final int[] kept = PixelDraw.smallest(PixelDraw.imageSeed(seed, number), w * image.getHeight(), sample);
		final ImageStack source = image.getStack();
		final ImageStack stack = new ImageStack(kept.length, 1);
		for (int plane = 1; plane <= source.getSize(); plane++) {
			final ImageProcessor ip = source.getProcessor(plane);
			final ImageProcessor row = ip.createProcessor(kept.length, 1);
			// raw values: the bits of float pixels, the ARGB of RGB ones
			for (int i = 0; i < kept.length; i++)
				row.set(i, 0, ip.get(kept[i] % w, kept[i] / w));
			stack.addSlice(source.getSliceLabel(plane), row);
		}
		final ImagePlus out = new ImagePlus(image.getTitle(), stack);
		out.setDimensions(image.getNChannels(), image.getNSlices(), image.getNFrames());
		if (image.isHyperStack()) out.setOpenAsHyperStack(true);
		out.setCalibration(image.getCalibration().copy());
		return out;
	}

	/** The images concatenated along their sample axes, on their common grid; RGB as three 8-bit channels. */
	private static ImagePlus alongSamples(final List<ImagePlus> images, final List<SampleLayout> layouts, final String title) {
		final ImagePlus first = images.get(0);
		final SampleLayout layout = layouts.get(0);
		final int depth = layout.is3D() ? first.getNSlices() : 1;
		final List<Object[]> samples = new ArrayList<>(); // per sample, its planes over z
		for (int i = 0; i < images.size(); i++)
			for (int s = 1; s <= layouts.get(i).samples(); s++)
				samples.add(planes(images.get(i), layouts.get(i), s, depth));
		final ImageStack stack = new ImageStack(first.getWidth(), first.getHeight());
		final SampleLayout.Axis axis = layout.axis();
		final int n = samples.size();
		final int c = axis == SampleLayout.Axis.CHANNELS ? n : 1;
		final int z = axis == SampleLayout.Axis.SLICES ? n : depth;
		final int t = axis == SampleLayout.Axis.FRAMES ? n : 1;
		for (int ti = 0; ti < t; ti++)
			for (int zi = 0; zi < z; zi++)
				for (int ci = 0; ci < c; ci++) {
					final int sample = axis == SampleLayout.Axis.CHANNELS ? ci : axis == SampleLayout.Axis.FRAMES ? ti : zi;
					final int plane = axis == SampleLayout.Axis.SLICES ? 0 : zi;
					stack.addSlice(null, samples.get(sample)[plane]);
				}
		final ImagePlus combined = new ImagePlus(title, stack);
		combined.setDimensions(c, z, t);
		if (c > 1 || t > 1) combined.setOpenAsHyperStack(true);
		combined.setCalibration(first.getCalibration().copy());
		return combined;
	}

	/** The pixel arrays of one sample of an image (1-based), one per z plane (one in 2D), copied. */
	private static Object[] planes(final ImagePlus image, final SampleLayout layout, final int sample, final int depth) {
		final Object[] planes = new Object[depth];
		final ImageStack stack = image.getStack();
		for (int zi = 1; zi <= depth; zi++) {
			if (layout.isRgb()) {
				final ColorProcessor rgb = (ColorProcessor) stack.getProcessor(layout.is3D() ? image.getStackIndex(1, zi, 1) : 1);
				planes[zi - 1] = rgb.getChannel(sample, null).getPixels();
				continue;
			}
			final int index;
			if (layout.is3D()) index = layout.axis() == SampleLayout.Axis.FRAMES ? image.getStackIndex(1, zi, sample) : image.getStackIndex(sample, zi, 1);
			else {
				final SampleLayout.Axis a = layout.axis();
				index = image.getStackIndex(a == SampleLayout.Axis.CHANNELS ? sample : 1, a == SampleLayout.Axis.SLICES ? sample : 1, a == SampleLayout.Axis.FRAMES ? sample : 1);
			}
			planes[zi - 1] = stack.getProcessor(index).duplicate().getPixels();
		}
		return planes;
	}
}
