package io.github.pixelclustering.updatesite;

import io.github.pixelclustering.updatesite.UpdateSiteIndex.Dependency;
import io.github.pixelclustering.updatesite.UpdateSiteIndex.PluginRecord;
import io.github.pixelclustering.updatesite.UpdateSiteIndex.PreviousVersion;
import io.github.pixelclustering.updatesite.UpdateSiteIndex.Version;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.scijava.util.FileUtils;

/**
 * Puts files on a Fiji update site held in a local folder, laying it out exactly as the ImageJ Updater does
 * when it uploads.
 * <p>
 * The folder holds {@code db.xml.gz} ({@link UpdateSiteIndex}) and every version of every file as
 * {@code <site path>-<timestamp>}. For each file given, {@link #update} computes the Updater's checksum
 * ({@link UpdaterChecksum}); if the file's record already has that checksum (and that path) nothing changes
 * for it. Otherwise the file is stored byte-identically as {@code <site path>-<timestamp>}, becomes the
 * record's current version, and the old current version becomes a {@code <previous-version>} (timestamp =
 * old timestamp, timestamp-obsolete = the new timestamp, its checksum and path); the old stored file stays.
 * </p>
 * <p>
 * <b>Which record a file updates</b>: as in the Updater, records are matched by the path <em>without its
 * version</em> ({@link FileUtils#stripFilenameVersion}, the very function the Updater uses as the key of its
 * file collection): uploading {@code jars/pixel-clustering-0.2.0.jar} replaces the record
 * {@code jars/pixel-clustering-0.1.0.jar}, which is renamed and keeps 0.1.0 as a previous version with its
 * old file name. Keying by the full path instead would leave 0.1.0 current beside 0.2.0, and Fiji would
 * install both jars. (The real SIMcheck site shows this: record {@code plugins/SIMcheck_-1.3.jar} with
 * previous versions named {@code plugins/SIMcheck_-1.2.jar}, ...)
 * </p>
 * <p>
 * Nothing is written unless everything is consistent: before any change, every current version's stored
 * file must exist with the checksum and size its record states; a failure names the file and leaves the
 * folder untouched. When no file changed, nothing is written at all (the folder stays byte-identical). New
 * files are copied under a temporary name, checked, then renamed; {@code db.xml.gz} is replaced last; on
 * any failure the files created so far are removed again.
 * </p>
 * <p>
 * Previous versions' stored files are not checked: the Updater accepted older checksum variants for them
 * (before 2012 it hashed {@code .properties} and manifests unfiltered), so a mismatch there proves nothing.
 * </p>
 */
public final class UpdateSite {

	/** The format of timestamps: local time, as the Updater writes them. */
	public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(
		ResolverStyle.STRICT);

	/** The EJML version our update site carries (as in {@code pom-scijava}, byte-identical to Maven Central). */
	static final String EJML_VERSION = "0.41";

	static final String DESCRIPTION =
		"Pixel Clustering: k-means colour quantization, pixel agglomeration and spectrum-image cluster analysis for Fiji.";

	static final String AUTHOR = "Pixel Clustering developers";

	static final String USAGE = "usage: UpdateSite <update-site folder> <project version> <thin jar> " +
		"<ejml-core jar> <ejml-ddense jar> [<timestamp yyyyMMddHHmmss>]";

