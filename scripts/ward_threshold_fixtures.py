#!/usr/bin/python3
"""Reference fixtures from scikit-learn 1.2.1 for the cut of the Ward tree by a distance threshold.

Writes src/test/resources/fixtures/ward-threshold.json.
Run from the repository root: /usr/bin/python3 scripts/ward_threshold_fixtures.py

Data as in scripts/ward_fixtures.py (whose noise and graphs it uses): the digits example read back from
test-images/digits-8x8x1797.png, smoothed noise in 2D with 4 and 8 neighbours, and a mask of three
unconnected islands. For every case and threshold t:
FeatureAgglomeration(n_clusters=None, distance_threshold=t, compute_full_tree=True, connectivity,
linkage="ward").fit(X) gives n_clusters_ and labels_. scikit-learn counts the merges whose distance is
>= t (n_clusters_ = that count + 1); the thresholds are midpoints between two distinct merge distances,
so that no distance is within rounding of a threshold.

Without connectivity ("unconstrained"): AgglomerativeClustering(n_clusters=None, distance_threshold=t)
(linkage="ward", whose tree is scipy's ward) on the points of the cases "random" and "blobs" of
src/test/resources/fixtures/agglomerative-ward.json (read from there, not stored again).
"""
import json
import os
import warnings

import numpy as np
import sklearn
from PIL import Image
from scipy.cluster.hierarchy import ward
from sklearn.cluster import AgglomerativeClustering, FeatureAgglomeration, ward_tree
from sklearn.feature_extraction.image import grid_to_graph

from ward_fixtures import ROOT, OUT, graph, islands, noise


def thresholds(distances, counts):
    """Midpoints between consecutive distinct sorted distances, near the wanted numbers of clusters."""
    d = np.unique(distances)
    out = []
    for k in counts:
        # k clusters: the k - 1 largest distances are >= t
        i = len(d) - k
        if 0 < i < len(d):
            lo, hi = d[i - 1], d[i]
            assert hi - lo > 1e-6 * hi, (lo, hi)
            out.append(float((lo + hi) / 2))
    return out


def case(name, x_pixels, connectivity, counts, extra):
    """x_pixels: (n_pixels, n_samples)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        distances = ward_tree(x_pixels, connectivity=connectivity, return_distance=True)[4]
        cuts = []
        for t in thresholds(distances, counts):
            agglo = FeatureAgglomeration(n_clusters=None, distance_threshold=t, compute_full_tree=True,
                                         connectivity=connectivity, linkage="ward").fit(x_pixels.T)
            cuts.append({"threshold": t, "clusters": int(agglo.n_clusters_), "labels": agglo.labels_.tolist()})
    out = {"name": name, "pixels": int(x_pixels.shape[0]), "samples": int(x_pixels.shape[1]),
           "monotone": bool(np.all(np.diff(distances) >= 0)), "cuts": cuts}
    out.update(extra)
    return out


def digits():
    image = np.asarray(Image.open(os.path.join(ROOT, "test-images", "digits-8x8x1797.png")), dtype=np.float64)
    x = image.reshape(-1, 8, 8).reshape(-1, 64).T  # (64 pixels, 1797 samples)
    return case("digits", x, grid_to_graph(8, 8), [2, 7, 32, 50], {"dims": [8, 8], "neighbourhood": 4})


def noise_case(name, dims, samples, seed, radius, neighbourhood, counts, mask=None):
    nx, ny = dims
    x = noise(nx, ny, 1, samples, seed, radius).reshape(samples, -1).T
    mask3 = None if mask is None else mask.reshape(1, ny, nx)
    if mask3 is not None:
        x = x[mask3.ravel()]
    extra = {"dims": list(dims), "noise": {"seed": seed, "radius": radius}, "neighbourhood": neighbourhood,
             "mask": None if mask is None else "".join("1" if v else "0" for v in mask.ravel())}
    return case(name, x, graph(nx, ny, 1, neighbourhood, mask3), counts, extra)


def unconstrained(name, counts):
    with open(os.path.join(OUT, "agglomerative-ward.json")) as f:
        points = next(c for c in json.load(f)["cases"] if c["name"] == name)
    x = np.array(points["x"], dtype=np.float64).reshape(points["samples"], points["features"])
    cuts = []
    for t in thresholds(ward(x)[:, 2], counts):
        agglo = AgglomerativeClustering(n_clusters=None, distance_threshold=t).fit(x)
        cuts.append({"threshold": t, "clusters": int(agglo.n_clusters_), "labels": agglo.labels_.tolist()})
    return {"name": name, "points_from": "agglomerative-ward.json", "cuts": cuts}


if __name__ == "__main__":
    cases = [
        digits(),
        noise_case("noise 32x24x6, 4-connected", [32, 24], 6, 5, 2, 4, [1, 3, 12, 40, 200]),
        noise_case("noise 30x20x8, 8-connected", [30, 20], 8, 3, 2, 8, [4, 15, 60]),
        noise_case("noise 24x16x4, 3 islands", [24, 16], 4, 4, 1, 4, [3, 5, 20], mask=islands(24, 16)),
    ]
    free = [unconstrained("random", [2, 5, 30]), unconstrained("blobs", [3, 4, 9])]
    content = {"generator": "scripts/ward_threshold_fixtures.py", "sklearn": sklearn.__version__, "cases": cases, "unconstrained": free}
    with open(os.path.join(OUT, "ward-threshold.json"), "w") as f:
        json.dump(content, f, separators=(",", ":"))
        f.write("\n")
    for c in cases:
        print(c["name"], "pixels", c["pixels"], "monotone", c["monotone"], [(round(u["threshold"], 3), u["clusters"]) for u in c["cuts"]])
    for c in free:
        print(c["name"], "(no connectivity)", [(round(u["threshold"], 3), u["clusters"]) for u in c["cuts"]])
