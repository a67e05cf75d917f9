package io.github.pixelclustering.imglib;

import io.github.pixelclustering.core.ProgressListener;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.parallel.TaskExecutor;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.util.Intervals;

/**
 * The primitive arrays behind an {@link ArrayImg} or a {@link PlanarImg} (one element per pixel), in
 * flat iteration order: loops over them skip ImgLib2's cursors. Images of any other kind (views, cell
 * images, packed types such as {@code BitType}) have none; their callers take the generic path.
 */
public final class FlatArrays {

	/** Pixels of one block of work: at most this many, so that a thread's block stays in the cache. */
	static final int BLOCK = 1 << 16;

	private final Object[] arrays;
	private final long planeSize;
	private final long size;

	private FlatArrays(final Object[] arrays, final long planeSize, final long size) {
		this.arrays = arrays;
		this.planeSize = planeSize;
		this.size = size;
	}

	/** A run of pixels in one array of every image it covers: flat indices {@code from..from+length-1}. */
	@FunctionalInterface
	public interface Run {

		void run(long from, int length);
	}

	/** The work on the flat indices {@code from..to-1} (one block, run on one thread). */
	@FunctionalInterface
	public interface Block {

		void run(long from, long to);
	}

	/**
	 * @param image any image
	 * @return its arrays, or null when it is not an {@code ArrayImg} or {@code PlanarImg} of primitive
	 *         arrays with one element per pixel
	 */
	public static FlatArrays of(final RandomAccessibleInterval<?> image) {
		if (!(image instanceof ArrayImg || image instanceof PlanarImg)) return null;
		final Object type = image.getType();
		if (!(type instanceof NativeType) || ((NativeType<?>) type).getEntitiesPerPixel().getRatio() != 1) return null;
		final long size = Intervals.numElements(image);
		final List<Object> arrays = new ArrayList<>();
		if (image instanceof ArrayImg) {
			final Object access = ((ArrayImg<?, ?>) image).update(null);
			if (!(access instanceof ArrayDataAccess)) return null;
			arrays.add(((ArrayDataAccess<?>) access).getCurrentStorageArray());
		}
		else {
			final PlanarImg<?, ?> planar = (PlanarImg<?, ?>) image;
			for (int p = 0; p < planar.numSlices(); p++) {
				final Object access = planar.getPlane(p);
				if (!(access instanceof ArrayDataAccess)) return null;
				arrays.add(((ArrayDataAccess<?>) access).getCurrentStorageArray());
			}
		}
		if (arrays.isEmpty() || size == 0) return null;
		final long planeSize = size / arrays.size();
		for (final Object a : arrays)
			if (a == null || !a.getClass().isArray() || java.lang.reflect.Array.getLength(a) < planeSize) return null;
		return new FlatArrays(arrays.toArray(), planeSize, size);
	}

	/**
	 * @param type an integer pixel type
	 * @return the array that holds it, one element per pixel: {@code byte[]} for (unsigned) bytes,
	 *         {@code short[]} for (unsigned) shorts, {@code int[]} for (unsigned) ints, else null
	 */
	public static Class<?> integerArray(final Object type) {
		return type instanceof UnsignedByteType || type instanceof ByteType ? byte[].class : type instanceof UnsignedShortType || type instanceof ShortType ? short[].class : type instanceof IntType || type instanceof UnsignedIntType ? int[].class : null;
	}

	/** @return the pixels */
	public long size() {
		return size;
	}

	/** @return the array holding flat index {@code i} */
	public Object array(final long i) {
		return arrays[(int) (i / planeSize)];
	}

	/** @return where flat index {@code i} is in {@link #array(long)} */
	public int offset(final long i) {
		return (int) (i % planeSize);
	}

	/** @return whether every array is a {@code type} (e.g. {@code int[].class}) */
	public boolean holds(final Class<?> type) {
		return arrays[0].getClass() == type;
	}

	/**
	 * Splits {@code from..to-1} into runs that stay inside one array of each of the images.
	 *
	 * @param parts images of the same size (null entries are skipped)
	 */
	public static void runs(final long from, final long to, final Run run, final FlatArrays... parts) {
		long i = from;
		while (i < to) {
			long end = to;
			for (final FlatArrays p : parts)
				if (p != null) end = Math.min(end, (i / p.planeSize + 1) * p.planeSize);
			run.run(i, (int) (end - i));
			i = end;
		}
	}

	/**
	 * Runs the work over {@code 0..size-1}: at most {@value Slabs#COUNT} slabs one after the other
	 * (progress and cancellation checked between slabs, on the calling thread), each split into blocks of
	 * at most {@value #BLOCK} pixels run by the task executor of the calling thread's
	 * {@link Parallelization}. A slab holds at least {@value #BLOCK} pixels a thread: a small image is not
	 * cut into slabs whose hand-over to the threads costs more than their work (on 0.27 megapixels, 32
	 * slabs on 2 threads took 2 ms more than 1 thread).
	 *
	 * @param size pixels
	 * @param listener progress and cancellation
	 * @param message progress message
	 * @param block the work on one block; blocks run in any order, on any thread
	 */
	public static void forEachBlock(final long size, final ProgressListener listener, final String message, final Block block) {
		final TaskExecutor executor = Parallelization.getTaskExecutor();
		final long step = Math.max((long) BLOCK * executor.getParallelism(), (size + Slabs.COUNT - 1) / Slabs.COUNT);
		for (long from = 0; from < size; from += step) {
			listener.checkCanceled();
			final long to = Math.min(size, from + step);
			final long blocks = Math.max((to - from + BLOCK - 1) / BLOCK, Math.min(to - from, executor.getParallelism()));
			final long length = (to - from + blocks - 1) / blocks;
			final List<Runnable> tasks = new ArrayList<>();
			for (long b = from; b < to; b += length) {
				final long a = b, e = Math.min(to, b + length);
				tasks.add(() -> block.run(a, e));
			}
			if (tasks.size() == 1 || executor.getParallelism() <= 1) tasks.forEach(Runnable::run);
			else executor.runAll(tasks);
			listener.progress((double) to / size, message);
		}
	}
}
