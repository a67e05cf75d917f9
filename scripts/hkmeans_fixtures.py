#!/usr/bin/python3
"""Reference fixtures for hierarchical k-means (Pixel Agglomeration, method=hkmeans).

nilearn is not installable here, so this is a re-implementation of nilearn's HierarchicalKMeans
algorithm (as the issue describes it) on scikit-learn 1.2.1's MiniBatchKMeans:
level 1: MiniBatchKMeans(int(sqrt(K))) on the rows (pixels); allocation of K fine clusters to the coarse
clusters (`allocate` below); level 2: MiniBatchKMeans(r_i) on the rows of each coarse cluster; empty
labels removed. Every MiniBatchKMeans: init k-means++, batch_size 1000, n_init 10,
max_no_improvement 10, random_state 0.

Data: smoothed noise 200 samples x 64 x 64 from ward_fixtures.noise (the Java tests make the same
numbers). Writes src/test/resources/fixtures/hkmeans.json: for K = 100 and 1000 the number of
non-empty clusters, the coarse cluster sizes and the allocation, and the Ward objective (within-cluster
sum of squares of the pixel profiles, also divided by the total sum of squares); and allocation
vectors for the rounding rules.
Run from the repository root: /usr/bin/python3 scripts/hkmeans_fixtures.py
"""
import json
import os
import sys

import numpy as np
import sklearn
from sklearn.cluster import MiniBatchKMeans

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ward_fixtures import noise  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")


def allocate(sizes, k):
    """a_i = K size_i / n; r_i = max(round(a_i), 1); +1 where a - r is largest while sum < K; -1 where
    a - r is smallest among r > 1 while sum > K (np.argmax / np.argmin: ties to the lowest index)."""
    sizes = np.asarray(sizes, dtype=np.float64)
    a = k * sizes / sizes.sum()
    r = np.maximum(np.round(a).astype(int), 1)
    while r.sum() < k:
        r[np.argmax(a - r)] += 1
    while r.sum() > k:
        idx = np.where(r > 1)[0]
        r[idx[np.argmin((a - r)[idx])]] -= 1
    return r


def minibatch(k, seed=0):
    return MiniBatchKMeans(n_clusters=k, init="k-means++", batch_size=1000, n_init=10, max_no_improvement=10, random_state=seed)


def hierarchical_kmeans(x, k, seed=0):
    """nilearn's algorithm; `seed` is the random_state of every MiniBatchKMeans (nilearn passes one)."""
    big = int(np.sqrt(k))
    coarse = minibatch(big, seed).fit(x).labels_
    sizes = np.bincount(coarse, minlength=big)
    allocation = allocate(sizes, k)
    fine = np.zeros(len(x), dtype=int)
    q = 0
    for i, r in enumerate(allocation):
        members = coarse == i
        if r == 1:
            fine[members] = q
        else:
            fine[members] = q + minibatch(int(r), seed).fit(x[members]).labels_
        q += r
    _, labels = np.unique(fine, return_inverse=True)
    return labels, sizes, allocation


def objective(x, labels):
    means = np.array([x[labels == c].mean(axis=0) for c in range(labels.max() + 1)])
    within = float(((x - means[labels]) ** 2).sum())
    total = float(((x - x.mean(axis=0)) ** 2).sum())
    return within, within / total


if __name__ == "__main__":
    vol = noise(64, 64, 1, 200, 5, 2)  # (200, 1, 64, 64)
    x = vol.reshape(200, -1).T  # (4096 pixels, 200 samples)
    cases = []
    for k in (100, 1000):
        labels, sizes, allocation = hierarchical_kmeans(x, k)
        within, fraction = objective(x, labels)
        cases.append({"clusters": k, "found": int(labels.max() + 1), "coarse_sizes": sizes.tolist(),
                      "allocation": allocation.tolist(), "objective": within, "objective_fraction": fraction})
        print("K", k, "found", labels.max() + 1, "objective fraction", fraction)
    rng = np.random.default_rng(1)
    vectors = []
    for k, m in ((100, 10), (1000, 31), (7, 2), (50, 7)):
        sizes = rng.integers(1, 500, size=m).tolist()
        vectors.append({"sizes": sizes, "clusters": k, "allocation": allocate(sizes, k).tolist()})
    vectors.append({"sizes": [1, 1, 1, 997], "clusters": 10, "allocation": allocate([1, 1, 1, 997], 10).tolist()})
    vectors.append({"sizes": [250, 250, 250, 250], "clusters": 10, "allocation": allocate([250, 250, 250, 250], 10).tolist()})
    content = {"generator": "scripts/hkmeans_fixtures.py", "sklearn": sklearn.__version__,
               "data": {"width": 64, "height": 64, "samples": 200, "seed": 5, "radius": 2},
               "cases": cases, "allocations": vectors}
    with open(os.path.join(OUT, "hkmeans.json"), "w") as f:
        json.dump(content, f, indent=1)
        f.write("\n")
