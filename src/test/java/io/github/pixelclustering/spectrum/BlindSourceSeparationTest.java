package io.github.pixelclustering.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;
import io.github.pixelclustering.testutil.EdsData;
import io.github.pixelclustering.testutil.SyntheticSpectra;
import io.github.pixelclustering.testutil.TestData;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * {@link BlindSourceSeparation} against HyperSpy 1.7.3's {@code blind_source_separation} (scikit-learn
 * 1.2.1 FastICA), {@code scripts/hyperspy_bss_fixtures.py} -> {@code fixtures/hyperspy-bss.json}: the
 * start drawn from the seed bit for bit, the unmixing matrix and the BSS factors and loadings up to the
 * order and sign of the components (and, with HyperSpy's own order and signs, as it gives them).
 */
class BlindSourceSeparationTest {

	static final JsonObject FIXTURE = TestData.fixture("hyperspy-bss.json");

	/** @return the case's map, pixel-major */
	static double[] data(final JsonObject c) {
		if ("eds".equals(c.get("dataset").getAsString())) return EdsData.pixelMajor();
		final int[] counts = SyntheticSpectra.generate(64, 64, 512, 6).counts();
		final double[] x = new double[counts.length];
		for (int i = 0; i < x.length; i++)
			x[i] = counts[i];
		return x;
	}

	static double[] matrix(final JsonArray rows) {
		final int n = rows.size(), m = rows.get(0).getAsJsonArray().size();
		final double[] out = new double[n * m];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < m; j++)
				out[i * m + j] = rows.get(i).getAsJsonArray().get(j).getAsDouble();
		return out;
	}

	static BlindSourceSeparation separate(final JsonObject c) {
		final boolean eds = "eds".equals(c.get("dataset").getAsString());
		final int pixels = eds ? EdsData.PIXELS : 64 * 64, channels = eds ? EdsData.CHANNELS : 512;
		final int n = c.get("components").getAsInt();
		final Decomposition d = Decomposition.compute(data(c), pixels, channels, n, c.get("normalize_poissonian_noise").getAsBoolean(), TaskRunner.SEQUENTIAL, ProgressListener.NONE);
		return BlindSourceSeparation.of(d, n, eds ? EdsData.ENERGY_SCALE : 1, c.get("random_state").getAsLong());
	}

	@Test
	void theStartIsNumpysRandomState() {
		for (final JsonElement e : FIXTURE.getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final int n = c.get("components").getAsInt();
			final double[] theirs = matrix(c.getAsJsonArray("w_init"));
			final double[] ours = LegacyNormal.matrix(c.get("random_state").getAsLong(), n, n);
			for (int i = 0; i < ours.length; i++)
				assertEquals(theirs[i], ours[i], 2e-16 * Math.abs(theirs[i]), "w_init[" + i + "]");
		}
	}

	@Test
	void hyperSpysUnmixingMatrixFactorsAndLoadings() {
		int cases = 0;
		for (final JsonElement e : FIXTURE.getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final String label = c.get("dataset").getAsString() + " poisson=" + c.get("normalize_poissonian_noise").getAsBoolean();
			final int n = c.get("components").getAsInt();
			final BlindSourceSeparation bss = separate(c);
			assertTrue(bss.converged(), label);
			final double[] theirs = matrix(c.getAsJsonArray("unmixing_matrix"));
			final double[] ours = bss.unmixing();
			// up to the order and sign of the rows: each of ours matches one of theirs
			final int[] match = new int[n];
			final double[] sign = new double[n];
			for (int r = 0; r < n; r++) {
				double best = -1;
				for (int t = 0; t < n; t++) {
					double dot = 0, a = 0, b = 0;
					for (int i = 0; i < n; i++) {
						dot += ours[r * n + i] * theirs[t * n + i];
						a += ours[r * n + i] * ours[r * n + i];
						b += theirs[t * n + i] * theirs[t * n + i];
					}
					final double cos = Math.abs(dot) / Math.sqrt(a * b);
					if (cos > best) {
						best = cos;
						match[r] = t;
						sign[r] = Math.signum(dot);
					}
				}
				double scale = 0;
				for (int i = 0; i < n; i++)
					scale = Math.max(scale, Math.abs(theirs[match[r] * n + i]));
				for (int i = 0; i < n; i++)
					assertEquals(theirs[match[r] * n + i], sign[r] * ours[r * n + i], 1e-8 * scale, label + ": unmixing row " + r + " (theirs " + match[r] + ")");
			}
			// and in fact in HyperSpy's own order and signs
			for (int r = 0; r < n; r++) {
				assertEquals(r, match[r], label + ": order");
				assertEquals(1.0, sign[r], label + ": sign");
			}
			final double[] factors = bss.factors();
			final JsonArray channels = c.getAsJsonArray("channels");
			final double[] theirFactors = matrix(c.getAsJsonArray("bss_factors"));
			double largest = 0;
			for (final double v : theirFactors)
				largest = Math.max(largest, Math.abs(v));
			for (int i = 0; i < channels.size(); i++)
				for (int r = 0; r < n; r++)
					assertEquals(theirFactors[i * n + r], factors[channels.get(i).getAsInt() * n + r], 1e-6 * largest, label + ": BSS factor " + r + " at channel " + channels.get(i));
			assertEquals(c.get("iterations").getAsInt(), bss.iterations(), label + ": FastICA steps");
			cases++;
		}
		assertEquals(3, cases);
	}
}
