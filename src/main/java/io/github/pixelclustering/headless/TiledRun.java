package io.github.pixelclustering.headless;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.api.ImageDescription;
import io.github.pixelclustering.api.PixelAgglomerationModel;
import io.github.pixelclustering.api.SliceClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.api.TiledColour;
import io.github.pixelclustering.api.TiledSpectrum;
import io.github.pixelclustering.adapters.SpectrumAxis;
import io.github.pixelclustering.core.PixelDraw;
import io.github.pixelclustering.io.RippleBands;
import io.github.pixelclustering.io.RippleHeader;
import io.github.pixelclustering.io.TiffCheck;
import io.github.pixelclustering.io.TiffPages;
import io.github.pixelclustering.io.TiledTiff;
import io.github.pixelclustering.output.OutputFiles;
import io.github.pixelclustering.output.Tables;
import io.github.pixelclustering.output.Titles;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.scijava.app.StatusService;

/**
 * The command line on TIFF images larger than memory: {@code apply} and {@code fit} of Colour
 * Quantization models read them band after band ({@link TiledColour}), never whole. Chosen for a TIFF
 * whose pixels would take more than a quarter of the heap as ImageJ holds them, or for every TIFF with
 * {@code --tiles}.
 * <p>
 * Outputs of {@code apply}: {@code <name>-labels.tif}, a tiled, compressed BigTIFF (8-bit labels up to
 * 255 clusters, else 16-bit), and the clusters table {@code <name>-clusters.csv}, both written under a
 * temporary name and moved into place, and one JSON line. {@code fit} writes the model only.
 */
final class TiledRun {

	/** Command-line flag that reads every TIFF tile by tile. */
	static final String FLAG = "--tiles";
	/** A model that cannot label tile by tile: the file, the model. */
	static final String NOT_TILED = "%s is too large to open in this JVM's memory, and a %s model cannot label it tile by tile yet (Colour Quantization models can, on TIFFs, Cluster Slices and Pixel Agglomeration profile models on multi-page TIFFs, and spectrum models on ripple maps): give the JVM more memory (-Xmx).";
	/** A stack of images for a colour model tile by tile: the file, its images. */
	static final String COLOUR_STACK = "%s is a stack of %d images: Colour Quantization reads one image tile by tile (of a pyramid, the first), not a stack; save its images one per file (then give the folder), or give the JVM more memory (-Xmx) to open it whole.";
	/** A ripple map too large for the heap in a fit without a sample: the file. */
	static final String MAP_NEEDS_SAMPLE = "%s is too large to open whole in this JVM's memory: give sample=<pixels per map> (its drawn spectra are read band by band), or more memory (-Xmx).";
	/** A sample with a tiled fit: the file. */
	static final String NO_SAMPLE = "%s is read tile by tile, and its fit counts every pixel exactly: leave out sample=.";

	private final StatusService status;
	private final PrintStream out;
	private final PrintStream err;

	TiledRun(final StatusService status, final PrintStream out, final PrintStream err) {
		this.status = status;
		this.out = out;
		this.err = err;
	}

