package io.github.pixelclustering.ward;

import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

/**
 * A sparse, symmetric neighbourhood graph over the pixels (or voxels) of a 2D or 3D grid, optionally
 * restricted to a mask: scikit-learn's {@code grid_to_graph}, with more neighbourhoods.
 * <p>
 * Vertices are the masked pixels numbered in raster order (x fastest, then y, then z), which is the
 * order of scikit-learn's {@code grid_to_graph(nz, ny, nx, mask=...)} on an array indexed
 * {@code [z, y, x]}. Neighbourhoods: 4 or 8 in 2D (edge or edge + corner neighbours), 6, 18 or 26 in 3D
 * (face, + edge, + corner neighbours); scikit-learn's grid graph is 4 (2D) or 6 (3D). No self loops.
 * <p>
 * Memory: a grid graph stores no edges; it finds a pixel's neighbours from its position when asked, so
 * it holds nothing without a mask and two {@code int}s per pixel with one (the grid point of every
 * vertex, and the vertex of every grid point). Edges added to link components, and graphs made from
 * explicit edges, are stored in compressed rows.
 */
public final class GridGraph {

	private final int vertices;
	/** Explicit graphs: compressed rows (null for grids). */
	private final int[] offsets;
	private final int[] neighbours;
	/** Grids: size, and the raster steps (dx, dy, dz) to the neighbours, in increasing raster offset. */
	private final int w;
	private final int h;
	private final int depth;
	private final int[] steps;
	/** Grids with a mask: vertex of every grid point (-1 outside) and grid point of every vertex; else null. */
	private final int[] index;
	private final int[] position;
	/** Grids: edges added to link components, in compressed rows (null for none). */
	private final int[] extraOffsets;
	private final int[] extraNeighbours;
	private final int maxDegree;

	private GridGraph(final int vertices, final int[] offsets, final int[] neighbours) {
		this.vertices = vertices;
		this.offsets = offsets;
		this.neighbours = neighbours;
		this.w = 0;
		this.h = 0;
		this.depth = 0;
		this.steps = null;
		this.index = null;
		this.position = null;
		this.extraOffsets = null;
		this.extraNeighbours = null;
		int max = 0;
		for (int v = 0; v < vertices; v++)
			max = Math.max(max, offsets[v + 1] - offsets[v]);
		this.maxDegree = max;
	}

	private GridGraph(final int vertices, final int[] size, final int[] steps, final int[] index, final int[] position, final int[] extraOffsets, final int[] extraNeighbours) {
		this.vertices = vertices;
		this.offsets = null;
		this.neighbours = null;
		this.w = size[0];
		this.h = size[1];
		this.depth = size[2];
		this.steps = steps;
		this.index = index;
		this.position = position;
		this.extraOffsets = extraOffsets;
		this.extraNeighbours = extraNeighbours;
		int most = 0;
		if (extraOffsets != null) for (int v = 0; v < vertices; v++)
			most = Math.max(most, extraOffsets[v + 1] - extraOffsets[v]);
		this.maxDegree = steps.length / 3 + most;
	}

	/**
	 * A graph from explicit edges, for tests and callers that have their own neighbourhood.
	 *
	 * @param vertices number of vertices
	 * @param edges pairs {@code a0, b0, a1, b1, ...} of vertex indices; each pair is an undirected edge
	 *        (duplicates and self loops are ignored)
	 * @return the graph
	 */
	public static GridGraph ofEdges(final int vertices, final int[] edges) {
		if (vertices < 1) throw new IllegalArgumentException("a graph needs at least 1 vertex, got " + vertices);
		if (edges.length % 2 != 0) throw new IllegalArgumentException("edges must come in pairs, got " + edges.length + " indices");
		final int[] degree = new int[vertices + 1];
		for (final int v : edges) {
			if (v < 0 || v >= vertices) throw new IllegalArgumentException("edge vertex must be in 0.." + (vertices - 1) + ", got " + v);
		}
		for (int e = 0; e < edges.length; e += 2) {
			if (edges[e] == edges[e + 1]) continue;
			degree[edges[e] + 1]++;
			degree[edges[e + 1] + 1]++;
		}
		for (int v = 0; v < vertices; v++)
			degree[v + 1] += degree[v];
		final int[] fill = Arrays.copyOf(degree, vertices);
		final int[] adj = new int[degree[vertices]];
		for (int e = 0; e < edges.length; e += 2) {
			final int a = edges[e];
			final int b = edges[e + 1];
			if (a == b) continue;
			adj[fill[a]++] = b;
			adj[fill[b]++] = a;
		}
		return dedupe(vertices, degree, adj);
	}

	/**
	 * The neighbourhood graph of a grid.
	 *
	 * @param dims grid size, x first: {@code {w, h}} or {@code {w, h, d}}
	 * @param mask which grid points are vertices (raster order, length w*h(*d)), or null for all
	 * @param neighbourhood 4 or 8 for 2D grids; 6, 18 or 26 for 3D grids
	 * @param runner where to run (unused: the neighbours are found when asked)
	 * @return the graph over the masked points
	 */
	public static GridGraph grid(final int[] dims, final boolean[] mask, final int neighbourhood, final TaskRunner runner) {
		return grid(dims, mask, neighbourhood, runner, ProgressListener.NONE);
	}

