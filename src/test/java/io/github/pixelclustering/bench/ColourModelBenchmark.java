package io.github.pixelclustering.bench;

import io.github.pixelclustering.adapters.ImageDescriptions;
import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationModel;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.imglib.FlatArrays;

import ij.IJ;
import ij.ImagePlus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.GenericByteType;
import net.imglib2.type.numeric.integer.GenericShortType;

/**
 * Times applying a colour model to an RGB image: {@link ColourQuantizationModel#apply} writing the
 * labels in its pass into an 8-bit (k <= 255) or 16-bit {@code ArrayImg}, the
 * image decoded before timing (an {@code ImagePlus}'s pixels, as the Apply Clustering Model command sees
 * them). Run by {@code bench/colour_model_predict.py}, which times scikit-learn's {@code KMeans.predict}
 * on the same centres in the same run.
 *
 * <pre>
 * java -cp ... io.github.pixelclustering.bench.ColourModelBenchmark fit image.png out-folder
 * java -cp ... io.github.pixelclustering.bench.ColourModelBenchmark apply image.png model.json runs threads [labels.raw]
 * </pre>
 *
 * {@code fit} fits k-means models (k = 8 and 64, RGB and CIELAB, seed 0) and writes them as
 * {@code k<k>-<space>.json}. {@code apply} reads one model (in a fresh JVM) and prints one JSON line:
 * {@code cold_seconds}, the first apply of the JVM (its table of colours empty, nothing
 * compiled yet); {@code seconds}, the median of the timed warm runs (table filled, as for the second
 * image of a series); {@code predict_seconds}, the labels alone ({@link ColourQuantizationModel#predict}:
 * what scikit-learn's {@code predict} returns, no counts); {@code fresh_table_seconds}, the median of warm runs each with a newly read model
 * (compiled code, empty table: the table's cost); {@code apply_seconds} and {@code write_seconds}, apply
 * without labels then {@code writeLabels} (two passes); {@code direct_seconds}, the nearest-centre search of every pixel without a
 * table (what a table saves). Optionally writes the labels of the last run as raw 8- or 16-bit
 * little-endian values.
 */
public final class ColourModelBenchmark {

	/** Warm runs with a fresh model each. */
	static final int FRESH_RUNS = 5;

	private ColourModelBenchmark() {}

	public static void main(final String[] args) throws IOException {
		if (args.length >= 3 && args[0].equals("fit")) fit(open(args[1]), new File(args[2]));
		else if (args.length >= 5 && args[0].equals("apply")) apply(open(args[1]), new File(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), args.length > 5 ? new File(args[5]) : null);
		else throw new IllegalArgumentException("usage: fit <image> <folder> | apply <image> <model.json> <runs> <threads> [labels.raw]");
	}

	private static ImagePlus open(final String path) {
		final ImagePlus image = IJ.openImage(path);
		if (image == null || image.getType() != ImagePlus.COLOR_RGB) throw new IllegalArgumentException("need an RGB image: " + path);
		return image;
	}

	private static void fit(final ImagePlus image, final File folder) throws IOException {
		Files.createDirectories(folder.toPath());
		for (final int k : new int[] { 8, 64 })
			for (final ColourQuantization.Space space : ColourQuantization.Space.values()) {
				final ColourQuantization.Settings settings = new ColourQuantization.Settings(k, ColourQuantization.Method.K_MEANS, space, 0, 0);
				final long start = System.nanoTime();
				final ColourQuantizationResult fit = Parallelization.runMultiThreaded(() -> ColourQuantization.quantizeRgb(ImagePlusImgs.rgb(image), null, settings, ProgressListener.NONE));
				final Map<String, Object> keys = new LinkedHashMap<>();
				keys.put("clusters", k);
				keys.put("method", settings.method().label());
				keys.put("space", space.name());
				keys.put("seed", 0);
				final int[] lut = new int[k + 1];
				for (int l = 1; l <= k; l++)
					lut[l] = 0x010101 * (l * 255 / k);
				final File file = new File(folder, "k" + k + "-" + space.name() + ".json");
				ColourQuantizationModel.of(fit, keys, ImageDescriptions.of(image), lut).write(file);
				System.out.println(String.format(Locale.ROOT, "{\"model\": \"%s\", \"fit_seconds\": %.3f}", file.getName(), (System.nanoTime() - start) / 1e9));
			}
	}

