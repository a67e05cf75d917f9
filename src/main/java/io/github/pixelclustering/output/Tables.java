package io.github.pixelclustering.output;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

import java.awt.GraphicsEnvironment;
import java.util.Map;

/** Shows result tables: in a window of their own, or, without a display, as the Results table. */
public final class Tables {

	private Tables() {}

	/**
	 * Shows the table in a window titled {@code title}. Without a display no window can open, so the
	 * table becomes ImageJ's Results table instead: macros then read it with {@code nResults} and
	 * {@code getResult}, and save it with {@code Table.save(path)}.
	 *
	 * @param table the table
	 * @param title its window title
	 * @param decimals decimal places of some columns, by heading (applied after ImageJ resets them when
	 *        the table becomes the Results table)
	 */
	public static void publish(final ResultsTable table, final String title, final Map<String, Integer> decimals) {
		final boolean headless = GraphicsEnvironment.isHeadless();
		if (headless) Analyzer.setResultsTable(table);
		decimals.forEach((heading, places) -> {
			final int column = table.getColumnIndex(heading);
			if (column >= 0) table.setDecimalPlaces(column, places);
		});
		if (!headless) table.show(title);
	}
}
