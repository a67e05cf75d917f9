package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.api.SliceClustering;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;
import io.github.pixelclustering.testutil.TestData;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/** {@link ClusterSlicesCommand} through SciJava, headless: the digits example and small stacks. */
class ClusterSlicesCommandTest {

	private static Context context;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	private static Map<String, Object> settings(final ImagePlus image, final int clusters, final long seed) {
		return Commands.inputs("image", image, "clusters", clusters, "method", "k-means", "restarts", 0, "seed", seed, "init", "k-means++", "mask", PixelAgglomerationCommand.NO_MASK_CHOICE, "reorder", false);
	}

	private static Module ok(final Map<String, Object> inputs) {
		final Module module = Commands.runModule(context, ClusterSlicesCommand.class, inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		return module;
	}

	private static ResultsTable table(final Module module, final String title) {
		return ((ClusterSlicesCommand) module).tables().get(title);
	}

	@Test
	void digitsClusterIntoTheirDigits() throws IOException {
		final List<String> lines = Files.readAllLines(TestData.image("digits-targets.csv"));
		final int[] target = new int[TestData.DIGITS];
		for (int i = 1; i < lines.size(); i++) {
			final String[] cells = lines.get(i).split(",");
			target[Integer.parseInt(cells[0]) - 1] = Integer.parseInt(cells[1]);
		}
		final ImagePlus digits = Images.digits();
		double sum = 0;
		for (long seed = 0; seed < 5; seed++) {
			final ResultsTable table = table(ok(settings(digits, 10, seed)), "digits-slices");
			// map every cluster to its most common digit
			final int[][] counts = new int[11][10];
			for (int row = 0; row < table.size(); row++)
				counts[(int) table.getValue("cluster", row)][target[(int) table.getValue("slice", row) - 1]]++;
			int correct = 0;
			for (int c = 1; c <= 10; c++)
				correct += java.util.Arrays.stream(counts[c]).max().getAsInt();
			sum += (double) correct / TestData.DIGITS;
		}
		final double accuracy = sum / 5;
		assertTrue(accuracy >= 0.79, "mean accuracy over 5 seeds: " + accuracy);
	}

	@Test
	void pairsOfEqualSlices() {
		final ImageStack stack = new ImageStack(3, 2);
		final byte[] a = { 0, 0, 0, 9, 9, 9 };
		final byte[] b = { 9, 0, 9, 0, 9, 0 };
		stack.addSlice("a1", a.clone());
		stack.addSlice("b1", b.clone());
		stack.addSlice("b2", b.clone());
		stack.addSlice("a2", a.clone());
		stack.addSlice("b3", b.clone());
		final ImagePlus image = new ImagePlus("pairs.tif", stack);
		final int before = Images.pixelHash(image);
		final Map<String, Object> inputs = settings(image, 2, 0);
		inputs.put("reorder", true);
		final Module module = ok(inputs);
		final ResultsTable table = table(module, "pairs-slices");
		assertArrayEquals(new String[] { "slice", "cluster", "distance" }, table.getHeadings());
		final int[] clusters = new int[5];
		for (int row = 0; row < 5; row++) {
			clusters[row] = (int) table.getValue("cluster", row);
			assertEquals(0.0, table.getValue("distance", row), 1e-12);
		}
		assertArrayEquals(new int[] { 2, 1, 1, 2, 1 }, clusters, "cluster 1 has the most slices");
		final ImagePlus centres = (ImagePlus) module.getOutput("centres");
		assertEquals("pairs-centres", centres.getTitle());
		assertEquals(2, centres.getStackSize());
		assertEquals(9f, centres.getStack().getProcessor(1).getf(0), 0f);
		assertEquals(0f, centres.getStack().getProcessor(2).getf(0), 0f);
		assertEquals("cluster 1 (3 slices)", centres.getStack().getSliceLabel(1));
		final ImagePlus ordered = (ImagePlus) module.getOutput("ordered");
		assertEquals("pairs-by-cluster", ordered.getTitle());
		assertEquals(5, ordered.getStackSize());
		assertEquals("cluster 1: slice 2", ordered.getStack().getSliceLabel(1));
		assertEquals("cluster 2: slice 4", ordered.getStack().getSliceLabel(5));
		assertEquals(before, Images.pixelHash(image), "input untouched");
		assertNull(ok(settings(image, 2, 0)).getOutput("ordered"), "no ordered stack unless asked");
	}

	@Test
	void rgbSlicesUseTheirColours() {
		final ImageStack stack = new ImageStack(2, 1);
		stack.addSlice("red", new ij.process.ColorProcessor(2, 1, new int[] { 0xff0000, 0xff0000 }));
		stack.addSlice("blue", new ij.process.ColorProcessor(2, 1, new int[] { 0x0000ff, 0x0000ff }));
		stack.addSlice("red again", new ij.process.ColorProcessor(2, 1, new int[] { 0xff0000, 0xff0000 }));
		final Module module = ok(settings(new ImagePlus("rgb.tif", stack), 2, 0));
		final ResultsTable table = table(module, "rgb-slices");
		assertArrayEquals(new double[] { 1, 2, 1 }, table.getColumn("cluster"));
		final ImagePlus centres = (ImagePlus) module.getOutput("centres");
		assertEquals(ImagePlus.COLOR_RGB, centres.getType());
		assertEquals(0xff0000, centres.getStack().getProcessor(1).get(0) & 0xffffff);
		assertEquals(0x0000ff, centres.getStack().getProcessor(2).get(1) & 0xffffff);
	}

	@Test
	void sameClustersForOneOrManyThreads() {
		final ImagePlus digits = Images.digits();
		final double[] one = Commands.withThreads(1, () -> column(table(ok(settings(digits, 10, 3)), "digits-slices")));
		final double[] many = Commands.withThreads(3, () -> column(table(ok(settings(digits, 10, 3)), "digits-slices")));
		assertArrayEquals(one, many);
	}

	@Test
	void badInputCancelsWithAMessage() {
		final ImagePlus single = new ImagePlus("one", new ByteProcessor(4, 4));
		assertCanceled(settings(single, 1, 0), String.format(SliceClustering.TOO_FEW_SLICES, 1));
		final ImagePlus three = new ImagePlus("three", stackOf(3));
		assertCanceled(settings(three, 4, 0), String.format(SliceClustering.TOO_MANY_CLUSTERS, 3, 4));
		assertCanceled(settings(three, 0, 0), String.format(SliceClustering.TOO_MANY_CLUSTERS, 3, 0));
		final Map<String, Object> missing = settings(three, 2, 0);
		missing.put("mask", "nothing");
		assertCanceled(missing, String.format(PixelAgglomerationCommand.NO_MASK, "nothing"));
		final ImagePlus both = new ImagePlus("both", stackOf(4));
		both.setDimensions(1, 2, 2);
		assertCanceled(settings(both, 2, 0), String.format(ClusterSlicesCommand.AMBIGUOUS, "The single-channel 8-bit image \"both\"", 2, 2));
	}

	private static ImageStack stackOf(final int n) {
		final ImageStack stack = new ImageStack(4, 4);
		for (int i = 0; i < n; i++) {
			final ByteProcessor bp = new ByteProcessor(4, 4);
			bp.set(i * 10);
			stack.addSlice(bp);
		}
		return stack;
	}

	private static double[] column(final ResultsTable table) {
		return table.getColumn("cluster");
	}

	private static void assertCanceled(final Map<String, Object> inputs, final String reason) {
		final Module module = Commands.runModule(context, ClusterSlicesCommand.class, inputs);
		assertTrue(CommandRunner.canceled(module), "should cancel with: " + reason);
		assertEquals(reason, CommandRunner.cancelReason(module));
	}
}