	private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+-]+");
	private static final Pattern PROJECT_VERSION = Pattern.compile("[A-Za-z0-9._-]+");

	private UpdateSite() {}

	/** One file to put on the update site, with the metadata its record gets when it is uploaded. */
	public static final class Upload {

		private final String sitePath;
		private final Path localFile;
		private final String description;
		private final List<String> authors;
		private final List<Dependency> dependencies;

		/**
		 * Describes a file to upload.
		 *
		 * @param sitePath its path on the site, e.g. {@code jars/pixel-clustering-0.1.0.jar}
		 * @param localFile the file to store (copied byte-identically)
		 * @param description the record's description, or {@code null}
		 * @param authors the record's authors
		 * @param dependencies the files Fiji must install with it
		 */
		public Upload(final String sitePath, final Path localFile, final String description, final List<String> authors,
			final List<Dependency> dependencies)
		{
			this.sitePath = Objects.requireNonNull(sitePath, "sitePath");
			this.localFile = Objects.requireNonNull(localFile, "localFile");
			this.description = description;
			this.authors = List.copyOf(authors);
			this.dependencies = List.copyOf(dependencies);
		}

		/** @return the path on the site */
		public String sitePath() {
			return sitePath;
		}

		/** @return the local file */
		public Path localFile() {
			return localFile;
		}
	}

	/** What {@link #update} did with one file. */
	public static final class Outcome {

		private final String sitePath;
		private final String storedName;

		Outcome(final String sitePath, final String storedName) {
			this.sitePath = sitePath;
			this.storedName = storedName;
		}

		/** @return the file's path on the site */
		public String sitePath() {
			return sitePath;
		}

		/** @return whether a new version was stored */
		public boolean uploaded() {
			return storedName != null;
		}

		/** @return the stored file's path in the site folder ({@code <site path>-<timestamp>}), or {@code null} */
		public String storedName() {
			return storedName;
		}

		/** @return {@code "uploaded <stored name>"} or {@code "unchanged <site path>"} */
		@Override
		public String toString() {
			return uploaded() ? "uploaded " + storedName : "unchanged " + sitePath;
		}
	}

	/**
	 * Returns the current local time as an Updater timestamp.
	 *
	 * @return {@code yyyyMMddHHmmss}
	 */
	public static String now() {
		return LocalDateTime.now().format(TIMESTAMP);
	}

	/**
	 * Brings the update site in a folder up to date with the given files.
	 *
	 * @param siteDir the update-site folder (created if missing and something is uploaded)
	 * @param timestamp the upload time, {@code yyyyMMddHHmmss}; it must be later than the current version of
	 *          every file that changes
	 * @param uploads the files, each with a distinct (unversioned) site path
	 * @return one outcome per file, in the given order
	 * @throws IOException if the site is inconsistent, a file cannot be read, or writing fails; nothing has
	 *           been changed then
	 * @throws IllegalArgumentException if the timestamp or a site path is malformed
	 */
	public static List<Outcome> update(final Path siteDir, final String timestamp, final List<Upload> uploads)
		throws IOException
	{
		checkTimestamp(timestamp);
		checkUploads(uploads);
		if (Files.exists(siteDir) && !Files.isDirectory(siteDir)) {
			throw new IOException("update-site folder " + siteDir + " is a file: expected a folder");
		}
		final Path db = siteDir.resolve(UpdateSiteIndex.FILE_NAME);
		final SortedMap<String, PluginRecord> index = Files.exists(db) ? UpdateSiteIndex.read(db) : new TreeMap<>();
		verifyStoredFiles(siteDir, db, index);

		final SortedMap<String, PluginRecord> records = new TreeMap<>(index);
		final List<Outcome> outcomes = new ArrayList<>();
		final List<Store> stores = new ArrayList<>();
		for (final Upload upload : uploads) {
			final String checksum = UpdaterChecksum.checksum(upload.sitePath, upload.localFile);
			final long size = Files.size(upload.localFile);
			final PluginRecord existing = findRecord(db, index, upload.sitePath);
			final Version current = existing == null ? null : existing.version();
			if (current != null && current.checksum().equals(checksum) && existing.filename().equals(upload.sitePath)) {
				outcomes.add(new Outcome(upload.sitePath, null));
				continue;
			}
			if (current != null && Long.parseLong(timestamp) <= Long.parseLong(current.timestamp())) {
				throw new IOException("timestamp " + timestamp + " is not later than the current version of " +
					existing.filename() + " (" + current.timestamp() + ") in " + db + ": expected a later timestamp");
			}
			final String storedName = upload.sitePath + "-" + timestamp;
			final Path stored = siteDir.resolve(storedName);
			if (Files.exists(stored)) {
				throw new IOException("stored file " + stored + " already exists: refusing to overwrite a stored version");
			}
			final List<PreviousVersion> previous = new ArrayList<>();
			if (existing != null) {
				previous.addAll(explicitFilenames(existing));
				if (current != null) {
					previous.add(new PreviousVersion(current.timestamp(), timestamp, current.checksum(), existing
						.filename()));
				}
				records.remove(existing.filename());
			}
			final Version version = new Version(checksum, timestamp, size, upload.description, upload.dependencies,
				upload.authors);
			records.put(upload.sitePath, existing == null ? new PluginRecord(upload.sitePath, version, previous)
				: new PluginRecord(upload.sitePath, existing.executable(), existing.platforms(), existing.categories(),
					version, previous));
			stores.add(new Store(upload.localFile, stored, upload.sitePath, checksum, size));
			outcomes.add(new Outcome(upload.sitePath, storedName));
		}
		if (!stores.isEmpty()) write(db, records, stores);
		return Collections.unmodifiableList(outcomes);
	}

	/** A file to copy into the site, with what its copy must hash to. */
	private static final class Store {

		final Path source;
		final Path target;
		final String sitePath;
		final String checksum;
		final long size;

		Store(final Path source, final Path target, final String sitePath, final String checksum, final long size) {
			this.source = source;
			this.target = target;
			this.sitePath = sitePath;
			this.checksum = checksum;
			this.size = size;
		}
	}

	/** Stores the new files, then replaces db.xml.gz; on failure removes whatever it created. */
	private static void write(final Path db, final SortedMap<String, PluginRecord> records, final List<Store> stores)
		throws IOException
	{
		final List<Path> created = new ArrayList<>();
		try {
			for (final Store store : stores) {
				createDirectories(store.target.getParent(), created);
				final Path partial = store.target.resolveSibling(store.target.getFileName() + ".partial");
				created.add(partial);
				Files.copy(store.source, partial, StandardCopyOption.REPLACE_EXISTING);
				final String copied = UpdaterChecksum.checksum(store.sitePath, partial);
				if (!copied.equals(store.checksum) || Files.size(partial) != store.size) {
					throw new IOException(store.source + " changed while it was copied to " + store.target +
						": expected checksum " + store.checksum + ", the copy has " + copied);
				}
				Files.move(partial, store.target);
				created.remove(partial);
				created.add(store.target);
			}
			UpdateSiteIndex.write(db, records.values());
		}
		catch (final IOException | RuntimeException e) {
			for (int i = created.size() - 1; i >= 0; i--) {
				try {
					Files.deleteIfExists(created.get(i));
				}
				catch (final IOException cleanup) {
					e.addSuppressed(cleanup);
				}
			}
			throw e;
		}
	}

	/** Creates a folder and its missing parents, remembering each one created (parents first). */
	private static void createDirectories(final Path dir, final List<Path> created) throws IOException {
		if (dir == null || Files.isDirectory(dir)) return;
		createDirectories(dir.getParent(), created);
		Files.createDirectory(dir);
		created.add(dir);
	}

	/**
	 * Checks that each current version's stored file exists with the checksum and size its record states.
	 *
	 * @param siteDir the update-site folder
	 * @param db the index, for messages
	 * @param index its records
	 * @throws IOException naming the first stored file that is missing or differs
	 */
	static void verifyStoredFiles(final Path siteDir, final Path db, final Map<String, PluginRecord> index)
		throws IOException
	{
		for (final PluginRecord record : index.values()) {
			final Version version = record.version();
			if (version == null) continue;
			try {
				checkSitePath(record.filename());
			}
			catch (final IllegalArgumentException e) {
				throw new IOException(db + " has an unsafe file name: " + e.getMessage(), e);
			}
			final Path stored = siteDir.resolve(record.filename() + "-" + version.timestamp());
			if (!Files.isRegularFile(stored)) {
				throw new IOException("stored file " + stored + " is missing: " + db + " lists it as the current version of " +
					record.filename());
			}
			final String checksum = UpdaterChecksum.checksum(record.filename(), stored);
			final long size = Files.size(stored);
			if (!checksum.equals(version.checksum()) || size != version.filesize()) {
				throw new IOException("stored file " + stored + " does not match its record in " + db + ": expected checksum " +
					version.checksum() + " and " + version.filesize() + " bytes, found checksum " + checksum + " and " + size +
					" bytes; nothing was changed");
			}
		}
	}

	/**
	 * Finds the record a file updates: the one with the same path, else the one with the same path without
	 * version (preferring a record that still has a current version).
	 */
	private static PluginRecord findRecord(final Path db, final Map<String, PluginRecord> index,
		final String sitePath) throws IOException
	{
		final PluginRecord exact = index.get(sitePath);
		if (exact != null) return exact;
		final String key = FileUtils.stripFilenameVersion(sitePath);
		final List<PluginRecord> current = new ArrayList<>();
		final List<PluginRecord> obsolete = new ArrayList<>();
		for (final PluginRecord record : index.values()) {
			if (!FileUtils.stripFilenameVersion(record.filename()).equals(key)) continue;
			(record.version() != null ? current : obsolete).add(record);
		}
		final List<PluginRecord> candidates = current.isEmpty() ? obsolete : current;
		if (candidates.size() > 1) {
			final List<String> names = new ArrayList<>();
			for (final PluginRecord record : candidates)
				names.add(record.filename());
			throw new IOException(db + " has several records for " + key + " (" + String.join(", ", names) +
				"): expected at most one to replace with " + sitePath);
		}
		return candidates.isEmpty() ? null : candidates.get(0);
	}

	/**
	 * Returns a record's previous versions with every omitted file name filled in as the Updater infers it
	 * (from the next newer version, the newest taking the record's name), so that renaming the record does
	 * not rename its history.
	 */
	private static List<PreviousVersion> explicitFilenames(final PluginRecord record) {
		final List<PreviousVersion> previous = record.previousVersions();
		final List<Integer> newestFirst = new ArrayList<>();
		for (int i = 0; i < previous.size(); i++)
			newestFirst.add(i);
		newestFirst.sort((a, b) -> Long.compare(Long.parseLong(previous.get(b).timestamp()), Long.parseLong(previous
			.get(a).timestamp())));
		final Map<Integer, String> names = new HashMap<>();
		String name = record.filename();
		for (final int i : newestFirst) {
			if (previous.get(i).filename() != null) name = previous.get(i).filename();
			names.put(i, name);
		}
		final List<PreviousVersion> result = new ArrayList<>();
		for (int i = 0; i < previous.size(); i++) {
			final PreviousVersion p = previous.get(i);
			result.add(p.filename() != null ? p : new PreviousVersion(p.timestamp(), p.timestampObsolete(), p.checksum(),
				names.get(i)));
		}
		return result;
	}

	private static void checkTimestamp(final String timestamp) {
		try {
			LocalDateTime.parse(Objects.requireNonNull(timestamp, "timestamp"), TIMESTAMP);
		}
		catch (final DateTimeParseException e) {
			throw new IllegalArgumentException("timestamp must be yyyyMMddHHmmss (e.g. 20261123120000), got \"" +
				timestamp + "\"", e);
		}
	}

	private static void checkUploads(final List<Upload> uploads) throws IOException {
		final Map<String, String> keys = new HashMap<>();
		for (final Upload upload : uploads) {
			checkSitePath(upload.sitePath);
			final String other = keys.put(FileUtils.stripFilenameVersion(upload.sitePath), upload.sitePath);
			if (other != null) {
				throw new IllegalArgumentException("two uploads for the same file: " + other + " and " + upload.sitePath);
			}
			if (!Files.isRegularFile(upload.localFile)) {
				throw new IOException("local file " + upload.localFile + " for " + upload.sitePath +
					" does not exist or is not a regular file");
			}
		}
	}

	/**
	 * Checks that a site path is a plain relative path inside the site folder.
	 *
	 * @param sitePath e.g. {@code jars/x.jar}
	 * @throws IllegalArgumentException if it is absolute, climbs out, or has unusual characters
	 */
	static void checkSitePath(final String sitePath) {
		boolean valid = !sitePath.isEmpty() && !sitePath.equals(UpdateSiteIndex.FILE_NAME);
		for (final String segment : sitePath.split("/", -1)) {
			valid &= SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..");
		}
		if (!valid) {
			throw new IllegalArgumentException("site path must be relative with '/' separators and letters, digits " +
				"or ._+- (e.g. jars/x.jar), got \"" + sitePath + "\"");
		}
	}

	/**
	 * Lists the files of the Pixel Clustering update site: the plugin jar and the EJML jars it needs.
	 *
	 * @param projectVersion the Maven project version, e.g. {@code 0.1.0}
	 * @param thinJar the plugin jar (without dependencies)
	 * @param ejmlCore Maven Central's {@code ejml-core-0.41.jar}
	 * @param ejmlDdense Maven Central's {@code ejml-ddense-0.41.jar}
	 * @return the uploads
	 * @throws IllegalArgumentException if the version is malformed or an EJML jar has another name
	 */
	public static List<Upload> pixelClusteringUploads(final String projectVersion, final Path thinJar, final Path ejmlCore,
		final Path ejmlDdense)
	{
		if (!PROJECT_VERSION.matcher(projectVersion).matches()) {
			throw new IllegalArgumentException("project version must be letters, digits or ._- (e.g. 0.1.0), got \"" +
				projectVersion + "\"");
		}
		final String core = "ejml-core-" + EJML_VERSION + ".jar";
		final String ddense = "ejml-ddense-" + EJML_VERSION + ".jar";
		checkFileName(ejmlCore, core);
		checkFileName(ejmlDdense, ddense);
		final List<Dependency> dependencies = List.of(new Dependency("jars/ij.jar", null), new Dependency(
			"jars/scijava-common.jar", null), new Dependency("jars/imglib2.jar", null), new Dependency("jars/" + core,
				null), new Dependency("jars/" + ddense, null));
		return List.of( //
			new Upload("jars/pixel-clustering-" + projectVersion + ".jar", thinJar, DESCRIPTION, List.of(AUTHOR),
				dependencies), //
			new Upload("jars/" + core, ejmlCore, null, List.of(), List.of()), //
			new Upload("jars/" + ddense, ejmlDdense, null, List.of(), List.of()));
	}

	private static void checkFileName(final Path jar, final String expected) {
		final Path name = jar.getFileName();
		if (name == null || !name.toString().equals(expected)) {
			throw new IllegalArgumentException("expected Maven Central's " + expected + ", got " + jar);
		}
	}

	/**
	 * Runs the command line: updates the site and prints one line per file.
	 *
	 * @param args {@code <update-site folder> <project version> <thin jar> <ejml-core jar> <ejml-ddense jar>
	 *          [<timestamp>]}
	 * @param out receives {@code "unchanged jars/x.jar"} or {@code "uploaded jars/x.jar-<timestamp>"} lines
	 * @param err receives a one-line message on error
	 * @return 0 on success, 1 on error, 2 on wrong arguments
	 */
	static int run(final String[] args, final PrintStream out, final PrintStream err) {
		if (args.length < 5 || args.length > 6) {
			err.println(USAGE);
			return 2;
		}
		try {
			final List<Upload> uploads = pixelClusteringUploads(args[1], Paths.get(args[2]), Paths.get(args[3]), Paths
				.get(args[4]));
			final String timestamp = args.length == 6 ? args[5] : now();
			for (final Outcome outcome : update(Paths.get(args[0]), timestamp, uploads))
				out.println(outcome);
			return 0;
		}
		catch (final IOException | RuntimeException e) {
			final String message = e.getMessage() == null ? e.toString() : e.getMessage();
			err.println("error: " + message.replaceAll("\\s*[\\r\\n]+\\s*", " "));
			return 1;
		}
	}

	/**
	 * Updates the Pixel Clustering update site in a folder.
	 *
	 * @param args {@code <update-site folder> <project version> <thin jar> <ejml-core jar> <ejml-ddense jar>
	 *          [<timestamp yyyyMMddHHmmss>]}; the timestamp defaults to now (local time)
	 */
	public static void main(final String[] args) {
		final int status = run(args, System.out, System.err);
		if (status != 0) System.exit(status);
	}
}
