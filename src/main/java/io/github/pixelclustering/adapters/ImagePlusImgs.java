package io.github.pixelclustering.adapters;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import ij.process.LUT;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.converter.Converters;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.IntArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

/**
 * ImgLib2 views of {@link ImagePlus} pixels, over the same arrays (no copies): writing to a view writes
 * to the image.
 * <p>
 * Planes: an image with Z slices and T frames has {@code Z x T} planes (z fastest), viewed as X x Y x
 * planes, or X x Y when there is one plane. Channels (C > 1) are viewed separately. RGB images are viewed
 * as {@link ARGBType}; 8-bit, 16-bit and 32-bit as {@link UnsignedByteType}, {@link UnsignedShortType}
 * and {@link FloatType}.
 */
public final class ImagePlusImgs {

	private ImagePlusImgs() {}

	/** @return number of planes per channel: slices x frames */
	public static int planes(final ImagePlus imp) {
		return imp.getNSlices() * imp.getNFrames();
	}

	/**
	 * @param imp an RGB image
	 * @return its pixels (all channels' planes, as RGB images have one channel)
	 */
	public static RandomAccessibleInterval<ARGBType> rgb(final ImagePlus imp) {
		if (imp.getType() != ImagePlus.COLOR_RGB) throw new IllegalArgumentException("Need an RGB image, got " + describe(imp) + ".");
		final ImageStack stack = imp.getStack();
		final List<IntArray> slices = new ArrayList<>();
		for (int i = 1; i <= stack.getSize(); i++)
			slices.add(new IntArray((int[]) stack.getPixels(i)));
		final PlanarImg<ARGBType, IntArray> img = new PlanarImg<>(slices, dimensions(imp, stack.getSize()), new Fraction());
		img.setLinkedType(new ARGBType(img));
		return img;
	}

	/**
	 * @param imp an RGB image
	 * @param index 1-based stack index of a plane
	 * @return that plane's pixels, X x Y, writable
	 */
	public static RandomAccessibleInterval<ARGBType> rgbPlane(final ImagePlus imp, final int index) {
		if (imp.getType() != ImagePlus.COLOR_RGB) throw new IllegalArgumentException("Need an RGB image, got " + describe(imp) + ".");
		final PlanarImg<ARGBType, IntArray> img = new PlanarImg<>(List.of(new IntArray((int[]) imp.getStack().getPixels(index))), new long[] { imp.getWidth(), imp.getHeight() }, new Fraction());
		img.setLinkedType(new ARGBType(img));
		return img;
	}

	/**
	 * @param argb RGB pixels
	 * @return read-only views of their red, green and blue values (0..255), in that order
	 */
	public static List<RandomAccessibleInterval<FloatType>> colours(final RandomAccessibleInterval<ARGBType> argb) {
		final List<RandomAccessibleInterval<FloatType>> out = new ArrayList<>();
		for (int c = 0; c < 3; c++) {
			final int shift = 16 - 8 * c;
			out.add(Converters.convert(argb, (in, o) -> o.setReal((in.get() >> shift) & 0xff), new FloatType()));
		}
		return out;
	}

	/**
	 * @param imp an 8-bit, 16-bit or 32-bit image
	 * @return one view per channel, each X x Y (x planes)
	 */
	public static List<RandomAccessibleInterval<? extends RealType<?>>> channels(final ImagePlus imp) {
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>();
		for (int c = 1; c <= imp.getNChannels(); c++)
			out.add(channel(imp, c));
		return out;
	}

	/**
	 * @param imp an 8-bit, 16-bit or 32-bit image
	 * @param channel 1-based channel
	 * @return the planes of that channel, X x Y (x planes)
	 */
	public static RandomAccessibleInterval<? extends RealType<?>> channel(final ImagePlus imp, final int channel) {
		final ImageStack stack = imp.getStack();
		final List<Object> arrays = new ArrayList<>();
		for (int t = 1; t <= imp.getNFrames(); t++)
			for (int z = 1; z <= imp.getNSlices(); z++)
				arrays.add(stack.getPixels(imp.getStackIndex(channel, z, t)));
		return view(imp, arrays, imp.getBitDepth());
	}

	/**
	 * @param imp the image the arrays belong to (for its width, height and description)
	 * @param arrays pixel arrays of some of its planes
	 * @param bitDepth 8, 16 or 32
	 * @return the planes as one view, X x Y (x planes when there are several), writable
	 */
	public static RandomAccessibleInterval<? extends RealType<?>> view(final ImagePlus imp, final List<Object> arrays, final int bitDepth) {
		final long[] dims = dimensions(imp, arrays.size());
		switch (bitDepth) {
			case 8: {
				final List<ByteArray> slices = new ArrayList<>();
				arrays.forEach(a -> slices.add(new ByteArray((byte[]) a)));
				final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(slices, dims, new Fraction());
				img.setLinkedType(new UnsignedByteType(img));
				return img;
			}
			case 16: {
				final List<ShortArray> slices = new ArrayList<>();
				arrays.forEach(a -> slices.add(new ShortArray((short[]) a)));
				final PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(slices, dims, new Fraction());
				img.setLinkedType(new UnsignedShortType(img));
				return img;
			}
			case 32: {
				final List<FloatArray> slices = new ArrayList<>();
				arrays.forEach(a -> slices.add(new FloatArray((float[]) a)));
				final PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(slices, dims, new Fraction());
				img.setLinkedType(new FloatType(img));
				return img;
			}
			default:
				throw new IllegalArgumentException("Need an 8-bit, 16-bit or 32-bit image, got " + describe(imp) + ".");
		}
	}

