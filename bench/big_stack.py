#!/usr/bin/python3
"""A stack larger than the heap: a Cluster Slices model applied page by page (-Xmx256m) vs in memory, and
vs scikit-learn's KMeans.predict on the same centres.

The stack: 2,000 pages of 512 x 512 16-bit pixels (1 GB, one uncompressed page after another, written by
tifffile to target/bench/stack.tif when missing); each page is one of three patterns plus seeded noise.
The model: Cluster Slices k = 3, seed 1, fitted by the command line on the first 30 pages
(target/bench/stack-30.tif).

Timed as whole processes (JVM start and the model's reading included), one run each:
- ours page by page: `java -Xmx256m -jar ...-cli.jar apply <model> stack.tif <out>` (the stack is over a
  quarter of the heap, so it is read page by page, band by band);
- ours in memory: the same with `-Xmx6g` (ImageJ opens the whole stack, then Apply Clustering Model);
- scikit-learn 1.2.1 KMeans.predict on the model's centres (set by hand, as bench/colour_model_predict.py
  does), the stack read whole by tifffile and converted to float64 (the 2,000 x 262,144 matrix a Python
  user gives predict), in this process: reading + conversion + predict.
The slices tables of both of ours are compared byte for byte, and the labels with scikit-learn's. Peak
memory: the maximum resident set of each process (ours from /usr/bin/time, scikit-learn's from
getrusage, this script's own process).

Then the same for a Pixel Agglomeration kmeans model (k = 8) fitted on a 64 x 64 crop of all 2,000 pages:
each pixel's profile over the pages labelled, ours a block of rows across the pages (256 MB) and in
memory (12 GB), scikit-learn predict on the 262,144 x 2,000 float64 matrix; the clusters tables of both
of ours compared byte for byte, and the cluster sizes with scikit-learn's.

Usage (from the repository root, after mvn -B -f plugin/pom.xml -DskipTests package):
    /usr/bin/python3 bench/big_stack.py
"""
import csv
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "target", "bench")
JAR = os.path.join(ROOT, "target", "pixel-clustering-0.1.0-SNAPSHOT-cli.jar")
W = H = 512
PAGES = 2000
TRAINING = 30


