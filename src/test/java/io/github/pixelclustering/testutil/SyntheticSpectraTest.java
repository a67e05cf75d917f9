package io.github.pixelclustering.testutil;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * {@link SyntheticSpectra} makes exactly the counts and phases of {@code scripts/synthetic_spectra.py},
 * from which the HyperSpy fixtures of the synthetic map were computed.
 */
class SyntheticSpectraTest {

	private static JsonObject synthetic() {
		return TestData.fixture("hyperspy.json").getAsJsonObject("datasets").getAsJsonObject("synthetic");
	}

	@Test
	void checksumsEqualThePythonGenerator() {
		int cases = 0;
		for (final JsonElement element : synthetic().getAsJsonArray("checksums")) {
			final JsonObject c = element.getAsJsonObject();
			final int w = c.get("width").getAsInt();
			final int h = c.get("height").getAsInt();
			final int channels = c.get("channels").getAsInt();
			final long seed = c.get("seed").getAsLong();
			final SyntheticSpectra s = SyntheticSpectra.generate(w, h, channels, seed);
			final String name = w + "x" + h + "x" + channels + " seed " + seed;
			assertEquals(c.get("total_counts").getAsLong(), s.totalCounts(), name);
			assertEquals(c.get("weighted_checksum").getAsLong(), s.weightedChecksum(), name);
			final int[] sizes = new int[SyntheticSpectra.PHASES];
			for (final int phase : s.phases())
				sizes[phase]++;
			assertArrayEquals(TestData.ints(c.getAsJsonArray("phase_sizes")), sizes, name);
			cases++;
		}
		assertTrue(cases >= 4, "checksum cases in the fixture");
	}

	@Test
	void fixtureMapHasTheKnownPhasesLargestFirst() {
		final JsonObject fixture = synthetic();
		final SyntheticSpectra s = SyntheticSpectra.generate(fixture.get("width").getAsInt(), fixture.get("height").getAsInt(), fixture.get("channels").getAsInt(), fixture.get("seed").getAsLong());
		assertEquals(64, s.width());
		assertEquals(512, s.channels());
		assertArrayEquals(TestData.hexLabels(fixture.get("phases").getAsString()), s.phases());
		assertArrayEquals(new int[] { 1938, 1129, 832, 197 }, TestData.ints(fixture.getAsJsonArray("phase_sizes")));
		assertEquals(fixture.get("total_counts").getAsLong(), s.totalCounts());
		assertEquals(fixture.get("weighted_checksum").getAsLong(), s.weightedChecksum());
		final int[] counts = s.counts();
		final double[] x = s.pixelMajor();
		for (int i = 0; i < counts.length; i++)
			assertEquals(counts[i], x[i]);
	}

	@Test
	void phaseMapOfASmallImage() {
		// 10 x 8: small disc (phase 3) radius 1 at (7, 2), large disc (1) radius 2 at (3, 3), band (2) from y = 6
		assertArrayEquals(new int[] { //
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, //
			0, 0, 0, 1, 0, 0, 0, 3, 0, 0, //
			0, 0, 1, 1, 1, 0, 3, 3, 3, 0, //
			0, 1, 1, 1, 1, 1, 0, 3, 0, 0, //
			0, 0, 1, 1, 1, 0, 0, 0, 0, 0, //
			0, 0, 0, 1, 0, 0, 0, 0, 0, 0, //
			2, 2, 2, 2, 2, 2, 2, 2, 2, 2, //
			2, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, SyntheticSpectra.generate(10, 8, 4, 1).phases());
	}

	@Test
	void sameSeedSameCountsOtherSeedOtherCounts() {
		final int[] a = SyntheticSpectra.generate(12, 10, 64, 5).counts();
		assertArrayEquals(a, SyntheticSpectra.generate(12, 10, 64, 5).counts());
		final int[] b = SyntheticSpectra.generate(12, 10, 64, 6).counts();
		int differ = 0;
		for (int i = 0; i < a.length; i++)
			if (a[i] != b[i]) differ++;
		assertTrue(differ > a.length / 4, "counts that differ between seeds: " + differ);
	}

	@Test
	void expNegIsCloseToExp() {
		for (double t = 0; t < 700; t += 0.37)
			assertEquals(Math.exp(-t), SyntheticSpectra.expNeg(t), 1e-11 * Math.exp(-t), "t = " + t);
		assertEquals(0.0, SyntheticSpectra.expNeg(701), 0);
	}

	@Test
	void rejectsAnEmptyImage() {
		final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticSpectra.generate(0, 4, 8, 1));
		assertEquals("width, height and channels must be >= 1, got 0, 4, 8", e.getMessage());
	}
}
