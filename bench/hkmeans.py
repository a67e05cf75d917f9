#!/usr/bin/python3
"""Hierarchical k-means benchmark: ours vs the Python reference, and vs our Ward, in one run.

Data: the smoothed-noise stacks of bench/pixel_agglomeration.py (same generator, same raw float32 files
in target/bench, shared with it), converted to double the same way on both sides. Cases (samples x
height x width): 200x64x64, 50x256x256, 20x512x512, each with K = 1000. Each pixel is one item, its
profile over the samples its features.

Timed: the fit only, 2 threads on every side:
- the Python reference: `hierarchical_kmeans(x, 1000)` of scripts/hkmeans_fixtures.py (nilearn's
  HierarchicalKMeans re-implemented on scikit-learn 1.2's MiniBatchKMeans: k-means++, batch_size 1000,
  n_init 10, max_no_improvement 10, random_state 0), x of shape (pixels, samples) made contiguous before
  timing; median of 3 fits (a single fit of the larger images varied from 3.3 to 4.8 s between runs);
- ours (Java, -Xmx1g): HierarchicalKMeans.fit with the same settings and, by default
  as in the command, 3 Lloyd iterations after every mini-batch k-means (lloyd_iterations, which also make
  its k-means++ draw 3 candidates per centre instead of 2 + ln k; run again with 0, nilearn's algorithm
  exactly, and reported in a second table), from the feature matrix to the label
  of every pixel; the first (cold) run of a fresh JVM, then untimed runs until 2 s have passed and at
  least 3 of them (JIT warm-up), then the median of 5 timed warm runs. One JVM per case;
- our Ward (side by side, not a target): the PixelAgglomerationBenchmark main as
  bench/pixel_agglomeration.py runs it (grid graph + full Ward tree + cut, 4-connectivity, k = 1000,
  cold run + median of 3 warm runs, -Xmx1g).
Every label set is scored in Python the same way, in double precision: the Ward objective as a fraction,
the within-cluster sum of squares of the pixel profiles divided by their total sum of squares (about
the mean profile), and the number of non-empty clusters. Both methods are randomised: besides seed 0
(timed), seeds 1..4 are fitted untimed on both sides, and the mean objective over the 5 seeds is
compared as well as that of seed 0. Ratios are computed within this run; absolute
seconds depend on the machine. Target: ours >= 5x faster than the reference at equal or better objective.

Raw numbers: target/bench/hkmeans.json.
Usage (from the repository root): /usr/bin/python3 bench/hkmeans.py [--small-only]
(--small-only: only the 200x64x64 case.)
"""
import os

THREADS = 2
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(THREADS)

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import pixel_agglomeration as pa  # noqa: E402

OUT = pa.OUT
CASES = pa.CASES_2D
K = 1000
SETTINGS = {"batch_size": 1000, "n_init": 10, "max_no_improvement": 10, "random_state": 0, "init": "k-means++"}
# the objective of a randomised method is compared over seeds (random_state) 0..SEEDS-1, on both sides
SEEDS = 5
# our default Lloyd iterations after every mini-batch k-means (HierarchicalKMeans.DEFAULT_LLOYD_ITERATIONS);
# ours is also run with 0, nilearn's algorithm exactly
LLOYD = 3


def ours(cp, path, shape, k, warm_runs, lloyd):
    """Runs the hkmeans Java main once (one JVM) with `lloyd` Lloyd iterations after every mini-batch
    k-means; returns its JSON record, the labels it wrote (seed 0) and the labels of seeds 1..SEEDS-1
    (untimed). Raises RuntimeError with the JVM's last words if it fails."""
    samples, pixels = shape[0], int(np.prod(shape[1:]))
    labels_path = os.path.join(OUT, "hkmeans-%s-k%d-lloyd%d-labels.i32" % ("x".join(map(str, shape)), k, lloyd))
    record, labels = pa.run_java(cp, "1g", "HierarchicalKMeansBenchmark", [path, samples, pixels, k, warm_runs, THREADS, labels_path, SEEDS, lloyd], labels_path)
    others = [np.fromfile(labels_path + ".seed%d" % s, dtype="<i4") for s in range(1, SEEDS)]
    return record, labels, others


def reference(x, k, repeats):
    """Median seconds of `repeats` fits of the Python reference (deterministic: random_state 0), its labels,
    and the labels of random_state 1..SEEDS-1 (untimed); x of shape (samples, pixels), transposed to a
    contiguous (pixels, samples) before timing."""
    from hkmeans_fixtures import hierarchical_kmeans
    rows = np.ascontiguousarray(x.T)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        labels, _, _ = hierarchical_kmeans(rows, k)
        times.append(time.perf_counter() - start)
    others = [hierarchical_kmeans(rows, k, seed)[0] for seed in range(1, SEEDS)]
    return float(np.median(times)), labels, others


def over_seeds(x, first, others, total):
    """Objective fractions of seed 0 and the others: their mean and standard deviation."""
    fractions = [pa.objective(x, labels) / total for labels in [first] + others]
    return {"seed_fractions": fractions, "mean_fraction": float(np.mean(fractions)), "sd_fraction": float(np.std(fractions, ddof=1))}


def total_sum_of_squares(x):
    """Sum of squares of the pixel profiles (columns of x) about the mean profile, float64."""
    centred = x - x.mean(axis=1, keepdims=True)
    return float(np.einsum("ij,ij->", centred, centred))


def score(x, labels, total):
    """Within-cluster sum of squares, its fraction of the total, number of non-empty clusters."""
    within = pa.objective(x, labels)
    return {"objective": within, "fraction": within / total, "clusters": int(len(np.unique(labels)))}


