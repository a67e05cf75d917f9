#!/usr/bin/python3
"""Whole processes, as a user meets them: our command line against the Python script a user would
write, each started fresh, in one run (issue 21).

Every case is one image that is not in the repository, written into target/bench/whole/ first:
- colour: scikit-image's coffee.png (400 x 600 RGB), k = 16. Python: skimage.io.imread, scikit-learn
  KMeans(n_clusters=16, n_init=10, random_state=0) on the RGB values in [0, 1], labels saved with
  tifffile. Ours: run "Colour Quantization" "clusters=16" (k-means, RGB, 10 restarts, seed 0; it also
  saves the quantized image and the clusters table);
- ward: 50 x 256 x 256 float32 smoothed noise (bench/pixel_agglomeration.py's stack) as an ImageJ TIFF
  stack, k = 1000. Python: tifffile.imread, FeatureAgglomeration(n_clusters=1000,
  connectivity=grid_to_graph(256, 256), linkage="ward"), labels saved. Ours: run "Pixel
  Agglomeration" "clusters=1000 method=ward connectivity=4";
- spectrum: the synthetic 128 x 128 x 1024 map (scripts/synthetic_spectra.py, seed 0) as an ImageJ
  float32 stack (slices = channels). Python: import hyperspy.api, tifffile.imread, Signal1D,
  decomposition(), cluster_analysis("decomposition", number_of_components=5, n_clusters=4,
  preprocessing="norm", random_state=0, n_init=10), labels saved. Ours: run "Spectrum Image Cluster
  Analysis" "clusters=4 components=5 preprocessing=norm".
Ours runs two ways: `java -jar <cli.jar>`, and bin/pixel-clustering (the same jar with a
class-data-sharing archive per command: its first run, which records the archive as it exits, is
timed apart; the timed runs map it). Each timing is the wall time of the whole process (JVM or interpreter start, imports, reading,
clustering, saving), median of `--repeats` (3) runs, the commands interleaved so that the machine's
drift hits them alike; 2 threads on both sides. Ratios are within this run; absolute seconds depend on
the machine. The labels of ours and Python's are compared by adjusted Rand index.

Raw numbers: target/bench/whole_process.json.
Usage (from the repository root, after mvn -B -DskipTests package):
/usr/bin/python3 bench/whole_process.py [--repeats N] [--only colour,ward,spectrum]
"""
import os

THREADS = 2
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(THREADS)

import argparse  # noqa: E402
import glob  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import pixel_agglomeration as pa  # noqa: E402

WORK = os.path.join(ROOT, "target", "bench", "whole")

PYTHON = {
    "colour": '''
import sys
import numpy as np
import tifffile
from skimage import io
from sklearn.cluster import KMeans
image = io.imread(sys.argv[1])[..., :3]
x = image.reshape(-1, 3).astype(np.float64) / 255
labels = KMeans(n_clusters=16, n_init=10, random_state=0).fit(x).labels_
tifffile.imwrite(sys.argv[2], labels.reshape(image.shape[:2]).astype(np.uint8))
''',
    "ward": '''
import sys
import numpy as np
import tifffile
from sklearn.cluster import FeatureAgglomeration
from sklearn.feature_extraction.image import grid_to_graph
stack = tifffile.imread(sys.argv[1])
n, h, w = stack.shape
x = stack.reshape(n, h * w).astype(np.float64)
labels = FeatureAgglomeration(n_clusters=1000, connectivity=grid_to_graph(h, w), linkage="ward").fit(x).labels_
tifffile.imwrite(sys.argv[2], labels.reshape(h, w).astype(np.uint16))
''',
    "spectrum": '''
import sys
import logging
import warnings
warnings.simplefilter("ignore")
logging.disable(logging.WARNING)
import numpy as np
import tifffile
import hyperspy.api as hs
cube = np.moveaxis(tifffile.imread(sys.argv[1]), 0, -1)
s = hs.signals.Signal1D(cube)
s.decomposition(print_info=False)
s.cluster_analysis("decomposition", number_of_components=5, n_clusters=4, preprocessing="norm", random_state=0, n_init=10)
labels = np.argmax(s.learning_results.cluster_labels, axis=0)
tifffile.imwrite(sys.argv[2], labels.reshape(cube.shape[:2]).astype(np.uint8))
''',
}

