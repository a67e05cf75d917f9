package io.github.pixelclustering.core;

import java.util.Arrays;

/**
 * Indices grouped by their label (a counting sort): the indices labelled l, in increasing order, are
 * {@code members[start[l] .. start[l + 1])}. Indices with a negative label (e.g. -1 for none) are
 * left out.
 */
public final class LabelGroups {

	/** Where each group starts in {@link #members}, and one past the last: count + 1 entries. */
	public final int[] start;
	/** The indices, group by group, each group in increasing order. */
	public final int[] members;

	private LabelGroups(final int[] start, final int[] members) {
		this.start = start;
		this.members = members;
	}

	/**
	 * @param labels the label of every index: 0..count-1, or negative for none
	 * @param count number of labels
	 * @return the indices grouped by label
	 */
	public static LabelGroups of(final int[] labels, final int count) {
		final int[] start = new int[count + 1];
		for (final int l : labels)
			if (l >= 0) start[l + 1]++;
		for (int l = 0; l < count; l++)
			start[l + 1] += start[l];
		final int[] members = new int[start[count]];
		final int[] fill = Arrays.copyOf(start, count);
		for (int i = 0; i < labels.length; i++)
			if (labels[i] >= 0) members[fill[labels[i]]++] = i;
		return new LabelGroups(start, members);
	}

	/** @return how many indices have label l */
	public int size(final int l) {
		return start[l + 1] - start[l];
	}
}
