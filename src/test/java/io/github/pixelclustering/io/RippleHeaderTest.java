package io.github.pixelclustering.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Parsing ripple headers: what is accepted, and the message for every malformed header. */
class RippleHeaderTest {

	/** A valid header of a 4 x 3 x 5 unsigned 16-bit big-endian spectrum image, one key per line. */
	private static final String[] VALID = { //
		"key\tvalue", // line 1
		"width\t4", // 2
		"height\t3", // 3
		"depth\t5", // 4
		"offset\t0", // 5
		"data-type\tunsigned", // 6
		"data-length\t2", // 7
		"byte-order\tbig-endian", // 8
		"record-by\tvector" }; // 9

	private static String lines(final String... lines) {
		return String.join("\n", lines) + "\n";
	}

	/** VALID with one line replaced (1-based), or removed when replacement is null. */
	private static String replace(final int line, final String replacement) {
		final StringBuilder s = new StringBuilder();
		for (int i = 0; i < VALID.length; i++)
			if (i + 1 != line) s.append(VALID[i]).append('\n');
			else if (replacement != null) s.append(replacement).append('\n');
		return s.toString();
	}

	private static String error(final String text) {
		return assertThrows(IllegalArgumentException.class, () -> RippleHeader.parse(text, "map.rpl")).getMessage();
	}

	@Test
	void aValidHeader() {
		final RippleHeader h = RippleHeader.parse(lines(VALID), "map.rpl");
		assertEquals(4, h.width());
		assertEquals(3, h.height());
		assertEquals(5, h.depth());
		assertEquals(0, h.offset());
		assertEquals(RippleHeader.DataType.UNSIGNED, h.dataType());
		assertEquals(2, h.dataLength());
		assertEquals(ByteOrder.BIG_ENDIAN, h.byteOrder());
		assertEquals(RippleHeader.RecordBy.VECTOR, h.recordBy());
		assertEquals(120, h.rawBytes());
		assertEquals(7, h.line("data-length"));
		assertEquals("unsigned 16-bit integer", h.describeType());
		assertEquals("big-endian", h.describeByteOrder());
		assertFalse(h.x().isCalibrated() || h.y().isCalibrated() || h.z().isCalibrated());
	}

	@Test
	void readLiberally() {
		final RippleHeader h = RippleHeader.parse(String.join("\r\n", //
			"; a comment line", //
			"WIDTH\t 4 \t extra fields are ignored", //
			"Height   3", //
			"", //
			"depth\t5 ; a comment after the value", //
			"Data-Type\tFLOAT", //
			"data-Length\t8", //
			"byte-order\tDont-Care", //
			"record-by\tImage", //
			"title\tanything; unknown keys are ignored", //
			"signal\tEDS_SEM", //
			"depth\t5", // given twice with the same value: fine
			"depth-units\tkeV", //
			"width-units\tnm", //
			"width-scale\t2.5e-1", //
			"width-origin\t-1.5", //
			"height-units\t<undefined>", //
			"ev-per-chan\t10", //
			"depth-scale\t0.01"), "map.rpl");
		assertEquals(4, h.width());
		assertEquals(3, h.height());
		assertEquals(RippleHeader.DataType.FLOAT, h.dataType());
		assertEquals(ByteOrder.LITTLE_ENDIAN, h.byteOrder());
		assertFalse(h.isByteOrderGiven());
		assertEquals("dont-care, read as little-endian", h.describeByteOrder());
		assertEquals(RippleHeader.RecordBy.IMAGE, h.recordBy());
		assertEquals(0, h.offset(), "offset defaults to 0");
		assertEquals(0.25, h.x().scale());
		assertEquals(-1.5, h.x().origin());
		assertEquals("nm", h.x().units());
		assertEquals("", h.y().units(), "<undefined> is no unit");
		assertEquals(0.01, h.z().scale(), "depth-scale wins over ev-per-chan");
		assertEquals("keV", h.z().units());
		assertEquals(7, h.line("data-length"));
	}

	@Test
	void evPerChanCalibratesTheDepthInEv() {
		final RippleHeader h = RippleHeader.parse(replace(9, "record-by\tvector\nev-per-chan\t5"), "map.rpl");
		assertEquals(5, h.z().scale());
		assertEquals("eV", h.z().units());
		// HyperSpy writes ev-per-chan 0 for a keV axis, always with depth-scale
		assertEquals(0.01, RippleHeader.parse(replace(9, "record-by\tvector\nev-per-chan\t0\ndepth-scale\t0.01"), "map.rpl").z().scale());
	}

	@Test
	void singleImagesNeedNoByteOrderOrRecordBy() {
		final RippleHeader h = RippleHeader.parse(lines("width 2", "height 2", "depth 1", "data-type unsigned", "data-length 1"), "map.rpl");
		assertEquals(RippleHeader.RecordBy.DONT_CARE, h.recordBy());
		assertEquals("", h.describeByteOrder());
		// record-by is irrelevant for depth 1 (HyperSpy writes vector for a single spectrum's 1 x 1 image too)
		assertEquals(RippleHeader.RecordBy.VECTOR, RippleHeader.parse(lines("width 2", "height 2", "depth 1", "data-type unsigned", "data-length 1", "record-by vector"), "map.rpl").recordBy());
	}

