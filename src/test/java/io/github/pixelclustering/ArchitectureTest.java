package io.github.pixelclustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.TestData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The layers of DESIGN.md: engines are pure Java (JDK + EJML), and every layer depends only on the layers
 * below it.
 */
class ArchitectureTest {

	private static final String ROOT = "io.github.pixelclustering.";
	/** Engine packages: JDK and EJML only. */
	private static final Set<String> ENGINES = Set.of("core", "colour", "kmeans", "ward", "hkmeans", "spectrum", "spectralclustering");
	/** For each upper layer, the project packages it may not use. */
	private static final Map<String, Set<String>> FORBIDDEN = Map.of( //
		"imglib", Set.of("api", "adapters", "output", "headless", "commands", "io"), //
		"api", Set.of("adapters", "output", "headless", "commands"), //
		"io", Set.of("api", "adapters", "output", "headless", "commands"), //
		"adapters", Set.of("io", "output", "headless", "commands"), //
		"output", Set.of("api", "headless", "commands"), //
		"headless", Set.of("commands"), //
		"commands", Set.of("headless"));
	private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

	private static Path sources() {
		return TestData.testImages().getParent().resolve("src/main/java/io/github/pixelclustering");
	}

	private static List<Path> javaFiles(final String pkg) {
		final Path dir = sources().resolve(pkg);
		if (!Files.isDirectory(dir)) return List.of();
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<String> imports(final Path file) {
		try {
			final Matcher m = IMPORT.matcher(Files.readString(file));
			final List<String> out = new ArrayList<>();
			while (m.find())
				out.add(m.group(1));
			return out;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Test
	void everyPackageIsAnEngineOrALayer() throws IOException {
		final Set<String> known = new java.util.TreeSet<>(ENGINES);
		known.addAll(FORBIDDEN.keySet());
		try (Stream<Path> dirs = Files.list(sources())) {
			final Set<String> packages = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
			assertEquals(known, packages, "a new package needs its rule here");
		}
	}

	@Test
	void enginesArePureJava() {
		final List<String> violations = new ArrayList<>();
		int files = 0;
		for (final String engine : ENGINES) {
			for (final Path file : javaFiles(engine)) {
				files++;
				for (final String imported : imports(file)) {
					final boolean allowed = imported.startsWith("java.") && !imported.startsWith("java.awt") || imported.startsWith("org.ejml.") || ENGINES.stream().anyMatch(e -> imported.startsWith(ROOT + e + "."));
					if (!allowed) violations.add(file.getFileName() + " imports " + imported);
				}
			}
		}
		assertTrue(files > 0);
		assertEquals(List.of(), violations);
	}

	@Test
	void layersDependOnlyDownwards() {
		final List<String> violations = new ArrayList<>();
		FORBIDDEN.forEach((layer, forbidden) -> {
			for (final Path file : javaFiles(layer))
				for (final String imported : imports(file))
					for (final String f : forbidden)
						if (imported.startsWith(ROOT + f + ".")) violations.add(layer + "/" + file.getFileName() + " imports " + imported);
		});
		assertEquals(List.of(), violations);
	}

	@Test
	void noFullyQualifiedEscapesInEngines() {
		// an engine could dodge the import rule by writing ij.IJ.log(...) in the code
		final Pattern escape = Pattern.compile("\\b(ij|net\\.imglib2|org\\.scijava|java\\.awt)(\\.[a-z]\\w*)*\\.[A-Z]");
		final List<String> violations = new ArrayList<>();
		for (final String engine : ENGINES)
			for (final Path file : javaFiles(engine)) {
				try {
					final String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
					final Matcher m = escape.matcher(code);
					if (m.find()) violations.add(file.getFileName() + ": " + m.group());
				}
				catch (final IOException e) {
					throw new UncheckedIOException(e);
				}
			}
		assertEquals(List.of(), violations);
	}

	@Test
	void sparkStaysInItsModuleAndUsesThePluginsApi() throws IOException {
		// the plugin never imports Spark (Fiji does not ship it); the Spark jobs go through api/, io/,
		// output/, core/ and the command line (headless/), never through the Fiji commands
		final List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(sources())) {
			for (final Path file : files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList()))
				for (final String imported : imports(file))
					if (imported.startsWith("org.apache.spark") || imported.startsWith(ROOT + "spark.")) violations.add(file.getFileName() + " imports " + imported);
		}
		final Path spark = sources().getParent().getParent().getParent().getParent().getParent().getParent().resolve("spark/src/main/java/io/github/pixelclustering/spark");
		final List<Path> jobs;
		try (Stream<Path> files = Files.walk(spark)) {
			jobs = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
		}
		assertTrue(jobs.size() >= 4, "the Spark jobs at " + spark);
		for (final Path file : jobs)
			for (final String imported : imports(file))
				for (final String f : List.of("commands", "adapters", "kmeans", "ward", "hkmeans", "spectrum", "spectralclustering"))
					if (imported.startsWith(ROOT + f + ".")) violations.add("spark/" + file.getFileName() + " imports " + imported);
		assertEquals(List.of(), violations);
	}
}
