package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.Test;

/**
 * The unit-test JVM keeps its preferences in memory (Surefire's {@code java.util.prefs.PreferencesFactory}),
 * so the commands the tests run never write the user's Fiji settings; and the in-memory preferences
 * behave as preferences: values, nodes, removal.
 */
class MemoryPreferencesTest {

	@Test
	void theTestJvmKeepsItsPreferencesInMemory() {
		assertTrue(Preferences.userRoot() instanceof MemoryPreferences, "pom.xml's Surefire java.util.prefs.PreferencesFactory is MemoryPreferences$Factory, got " + Preferences.userRoot().getClass());
		assertTrue(CommandLine.keepPreferencesInMemory());
	}

	@Test
	void valuesAndNodesLiveUntilRemoved() throws BackingStoreException {
		final Preferences node = Preferences.userRoot().node("io/github/pixelclustering/test/memory");
		node.put("clusters", "8");
		node.putInt("seed", 3);
		assertEquals("8", node.get("clusters", null));
		assertEquals(3, node.getInt("seed", 0));
		assertArrayEquals(new String[] { "clusters", "seed" }, node.keys());
		assertTrue(Preferences.userRoot().nodeExists("io/github/pixelclustering/test/memory"));
		assertArrayEquals(new String[] { "memory" }, Preferences.userRoot().node("io/github/pixelclustering/test").childrenNames());
		node.remove("seed");
		assertNull(node.get("seed", null));
		node.removeNode();
		assertTrue(!Preferences.userRoot().nodeExists("io/github/pixelclustering/test/memory"));
	}
}
