package io.github.pixelclustering.output;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.plugin.frame.RoiManager;

import java.awt.GraphicsEnvironment;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Puts cluster selections where a Fiji user looks for them: the image's overlay, the ROI Manager, or,
 * without a display (headless runs have no ROI Manager), an ImageJ ROI set file that the ROI Manager
 * opens later.
 */
public final class RoiOutput {

	/**
	 * System property naming the folder for ROI sets saved in headless runs; the working directory when
	 * unset. The command line sets it to its output folder.
	 */
	public static final String OUTPUT_DIRECTORY_PROPERTY = "pixelclustering.outputDirectory";

	private RoiOutput() {}

	/**
	 * Adds the selections to the image's overlay (created if needed).
	 *
	 * @param imp the image
	 * @param rois the selections
	 */
	public static void addToOverlay(final ImagePlus imp, final List<Roi> rois) {
		Overlay overlay = imp.getOverlay();
		if (overlay == null) overlay = new Overlay();
		for (final Roi roi : rois)
			overlay.add((Roi) roi.clone());
		imp.setOverlay(overlay);
	}

	/**
	 * Adds the selections to the ROI Manager; without a display, saves them as {@code <name>-rois.zip}
	 * instead and says so on standard error.
	 *
	 * @param rois the selections
	 * @param name base name of the file saved in headless runs
	 * @return the file saved, or null when they went to the ROI Manager
	 */
	public static File toRoiManager(final List<Roi> rois, final String name) {
		if (!GraphicsEnvironment.isHeadless()) {
			RoiManager manager = RoiManager.getInstance2();
			if (manager == null) manager = new RoiManager();
			for (final Roi roi : rois)
				manager.addRoi((Roi) roi.clone());
			return null;
		}
		final File file = new File(System.getProperty(OUTPUT_DIRECTORY_PROPERTY, System.getProperty("user.dir")), name + "-rois.zip");
		save(rois, file);
		System.err.println("No ROI Manager without a display: saved " + rois.size() + " cluster selections to " + file.getAbsolutePath());
		return file;
	}

	/**
	 * Saves selections as an ImageJ ROI set (a zip of {@code .roi} files), which File > Open and the ROI
	 * Manager read.
	 *
	 * @param rois the selections
	 * @param file the zip file to write
	 */
	public static void save(final List<Roi> rois, final File file) {
		try {
			OutputFiles.write(file, part -> {
				try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part.toPath())); ZipOutputStream zip = new ZipOutputStream(out)) {
					final RoiEncoder encoder = new RoiEncoder(zip);
					for (int i = 0; i < rois.size(); i++) {
						final Roi roi = rois.get(i);
						final String name = roi.getName() == null ? "roi" : roi.getName().replace(' ', '-');
						zip.putNextEntry(new ZipEntry(String.format("%04d-%s.roi", i + 1, name)));
						encoder.write(roi);
						zip.closeEntry();
					}
				}
			});
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Could not save ROIs to " + file + ": " + e.getMessage(), e);
		}
	}
}
