package io.github.pixelclustering.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.pixelclustering.core.ProgressListener;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reading ripple files: every file of {@code src/test/resources/ripple/} (written by HyperSpy's writer, or
 * by {@code scripts/ripple_fixtures.py} following the Lispix format) against the values and calibration in
 * {@code ripple.json}; layouts, byte orders and chunk boundaries on files written here; and every message
 * for a raw file that does not match its header.
 */
class RippleFileTest {

	static Path fixtures() {
		try {
			return Paths.get(RippleFileTest.class.getResource("/ripple/ripple.json").toURI()).getParent();
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static List<JsonObject> cases() {
		try {
			final JsonObject json = JsonParser.parseString(Files.readString(fixtures().resolve("ripple.json"))).getAsJsonObject();
			final List<JsonObject> cases = new ArrayList<>();
			for (final JsonElement c : json.getAsJsonArray("cases"))
				cases.add(c.getAsJsonObject());
			return cases;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Stream<JsonObject> fixtureCases() {
		return cases().stream();
	}

	static RippleFile.Import read(final Path rpl) throws IOException {
		return RippleFile.open(rpl).read(ProgressListener.NONE);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtureCases")
	void everyFixtureHasItsValuesAndCalibration(final JsonObject c) throws IOException {
		final String name = c.get("name").getAsString();
		final RippleFile.Import result = read(fixtures().resolve(c.get("rpl").getAsString()));
		final ImagePlus imp = result.image();
		final int w = c.get("width").getAsInt();
		final int h = c.get("height").getAsInt();
		final int d = c.get("depth").getAsInt();
		assertEquals(c.get("rpl").getAsString(), imp.getTitle());
		assertEquals(w, imp.getWidth(), name);
		assertEquals(h, imp.getHeight(), name);
		assertEquals(d, imp.getNSlices(), name);
		assertEquals(1, imp.getNChannels() * imp.getNFrames(), name);
		final int bitDepth = c.get("bit_depth").getAsInt();
		assertEquals(bitDepth, imp.getBitDepth(), name);
		final JsonArray values = c.getAsJsonArray("values");
		int i = 0;
		for (int k = 1; k <= d; k++) {
			final ImageProcessor ip = imp.getStack().getProcessor(k);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++, i++) {
					final String where = name + " x=" + x + " y=" + y + " k=" + (k - 1);
					if (bitDepth == 32) assertEquals((float) values.get(i).getAsDouble(), ip.getf(x, y), where);
					else assertEquals(values.get(i).getAsInt(), ip.get(x, y), where);
				}
		}
		final long rounded = c.get("rounded").getAsLong();
		if (rounded == 0) assertNull(result.conversionWarning(), name);
		else assertTrue(result.conversionWarning().contains("; " + rounded + " of " + w * h * d + " values were rounded (largest change "), result.conversionWarning());

		final Calibration cal = imp.getCalibration();
		final JsonObject x = c.getAsJsonObject("x");
		final JsonObject y = c.getAsJsonObject("y");
		final JsonObject z = c.getAsJsonObject("z");
		assertEquals(x.get("scale").getAsDouble(), cal.pixelWidth, name);
		assertEquals(y.get("scale").getAsDouble(), cal.pixelHeight, name);
		assertEquals(z.get("scale").getAsDouble(), cal.pixelDepth, name);
		// ImageJ's calibrated coordinate of index i is the header's origin + i x scale
		for (int index = 0; index < 3; index++) {
			assertEquals(x.get("origin").getAsDouble() + index * x.get("scale").getAsDouble(), cal.getX(index), 1e-12, name);
			assertEquals(y.get("origin").getAsDouble() + index * y.get("scale").getAsDouble(), cal.getY(index, h), 1e-12, name);
			assertEquals(z.get("origin").getAsDouble() + index * z.get("scale").getAsDouble(), cal.getZ(index), 1e-12, name);
		}
		final String xUnit = x.get("units").getAsString().isEmpty() ? "pixel" : x.get("units").getAsString();
		assertEquals(xUnit, cal.getXUnit(), name);
		assertEquals(y.get("units").getAsString().isEmpty() ? xUnit : y.get("units").getAsString(), cal.getYUnit(), name);
		final boolean zCalibrated = z.get("scale").getAsDouble() != 1 || z.get("origin").getAsDouble() != 0;
		final String zUnit = !z.get("units").getAsString().isEmpty() ? z.get("units").getAsString() : !xUnit.equals("pixel") && d > 1 && !zCalibrated ? RippleFile.UNCALIBRATED_Z_UNIT : xUnit;
		assertEquals(zUnit, cal.getZUnit(), name);

		final String info = (String) imp.getProperty("Info");
		assertTrue(info.contains("record-by " + c.get("record_by").getAsString()), info);
		assertTrue(info.contains(Files.readString(fixtures().resolve(c.get("rpl").getAsString()), StandardCharsets.ISO_8859_1).lines().filter(l -> !l.isBlank()).findFirst().get().strip()), info);
	}

	@Test
	void theFixturesCoverEveryTypeByteOrderAndLayout() {
		final List<String> seen = new ArrayList<>();
		for (final JsonObject c : cases())
			seen.add(c.get("data_type").getAsString() + " " + c.get("record_by").getAsString());
		for (final String type : new String[] { "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float32", "float64" })
			assertTrue(seen.stream().anyMatch(s -> s.startsWith(type + " ")), type);
		for (final String layout : new String[] { "vector", "image", "dont-care" })
			assertTrue(seen.stream().anyMatch(s -> s.endsWith(" " + layout)), layout);
	}

	@Test
	void anEdsSpectrumImageFromHyperSpy() throws IOException {
		final ImagePlus imp = read(fixtures().resolve("vector-uint8.rpl")).image();
		// 4 x 3 pixels, 5 channels: the value at (x, y, channel k) is 40 k + 4 y + x
		assertArrayEquals(new byte[] { //
			40, 41, 42, 43, //
			44, 45, 46, 47, //
			48, 49, 50, 51 }, (byte[]) imp.getStack().getPixels(2));
		final Calibration cal = imp.getCalibration();
		assertEquals("\u00b5m", cal.getUnit());
		assertEquals(0.5, cal.pixelWidth);
		assertEquals(1.0, cal.getX(0));
		assertEquals("keV", cal.getZUnit());
		assertEquals(0.01, cal.pixelDepth);
		assertEquals(-0.2, cal.getZ(0), 1e-15);
		assertEquals("-0.2 keV", imp.getStack().getSliceLabel(1));
		assertEquals("-0.17 keV", imp.getStack().getSliceLabel(4));
		assertEquals(0, imp.getDisplayRangeMin());
		assertEquals(4 * 40 + 11, imp.getDisplayRangeMax(), "display range of the whole stack");
		final String info = (String) imp.getProperty("Info");
		assertTrue(info.contains("Layout: 4 x 3 pixels x 5 channels, record-by vector, offset 0 bytes\nValues: unsigned 8-bit integer\nImageJ type: 8-bit\n"), info);
		assertTrue(info.contains("signal\tEDS_SEM"), info);
	}

	@Test
	void theLiberalHandWrittenHeader() throws IOException {
		// upper-case keys, spaces, comments, CRLF, data-Length, an offset of 16 bytes, ev-per-chan, .RAW
		final RippleFile file = RippleFile.open(fixtures().resolve("hand-int16-little.rpl"));
		assertEquals("hand-int16-little.RAW", file.rawPath().getFileName().toString());
		assertEquals(16, file.header().offset());
		final ImagePlus imp = file.read(ProgressListener.NONE).image();
		assertEquals(-15000, imp.getStack().getProcessor(1).getf(0, 0));
		assertEquals(10.0, imp.getCalibration().pixelDepth);
		assertEquals("eV", imp.getCalibration().getZUnit());
		assertEquals("pixel", imp.getCalibration().getUnit());
		assertTrue(((String) imp.getProperty("Info")).contains("ImageJ type: 32-bit float (every value converted exactly)"));
	}

	@Test
	void precisionLossIsReportedInTheInfo() throws IOException {
		final RippleFile.Import result = read(fixtures().resolve("vector-float64.rpl"));
		assertEquals("vector-float64.rpl: 64-bit float values were converted to 32-bit float; 60 of 60 values were rounded (largest change 7.08e-06).", result.conversionWarning());
		assertTrue(((String) result.image().getProperty("Info")).contains("ImageJ type: 32-bit float. " + result.conversionWarning()));
	}

	@Test
	void givenTheRawFileItOpensTheHeaderNextToIt() throws IOException {
		assertEquals("image-uint8.rpl", RippleFile.open(fixtures().resolve("image-uint8.raw")).read(ProgressListener.NONE).image().getTitle());
	}

	// -- layouts and byte orders, on files written here --

	/** Writes a header and raw file; returns the header's path. */
	static Path write(final Path dir, final String name, final String header, final byte[] raw) {
		try {
			final Path rpl = dir.resolve(name + ".rpl");
			Files.writeString(rpl, header, StandardCharsets.ISO_8859_1);
			if (raw != null) Files.write(dir.resolve(name + ".raw"), raw);
			return rpl;
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String header(final int w, final int h, final int d, final String type, final int length, final String order, final String recordBy) {
		return String.join("\n", "key\tvalue", "width\t" + w, "height\t" + h, "depth\t" + d, "offset\t0", "data-type\t" + type, "data-length\t" + length, "byte-order\t" + order, "record-by\t" + recordBy, "");
	}

	/** 16-bit values in the given order. */
	static byte[] shorts(final ByteOrder order, final int... values) {
		final ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(order);
		for (final int v : values)
			b.putShort((short) v);
		return b.array();
	}

	@Test
	void vectorAndImageLayoutsOfTheSameValuesGiveTheSameStack(@TempDir final Path dir) throws IOException {
		// 3 x 2 pixels, 2 channels; channel 0 and channel 1 as pictures:
		final int[] channel0 = { //
			1, 2, 3, //
			4, 5, 6 };
		final int[] channel1 = { //
			100, 200, 300, //
			400, 500, 600 };
		// record-by vector: pixel after pixel, both channels of a pixel together
		final int[] vector = { 1, 100, 2, 200, 3, 300, 4, 400, 5, 500, 6, 600 };
		// record-by image: channel after channel
		final int[] image = { 1, 2, 3, 4, 5, 6, 100, 200, 300, 400, 500, 600 };
		for (final ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
			final String orderKey = order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian";
			final ImagePlus v = read(write(dir, "v" + orderKey, header(3, 2, 2, "unsigned", 2, orderKey, "vector"), shorts(order, vector))).image();
			final ImagePlus i = read(write(dir, "i" + orderKey, header(3, 2, 2, "unsigned", 2, orderKey, "image"), shorts(order, image))).image();
			for (final ImagePlus imp : new ImagePlus[] { v, i }) {
				assertArrayEquals(channel0, ints(imp, 1), imp.getTitle());
				assertArrayEquals(channel1, ints(imp, 2), imp.getTitle());
			}
		}
	}

	@Test
	void theWrongByteOrderGivesOtherValues(@TempDir final Path dir) throws IOException {
		final byte[] raw = shorts(ByteOrder.BIG_ENDIAN, 1, 256);
		final ImagePlus big = read(write(dir, "big", header(2, 1, 1, "unsigned", 2, "big-endian", "dont-care"), raw)).image();
		final ImagePlus little = read(write(dir, "little", header(2, 1, 1, "unsigned", 2, "little-endian", "dont-care"), raw)).image();
		final ImagePlus dontCare = read(write(dir, "dontcare", header(2, 1, 1, "unsigned", 2, "dont-care", "dont-care"), raw)).image();
		assertArrayEquals(new int[] { 1, 256 }, ints(big, 1));
		assertArrayEquals(new int[] { 256, 1 }, ints(little, 1));
		assertArrayEquals(new int[] { 256, 1 }, ints(dontCare, 1), "dont-care is read as little-endian, as HyperSpy writes native arrays");
		assertEquals(1, big.getStackSize(), "depth 1 is a single image");
	}

	@Test
	void signedAndUnsignedIntegersAtTheirLimits(@TempDir final Path dir) throws IOException {
		final ByteBuffer b = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(Long.MIN_VALUE).putLong(-1).putLong(Long.MAX_VALUE).putLong((1L << 24) + 1);
		final ImagePlus signed = read(write(dir, "s", header(4, 1, 1, "signed", 8, "little-endian", "dont-care"), b.array())).image();
		assertArrayEquals(new float[] { -9.223372E18f, -1f, 9.223372E18f, 16777216f }, (float[]) signed.getProcessor().getPixels());
		final RippleFile.Import unsigned = read(write(dir, "u", header(4, 1, 1, "unsigned", 8, "little-endian", "dont-care"), b.array()));
		assertArrayEquals(new float[] { 9.223372E18f, 1.8446744E19f, 9.223372E18f, 16777216f }, (float[]) unsigned.image().getProcessor().getPixels());
		// 2^63 and 2^63 - 1: the second is rounded; 2^64 - 1 is rounded; 2^24 + 1 is rounded
		assertTrue(unsigned.conversionWarning().contains("; 3 of 4 values were rounded"), unsigned.conversionWarning());
		final ByteBuffer bytes = ByteBuffer.wrap(new byte[] { -128, -1, 0, 127 });
		assertArrayEquals(new float[] { -128, -1, 0, 127 }, (float[]) read(write(dir, "s8", header(4, 1, 1, "signed", 1, "dont-care", "dont-care"), bytes.array())).image().getProcessor().getPixels());
		assertArrayEquals(new byte[] { -128, -1, 0, 127 }, (byte[]) read(write(dir, "u8", header(4, 1, 1, "unsigned", 1, "dont-care", "dont-care"), bytes.array())).image().getProcessor().getPixels());
	}

	@Test
	void integersFitAFloatUpToTwentyFourSignificantBits() {
		assertTrue(RippleValues.fitsFloat(0, false));
		assertTrue(RippleValues.fitsFloat(1 << 24, false));
		assertTrue(RippleValues.fitsFloat(-(1 << 24), false));
		assertTrue(RippleValues.fitsFloat(((1L << 24) - 1) << 30, false));
		assertTrue(RippleValues.fitsFloat(Long.MIN_VALUE, false));
		assertTrue(RippleValues.fitsFloat(Long.MIN_VALUE, true));
		assertEquals(false, RippleValues.fitsFloat((1 << 24) + 1, false));
		assertEquals(false, RippleValues.fitsFloat(-(1 << 24) - 1, false));
		assertEquals(false, RippleValues.fitsFloat(-1, true));
		assertEquals(0x1p64f, RippleValues.unsignedToFloat(-1));
		assertEquals(0x1p63f, RippleValues.unsignedToFloat(Long.MIN_VALUE + (1L << 38)));
		assertEquals(0x1.000002p63f, RippleValues.unsignedToFloat(Long.MIN_VALUE + (1L << 39) + 1), "above half an ulp rounds up");
		assertEquals(0x1p63, RippleValues.unsignedToDouble(Long.MIN_VALUE));
	}

	@Test
	void largeFilesAreReadInChunksAcrossPixelAndPlaneBoundaries(@TempDir final Path dir) throws IOException {
		// 7 x 13 pixels x 3001 channels of float32: 1.09 MB, more than one chunk; chunk boundaries fall
		// inside a pixel's spectrum (vector) and inside a plane (image)
		final int w = 7;
		final int h = 13;
		final int d = 3001;
		assertTrue((long) w * h * d * 4 > RippleFile.CHUNK_BYTES);
		final ByteBuffer vector = ByteBuffer.allocate(w * h * d * 4).order(ByteOrder.BIG_ENDIAN);
		for (int p = 0; p < w * h; p++)
			for (int k = 0; k < d; k++)
				vector.putFloat(k * 1000 + p);
		final ByteBuffer image = ByteBuffer.allocate(w * h * d * 4).order(ByteOrder.BIG_ENDIAN);
		for (int k = 0; k < d; k++)
			for (int p = 0; p < w * h; p++)
				image.putFloat(k * 1000 + p);
		final List<Double> fractions = new ArrayList<>();
		final ProgressListener progress = new ProgressListener() {

			@Override
			public void progress(final double fraction, final String stage) {
				fractions.add(fraction);
			}
		};
		for (final String layout : new String[] { "vector", "image" }) {
			fractions.clear();
			final ImagePlus imp = RippleFile.open(write(dir, layout, header(w, h, d, "float", 4, "big-endian", layout), (layout.equals("vector") ? vector : image).array())).read(progress).image();
			assertEquals(d, imp.getStackSize());
			for (final int k : new int[] { 0, 1, 1234, d - 1 }) {
				final float[] pixels = (float[]) imp.getStack().getPixels(k + 1);
				for (int p = 0; p < w * h; p++)
					assertEquals(k * 1000 + p, pixels[p], layout + " p=" + p + " k=" + k);
			}
			assertEquals(2, fractions.size(), "one progress report per chunk");
			assertEquals(1.0, fractions.get(1));
		}
	}

	@Test
	void canceling(@TempDir final Path dir) throws IOException {
		final RippleFile file = RippleFile.open(write(dir, "c", header(2, 1, 1, "unsigned", 1, "dont-care", "dont-care"), new byte[2]));
		assertThrows(CancellationException.class, () -> file.read(new ProgressListener() {

			@Override
			public boolean isCanceled() {
				return true;
			}
		}));
	}

	// -- raw files that do not match their header --

	@Test
	void aMissingRawFileIsNamed(@TempDir final Path dir) {
		final Path rpl = write(dir, "alone", header(4, 3, 5, "unsigned", 2, "big-endian", "vector"), null);
		assertEquals(String.format(RippleFile.RAW_MISSING, "alone.rpl", dir.resolve("alone.raw"), "alone.RAW"), message(rpl));
		assertEquals("alone.rpl: the raw file is missing: expected " + dir.resolve("alone.raw") + " (or alone.RAW) next to the header.", message(rpl));
	}

	@Test
	void aMissingHeaderIsNamed(@TempDir final Path dir) {
		assertEquals("Ripple header not found: " + dir.resolve("none.rpl"), message(dir.resolve("none.rpl")));
	}

	@Test
	void aRawFileOfTheWrongSizeSaysWhatWasExpected(@TempDir final Path dir) {
		final String header = header(4, 3, 5, "unsigned", 2, "big-endian", "vector");
		assertEquals("short.rpl: the raw file short.raw is too short: expected 120 bytes (offset 0 + 4 x 3 x 5 values x 2 bytes; width on line 2, height on line 3, depth on line 4, data-length on line 7, offset on line 5), got 119.", message(write(dir, "short", header, new byte[119])));
		assertEquals("long.rpl: the raw file long.raw is longer than the header says: expected 120 bytes (offset 0 + 4 x 3 x 5 values x 2 bytes; width on line 2, height on line 3, depth on line 4, data-length on line 7, offset on line 5), got 240.", message(write(dir, "long", header, new byte[240])));
		final String withOffset = "width 2\nheight 2\ndepth 1\ndata-type unsigned\ndata-length 1\noffset 10\n";
		assertEquals("offset.rpl: the raw file offset.raw is too short: expected 14 bytes (offset 10 + 2 x 2 x 1 values x 1 bytes; width on line 1, height on line 2, depth on line 3, data-length on line 5, offset on line 6), got 4.", message(write(dir, "offset", withOffset, new byte[4])));
	}

	@Test
	void aHugeFileIsNotTakenForAHeader(@TempDir final Path dir) throws IOException {
		final Path big = dir.resolve("big.rpl");
		Files.write(big, new byte[RippleFile.MAX_HEADER_BYTES + 1]);
		assertEquals(big + " is not a ripple header (.rpl): it has 1048577 bytes, a header is a short text file.", message(big));
	}

	static String message(final Path rpl) {
		return assertThrows(IllegalArgumentException.class, () -> RippleFile.open(rpl)).getMessage();
	}

	static int[] ints(final ImagePlus imp, final int slice) {
		final ImageProcessor ip = imp.getStack().getProcessor(slice);
		final int[] out = new int[ip.getPixelCount()];
		for (int i = 0; i < out.length; i++)
			out[i] = ip.get(i);
		return out;
	}
}
