package io.github.pixelclustering.commands;

import io.github.pixelclustering.adapters.Downscaled;
import io.github.pixelclustering.adapters.ImagePlusImgs;
import io.github.pixelclustering.api.ColourQuantization;
import io.github.pixelclustering.api.ColourQuantizationResult;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.output.LabelImages;
import io.github.pixelclustering.output.PreviewPictures;
import io.github.pixelclustering.output.ScaledPicture;

import ij.ImagePlus;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.logic.NativeBoolType;

/**
 * Colour Quantization's preview: the plane shown, averaged down to at most {@link DialogPreview#MAX_PIXELS}
 * pixels, quantized with the dialog's settings; every pixel of the selection in its cluster's mean colour
 * (RGB images) or its label's colour (multichannel images), over the whole image.
 */
final class ColourQuantizationPreview {

	private ColourQuantizationPreview() {
	}

	/**
	 * @param image the command's image (its selection counts)
	 * @param settings the dialog's settings
	 * @param preview the dialog's preview (it keeps the downscaled copy)
	 * @param listener polled by the engine
	 * @return the picture over the image
	 */
	static ScaledPicture picture(final ImagePlus image, final ColourQuantization.Settings settings, final DialogPreview preview, final ProgressListener listener) {
		final int width = image.getWidth();
		final int height = image.getHeight();
		final int factor = Downscaled.factor(width, height, DialogPreview.MAX_PIXELS);
		final ImagePlus small = preview.copy(image.getCurrentSlice(), () -> Downscaled.copy(Downscaled.shownPlane(image), factor));
		final int w = small.getWidth();
		final int h = small.getHeight();
		final boolean[] inside = Downscaled.mask(MaskImages.inside(image, MaskImages.NONE, width, height, 1), width, height, 1, factor);
		final RandomAccessibleInterval<NativeBoolType> mask = inside == null ? null : ArrayImgs.booleans(inside, w, h);
		final boolean rgb = image.getType() == ImagePlus.COLOR_RGB;
		final ColourQuantizationResult result = rgb ? ColourQuantization.quantizeRgb(ImagePlusImgs.rgb(small), mask, settings, listener) : ColourQuantization.quantizeChannels(ImagePlusImgs.channels(small), mask, settings, listener);
		final int[] labels = new int[w * h];
		result.writeLabels(ArrayImgs.ints(labels, w, h));
		final int k = result.clusters();
		final int[] colours = rgb ? meanColours(result) : LabelImages.colours(k);
		return new ScaledPicture(PreviewPictures.filled(labels, w, h, colours), width, height);
	}

	/** @return colour 0xrrggbb of labels 0..k: the clusters' mean colours */
	private static int[] meanColours(final ColourQuantizationResult result) {
		final int[] out = new int[result.clusters() + 1];
		for (int c = 1; c < out.length; c++) {
			final double[] mean = result.meanColour(c);
			int rgb = 0;
			for (int i = 0; i < 3; i++)
				rgb = rgb << 8 | (Double.isNaN(mean[i]) ? 0 : (int) Math.max(0, Math.min(255, Math.round(mean[i]))));
			out[c] = rgb;
		}
		return out;
	}
}
