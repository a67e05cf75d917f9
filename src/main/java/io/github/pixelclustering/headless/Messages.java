package io.github.pixelclustering.headless;

/** One-line messages of the command line and the macro bridge. */
final class Messages {

	private Messages() {}

	/**
	 * The message with the command's name in front, unless it names the command already
	 * ({@code "Cluster Slices needs a stack ..."} stays as it is).
	 *
	 * @param command a menu label, e.g. "Colour Quantization"
	 * @param message what went wrong
	 * @return one line that names the command once
	 */
	static String named(final String command, final String message) {
		if (message == null || message.isEmpty()) return command + " failed.";
		return message.contains(command) ? message : command + ": " + message;
	}
}
