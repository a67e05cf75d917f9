package io.github.pixelclustering.updatesite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads and writes an update site's index, {@code db.xml.gz}, in the ImageJ Updater's format.
 * <p>
 * The file is gzip-compressed UTF-8 XML: the XML declaration, directly followed by the Updater's inline
 * DTD ({@link #DTD}), then {@code <pluginRecords>} with one {@code <plugin filename="...">} per file. A
 * plugin holds {@code <platform>}s, {@code <category>}s, at most one current {@code <version checksum
 * timestamp filesize>} (with an optional {@code <description>}, {@code <dependency filename timestamp
 * overrides>}s, {@code <link>}s and {@code <author>}s) and a {@code <previous-version timestamp
 * timestamp-obsolete checksum filename>} for every earlier version. Everything an update site's index can
 * hold is read and written back unchanged; the {@code <update-site>} elements and the {@code update-site}
 * attribute of a Fiji installation's <em>local</em> {@code db.xml.gz} are rejected, as anything else the
 * format does not define.
 * </p>
 * <p>
 * Writing is deterministic: plugins sorted by file name, attributes in the Updater's order, four-space
 * indentation as the Updater's own writer, gzip header with modification time 0. So the same records
 * always give a byte-identical file.
 * </p>
 */
public final class UpdateSiteIndex {

	/** The index's file name in the update-site folder. */
	public static final String FILE_NAME = "db.xml.gz";

	/** The XML declaration, written without a newline after it, as the Updater does. */
	static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

	/** The Updater's inline DTD, exactly as in a db.xml.gz written by the Updater (data, not code). */
	static final String DTD = "" //
		+ "<!DOCTYPE pluginRecords [\n"
		+ "<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>\n"
		+ "<!ELEMENT update-site EMPTY>\n"
		+ "<!ELEMENT disabled-update-site EMPTY>\n"
		+ "<!ELEMENT plugin (platform*, category*, version?, previous-version*)>\n"
		+ "<!ELEMENT version (description?, dependency*, link*, author*)>\n"
		+ "<!ELEMENT previous-version EMPTY>\n"
		+ "<!ELEMENT description (#PCDATA)>\n"
		+ "<!ELEMENT dependency EMPTY>\n"
		+ "<!ELEMENT link (#PCDATA)>\n"
		+ "<!ELEMENT author (#PCDATA)>\n"
		+ "<!ELEMENT platform (#PCDATA)>\n"
		+ "<!ELEMENT category (#PCDATA)>\n"
		+ "<!ATTLIST update-site name CDATA #REQUIRED>\n"
		+ "<!ATTLIST update-site url CDATA #REQUIRED>\n"
		+ "<!ATTLIST update-site keep-url CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site official CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site ssh-host CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site upload-directory CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site description CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site maintainer CDATA #IMPLIED>\n"
		+ "<!ATTLIST update-site timestamp CDATA #REQUIRED>\n"
		+ "<!ATTLIST disabled-update-site name CDATA #REQUIRED>\n"
		+ "<!ATTLIST disabled-update-site url CDATA #REQUIRED>\n"
		+ "<!ATTLIST disabled-update-site keep-url CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site official CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site description CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>\n"
		+ "<!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>\n"
		+ "<!ATTLIST plugin update-site CDATA #IMPLIED>\n"
		+ "<!ATTLIST plugin filename CDATA #REQUIRED>\n"
		+ "<!ATTLIST plugin executable CDATA #IMPLIED>\n"
		+ "<!ATTLIST dependency filename CDATA #REQUIRED>\n"
		+ "<!ATTLIST dependency timestamp CDATA #IMPLIED>\n"
		+ "<!ATTLIST dependency overrides CDATA #IMPLIED>\n"
		+ "<!ATTLIST version timestamp CDATA #REQUIRED>\n"
		+ "<!ATTLIST version checksum CDATA #REQUIRED>\n"
		+ "<!ATTLIST version filesize CDATA #REQUIRED>\n"
		+ "<!ATTLIST previous-version filename CDATA #IMPLIED>\n"
		+ "<!ATTLIST previous-version timestamp CDATA #REQUIRED>\n"
		+ "<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>\n"
		+ "<!ATTLIST previous-version checksum CDATA #REQUIRED>]>\n";

	private static final Pattern CHECKSUM = Pattern.compile("[0-9a-f]{40}");
	private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,18}");
	private static final String INDENT = "    ";

	private UpdateSiteIndex() {}

	// ------------------------------------------------------------------ records

	/** One {@code <plugin>}: a file of the update site with its current and earlier versions. */
	public static final class PluginRecord {

		private final String filename;
		private final boolean executable;
		private final List<String> platforms;
		private final List<String> categories;
		private final Version version;
		private final List<PreviousVersion> previousVersions;

		/**
		 * Creates a record as the Updater writes it for an ordinary file (not executable, no platforms, no
		 * categories).
		 *
		 * @param filename the file's path on the site, e.g. {@code jars/x.jar}
		 * @param version the current version, or {@code null} when the file was removed from the site
		 * @param previousVersions earlier versions, oldest first
		 */
		public PluginRecord(final String filename, final Version version, final List<PreviousVersion> previousVersions) {
			this(filename, false, List.of(), List.of(), version, previousVersions);
		}

		/**
		 * Creates a record with every field the format has.
		 *
		 * @param filename the file's path on the site, e.g. {@code jars/x.jar}
		 * @param executable whether the Updater marks the installed file executable
		 * @param platforms the platforms the file is for (empty: all)
		 * @param categories the file's categories
		 * @param version the current version, or {@code null} when the file was removed from the site
		 * @param previousVersions earlier versions, oldest first
		 */
		public PluginRecord(final String filename, final boolean executable, final List<String> platforms,
			final List<String> categories, final Version version, final List<PreviousVersion> previousVersions)
		{
			this.filename = requireText("plugin filename", filename);
			this.executable = executable;
			this.platforms = List.copyOf(platforms);
			this.categories = List.copyOf(categories);
			this.version = version;
			this.previousVersions = List.copyOf(previousVersions);
		}

		/** @return the file's path on the site */
		public String filename() {
			return filename;
		}

		/** @return whether the file is installed executable */
		public boolean executable() {
			return executable;
		}

		/** @return the platforms the file is for (empty: all) */
		public List<String> platforms() {
			return platforms;
		}

		/** @return the file's categories */
		public List<String> categories() {
			return categories;
		}

		/** @return the current version, or {@code null} if the file was removed from the site */
		public Version version() {
			return version;
		}

		/** @return the earlier versions, in file order (oldest first when written by the Updater or us) */
		public List<PreviousVersion> previousVersions() {
			return previousVersions;
		}

		@Override
		public boolean equals(final Object o) {
			if (!(o instanceof PluginRecord)) return false;
			final PluginRecord r = (PluginRecord) o;
			return filename.equals(r.filename) && executable == r.executable && platforms.equals(r.platforms) &&
				categories.equals(r.categories) && Objects.equals(version, r.version) &&
				previousVersions.equals(r.previousVersions);
		}

		@Override
		public int hashCode() {
			return Objects.hash(filename, executable, platforms, categories, version, previousVersions);
		}

		@Override
		public String toString() {
			return "PluginRecord[" + filename + (executable ? ", executable" : "") + ", platforms=" + platforms +
				", categories=" + categories + ", version=" + version + ", previous=" + previousVersions + "]";
		}
	}

	/** The current {@code <version>} of a file. */
	public static final class Version {

		private final String checksum;
		private final String timestamp;
		private final long filesize;
		private final String description;
		private final List<Dependency> dependencies;
		private final List<String> links;
		private final List<String> authors;

		/**
		 * Creates a current version without links.
		 *
		 * @param checksum the Updater's checksum, 40 lower-case hex digits
		 * @param timestamp {@code yyyyMMddHHmmss}; the stored file is {@code <filename>-<timestamp>}
		 * @param filesize the file's size in bytes
		 * @param description the description, or {@code null} for none
		 * @param dependencies the files this one needs
		 * @param authors the authors
		 */
		public Version(final String checksum, final String timestamp, final long filesize, final String description,
			final List<Dependency> dependencies, final List<String> authors)
		{
			this(checksum, timestamp, filesize, description, dependencies, List.of(), authors);
		}

		/**
		 * Creates a current version with every field the format has.
		 *
		 * @param checksum the Updater's checksum, 40 lower-case hex digits
		 * @param timestamp {@code yyyyMMddHHmmss}; the stored file is {@code <filename>-<timestamp>}
		 * @param filesize the file's size in bytes
		 * @param description the description, or {@code null} for none
		 * @param dependencies the files this one needs
		 * @param links web links about the file
		 * @param authors the authors
		 */
		public Version(final String checksum, final String timestamp, final long filesize, final String description,
			final List<Dependency> dependencies, final List<String> links, final List<String> authors)
		{
			this.checksum = requireChecksum(checksum);
			this.timestamp = requireTimestamp("version timestamp", timestamp);
			if (filesize < 0) throw new IllegalArgumentException("filesize must be >= 0, got " + filesize);
			this.filesize = filesize;
			this.description = description;
			this.dependencies = List.copyOf(dependencies);
			this.links = List.copyOf(links);
			this.authors = List.copyOf(authors);
		}

		/** @return the Updater's checksum */
		public String checksum() {
			return checksum;
		}

		/** @return the upload time, {@code yyyyMMddHHmmss} */
		public String timestamp() {
			return timestamp;
		}

		/** @return the file's size in bytes */
		public long filesize() {
			return filesize;
		}

		/** @return the description, or {@code null} */
		public String description() {
			return description;
		}

		/** @return the files this one needs */
		public List<Dependency> dependencies() {
			return dependencies;
		}

		/** @return the web links */
		public List<String> links() {
			return links;
		}

		/** @return the authors */
		public List<String> authors() {
			return authors;
		}

		@Override
		public boolean equals(final Object o) {
			if (!(o instanceof Version)) return false;
			final Version v = (Version) o;
			return checksum.equals(v.checksum) && timestamp.equals(v.timestamp) && filesize == v.filesize &&
				Objects.equals(description, v.description) && dependencies.equals(v.dependencies) &&
				links.equals(v.links) && authors.equals(v.authors);
		}

		@Override
		public int hashCode() {
			return Objects.hash(checksum, timestamp, filesize, description, dependencies, links, authors);
		}

		@Override
		public String toString() {
			return "Version[" + checksum + ", " + timestamp + ", " + filesize + " bytes, description=" + description +
				", dependencies=" + dependencies + ", links=" + links + ", authors=" + authors + "]";
		}
	}

	/** A {@code <dependency>} of a version: another file the Updater installs with it. */
	public static final class Dependency {

		private final String filename;
		private final String timestamp;
		private final boolean overrides;

		/**
		 * Creates a dependency.
		 *
		 * @param filename the needed file's path on a site, e.g. {@code jars/ij.jar}
		 * @param timestamp the oldest acceptable version ({@code yyyyMMddHHmmss}), or {@code null} to omit it
		 */
		public Dependency(final String filename, final String timestamp) {
			this(filename, timestamp, false);
		}

		/**
		 * Creates a dependency with every field the format has.
		 *
		 * @param filename the needed file's path on a site
		 * @param timestamp the oldest acceptable version, or {@code null} to omit it
		 * @param overrides whether this dependency makes the named file obsolete
		 */
		public Dependency(final String filename, final String timestamp, final boolean overrides) {
			this.filename = requireText("dependency filename", filename);
			this.timestamp = timestamp == null ? null : requireTimestamp("dependency timestamp", timestamp);
			this.overrides = overrides;
		}

		/** @return the needed file's path */
		public String filename() {
			return filename;
		}

		/** @return the oldest acceptable version, or {@code null} */
		public String timestamp() {
			return timestamp;
		}

		/** @return whether this dependency makes the named file obsolete */
		public boolean overrides() {
			return overrides;
		}

		@Override
		public boolean equals(final Object o) {
			if (!(o instanceof Dependency)) return false;
			final Dependency d = (Dependency) o;
			return filename.equals(d.filename) && Objects.equals(timestamp, d.timestamp) && overrides == d.overrides;
		}

		@Override
		public int hashCode() {
			return Objects.hash(filename, timestamp, overrides);
		}

		@Override
		public String toString() {
			return filename + (timestamp == null ? "" : "@" + timestamp) + (overrides ? " (overrides)" : "");
		}
	}

	/** A {@code <previous-version>}: an earlier version of a file, still stored on the site. */
	public static final class PreviousVersion {

		private final String timestamp;
		private final String timestampObsolete;
		private final String checksum;
		private final String filename;

		/**
		 * Creates an earlier version.
		 *
		 * @param timestamp when it was uploaded, {@code yyyyMMddHHmmss}
		 * @param timestampObsolete when it was replaced ({@code 0} in old indexes), or {@code null} to omit it
		 * @param checksum its Updater checksum
		 * @param filename its path on the site then, or {@code null} (the Updater then takes the next newer
		 *          version's name)
		 */
		public PreviousVersion(final String timestamp, final String timestampObsolete, final String checksum,
			final String filename)
		{
			this.timestamp = requireTimestamp("previous-version timestamp", timestamp);
			this.timestampObsolete = timestampObsolete == null ? null
				: requireTimestamp("previous-version timestamp-obsolete", timestampObsolete);
			this.checksum = requireChecksum(checksum);
			this.filename = filename == null ? null : requireText("previous-version filename", filename);
		}

		/** @return when it was uploaded */
		public String timestamp() {
			return timestamp;
		}

		/** @return when it was replaced, or {@code null} */
		public String timestampObsolete() {
			return timestampObsolete;
		}

		/** @return its Updater checksum */
		public String checksum() {
			return checksum;
		}

		/** @return its path on the site then, or {@code null} */
		public String filename() {
			return filename;
		}

		@Override
		public boolean equals(final Object o) {
			if (!(o instanceof PreviousVersion)) return false;
			final PreviousVersion p = (PreviousVersion) o;
			return timestamp.equals(p.timestamp) && Objects.equals(timestampObsolete, p.timestampObsolete) &&
				checksum.equals(p.checksum) && Objects.equals(filename, p.filename);
		}

		@Override
		public int hashCode() {
			return Objects.hash(timestamp, timestampObsolete, checksum, filename);
		}

		@Override
		public String toString() {
			return "PreviousVersion[" + timestamp + ", obsolete " + timestampObsolete + ", " + checksum + ", " +
				filename + "]";
		}
	}

	// ------------------------------------------------------------------ reading

	/**
	 * Reads an update site's {@code db.xml.gz}.
	 *
	 * @param file the index
	 * @return the records by file name
	 * @throws IOException if the file cannot be read, is not gzip-compressed, or is not the Updater's XML;
	 *           the message names the file and says what was expected
	 */
	public static SortedMap<String, PluginRecord> read(final Path file) throws IOException {
		final byte[] compressed = Files.readAllBytes(file);
		if (compressed.length < 2 || (compressed[0] & 0xff) != 0x1f || (compressed[1] & 0xff) != 0x8b) {
			throw new IOException(file + " is not gzip-compressed: expected the gzip magic bytes 1f 8b, found " +
				(compressed.length < 2 ? compressed.length + " byte(s)" : String.format("%02x %02x", compressed[0] &
					0xff, compressed[1] & 0xff)));
		}
		final byte[] xml;
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
			xml = in.readAllBytes();
		}
		catch (final ZipException | EOFException e) {
			throw new IOException(file + " is not valid gzip data: " + e.getMessage(), e);
		}
		return new IndexReader(file).read(xml);
	}

	/** Turns the XML of one index into records; every error message names the file. */
	private static final class IndexReader {

		private final Path file;

		IndexReader(final Path file) {
			this.file = file;
		}

		SortedMap<String, PluginRecord> read(final byte[] xml) throws IOException {
			final Element root = parse(xml).getDocumentElement();
			if (!root.getTagName().equals("pluginRecords")) {
				throw fail("is not an ImageJ Updater index: expected root element <pluginRecords>, found <" +
					root.getTagName() + ">");
			}
			attributes(root, "<pluginRecords>");
			final SortedMap<String, PluginRecord> records = new TreeMap<>();
			for (final Element child : children(root, "<pluginRecords>")) {
				final String tag = child.getTagName();
				if (tag.equals("update-site") || tag.equals("disabled-update-site")) {
					throw fail("has <" + tag + "> elements: it is a Fiji installation's local index, not an " +
						"update site's db.xml.gz");
				}
				if (!tag.equals("plugin")) {
					throw fail("has <" + tag + "> in <pluginRecords>: expected only <plugin> elements");
				}
				final PluginRecord record = plugin(child);
				if (records.put(record.filename(), record) != null) {
					throw fail("has two <plugin> records for " + record.filename() + ": expected one per file");
				}
			}
			return Collections.unmodifiableSortedMap(records);
		}

		private Document parse(final byte[] xml) throws IOException {
			try {
				final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
				factory.setNamespaceAware(false);
				factory.setValidating(false);
				factory.setXIncludeAware(false);
				factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
				factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
				final DocumentBuilder builder = factory.newDocumentBuilder();
				builder.setErrorHandler(new ErrorHandler() {

					@Override
					public void warning(final SAXParseException e) {
						// the Updater's own reader ignores warnings as well
					}

					@Override
					public void error(final SAXParseException e) throws SAXException {
						throw e;
					}

					@Override
					public void fatalError(final SAXParseException e) throws SAXException {
						throw e;
					}
				});
				return builder.parse(new ByteArrayInputStream(xml));
			}
			catch (final SAXParseException e) {
				throw new IOException(file + " is not well-formed XML (line " + e.getLineNumber() + ", column " +
					e.getColumnNumber() + "): " + e.getMessage(), e);
			}
			catch (final SAXException e) {
				throw new IOException(file + " is not well-formed XML: " + e.getMessage(), e);
			}
			catch (final ParserConfigurationException e) {
				throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
			}
		}

		private PluginRecord plugin(final Element plugin) throws IOException {
			final Attributes attributes = attributes(plugin, "<plugin>", "filename", "executable");
			final String filename = attributes.required("filename");
			final String where = "<plugin filename=\"" + filename + "\">";
			final boolean executable = attributes.bool("executable", where);
			final List<String> platforms = new ArrayList<>();
			final List<String> categories = new ArrayList<>();
			Version version = null;
			final List<PreviousVersion> previous = new ArrayList<>();
			for (final Element child : children(plugin, where)) {
				switch (child.getTagName()) {
					case "platform":
						platforms.add(text(child, where));
						break;
					case "category":
						categories.add(text(child, where));
						break;
					case "version":
						if (version != null) throw fail("has two <version> elements in " + where + ": expected at most one");
						version = version(child, where);
						break;
					case "previous-version":
						previous.add(previousVersion(child, where));
						break;
					default:
						throw fail("has <" + child.getTagName() + "> in " + where +
							": expected <platform>, <category>, <version> or <previous-version>");
				}
			}
			final Version current = version;
			return construct(where, () -> new PluginRecord(filename, executable, platforms, categories, current,
				previous));
		}

		private Version version(final Element version, final String plugin) throws IOException {
			final String where = "<version> of " + plugin;
			final Attributes attributes = attributes(version, where, "checksum", "timestamp", "filesize");
			final String checksum = attributes.required("checksum");
			final String timestamp = attributes.required("timestamp");
			final String size = attributes.required("filesize");
			final long filesize;
			try {
				filesize = Long.parseLong(size);
			}
			catch (final NumberFormatException e) {
				throw fail("has filesize=\"" + size + "\" in " + where + ": expected a number of bytes");
			}
			String description = null;
			final List<Dependency> dependencies = new ArrayList<>();
			final List<String> links = new ArrayList<>();
			final List<String> authors = new ArrayList<>();
			for (final Element child : children(version, where)) {
				switch (child.getTagName()) {
					case "description":
						if (description != null) throw fail("has two <description> elements in " + where);
						description = text(child, where);
						break;
					case "dependency":
						dependencies.add(dependency(child, where));
						break;
					case "link":
						links.add(text(child, where));
						break;
					case "author":
						authors.add(text(child, where));
						break;
					default:
						throw fail("has <" + child.getTagName() + "> in " + where +
							": expected <description>, <dependency>, <link> or <author>");
				}
			}
			final String finalDescription = description;
			return construct(where, () -> new Version(checksum, timestamp, filesize, finalDescription, dependencies,
				links, authors));
		}

		private Dependency dependency(final Element dependency, final String version) throws IOException {
			final String where = "<dependency> in " + version;
			final Attributes attributes = attributes(dependency, where, "filename", "timestamp", "overrides");
			final String filename = attributes.required("filename");
			final String timestamp = attributes.optional("timestamp");
			final boolean overrides = attributes.bool("overrides", where);
			if (!children(dependency, where).isEmpty()) throw fail("has content in " + where + ": expected none");
			return construct(where, () -> new Dependency(filename, timestamp, overrides));
		}

		private PreviousVersion previousVersion(final Element previous, final String plugin) throws IOException {
			final String where = "<previous-version> of " + plugin;
			final Attributes attributes = attributes(previous, where, "timestamp", "timestamp-obsolete", "checksum",
				"filename");
			final String timestamp = attributes.required("timestamp");
			final String obsolete = attributes.optional("timestamp-obsolete");
			final String checksum = attributes.required("checksum");
			final String filename = attributes.optional("filename");
			if (!children(previous, where).isEmpty()) throw fail("has content in " + where + ": expected none");
			return construct(where, () -> new PreviousVersion(timestamp, obsolete, checksum, filename));
		}

		/** Child elements; fails on non-blank text, which the format never has between elements. */
		private List<Element> children(final Element parent, final String where) throws IOException {
			final List<Element> elements = new ArrayList<>();
			for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
				if (node.getNodeType() == Node.ELEMENT_NODE) elements.add((Element) node);
				else if ((node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) &&
					!node.getNodeValue().isBlank())
				{
					throw fail("has text \"" + node.getNodeValue().strip() + "\" in " + where + ": expected only elements");
				}
			}
			return elements;
		}

		/** The text of an element that holds only text ({@code <description>}, {@code <author>}, ...). */
		private String text(final Element element, final String where) throws IOException {
			final StringBuilder text = new StringBuilder();
			for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
				if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
					text.append(node.getNodeValue());
				}
				else if (node.getNodeType() == Node.ELEMENT_NODE) {
					throw fail("has <" + ((Element) node).getTagName() + "> inside <" + element.getTagName() + "> in " +
						where + ": expected only text");
				}
			}
			attributes(element, "<" + element.getTagName() + "> in " + where);
			return text.toString();
		}

		private Attributes attributes(final Element element, final String where, final String... allowed)
			throws IOException
		{
			final Set<String> known = new HashSet<>(Arrays.asList(allowed));
			final NamedNodeMap map = element.getAttributes();
			for (int i = 0; i < map.getLength(); i++) {
				final String name = map.item(i).getNodeName();
				if (known.contains(name)) continue;
				if (name.equals("update-site") && element.getTagName().equals("plugin")) {
					throw fail("has update-site=\"...\" on " + where + ": it is a Fiji installation's local index, " +
						"not an update site's db.xml.gz");
				}
				throw fail("has the attribute " + name + " on " + where + ": expected only " + (allowed.length == 0
					? "no attributes" : String.join(", ", allowed)));
			}
			return new Attributes(element, where);
		}

		private <T> T construct(final String where, final Creation<T> creation) throws IOException {
			try {
				return creation.get();
			}
			catch (final IllegalArgumentException e) {
				throw fail("has an invalid " + where + ": " + e.getMessage());
			}
		}

		private IOException fail(final String message) {
			return new IOException(file + " " + message);
		}

		/** The attributes of one element, with messages naming the file and the element. */
		private final class Attributes {

			private final Element element;
			private final String where;

			Attributes(final Element element, final String where) {
				this.element = element;
				this.where = where;
			}

			String required(final String name) throws IOException {
				if (!element.hasAttribute(name)) {
					throw fail("is not a valid Updater index: " + where + " lacks the required attribute " + name);
				}
				return element.getAttribute(name);
			}

			String optional(final String name) {
				return element.hasAttribute(name) ? element.getAttribute(name) : null;
			}

			boolean bool(final String name, final String context) throws IOException {
				final String value = optional(name);
				if (value == null || value.equalsIgnoreCase("false")) return false;
				if (value.equalsIgnoreCase("true")) return true;
				throw fail("has " + name + "=\"" + value + "\" on " + context + ": expected true or false");
			}
		}
	}

	/** A constructor call whose {@link IllegalArgumentException} becomes a message naming the file. */
	@FunctionalInterface
	private interface Creation<T> {

		T get();
	}

	// ------------------------------------------------------------------ writing

	/**
	 * Writes an update site's {@code db.xml.gz}, replacing the file atomically where the file system allows.
	 *
	 * @param file the index to write
	 * @param records the records (any order: they are written sorted by file name)
	 * @throws IOException if the file cannot be written
	 * @throws IllegalArgumentException if two records have the same file name or a text cannot be XML
	 */
	public static void write(final Path file, final Collection<PluginRecord> records) throws IOException {
		final byte[] bytes = toGzip(records);
		Files.createDirectories(file.toAbsolutePath().getParent());
		// a sibling, so that the rename stays on one file system; not createTempFile, whose file mode 0600
		// would stop a web server from serving the index
		final Path temporary = file.resolveSibling(file.getFileName() + ".new");
		try {
			Files.write(temporary, bytes);
			try {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Returns the gzip-compressed index for records, byte-identical for equal records.
	 *
	 * @param records the records (any order)
	 * @return the content of {@code db.xml.gz}
	 */
	public static byte[] toGzip(final Collection<PluginRecord> records) {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		// GZIPOutputStream writes modification time 0 and no file name: the output depends only on the XML
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(toXml(records));
		}
		catch (final IOException e) {
			throw new IllegalStateException("writing to memory failed", e);
		}
		return bytes.toByteArray();
	}

	/**
	 * Returns the uncompressed XML of the index, formatted as the Updater formats it.
	 *
	 * @param records the records (any order: they are written sorted by file name)
	 * @return UTF-8 bytes
	 */
	public static byte[] toXml(final Collection<PluginRecord> records) {
		final List<PluginRecord> sorted = new ArrayList<>(records);
		sorted.sort(Comparator.comparing(PluginRecord::filename));
		for (int i = 1; i < sorted.size(); i++) {
			if (sorted.get(i).filename().equals(sorted.get(i - 1).filename())) {
				throw new IllegalArgumentException("two records for " + sorted.get(i).filename() +
					": expected one per file");
			}
		}
		final StringBuilder xml = new StringBuilder(XML_DECLARATION).append(DTD);
		if (sorted.isEmpty()) return xml.append("<pluginRecords/>\n").toString().getBytes(StandardCharsets.UTF_8);
		xml.append("<pluginRecords>\n");
		for (final PluginRecord record : sorted)
			writePlugin(xml, record);
		xml.append("</pluginRecords>\n");
		return xml.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void writePlugin(final StringBuilder xml, final PluginRecord record) {
		final String indent = INDENT;
		final String inner = INDENT + INDENT;
		xml.append(indent).append("<plugin");
		attribute(xml, "filename", record.filename());
		if (record.executable()) attribute(xml, "executable", "true");
		final boolean empty = record.platforms().isEmpty() && record.categories().isEmpty() &&
			record.version() == null && record.previousVersions().isEmpty();
		if (empty) {
			xml.append("/>\n");
			return;
		}
		xml.append(">\n");
		for (final String platform : record.platforms())
			textElement(xml, inner, "platform", platform);
		for (final String category : record.categories())
			textElement(xml, inner, "category", category);
		final Version version = record.version();
		if (version != null) writeVersion(xml, inner, version);
		for (final PreviousVersion previous : record.previousVersions()) {
			xml.append(inner).append("<previous-version");
			attribute(xml, "timestamp", previous.timestamp());
			if (previous.timestampObsolete() != null) attribute(xml, "timestamp-obsolete", previous.timestampObsolete());
			attribute(xml, "checksum", previous.checksum());
			if (previous.filename() != null) attribute(xml, "filename", previous.filename());
			xml.append("/>\n");
		}
		xml.append(indent).append("</plugin>\n");
	}

	private static void writeVersion(final StringBuilder xml, final String indent, final Version version) {
		final String inner = indent + INDENT;
		xml.append(indent).append("<version");
		attribute(xml, "checksum", version.checksum());
		attribute(xml, "timestamp", version.timestamp());
		attribute(xml, "filesize", Long.toString(version.filesize()));
		if (version.description() == null && version.dependencies().isEmpty() && version.links().isEmpty() &&
			version.authors().isEmpty())
		{
			xml.append("/>\n");
			return;
		}
		xml.append(">\n");
		if (version.description() != null) textElement(xml, inner, "description", version.description());
		for (final Dependency dependency : version.dependencies()) {
			xml.append(inner).append("<dependency");
			attribute(xml, "filename", dependency.filename());
			if (dependency.timestamp() != null) attribute(xml, "timestamp", dependency.timestamp());
			if (dependency.overrides()) attribute(xml, "overrides", "true");
			xml.append("/>\n");
		}
		for (final String link : version.links())
			textElement(xml, inner, "link", link);
		for (final String author : version.authors())
			textElement(xml, inner, "author", author);
		xml.append(indent).append("</version>\n");
	}

	private static void textElement(final StringBuilder xml, final String indent, final String tag,
		final String text)
	{
		xml.append(indent).append('<').append(tag);
		if (text.isEmpty()) {
			xml.append("/>\n");
			return;
		}
		xml.append('>');
		escape(xml, text, false);
		xml.append("</").append(tag).append(">\n");
	}

	private static void attribute(final StringBuilder xml, final String name, final String value) {
		xml.append(' ').append(name).append("=\"");
		escape(xml, value, true);
		xml.append('"');
	}

	/** Escapes text for XML; in attributes also quotes and the white space a parser would normalise. */
	private static void escape(final StringBuilder xml, final String text, final boolean attribute) {
		for (int i = 0; i < text.length(); i++) {
			final char c = text.charAt(i);
			switch (c) {
				case '&':
					xml.append("&amp;");
					break;
				case '<':
					xml.append("&lt;");
					break;
				case '>':
					xml.append("&gt;");
					break;
				case '"':
					xml.append(attribute ? "&quot;" : "\"");
					break;
				case '\r':
					xml.append("&#13;");
					break;
				case '\n':
					xml.append(attribute ? "&#10;" : "\n");
					break;
				case '\t':
					xml.append(attribute ? "&#9;" : "\t");
					break;
				default:
					if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(
						i + 1)))
					{
						xml.append(c).append(text.charAt(++i));
					}
					else if (c < 0x20 || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
						throw new IllegalArgumentException(String.format(
							"character U+%04X at index %d of \"%s\" cannot be written in XML 1.0", (int) c, i, text));
					}
					else xml.append(c);
			}
		}
	}

	// ------------------------------------------------------------------ validation

	private static String requireText(final String what, final String value) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(what + " must not be empty, got " + (value == null ? "null" : "\"\""));
		}
		return value;
	}

	private static String requireChecksum(final String checksum) {
		if (checksum == null || !CHECKSUM.matcher(checksum).matches()) {
			throw new IllegalArgumentException("checksum must be 40 lower-case hex digits, got \"" + checksum + "\"");
		}
		return checksum;
	}

	private static String requireTimestamp(final String what, final String timestamp) {
		if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) {
			throw new IllegalArgumentException(what + " must be digits (yyyyMMddHHmmss, or 0), got \"" + timestamp +
				"\"");
		}
		return timestamp;
	}
}
