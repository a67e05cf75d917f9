package io.github.pixelclustering.bench;

import ij.IJ;
import ij.ImagePlus;
import ij.macro.Interpreter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Checks the command line's dialog-free ImageJ commands against ImageJ's own, with a display: run it
 * under Xvfb (not a test: CI has no display).
 * <pre>
 * Xvfb :99 &amp; DISPLAY=:99 java -cp target/pixel-clustering-*-cli.jar:target/test-classes \
 *     io.github.pixelclustering.bench.ImageJParityDemo &lt;work folder&gt;
 * </pre>
 * It runs the same preprocessing macro twice on china-213x142.png: in this JVM with ImageJ's real menus
 * and dialogs (batch mode, values from the macro options), and through the command line's macro mode
 * without a display; then compares the saved images pixel for pixel.
 */
public final class ImageJParityDemo {

	private ImageJParityDemo() {}

	/** Steps, each saved to its own file: label, macro options. */
	private static final String[][] STEPS = { //
		{ "Gaussian Blur...", "sigma=2.5" }, //
		{ "Gaussian Blur...", "sigma=1.5 stack" }, //
		{ "Median...", "radius=2" }, //
		{ "Mean...", "radius=1.5" }, //
		{ "Minimum...", "radius=1" }, //
		{ "Maximum...", "radius=3" }, //
		{ "Variance...", "radius=2" }, //
		{ "Subtract Background...", "rolling=15 light" }, //
		{ "Subtract Background...", "rolling=25 separate sliding disable" }, //
		{ "Subtract Background...", "rolling=10 create" }, //
		{ "Scale...", "x=0.5 y=0.5 interpolation=Bilinear average create title=scaled" }, //
		{ "Scale...", "width=100 height=60 interpolation=Bicubic create" }, //
		{ "Scale...", "x=0.7 y=0.7 interpolation=None" }, //
	};

	/** @param args the work folder */
	public static void main(final String[] args) throws Exception {
		final Path work = Files.createDirectories(Path.of(args[0]));
		final Path photo = Path.of("test-images/china-213x142.png").toAbsolutePath();
		final StringBuilder macro = new StringBuilder("setBatchMode(true);\nout = getArgument();\n");
		for (int i = 0; i < STEPS.length; i++) {
			macro.append("open('").append(photo).append("');\n");
			macro.append("makeRectangle(5, 7, 180, 120);\n");
			macro.append("run('").append(STEPS[i][0]).append("', '").append(STEPS[i][1]).append("');\n");
			macro.append("saveAs('Tiff', out + '/step").append(i).append(".tif');\nclose('*');\n");
		}
		final Path file = work.resolve("parity.ijm");
		Files.writeString(file, macro);
		final Path ours = Files.createDirectories(work.resolve("ours"));
		final Path imagej = Files.createDirectories(work.resolve("imagej"));
		final Process cli = new ProcessBuilder("java", "-cp", System.getProperty("java.class.path"), "io.github.pixelclustering.headless.CommandLine", "macro", file.toString(), ours.toString()).inheritIO().start();
		if (cli.waitFor() != 0) throw new IllegalStateException("the command line failed");
		new Interpreter().run(macro.toString(), imagej.toString());
		int differ = 0;
		for (int i = 0; i < STEPS.length; i++) {
			final ImagePlus a = IJ.openImage(imagej.resolve("step" + i + ".tif").toString());
			final ImagePlus b = IJ.openImage(ours.resolve("step" + i + ".tif").toString());
			final boolean same = a.getWidth() == b.getWidth() && a.getHeight() == b.getHeight() && Arrays.equals((int[]) a.getProcessor().convertToRGB().getPixels(), (int[]) b.getProcessor().convertToRGB().getPixels());
			if (!same) differ++;
			System.out.println((same ? "same      " : "DIFFERENT ") + STEPS[i][0] + " " + STEPS[i][1] + " (" + a.getWidth() + "x" + a.getHeight() + " / " + b.getWidth() + "x" + b.getHeight() + ")");
		}
		System.out.println(differ == 0 ? "all " + STEPS.length + " steps identical" : differ + " of " + STEPS.length + " steps differ");
		System.exit(differ == 0 ? 0 : 1);
	}
}
