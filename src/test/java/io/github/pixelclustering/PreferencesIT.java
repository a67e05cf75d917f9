package io.github.pixelclustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.headless.CommandLine;
import io.github.pixelclustering.headless.MemoryPreferences;
import io.github.pixelclustering.testutil.TestData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neither the command line nor the tests touch the user's Java preferences, where Fiji's dialogs keep
 * their last-used values: a command-line run in a JVM whose home is a temporary folder leaves nothing
 * there, while the same run with preferences on disk (the control) writes the commands' values, so the
 * check would see a regression; the test JVMs keep theirs in memory.
 */
class PreferencesIT {

	/** Runs the command line in a fresh JVM with {@code home} as the user's home; returns its output. */
	private static String cli(final Path home, final Path out, final String... jvmOptions) throws Exception {
		final List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + home, "-Djava.awt.headless=true"));
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), CommandLine.class.getName(), "run", "Colour Quantization", "clusters=3 seed=2", TestData.image("four-colours.png").toString(), out.toString()));
		final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command line finished");
		assertEquals(CommandLine.OK, process.exitValue(), output);
		return output;
	}

	private static List<Path> files(final Path dir) throws Exception {
		if (!Files.exists(dir)) return List.of();
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile).collect(Collectors.toList());
		}
	}

	@Test
	void theCommandLineLeavesTheUsersPreferencesAlone(@TempDir final Path dir) throws Exception {
		final Path home = Files.createDirectories(dir.resolve("home"));
		final String output = cli(home, dir.resolve("out"));
		assertFalse(output.contains("Warning"), output);
		assertEquals(List.of(), files(home), "nothing written in the user's home");
		// the control: with preferences on disk the same run writes the command's values there
		final Path control = Files.createDirectories(dir.resolve("control"));
		final String written = cli(control, dir.resolve("control-out"), "-Djava.util.prefs.PreferencesFactory=java.util.prefs.FileSystemPreferencesFactory");
		assertTrue(written.contains("Warning: this JVM keeps its preferences with another factory"), written);
		assertTrue(files(control).stream().anyMatch(f -> f.toString().replace('\\', '/').contains("/.java/.userPrefs/io/github/pixelclustering/commands/")), "the control wrote the command's preferences: " + files(control));
	}

	@Test
	void theTestJvmKeepsItsPreferencesInMemory() {
		assertTrue(Preferences.userRoot() instanceof MemoryPreferences, "Surefire and Failsafe set java.util.prefs.PreferencesFactory to MemoryPreferences$Factory, got " + Preferences.userRoot().getClass());
	}
}
