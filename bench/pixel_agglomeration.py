#!/usr/bin/python3
"""Pixel agglomeration benchmark: our Ward engine vs scikit-learn's FeatureAgglomeration, in one run.

Data: stacks of `samples` images of spatially smoothed noise (numpy default_rng(0) standard normal,
float32, then scipy.ndimage.gaussian_filter with sigma 2 px over the spatial axes only), stored once as
raw little-endian float32 in target/bench so that both sides cluster identical values (converted to
double the same way). Cases (samples x height x width): 200x64x64, 50x256x256, 20x512x512, each with
k = 100 and k = 1000, 2D 4-connectivity. Each pixel is one item, its profile over the samples its
features (scikit-learn's X has shape (samples, pixels)).

Timed: the fit only, 2 threads on both sides:
- scikit-learn 1.2 FeatureAgglomeration(n_clusters=k, connectivity=grid_to_graph(h, w), linkage="ward")
  .fit(X), the connectivity matrix built before timing; median of 3 fits on 64x64 (a fraction of a
  second, noisy), one fit on the larger images (tens of seconds on 512x512). With its default
  compute_full_tree="auto" it stops merging at k clusters on 64x64 (k is not below max(100, 2% of the
  pixels)) and builds the full tree on the larger images, as ours always does;
- ours (Java, -Xmx1g): grid graph + full Ward tree + cut(k), from the feature matrix to the label of
  every pixel; the first (cold) run of a fresh JVM, then untimed runs until 2 s have passed (the JIT
  needs dozens of runs of a 64x64 image to compile the hot loops, none of a 512x512 one), then the
  median of 3 timed warm runs. One JVM
  per case.
Both label sets are scored in Python the same way: the Ward objective, the within-cluster sum of squares
of the pixel profiles, in double precision; "same partition" tells whether the two label sets are
identical up to renumbering. Ratios are computed within this run; absolute seconds depend on the machine.

Extra case, ours only (scikit-learn has no 26-connectivity and would take far too long): a 3D volume of
128 x 128 x 64 voxels (w x h x d) x 10 samples, neighbourhood 26, k = 1000, -Xmx2g, cold run + 1 warm run.

Usage (from the repository root): /usr/bin/python3 bench/pixel_agglomeration.py [--small-only]
(--small-only: only the 200x64x64 case, no 3D volume.)
"""
import os

THREADS = 2
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(THREADS)

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from scipy.ndimage import gaussian_filter  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "target", "bench")
SIGMA = 2.0
CASES_2D = [(200, 64, 64), (50, 256, 256), (20, 512, 512)]
KS = [100, 1000]
VOLUME = (10, 64, 128, 128)  # samples, depth, height, width
VOLUME_K = 1000


def prepare(shape):
    """Smoothed noise of the given (samples, [depth,] height, width), as a raw float32 file (cached)."""
    path = os.path.join(OUT, "ward-%s.f32" % "x".join(map(str, shape)))
    if not os.path.isfile(path):
        os.makedirs(OUT, exist_ok=True)
        noise = np.random.default_rng(0).standard_normal(shape, dtype=np.float32)
        smooth = gaussian_filter(noise, sigma=(0,) + (SIGMA,) * (len(shape) - 1))
        smooth.astype("<f4").tofile(path)
    return path


def load(path, shape):
    """X of shape (samples, pixels) in double precision, pixels in raster order (x fastest)."""
    return np.fromfile(path, dtype="<f4").astype(np.float64).reshape(shape[0], -1)


def classpath():
    cp = os.path.join(ROOT, "target", "bench-classpath.txt")
    command = ["mvn", "-q", "-B", "-f", "plugin/pom.xml", "-DskipTests", "test-compile", "dependency:build-classpath", "-Dmdep.outputFile=" + cp]
    if subprocess.run(command[:1] + ["-o"] + command[1:], cwd=ROOT).returncode != 0:
        subprocess.run(command, cwd=ROOT, check=True)
    with open(cp) as f:
        deps = f.read().strip()
    return os.pathsep.join([os.path.join(ROOT, "target", "classes"), os.path.join(ROOT, "target", "test-classes"), deps])


