package io.github.pixelclustering.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.io.ModelDocument;
import io.github.pixelclustering.kmeans.MiniBatchSettings;
import io.github.pixelclustering.testutil.SmoothNoise;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.logic.NativeBoolType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.IntType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PixelAgglomerationModel} and {@link SliceClusteringModel} through the API: 3D grids, the
 * selection, threads, and every bad value of a model file named with its key.
 */
class AgglomerationModelFilesTest {

	/** One image per sample over an nx x ny (x nz) grid of smoothed noise. */
	private static List<RandomAccessibleInterval<? extends RealType<?>>> stack(final int nx, final int ny, final int nz, final int samples, final long seed) {
		final double[] x = SmoothNoise.pixelMajor(nx, ny, nz, samples, seed, 1);
		final int n = nx * ny * nz;
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (int s = 0; s < samples; s++) {
			final double[] plane = new double[n];
			for (int p = 0; p < n; p++)
				plane[p] = x[p * samples + s];
			out.add(nz > 1 ? ArrayImgs.doubles(plane, nx, ny, nz) : ArrayImgs.doubles(plane, nx, ny));
		}
		return out;
	}

	private static int[] labels(final PixelAgglomerationResult r) {
		final int[] dims = r.dimensions();
		final ArrayImg<IntType, IntArray> out = dims.length == 3 ? ArrayImgs.ints(dims[0], dims[1], dims[2]) : ArrayImgs.ints(dims[0], dims[1]);
		r.writeLabels(out);
		return out.update(null).getCurrentStorageArray();
	}

	private static Map<String, Object> keys(final String method) {
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("clusters", 12);
		m.put("method", method);
		return m;
	}

	private static PixelAgglomerationModel fit(final String method, final boolean connected, final List<RandomAccessibleInterval<? extends RealType<?>>> stack, final int connectivity) {
		final PixelAgglomeration.Settings settings = new PixelAgglomeration.Settings(12, PixelAgglomeration.Method.of(method), connectivity).withKMeans(100, 2, 10, 3, MiniBatchSettings.Init.K_MEANS_PLUS_PLUS).withConnected(connected);
		final PixelAgglomerationResult result = PixelAgglomeration.agglomerate(stack, null, settings, ProgressListener.NONE);
		final int[] dims = result.dimensions();
		final ImageDescription training = new ImageDescription("stack", new int[] { dims[0], dims[1], 1, dims.length == 3 ? dims[2] : 1, stack.size() }, 32, new double[] { 1, 1, 1 }, "pixel");
		return PixelAgglomerationModel.of(result, keys(method), training, new int[result.clusters() + 1], "frames", connectivity);
	}

	@Test
	void aThreeDimensionalParcellationLabelsStacksOfItsGridAndNamesTheGridOtherwise() {
		final List<RandomAccessibleInterval<? extends RealType<?>>> training = stack(10, 8, 4, 3, 5);
		final PixelAgglomerationResult fit = PixelAgglomeration.agglomerate(training, null, new PixelAgglomeration.Settings(12, PixelAgglomeration.Method.WARD, 6), ProgressListener.NONE);
		final PixelAgglomerationModel model = PixelAgglomerationModel.of(fit, keys("ward"), new ImageDescription("stack", new int[] { 10, 8, 1, 4, 3 }, 32, new double[] { 1, 1, 1 }, "pixel"), new int[13], "frames", 6);
		assertTrue(model.isParcellation());
		final List<RandomAccessibleInterval<? extends RealType<?>>> other = stack(10, 8, 4, 7, 6);
		final PixelAgglomerationResult one = Parallelization.runSingleThreaded(() -> model.apply(other, null, ProgressListener.NONE));
		final PixelAgglomerationResult two = Parallelization.runMultiThreaded(() -> model.apply(other, null, ProgressListener.NONE));
		assertArrayEquals(labels(fit), labels(one));
		assertArrayEquals(labels(one), labels(two));
		assertEquals(7, one.samples());
		for (int c = 1; c <= 12; c++)
			for (int s = 0; s < 7; s++)
				assertEquals(Double.doubleToLongBits(one.mean(c, s)), Double.doubleToLongBits(two.mean(c, s)));
		assertEquals("The model expects a 10x8x4 grid (parcellation of the training image), got 10x8x5.", assertThrows(IllegalArgumentException.class, () -> model.apply(stack(10, 8, 5, 3, 6), null, ProgressListener.NONE)).getMessage());
		assertEquals("The model expects a 10x8x4 grid (parcellation of the training image), got 10x8x1.", assertThrows(IllegalArgumentException.class, () -> model.requireFits(new ImageDescription("flat", new int[] { 10, 8, 1, 1, 3 }, 32, new double[] { 1, 1, 1 }, "pixel"))).getMessage());
	}

