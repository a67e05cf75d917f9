package io.github.pixelclustering.ward;

import io.github.pixelclustering.core.Chunks;
import io.github.pixelclustering.core.ProgressListener;
import io.github.pixelclustering.core.SharedProgress;
import io.github.pixelclustering.core.TaskRunner;

import java.util.Arrays;

/**
 * A sparse, symmetric neighbourhood graph over the pixels (or voxels) of a 2D or 3D grid, optionally
 * restricted to a mask: scikit-learn's {@code grid_to_graph}, with more neighbourhoods.
 * <p>
 * Vertices are the masked pixels numbered in raster order (x fastest, then y, then z), which is the
 * order of scikit-learn's {@code grid_to_graph(nz, ny, nx, mask=...)} on an array indexed
 * {@code [z, y, x]}. Neighbourhoods: 4 or 8 in 2D (edge or edge + corner neighbours), 6, 18 or 26 in 3D
 * (face, + edge, + corner neighbours); scikit-learn's grid graph is 4 (2D) or 6 (3D). Edges are stored
 * once per direction in compressed rows (no self loops), so memory is proportional to pixels x
 * neighbours.
 */
public final class GridGraph {

	private final int vertices;
	private final int[] offsets;
	private final int[] neighbours;

	GridGraph(final int vertices, final int[] offsets, final int[] neighbours) {
		this.vertices = vertices;
		this.offsets = offsets;
		this.neighbours = neighbours;
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
	 * @param runner where to run
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
		final int w = dims[0];
		final int h = dims[1];
		final int d = dims.length == 3 ? dims[2] : 1;
		for (final int size : dims)
			if (size < 1) throw new IllegalArgumentException("grid sizes must be >= 1, got " + Arrays.toString(dims));
		final long points = (long) w * h * d;
		if (points > Integer.MAX_VALUE / 2) throw new IllegalArgumentException("at most " + Integer.MAX_VALUE / 2 + " pixels, got " + points);
		final int n = (int) points;
		if (mask != null && mask.length != n) throw new IllegalArgumentException("mask must have " + n + " values (one per grid point), got " + mask.length);
		// index of every grid point among the vertices, -1 outside the mask
		final int[] index = new int[n];
		int vertices = 0;
		for (int p = 0; p < n; p++)
			index[p] = mask == null || mask[p] ? vertices++ : -1;
		if (vertices == 0) throw new IllegalArgumentException("the mask must contain at least one pixel, got none");
		final int[] position = new int[vertices];
		for (int p = 0; p < n; p++)
			if (index[p] >= 0) position[index[p]] = p;
		final int[] offsets = new int[vertices + 1];
		final Chunks chunks = Chunks.of(vertices, 16384);
		final int count = vertices;
		final SharedProgress progress = new SharedProgress(listener, 2.0 * vertices);
		// pass 1: degrees; pass 2: neighbours, in increasing vertex order
		chunks.forEach(runner, (c, start, end) -> {
			listener.checkCanceled();
			for (int v = start; v < end; v++)
				offsets[v + 1] = visit(position[v], w, h, d, steps, index, null, 0);
			progress.add(end - start, "Building the pixel graph: neighbours");
		});
		for (int v = 0; v < count; v++)
			offsets[v + 1] += offsets[v];
		final int[] neighbours = new int[offsets[count]];
		chunks.forEach(runner, (c, start, end) -> {
			listener.checkCanceled();
			for (int v = start; v < end; v++)
				visit(position[v], w, h, d, steps, index, neighbours, offsets[v]);
			progress.add(end - start, "Building the pixel graph: edges");
		});
		return new GridGraph(count, offsets, neighbours);
	}

	/** @return number of vertices */
	public int vertices() {
		return vertices;
	}

	/** @return number of undirected edges */
	public long edges() {
		return neighbours.length / 2;
	}

	/** @return the number of neighbours of vertex {@code v} */
	public int degree(final int v) {
		return offsets[v + 1] - offsets[v];
	}

	/** @return the {@code i}-th neighbour of vertex {@code v} (increasing order) */
	public int neighbour(final int v, final int i) {
		return neighbours[offsets[v] + i];
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
		Arrays.fill(label, -1);
		final int[] stack = new int[vertices];
		int next = 0;
		for (int s = 0; s < vertices; s++) {
			if (label[s] >= 0) continue;
			int top = 0;
			stack[top++] = s;
			label[s] = next;
			while (top > 0) {
				final int v = stack[--top];
				for (int e = offsets[v]; e < offsets[v + 1]; e++) {
					final int u = neighbours[e];
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
	 * @param extra pairs of vertices to link
	 * @return this graph with the extra undirected edges
	 */
	GridGraph withEdges(final int[] extra) {
		if (extra.length == 0) return this;
		final int[] all = new int[neighbours.length + extra.length];
		int e = 0;
		for (int v = 0; v < vertices; v++)
			for (int i = offsets[v]; i < offsets[v + 1]; i++)
				if (neighbours[i] > v) {
					all[e++] = v;
					all[e++] = neighbours[i];
				}
		System.arraycopy(extra, 0, all, e, extra.length);
		return ofEdges(vertices, Arrays.copyOf(all, e + extra.length));
	}

	// -- Helper methods --

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

	/**
	 * Counts (neighbours == null) or writes, in increasing vertex order, the masked neighbours of grid
	 * point p.
	 */
	private static int visit(final int p, final int w, final int h, final int d, final int[][] steps, final int[] index, final int[] neighbours, final int at) {
		final int x = p % w;
		final int y = (p / w) % h;
		final int z = p / w / h;
		int count = 0;
		for (final int[] s : steps) {
			final int nx = x + s[0];
			final int ny = y + s[1];
			final int nz = z + s[2];
			if (nx < 0 || ny < 0 || nz < 0 || nx >= w || ny >= h || nz >= d) continue;
			final int q = index[(nz * h + ny) * w + nx];
			if (q < 0) continue;
			if (neighbours != null) neighbours[at + count] = q;
			count++;
		}
		return count;
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
