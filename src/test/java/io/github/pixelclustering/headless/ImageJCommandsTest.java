package io.github.pixelclustering.headless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.testutil.TestData;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.filter.BackgroundSubtracter;
import ij.plugin.filter.GaussianBlur;
import ij.plugin.filter.RankFilters;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;
import ij.process.StackConverter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageJ's own commands in the command line's macro mode: the table is ImageJ's, the commands users run
 * before clustering give what the same ImageJ code gives called from Java, and a command that needs a
 * display fails the run in one line.
 */
class ImageJCommandsTest {

	@Test
	void theTableHoldsImageJsCommandsUnderTheirMenuLabels() {
		final Map<String, String> table = ImageJCommands.table();
		assertEquals("ij.plugin.filter.GaussianBlur", table.get("Gaussian Blur..."));
		assertEquals("ij.plugin.Converter(\"8-bit\")", table.get("8-bit"));
		assertEquals("ij.plugin.Resizer(\"crop\")", table.get("Crop"));
		assertEquals("ij.plugin.Scaler", table.get("Scale..."));
		assertEquals("ij.plugin.filter.BackgroundSubtracter", table.get("Subtract Background..."));
		assertEquals("ij.plugin.filter.Writer(\"png\")", table.get("PNG..."));
		assertEquals("ij.plugin.Commands(\"new\")", table.get("Image..."), "the key shortcut [n] is not part of the label");
		assertTrue(table.containsKey("In [+]"), "a bracket that is not a letter shortcut stays");
		assertTrue(table.size() > 400, "ImageJ has hundreds of commands, got " + table.size());
		assertEquals("Image...", ImageJCommands.withoutShortcut("Image...[n]"));
		assertEquals("Text Window", ImageJCommands.withoutShortcut("Text Window[N]"));
		assertEquals("Put Behind [tab]", ImageJCommands.withoutShortcut("Put Behind [tab]"));
		assertEquals("Reslice [/]...", ImageJCommands.withoutShortcut("Reslice [/]..."));
		assertEquals("Hyperstack...", ImageJCommands.withoutShortcut("Hyperstack..."));
	}

	/**
	 * A batch macro's preprocessing before Colour Quantization (Gaussian Blur, Crop, Scale, Subtract
	 * Background on an RGB photo; 8-bit on a 16-bit three-channel image) gives the same labels as doing
	 * those steps with ImageJ's code in Java first.
	 */
	@Test
	void preprocessingInAMacroGivesTheLabelsOfTheSameStepsInJava(@TempDir final Path dir) throws IOException {
		final Path photo = TestData.image("china-213x142.png");
		final Path channels = dir.resolve("channels16.tif");
		IJ.saveAsTiff(sixteenBitChannels(IJ.openImage(photo.toString())), channels.toString());
		final Path macro = dir.resolve("preprocess.ijm");
		Files.writeString(macro, String.join("\n", //
			"setBatchMode(true);", //
			"out = getArgument();", //
			"open('" + photo + "');", //
			"run('Gaussian Blur...', 'sigma=2');", //
			"run('Median...', 'radius=1');", //
			"makeRectangle(10, 12, 150, 100);", //
			"run('Crop');", //
			"run('Scale...', 'x=0.5 y=0.5 interpolation=Bilinear average create title=small');", //
			"run('Subtract Background...', 'rolling=20 light');", //
			"run('Colour Quantization', 'clusters=6 seed=3');", //
			"selectImage('small-labels'); saveAs('Tiff', out + '/macro-rgb-labels.tif');", //
			"open('" + channels + "');", //
			"run('8-bit');", //
			"run('Colour Quantization', 'clusters=5 seed=3');", //
			"selectImage('channels16-labels'); saveAs('Tiff', out + '/macro-channels-labels.tif');", //
			""));
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro.toString(), dir.toString());
		assertEquals(CommandLine.OK, o.code, o.err);
		assertEquals("[\"Colour Quantization\",\"Colour Quantization\"]", o.json().getAsJsonArray("commands").toString(), "only our commands are listed");

		// the same steps in Java, with ImageJ's code
		final ImagePlus rgb = IJ.openImage(photo.toString());
		ImageProcessor ip = rgb.getProcessor();
		new GaussianBlur().blurGaussian(ip, 2, 2, 0.002);
		new RankFilters().rank(ip, 1, RankFilters.MEDIAN);
		ip.setRoi(10, 12, 150, 100);
		ip = ip.crop();
		ip.setInterpolationMethod(ImageProcessor.BILINEAR);
		ip = ip.resize(75, 50, true);
		new BackgroundSubtracter().rollingBallBrightnessBackground((ColorProcessor) ip, 20, false, true, false, true, true);
		final Path javaRgb = dir.resolve("java-rgb.tif");
		IJ.saveAsTiff(new ImagePlus("java-rgb", ip), javaRgb.toString());
		final ImagePlus eight = IJ.openImage(channels.toString());
		new StackConverter(eight).convertToGray8();
		final Path javaChannels = dir.resolve("java-channels.tif");
		IJ.saveAsTiff(eight, javaChannels.toString());
		assertEquals(CommandLine.OK, CommandLineTest.cli("run", "Colour Quantization", "clusters=6 seed=3", javaRgb.toString(), dir.toString()).code);
		assertEquals(CommandLine.OK, CommandLineTest.cli("run", "Colour Quantization", "clusters=5 seed=3", javaChannels.toString(), dir.toString()).code);