	@Test
	void theSelectionRestrictsTheProfileModelsAndEmptyClustersHaveNaNMeans() {
		final PixelAgglomerationModel model = fit("kmeans", false, stack(16, 12, 1, 4, 1), 4);
		// one pixel only: one cluster gets it, the others are empty
		final boolean[] inside = new boolean[20 * 10];
		inside[37] = true;
		final RandomAccessibleInterval<NativeBoolType> selection = ArrayImgs.booleans(inside, 20, 10);
		final PixelAgglomerationResult r = model.apply(stack(20, 10, 1, 4, 2), selection, ProgressListener.NONE);
		final int[] l = labels(r);
		int labelled = 0;
		for (int p = 0; p < l.length; p++)
			if (l[p] != 0) labelled++;
		assertEquals(1, labelled);
		assertTrue(l[37] > 0);
		assertEquals(1, r.pixels());
		for (int c = 1; c <= r.clusters(); c++)
			assertEquals(c == l[37] ? 1 : 0, r.size(c));
		assertTrue(Double.isNaN(r.mean(l[37] == 1 ? 2 : 1, 0)));
		assertTrue(Double.isNaN(r.centroids()[(l[37] == 1 ? 1 : 0) * 2]));
		assertEquals(PixelAgglomeration.EMPTY_MASK, assertThrows(IllegalArgumentException.class, () -> model.apply(stack(20, 10, 1, 4, 2), ArrayImgs.booleans(new boolean[200], 20, 10), ProgressListener.NONE)).getMessage());
	}

	// -- Bad files --

	private static String badFile(final ClusteringModel model, final Path dir, final Consumer<JsonObject> edit) throws IOException {
		final File file = dir.resolve("bad.json").toFile();
		model.write(file);
		final JsonObject json = JsonParser.parseString(new String(Files.readAllBytes(file.toPath()), StandardCharsets.UTF_8)).getAsJsonObject();
		edit.accept(json);
		Files.write(file.toPath(), json.toString().getBytes(StandardCharsets.UTF_8));
		return assertThrows(IllegalArgumentException.class, () -> ClusteringModel.read(file)).getMessage();
	}

	private static String wrong(final Path dir, final String key, final String expected, final String found) {
		return String.format(ModelDocument.WRONG, dir.resolve("bad.json").toFile().getPath(), key, expected, found);
	}

