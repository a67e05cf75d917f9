package io.github.pixelclustering.commands;

import io.github.pixelclustering.output.RunSummary;

import ij.measure.ResultsTable;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.command.DynamicCommand;

/**
 * What our dynamic commands share: the run summary (summary line, tables, files written). The way a run
 * ends is {@link CommandProgress#guard}, which Colour Quantization (a plain command) uses too.
 */
abstract class SummarizingCommand extends DynamicCommand implements RunSummary {

	/** The summary line of the run (command line JSON). */
	protected final Map<String, Object> summary = new LinkedHashMap<>();
	/** The tables published, by title. */
	protected final Map<String, ResultsTable> tables = new LinkedHashMap<>();
	/** The files written (e.g. ROI sets without a display). */
	protected final List<File> files = new ArrayList<>();

	@Override
	public void cancel(final String reason) {
		super.cancel(reason);
		LastCancel.record(reason);
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
