package io.github.pixelclustering.adapters;

import ij.ImagePlus;
import ij.ImageStack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.util.Fraction;

/**
 * How a hyperstack splits into <em>space</em> (the pixels or voxels being clustered) and <em>samples</em>
 * (the values that make up each pixel's profile), for commands that cluster pixels by their profiles.
 * <p>
 * 2D: space is X x Y; the samples are the frames, channels or slices. 3D: space is X x Y x Z; the samples
 * are the frames or channels. {@code auto} picks frames if there are several, else channels if there
 * are several, else slices (2D) or the single value of each voxel (3D). An RGB image counts as having
 * three channels, R, G and B. Every axis that is neither space nor samples must have size 1.
 */
public final class SampleLayout {

	/** Message for an unknown sample axis name: the name. */
	public static final String UNKNOWN_AXIS = "samples must be auto, slices, frames or channels, got \"%s\".";
	/** Message for an unknown dimensionality: the name. */
	public static final String UNKNOWN_DIMENSIONS = "dimensions must be 2D or 3D, got \"%s\".";
	/** Message for 3D on an image without slices: the image. */
	public static final String NO_Z = "dimensions=3D needs a z-stack (slices are space in 3D), got %s with 1 slice.";
	/** Message for slices as samples in 3D. */
	public static final String SLICES_ARE_SPACE = "With dimensions=3D the slices are space: the samples must be frames or channels (or auto), got slices.";
	/** Message when two axes could hold the samples: image description, the sample axis, the other axis and its size. */
	public static final String AMBIGUOUS = "%s: the samples are its %s, so its %s (%d) would be left over. Choose another samples axis, use dimensions=3D for a z-stack, or split the image (Image > Stacks > Tools > Reduce Dimensionality) first.";

	/** The axis holding the samples. */
	public enum Axis {
		/** Z (2D only). */
		SLICES,
		/** T. */
		FRAMES,
		/** C, or R, G, B of an RGB image. */
		CHANNELS;

		/** @return e.g. {@code "frames"} */
		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	private final ImagePlus imp;
	private final Axis axis;
	private final boolean threeD;
	private final boolean rgb;

	private SampleLayout(final ImagePlus imp, final Axis axis, final boolean threeD) {
		this.imp = imp;
		this.axis = axis;
		this.threeD = threeD;
		this.rgb = imp.getType() == ImagePlus.COLOR_RGB;
	}

	/**
	 * @param imp the image
	 * @param samples {@code auto}, {@code slices}, {@code frames} or {@code channels}
	 * @param dimensions {@code 2D} or {@code 3D}
	 * @return the layout
	 * @throws IllegalArgumentException with one of the messages of this class
	 */
	public static SampleLayout of(final ImagePlus imp, final String samples, final String dimensions) {
		final boolean threeD;
		if ("2D".equalsIgnoreCase(dimensions)) threeD = false;
		else if ("3D".equalsIgnoreCase(dimensions)) threeD = true;
		else throw new IllegalArgumentException(String.format(UNKNOWN_DIMENSIONS, dimensions));
		final int c = channels(imp);
		final int z = imp.getNSlices();
		final int t = imp.getNFrames();
		if (threeD && z < 2) throw new IllegalArgumentException(String.format(NO_Z, ImagePlusImgs.describe(imp)));
		final Axis axis;
		switch (samples.toLowerCase(Locale.ROOT)) {
			case "auto":
				axis = t > 1 ? Axis.FRAMES : c > 1 ? Axis.CHANNELS : threeD ? Axis.CHANNELS : Axis.SLICES;
				break;
			case "slices":
				if (threeD) throw new IllegalArgumentException(SLICES_ARE_SPACE);
				axis = Axis.SLICES;
				break;
			case "frames":
				axis = Axis.FRAMES;
				break;
			case "channels":
				axis = Axis.CHANNELS;
				break;
			default:
				throw new IllegalArgumentException(String.format(UNKNOWN_AXIS, samples));
		}
		final String what = describe(imp);
		if (axis != Axis.CHANNELS && c > 1) throw new IllegalArgumentException(String.format(AMBIGUOUS, what, axis.label(), "channels", c));
		if (axis != Axis.FRAMES && t > 1) throw new IllegalArgumentException(String.format(AMBIGUOUS, what, axis.label(), "frames", t));
		if (!threeD && axis != Axis.SLICES && z > 1) throw new IllegalArgumentException(String.format(AMBIGUOUS, what, axis.label(), "slices", z));
		return new SampleLayout(imp, axis, threeD);
	}