def make(path, pages):
    import tifffile
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:H, 0:W]
    patterns = [x * 8.0, ((x // 32 + y // 32) % 2) * 3000.0, np.abs(np.sin((x - 256) * (y - 256) / 4000.0)) * 4000]
    with tifffile.TiffWriter(path) as t:
        for s in range(pages):
            t.write((patterns[s % 3] + rng.integers(0, 800, (H, W))).astype(np.uint16), contiguous=False)


def timed(args):
    """Runs a command under /usr/bin/time: (seconds, peak resident MB, stdout)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "maxrss %M"] + args, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit("failed: " + " ".join(args) + "\n" + p.stderr)
    rss = [line for line in p.stderr.splitlines() if line.startswith("maxrss ")][-1]
    return seconds, int(rss.split()[1]) / 1024, p.stdout


def labels(table):
    with open(table) as f:
        return [int(row["cluster"]) for row in csv.DictReader(f)]


def sklearn(stack, model):
    from sklearn.cluster import KMeans
    import tifffile
    import sklearn as sk
    d = json.load(open(model))
    order = d["search_order"]
    centres = np.array(d["centres"], dtype=np.float64)
    # centre j of the fit's search order is label order[j]
    ordered = np.array([centres[label - 1] for label in order])
    start = time.perf_counter()
    x = tifffile.imread(stack, key=range(PAGES)).reshape(PAGES, -1).astype(np.float64)
    read = time.perf_counter() - start
    km = KMeans(n_clusters=len(order), n_init=1)
    km.cluster_centers_ = ordered
    km.n_features_in_ = x.shape[1]
    km._n_threads = 2
    start = time.perf_counter()
    predicted = km.predict(x)
    predict = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return sk.__version__, read, predict, rss, [order[j] for j in predicted]


def main():
    os.makedirs(OUT, exist_ok=True)
    if not os.path.exists(JAR):
        sys.exit("build the command-line jar first: mvn -B -f plugin/pom.xml -DskipTests package")
    stack = os.path.join(OUT, "stack.tif")
    training = os.path.join(OUT, "stack-30.tif")
    if not os.path.exists(stack):
        make(stack, PAGES)
        make(training, TRAINING)
    model = os.path.join(OUT, "stack-model.json")
    timed(["java", "-jar", JAR, "run", "Cluster Slices", "clusters=3 seed=1 save_model=[%s]" % model, training, os.path.join(OUT, "stack-fit")])
    pages = timed(["java", "-Xmx256m", "-jar", JAR, "apply", model, stack, os.path.join(OUT, "stack-pages")])
    memory = timed(["java", "-Xmx6g", "-jar", JAR, "apply", model, stack, os.path.join(OUT, "stack-memory")])
    read = json.loads([line for line in pages[2].splitlines() if line.startswith("{")][-1])["read"]
    same = open(os.path.join(OUT, "stack-pages", "stack-slices.csv")).read() == open(os.path.join(OUT, "stack-memory", "stack-slices.csv")).read()
    ours = labels(os.path.join(OUT, "stack-pages", "stack-slices.csv"))
    print("## Cluster Slices model on a %d x %d x %d 16-bit stack (1 GB), k = 3; whole processes, one run" % (W, H, PAGES))
    print("| run | heap | seconds | peak resident MB | pages/s |")
    print("|---|---|---|---|---|")
    print("| ours, page by page (read: %s) | 256 MB | %.2f | %.0f | %.0f |" % (read, pages[0], pages[1], PAGES / pages[0]))
    print("| ours, stack in memory | 6 GB | %.2f | %.0f | %.0f |" % (memory[0], memory[1], PAGES / memory[0]))
    try:
        version, sk_read, sk_predict, sk_rss, sk_labels = sklearn(stack, model)
        agree = sum(a == b for a, b in zip(ours, sk_labels)) / len(ours)
        print("| scikit-learn %s: tifffile read + float64 %.2f s, predict %.2f s | - | %.2f | %.0f | %.0f |" % (version, sk_read, sk_predict, sk_read + sk_predict, sk_rss, PAGES / (sk_read + sk_predict)))
        print("\nlabels: page by page = in memory (slices table byte for byte): %s; agreement with scikit-learn: %.4f" % (same, agree))
        print("speed-up page by page vs scikit-learn (read + predict): %.1fx, vs ours in memory: %.1fx" % ((sk_read + sk_predict) / pages[0], memory[0] / pages[0]))
    except ImportError as e:
        print("\nscikit-learn or tifffile is not installed (%s): no reference run" % e)
        print("labels: page by page = in memory (slices table byte for byte): %s" % same)


def profiles(stack):
    """Pixel Agglomeration kmeans (k = 8) fitted on a 64 x 64 crop of all pages, applied to the whole stack."""
    import tifffile
    crop = os.path.join(OUT, "stack-crop.tif")
    if not os.path.exists(crop):
        tifffile.imwrite(crop, tifffile.imread(stack, key=range(PAGES))[:, :64, :64])
    model = os.path.join(OUT, "stack-profiles.json")
    timed(["java", "-jar", JAR, "run", "Pixel Agglomeration", "clusters=8 method=kmeans seed=1 restarts=1 save_model=[%s]" % model, crop, os.path.join(OUT, "profiles-fit")])
    blocks = timed(["java", "-Xmx256m", "-jar", JAR, "apply", model, stack, os.path.join(OUT, "profiles-pages")])
    memory = timed(["java", "-Xmx12g", "-jar", JAR, "apply", model, stack, os.path.join(OUT, "profiles-memory")])
    read = json.loads([line for line in blocks[2].splitlines() if line.startswith("{")][-1])["read"]
    same = open(os.path.join(OUT, "profiles-pages", "stack-clusters.csv")).read() == open(os.path.join(OUT, "profiles-memory", "stack-clusters.csv")).read()
    print("\n## Pixel Agglomeration kmeans model (k = 8, profiles of 2,000 samples) on the same stack; whole processes, one run")
    print("| run | heap | seconds | peak resident MB |")
    print("|---|---|---|---|")
    print("| ours, blocks of rows across the pages (read: %s) | 256 MB | %.2f | %.0f |" % (read, blocks[0], blocks[1]))
    print("| ours, stack in memory | 12 GB | %.2f | %.0f |" % (memory[0], memory[1]))
    try:
        from sklearn.cluster import KMeans
        import sklearn as sk
        d = json.load(open(model))
        # centre j of the model file has label centre_labels[j]
        order = d["centre_labels"]
        centres = np.array(d["centres"], dtype=np.float64)
        start = time.perf_counter()
        x = np.ascontiguousarray(tifffile.imread(stack, key=range(PAGES)).reshape(PAGES, -1).T, dtype=np.float64)
        reading = time.perf_counter() - start
        km = KMeans(n_clusters=len(order), n_init=1)
        km.cluster_centers_ = centres
        km.n_features_in_ = PAGES
        km._n_threads = 2
        start = time.perf_counter()
        predicted = km.predict(x)
        predict = time.perf_counter() - start
        sizes = np.bincount(np.array(order)[predicted], minlength=len(order) + 1)[1:]
        with open(os.path.join(OUT, "profiles-pages", "stack-clusters.csv")) as f:
            ours = [int(row["pixels"]) for row in csv.DictReader(f)]
        print("| scikit-learn %s: tifffile read + float64 pixels x samples %.2f s, predict %.2f s | - | %.2f | %.0f |" % (sk.__version__, reading, predict, reading + predict, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
        print("\nclusters table: blocks = in memory byte for byte: %s; cluster sizes equal to scikit-learn's: %s" % (same, list(sizes) == ours))
        print("speed-up blocks vs scikit-learn (read + predict): %.1fx" % ((reading + predict) / blocks[0]))
    except ImportError as e:
        print("\nscikit-learn or tifffile is not installed (%s): no reference run" % e)
        print("clusters table: blocks = in memory byte for byte: %s" % same)


if __name__ == "__main__":
    main()
    profiles(os.path.join(OUT, "stack.tif"))
