#!/usr/bin/python3
"""Applying a colour model: Pixel Clustering's apply vs scikit-learn's KMeans.predict, same centres, one run.

Images: the 12-megapixel photo and china.jpg of bench/colour_quantization.py (made by its prepare(), decoded
once by Pillow and stored as PNG in target/bench). Models: k-means, k = 8 and 64, RGB and CIELAB, seed 0,
fitted by ours on the 12 MP image (ColourModelBenchmark fit) and saved as model JSON files in
target/bench/models; scikit-learn gets the centres from those files.

Timed, excluding decoding, on 1 and 2 threads:
- ours (Java, -Xmx1g, a fresh JVM per model and thread count): ColourQuantizationModel.apply writing the
  labels into an 8-bit ArrayImg in its pass (labels + the per-cluster counts and inertia of the clusters
  table), from the image's ARGB pixels to the label of every pixel (the CIELAB conversion included); and
  ColourQuantizationModel.predict, the labels alone (what scikit-learn's predict returns, warm). Cold = the first apply of the JVM (the table of colours empty); warm = median of 7 runs after
  the JIT warm-up (table filled, as for the second image of a series); "fresh table" = warm code, empty
  table (median of 5 runs, each with a newly read model).
- scikit-learn 1.2.1 KMeans.predict: a KMeans object whose fitted attributes are set by hand
  (cluster_centers_ in the model's search order, n_features_in_ = 3, _n_threads = threads), predict called
  on the float64 pixel matrix already in the clustering space (RGB / 255, or CIELAB computed here with the
  formulas of colour/Cielab.java): the conversion is NOT included in scikit-learn's time (it is in ours).
  Median of 3 calls, inside threadpool_limits(threads).
The labels of both are compared pixel by pixel (scikit-learn computes distances as |c|^2 - 2 x.c, so a
pixel almost equidistant from two centres may get the other one).

Usage (from the repository root): /usr/bin/python3 bench/colour_model_predict.py [--small-only]
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from colour_quantization import OUT, classpath, prepare  # noqa: E402

THREADS = [1, 2]
RUNS = 7
MODELS = ["k8-RGB", "k8-CIELAB", "k64-RGB", "k64-CIELAB"]
MAIN = "io.github.pixelclustering.bench.ColourModelBenchmark"


def java(cp, *args, heap="-Xmx1g"):
    out = subprocess.run(["java", heap, "-cp", cp, MAIN] + [str(a) for a in args], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def cielab(rgb):
    """colour/Cielab.java in numpy: sRGB (0..255) -> L*, a*, b* (D65)."""
    c = np.arange(256) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    lr, lg, lb = linear[rgb[:, 0]], linear[rgb[:, 1]], linear[rgb[:, 2]]
    x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047
    y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb
    z = (0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb) / 1.08883
    d = 6.0 / 29.0

    def f(t):
        return np.where(t > d ** 3, np.cbrt(t), t / (3 * d * d) + 4.0 / 29.0)
    fx, fy, fz = f(x), f(y), f(z)
    return np.stack([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)], axis=1)


def sklearn_predict(rgb, model, threads):
    """Median seconds of 3 KMeans.predict calls, and the labels 1..k (the model's numbering)."""
    from threadpoolctl import threadpool_limits
    from sklearn.cluster import KMeans
    order = np.array(model["search_order"])
    centres = np.asarray(model["centres"], dtype=np.float64)[order - 1]
    x = rgb / 255.0 if model["features"]["space"] == "RGB" else cielab(rgb)
    x = np.ascontiguousarray(x, dtype=np.float64)
    km = KMeans(n_clusters=len(centres), n_init=1)
    km.cluster_centers_ = centres
    km.n_features_in_ = 3
    km._n_threads = threads
    times = []
    with threadpool_limits(limits=threads):
        for _ in range(3):
            start = time.perf_counter()
            index = km.predict(x)
            times.append(time.perf_counter() - start)
    return float(np.median(times)), order[index]


def main():
    import sklearn
    images = prepare()
    large = images[-1][1]
    if "--small-only" in sys.argv:
        images = images[:1]
    cp = classpath()
    folder = os.path.join(OUT, "models")
    if not all(os.path.isfile(os.path.join(folder, m + ".json")) for m in MODELS):
        for fit in java(cp, "fit", large, folder, heap="-Xmx2g"):
            print("fitted %s in %.1f s" % (fit["model"], fit["fit_seconds"]))
    report = []
    for label, path in images:
        rgb = np.asarray(Image.open(path).convert("RGB"), dtype=np.int64).reshape(-1, 3)
        print("\n## %s, %d pixels; scikit-learn %s" % (label, len(rgb), sklearn.__version__))
        print("| model | threads | ours predict s | ours apply warm s | MP/s | ours cold s (fresh JVM) | ours fresh table s | two passes: apply / writeLabels s | no table s | sklearn predict s | speed-up predict | speed-up apply warm | speed-up cold | same labels |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for name in MODELS:
            file = os.path.join(folder, name + ".json")
            with open(file) as f:
                model = json.load(f)
            for threads in THREADS:
                raw = os.path.join(OUT, "labels-%s-%d.raw" % (name, threads))
                us = java(cp, "apply", path, file, RUNS, threads, raw)[0]
                ours_labels = np.fromfile(raw, dtype=np.uint8 if us["label_bits"] == 8 else "<u2")
                sk_seconds, sk_labels = sklearn_predict(rgb, model, threads)
                same = float(np.mean(ours_labels == sk_labels))
                row = {"image": label, "model": name, "threads": threads, "ours": us, "sklearn_seconds": sk_seconds, "same_labels": same}
                report.append(row)
                print("| %s | %d | %.4f | %.4f | %.0f | %.3f | %.4f | %.4f / %.4f | %.3f | %.3f | **%.1fx** | %.1fx | %.1fx | %.6f |" % (
                    name, threads, us["predict_seconds"], us["seconds"], us["megapixels_per_second"], us["cold_seconds"], us["fresh_table_seconds"],
                    us["apply_seconds"], us["write_seconds"], us["direct_seconds"], sk_seconds,
                    sk_seconds / us["predict_seconds"], sk_seconds / us["seconds"], sk_seconds / us["cold_seconds"], same))
    with open(os.path.join(OUT, "colour_model_predict.json"), "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    try:
        import sklearn  # noqa: F401
    except ImportError:
        sys.exit("bench: scikit-learn is not installed for " + sys.executable + " (apt-get install -y python3-sklearn); nothing was timed.")
    main()