	private static void apply(final ImagePlus image, final File file, final int runs, final int threads, final File labelsFile) throws IOException {
		final ColourQuantizationModel first = (ColourQuantizationModel) ClusteringModel.read(file);
		final RandomAccessibleInterval<ARGBType> rgb = ImagePlusImgs.rgb(image);
		final long[] size = rgb.dimensionsAsLongArray();
		final boolean bytes = first.clusters() <= 255;
		final ArrayImg<?, ?> labels = bytes ? ArrayImgs.unsignedBytes(size) : ArrayImgs.unsignedShorts(size);
		@SuppressWarnings("unchecked")
		final RandomAccessibleInterval<? extends net.imglib2.type.numeric.IntegerType<?>> out = (RandomAccessibleInterval<? extends net.imglib2.type.numeric.IntegerType<?>>) labels;
		final double pixels = image.getWidth() * (double) image.getHeight() * image.getStackSize();
		// cold (first apply of the JVM, empty table), then warm with the table filled
		final BenchmarkRuns<Long> runsTimed = BenchmarkRuns.measure(runs, threads, runner -> {
			first.apply(rgb, null, out, ProgressListener.NONE);
			return 0L;
		});
		// the labels alone (scikit-learn's predict), table filled
		final double[] predict = Parallelization.runWithNumThreads(threads, () -> {
			final double[] s = new double[runs];
			for (int r = 0; r < runs; r++) {
				final long start = System.nanoTime();
				first.predict(rgb, null, out, ProgressListener.NONE);
				s[r] = (System.nanoTime() - start) / 1e9;
			}
			return s;
		});
		final double[] apart = Parallelization.runWithNumThreads(threads, () -> {
			final double[] a = new double[2 * runs];
			for (int r = 0; r < runs; r++) {
				final long t0 = System.nanoTime();
				final ColourQuantizationResult result = first.apply(rgb, null, ProgressListener.NONE);
				final long t1 = System.nanoTime();
				result.writeLabels(out);
				a[r] = (t1 - t0) / 1e9;
				a[runs + r] = (System.nanoTime() - t1) / 1e9;
			}
			return a;
		});
		// warm code, empty table: a newly read model each run (read untimed)
		final double[] fresh = Parallelization.runWithNumThreads(threads, () -> {
			final double[] s = new double[FRESH_RUNS];
			for (int r = 0; r < FRESH_RUNS; r++) {
				final ColourQuantizationModel model = (ColourQuantizationModel) ClusteringModel.read(file);
				final long start = System.nanoTime();
				model.apply(rgb, null, out, ProgressListener.NONE);
				s[r] = (System.nanoTime() - start) / 1e9;
			}
			return s;
		});
		// no table: the nearest-centre search for every pixel
		final FlatArrays in = FlatArrays.of(rgb);
		final double[] direct = Parallelization.runWithNumThreads(threads, () -> {
			final double[] s = new double[3];
			final long[] check = new long[1];
			for (int r = 0; r < s.length; r++) {
				final long start = System.nanoTime();
				FlatArrays.forEachBlock(in.size(), ProgressListener.NONE, "", (from, to) -> FlatArrays.runs(from, to, (i, length) -> {
					final int[] px = (int[]) in.array(i);
					final int o = in.offset(i);
					long sum = 0;
					for (int p = 0; p < length; p++)
						sum += first.labelOf(px[o + p] & 0xffffff);
					synchronized (check) {
						check[0] += sum;
					}
				}, in));
				s[r] = (System.nanoTime() - start) / 1e9;
			}
			return s;
		});
		if (labelsFile != null) writeRaw(labels, labelsFile);
		final double warm = runsTimed.median();
		System.out.println(String.format(Locale.ROOT, "{\"model\": \"%s\", \"clusters\": %d, \"space\": \"%s\", \"threads\": %d, \"pixels\": %.0f, \"label_bits\": %d, \"cold_seconds\": %.4f, \"seconds\": %.4f, \"megapixels_per_second\": %.1f, \"predict_seconds\": %.4f, \"fresh_table_seconds\": %.4f, \"apply_seconds\": %.4f, \"write_seconds\": %.4f, \"direct_seconds\": %.4f, \"warm_runs\": %d, \"warmups\": %d}",
				file.getName(), first.clusters(), first.space().name(), threads, pixels, bytes ? 8 : 16, runsTimed.cold(), warm, pixels / warm / 1e6, median(predict), median(fresh), median(Arrays.copyOfRange(apart, 0, runs)), median(Arrays.copyOfRange(apart, runs, 2 * runs)), median(direct), runsTimed.warmRuns(), runsTimed.warmups()));
	}

	private static double median(final double[] values) {
		final double[] s = values.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	/** Writes the labels as raw little-endian 8- or 16-bit values. */
	private static void writeRaw(final ArrayImg<?, ?> labels, final File file) throws IOException {
		final Object type = labels.firstElement();
		final Object array = FlatArrays.of(labels).array(0);
		if (type instanceof GenericByteType) Files.write(file.toPath(), (byte[]) array);
		else if (type instanceof GenericShortType) {
			final short[] s = (short[]) array;
			final byte[] b = new byte[2 * s.length];
			for (int i = 0; i < s.length; i++) {
				b[2 * i] = (byte) s[i];
				b[2 * i + 1] = (byte) (s[i] >> 8);
			}
			Files.write(file.toPath(), b);
		}
	}
}
