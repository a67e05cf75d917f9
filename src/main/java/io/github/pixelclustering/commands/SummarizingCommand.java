package io.github.pixelclustering.commands;

import io.github.pixelclustering.output.RunSummary;

import ij.measure.ResultsTable;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import org.scijava.command.DynamicCommand;

/**
 * What our dynamic commands share: the run summary (summary line, tables, files written) and the way a
 * run ends: bad input cancels with its message, a cancellation by the user with the command's own
 * message, and the progress display is closed in every case.
 */
abstract class SummarizingCommand extends DynamicCommand implements RunSummary {

	/** The summary line of the run (command line JSON). */
	protected final Map<String, Object> summary = new LinkedHashMap<>();
	/** The tables published, by title. */
	protected final Map<String, ResultsTable> tables = new LinkedHashMap<>();
	/** The files written (e.g. ROI sets without a display). */
	protected final List<File> files = new ArrayList<>();

	/**
	 * @param progress the run's progress display, closed at the end
	 * @param canceled the message when the user cancels
	 * @param work the run
	 */
	protected final void guarded(final CommandProgress progress, final String canceled, final Runnable work) {
		try {
			work.run();
		}
		catch (final IllegalArgumentException e) {
			cancel(e.getMessage());
		}
		catch (final CancellationException e) {
			cancel(canceled);
		}
		finally {
			progress.done();
		}
	}

	@Override
	public Map<String, Object> summary() {
		return summary;
	}

	@Override
	public Map<String, ResultsTable> tables() {
		return tables;
	}

	@Override
	public List<File> files() {
		return files;
	}
}