	/**
	 * The neighbourhood graph of a grid, with progress.
	 *
	 * @param dims grid size, x first: {@code {w, h}} or {@code {w, h, d}}
	 * @param mask which grid points are vertices (raster order, length w*h(*d)), or null for all
	 * @param neighbourhood 4 or 8 for 2D grids; 6, 18 or 26 for 3D grids
	 * @param runner where to run
	 * @param listener progress and cancellation
	 * @return the graph over the masked points
	 */
	public static GridGraph grid(final int[] dims, final boolean[] mask, final int neighbourhood, final TaskRunner runner, final ProgressListener listener) {
		final int[][] steps = steps(dims.length, neighbourhood);
		for (final int size : dims)
			if (size < 1) throw new IllegalArgumentException("grid sizes must be >= 1, got " + Arrays.toString(dims));
		final int[] size = { dims[0], dims[1], dims.length == 3 ? dims[2] : 1 };
		final long points = (long) size[0] * size[1] * size[2];
		if (points > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("at most " + Integer.MAX_VALUE / 2 + " pixels, got " + points);
		final int n = (int) points;
		if (mask != null && mask.length != n) throw new IllegalArgumentException("mask must have " + n + " values (one per grid point), got " + mask.length);
		final int[] flat = new int[3 * steps.length];
		for (int s = 0; s < steps.length; s++)
			System.arraycopy(steps[s], 0, flat, 3 * s, 3);
		if (mask == null) return new GridGraph(n, size, flat, null, null, null, null);
		final int[] index = new int[n];
		int vertices = 0;
		for (int p = 0; p < n; p++)
			index[p] = mask[p] ? vertices++ : -1;
		if (vertices == 0) throw new IllegalArgumentException("the mask must contain at least one pixel, got none");
		final int[] position = new int[vertices];
		for (int p = 0; p < n; p++)
			if (index[p] >= 0) position[index[p]] = p;
		listener.checkCanceled();
		listener.progress(1, "Building the pixel graph");
		return new GridGraph(vertices, size, flat, index, position, null, null);
	}

	/** @return number of vertices */
	public int vertices() {
		return vertices;
	}

	/** @return number of undirected edges (a grid counts them, in time proportional to its pixels) */
	public long edges() {
		if (offsets != null) return neighbours.length / 2;
		long sum = 0;
		for (int v = 0; v < vertices; v++)
			sum += neighbours(v, null);
		return sum / 2;
	}

	/** @return the largest number of neighbours of a vertex (at most; a bound for {@link #neighbours}) */
	public int maxDegree() {
		return maxDegree;
	}

	/** @return the number of neighbours of vertex {@code v} */
	public int degree(final int v) {
		return offsets != null ? offsets[v + 1] - offsets[v] : neighbours(v, null);
	}

	/**
	 * Returns one neighbour; for all neighbours of a vertex {@link #neighbours} is faster.
	 *
	 * @return the {@code i}-th neighbour of vertex {@code v} (increasing order)
	 */
	public int neighbour(final int v, final int i) {
		if (offsets != null) return neighbours[offsets[v] + i];
		final int[] out = new int[maxDegree];
		final int count = neighbours(v, out);
		if (i < 0 || i >= count) throw new IndexOutOfBoundsException("vertex " + v + " has " + count + " neighbours, asked for " + i);
		return out[i];
	}

	/**
	 * Writes the neighbours of a vertex, in increasing order.
	 *
	 * @param v the vertex
	 * @param out where to write them, at least {@link #maxDegree()} long; null to count only
	 * @return the number of neighbours
	 */
	public int neighbours(final int v, final int[] out) {
		if (offsets != null) {
			final int count = offsets[v + 1] - offsets[v];
			if (out != null) System.arraycopy(neighbours, offsets[v], out, 0, count);
			return count;
		}
		final int p = position == null ? v : position[v];
		final int x = p % w;
		final int y = p / w % h;
		final int z = p / w / h;
		int count = 0;
		for (int s = 0; s < steps.length; s += 3) {
			final int nx = x + steps[s];
			final int ny = y + steps[s + 1];
			final int nz = z + steps[s + 2];
			if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= depth) continue;
			final int q = index == null ? (nz * h + ny) * w + nx : index[(nz * h + ny) * w + nx];
			if (q < 0) continue;
			if (out != null) out[count] = q;
			count++;
		}
		if (extraOffsets == null || extraOffsets[v] == extraOffsets[v + 1]) return count;
		final int more = extraOffsets[v + 1] - extraOffsets[v];
		if (out != null) {
			System.arraycopy(extraNeighbours, extraOffsets[v], out, count, more);
			Arrays.sort(out, 0, count + more);
		}
		return count + more;
	}

