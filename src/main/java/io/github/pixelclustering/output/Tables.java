package io.github.pixelclustering.output;

import ij.measure.ResultsTable;
import ij.plugin.filter.Analyzer;

import java.awt.GraphicsEnvironment;
import java.util.Map;

/** Shows result tables: in a window of their own, or, without a display, as the Results table. */
public final class Tables {

	/** Decimal places of a table of counts: labels and pixels whole, fractions to 1e-6. */
	public static final Map<String, Integer> COUNT_DECIMALS = Map.of("label", 0, "pixels", 0, "fraction", 6);
	/** Decimal places of a table of counts with centroid pixels (spectrum clusters): positions whole. */
	public static final Map<String, Integer> CENTROID_DECIMALS = Map.of("label", 0, "pixels", 0, "fraction", 6, "centroid_x", 0, "centroid_y", 0);

	private Tables() {}

	/**
	 * @param columns values by heading, all columns as long
	 * @param decimals decimal places of some columns, by heading
	 * @return a table of them, one row per value, without row numbers
	 */
	public static ResultsTable of(final Map<String, double[]> columns, final Map<String, Integer> decimals) {
		final ResultsTable table = new ResultsTable();
		table.showRowNumbers(false);
		final int rows = columns.isEmpty() ? 0 : columns.values().iterator().next().length;
		for (int r = 0; r < rows; r++) {
			table.incrementCounter();
			for (final Map.Entry<String, double[]> column : columns.entrySet())
				table.addValue(column.getKey(), column.getValue()[r]);
		}
		decimals.forEach((heading, places) -> {
			final int column = table.getColumnIndex(heading);
			if (column >= 0) table.setDecimalPlaces(column, places);
		});
		return table;
	}

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
