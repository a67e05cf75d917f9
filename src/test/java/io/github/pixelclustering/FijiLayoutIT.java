package io.github.pixelclustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.TestData;
import io.github.pixelclustering.updatesite.UpdateSite;
import io.github.pixelclustering.updatesite.UpdateSiteIndex;
import io.github.pixelclustering.updatesite.UpdaterChecksum;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs Pixel Clustering into a folder laid out like {@code Fiji.app} and runs it in a separate JVM
 * whose class path is only {@code jars/*}, as Fiji's launcher does.
 * <p>
 * {@code jars/} gets the runtime jars Fiji ships (ImageJ 1, scijava-common with parsington, ImgLib2, Gson),
 * taken from the Maven class path, and every file of a freshly generated update site, fetched the way
 * the ImageJ Updater does: {@code <site>/<filename>-<timestamp>}, checksum verified, saved under its
 * plain file name. Runs in {@code mvn verify} (needs the packaged thin jar).
 */
class FijiLayoutIT {

	/** Jars Fiji ships that our plugin needs at run time, by file-name prefix. */
	private static final List<String> FIJI_JARS = List.of("ij-", "scijava-common-", "parsington-", "imglib2-", "gson-");

	private static Path thinJar() {
		final String jar = System.getProperty("pixelclustering.jar");
		assertTrue(jar != null && Files.isRegularFile(Paths.get(jar)), "the packaged plugin jar (run through mvn verify): " + jar);
		return Paths.get(jar);
	}

	@Test
	void thinJarHoldsOnlyOurClassesThePluginIndexAndMavenMetadata() throws IOException {
		final List<String> others = new ArrayList<>();
		try (JarFile jar = new JarFile(thinJar().toFile())) {
			jar.stream().map(e -> e.getName()).forEach(name -> {
				final boolean ours = name.startsWith("io/github/pixelclustering/") || name.equals("io/") || name.equals("io/github/");
				final boolean meta = name.equals("META-INF/") || name.equals("META-INF/MANIFEST.MF") || name.equals("META-INF/json/") || name.equals("META-INF/json/org.scijava.plugin.Plugin") || name.startsWith("META-INF/maven/");
				if (!ours && !meta) others.add(name);
			});
			assertTrue(jar.getEntry("META-INF/json/org.scijava.plugin.Plugin") != null, "SciJava plugin index");
			assertTrue(jar.getEntry("plugins.config") == null);
		}
		assertEquals(List.of(), others);
	}

	/**
	 * The committed update site serves the plugin jar this build makes: the Updater's checksum (which
	 * ignores timestamps and the manifest) of the site's current plugin version equals that of the jar
	 * just packaged. When it fails, regenerate the site: {@code mvn -B -Pupdate-site -DskipTests package}.
	 */
	@Test
	void theCommittedUpdateSiteServesThisBuildsPluginJar() throws IOException {
		final String sitePath = "jars/pixel-clustering-" + System.getProperty("pixelclustering.version") + ".jar";
		final Path site = TestData.testImages().getParent().resolve("update-site");
		final UpdateSiteIndex.PluginRecord record = UpdateSiteIndex.read(site.resolve(UpdateSiteIndex.FILE_NAME)).get(sitePath);
		assertTrue(record != null, "update-site/ lists " + sitePath);
		assertEquals(record.version().checksum(), UpdaterChecksum.checksum(sitePath, thinJar()), "update-site/ serves an older plugin jar than this build: run mvn -B -Pupdate-site -DskipTests package");
		final Path served = site.resolve(sitePath + "-" + record.version().timestamp());
		assertTrue(Files.isRegularFile(served), "the listed version's file is in the site: " + served);
		assertEquals(record.version().checksum(), UpdaterChecksum.checksum(sitePath, served));
	}

	@Test
	void runsInAFijiLayoutWithOnlyItsJarsOnTheClassPath(@TempDir final Path dir) throws Exception {
		final Path fiji = Files.createDirectories(dir.resolve("Fiji.app"));
		final Path jars = Files.createDirectories(fiji.resolve("jars"));
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final String name = Paths.get(entry).getFileName().toString();
			if (name.endsWith(".jar") && FIJI_JARS.stream().anyMatch(prefix -> name.startsWith(prefix) && Character.isDigit(name.charAt(prefix.length())))) Files.copy(Paths.get(entry), jars.resolve(name));
		}
		assertEquals(FIJI_JARS.size(), Files.list(jars).count(), "Fiji's jars found on the class path");
		installFromUpdateSite(dir.resolve("site"), fiji);
		assertEquals(FIJI_JARS.size() + 3, Files.list(jars).count(), "plus our jar and the two EJML jars");

		final Path probe = dir.resolve("FijiLayoutProbe.java");
		Files.copy(FijiLayoutIT.class.getResourceAsStream("/fiji-layout/FijiLayoutProbe.java"), probe, StandardCopyOption.REPLACE_EXISTING);
		final String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		final Process process = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Djava.util.prefs.userRoot=" + dir.resolve("fiji-prefs"), "-cp", "jars" + File.separator + "*", probe.toString(), TestData.image("four-colours.png").toString()) //
			.directory(fiji.toFile()).redirectErrorStream(true).start();
		final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the Fiji-layout JVM finished");
		System.out.println("Fiji-layout JVM (class path: " + Arrays.toString(jars.toFile().list()) + "):\n" + output);
		assertEquals(0, process.exitValue(), output);

		final String readme = ReadmeTest.readme();
		final List<String> commands = Arrays.stream(output.split("\n")).filter(l -> l.startsWith("COMMAND ")).collect(Collectors.toList());
		assertFalse(commands.isEmpty(), output);
		for (final String line : commands) {
			final String leaf = line.substring("COMMAND ".length(), line.indexOf(':'));
			final LinkedHashSet<String> inputs = new LinkedHashSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split(" ")));
			assertEquals(ReadmeTest.tableKeys(readme, leaf), inputs, "README macro keys of " + leaf);
		}
		assertTrue(output.contains("LABELS 8 1 4 four-colours-labels"), output);
		assertTrue(output.contains("LABELS 8 1 5 four-colours-labels"), output);
		assertTrue(output.contains("APPLIED four-colours-labels same labels"), output);
	}

	/** Generates an update site from the packaged jars and installs every file of it as the Updater would. */
	private static void installFromUpdateSite(final Path site, final Path fiji) throws IOException {
		final Path ejmlCore = onClassPath("ejml-core-");
		final Path ejmlDdense = onClassPath("ejml-ddense-");
		UpdateSite.update(Files.createDirectories(site), UpdateSite.now(), UpdateSite.pixelClusteringUploads(System.getProperty("pixelclustering.version"), thinJar(), ejmlCore, ejmlDdense));
		final SortedMap<String, UpdateSiteIndex.PluginRecord> records = UpdateSiteIndex.read(site.resolve(UpdateSiteIndex.FILE_NAME));
		assertEquals(3, records.size(), records.keySet().toString());
		for (final UpdateSiteIndex.PluginRecord record : records.values()) {
			// the Updater downloads <site>/<filename>-<timestamp>, checks it, and saves it as <filename>
			final Path stored = site.resolve(record.filename() + "-" + record.version().timestamp());
			assertEquals(record.version().checksum(), UpdaterChecksum.checksum(record.filename(), stored), record.filename());
			assertEquals(record.version().filesize(), Files.size(stored), record.filename());
			Files.copy(stored, Files.createDirectories(fiji.resolve(record.filename()).getParent()).resolve(Paths.get(record.filename()).getFileName()));
		}
	}

	private static Path onClassPath(final String prefix) {
		for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			final Path path = Paths.get(entry);
			if (path.getFileName().toString().startsWith(prefix) && entry.endsWith(".jar")) return path;
		}
		throw new AssertionError(prefix + "*.jar is not on the class path");
	}
}
