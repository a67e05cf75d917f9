#!/usr/bin/python3
"""Reference fixtures from scikit-learn 1.2.1 for the Ward (Pixel Agglomeration) tests.

Writes src/test/resources/fixtures/ward.json and test-images/digits-8x8x1797.png.
Run from the repository root: /usr/bin/python3 scripts/ward_fixtures.py

Data, with pixels (features of FeatureAgglomeration, rows of ward_tree) in raster order, x fastest:
- digits: ../shared/data/digits_8x8x1797.tif (1797 samples of 8x8 px, integers 0..16), stored here as
  test-images/digits-8x8x1797.png (8 x 14376, 8-bit, digit i = rows 8i..8i+7) so that tests need no
  shared folder;
- smoothed noise: made by `noise()` below, which the Java tests reproduce exactly (SplitMix64 integers
  0..255, summed over a box of radius r around each pixel: integer values, so both sides see identical
  numbers). Sample s, plane z, row y, column x is the (((s*nz + z)*ny + y)*nx + x)-th draw.

For every case: ward_tree(X, connectivity, return_distance=True) gives the whole merge sequence
(children, distances), and FeatureAgglomeration(n_clusters, connectivity, linkage="ward") the labels
and transform. 4-connectivity (2D) and 6-connectivity (3D) use grid_to_graph; 8, 18 and 26 use an
explicit sparse graph with the same neighbourhoods as ours.
"""
import json
import os
import warnings

import numpy as np
import scipy.sparse as sp
import sklearn
from PIL import Image
from sklearn.cluster import FeatureAgglomeration, ward_tree
from sklearn.feature_extraction.image import grid_to_graph

ROOT = os.path.join(os.path.dirname(__file__), "..")
SHARED = os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")
MASK64 = (1 << 64) - 1


def noise(nx, ny, nz, samples, seed, radius):
    """Smoothed noise, shape (samples, nz, ny, nx), integer float64 values."""
    state = seed & MASK64
    raw = np.empty(samples * nz * ny * nx, dtype=np.int64)
    for i in range(raw.size):
        state = (state + 0x9E3779B97F4A7C15) & MASK64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        z = z ^ (z >> 31)
        raw[i] = z >> 56
    raw = raw.reshape(samples, nz, ny, nx)
    rz = radius if nz > 1 else 0
    padded = np.pad(raw, ((0, 0), (rz, rz), (radius, radius), (radius, radius)))
    out = np.zeros_like(raw)
    for dz in range(2 * rz + 1):
        for dy in range(2 * radius + 1):
            for dx in range(2 * radius + 1):
                out += padded[:, dz:dz + nz, dy:dy + ny, dx:dx + nx]
    return out.astype(np.float64)


def graph(nx, ny, nz, neighbourhood, mask=None):
    """Our neighbourhoods as a sparse matrix over the masked points (raster order)."""
    if neighbourhood in (4, 6):
        return grid_to_graph(nz, ny, nx, mask=mask) if nz > 1 else grid_to_graph(ny, nx, mask=None if mask is None else mask[0])
    order = {8: 2, 18: 2, 26: 3}[neighbourhood]
    keep = np.ones((nz, ny, nx), bool) if mask is None else mask
    index = -np.ones(keep.shape, np.int64)
    index[keep] = np.arange(keep.sum())
    rows, cols = [], []
    for dz in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                o = abs(dx) + abs(dy) + abs(dz)
                if o == 0 or o > order or (nz == 1 and dz != 0):
                    continue
                for z in range(nz):
                    for y in range(ny):
                        for x in range(nx):
                            zz, yy, xx = z + dz, y + dy, x + dx
                            if 0 <= zz < nz and 0 <= yy < ny and 0 <= xx < nx and keep[z, y, x] and keep[zz, yy, xx]:
                                rows.append(index[z, y, x])
                                cols.append(index[zz, yy, xx])
    n = int(keep.sum())
    return sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))