		assertSameLabels(dir.resolve("java-rgb-labels.tif"), dir.resolve("macro-rgb-labels.tif"), 75, 50);
		assertSameLabels(dir.resolve("java-channels-labels.tif"), dir.resolve("macro-channels-labels.tif"), 213, 142);
	}

	private static void assertSameLabels(final Path expected, final Path actual, final int width, final int height) {
		final ImagePlus e = IJ.openImage(expected.toString());
		final ImagePlus a = IJ.openImage(actual.toString());
		assertEquals(width, a.getWidth());
		assertEquals(height, a.getHeight());
		assertArrayEquals((byte[]) e.getProcessor().getPixels(), (byte[]) a.getProcessor().getPixels(), actual.getFileName().toString());
	}

	/** The photo's R, G, B as a 16-bit three-channel composite (values x 200). */
	private static ImagePlus sixteenBitChannels(final ImagePlus photo) {
		final ColorProcessor cp = (ColorProcessor) photo.getProcessor();
		final ImageStack stack = new ImageStack(cp.getWidth(), cp.getHeight());
		for (int c = 0; c < 3; c++) {
			final ShortProcessor sp = new ShortProcessor(cp.getWidth(), cp.getHeight());
			for (int p = 0; p < sp.getPixelCount(); p++)
				sp.set(p, 200 * ((cp.get(p) >> (16 - 8 * c)) & 0xff));
			stack.addSlice(sp);
		}
		final ImagePlus imp = new ImagePlus("channels16", stack);
		imp.setDimensions(3, 1, 1);
		final CompositeImage composite = new CompositeImage(imp, IJ.COMPOSITE);
		composite.resetDisplayRanges();
		return composite;
	}

	@Test
	void aCommandThatNeedsADisplayFailsTheRunInOneLine(@TempDir final Path dir) throws IOException {
		final Path macro = dir.resolve("histogram.ijm");
		Files.writeString(macro, "setBatchMode(true);\nnewImage('x', '8-bit ramp', 16, 16, 1);\nrun('Histogram');\nprint('not reached');\n");
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro.toString());
		CommandLineTest.assertFails(CommandLine.FAILED, String.format(ImageJCommand.NEEDS_DISPLAY, "Histogram"), o);
		assertTrue(!o.err.contains("not reached"), o.err);
		assertEquals("", o.out, "no JSON line for a failed run");
	}

	@Test
	void badValuesAndUnknownCommandsSayWhat(@TempDir final Path dir) throws IOException {
		final Path bad = dir.resolve("bad.ijm");
		Files.writeString(bad, "setBatchMode(true);\nnewImage('x', '8-bit ramp', 16, 16, 1);\nrun('Gaussian Blur...', 'sigma=abc');\n");
		CommandLineTest.assertFails(CommandLine.USAGE, "Gaussian Blur...: sigma= must be a number, got \"abc\".", CommandLineTest.cli("macro", bad.toString()));
		final Path unknown = dir.resolve("unknown.ijm");
		Files.writeString(unknown, "setBatchMode(true);\nnewImage('x', '8-bit ramp', 16, 16, 1);\nrun('Gausian Blur...', 'sigma=2');\n");
		CommandLineTest.assertFails(CommandLine.FAILED, "Unrecognized command: \"Gausian Blur...\"", CommandLineTest.cli("macro", unknown.toString()));
	}

	@Test
	void theDialogFreeFiltersProcessTheStackOnlyWithTheStackKey(@TempDir final Path dir) throws IOException {
		final Path macro = dir.resolve("stack.ijm");
		Files.writeString(macro, String.join("\n", //
			"setBatchMode(true);", //
			"newImage('s', '8-bit black', 9, 9, 2);", //
			"setSlice(1); setPixel(4, 4, 255); setSlice(2); setPixel(4, 4, 255);", //
			"setSlice(1); run('Maximum...', 'radius=1');", //
			"setSlice(1); a = getPixel(4, 3); setSlice(2); b = getPixel(4, 3);", //
			"run('Mean...', 'radius=1 stack');", //
			"setSlice(2); c = '' + getPixel(0, 0) + ',' + getPixel(4, 4);", //
			"print('result ' + a + ' ' + b + ' ' + c);", //
			""));
		final CommandLineTest.Outcome o = CommandLineTest.cli("macro", macro.toString());
		assertEquals(CommandLine.OK, o.code, o.err);
		// Maximum without stack: slice 1 only; Mean with stack: slice 2 too (255 / 9 pixels of radius 1)
		assertTrue(o.err.contains("result 255 0 0,28"), o.err);
	}
}
