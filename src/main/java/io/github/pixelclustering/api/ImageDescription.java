package io.github.pixelclustering.api;

import io.github.pixelclustering.io.ModelDocument;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a model records of an image (the one it was fitted on) and checks in an image it is applied to:
 * title, the five ImageJ dimensions, bit depth and spatial calibration. Immutable.
 */
public final class ImageDescription implements Serializable {

	private static final long serialVersionUID = 1L;


	private final String title;
	private final int[] dimensions;
	private final int bitDepth;
	private final double[] pixelSize;
	private final String unit;

	/**
	 * @param title the image title
	 * @param dimensions width, height, channels, slices, frames
	 * @param bitDepth 8, 16, 24 (RGB) or 32
	 * @param pixelSize pixel width, height, depth in {@code unit}
	 * @param unit the calibration unit, e.g. "pixel" or "µm"
	 */
	public ImageDescription(final String title, final int[] dimensions, final int bitDepth, final double[] pixelSize, final String unit) {
		if (dimensions.length != 5) throw new IllegalArgumentException("dimensions must be width, height, channels, slices, frames, got " + Arrays.toString(dimensions));
		this.title = title;
		this.dimensions = dimensions.clone();
		this.bitDepth = bitDepth;
		this.pixelSize = pixelSize.clone();
		this.unit = unit;
	}

	/** @return the title */
	public String title() {
		return title;
	}

	/** @return width, height, channels, slices, frames */
	public int[] dimensions() {
		return dimensions.clone();
	}

	/** @return width */
	public int width() {
		return dimensions[0];
	}

	/** @return height */
	public int height() {
		return dimensions[1];
	}

	/** @return channels */
	public int channels() {
		return dimensions[2];
	}

	/** @return slices */
	public int slices() {
		return dimensions[3];
	}

	/** @return frames */
	public int frames() {
		return dimensions[4];
	}

	/** @return 8, 16, 24 (RGB) or 32 */
	public int bitDepth() {
		return bitDepth;
	}

	/** @return pixel width, height, depth */
	public double[] pixelSize() {
		return pixelSize.clone();
	}

	/** @return the calibration unit */
	public String unit() {
		return unit;
	}

	/**
	 * @return how a message names the image's type, e.g. {@code "an RGB image"}, {@code "a 16-bit image
	 *         with 2 channels"}
	 */
	public String kind() {
		final String depth = bitDepth == 24 ? "an RGB image" : bitDepth == 8 ? "an 8-bit image" : bitDepth == 32 ? "a 32-bit image" : "a " + bitDepth + "-bit image";
		return channels() > 1 ? depth + " with " + channels() + " channels" : depth;
	}

	/** @return width x height (x slices) (x frames), e.g. {@code "64x64"} or {@code "64x64x10"} */
	public String size() {
		final StringBuilder sb = new StringBuilder().append(width()).append('x').append(height());
		if (slices() > 1) sb.append('x').append(slices());
		if (frames() > 1) sb.append('x').append(frames());
		return sb.toString();
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s (%s, %s)", title, kind(), size());
	}

	ModelDocument toDocument() {
		final ModelDocument d = ModelDocument.object();
		d.put("title", title);
		d.put("width", dimensions[0]).put("height", dimensions[1]).put("channels", dimensions[2]).put("slices", dimensions[3]).put("frames", dimensions[4]);
		d.put("bit_depth", bitDepth);
		d.put("pixel_width", pixelSize[0]).put("pixel_height", pixelSize[1]).put("pixel_depth", pixelSize[2]);
		d.put("unit", unit);
		return d;
	}

	static ImageDescription of(final ModelDocument d) {
		final int[] dims = { d.integer("width"), d.integer("height"), d.integer("channels"), d.integer("slices"), d.integer("frames") };
		return new ImageDescription(d.string("title"), dims, d.integer("bit_depth"), new double[] { d.number("pixel_width"), d.number("pixel_height"), d.number("pixel_depth") }, d.string("unit"));
	}
}