def case(name, x_pixels, connectivity, k, extra=None, transform_rows=None, inverse_rows=1):
    """x_pixels: (n_pixels, n_samples)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        children, components, leaves, parents, distances = ward_tree(x_pixels, connectivity=connectivity, return_distance=True)
        agglo = FeatureAgglomeration(n_clusters=k, connectivity=connectivity, linkage="ward").fit(x_pixels.T)
    reduced = agglo.transform(x_pixels.T)  # (n_samples, k)
    back = agglo.inverse_transform(reduced)  # (n_samples, n_pixels)
    labels = agglo.labels_
    means = np.array([x_pixels[labels == c].mean(axis=0) for c in range(k)])
    objective = float(((x_pixels - means[labels]) ** 2).sum())
    rows = reduced.shape[0] if transform_rows is None else transform_rows
    out = {
        "name": name, "clusters": k, "pixels": int(x_pixels.shape[0]), "samples": int(x_pixels.shape[1]),
        "components": int(components), "warnings": [str(w.message) for w in caught],
        "children": children.tolist(), "distances": distances.tolist(),
        "labels": labels.tolist(), "objective": objective,
        "transform_rows": reduced[:rows].tolist(), "transform_column_sums": reduced.sum(axis=0).tolist(),
        "inverse_transform_rows": back[:inverse_rows].tolist(),
    }
    if extra:
        out.update(extra)
    return out


def digits():
    import tifffile  # only here: the other fixtures (and scripts importing this one) do without it

    stack = tifffile.imread(os.path.join(SHARED, "digits_8x8x1797.tif"))  # (1797, 8, 8) float32
    assert np.all(stack == np.round(stack)) and stack.max() <= 255
    Image.fromarray(stack.astype(np.uint8).reshape(-1, 8)).save(os.path.join(ROOT, "test-images", "digits-8x8x1797.png"), optimize=True)
    x = stack.reshape(len(stack), -1).astype(np.float64).T  # (64 pixels, 1797 samples)
    return case("digits", x, grid_to_graph(8, 8), 32, {"image": "test-images/digits-8x8x1797.png", "dims": [8, 8], "neighbourhood": 4}, transform_rows=40, inverse_rows=10)


def noise_case(name, dims, samples, seed, radius, neighbourhood, k, mask=None):
    nx, ny = dims[0], dims[1]
    nz = dims[2] if len(dims) == 3 else 1
    vol = noise(nx, ny, nz, samples, seed, radius)
    x = vol.reshape(samples, -1).T
    mask3 = None if mask is None else mask.reshape(nz, ny, nx)
    if mask3 is not None:
        x = x[mask3.ravel()]
    conn = graph(nx, ny, nz, neighbourhood, mask3)
    extra = {"dims": list(dims), "noise": {"seed": seed, "radius": radius}, "neighbourhood": neighbourhood,
             "mask": None if mask is None else "".join("1" if v else "0" for v in mask.ravel())}
    return case(name, x, conn, k, extra, transform_rows=5)


def islands(nx, ny):
    """Three separate blobs: a rectangle, a disc and an L."""
    yy, xx = np.mgrid[0:ny, 0:nx]
    m = np.zeros((ny, nx), bool)
    m[1:6, 1:9] = True
    m |= (xx - 17) ** 2 + (yy - 10) ** 2 <= 12
    m[9:15, 2:4] = True
    m[13:15, 2:9] = True
    return m


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    cases = [
        digits(),
        noise_case("noise 64x64x50, 4-connected", [64, 64], 50, 1, 3, 4, 100),
        noise_case("noise 3D 10x9x8x6, 6-connected", [10, 9, 8], 6, 2, 1, 6, 20),
        noise_case("noise 3D 10x9x8x6, 26-connected", [10, 9, 8], 6, 2, 1, 26, 20),
        noise_case("noise 3D 10x9x8x6, 18-connected", [10, 9, 8], 6, 2, 1, 18, 20),
        noise_case("noise 30x20x8, 8-connected", [30, 20], 8, 3, 2, 8, 15),
        noise_case("noise 24x16x4, 3 islands", [24, 16], 4, 4, 1, 4, 5, mask=islands(24, 16)),
    ]
    content = {"generator": "scripts/ward_fixtures.py", "sklearn": sklearn.__version__, "cases": cases}
    with open(os.path.join(OUT, "ward.json"), "w") as f:
        json.dump(content, f, separators=(",", ":"))
        f.write("\n")
    for c in cases:
        print(c["name"], "pixels", c["pixels"], "components", c["components"], "objective", c["objective"], c["warnings"][:1])
