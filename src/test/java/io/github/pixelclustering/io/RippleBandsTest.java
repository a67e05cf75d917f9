package io.github.pixelclustering.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Ripple maps read band by band hold the values of the imported image, for every layout and type. */
class RippleBandsTest {

	@Test
	void bandsHoldTheValuesOfTheImportedImage() throws Exception {
		final Path dir = Paths.get(RippleBandsTest.class.getResource("/ripple/ripple.json").toURI()).getParent();
		final List<Path> headers;
		try (Stream<Path> files = Files.list(dir)) {
			headers = files.filter(p -> p.toString().endsWith(".rpl")).sorted().collect(Collectors.toList());
		}
		assertEquals(16, headers.size(), "the ripple fixtures");
		for (final Path rpl : headers) {
			final ImagePlus imp = RippleFile.open(rpl).read(io.github.pixelclustering.core.ProgressListener.NONE).image();
			for (final long bandValues : new long[] { 1, 12, RippleBands.BAND_VALUES }) {
				try (RippleBands map = RippleBands.open(rpl, bandValues)) {
					final int w = map.header().width(), m = map.header().depth();
					int rows = 0;
					for (int band = 0; band < map.bands(); band++) {
						final double[][] channels = new double[m][w * map.bandRows(band)];
						map.read(band, channels);
						for (int c = 0; c < m; c++)
							for (int i = 0; i < channels[c].length; i++) {
								final int x = i % w, y = map.bandY(band) + i / w;
								assertEquals(imp.getStack().getProcessor(c + 1).getf(x, y), channels[c][i], 0, rpl.getFileName() + " channel " + c + " at " + x + "," + y + ", bands of " + bandValues + " values");
							}
						rows += map.bandRows(band);
					}
					assertEquals(map.header().height(), rows);
				}
			}
		}
	}
}
