package io.github.pixelclustering.headless;

import static io.github.pixelclustering.headless.CommandLineTest.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.api.ClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringModel;
import io.github.pixelclustering.api.SpectrumClusteringResult;
import io.github.pixelclustering.api.TiledSpectrum;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.io.RippleBands;
import io.github.pixelclustering.io.RippleFile;
import io.github.pixelclustering.testutil.SyntheticSpectra;
import io.github.pixelclustering.testutil.TiledLabels;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.RealType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spectrum models on ripple maps read band by band ({@code apply --tiles}, or maps larger than the
 * heap): the labels, sizes and cluster spectra of the map in memory.
 */
class TiledSpectrumTest {

	private static final int W = 40, H = 30, M = 64;

	/** A synthetic map (four phases, Poisson counts) as a ripple file, 16-bit unsigned, spectrum after spectrum. */
	private static Path map(final Path dir, final String name, final long seed) throws IOException {
		final int[] counts = SyntheticSpectra.generate(W, H, M, seed).counts();
		final ByteBuffer raw = ByteBuffer.allocate(counts.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (final int c : counts)
			raw.putShort((short) Math.min(c, 65535));
		Files.write(dir.resolve(name + ".raw"), raw.array());
		return Files.writeString(dir.resolve(name + ".rpl"), "width\t" + W + "\nheight\t" + H + "\ndepth\t" + M + "\noffset\t0\ndata-length\t2\ndata-type\tunsigned\nbyte-order\tlittle-endian\nrecord-by\tvector\nev-per-chan\t10\n");
	}

	private static List<RandomAccessibleInterval<? extends RealType<?>>> channels(final ImagePlus imp) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> views = new ArrayList<>();
		for (int c = 1; c <= imp.getStackSize(); c++)
			views.add(ArrayImgs.unsignedShorts((short[]) imp.getStack().getPixels(c), W, H));
		return views;
	}

	@Test
	void bandByBandEqualsTheMapInMemory(@TempDir final Path dir) throws Exception {
		final Path training = map(dir, "training", 1), other = map(dir, "other", 2);
		final Path model = dir.resolve("model.json");
		for (final String options : new String[] { "clusters=4 components=4 poisson=true", "clusters=3 source=signal preprocessing=norm", "clusters=4 components=4 poisson=true centres_from=<decomposition>" }) {
			final CommandLineTest.Outcome fit = cli("run", "Spectrum Image Cluster Analysis", options + " seed=3 save_model=[" + model + "]", training.toString(), dir.resolve("fit").toString());
			assertEquals(CommandLine.OK, fit.code, fit.err);
			final SpectrumClusteringModel m = (SpectrumClusteringModel) ClusteringModel.read(model.toFile());
			final ImagePlus imp = RippleFile.open(other).read(ProgressListener.NONE).image();
			final SpectrumClusteringResult memory = m.apply(channels(imp), null, ProgressListener.NONE);
			// bands of 7 rows (the last of 2), on 2 threads
			try (RippleBands bands = RippleBands.open(other, 7L * W * M)) {
				assertEquals(5, bands.bands());
				final Path labels = dir.resolve("labels.tif");
				final TiledSpectrum.Result tiles = Parallelization.runWithNumThreads(2, () -> TiledSpectrum.apply(m, bands, labels.toFile(), ProgressListener.NONE));
				final int[] raster = memory.labels();
				final byte[] expected = new byte[raster.length];
				for (int i = 0; i < raster.length; i++)
					expected[i] = (byte) (raster[i] + 1);
				assertArrayEquals(expected, TiledLabels.read(labels), options);
				final int[] sizes = memory.fit().sizes();
				for (int l = 0; l < m.clusters(); l++) {
					assertEquals(sizes[l], tiles.size(l), options);
					assertEquals(memory.centroidPixels()[l], tiles.centroidPixel(l), options + " centroid pixel of " + l);
					assertArrayEquals(memory.signals().centroid(l), tiles.centroid(l), 0, options);
					final double[] sum = memory.signals().sum(l), tiled = tiles.sum(l);
					for (int c = 0; c < sum.length; c++)
						assertEquals(sum[c], tiled[c], 1e-9 * Math.max(1, Math.abs(sum[c])), options + " sum of " + l);
				}
			}
		}
	}

