package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.Downscaled;
import io.github.pixelclustering.adapters.SampleLayout;
import io.github.pixelclustering.api.PixelAgglomeration;
import io.github.pixelclustering.api.PixelAgglomerationResult;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.output.PreviewPictures;
import io.github.pixelclustering.output.ScaledPicture;

import ij.ImagePlus;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.NativeBoolType;

/**
 * Pixel Agglomeration's preview: the image averaged down (in x and y) to at most {@link #MAX_POINTS}
 * pixels or voxels ({@link #MAX_KMEANS_POINTS} for kmeans), agglomerated with the dialog's settings, and the outlines of its clusters on the
 * slice shown (in 3D; in 2D every slice shares them), over the whole image in the label image's colours.
 */
final class PixelAgglomerationPreview {

	/** The most pixels (2D) or voxels (3D) a preview clusters: 256 x 256. */
	static final long MAX_POINTS = 256L * 256;
	/**
	 * The most a kmeans preview clusters: 128 x 128. Its restarts (10 by default) each search every
	 * point against every centre, four to six times the time of ward or hkmeans on as many points
	 * (12 MP photo, k = 100: 0.54-0.68 s at 256 x 256).
	 */
	static final long MAX_KMEANS_POINTS = 128L * 128;

	private PixelAgglomerationPreview() {
	}

	/**
	 * @param image the command's image (its selection counts)
	 * @param full the image's layout for these samples and dimensions
	 * @param samples the samples input
	 * @param dimensions the dimensions input
	 * @param mask the mask input
	 * @param settings the dialog's settings (connectivity checked)
	 * @param preview the dialog's preview (it keeps the downscaled copy)
	 * @param listener polled by the engine
	 * @return the outlines over the image, positioned on the slice shown in 3D
	 * @throws IllegalArgumentException when the settings do not fit the image
	 */
	static ScaledPicture picture(final ImagePlus image, final SampleLayout full, final String samples, final String dimensions, final String mask, final PixelAgglomeration.Settings settings, final DialogPreview preview, final ProgressListener listener) {
		final int[] space = full.spaceDimensions();
		final int depth = space.length == 3 ? space[2] : 1;
		final long budget = settings.method() == PixelAgglomeration.Method.KMEANS ? MAX_KMEANS_POINTS : MAX_POINTS;
		final int factor = Downscaled.factor(space[0], space[1], Math.max(1, budget / depth));
		final ImagePlus small = preview.copy(factor, () -> Downscaled.copy(image, factor));
		final int w = small.getWidth();
		final int h = small.getHeight();
		final SampleLayout layout = SampleLayout.of(small, samples, dimensions);
		final boolean[] inside = Downscaled.mask(MaskImages.inside(image, mask, space[0], space[1], depth), space[0], space[1], depth, factor);
		final RandomAccessibleInterval<NativeBoolType> grid = inside == null ? null : depth > 1 ? ArrayImgs.booleans(inside, w, h, depth) : ArrayImgs.booleans(inside, w, h);
		final PixelAgglomerationResult result = PixelAgglomeration.agglomerate(layout.views(), grid, settings, listener);
		final int[] labels = new int[w * h * depth];
		result.writeLabels(depth > 1 ? ArrayImgs.ints(labels, w, h, depth) : ArrayImgs.ints(labels, w, h));
		final int z = depth > 1 ? image.getSlice() - 1 : 0;
		final ScaledPicture picture = new ScaledPicture(PreviewPictures.outlines(labels, w, h, z, LabelImages.colours(result.clusters())), space[0], space[1]);
		if (depth > 1) picture.setPosition(0, z + 1, 0);
		return picture;
	}
}
