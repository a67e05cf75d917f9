package io.github.pixelclustering.spark;

/**
 * What a failed Spark job says, in one line: the message of the task's own exception (which names the
 * file and the band), not Spark's stack trace.
 */
final class SparkFailures {

	private SparkFailures() {}

	/**
	 * @param e what the driver caught
	 * @return the first line that says what went wrong in the task
	 */
	static String reason(final Throwable e) {
		// local mode keeps the task's exception as a cause: the first that is not a wrapper of the next
		for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
			final boolean wrapper = t.getCause() != null && t.getCause().toString().equals(t.getMessage());
			if (!wrapper && t.getMessage() != null && !(t instanceof org.apache.spark.SparkException)) return t.getMessage().split("\n", 2)[0];
		}
		final String message = e.getMessage() == null ? e.toString() : e.getMessage();
		final int recent = message.indexOf("most recent failure:");
		final String failure = recent < 0 ? message : message.substring(recent);
		final String line = failure.split("\n", 2)[0];
		// "... (executor driver): java.io.IOException: Cannot read band ..." -> the exception's message
		final int colon = line.indexOf("Exception: ");
		return colon < 0 ? line : line.substring(colon + "Exception: ".length());
	}
}