def ours(cp, path, shape, neighbourhood, k, warm_runs, heap):
    """Runs the Java main once (one JVM); returns its JSON record and the labels it wrote. Raises
    RuntimeError with the JVM's last words if it fails (e.g. OutOfMemoryError)."""
    samples, spatial = shape[0], shape[1:]
    grid = "x".join(str(s) for s in reversed(spatial))  # x first
    labels_path = os.path.join(OUT, "ward-%s-n%d-k%d-labels.i32" % ("x".join(map(str, shape)), neighbourhood, k))
    return run_java(cp, heap, "PixelAgglomerationBenchmark",
                    [path, samples, grid, neighbourhood, k, warm_runs, THREADS, labels_path], labels_path)


def run_java(cp, heap, main, args, labels_path):
    """Runs a benchmark main of io.github.pixelclustering.bench in its own JVM; returns its JSON record
    (with the JVM's wall time) and the labels it wrote. Raises RuntimeError with the JVM's last words if
    it fails (e.g. OutOfMemoryError)."""
    start = time.perf_counter()
    run = subprocess.run(["java", "-Xmx" + heap, "-cp", cp, "io.github.pixelclustering.bench." + main] + [str(a) for a in args],
                         capture_output=True, text=True)
    wall = time.perf_counter() - start
    if run.returncode != 0:
        raise RuntimeError("the Java benchmark failed (exit %d): %s" % (run.returncode, run.stderr.strip()[-2000:]))
    record = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")][0]
    record["jvm_wall_seconds"] = wall
    return record, np.fromfile(labels_path, dtype="<i4")


def sklearn_fit(x, height, width, k, repeats):
    """Median seconds of `repeats` FeatureAgglomeration fits (deterministic: the same labels each time) and
    the labels; the connectivity is built before timing."""
    from sklearn.cluster import FeatureAgglomeration
    from sklearn.feature_extraction.image import grid_to_graph
    connectivity = grid_to_graph(height, width)
    times = []
    for _ in range(repeats):
        model = FeatureAgglomeration(n_clusters=k, connectivity=connectivity, linkage="ward")
        start = time.perf_counter()
        model.fit(x)
        times.append(time.perf_counter() - start)
    return float(np.median(times)), model.labels_


def objective(x, labels):
    """Ward objective: within-cluster sum of squares of the pixel profiles (columns of x), float64."""
    profiles = x.T
    counts = np.bincount(labels)
    sums = np.zeros((len(counts), profiles.shape[1]))
    for s in range(profiles.shape[1]):
        sums[:, s] = np.bincount(labels, weights=profiles[:, s], minlength=len(counts))
    residual = profiles - (sums / counts[:, None])[labels]
    return float(np.einsum("ij,ij->", residual, residual))


