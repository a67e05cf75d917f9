#!/usr/bin/python3
"""Spectrum-image engines without a spatial graph: our unconstrained Ward and spectral clustering vs
scikit-learn 1.2, in one run.

Data: make_blobs(n, centers=4, n_features=5, cluster_std=2.0, random_state=0) (4 overlapping phases in a
5-D feature space, e.g. PCA scores of a spectrum image), stored as raw float32 in target/bench so that
both sides cluster identical values (converted to double the same way). n = 4096 (64 x 64 pixels) and
16384 (128 x 128), k = 4.

Timed: the fit only, 2 threads on every side:
- scikit-learn AgglomerativeClustering(n_clusters=4).fit(X) (scipy's ward: condensed distance matrix
  + nearest-neighbour chain) against ours (AgglomerativeWard: full tree + cut);
- scikit-learn SpectralClustering(n_clusters=4, affinity="nearest_neighbors", random_state=0).fit(X)
  (kNN graph, ARPACK shift-invert, k-means n_init=10) against ours (SpectralClustering, seed 0);
scikit-learn: one fit each (seconds to tens of seconds); ours (Java, -Xmx2g): the first (cold) run of a
fresh JVM, untimed runs until 2 s have passed, then the median of 3 timed warm runs; one JVM per case.
Labels are compared in Python: Ward must give the same partition; spectral clustering the adjusted
Rand index with scikit-learn's labels. Ratios are computed within this run; absolute seconds depend on
the machine (and on other load on it).

Raw numbers: target/bench/spectral_engines.json.
Usage (from the repository root): /usr/bin/python3 bench/spectral_engines.py [--small-only]
(--small-only: only n = 4096.)
"""
import os

THREADS = 2
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(THREADS)

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import pixel_agglomeration as pa  # noqa: E402

OUT = pa.OUT
SIZES = [4096, 16384]
FEATURES = 5
K = 4


def prepare(n):
    """The blobs as float64 (from float32) and the path of their raw float32 file, [feature][row]."""
    from sklearn.datasets import make_blobs
    x = make_blobs(n, centers=4, n_features=FEATURES, cluster_std=2.0, random_state=0)[0].astype(np.float32)
    path = os.path.join(OUT, "blobs-%dx%d.f32" % (n, FEATURES))
    os.makedirs(OUT, exist_ok=True)
    np.ascontiguousarray(x.T).astype("<f4").tofile(path)
    return x.astype(np.float64), path


def ours(cp, engine, path, n):
    labels_path = os.path.join(OUT, "%s-%d-labels.i32" % (engine, n))
    return pa.run_java(cp, "2g", "SpectralEnginesBenchmark", [engine, path, n, FEATURES, K, 3, THREADS, labels_path], labels_path)


def theirs(engine, x):
    from sklearn.cluster import AgglomerativeClustering, SpectralClustering
    model = AgglomerativeClustering(n_clusters=K) if engine == "ward" else \
        SpectralClustering(n_clusters=K, affinity="nearest_neighbors", random_state=0)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x)
    return time.perf_counter() - start, model.labels_


def main():
    from sklearn.metrics import adjusted_rand_score
    import sklearn
    began = time.perf_counter()
    sizes = SIZES[:1] if "--small-only" in sys.argv else SIZES
    cp = pa.classpath()
    rows = []
    for n in sizes:
        x, path = prepare(n)
        for engine in ("ward", "spectral"):
            us, our_labels = ours(cp, engine, path, n)
            seconds, labels = theirs(engine, x)
            entry = {"engine": engine, "n": n, "ours": us, "sklearn_seconds": seconds,
                     "ari": float(adjusted_rand_score(labels, our_labels)),
                     "same_partition": bool(np.array_equal(pa.canonical(labels), pa.canonical(our_labels)))}
            rows.append(entry)
            print("done %s n=%d: ours %.3f s (cold %.3f s), scikit-learn %.3f s" % (engine, n, us["seconds"], us["cold_seconds"], seconds), flush=True)
    print("\n## n x %d blobs, k = %d, %d threads; scikit-learn %s vs ours" % (FEATURES, K, THREADS, sklearn.__version__))
    print("| engine | n | scikit-learn s | ours warm s (runs) | ours cold s | speed-up warm | speed-up cold | ARI with scikit-learn | same partition |")
    print("|---|---|---|---|---|---|---|---|---|")
    for e in rows:
        us = e["ours"]
        print("| %s | %d | %.3f | %.3f (%d) | %.3f | %.1fx | %.1fx | %.4f | %s |" % (
            e["engine"], e["n"], e["sklearn_seconds"], us["seconds"], us["warm_runs"], us["cold_seconds"],
            e["sklearn_seconds"] / us["seconds"], e["sklearn_seconds"] / us["cold_seconds"], e["ari"],
            "yes" if e["same_partition"] else "no"))
    with open(os.path.join(OUT, "spectral_engines.json"), "w") as f:
        json.dump(rows, f, indent=1)
    print("\ntotal wall time of the benchmark: %.1f s" % (time.perf_counter() - began))


if __name__ == "__main__":
    main()