	/**
	 * Connected components, numbered in the order of their smallest vertex (as SciPy's
	 * {@code connected_components}).
	 *
	 * @return the component of every vertex; its length is {@link #vertices()}, the number of components
	 *         is the largest value + 1
	 */
	public int[] components() {
		final int[] label = new int[vertices];
		if (offsets == null && index == null && extraOffsets == null) return label; // a full grid is connected
		Arrays.fill(label, -1);
		final int[] stack = new int[vertices];
		final int[] around = new int[maxDegree];
		int next = 0;
		for (int s = 0; s < vertices; s++) {
			if (label[s] >= 0) continue;
			int top = 0;
			stack[top++] = s;
			label[s] = next;
			while (top > 0) {
				final int v = stack[--top];
				final int count = neighbours(v, around);
				for (int e = 0; e < count; e++) {
					final int u = around[e];
					if (label[u] < 0) {
						label[u] = next;
						stack[top++] = u;
					}
				}
			}
			next++;
		}
		return label;
	}

	/**
	 * @param more pairs of vertices to link
	 * @return this graph with the extra undirected edges
	 */
	GridGraph withEdges(final int[] more) {
		if (more.length == 0) return this;
		if (offsets == null) {
			// the grid stays implicit; the new edges that are not grid edges go to compressed rows
			final int[] around = new int[maxDegree];
			final boolean[] keep = new boolean[more.length / 2];
			final int[] degree = new int[vertices + 1];
			for (int i = 0; i < more.length; i += 2) {
				final int a = more[i];
				final int b = more[i + 1];
				if (a == b || isNeighbour(a, b, around)) continue;
				keep[i / 2] = true;
				degree[a + 1]++;
				degree[b + 1]++;
			}
			if (extraOffsets != null) for (int v = 0; v < vertices; v++)
				degree[v + 1] += extraOffsets[v + 1] - extraOffsets[v];
			for (int v = 0; v < vertices; v++)
				degree[v + 1] += degree[v];
			final int[] fill = Arrays.copyOf(degree, vertices);
			final int[] adj = new int[degree[vertices]];
			if (extraOffsets != null) for (int v = 0; v < vertices; v++)
				for (int e = extraOffsets[v]; e < extraOffsets[v + 1]; e++)
					adj[fill[v]++] = extraNeighbours[e];
			for (int i = 0; i < more.length; i += 2) {
				if (!keep[i / 2]) continue;
				adj[fill[more[i]]++] = more[i + 1];
				adj[fill[more[i + 1]]++] = more[i];
			}
			final GridGraph rows = dedupe(vertices, degree, adj);
			return new GridGraph(vertices, new int[] { w, h, depth }, steps, index, position, rows.offsets, rows.neighbours);
		}
		final int[] all = new int[neighbours.length + more.length];
		int e = 0;
		for (int v = 0; v < vertices; v++)
			for (int i = offsets[v]; i < offsets[v + 1]; i++)
				if (neighbours[i] > v) {
					all[e++] = v;
					all[e++] = neighbours[i];
				}
		System.arraycopy(more, 0, all, e, more.length);
		return ofEdges(vertices, Arrays.copyOf(all, e + more.length));
	}

	// -- Helper methods --

	private boolean isNeighbour(final int a, final int b, final int[] around) {
		final int count = neighbours(a, around);
		for (int e = 0; e < count; e++)
			if (around[e] == b) return true;
		return false;
	}

	private static GridGraph dedupe(final int vertices, final int[] offsets, final int[] adj) {
		final int[] out = new int[vertices + 1];
		int e = 0;
		for (int v = 0; v < vertices; v++) {
			final int start = e;
			Arrays.sort(adj, offsets[v], offsets[v + 1]);
			for (int i = offsets[v]; i < offsets[v + 1]; i++)
				if (e == start || adj[e - 1] != adj[i]) adj[e++] = adj[i];
			out[v + 1] = e;
		}
		return new GridGraph(vertices, out, Arrays.copyOf(adj, e));
	}

	/** Neighbour steps (dx, dy, dz) in increasing raster offset, so neighbours come out sorted. */
	static int[][] steps(final int dimensions, final int neighbourhood) {
		if (dimensions == 2 && neighbourhood != 4 && neighbourhood != 8) throw new IllegalArgumentException("2D connectivity must be 4 or 8, got " + neighbourhood);
		if (dimensions == 3 && neighbourhood != 6 && neighbourhood != 18 && neighbourhood != 26) throw new IllegalArgumentException("3D connectivity must be 6, 18 or 26, got " + neighbourhood);
		if (dimensions != 2 && dimensions != 3) throw new IllegalArgumentException("grids must be 2D or 3D, got " + dimensions + "D");
		final int[][] out = new int[26][];
		int count = 0;
		for (int dz = -1; dz <= 1; dz++)
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					final int order = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
					if (order == 0) continue;
					if (dimensions == 2 && dz != 0) continue;
					final int max = neighbourhood == 4 || neighbourhood == 6 ? 1 : neighbourhood == 18 || neighbourhood == 8 ? 2 : 3;
					if (order > max) continue;
					out[count++] = new int[] { dx, dy, dz };
				}
		return Arrays.copyOf(out, count);
	}
}