	@Test
	void badValuesInPixelAgglomerationModelsAreNamedWithTheirKey(@TempDir final Path dir) throws IOException {
		final List<RandomAccessibleInterval<? extends RealType<?>>> stack = stack(16, 12, 1, 4, 1);
		final PixelAgglomerationModel kmeans = fit("kmeans", false, stack, 4);
		final PixelAgglomerationModel hkmeans = fit("hkmeans", false, stack, 4);
		final PixelAgglomerationModel ward = fit("ward", false, stack, 4);
		assertEquals(wrong(dir, "centres[2]", "finite numbers", "NaN in column 1"), badFile(kmeans, dir, j -> j.getAsJsonArray("centres").get(2).getAsJsonArray().set(1, JsonNull.INSTANCE)));
		assertEquals(wrong(dir, "centre_labels[0]", "a label 1..12", "13"), badFile(kmeans, dir, j -> j.getAsJsonArray("centre_labels").set(0, new JsonPrimitive(13))));
		assertEquals(wrong(dir, "assignment", "\"nearest centre\" or \"nearest coarse then fine centre\"", "\"nearest\""), badFile(kmeans, dir, j -> j.addProperty("assignment", "nearest")));
		final String[] unordered = new String[1];
		final String message = badFile(hkmeans, dir, j -> {
			// the first fine centre moved to the last coarse centre
			final JsonArray a = j.getAsJsonArray("fine_coarse");
			a.set(0, new JsonPrimitive(2));
			final int[] v = new int[a.size()];
			for (int i = 0; i < v.length; i++)
				v[i] = a.get(i).getAsInt();
			unordered[0] = java.util.Arrays.toString(v);
		});
		assertEquals(wrong(dir, "fine_coarse", "the coarse centres 0..2 in order, each at least once", unordered[0]), message);
		assertEquals(wrong(dir, "parcellation_runs", "runs covering the 192 pixels of the grid", "runs of 191 pixels"), badFile(ward, dir, j -> j.add("parcellation_runs", JsonParser.parseString("[1,191]"))));
		assertEquals(wrong(dir, "parcellation_runs", "every label 1..12 on the grid", "no pixel labelled 2"), badFile(ward, dir, j -> j.add("parcellation_runs", JsonParser.parseString("[1,191,12,1]"))));
		assertEquals(wrong(dir, "parcellation_runs[0]", "a value 0..12", "40"), badFile(ward, dir, j -> j.getAsJsonArray("parcellation_runs").set(0, new JsonPrimitive(40))));
		assertEquals(wrong(dir, "features.sample_axis", "slices, frames or channels", "time"), badFile(ward, dir, j -> j.getAsJsonObject("features").addProperty("sample_axis", "time")));
		assertEquals(String.format(ModelDocument.MISSING, dir.resolve("bad.json").toFile().getPath(), "grid"), badFile(ward, dir, j -> j.remove("grid")));
	}

	@Test
	void badValuesInSliceModelsAreNamedWithTheirKey(@TempDir final Path dir) throws IOException {
		final List<RandomAccessibleInterval<? extends RealType<?>>> slices = new ArrayList<>();
		final double[] x = SmoothNoise.pixelMajor(6, 5, 1, 9, 3, 1);
		for (int s = 0; s < 9; s++) {
			final double[] plane = new double[30];
			for (int p = 0; p < 30; p++)
				plane[p] = x[p * 9 + s];
			slices.add(ArrayImgs.doubles(plane, 6, 5));
		}
		final SliceClustering.Result fit = SliceClustering.cluster(slices, null, new SliceClustering.Settings(3, ColourQuantization.Method.K_MEANS, 0, 1), ProgressListener.NONE);
		final Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("method", "k-means");
		final SliceClusteringModel model = SliceClusteringModel.of(fit, 6, 5, false, keys, new ImageDescription("s", new int[] { 6, 5, 1, 9, 1 }, 32, new double[] { 1, 1, 1 }, "pixel"));
		final SliceClustering.Result applied = model.apply(slices, ProgressListener.NONE);
		for (int s = 0; s < 9; s++) {
			assertEquals(fit.label(s), applied.label(s));
			assertEquals(fit.distance(s), applied.distance(s));
		}
		assertEquals(fit.inertia(), applied.inertia(), 1e-9 * fit.inertia());
		assertEquals(wrong(dir, "centres[1]", "finite numbers", "NaN in column 4"), badFile(model, dir, j -> j.getAsJsonArray("centres").get(1).getAsJsonArray().set(4, JsonNull.INSTANCE)));
		assertEquals(wrong(dir, "centres[0]", "an array of 30 numbers", "[1.0]"), badFile(model, dir, j -> j.getAsJsonArray("centres").set(0, JsonParser.parseString("[1.0]"))));
		assertEquals(wrong(dir, "search_order", "the labels 1..3 in some order", "[1, 1, 2]"), badFile(model, dir, j -> j.add("search_order", JsonParser.parseString("[1,1,2]"))));
		assertEquals(wrong(dir, "features.fit", "k-means or mini-batch", "lloyd"), badFile(model, dir, j -> j.getAsJsonObject("features").addProperty("fit", "lloyd")));
		assertEquals(wrong(dir, "features.mask_runs", "runs covering the 30 pixels of the grid", "runs of 29 pixels"), badFile(model, dir, j -> j.getAsJsonObject("features").add("mask_runs", JsonParser.parseString("[1,29]"))));
	}
}
