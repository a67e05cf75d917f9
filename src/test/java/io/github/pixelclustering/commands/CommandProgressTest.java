package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.headless.CommandRunner;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.EdsData;
import io.github.pixelclustering.testutil.TestData;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.app.DefaultStatusService;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * Every command's progress as Fiji shows it (SciJava status events): one bar from 0 to 100 % that never
 * goes back, every stage named, the phases of the command's outputs included. (The engines' own
 * fractions, before {@link CommandProgress}, are checked in {@code PipelineProgressTest} and
 * {@code SpectrumProgressTest}.)
 */
class CommandProgressTest {

	private static Context context;
	private static Recorder recorder;

	/**
	 * The status service of the test's context: records the progress events (those with a maximum) as they
	 * are made, in the command's thread. (SciJava's default service publishes them later from a pool of
	 * threads, which may deliver them out of order.)
	 */
	public static final class Recorder extends DefaultStatusService {

		private final List<StatusEvent> events = new ArrayList<>();

		@Override
		protected void publish(final StatusEvent event) {
			synchronized (events) {
				if (event.getProgressMaximum() > 0) events.add(event);
			}
		}

		List<StatusEvent> take() {
			synchronized (events) {
				final List<StatusEvent> out = new ArrayList<>(events);
				events.clear();
				return out;
			}
		}
	}

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, Recorder.class);
		recorder = context.service(Recorder.class);
		assertTrue(context.service(StatusService.class) == recorder, "the commands' status service is the recorder");
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	/** Runs the command and checks its bar; @return the stages shown */
	private static List<String> run(final Class<? extends Command> command, final Map<String, Object> inputs) {
		recorder.take();
		final Module module = Commands.runModule(context, command, inputs);
		assertFalse(CommandRunner.canceled(module), () -> "canceled: " + CommandRunner.cancelReason(module));
		final List<StatusEvent> events = recorder.take();
		final String what = command.getSimpleName();
		assertFalse(events.isEmpty(), what + ": no progress shown");
		final List<String> stages = new ArrayList<>();
		double previous = 0;
		for (final StatusEvent e : events) {
			final double fraction = (double) e.getProgressValue() / e.getProgressMaximum();
			assertTrue(fraction >= previous && fraction <= 1, what + ": the bar went from " + previous + " to " + fraction + " at " + e.getStatusMessage());
			assertTrue(e.getStatusMessage() != null && !e.getStatusMessage().trim().isEmpty(), what + ": a stage without a name");
			previous = fraction;
			stages.add(e.getStatusMessage());
		}
		final StatusEvent last = events.get(events.size() - 1);
		assertEquals(last.getProgressMaximum(), last.getProgressValue(), what + ": the bar ends at " + last.getProgressValue() + "/" + last.getProgressMaximum() + " (" + last.getStatusMessage() + ")");
		return stages;
	}

	private static void assertShown(final List<String> stages, final String prefix) {
		assertTrue(stages.stream().anyMatch(s -> s.startsWith(prefix)), () -> "no stage starting with \"" + prefix + "\" in " + stages.stream().map(s -> s.replaceAll("[0-9]+", "#")).distinct().collect(java.util.stream.Collectors.joining(", ")));
	}

	private static ImagePlus noiseRgb(final int w, final int h) {
		final SplittableRandom random = new SplittableRandom(4);
		final int[] pixels = new int[w * h];
		for (int p = 0; p < pixels.length; p++)
			pixels[p] = random.nextInt(1 << 24);
		return new ImagePlus("noise", new ColorProcessor(w, h, pixels));
	}

	@Test
	void colourQuantization() {
		for (final String method : new String[] { "k-means", "mini-batch" }) {
			final List<String> stages = run(ColourQuantizationCommand.class, Commands.inputs("image", noiseRgb(90, 70), "clusters", 6, "method", method, "space", "RGB", "restarts", 0, "seed", 0L, "init", "k-means++", "overlay", true, "roi_manager", false));
			assertShown(stages, "Reading the colours of 6300 pixels");
			assertShown(stages, "Labelling pixels");
			assertShown(stages, "Outlines of 6 clusters");
		}
	}

	@Test
	void pixelAgglomerationWithEveryMethod() {
		for (final String method : new String[] { "ward", "hkmeans", "kmeans" }) {
			final List<String> stages = run(PixelAgglomerationCommand.class, Commands.inputs("image", noiseRgb(60, 50), "clusters", 9, "distance_threshold", 0.0, "method", method, "samples", "auto", "dimensions", "2D", "connectivity", "4", "mask", PixelAgglomerationCommand.NO_MASK_CHOICE, "batch_size", 100, "restarts", 3, "max_no_improvement", 10, "seed", 0L, "init", "k-means++", "lloyd_iterations", 2, "scaling", false, "connected", "kmeans".equals(method), "overlay", false, "roi_manager", false));
			assertShown(stages, "Reading profiles");
			assertShown(stages, "Labelling pixels");
			assertShown(stages, "Writing the agglomerated image");
		}
	}

	@Test
	void clusterSlices() {
		final ImageStack stack = new ImageStack(12, 10);
		final SplittableRandom random = new SplittableRandom(5);
		for (int s = 0; s < 20; s++) {
			final float[] pixels = new float[120];
			for (int p = 0; p < pixels.length; p++)
				pixels[p] = (float) (s % 3 * 10 + random.nextDouble());
			stack.addSlice("slice " + (s + 1), pixels);
		}
		for (final String method : new String[] { "k-means", "mini-batch" })
			assertShown(run(ClusterSlicesCommand.class, Commands.inputs("image", new ImagePlus("slices", stack), "clusters", 3, "method", method, "restarts", 0, "seed", 0L, "init", "k-means++", "mask", PixelAgglomerationCommand.NO_MASK_CHOICE, "reorder", true)), "Slices ordered by cluster");
	}

	private static Map<String, Object> spectrumInputs(final String algorithm, final String source) {
		return Commands.inputs("source", source, "components", 5, "poisson", "decomposition".equals(source), "preprocessing", "norm", "algorithm", algorithm, "connectivity", "none", "restarts", 0, "seed", 0L, "init", "k-means++", //
			"energy_min", 0.2, "energy_max", 5.0, "energy_offset", 0.0, "energy_scale", 0.0, "energy_unit", "keV", "mask", MaskImages.NONE);
	}

	@Test
	void spectrumImageClusterAnalysisWithEveryAlgorithm() {
		final ImagePlus eds = IJ.openImage(TestData.image(EdsData.FILE).toString());
		for (final String algorithm : new String[] { "k-means", "mini-batch", "agglomerative", "spectral" })
			for (final String source : new String[] { "decomposition", "signal" }) {
				final Map<String, Object> inputs = spectrumInputs(algorithm, source);
				inputs.putAll(Commands.inputs("image", eds, "clusters", 3, "distance_threshold", 0.0, "centres_from", SpectrumInputs.INPUT, "signal", "mean", "scree", false, "factors", 0, "overlay", false, "roi_manager", false));
				final List<String> stages = run(SpectrumClusterAnalysisCommand.class, inputs);
				assertShown(stages, "Features: " + source);
				assertShown(stages, "Cluster analysis (" + algorithm + ")");
				assertShown(stages, "Label image, distance maps, spectra");
			}
	}

	@Test
	void estimateNumberOfClustersWithEveryMetric() {
		final ImagePlus eds = IJ.openImage(TestData.image(EdsData.FILE).toString());
		for (final String metric : new String[] { "elbow", "silhouette", "gap" }) {
			final Map<String, Object> inputs = spectrumInputs("k-means", "decomposition");
			inputs.putAll(Commands.inputs("image", eds, "max_clusters", 4, "metric", metric, "analyse", "gap".equals(metric)));
			final List<String> stages = run(EstimateClustersCommand.class, inputs);
			assertShown(stages, "Estimating the number of clusters (" + metric + ")");
			assertShown(stages, "Metric table and plot");
		}
	}
}
