package io.github.pixelclustering.spectrum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.pixelclustering.testutil.TestData;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;

/**
 * {@link Elbow}: HyperSpy 1.7.3's {@code estimate_elbow_position} on the explained variance ratios of
 * {@code fixtures/hyperspy-significant-components.json}, and its length rule and clipping by hand.
 */
class ElbowTest {

	@Test
	void hyperSpysElbowOfTheFixtureCurves() {
		final JsonObject fixture = TestData.fixture("hyperspy-significant-components.json");
		int cases = 0;
		for (final JsonElement e : fixture.getAsJsonArray("cases")) {
			final JsonObject c = e.getAsJsonObject();
			final JsonArray values = c.getAsJsonArray("explained_variance_ratio");
			final double[] curve = new double[values.size()];
			for (int i = 0; i < curve.length; i++)
				curve[i] = values.get(i).getAsDouble();
			final int length = c.get("components").getAsInt();
			assertEquals(c.get("max_points").getAsInt() + 1, Elbow.valuesRead(length));
			assertEquals(c.get("elbow_position").getAsInt(), Elbow.position(curve, length, true), c.get("dataset").getAsString());
			cases++;
		}
		assertEquals(8, cases);
	}

	@Test
	void lengthRuleClippingAndLinearCurves() {
		// P = min(20, L - 1): a curve of 4 reads 4 values; the log makes the elbow the steepest drop's end
		assertEquals(1, Elbow.position(new double[] { 1, 1e-3, 5e-4, 4e-4 }, 4, true));
		assertEquals(1, Elbow.position(new double[] { 1, 1e-3, 5e-4, 4e-4 }, 4, false));
		// without the log a slow decay has its elbow later than with it
		assertEquals(2, Elbow.position(new double[] { 10, 6, 3, 2.8, 2.6, 2.4 }, 6, false));
		// zeros are clipped at 1e-30, so the log stays finite
		assertEquals(2, Elbow.position(new double[] { 1, 0.5, 0, 0 }, 4, true)); // as HyperSpy 1.7.3 gives
		assertEquals(0, Elbow.position(new double[] { 1 }, 1, true), "a single component");
		assertEquals(21, Elbow.valuesRead(900));
		assertEquals(1, Elbow.valuesRead(1));
	}
}
