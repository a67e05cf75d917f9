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
		assertEquals("roi_manager=", describe("  ROI_Manager=true  "));
		assertEquals("", describe(null));
		assertEquals("", describe("   "));
	}

	@Test
	void unclosedBracketIsAnError() {
		assertEquals("The value of input opens [ at character 7 but never closes it.", assertThrows(IllegalArgumentException.class, () -> MacroOptions.keys("input=[a b")).getMessage());
	}
}
