package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class MacroOptionsTest {

	private static String describe(final String options) {
		final List<MacroOptions.Key> keys = MacroOptions.keys(options);
		return keys.stream().map(k -> k.name + (k.hasValue ? "=" : "")).collect(Collectors.joining(" "));
	}

	@Test
	void keysWithAndWithoutValues() {
		assertEquals("clusters= method= overlay", describe("clusters=8 method=k-means overlay"));
		assertEquals("input= output= clusters=", describe("input=[/my data/in] output=[a [nested] b] clusters=3"));
		assertEquals("title=", describe("title='with space'"));
		assertEquals("ROI_Manager=", describe("  ROI_Manager=true  "), "keys as written: the runner refuses capitals, which Fiji would not match");
		assertEquals("", describe(null));
		assertEquals("", describe("   "));
	}

	@Test
	void valuesLoseTheirBracketsOrQuotes() {
		final List<MacroOptions.Key> keys = MacroOptions.keys("input=[/my data/in] title='a b' clusters=3 overlay");
		assertEquals("/my data/in", keys.get(0).value());
		assertEquals("a b", keys.get(1).value());
		assertEquals("3", keys.get(2).value());
		assertEquals(null, keys.get(3).value());
		assertEquals("input=[/my data/in]", keys.get(0).text);
	}

	@Test
	void unclosedBracketIsAnError() {
		assertEquals("The value of input opens [ at character 7 but never closes it.", assertThrows(IllegalArgumentException.class, () -> MacroOptions.keys("input=[a b")).getMessage());
	}
}