	@Test
	void headersDecodeAsUtf8OrElseLatin1() {
		assertEquals("width-units\t\u00b5m", RippleHeader.decode("width-units\t\u00b5m".getBytes(StandardCharsets.ISO_8859_1)));
		assertEquals("width-units\t\u00b5m", RippleHeader.decode("width-units\t\u00b5m".getBytes(StandardCharsets.UTF_8)));
		assertEquals("width\t4", RippleHeader.decode("\uFEFFwidth\t4".getBytes(StandardCharsets.UTF_8)));
	}

	// -- malformed headers: every message names the file, the line and the key --

	@Test
	void missingKeys() {
		for (final String key : new String[] { "width", "height", "depth", "data-type", "data-length", "byte-order", "record-by" }) {
			int line = 0;
			for (int i = 0; i < VALID.length; i++)
				if (VALID[i].startsWith(key + "\t")) line = i + 1;
			assertEquals(String.format(RippleHeader.MISSING_KEY, "map.rpl", key), error(replace(line, null)), key);
		}
		assertEquals("map.rpl: the key \"width\" is missing. A ripple header gives width, height, depth, data-type and data-length, plus byte-order when data-length > 1 and record-by when depth > 1.", error(replace(2, null)));
		assertTrue(RippleHeader.parse(replace(5, null), "map.rpl").offset() == 0, "offset is optional");
	}

	@Test
	void keysWithoutValues() {
		assertEquals("map.rpl, line 3: height has no value: write the key, a tab, then its value.", error(replace(3, "height")));
		assertEquals("map.rpl, line 3: height has no value: write the key, a tab, then its value.", error(replace(3, "height\t\t")));
		assertEquals("map.rpl, line 10: depth-scale has no value: write the key, a tab, then its value.", error(lines(VALID) + "depth-scale\t; none\n"));
	}

	@Test
	void nonNumericAndOutOfRangeValues() {
		assertEquals("map.rpl, line 2: width must be a whole number from 1 to 2147483647, got \"four\".", error(replace(2, "width\tfour")));
		assertEquals("map.rpl, line 2: width must be a whole number from 1 to 2147483647, got \"4.0\".", error(replace(2, "width\t4.0")));
		assertEquals("map.rpl, line 3: height must be a whole number from 1 to 2147483647, got \"0\".", error(replace(3, "height\t0")));
		assertEquals("map.rpl, line 4: depth must be a whole number from 1 to 2147483647, got \"99999999999999999999\".", error(replace(4, "depth\t99999999999999999999")));
		assertEquals("map.rpl, line 5: offset must be a whole number from 0 to 9223372036854775807, got \"-1\".", error(replace(5, "offset\t-1")));
		assertEquals("map.rpl, line 10: width-scale must be a number, got \"0,5\".", error(lines(VALID) + "width-scale\t0,5\n"));
		assertEquals("map.rpl, line 10: depth-origin must be a number, got \"NaN\".", error(lines(VALID) + "depth-origin\tNaN\n"));
		assertEquals("map.rpl, line 10: depth-scale must be a number > 0, got \"0\".", error(lines(VALID) + "depth-scale\t0\n"));
		assertEquals("map.rpl, line 10: height-scale must be a number > 0, got \"-2\".", error(lines(VALID) + "height-scale\t-2\n"));
		assertEquals("map.rpl, line 10: ev-per-chan must be a number > 0, got \"0\".", error(lines(VALID) + "ev-per-chan\t0\n"));
		assertEquals("map.rpl, line 10: ev-per-chan must be a number, got \"ten\".", error(lines(VALID) + "ev-per-chan\tten\n"));
	}

	@Test
	void unknownChoices() {
		assertEquals("map.rpl, line 6: data-type must be one of signed, unsigned, float, got \"complex\".", error(replace(6, "data-type\tcomplex")));
		assertEquals("map.rpl, line 7: data-length must be one of 1, 2, 4, 8, got \"3\".", error(replace(7, "data-length\t3")));
		assertEquals("map.rpl, line 8: byte-order must be one of little-endian, big-endian, dont-care, got \"network\".", error(replace(8, "byte-order\tnetwork")));
		assertEquals("map.rpl, line 9: record-by must be one of vector, image, dont-care, got \"pixel\".", error(replace(9, "record-by\tpixel")));
	}

	@Test
	void inconsistentKeys() {
		assertEquals("map.rpl, line 7: data-length must be 4 or 8 for float data (data-type float, line 6), got 2.", error(replace(6, "data-type\tfloat")));
		assertEquals("map.rpl, line 9: record-by dont-care is for a single image (depth 1), but depth is 5 (line 4): write record-by vector (spectrum after spectrum) or image (channel after channel).", error(replace(9, "record-by\tdont-care")));
		assertEquals("map.rpl, line 10: width is given twice with different values: \"4\" on line 2, \"5\" on line 10.", error(lines(VALID) + "width\t5\n"));
		assertEquals("map.rpl, lines 2 and 3: width x height is 4294836225 pixels, more than the 2147483639 pixels an ImageJ image can hold.", error(replace(3, "height\t65535").replace("width\t4", "width\t65535")));
	}
}