	@Test
	void aSampledFitReadsOnlyTheDrawnSpectraBandByBandAndMakesTheSameModel(@TempDir final Path dir) throws Exception {
		final Path maps = Files.createDirectories(dir.resolve("maps"));
		map(maps, "a", 1);
		map(maps, "b", 2);
		final String options = "clusters=4 components=4 poisson=true seed=3 sample=300 save_model=[";
		final CommandLineTest.Outcome whole = cli("fit", "Spectrum Image Cluster Analysis", options + dir.resolve("whole.json") + "]", maps.toString());
		assertEquals(CommandLine.OK, whole.code, whole.err);
		final CommandLineTest.Outcome banded = cli("fit", "--tiles", "Spectrum Image Cluster Analysis", options + dir.resolve("banded.json") + "]", maps.toString());
		assertEquals(CommandLine.OK, banded.code, banded.err);
		assertEquals(600, banded.json().get("pixels").getAsLong(), banded.out);
		assertEquals(Files.readString(dir.resolve("whole.json")).replace("whole.json", ""), Files.readString(dir.resolve("banded.json")).replace("banded.json", ""), "the same model");
		// without a sample, a map read band by band cannot be fitted whole
		final CommandLineTest.Outcome refused = cli("fit", "--tiles", "Spectrum Image Cluster Analysis", "clusters=4 save_model=[" + dir.resolve("no.json") + "]", maps.toString());
		assertEquals(CommandLine.USAGE, refused.code);
		assertTrue(refused.err.contains(String.format(TiledRun.MAP_NEEDS_SAMPLE, maps.resolve("a.rpl"))), refused.err);
	}

	@Test
	void theCommandLineSavesLabelsClustersAndSpectra(@TempDir final Path dir) throws Exception {
		final Path training = map(dir, "training", 1), other = map(dir, "other", 2);
		final Path model = dir.resolve("model.json");
		assertEquals(CommandLine.OK, cli("run", "Spectrum Image Cluster Analysis", "clusters=4 components=4 poisson=true seed=3 save_model=[" + model + "]", training.toString(), dir.resolve("fit").toString()).code);
		final CommandLineTest.Outcome memory = cli("apply", model.toString(), other.toString(), dir.resolve("memory").toString());
		assertEquals(CommandLine.OK, memory.code, memory.err);
		final CommandLineTest.Outcome tiles = cli("apply", "--tiles", model.toString(), other.toString(), dir.resolve("tiles").toString());
		assertEquals(CommandLine.OK, tiles.code, tiles.err);
		assertEquals("bands", tiles.json().get("read").getAsString());
		assertEquals(W * H, tiles.json().get("pixels").getAsLong());
		assertArrayEquals((byte[]) IJ.openImage(dir.resolve("memory/other-labels.tif").toString()).getProcessor().getPixels(), TiledLabels.read(dir.resolve("tiles/other-labels.tif")));
		assertEquals(Files.readString(dir.resolve("memory/other-clusters.csv")), Files.readString(dir.resolve("tiles/other-clusters.csv")));
		final List<String> a = Files.readAllLines(dir.resolve("memory/other-cluster-spectra.csv")), b = Files.readAllLines(dir.resolve("tiles/other-cluster-spectra.csv"));
		assertEquals(a.get(0), b.get(0), "the same columns");
		assertEquals(a.size(), b.size());
		for (int r = 1; r < a.size(); r++) {
			final String[] x = a.get(r).split(","), y = b.get(r).split(",");
			for (int c = 0; c < x.length; c++)
				assertEquals(Double.parseDouble(x[c]), Double.parseDouble(y[c]), 1e-6 * Math.max(1, Math.abs(Double.parseDouble(x[c]))), a.get(0) + " row " + r);
		}
		MacrosTest.assertNoTemporaryFiles(dir.resolve("tiles"));
		// another axis: refused with both sides named, nothing written
		Files.writeString(other, Files.readString(other).replace("ev-per-chan\t10", "ev-per-chan\t20"));
		final CommandLineTest.Outcome refused = cli("apply", "--tiles", model.toString(), other.toString(), dir.resolve("refused").toString());
		assertEquals(CommandLine.USAGE, refused.code, refused.err);
		assertTrue(refused.err.startsWith(other + ": The model expects"), refused.err);
		assertTrue(!Files.exists(dir.resolve("refused/other-labels.tif")));
	}
}
