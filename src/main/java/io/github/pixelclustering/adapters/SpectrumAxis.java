package io.github.pixelclustering.adapters;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * The energy axis of a spectrum image: which axis of an {@link ImagePlus} holds the energy channels (the
 * channels of a hyperstack, else the slices of a stack, else its frames), the calibrated energy of each
 * channel, and one X x Y view per channel over the image's own pixel arrays.
 */
public final class SpectrumAxis {

	/** Message for an image without an energy axis. */
	public static final String NO_AXIS = "A spectrum image is a stack whose slices are the energy channels (or a hyperstack whose channels are), got %s.";

	/** Message for an image with more than one candidate axis. */
	public static final String AMBIGUOUS = "%s has %d channels, %d slices and %d frames: a spectrum image has one energy axis (X x Y x E). Reduce it to one axis first.";

	/** Message for an RGB image. */
	public static final String RGB = "%s is an RGB image: a spectrum image is an 8-bit, 16-bit or 32-bit stack of energy channels.";

	/** Message for an energy range outside the axis. */
	public static final String OUTSIDE = "The energy range %s..%s %s lies outside the energy axis %s..%s %s.";

	/** Message for an energy range holding no channel. */
	public static final String EMPTY_RANGE = "The energy range %s..%s %s holds no channel (channels are %s %s apart).";

	/** Message for a reversed range. */
	public static final String REVERSED = "energy_max must be larger than energy_min (both 0 for the whole axis), got %s..%s.";

	/** Message for a negative energy scale. */
	public static final String NEGATIVE_SCALE = "energy_scale must be 0 (the stack's calibration) or more, got %s.";

	/** Unit of an uncalibrated axis. */
	public static final String CHANNEL_UNIT = "channel";

	private final ImagePlus imp;
	private final char axis;
	private final int size;
	private final double offset;
	private final double scale;
	private final String unit;

	private SpectrumAxis(final ImagePlus imp, final char axis, final int size, final double offset, final double scale, final String unit) {
		this.imp = imp;
		this.axis = axis;
		this.size = size;
		this.offset = offset;
		this.scale = scale;
		this.unit = unit;
	}

	/**
	 * @param imp the spectrum image
	 * @param energyOffset energy of the first channel, used when {@code energyScale > 0}
	 * @param energyScale energy per channel; 0 to take the calibration from the image
	 * @param energyUnit unit with {@code energyScale > 0} (empty for keV)
	 * @return its energy axis
	 */
	public static SpectrumAxis of(final ImagePlus imp, final double energyOffset, final double energyScale, final String energyUnit) {
		if (imp.getType() == ImagePlus.COLOR_RGB) throw new IllegalArgumentException(String.format(RGB, imp.getTitle()));
		if (!(energyScale >= 0) || Double.isInfinite(energyScale)) throw new IllegalArgumentException(String.format(NEGATIVE_SCALE, energyScale));
		final int c = imp.getNChannels(), z = imp.getNSlices(), t = imp.getNFrames();
		final int axes = (c > 1 ? 1 : 0) + (z > 1 ? 1 : 0) + (t > 1 ? 1 : 0);
		if (axes == 0) throw new IllegalArgumentException(String.format(NO_AXIS, ImagePlusImgs.describe(imp)));
		if (axes > 1) throw new IllegalArgumentException(String.format(AMBIGUOUS, imp.getTitle(), c, z, t));
		final char axis = c > 1 ? 'c' : z > 1 ? 'z' : 't';
		final int size = Math.max(c, Math.max(z, t));
		if (energyScale > 0) return new SpectrumAxis(imp, axis, size, energyOffset, energyScale, energyUnit == null || energyUnit.isBlank() ? "keV" : energyUnit.trim());
		final Calibration cal = imp.getCalibration();
		if (axis == 'z' && !(cal.pixelDepth == 1 && cal.zOrigin == 0 && "pixel".equals(cal.getZUnit())))
			return new SpectrumAxis(imp, axis, size, -cal.zOrigin * cal.pixelDepth, cal.pixelDepth, cal.getZUnit());
		return new SpectrumAxis(imp, axis, size, 0, 1, CHANNEL_UNIT);
	}

	/** @return number of channels */
	public int size() {
		return size;
	}

	/** @return energy of channel 0 */
	public double offset() {
		return offset;
	}

	/** @return energy step per channel */
	public double scale() {
		return scale;
	}

	/** @return energy unit ({@value #CHANNEL_UNIT} when uncalibrated) */
	public String unit() {
		return unit;
	}

	/** @return "channels", "slices" or "frames" */
	public String axisName() {
		return axis == 'c' ? "channels" : axis == 'z' ? "slices" : "frames";
	}

	/**
	 * @param channel 0-based
	 * @return its energy
	 */
	public double energy(final int channel) {
		return offset + channel * scale;
	}

	/**
	 * @param min lowest energy
	 * @param max highest energy; both 0 for the whole axis
	 * @return first and last channel (inclusive) whose energies lie in [min, max]
	 */
	public int[] channels(final double min, final double max) {
		if (min == 0 && max == 0) return new int[] { 0, size - 1 };
		if (!(max > min)) throw new IllegalArgumentException(String.format(REVERSED, min, max));
		final double lo = Math.min(energy(0), energy(size - 1)), hi = Math.max(energy(0), energy(size - 1));
		if (max < lo || min > hi) throw new IllegalArgumentException(String.format(OUTSIDE, min, max, unit, lo, hi, unit));
		int first = -1, last = -1;
		for (int k = 0; k < size; k++) {
			final double e = energy(k);
			if (e >= min && e <= max) {
				if (first < 0) first = k;
				last = k;
			}
		}
		if (first < 0) throw new IllegalArgumentException(String.format(EMPTY_RANGE, min, max, unit, scale, unit));
		return new int[] { first, last };
	}

	/** @return one X x Y view per channel, over the image's pixel arrays */
	public List<RandomAccessibleInterval<? extends RealType<?>>> views() {
		final ImageStack stack = imp.getStack();
		final List<RandomAccessibleInterval<? extends RealType<?>>> out = new ArrayList<>(size);
		for (int k = 1; k <= size; k++) {
			final int index = axis == 'c' ? imp.getStackIndex(k, 1, 1) : axis == 'z' ? imp.getStackIndex(1, k, 1) : imp.getStackIndex(1, 1, k);
			final List<Object> arrays = new ArrayList<>(1);
			arrays.add(stack.getPixels(index));
			out.add(ImagePlusImgs.view(imp, arrays, imp.getBitDepth()));
		}
		return out;
	}
}
