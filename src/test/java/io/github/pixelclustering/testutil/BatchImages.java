package io.github.pixelclustering.testutil;

import ij.ImagePlus;
import ij.macro.Interpreter;

/** Makes images findable by title without a display, as in a macro's batch mode. */
public final class BatchImages {

	private BatchImages() {}

	/**
	 * @param images images to register while the action runs
	 * @param action what to run
	 */
	public static void with(final ImagePlus[] images, final Runnable action) {
		final boolean was = Interpreter.batchMode;
		Interpreter.batchMode = true;
		for (final ImagePlus imp : images)
			Interpreter.addBatchModeImage(imp);
		try {
			action.run();
		}
		finally {
			for (final ImagePlus imp : images)
				Interpreter.removeBatchModeImage(imp);
			Interpreter.batchMode = was;
		}
	}
}
