package io.github.pixelclustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pixelclustering.headless.CommandLine;
import io.github.pixelclustering.testutil.TestData;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pixel-clustering}, the command line with a class-data-sharing archive: the first run records
 * the archive (under a temporary name, moved into place when the run succeeded), later runs map our
 * classes from it (the JVM's class-loading log says where each class came from), the
 * outputs are those of {@code java -jar}, and an archive the JVM refuses, a rebuilt jar or a failed run
 * never break a run nor leave a partial archive.
 */
class LauncherIT {

	private static final Path SCRIPT = Paths.get("bin", "pixel-clustering");
	/** -Xshare:on stops the JVM when an archive cannot be mapped. */
	private static final Map<String, String> SHARE_ON = Map.of("JAVA_OPTS", "-Xshare:on");

	/** The JVM's log of where each class came from, in {@code log}. */
	private static Map<String, String> classLog(final Path log) {
		return Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
	}

	/** Whether our command line's classes came from the archive made for the jar (the top layer). */
	private static boolean fromArchive(final Path log) throws Exception {
		final String lines = Files.readString(log);
		assertTrue(lines.contains(CommandLine.class.getName() + " source: "), "the log names our classes: " + log);
		return lines.contains(CommandLine.class.getName() + " source: shared objects file (top)");
	}

	/** What a run printed and returned. */
	private static final class Run {
		final int status;
		final String out;
		final String err;

		Run(final int status, final String out, final String err) {
			this.status = status;
			this.out = out;
			this.err = err;
		}

		/** The JSON line without its time, which differs from run to run, and with OUT for the output folder. */
		String json(final Path folder) {
			return out.replaceAll("\"seconds\": [0-9.Ee-]+, ", "").replace(folder.toString(), "OUT");
		}
	}

	/** The command-line jar next to the plugin jar that Failsafe names, copied into {@code dir} with the script. */
	private static Path install(final Path dir) throws Exception {
		final Path cli = TestData.cliJar();
		final Path bin = Files.createDirectories(dir.resolve("bin"));
		Files.copy(cli, bin.resolve(cli.getFileName()));
		final Path script = Files.copy(SCRIPT, bin.resolve("pixel-clustering"), StandardCopyOption.COPY_ATTRIBUTES);
		assertTrue(script.toFile().setExecutable(true));
		return bin.resolve(cli.getFileName());
	}

	private static Run run(final Path dir, final Path cache, final Map<String, String> settings, final String... args) throws Exception {
		final List<String> command = new ArrayList<>(List.of("bash", dir.resolve("bin").resolve("pixel-clustering").toString()));
		command.addAll(List.of(args));
		final ProcessBuilder builder = new ProcessBuilder(command);
		final Map<String, String> env = builder.environment();
		env.remove("PIXEL_CLUSTERING_JAR");
		env.remove("PIXEL_CLUSTERING_CDS");
		env.put("PIXEL_CLUSTERING_CACHE", cache.toString());
		env.put("JAVA_HOME", System.getProperty("java.home"));
		env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
		env.remove("JAVA_OPTS");
		env.putAll(settings);
		final File out = dir.resolve("stdout.txt").toFile(), err = dir.resolve("stderr.txt").toFile();
		final Process process = builder.redirectOutput(out).redirectError(err).start();
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher finished");
		return new Run(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
	}

	private static Run quantize(final Path dir, final Path cache, final Map<String, String> settings, final Path out) throws Exception {
		return run(dir, cache, settings, "run", "Colour Quantization", "clusters=3 seed=2", TestData.image("four-colours.png").toString(), out.toString());
	}

	private static List<String> files(final Path folder) throws Exception {
		if (!Files.isDirectory(folder)) return List.of();
		try (Stream<Path> list = Files.list(folder)) {
			return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	private static boolean bash() {
		try {
			return new ProcessBuilder("bash", "-c", "true").start().waitFor() == 0;
		}
		catch (final Exception e) {
			return false;
		}
	}

	@Test
	void theFirstRunRecordsTheArchiveAndLaterRunsMapIt(@TempDir final Path dir) throws Exception {
		assumeTrue(bash(), "bash runs the launcher");
		final Path jar = install(dir);
		final Path cache = dir.resolve("cache");

		final Run first = quantize(dir, cache, Map.of(), dir.resolve("first"));
		assertEquals(CommandLine.OK, first.status, first.err);
		assertTrue(first.out.startsWith("{\"command\": \"Colour Quantization\"") && first.out.indexOf('\n') == first.out.length() - 1, "standard output is the JSON line only: " + first.out);
		final List<String> archives = files(cache);
		assertEquals(1, archives.size(), "one archive, no partial one: " + archives);
		assertTrue(archives.get(0).matches("cli-[0-9]+-[0-9]+-[0-9]+\\.jsa"), archives.get(0));
		assertFalse(first.err.contains("[warning]"), "no JVM notes on the classes it does not archive: " + first.err);

		// the second run maps our classes from it
		final Run mapped = quantize(dir, cache, classLog(dir.resolve("mapped.log")), dir.resolve("mapped"));
		assertEquals(CommandLine.OK, mapped.status, mapped.err);
		assertTrue(fromArchive(dir.resolve("mapped.log")), "classes mapped from the archive");
		assertEquals(first.json(dir.resolve("first")), mapped.json(dir.resolve("mapped")));
		assertArrayEquals(Files.readAllBytes(dir.resolve("first").resolve("four-colours-labels.tif")), Files.readAllBytes(dir.resolve("mapped").resolve("four-colours-labels.tif")));
		assertEquals(archives, files(cache));

		// the same outputs as java -jar
		final Process plain = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true", "-jar", jar.toString(), "run", "Colour Quantization", "clusters=3 seed=2", TestData.image("four-colours.png").toString(), dir.resolve("plain").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		final String plainOut = new String(plain.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(plain.waitFor(120, TimeUnit.SECONDS));
		assertEquals(first.json(dir.resolve("first")), new Run(0, plainOut, "").json(dir.resolve("plain")));

		// an archive the JVM refuses (a damaged file): the run goes on without it, nothing more on standard output
		final Path archive = cache.resolve(archives.get(0));
		Files.delete(archive);
		Files.writeString(archive, "not an archive");
		final Run refused = quantize(dir, cache, classLog(dir.resolve("refused.log")), dir.resolve("refused"));
		assertEquals(CommandLine.OK, refused.status, refused.err);
		assertFalse(fromArchive(dir.resolve("refused.log")), "classes read from the jar");
		assertEquals(first.json(dir.resolve("first")), refused.json(dir.resolve("refused")));

		// another kind of run gets its own archive
		assertEquals(CommandLine.OK, run(dir, cache, Map.of(), "list").status);
		final List<String> two = files(cache);
		assertEquals(2, two.size(), "one archive per kind of run: " + two);
		assertTrue(two.containsAll(archives));

		// a rebuilt jar: a new archive replaces the old ones
		Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
		final Run rebuilt = run(dir, cache, Map.of(), "list");
		assertEquals(CommandLine.OK, rebuilt.status, rebuilt.err);
		assertTrue(rebuilt.out.contains("Colour Quantization"), rebuilt.out);
		final List<String> after = files(cache);
		assertEquals(1, after.size(), "the old archives removed: " + after);
		assertFalse(two.contains(after.get(0)));
		assertEquals(CommandLine.OK, run(dir, cache, classLog(dir.resolve("rebuilt.log")), "list").status);
		assertTrue(fromArchive(dir.resolve("rebuilt.log")), "the new archive is used");
		assertEquals(CommandLine.OK, run(dir, cache, SHARE_ON, "list").status);
	}

	@Test
	void aFailedFirstRunLeavesNoArchive(@TempDir final Path dir) throws Exception {
		assumeTrue(bash(), "bash runs the launcher");
		install(dir);
		final Path cache = dir.resolve("cache");
		final Run failed = run(dir, cache, Map.of(), "run", "No Such Command", "", TestData.image("four-colours.png").toString(), dir.resolve("out").toString());
		assertEquals(CommandLine.USAGE, failed.status, failed.err);
		assertEquals(List.of(), files(cache), "no archive, no partial file");
		// and without an archive, as asked
		final Run off = run(dir, dir.resolve("unused"), Map.of("PIXEL_CLUSTERING_CDS", "off"), "list");
		assertEquals(CommandLine.OK, off.status, off.err);
		assertTrue(off.out.contains("Colour Quantization"), off.out);
		assertFalse(Files.exists(dir.resolve("unused")), "no cache made");
	}

	@Test
	void aJavaBefore13RunsWithoutArchive(@TempDir final Path dir) throws Exception {
		assumeTrue(bash(), "bash runs the launcher");
		install(dir);
		// a JDK whose release file says Java 11 (it has no -XX:ArchiveClassesAtExit): its java runs ours
		final Path jdk = Files.createDirectories(dir.resolve("jdk11").resolve("bin"));
		Files.writeString(jdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
		final Path java = Files.writeString(jdk.resolve("java"), "#!/usr/bin/env bash\nexec '" + Paths.get(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
		assertTrue(java.toFile().setExecutable(true));
		final Path cache = dir.resolve("cache");
		final Run run = run(dir, cache, Map.of("JAVA_HOME", jdk.getParent().toString()), "list");
		assertEquals(CommandLine.OK, run.status, run.err);
		assertTrue(run.out.contains("Colour Quantization"), run.out);
		assertFalse(Files.exists(cache), "no archive: " + files(cache));
	}

	@Test
	void noJarIsAClearMessage(@TempDir final Path dir) throws Exception {
		assumeTrue(bash(), "bash runs the launcher");
		final Path bin = Files.createDirectories(dir.resolve("bin"));
		Files.copy(SCRIPT, bin.resolve("pixel-clustering"));
		final Run run = run(dir, dir.resolve("cache"), Map.of(), "list");
		assertEquals(2, run.status);
		assertTrue(run.err.startsWith("pixel-clustering: no command-line jar found: expected pixel-clustering-<version>-cli.jar next to"), run.err);
		assertEquals("", run.out);
	}
}
