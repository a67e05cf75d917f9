package io.github.pixelclustering.output;

import ij.measure.ResultsTable;

import java.io.File;
import java.util.List;
import java.util.Map;

/**
 * What a command tells the command line after a run, besides its image outputs: numbers for the JSON
 * summary line, the tables to save, and files it wrote itself.
 */
public interface RunSummary {

	/** @return named values (numbers or strings) describing the run, in a stable order */
	Map<String, Object> summary();

	/** @return the tables the run published, each with the title it was published under */
	Map<String, ResultsTable> tables();

	/** @return files the run wrote itself (e.g. ROI sets in headless runs) */
	List<File> files();
}