	/**
	 * @param file an image file
	 * @param always whether {@link #FLAG} was given
	 * @return whether the file is a TIFF to read tile by tile: always, or when ImageJ would hold its pixels in
	 *         more than a quarter of the heap
	 */
	static boolean wanted(final File file, final boolean always) {
		if (file.isFile() && file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".rpl")) {
			if (always) return true;
			try (RippleBands map = RippleBands.open(file.toPath())) {
				return map.header().values() * 4 > Runtime.getRuntime().maxMemory() / 4;
			}
			catch (final IOException | IllegalArgumentException e) {
				return false; // the importer says what is wrong with it
			}
		}
		if (!file.isFile() || !TiffCheck.isTiffName(file.toPath())) return false;
		if (always) return true;
		try (TiffPages pages = TiffPages.open(file); TiledTiff tiff = pages.page(0)) {
			final long bytesPerPixel = tiff.rgb() ? 4 : (long) tiff.samples() * (tiff.bitsPerSample() / 8);
			return (long) tiff.width() * tiff.height() * bytesPerPixel * (pages.stack() ? pages.size() : 1) > Runtime.getRuntime().maxMemory() / 4;
		}
		catch (final IOException | IllegalArgumentException e) {
			return false; // ImageJ's opener says what is wrong with it
		}
	}

	/**
	 * @param file a TIFF file
	 * @return its description as a model sees it ({@link TiledColour#describe})
	 * @throws IllegalArgumentException naming the file when it cannot be read tile by tile
	 */
	static ImageDescription describe(final File file) {
		if (file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".rpl")) try (RippleBands map = RippleBands.open(file.toPath())) {
			return describe(map);
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("Cannot read " + file.getPath() + ": " + e.getMessage(), e);
		}
		try (TiffPages pages = TiffPages.open(file); TiledTiff tiff = pages.page(0)) {
			final ImageDescription first = TiledColour.describe(tiff, file);
			if (!pages.stack()) return first;
			// a stack as ImageJ opens it: its description's channels, slices and frames, else pages as slices
			final int c = first.channels() > 1 ? first.channels() : pages.imageJ("channels", 1);
			final int t = pages.imageJ("frames", 1);
			final int z = pages.imageJ("slices", Math.max(1, pages.size() / (c * t)));
			return new ImageDescription(file.getName(), new int[] { tiff.width(), tiff.height(), c, z, t }, first.bitDepth(), new double[] { 1, 1, 1 }, "pixel");
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("Cannot read " + file.getPath() + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Applies a model to a TIFF tile by tile and saves the labels and the table in the folder.
	 *
	 * @return null when done (the JSON line printed), else one line saying why not
	 */
	String apply(final ClusteringModel model, final File modelFile, final File image, final File folder) {
		if (model instanceof SpectrumClusteringModel && image.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".rpl")) return applySpectrum((SpectrumClusteringModel) model, modelFile, image, folder);
		if (model instanceof SliceClusteringModel && !isRipple(image)) return TiledSlicesRun.apply((SliceClusteringModel) model, modelFile, image, folder, status, out);
		if (model instanceof PixelAgglomerationModel && !isRipple(image)) return TiledProfilesRun.apply((PixelAgglomerationModel) model, modelFile, image, folder, status, out);
		if (!(model instanceof ColourQuantizationModel) || image.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".rpl")) return String.format(NOT_TILED, image.getPath(), model.command());
		final ColourQuantizationModel colour = (ColourQuantizationModel) model;
		final String stack = stackOf(image);
		if (stack != null) return stack;
		final long start = System.nanoTime();
		final String base = Titles.base(image.getName());
		final File labels = new File(folder, base + "-labels.tif");
		final File table = new File(folder, base + "-clusters.csv");
		final ColourQuantizationResult result;
		final int bands;
		try {
			result = CommandLine.threaded(() -> TiledColour.apply(colour, image, labels, StatusProgress.of(status, "Labelling " + image.getName() + ": ")));
			try (TiledTiff tiff = TiledTiff.open(image)) {
				bands = tiff.bands();
			}
			OutputFiles.writeCsv(Tables.of(result.clustersTable(), Tables.COUNT_DECIMALS), table);
		}
		catch (final IOException e) {
			return "Cannot label " + image.getPath() + ": " + e.getMessage();
		}
		catch (final IllegalArgumentException | CancellationException e) {
			return image.getPath() + ": " + e.getMessage();
		}
		final Map<String, Object> json = applied(image, "tiles", bands, modelFile);
		json.put("clusters", result.clusters());
		json.put("pixels", result.pixels());
		json.put("inertia_per_pixel", result.inertiaPerPixel());
		json.put("seconds", (System.nanoTime() - start) / 1e9);
		final List<String> outputs = new ArrayList<>();
		outputs.add(labels.getPath());
		outputs.add(table.getPath());
		json.put("outputs", outputs);
		out.println(Json.object(json));
		return null;
	}

	/**
	 * Checks that a model can label a file read band by band: its kind, and for a spectrum model on a
	 * ripple map its energy axis.
	 *
	 * @throws IllegalArgumentException saying what the model expects and what the file is
	 */
	static void requireFits(final ClusteringModel model, final File file) {
		model.requireFits(describe(file));
		if (model instanceof SpectrumClusteringModel && isRipple(file)) try (RippleBands map = RippleBands.open(file.toPath())) {
			final SpectrumAxis axis = axis(map);
			((SpectrumClusteringModel) model).requireAxis(new SpectrumClusteringModel.EnergyAxis(axis.size(), axis.offset() + 0.0, axis.scale(), axis.unit()));
		}
		catch (final IOException e) {
			throw new IllegalArgumentException("Cannot read " + file.getPath() + ": " + e.getMessage(), e);
		}
	}

	/** @return whether the file is a ripple header */
	static boolean isRipple(final File file) {
		return file.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".rpl");
	}

	/**
	 * The drawn pixels of a ripple map, read band by band: what {@code CombinedFit.drawn} makes of the
	 * imported map (the same {@link PixelDraw#smallest} positions, in raster order as one row, with the
	 * importer's types and calibration), without holding the map.
	 *
	 * @param number the map's number among the images of the fit (the draw's image number)
	 * @return one row of the drawn pixels, all channels
	 * @throws IOException when the map cannot be read
	 */
	static ImagePlus drawnMap(final File file, final long sample, final long seed, final int number) throws IOException {
		return drawnImage(file, drawnChannels(file, sample, seed, number));
	}

	/**
	 * The drawn pixels of {@link #drawnMap}, as arrays (one per channel: {@code byte[]}, {@code short[]} or
	 * {@code float[]}, as the importer types the map) that can travel to another machine.
	 */
	static Object[] drawnChannels(final File file, final long sample, final long seed, final int number) throws IOException {
		try (RippleBands map = RippleBands.open(file.toPath())) {
			final RippleHeader h = map.header();
			final int w = h.width(), m = h.depth();
			final int[] kept = PixelDraw.smallest(PixelDraw.imageSeed(seed, number), w * h.height(), sample);
			final int bits = bits(h);
			final ImageProcessor[] rows = new ImageProcessor[m];
			for (int c = 0; c < m; c++)
				rows[c] = bits == 8 ? new ByteProcessor(kept.length, 1) : bits == 16 ? new ShortProcessor(kept.length, 1) : new FloatProcessor(kept.length, 1);
			int next = 0;
			for (int band = 0; band < map.bands() && next < kept.length; band++) {
				final int from = map.bandY(band) * w, to = from + map.bandRows(band) * w;
				if (kept[next] >= to) continue;
				final double[][] channels = new double[m][to - from];
				map.read(band, channels);
				for (; next < kept.length && kept[next] < to; next++)
					for (int c = 0; c < m; c++)
						rows[c].setf(next, 0, (float) channels[c][kept[next] - from]);
			}
			final Object[] pixels = new Object[m];
			for (int c = 0; c < m; c++)
				pixels[c] = rows[c].getPixels();
			return pixels;
		}
	}

	/** The image of {@link #drawnMap} from its {@link #drawnChannels}: one row, the map's title and calibration. */
	static ImagePlus drawnImage(final File file, final Object[] channels) throws IOException {
		try (RippleBands map = RippleBands.open(file.toPath())) {
			final RippleHeader h = map.header();
			final int n = java.lang.reflect.Array.getLength(channels[0]);
			final ImageStack stack = new ImageStack(n, 1);
			for (final Object row : channels)
				stack.addSlice(row instanceof byte[] ? new ByteProcessor(n, 1, (byte[]) row) : row instanceof short[] ? new ShortProcessor(n, 1, (short[]) row, null) : new FloatProcessor(n, 1, (float[]) row));
			final ImagePlus out = new ImagePlus(h.fileName(), stack);
			out.setCalibration(map.calibration());
			return out;
		}
	}

	private static int bits(final RippleHeader h) {
		return h.dataType() == RippleHeader.DataType.UNSIGNED && h.dataLength() <= 2 ? 8 * h.dataLength() : 32;
	}

	/** A ripple map as a model sees it: its size, channels (slices) and ImageJ bit depth, from its header. */
	private static ImageDescription describe(final RippleBands map) {
		final RippleHeader h = map.header();
		final int bits = bits(h);
		final Calibration cal = map.calibration();
		return new ImageDescription(h.fileName(), new int[] { h.width(), h.height(), 1, h.depth(), 1 }, bits, new double[] { cal.pixelWidth, cal.pixelHeight, cal.pixelDepth }, cal.getUnit());
	}

	/** The energy axis of a ripple map, as the spectrum commands read it from the imported image. */
	private static SpectrumAxis axis(final RippleBands map) {
		final ImageStack stack = new ImageStack(1, 1);
		for (int c = 0; c < map.header().depth(); c++)
			stack.addSlice(new FloatProcessor(1, 1));
		final ImagePlus probe = new ImagePlus(map.header().fileName(), stack);
		probe.setCalibration(map.calibration());
		return SpectrumAxis.of(probe, 0, 0, "");
	}

	/** Applies a spectrum model to a ripple map band by band; saves labels, clusters and cluster spectra. */
	private String applySpectrum(final SpectrumClusteringModel model, final File modelFile, final File image, final File folder) {
		final long start = System.nanoTime();
		final String base = Titles.base(image.getName());
		final File labels = new File(folder, base + "-labels.tif");
		final File clusters = new File(folder, base + "-clusters.csv");
		final File spectra = new File(folder, base + "-cluster-spectra.csv");
		final TiledSpectrum.Result result;
		try (RippleBands map = RippleBands.open(image.toPath())) {
			model.requireFits(describe(map));
			final SpectrumAxis axis = axis(map);
			model.requireAxis(new SpectrumClusteringModel.EnergyAxis(axis.size(), axis.offset() + 0.0, axis.scale(), axis.unit()));
			result = CommandLine.threaded(() -> TiledSpectrum.apply(model, map, labels, StatusProgress.of(status, "Labelling " + image.getName() + ": ")));
			final int first = result.sum(0).length == map.header().depth() ? 0 : model.channelRange()[0];
			final double[] energies = new double[result.sum(0).length];
			for (int c = 0; c < energies.length; c++)
				energies[c] = axis.energy(first + c);
			OutputFiles.writeCsv(Tables.of(result.clustersTable(), Tables.CENTROID_DECIMALS), clusters);
			OutputFiles.writeCsv(Tables.of(result.spectraTable(first, energies), Map.of("channel", 0)), spectra);
		}
		catch (final IOException e) {
			return "Cannot label " + image.getPath() + ": " + e.getMessage();
		}
		catch (final IllegalArgumentException | CancellationException e) {
			return image.getPath() + ": " + e.getMessage();
		}
		final Map<String, Object> json = applied(image, "bands", result.bands(), modelFile);
		json.put("model_command", model.command());
		json.put("clusters", result.clusters());
		json.put("pixels", result.pixels());
		json.put("seconds", (System.nanoTime() - start) / 1e9);
		json.put("outputs", List.of(labels.getPath(), clusters.getPath(), spectra.getPath()));
		out.println(Json.object(json));
		return null;
	}

	/**
	 * Fits Colour Quantization on every pixel of a TIFF, tile by tile, and saves the model.
	 *
	 * @return the exit code
	 */
	int fit(final ColourQuantization.Settings settings, final long sample, final File modelFile, final File image) {
		if (sample != 0) {
			err.println(String.format(NO_SAMPLE, image.getPath()));
			return CommandLine.USAGE;
		}
		final String stack = stackOf(image);
		if (stack != null) {
			err.println(stack);
			return CommandLine.FAILED;
		}
		final long start = System.nanoTime();
		final ColourQuantizationResult result;
		try {
			result = CommandLine.threaded(() -> TiledColour.fit(image, settings, StatusProgress.of(status, "Fitting on " + image.getName() + ": ")));
			try (TiledTiff tiff = TiledTiff.open(image)) {
				ColourFitOptions.save(settings, result, 1, 0, TiledColour.describe(tiff, image), modelFile);
			}
		}
		catch (final IOException e) {
			err.println("Cannot fit on " + image.getPath() + " or save the model as " + modelFile.getPath() + ": " + e.getMessage());
			return CommandLine.FAILED;
		}
		catch (final IllegalArgumentException | CancellationException e) {
			err.println(Messages.named(ColourQuantizationModel.COMMAND, image.getPath() + ": " + e.getMessage()));
			return CommandLine.FAILED;
		}
		final Map<String, Object> json = new LinkedHashMap<>();
		json.put("command", ColourQuantizationModel.COMMAND);
		json.put("mode", "fit");
		json.put("image", image.getPath());
		json.put("read", "tiles");
		json.put("images", 1);
		json.put("pixels", result.pixels());
		json.put("sample", 0);
		FolderFit.putFit(json, settings, result, start, modelFile);
		out.println(Json.object(json));
		return CommandLine.OK;
	}

	/**
	 * @return why a Colour Quantization model cannot read a TIFF tile by tile when it is a stack (it reads
	 *         the first image only), else null
	 */
	private static String stackOf(final File image) {
		try (TiffPages pages = TiffPages.open(image)) {
			return pages.stack() ? String.format(COLOUR_STACK, image.getPath(), pages.size()) : null;
		}
		catch (final IOException | IllegalArgumentException e) {
			return null; // the tile reader says what is wrong with it
		}
	}

	/** The start of the JSON line of an image labelled band by band. */
	static Map<String, Object> applied(final File image, final String read, final int bands, final File modelFile) {
		final Map<String, Object> json = new LinkedHashMap<>();
		json.put("command", ApplyRun.APPLY);
		json.put("image", image.getPath());
		json.put("read", read);
		json.put("bands", bands);
		json.put("model", modelFile.getPath());
		return json;
	}
}
