#!/usr/bin/python3
"""Spectrum-image cluster analysis benchmark: ours vs HyperSpy 1.7.3, in one run.

Data (float32 counts, the same bytes on both sides):
- eds: the real 30 x 30 x 2048 Bruker EDS map of test-images/eds-30x30.tif;
- synthetic: 128 x 128 x 1024 made by scripts/synthetic_spectra.py (4 phases, Poisson noise, seed 0),
  identical to testutil.SyntheticSpectra in Java.
Timed, 2 threads on every side:
- analysis: HyperSpy's s.decomposition() + s.cluster_analysis("decomposition", number_of_components=5,
  n_clusters=4, preprocessing="norm") (KMeans with n_init=10, random_state=0); ours: the
  SpectrumClusteringBenchmark main, task analysis (the same steps through SpectrumClustering: SVD, 5
  loadings, norm, k-means k=4 with 10 restarts, labels, distances, cluster spectra);
- gap: s.estimate_number_of_clusters("decomposition", number_of_components=5, preprocessing="norm",
  max_clusters=10, metric="gap") after the decomposition (not timed on either side);
- big: ours only, a 256 x 256 x 2048 synthetic map (512 MB of float32) analysed with -Xmx2g.
HyperSpy: median of 3 runs. Ours: the first (cold) run of a fresh JVM, JIT warm-up, then the median of
7 warm runs of the analysis (of the gap: 3 on the EDS map, 1 on the synthetic; one JVM per case). The
machine is noisy: single runs vary by about 25 %, on both sides. The labels are compared by adjusted
Rand index with HyperSpy's and, for the synthetic map, with the known phases. Ratios are within this
run.

Raw numbers: target/bench/spectrum_clustering.json.
Usage (from the repository root, after mvn -B -DskipTests package):
/usr/bin/python3 bench/spectrum_clustering.py [--no-gap] [--no-big]
"""
import os

THREADS = 2
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(THREADS)

import json  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import pixel_agglomeration as pa  # noqa: E402
import synthetic_spectra  # noqa: E402

OUT = pa.OUT


def load_eds():
    import tifffile
    stack = tifffile.imread(os.path.join(ROOT, "test-images", "eds-30x30.tif")).astype(np.float32)  # (E, y, x)
    return np.ascontiguousarray(np.moveaxis(stack, 0, -1)), None


def load_synthetic(width, height, channels):
    counts, phases = synthetic_spectra.generate(width, height, channels, 0)
    data = np.asarray(counts, dtype=np.float32).reshape(height, width, channels)
    return data, np.asarray(phases).reshape(-1)


def write_planes(data, path):
    """[channel][pixel] little-endian float32, as the Java main reads it."""
    np.ascontiguousarray(np.moveaxis(data, -1, 0)).astype("<f4").tofile(path)


def hyperspy_analysis(data, repeats):
    import hyperspy.api as hs
    times, labels = [], None
    for _ in range(repeats):
        s = hs.signals.Signal1D(data.copy())
        start = time.perf_counter()
        s.decomposition(print_info=False)
        s.cluster_analysis("decomposition", number_of_components=5, n_clusters=4, preprocessing="norm", random_state=0, n_init=10)
        times.append(time.perf_counter() - start)
        labels = np.argmax(s.learning_results.cluster_labels, axis=0)
    return float(np.median(times)), labels


def hyperspy_gap(data):
    import hyperspy.api as hs
    s = hs.signals.Signal1D(data.copy())
    s.decomposition(print_info=False)
    start = time.perf_counter()
    k = s.estimate_number_of_clusters("decomposition", number_of_components=5, preprocessing="norm", max_clusters=10, metric="gap")
    return time.perf_counter() - start, int(k)


def ours(cp, heap, task, data_arg, width, height, channels, warm_runs, name):
    labels_path = os.path.join(OUT, "spectrum-%s-%s-labels.i32" % (name, task))
    return pa.run_java(cp, heap, "SpectrumClusteringBenchmark", [task, data_arg, width, height, channels, warm_runs, THREADS, labels_path], labels_path)


def main():
    from sklearn.metrics import adjusted_rand_score
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    os.makedirs(OUT, exist_ok=True)
    cp = pa.classpath()
    results = {"threads": THREADS, "cases": []}
    cases = [("eds", 30, 30, 2048, load_eds, 3), ("synthetic", 128, 128, 1024, lambda: load_synthetic(128, 128, 1024), 3)]
    for name, width, height, channels, load, repeats in cases:
        data, phases = load()
        path = os.path.join(OUT, "spectrum-%s.f32" % name)
        write_planes(data, path)
        ref_seconds, ref_labels = hyperspy_analysis(data, repeats)
        record, labels = ours(cp, "1g", "analysis", path, width, height, channels, 7, name)
        case = {"case": name, "shape": [width, height, channels], "task": "analysis", "hyperspy_seconds": ref_seconds,
                "ours_seconds": record["seconds"], "ours_cold_seconds": record["cold_seconds"],
                "speedup": ref_seconds / record["seconds"], "cold_speedup": ref_seconds / record["cold_seconds"],
                "ari_vs_hyperspy": adjusted_rand_score(ref_labels, labels), "ours": record}
        if phases is not None:
            case["ari_vs_phases"] = adjusted_rand_score(phases, labels)
            case["hyperspy_ari_vs_phases"] = adjusted_rand_score(phases, ref_labels)
        results["cases"].append(case)
        print(json.dumps({k: v for k, v in case.items() if k != "ours"}), flush=True)
        if "--no-gap" not in sys.argv:
            ref_seconds, ref_k = hyperspy_gap(data)
            record, estimate = ours(cp, "1g", "gap", path, width, height, channels, 1 if name == "synthetic" else 3, name)
            case = {"case": name, "task": "gap", "hyperspy_seconds": ref_seconds, "hyperspy_estimate": ref_k,
                    "ours_seconds": record["seconds"], "ours_cold_seconds": record["cold_seconds"], "ours_estimate": int(estimate[0]),
                    "speedup": ref_seconds / record["seconds"], "cold_speedup": ref_seconds / record["cold_seconds"], "ours": record}
            results["cases"].append(case)
            print(json.dumps({k: v for k, v in case.items() if k != "ours"}), flush=True)
    if "--no-big" not in sys.argv:
        record, labels = ours(cp, "2g", "analysis", "synthetic:256x256x2048", 0, 0, 0, 0, "big")
        case = {"case": "big", "shape": [256, 256, 2048], "task": "analysis", "heap": "-Xmx2g", "ours_seconds": record["cold_seconds"], "ours": record}
        results["cases"].append(case)
        print(json.dumps(case), flush=True)
    with open(os.path.join(OUT, "spectrum_clustering.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