def canonical(labels):
    """Labels renumbered in the order of each cluster's first pixel."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty_like(first)
    rank[np.argsort(first)] = np.arange(len(first))
    return rank[inverse]


def volume(cp):
    """The 3D case, ours only: prints its table and returns its report entry."""
    shape = VOLUME
    case = "%dx%dx%dx%d" % shape
    path = prepare(shape)
    print("\n## 3D volume %d x %d x %d voxels (w x h x d) x %d samples, 26-connectivity, k = %d, ours only, -Xmx2g" % (
        shape[3], shape[2], shape[1], shape[0], VOLUME_K))
    try:
        us, labels = ours(cp, path, shape, 26, VOLUME_K, 1, "2g")
    except RuntimeError as failure:
        print("did not complete: %s" % failure)
        return {"case": case, "k": VOLUME_K, "failure": str(failure)}
    entry = {"case": case, "k": VOLUME_K, "ours": us, "ours_objective": objective(load(path, shape), labels)}
    print("| voxels | ours warm s (runs) | ours cold s | JVM wall s | clusters | objective | completed |")
    print("|---|---|---|---|---|---|---|")
    print("| %d | %.3f (%d) | %.3f | %.1f | %d | %.6e | yes (no OutOfMemoryError, max heap %d MB) |" % (
        us["pixels"], us["seconds"], us["warm_runs"], us["cold_seconds"], us["jvm_wall_seconds"],
        len(np.unique(labels)), entry["ours_objective"], us["max_heap_mb"]))
    return entry


def main():
    began = time.perf_counter()
    small = "--small-only" in sys.argv
    try:
        import sklearn
        version = sklearn.__version__
    except ImportError:
        version = None
        print("bench: scikit-learn is not importable; timing ours only.")
    cases = CASES_2D[:1] if small else CASES_2D
    cp = classpath()
    rows = []
    for shape in cases:
        height, width = shape[1:]
        path = prepare(shape)
        x = load(path, shape)
        for k in KS:
            us, our_labels = ours(cp, path, shape, 4, k, 3, "1g")
            entry = {"case": "%dx%dx%d" % shape, "k": k, "ours": us, "ours_objective": objective(x, our_labels)}
            if version is not None:
                repeats = 3 if height * width <= 64 * 64 else 1
                seconds, labels = sklearn_fit(x, height, width, k, repeats)
                entry["sklearn"] = {"version": version, "seconds": seconds, "fits": repeats, "objective": objective(x, labels)}
                entry["same_partition"] = bool(np.array_equal(canonical(labels), our_labels))
            rows.append(entry)
            print("done %s k=%d: ours %.3f s (cold %.3f s)%s" % (entry["case"], k, us["seconds"], us["cold_seconds"],
                  ", scikit-learn %.3f s" % entry["sklearn"]["seconds"] if "sklearn" in entry else ""), flush=True)

    print("\n## Ward agglomeration with 2D 4-connectivity, %d threads; scikit-learn %s FeatureAgglomeration vs ours" % (
        THREADS, version or "(not available)"))
    print("| samples x h x w | k | sklearn s (fits) | ours warm s (runs) | ours cold s | speed-up warm | speed-up cold "
          "| objective sklearn | objective ours | objective ratio | same partition | ours: tree vs Python objective, rel. diff |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for e in rows:
        us = e["ours"]
        tree_diff = abs(us["objective"] - e["ours_objective"]) / e["ours_objective"]
        if "sklearn" in e:
            sk = e["sklearn"]
            print("| %s | %d | %.3f (%d) | %.3f (%d) | %.3f | %.1fx | %.1fx | %.6e | %.6e | %.9f | %s | %.1e |" % (
                e["case"], e["k"], sk["seconds"], sk["fits"], us["seconds"], us["warm_runs"], us["cold_seconds"],
                sk["seconds"] / us["seconds"], sk["seconds"] / us["cold_seconds"], sk["objective"], e["ours_objective"],
                e["ours_objective"] / sk["objective"], "yes" if e["same_partition"] else "NO", tree_diff))
        else:
            print("| %s | %d | - | %.3f (%d) | %.3f | - | - | - | %.6e | - | - | %.1e |" % (
                e["case"], e["k"], us["seconds"], us["warm_runs"], us["cold_seconds"], e["ours_objective"], tree_diff))
    if version is not None:
        worst = min(e["sklearn"]["seconds"] / e["ours"]["seconds"] for e in rows)
        worst_cold = min(e["sklearn"]["seconds"] / e["ours"]["cold_seconds"] for e in rows)
        print("smallest speed-up: %.1fx warm, %.1fx cold (target >= 5x)" % (worst, worst_cold))

    report = list(rows)
    if not small:
        report.append(volume(cp))
    with open(os.path.join(OUT, "pixel_agglomeration.json"), "w") as f:
        json.dump(report, f, indent=1)
    print("\ntotal wall time of the benchmark: %.1f s" % (time.perf_counter() - began))


if __name__ == "__main__":
    main()