OURS = {
    "colour": ("Colour Quantization", "clusters=16"),
    "ward": ("Pixel Agglomeration", "clusters=1000 method=ward connectivity=4"),
    "spectrum": ("Spectrum Image Cluster Analysis", "clusters=4 components=5 preprocessing=norm"),
}


def prepare(case):
    """The case's image in WORK (made once), its file name."""
    import tifffile
    os.makedirs(WORK, exist_ok=True)
    if case == "colour":
        path = os.path.join(WORK, "coffee.png")
        if not os.path.exists(path):
            from skimage import data, io
            io.imsave(path, data.coffee(), check_contrast=False)
    elif case == "ward":
        path = os.path.join(WORK, "ward-50x256x256.tif")
        if not os.path.exists(path):
            shape = (50, 256, 256)
            stack = pa.load(pa.prepare(shape), shape)
            tifffile.imwrite(path, np.asarray(stack, dtype=np.float32).reshape(shape), imagej=True)
    else:
        path = os.path.join(WORK, "synthetic-128x128x1024.tif")
        if not os.path.exists(path):
            import synthetic_spectra
            counts, _ = synthetic_spectra.generate(128, 128, 1024, 0)
            cube = np.asarray(counts, dtype=np.float32).reshape(128, 128, 1024)
            tifffile.imwrite(path, np.ascontiguousarray(np.moveaxis(cube, -1, 0)), imagej=True)
    return path


def timed(command, env=None):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit("failed (%d): %s\n%s" % (done.returncode, " ".join(command), done.stderr.decode()[-2000:]))
    return seconds, done.stdout.decode()


def ari(a, b):
    from sklearn.metrics import adjusted_rand_score
    return float(adjusted_rand_score(np.asarray(a).ravel(), np.asarray(b).ravel()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="colour,ward,spectrum")
    options = parser.parse_args()
    import tifffile
    jars = sorted(glob.glob(os.path.join(ROOT, "target", "pixel-clustering-*-cli.jar")))
    if not jars:
        raise SystemExit("no target/pixel-clustering-*-cli.jar: run mvn -B -DskipTests package first")
    jar = jars[0]
    launcher = os.path.join(ROOT, "bin", "pixel-clustering")
    cache = os.path.join(WORK, "cds-cache")
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, PIXEL_CLUSTERING_JAR=jar, PIXEL_CLUSTERING_CACHE=cache)
    results = {}
    for case in options.only.split(","):
        image = prepare(case)
        name = os.path.splitext(os.path.basename(image))[0]
        script = os.path.join(WORK, case + ".py")
        with open(script, "w") as f:
            f.write(PYTHON[case].lstrip())
        python_labels = os.path.join(WORK, case + "-python-labels.tif")
        command, macro = OURS[case]
        out = os.path.join(WORK, case + "-ours")
        plain = ["java", "-jar", jar, "run", command, macro, image, out]
        shared = [launcher, "run", command, macro, image, out]
        times = {"python": [], "java -jar": [], "bin/pixel-clustering": []}
        record = {}
        # the first launcher run of each command records its archive: timed apart
        record["bin/pixel-clustering first run (records the archive)"] = timed(shared, env)[0]
        for _ in range(options.repeats):
            times["python"].append(timed(["/usr/bin/python3", script, image, python_labels])[0])
            seconds, line = timed(plain)
            times["java -jar"].append(seconds)
            times["bin/pixel-clustering"].append(timed(shared, env)[0])
        summary = json.loads(line.strip().splitlines()[-1])
        ours = tifffile.imread(os.path.join(out, name + "-labels.tif"))
        theirs = tifffile.imread(python_labels)
        record.update({k: float(np.median(v)) for k, v in times.items()})
        record["runs"] = times
        record["ari"] = ari(ours, theirs)
        record["in-command seconds (last java -jar run)"] = summary.get("seconds")
        results[case] = record
        print("%-9s python %.2f s | java -jar %.2f s (%.1fx) | bin/pixel-clustering %.2f s (%.1fx) | ARI %.4f" % (
            case, record["python"], record["java -jar"], record["python"] / record["java -jar"],
            record["bin/pixel-clustering"], record["python"] / record["bin/pixel-clustering"], record["ari"]))
        for key, value in record.items():
            if key.startswith("bin/pixel-clustering first run"):
                print("          %s: %.2f s" % (key, value))
        sys.stdout.flush()
    with open(os.path.join(ROOT, "target", "bench", "whole_process.json"), "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