	/** @return the sample axis */
	public Axis axis() {
		return axis;
	}

	/** @return whether space is X x Y x Z */
	public boolean is3D() {
		return threeD;
	}

	/** @return number of samples (values per pixel) */
	public int samples() {
		switch (axis) {
			case SLICES:
				return imp.getNSlices();
			case FRAMES:
				return imp.getNFrames();
			default:
				return channels(imp);
		}
	}

	/** @return the size of space, x first: {@code {w, h}} or {@code {w, h, depth}} */
	public int[] spaceDimensions() {
		return threeD ? new int[] { imp.getWidth(), imp.getHeight(), imp.getNSlices() } : new int[] { imp.getWidth(), imp.getHeight() };
	}

	/** @return whether samples are the R, G, B of an RGB image */
	public boolean isRgb() {
		return rgb;
	}

	/**
	 * Views of the samples over the image's pixel arrays (no copies), in sample order; each is X x Y, or
	 * X x Y x Z in 3D.
	 *
	 * @return the views; for RGB images read-only views of R, G and B
	 */
	public List<RandomAccessibleInterval<? extends RealType<?>>> views() {
		return views(imp);
	}

	/**
	 * Views of the samples of another image with the same dimensions (e.g. an output copy of the input),
	 * laid out as this layout's.
	 *
	 * @param other an image with the dimensions of this layout's image, not RGB unless it is
	 * @return the views, writable for 8-, 16- and 32-bit images
	 */
	public List<RandomAccessibleInterval<? extends RealType<?>>> views(final ImagePlus other) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		if (other.getType() == ImagePlus.COLOR_RGB) {
			out.addAll(ImagePlusImgs.colours(rgbSpace(other)));
			return out;
		}
		for (int s = 1; s <= samples(); s++)
			out.add(ImagePlusImgs.view(other, planesOf(other, s), other.getBitDepth()));
		return out;
	}

	/**
	 * @param other an RGB image with this layout's dimensions (this layout's samples must be R, G, B)
	 * @return its pixels over space (X x Y or X x Y x Z), writable
	 */
	public RandomAccessibleInterval<ARGBType> rgbSpace(final ImagePlus other) {
		final ImageStack stack = other.getStack();
		final List<IntArray> arrays = new ArrayList<>();
		final int planes = threeD ? other.getNSlices() : 1;
		for (int z = 1; z <= planes; z++)
			arrays.add(new IntArray((int[]) stack.getPixels(other.getStackIndex(1, z, 1))));
		final PlanarImg<ARGBType, IntArray> img = new PlanarImg<>(arrays, dims(other), new Fraction());
		img.setLinkedType(new ARGBType(img));
		return img;
	}

	/** @return a text such as "the 2-channel 16-bit image \"cells\" (3 slices, 5 frames)" */
	public static String describe(final ImagePlus imp) {
		return ImagePlusImgs.describe(imp).replaceFirst("^a ", "The ") + " \"" + imp.getTitle() + "\" (" + count(imp.getNSlices(), "slice") + ", " + count(imp.getNFrames(), "frame") + ")";
	}

	// -- Helper methods --

	private static String count(final int n, final String noun) {
		return n + " " + noun + (n == 1 ? "" : "s");
	}

	private static int channels(final ImagePlus imp) {
		return imp.getType() == ImagePlus.COLOR_RGB ? 3 : imp.getNChannels();
	}

	private List<Object> planesOf(final ImagePlus other, final int sample) {
		final ImageStack stack = other.getStack();
		final List<Object> arrays = new ArrayList<>();
		if (threeD) {
			for (int z = 1; z <= other.getNSlices(); z++)
				arrays.add(stack.getPixels(axis == Axis.FRAMES ? other.getStackIndex(1, z, sample) : other.getStackIndex(sample, z, 1)));
		}
		else {
			final int c = axis == Axis.CHANNELS ? sample : 1;
			final int z = axis == Axis.SLICES ? sample : 1;
			final int t = axis == Axis.FRAMES ? sample : 1;
			arrays.add(stack.getPixels(other.getStackIndex(c, z, t)));
		}
		return arrays;
	}

	private long[] dims(final ImagePlus other) {
		return threeD ? new long[] { other.getWidth(), other.getHeight(), other.getNSlices() } : new long[] { other.getWidth(), other.getHeight() };
	}
}
