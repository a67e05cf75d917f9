package io.github.pixelclustering.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pixelclustering.output.ScaledPicture;
import io.github.pixelclustering.testutil.Commands;
import io.github.pixelclustering.testutil.Images;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.process.ImageProcessor;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/**
 * The dialogs' previews (issue 23): Colour Quantization's quantized colours and Pixel Agglomeration's
 * outlines appear on the image's overlay while the Preview box is ticked, are computed on a copy of at
 * most 512 x 512 (256 x 256) pixels, and go away on Cancel or OK, leaving the image's pixels and its own
 * overlay exactly as they were. Driven as SciJava's harvester drives them: {@code Module.preview()} after
 * every change, {@code Module.cancel()} on Cancel.
 */
class DialogPreviewTest {

	private static Context context;
	private static ModuleService modules;

	@BeforeAll
	static void createContext() {
		System.setProperty("java.awt.headless", "true");
		context = new Context(CommandService.class, ModuleService.class, PrefService.class);
		modules = context.service(ModuleService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	private static Module module(final Class<? extends Command> command, final ImagePlus image, final Map<String, Object> inputs) {
		final Module module = modules.createModule(context.service(CommandService.class).getCommand(command));
		module.setInput("image", image);
		inputs.forEach(module::setInput);
		return module;
	}

	/** @return a test image enlarged (bilinear) to width x height, under a new title */
	private static ImagePlus enlarged(final String name, final String title, final int width, final int height) {
		final ImageProcessor ip = Images.open(name).getProcessor();
		ip.setInterpolationMethod(ImageProcessor.BILINEAR);
		return new ImagePlus(title, ip.resize(width, height));
	}

	private static ScaledPicture picture(final ImagePlus image) {
		final Overlay overlay = image.getOverlay();
		assertNotNull(overlay, "a preview is on the overlay");
		final Roi last = overlay.get(overlay.size() - 1);
		assertTrue(last instanceof ScaledPicture, last.getClass().getName());
		return (ScaledPicture) last;
	}

	@Test
	void colourPreviewShowsTheQuantizedColoursAndCancelRestoresTheImage() {
		final ImagePlus image = Images.open("four-colours.png");
		final Overlay own = new Overlay(new Roi(1, 1, 3, 3));
		image.setOverlay(own);
		final int pixels = Images.pixelHash(image);
		final Module module = module(ColourQuantizationCommand.class, image, Commands.inputs("clusters", 4, "method", "k-means", "space", "RGB", "restarts", 0, "seed", 0L, "init", "k-means++", "preview", false));
		module.preview();
		assertSame(own, image.getOverlay(), "nothing shown while Preview is off");

		module.setInput("preview", true);
		module.preview();
		final ScaledPicture shown = picture(image);
		assertEquals(2, image.getOverlay().size(), "the image's own overlay and the preview");
		assertEquals(image.getWidth(), shown.getBounds().width);
		// small image: the preview is at full size, every pixel in its cluster's mean colour = its own colour
		final BufferedImage picture = shown.picture();
		assertEquals(image.getWidth(), picture.getWidth());
		final ImageProcessor ip = image.getProcessor();
		final Set<Integer> colours = new HashSet<>();
		for (int y = 0; y < image.getHeight(); y++)
			for (int x = 0; x < image.getWidth(); x++) {
				assertEquals(0xff000000 | ip.getPixel(x, y) & 0xffffff, picture.getRGB(x, y), "at " + x + "," + y);
				colours.add(picture.getRGB(x, y));
			}
		assertEquals(4, colours.size());

		// same settings: not computed again
		module.preview();
		assertSame(shown, picture(image));
		// another k: computed again
		module.setInput("clusters", 2);
		module.preview();
		assertFalse(shown == picture(image), "a new preview for k = 2");
		final Set<Integer> two = new HashSet<>();
		final BufferedImage second = picture(image).picture();
		for (int y = 0; y < second.getHeight(); y++)
			for (int x = 0; x < second.getWidth(); x++)
				two.add(second.getRGB(x, y));
		assertEquals(2, two.size());

		module.cancel();
		assertSame(own, image.getOverlay(), "Cancel gives the image its own overlay back");
		assertEquals(1, own.size());
		assertEquals(pixels, Images.pixelHash(image), "pixels untouched");
		module.preview();
		assertSame(own, image.getOverlay(), "no preview after the dialog closed");
	}

	@Test
	void colourPreviewOfATwelveMegapixelPhotoIsComputedOnASmallCopy() {
		final ImagePlus image = enlarged("china-213x142.png", "12 MP photo", 4256, 2832);
		final int pixels = Images.pixelHash(image);
		final Module module = module(ColourQuantizationCommand.class, image, Commands.inputs("clusters", 16, "method", "k-means", "space", "RGB", "restarts", 0, "seed", 0L, "init", "k-means++", "preview", true));
		for (int run = 0; run < 3; run++) {
			module.setInput("seed", (long) run);
			module.preview();
			final long millis = ((ColourQuantizationCommand) module.getDelegateObject()).dialogPreview().millis();
			System.out.println("Colour Quantization preview, 4256 x 2832 RGB, k = 16, run " + (run + 1) + ": " + millis + " ms");
		}
		final BufferedImage picture = picture(image).picture();
		assertTrue((long) picture.getWidth() * picture.getHeight() <= DialogPreview.MAX_PIXELS, picture.getWidth() + " x " + picture.getHeight());
		assertEquals(4256.0 / 2832, (double) picture.getWidth() / picture.getHeight(), 0.01, "aspect ratio kept");
		assertEquals(image.getWidth(), picture(image).getBounds().width, "drawn over the whole image");
		module.cancel();
		assertNull(image.getOverlay());
		assertEquals(pixels, Images.pixelHash(image));
	}

	@Test
	void colourPreviewOfABadSettingShowsNothing() {
		final ImagePlus image = Images.open("four-colours.png");
		final Module module = module(ColourQuantizationCommand.class, image, Commands.inputs("clusters", 5, "method", "k-means", "space", "RGB", "restarts", 0, "seed", 0L, "init", "k-means++", "preview", true));
		module.preview();
		assertNull(image.getOverlay(), "more clusters than colours: no preview");
		module.setInput("clusters", 3);
		module.preview();
		picture(image);
		module.setInput("preview", false);
		module.preview();
		assertNull(image.getOverlay(), "unticked: the preview goes");
	}

	@Test
	void agglomerationPreviewOutlinesTheClustersAndOkRestoresTheOverlayBeforeTheOutputs() {
		final ImagePlus stack = IJ.createImage("preview stack", "8-bit black", 40, 30, 6);
		for (int z = 1; z <= 6; z++) {
			final ImageProcessor ip = stack.getStack().getProcessor(z);
			// left half rises with z, right half falls
			for (int y = 0; y < 30; y++)
				for (int x = 0; x < 40; x++)
					ip.set(x, y, x < 20 ? 20 * z : 200 - 20 * z);
		}
		final int pixels = Images.pixelHash(stack);
		final Module module = module(PixelAgglomerationCommand.class, stack, Commands.inputs("method", "ward", "clusters", 2, "distance_threshold", 0.0, "samples", "auto", "dimensions", "2D", "connectivity", "4", "mask", MaskImages.NONE, "overlay", true, "roi_manager", false, "save_model", null, //
			"batch_size", 1000, "restarts", 10, "max_no_improvement", 10, "seed", 0L, "init", "k-means++", "lloyd_iterations", 2, "scaling", false, "connected", false, "preview", true));
		module.preview();
		final BufferedImage outlines = picture(stack).picture();
		assertEquals(40, outlines.getWidth());
		// the two halves' border: columns 19 and 20 outlined, the rest transparent
		for (int x = 0; x < 40; x++) {
			final boolean outlined = (outlines.getRGB(x, 15) >>> 24) != 0;
			assertEquals(x == 19 || x == 20, outlined, "column " + x);
		}
		module.run();
		final Overlay after = stack.getOverlay();
		assertNotNull(after, "overlay=true adds the outlines");
		for (final Roi roi : after.toArray())
			assertFalse(roi instanceof ScaledPicture, "the preview is gone");
		assertEquals(2, after.size(), "one outline per cluster");
		module.cancel();
		assertSame(after, stack.getOverlay(), "a late cancel leaves the outputs' overlay alone");
		assertEquals(pixels, Images.pixelHash(stack));
	}

	@Test
	void agglomerationPreviewIn3DIsOnTheSliceShown() {
		final ImagePlus image = IJ.createImage("preview 3D", "8-bit ramp", 16, 12, 1, 4, 3);
		image.setPosition(1, 3, 1);
		final Module module = module(PixelAgglomerationCommand.class, image, Commands.inputs("method", "kmeans", "clusters", 3, "distance_threshold", 0.0, "samples", "auto", "dimensions", "3D", "connectivity", "6", "mask", MaskImages.NONE, "overlay", false, "roi_manager", false, "save_model", null, //
			"batch_size", 1000, "restarts", 2, "max_no_improvement", 10, "seed", 0L, "init", "k-means++", "lloyd_iterations", 2, "scaling", false, "connected", false, "preview", true));
		module.preview();
		final ScaledPicture picture = picture(image);
		assertEquals(3, picture.getZPosition(), "on slice 3, the one shown");
		module.setInput("connectivity", "4");
		module.preview();
		assertNull(image.getOverlay(), "connectivity 4 does not fit 3D: no preview");
		module.cancel();
	}

	@Test
	void agglomerationPreviewOfALargeImageClustersASmallCopyAndKmeansASmallerOne() {
		final ImagePlus image = enlarged("ihc-170x170.png", "large slide", 1020, 1020);
		final int pixels = Images.pixelHash(image);
		final Module module = module(PixelAgglomerationCommand.class, image, Commands.inputs("method", "ward", "clusters", 20, "distance_threshold", 0.0, "samples", "auto", "dimensions", "2D", "connectivity", "4", "mask", MaskImages.NONE, "overlay", false, "roi_manager", false, "save_model", null, //
			"batch_size", 1000, "restarts", 2, "max_no_improvement", 10, "seed", 0L, "init", "k-means++", "lloyd_iterations", 2, "scaling", false, "connected", false, "preview", true));
		module.preview();
		final BufferedImage ward = picture(image).picture();
		assertTrue((long) ward.getWidth() * ward.getHeight() <= PixelAgglomerationPreview.MAX_POINTS, ward.getWidth() + " x " + ward.getHeight());
		assertTrue((long) ward.getWidth() * ward.getHeight() > PixelAgglomerationPreview.MAX_KMEANS_POINTS, ward.getWidth() + " x " + ward.getHeight());
		module.setInput("method", "kmeans");
		module.preview();
		final BufferedImage kmeans = picture(image).picture();
		assertTrue((long) kmeans.getWidth() * kmeans.getHeight() <= PixelAgglomerationPreview.MAX_KMEANS_POINTS, kmeans.getWidth() + " x " + kmeans.getHeight());
		assertEquals(image.getWidth(), picture(image).getBounds().width, "drawn over the whole image");
		module.cancel();
		assertNull(image.getOverlay());
		assertEquals(pixels, Images.pixelHash(image));
	}
}
