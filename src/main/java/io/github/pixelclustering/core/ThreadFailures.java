package io.github.pixelclustering.core;

/**
 * What went wrong on another thread, as it was thrown there. A fork-join pool rethrows an exception from
 * one of its threads as a copy of the same class whose message is the original's {@code toString()}
 * ("java.lang.IllegalArgumentException: ..."), and ImgLib2's {@code Parallelization} wraps what a task
 * throws in a plain {@link RuntimeException}: messages meant for the user must come from the original.
 */
public final class ThreadFailures {

	private ThreadFailures() {}

	/**
	 * @param thrown what a parallel run threw
	 * @return the exception it stands for: through plain {@link RuntimeException} wrappers and fork-join
	 *         copies (same class, message = the cause's {@code toString()}) to the original
	 */
	public static Throwable original(final Throwable thrown) {
		Throwable cause = thrown;
		while (cause.getCause() != null && (cause.getClass() == RuntimeException.class || cause.getClass() == cause.getCause().getClass() && String.valueOf(cause.getMessage()).equals(cause.getCause().toString())))
			cause = cause.getCause();
		return cause;
	}
}
