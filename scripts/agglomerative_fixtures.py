#!/usr/bin/python3
"""Reference fixtures from scikit-learn 1.2.1 / scipy 1.10 for the unconstrained Ward tests.

Writes src/test/resources/fixtures/agglomerative-ward.json.
Run from the repository root: /usr/bin/python3 scripts/agglomerative_fixtures.py

AgglomerativeClustering(n_clusters=k) with its defaults (linkage="ward", no connectivity) builds the
tree with scipy.cluster.hierarchy.ward(X) and cuts it with _hc_cut. Stored per case: the points (n x d,
row-major), scipy's linkage matrix Z (children as node ids, distances, sizes; merges sorted by distance),
the number of consecutive merges whose distances differ by a rounding error only (their order, and so
the node numbers, follow scipy's rounding) and scikit-learn's labels for several k. Cases:
- random: 500 points in 5-D, numpy default_rng(0) standard normal;
- iris: the 150 iris flowers of sklearn.datasets.load_iris (4 features, 0.1 cm steps): a duplicate
  flower (a merge at distance 0) and merges whose distances are equal but for rounding (e.g. 0.2449...
  = sqrt(0.06) reached by different sums), whose order follows the rounding of scipy's Lance-Williams
  updates;
- duplicates: 80 points in 3-D (default_rng(1) standard normal), each repeated 1 to 4 times, rows
  shuffled: exact ties at distance 0, where the merge order depends on how ties are broken (scipy:
  lowest index first), while all other distances differ;
- blobs: 400 points of make_blobs(centers=4, n_features=5, random_state=3).
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import ward
from sklearn.cluster import AgglomerativeClustering
from sklearn.datasets import load_iris, make_blobs

ROOT = os.path.join(os.path.dirname(__file__), "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")
KS = [2, 3, 4, 7, 20, 60]


def case(name, x):
    x = np.ascontiguousarray(x, dtype=np.float64)
    z = ward(x)
    labels = {}
    for k in KS:
        if k <= len(x):
            labels[str(k)] = AgglomerativeClustering(n_clusters=k).fit(x).labels_.astype(int).tolist()
    zero = int(np.count_nonzero(z[:, 2] == 0))
    gaps = np.diff(z[:, 2])
    near = int(np.count_nonzero((gaps > 0) & (gaps <= 1e-12 * np.maximum(1, z[1:, 2]))))
    print("%-10s n=%d d=%d merges at distance 0: %d, consecutive distances equal but for rounding: %d"
          % (name, x.shape[0], x.shape[1], zero, near))
    return {
        "name": name,
        "samples": int(x.shape[0]),
        "features": int(x.shape[1]),
        "x": x.ravel().tolist(),
        "children": z[:, :2].astype(int).ravel().tolist(),
        "distances": z[:, 2].tolist(),
        "sizes": z[:, 3].astype(int).tolist(),
        "near_ties": near,
        "labels": labels,
    }


def duplicates():
    rng = np.random.default_rng(1)
    points = rng.standard_normal((80, 3))
    rows = np.repeat(points, rng.integers(1, 5, size=80), axis=0)
    return rows[rng.permutation(len(rows))]


def main():
    cases = [
        case("random", np.random.default_rng(0).standard_normal((500, 5))),
        case("iris", load_iris().data),
        case("duplicates", duplicates()),
        case("blobs", make_blobs(400, centers=4, n_features=5, random_state=3)[0]),
    ]
    out = {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "cases": cases}
    path = os.path.join(OUT, "agglomerative-ward.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
