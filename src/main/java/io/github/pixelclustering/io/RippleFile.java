package io.github.pixelclustering.io;

import io.github.pixelclustering.io.RippleHeader.Axis;
import io.github.pixelclustering.io.RippleHeader.DataType;
import io.github.pixelclustering.io.RippleHeader.RecordBy;
import io.github.pixelclustering.core.ProgressListener;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Reads a Lispix ripple file pair ({@code .rpl} header + {@code .raw} data, see {@link RippleHeader}) into
 * an ImageJ image whose slices are the channels (the depth axis): 8-bit for unsigned 1-byte values,
 * 16-bit for unsigned 2-byte values, 32-bit float for every other type.
 * <p>
 * Signed 8- and 16-bit integers and 32-bit floats fit a 32-bit float exactly. 32- and 64-bit integers
 * beyond 2^24 and 64-bit floats may not: such values are rounded to the nearest 32-bit float, and the
 * image's Info (and {@link Import#conversionWarning()}) says how many were rounded and by how much at most.
 * <p>
 * Calibration comes from the header: pixel width, height and depth are the scales; ImageJ's origins are
 * set so that ImageJ's calibrated coordinate of index i is the header's {@code origin + i x scale}
 * ({@code xOrigin = -origin / scale}, in pixels); an uncalibrated depth axis of an image whose x axis has
 * units gets the unit {@value #UNCALIBRATED_Z_UNIT}, not ImageJ's fallback to the x unit. Slices are labelled with their calibrated value when the
 * depth axis is calibrated. The title is the header's file name.
 * <p>
 * The raw file is read sequentially in chunks of {@value #CHUNK_BYTES} bytes and converted into the
 * image's pixel arrays as it goes: memory is the output image plus one chunk. Every check (header, raw
 * file present, raw file size) happens before the pixels are allocated.
 */
public final class RippleFile {

	// -- Messages --

	/** No header file: path. */
	public static final String NO_HEADER = "Ripple header not found: %s";
	/** Header too large to be a header: path, size. */
	public static final String NOT_A_HEADER = "%s is not a ripple header (.rpl): it has %d bytes, a header is a short text file.";
	/** No raw file: header name, expected raw path, its upper-case variant. */
	public static final String RAW_MISSING = "%s: the raw file is missing: expected %s (or %s) next to the header.";
	/** Raw file too short: header name, raw name, expected, how expected was computed, actual. */
	public static final String RAW_TOO_SHORT = "%s: the raw file %s is too short: expected %d bytes (%s), got %d.";
	/** Raw file too long: header name, raw name, expected, how expected was computed, actual. */
	public static final String RAW_TOO_LONG = "%s: the raw file %s is longer than the header says: expected %d bytes (%s), got %d.";
	/** Values rounded by the conversion to 32-bit float: header name, type, rounded, values, largest change. */
	public static final String ROUNDED = "%s: %s values were converted to 32-bit float; %d of %d values were rounded (largest change %s).";

	/** Unit of an uncalibrated depth axis when x has a unit (ImageJ would report the x unit). */
	public static final String UNCALIBRATED_Z_UNIT = "channel";

	/** Header files larger than this are not headers. */
	public static final int MAX_HEADER_BYTES = 1 << 20;

	/** Values per tile when spreading pixel-interleaved values over the planes. */
	static final int TILE_VALUES = 1 << 14;

	/** Bytes read from the raw file at a time. */
	public static final int CHUNK_BYTES = 1 << 20;

	// -- Fields --

	private final Path headerPath;
	private final Path rawPath;
	private final RippleHeader header;

	private RippleFile(final Path headerPath, final Path rawPath, final RippleHeader header) {
		this.headerPath = headerPath;
		this.rawPath = rawPath;
		this.header = header;
	}

	/** An imported image and what the conversion did. */
	public static final class Import {

		private final ImagePlus image;
		private final String conversionWarning;

		Import(final ImagePlus image, final String conversionWarning) {
			this.image = image;
			this.conversionWarning = conversionWarning;
		}

		/** @return the image: slices = channels, calibrated, Info = the header and how it was read */
		public ImagePlus image() {
			return image;
		}

		/** @return a message when values were rounded to 32-bit float, else null */
		public String conversionWarning() {
			return conversionWarning;
		}
	}

	/**
	 * Reads and checks the header, finds the raw file next to it (same base name, {@code .raw} or
	 * {@code .RAW}) and checks its size. Given a {@code .raw} file, uses the {@code .rpl} (or {@code .RPL})
	 * next to it.
	 *
	 * @param path the {@code .rpl} file
	 * @return the file pair, ready to {@link #read}
	 * @throws IllegalArgumentException when a file is missing, the header is malformed, or the raw file
	 *         does not have the size the header gives
	 * @throws IOException when a file cannot be read
	 */
	public static RippleFile open(final Path path) throws IOException {
		Path headerPath = path;
		if (hasExtension(path, "raw")) {
			final Path rpl = sibling(path, "rpl");
			if (rpl != null) headerPath = rpl;
		}
		if (!Files.isRegularFile(headerPath)) throw new IllegalArgumentException(String.format(Locale.ROOT, NO_HEADER, path));
		final long size = Files.size(headerPath);
		if (size > MAX_HEADER_BYTES) throw new IllegalArgumentException(String.format(Locale.ROOT, NOT_A_HEADER, headerPath, size));
		final String name = headerPath.getFileName().toString();
		final RippleHeader header = RippleHeader.parse(RippleHeader.decode(Files.readAllBytes(headerPath)), name);
		final Path raw = sibling(headerPath, "raw");
		if (raw == null) throw new IllegalArgumentException(String.format(Locale.ROOT, RAW_MISSING, name, withExtension(headerPath, "raw"), withExtension(headerPath, "RAW").getFileName()));
		final long actual = Files.size(raw);
		final long expected = header.rawBytes();
		if (actual != expected) throw new IllegalArgumentException(String.format(Locale.ROOT, actual < expected ? RAW_TOO_SHORT : RAW_TOO_LONG, name, raw.getFileName(), expected, sizeFormula(header), actual));
		return new RippleFile(headerPath, raw, header);
	}

	/** @return the header */
	public RippleHeader header() {
		return header;
	}

	/** @return the header file */
	public Path headerPath() {
		return headerPath;
	}

	/** @return the raw file */
	public Path rawPath() {
		return rawPath;
	}

	/**
	 * Reads the pixels into a new image.
	 *
	 * @param progress receives the fraction of the raw file read; canceling stops the read
	 * @return the image and the conversion warning, if any
	 * @throws IOException when the raw file cannot be read (or shrank since {@link #open})
	 * @throws java.util.concurrent.CancellationException when canceled
	 */
	public Import read(final ProgressListener progress) throws IOException {
		final int plane = header.width() * header.height();
		final int depth = header.depth();
		final RippleValues.Output output = RippleValues.Output.of(header, plane);
		final RippleValues.Conversion conversion = new RippleValues.Conversion();
		final int length = header.dataLength();
		final long count = header.values();
		final int chunkValues = CHUNK_BYTES / length;
		final ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, count * length)).order(header.byteOrder());
		final boolean vector = header.recordBy() == RecordBy.VECTOR;
		try (FileChannel channel = FileChannel.open(rawPath, StandardOpenOption.READ)) {
			long position = header.offset();
			for (long index = 0; index < count;) {
				progress.checkCanceled();
				final int n = (int) Math.min(chunkValues, count - index);
				buffer.clear().limit(n * length);
				while (buffer.hasRemaining()) {
					final int read = channel.read(buffer, position + buffer.position());
					if (read < 0) throw new EOFException(rawPath + " ended after " + (position + buffer.position()) + " bytes, expected " + header.rawBytes() + ".");
				}
				buffer.flip();
				output.decode(buffer, n, header, conversion);
				if (vector) output.scatterVector(n, (int) (index / depth), (int) (index % depth));
				else output.copyPlanes(n, (int) (index / plane), (int) (index % plane));
				position += (long) n * length;
				index += n;
				progress.progress((double) index / count, "Reading " + rawPath.getFileName());
			}
		}
		final String warning = conversion.rounded == 0 ? null : String.format(Locale.ROOT, ROUNDED, header.fileName(), header.describeType(), conversion.rounded, count, String.format(Locale.ROOT, "%.3g", conversion.largestChange));
		return new Import(image(output, warning), warning);
	}

	// -- Helper methods --

	private ImagePlus image(final RippleValues.Output output, final String warning) {
		final int w = header.width();
		final int h = header.height();
		final Axis z = header.z();
		final ImageStack stack = new ImageStack(w, h);
		for (int k = 0; k < header.depth(); k++)
			stack.addSlice(header.depth() > 1 && z.isCalibrated() ? (significant(z.origin() + k * z.scale(), 10) + " " + z.units()).strip() : null, output.planes[k]);
		final ImagePlus imp = new ImagePlus(header.fileName(), stack);
		imp.setCalibration(calibration());
		final double[] range = output.range();
		if (range[0] <= range[1]) imp.setDisplayRange(range[0], range[1]);
		imp.setProperty("Info", info(warning));
		return imp;
	}

	/** @return the calibration the imported image gets (x, y and energy axes from the header) */
	public Calibration calibration() {
		final Calibration cal = new Calibration();
		final Axis x = header.x();
		final Axis y = header.y();
		final Axis z = header.z();
		cal.pixelWidth = x.scale();
		cal.pixelHeight = y.scale();
		cal.pixelDepth = z.scale();
		cal.xOrigin = -x.origin() / x.scale();
		cal.yOrigin = -y.origin() / y.scale();
		cal.zOrigin = -z.origin() / z.scale();
		if (!x.units().isEmpty()) cal.setXUnit(x.units());
		if (!y.units().isEmpty()) cal.setYUnit(y.units());
		if (!z.units().isEmpty()) cal.setZUnit(z.units());
		// ImageJ reports the x unit for an axis without one: an uncalibrated channel axis is in channels
		else if (!x.units().isEmpty() && header.depth() > 1 && !z.isCalibrated()) cal.setZUnit(UNCALIBRATED_Z_UNIT);
		return cal;
	}

	private String info(final String warning) {
		final StringBuilder s = new StringBuilder();
		s.append("Ripple header: ").append(headerPath.toAbsolutePath()).append('\n');
		s.append("Ripple raw data: ").append(rawPath.toAbsolutePath()).append('\n');
		s.append("Layout: ").append(header.width()).append(" x ").append(header.height()).append(" pixels x ").append(header.depth()).append(header.depth() == 1 ? " channel" : " channels");
		s.append(", record-by ").append(header.recordBy().key()).append(", offset ").append(header.offset()).append(" bytes\n");
		s.append("Values: ").append(header.describeType());
		if (!header.describeByteOrder().isEmpty()) s.append(", ").append(header.describeByteOrder());
		s.append('\n');
		if (header.dataType() == DataType.UNSIGNED && header.dataLength() <= 2) s.append("ImageJ type: ").append(8 * header.dataLength()).append("-bit\n");
		else if (warning == null) s.append("ImageJ type: 32-bit float (every value converted exactly)\n");
		else s.append("ImageJ type: 32-bit float. ").append(warning).append('\n');
		s.append("\nHeader ").append(header.fileName()).append(":\n").append(header.text().strip()).append('\n');
		return s.toString();
	}

	/** {@code "offset 0 + 4 x 3 x 5 values x 2 bytes; lines: width 3, height 4, ..."} */
	private static String sizeFormula(final RippleHeader h) {
		final StringBuilder lines = new StringBuilder();
		for (final String key : new String[] { "width", "height", "depth", "data-length", "offset" })
			if (h.line(key) > 0) lines.append(lines.length() == 0 ? "" : ", ").append(key).append(" on line ").append(h.line(key));
		return String.format(Locale.ROOT, "offset %d + %d x %d x %d values x %d bytes; %s", h.offset(), h.width(), h.height(), h.depth(), h.dataLength(), lines);
	}

	private static boolean hasExtension(final Path path, final String extension) {
		final String name = path.getFileName().toString();
		return name.toLowerCase(Locale.ROOT).endsWith("." + extension);
	}

	private static Path withExtension(final Path path, final String extension) {
		final String name = path.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		return path.resolveSibling((dot >= 0 ? name.substring(0, dot) : name) + "." + extension);
	}

	/** The file with the same base name and the extension in lower or upper case, or null. */
	private static Path sibling(final Path path, final String extension) {
		for (final String ext : new String[] { extension, extension.toUpperCase(Locale.ROOT) }) {
			final Path candidate = withExtension(path, ext);
			if (Files.isRegularFile(candidate)) return candidate;
		}
		return null;
	}

	/**
	 * A number rounded to the given significant digits, without trailing zeros or floating-point noise:
	 * {@code -0.2 + 3 * 0.01} gives {@code "-0.17"}.
	 */
	static String significant(final double value, final int digits) {
		return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
	}
}
