package io.github.pixelclustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.headless.CommandLine;
import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.testutil.TestData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/** The README's command lines run, and its macro-key tables match the commands' inputs. */
class ReadmeTest {

	static String readme() throws IOException {
		return Files.readString(TestData.testImages().getParent().resolve("README.md"));
	}

	/** Splits a shell line into words, honouring double quotes. */
	static List<String> words(final String line) {
		final List<String> words = new ArrayList<>();
		final Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
		while (m.find())
			words.add(m.group(1) != null ? m.group(1) : m.group(2));
		return words;
	}

	/**
	 * Every {@code run}, {@code apply} and {@code fit} line runs and exits with 0, in the README's order
	 * (an {@code apply} line uses the model an earlier line saved), with {@code out/} in a temporary folder.
	 */
	@Test
	void everyCommandLineRunsOnATestImage(@TempDir final Path dir) throws IOException {
		final Path root = TestData.testImages().getParent();
		final Path out = Files.createDirectories(dir.resolve("out"));
		int runs = 0;
		final Set<String> modes = new LinkedHashSet<>();
		for (final String line : readme().split("\n")) {
			final Matcher at = Pattern.compile("-cli\\.jar (run|apply|fit) ").matcher(line);
			if (!at.find()) continue;
			final List<String> args = words(line.substring(at.start() + "-cli.jar ".length()));
			assertEquals(args.get(0).equals("run") ? 5 : args.get(1).equals("--tiles") ? 5 : 4, args.size(), line);
			for (int i = 1; i < args.size(); i++) {
				final String arg = args.get(i).replace("[out/", "[" + out + "/");
				// files and folders are relative to the repository, outputs go to the temporary folder
				args.set(i, arg.startsWith("out/") ? out.resolve(arg.substring(4)).toString() : arg.startsWith("test-images/") || arg.startsWith("src/") ? root.resolve(arg).toString() : arg);
			}
			final ByteArrayOutputStream err = new ByteArrayOutputStream();
			final int code = CommandLine.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
			assertEquals(CommandLine.OK, code, line + "\n" + err.toString(StandardCharsets.UTF_8));
			modes.add(args.get(0));
			runs++;
		}
		assertEquals(Set.of("run", "apply", "fit"), modes, "the README shows every mode that works on files");
		assertTrue(runs >= 5, "runs: " + runs);
	}

	@Test
	void everyMacroLineRunsAndExitsWithZero(@TempDir final Path dir) throws IOException {
		int runs = 0;
		for (final String line : readme().split("\n")) {
			final int at = line.indexOf("-cli.jar macro ");
			if (at < 0) continue;
			final List<String> args = words(line.substring(at + "-cli.jar ".length()));
			assertEquals(3, args.size(), line);
			args.set(2, args.get(2).replace("output=[out]", "output=[" + dir.resolve("macro" + runs) + "]"));
			final CommandLineOutcome o = cli(args);
			assertEquals(CommandLine.OK, o.code, line + "\n" + o.err);
			runs++;
		}
		assertTrue(runs >= 2, "the README shows its batch macros: " + runs);
	}

	/** Every row of the exit-code table with a runnable example exits with its code and says its message. */
	@Test
	void theExitCodeTableIsTrue(@TempDir final Path dir) throws IOException {
		assertTrue(Files.isDirectory(Path.of("test-images")), "the examples use paths relative to the repository");
		final String readme = readme();
		final int table = readme.indexOf("| exit | when | example | message (standard error) |");
		assertTrue(table > 0);
		int rows = 0;
		for (final String line : readme.substring(table).split("\n")) {
			if (!line.startsWith("|")) break;
			final String[] cells = line.split("\\|", -1);
			if (cells.length < 5 || !cells[3].trim().startsWith("`")) continue;
			final int code = Integer.parseInt(cells[1].trim());
			final List<String> args = words(unquote(cells[3]).replace(" out/", " " + dir.resolve("out" + rows)).replace("output=[out]", "output=[" + dir.resolve("out" + rows) + "]"));
			final CommandLineOutcome o = cli(args);
			assertEquals(code, o.code, line + "\n" + o.err);
			String message = unquote(cells[4]);
			if (message.endsWith("...")) message = message.substring(0, message.length() - 3);
			assertTrue(o.err.contains(message), line + "\nstandard error: " + o.err);
			assertFalse(o.err.contains("\tat "), "no stack trace: " + o.err);
			rows++;
		}
		assertTrue(rows >= 15, "rows run: " + rows);
	}

	private static String unquote(final String cell) {
		final String t = cell.trim();
		return t.startsWith("`") && t.endsWith("`") ? t.substring(1, t.length() - 1) : t;
	}

	/** Exit code and standard error of a command-line run in this JVM. */
	private static final class CommandLineOutcome {

		final int code;
		final String err;

		CommandLineOutcome(final int code, final String err) {
			this.code = code;
			this.err = err;
		}
	}

	private static CommandLineOutcome cli(final List<String> args) {
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = CommandLine.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new CommandLineOutcome(code, err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void macroKeyTablesMatchTheCommands() throws IOException {
		final String readme = readme();
		try (Context context = new Context(CommandService.class)) {
			int tables = 0;
			for (final CommandInfo info : context.service(CommandService.class).getCommands()) {
				if (!CommandRunner.isOurs(info)) continue;
				final String label = info.getMenuPath().getLeaf().getName();
				final Set<String> inputs = new LinkedHashSet<>();
				for (final ModuleItem<?> item : info.inputs())
					if (CommandRunner.isSetting(item)) inputs.add(item.getName());
				assertEquals(inputs, tableKeys(readme, label), "README macro keys of " + label);
				tables++;
			}
			assertFalse(tables == 0);
		}
	}

	/** The keys in the first column of the table under "### <label>" in the Macros section. */
	static Set<String> tableKeys(final String readme, final String label) {
		final int macros = readme.indexOf("\n## Macros");
		final int section = readme.indexOf("\n### " + label + "\n", macros);
		if (macros < 0 || section < 0) return Set.of();
		final Set<String> keys = new LinkedHashSet<>();
		boolean inTable = false;
		for (final String line : readme.substring(section + 1).split("\n")) {
			if (line.startsWith("| key")) inTable = true;
			else if (inTable && line.startsWith("|---")) continue;
			else if (inTable && line.startsWith("| `")) keys.add(line.substring(3, line.indexOf('`', 3)));
			else if (inTable) break;
		}
		return keys;
	}
}