def main():
    began = time.perf_counter()
    small = "--small-only" in sys.argv
    import sklearn
    cases = CASES[:1] if small else CASES
    cp = pa.classpath()
    rows = []
    for shape in cases:
        height, width = shape[1:]
        path = pa.prepare(shape)
        x = pa.load(path, shape)
        total = total_sum_of_squares(x)
        entry = {"case": "%dx%dx%d" % shape, "k": K, "total_sum_of_squares": total}

        us, labels, others = ours(cp, path, shape, K, 5, LLOYD)
        entry["hkmeans"] = dict(us, **score(x, labels, total), **over_seeds(x, labels, others, total))
        print("done %s ours hkmeans: %.3f s (cold %.3f s)" % (entry["case"], us["seconds"], us["cold_seconds"]), flush=True)
        us, labels, others = ours(cp, path, shape, K, 5, 0)
        entry["hkmeans_nilearn"] = dict(us, **score(x, labels, total), **over_seeds(x, labels, others, total))
        print("done %s ours hkmeans, lloyd_iterations=0: %.3f s (cold %.3f s)" % (entry["case"], us["seconds"], us["cold_seconds"]), flush=True)

        ward, labels = pa.ours(cp, path, shape, 4, K, 3, "1g")
        entry["ward"] = dict(ward, **score(x, labels, total))
        print("done %s ours Ward: %.3f s (cold %.3f s)" % (entry["case"], ward["seconds"], ward["cold_seconds"]), flush=True)

        repeats = 3
        seconds, labels, others = reference(x, K, repeats)
        entry["reference"] = dict({"sklearn": sklearn.__version__, "settings": SETTINGS, "seconds": seconds, "fits": repeats},
                                  **score(x, labels, total), **over_seeds(x, labels, others, total))
        print("done %s reference: %.3f s" % (entry["case"], seconds), flush=True)
        rows.append(entry)

    print("\n## Hierarchical k-means, K = %d, %d threads: Python reference (scikit-learn %s MiniBatchKMeans) vs ours, "
          "and our Ward (4-connectivity)" % (K, THREADS, sklearn.__version__))
    print("| samples x h x w | reference s (fits) | ours hkmeans warm s (runs) | ours hkmeans cold s | speed-up warm "
          "| speed-up cold | ours Ward warm s | ours Ward cold s | objective fraction reference | ours hkmeans | ours Ward "
          "| hkmeans / reference objective | clusters found reference / hkmeans / Ward "
          "| objective over seeds 0..%d, mean +- sd: reference | ours hkmeans | mean ratio |" % (SEEDS - 1))
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for e in rows:
        ref, hk, ward = e["reference"], e["hkmeans"], e["ward"]
        print("| %s | %.3f (%d) | %.3f (%d) | %.3f | %.1fx | %.1fx | %.3f | %.3f | %.5f | %.5f | %.5f | %.4f | %d / %d / %d | %.5f +- %.5f | %.5f +- %.5f | %.4f |" % (
            e["case"], ref["seconds"], ref["fits"], hk["seconds"], hk["warm_runs"], hk["cold_seconds"],
            ref["seconds"] / hk["seconds"], ref["seconds"] / hk["cold_seconds"], ward["seconds"], ward["cold_seconds"],
            ref["fraction"], hk["fraction"], ward["fraction"], hk["objective"] / ref["objective"],
            ref["clusters"], hk["clusters"], ward["clusters"], ref["mean_fraction"], ref["sd_fraction"],
            hk["mean_fraction"], hk["sd_fraction"], hk["mean_fraction"] / ref["mean_fraction"]))
    print("\n## Ours with lloyd_iterations=0 (nilearn's algorithm exactly), same run")
    print("| samples x h x w | warm s | speed-up warm | objective seed 0 | / reference | mean over seeds 0..%d | / reference |" % (SEEDS - 1))
    print("|---|---|---|---|---|---|---|")
    for e in rows:
        ref, nl = e["reference"], e["hkmeans_nilearn"]
        print("| %s | %.3f | %.1fx | %.5f | %.4f | %.5f +- %.5f | %.4f |" % (
            e["case"], nl["seconds"], ref["seconds"] / nl["seconds"], nl["fraction"], nl["objective"] / ref["objective"],
            nl["mean_fraction"], nl["sd_fraction"], nl["mean_fraction"] / ref["mean_fraction"]))
    worst = min(e["reference"]["seconds"] / e["hkmeans"]["seconds"] for e in rows)
    worst_cold = min(e["reference"]["seconds"] / e["hkmeans"]["cold_seconds"] for e in rows)
    worst_objective = max(e["hkmeans"]["objective"] / e["reference"]["objective"] for e in rows)
    worst_mean = max(e["hkmeans"]["mean_fraction"] / e["reference"]["mean_fraction"] for e in rows)
    print("smallest speed-up: %.1fx warm, %.1fx cold (target >= 5x); largest objective ratio hkmeans / reference: "
          "%.4f at seed 0, %.4f for the mean over %d seeds (target <= 1); ours deterministic across runs: %s" % (
              worst, worst_cold, worst_objective, worst_mean, SEEDS, "yes" if all(e["hkmeans"]["deterministic"] for e in rows) else "NO"))

    with open(os.path.join(OUT, "hkmeans.json"), "w") as f:
        json.dump(rows, f, indent=1)
    print("\ntotal wall time of the benchmark: %.1f s" % (time.perf_counter() - began))


if __name__ == "__main__":
    main()