	/**
	 * A new single-channel image with the planes of {@code like}, black, for labels.
	 *
	 * @param title title of the new image
	 * @param like the image whose width, height, slices and frames to copy
	 * @param bitDepth 8 or 16
	 * @return the image, not shown
	 */
	public static ImagePlus newPlanes(final String title, final ImagePlus like, final int bitDepth) {
		final ImageStack stack = new ImageStack(like.getWidth(), like.getHeight());
		final int planes = planes(like);
		for (int p = 0; p < planes; p++)
			stack.addSlice(null, bitDepth == 8 ? new byte[like.getWidth() * like.getHeight()] : new short[like.getWidth() * like.getHeight()]);
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, like.getNSlices(), like.getNFrames());
		if (planes > 1) imp.setOpenAsHyperStack(like.isHyperStack());
		return imp;
	}

	/** @return an 8-bit or 16-bit single-channel image's planes for writing integers, X x Y (x planes) */
	@SuppressWarnings("unchecked")
	public static RandomAccessibleInterval<? extends IntegerType<?>> integers(final ImagePlus labels) {
		if (labels.getBitDepth() != 8 && labels.getBitDepth() != 16) throw new IllegalArgumentException("Need an 8-bit or 16-bit image, got " + describe(labels) + ".");
		return (RandomAccessibleInterval<? extends IntegerType<?>>) channel(labels, 1);
	}

	/**
	 * A copy of every pixel of {@code imp} (whatever its ROI), with its dimensions, calibration and, for
	 * composite images, display mode and LUTs.
	 *
	 * @param imp the image to copy
	 * @param title title of the copy
	 * @return the copy, not shown
	 */
	public static ImagePlus copy(final ImagePlus imp, final String title) {
		final ImagePlus copy = copyPlanes(imp, title, ImageProcessor::duplicate);
		if (!imp.isComposite() && imp.getType() != ImagePlus.COLOR_RGB) copy.setDisplayRange(imp.getDisplayRangeMin(), imp.getDisplayRangeMax());
		return copy;
	}

	/**
	 * A 32-bit copy of every pixel of an 8-, 16- or 32-bit image (raw values), with its dimensions,
	 * calibration and, for composite images, display mode and LUTs.
	 *
	 * @param imp the image to copy
	 * @param title title of the copy
	 * @return the copy, not shown
	 */
	public static ImagePlus floatCopy(final ImagePlus imp, final String title) {
		final ImagePlus copy = copyPlanes(imp, title, ip -> imp.getBitDepth() == 32 ? ip.duplicate() : ip.convertToFloat());
		copy.getCalibration().disableDensityCalibration();
		return copy;
	}

	/** Every plane copied by {@code plane}, with dimensions, composite mode and LUTs (or colour model), calibration. */
	private static ImagePlus copyPlanes(final ImagePlus imp, final String title, final UnaryOperator<ImageProcessor> plane) {
		final ImageStack source = imp.getStack();
		final ImageStack stack = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int i = 1; i <= source.getSize(); i++)
			stack.addSlice(source.getSliceLabel(i), plane.apply(source.getProcessor(i)));
		ImagePlus copy = new ImagePlus(title, stack);
		copy.setDimensions(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
		if (imp.isComposite()) {
			final CompositeImage composite = new CompositeImage(copy, ((CompositeImage) imp).getMode());
			final LUT[] luts = ((CompositeImage) imp).getLuts();
			if (luts != null) composite.setLuts(luts);
			copy = composite;
		}
		else if (imp.getType() != ImagePlus.COLOR_RGB) copy.getProcessor().setColorModel(imp.getProcessor().getColorModel());
		if (source.getSize() > 1) copy.setOpenAsHyperStack(imp.isHyperStack());
		copy.setCalibration(imp.getCalibration().copy());
		return copy;
	}

	/**
	 * A new single-channel image of {@code planes} slices, black, for labels.
	 *
	 * @param title title of the new image
	 * @param width width
	 * @param height height
	 * @param planes number of slices
	 * @param bitDepth 8 or 16
	 * @return the image, not shown
	 */
	public static ImagePlus newStack(final String title, final int width, final int height, final int planes, final int bitDepth) {
		final ImageStack stack = new ImageStack(width, height);
		for (int p = 0; p < planes; p++)
			stack.addSlice(null, bitDepth == 8 ? new byte[width * height] : new short[width * height]);
		return new ImagePlus(title, stack);
	}

	/** @return e.g. "a single-channel 8-bit image" or "a 3-channel 16-bit image" */
	public static String describe(final ImagePlus imp) {
		final String type = imp.getType() == ImagePlus.COLOR_RGB ? "RGB" : imp.getBitDepth() + "-bit";
		final String channels = imp.getNChannels() == 1 ? "single-channel" : imp.getNChannels() + "-channel";
		return "a " + channels + " " + type + " image";
	}

	private static long[] dimensions(final ImagePlus imp, final int planes) {
		return planes == 1 ? new long[] { imp.getWidth(), imp.getHeight() } : new long[] { imp.getWidth(), imp.getHeight(), planes };
	}
}
