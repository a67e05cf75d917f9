#!/usr/bin/python3
"""Colour quantization benchmark: Pixel Clustering vs scikit-learn vs ImageJ's MedianCut, in one run.

Images: china.jpg (640x427, from ../shared/data), scikit-image's hubble_deep_field (1000x872, from
python3-skimage; left out with a message when it is not installed) and a 12-megapixel photo made from
china.jpg here (upscaled 4240x2830 bicubic, Gaussian noise sigma 3, seed 0). Each is decoded once and
stored as PNG in target/bench, so that every method clusters identical pixels. k = 16, RGB scaled to
[0, 1].

Timed: clustering only, for every method on 2 threads, after decoding:
- scikit-learn 1.2 KMeans(n_clusters=16, n_init=10, random_state=0) and MiniBatchKMeans(16, n_init=3,
  batch_size=1024, random_state=0): fit() on the pixel matrix (labels of every pixel included); median of
  3 fits on china.jpg, one fit on the other images (KMeans takes minutes on the 12-megapixel one);
- ours (Java, -Xmx1g): k-means (10 restarts) and mini-batch (3 inits), from pixels to the label of every
  pixel; median of 5 runs after 3 warm-up runs (the first, cold run is reported too); and in a second
  fresh JVM, after the warm-up Fiji runs after its start-up (WarmUp.all, as WarmUpService does), the
  first k-means run: what the first click in Fiji costs;
- ImageJ 1.54p MedianCut (Image > Type > 8-bit Color, 16 colours);
- pngquant (libimagequant), the colour quantizer people use instead: `pngquant --nofs --speed 1 16`
  (no dithering), timed as a whole process (its PNG decode and encode included, median of 3), its error
  computed as ours on its output's colours; skipped with a message when pngquant is not installed
  (`apt-get install pngquant`).
Ratios are computed within this run; absolute seconds depend on the machine.

Usage (from the repository root): /usr/bin/python3 bench/colour_quantization.py [--small-only]
(--small-only: china.jpg and hubble_deep_field, not the 12-megapixel image)
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.path.join(ROOT, "..", "shared", "data", "china.jpg")
OUT = os.path.join(ROOT, "target", "bench")
THREADS = 2
K = 16


def prepare():
    os.makedirs(OUT, exist_ok=True)
    if not os.path.isfile(SHARED):
        sys.exit("bench: " + SHARED + " not found; the benchmark needs the shared data folder next to the repository.")
    china = os.path.join(OUT, "china.png")
    large = os.path.join(OUT, "china-12mp.png")
    photo = Image.open(SHARED).convert("RGB")
    if not os.path.isfile(china):
        photo.save(china)
    if not os.path.isfile(large):
        big = np.asarray(photo.resize((4240, 2830), Image.BICUBIC), dtype=np.float64)
        big += np.random.default_rng(0).normal(0, 3, big.shape)
        Image.fromarray(np.clip(np.rint(big), 0, 255).astype(np.uint8)).save(large)
    images = [("china.jpg 640x427", china)]
    hubble = os.path.join(OUT, "hubble_deep_field.png")
    if not os.path.isfile(hubble):
        try:
            from skimage import data
            Image.fromarray(data.hubble_deep_field()).convert("RGB").save(hubble)
        except ImportError:
            print("bench: scikit-image is not installed (apt-get install python3-skimage): hubble_deep_field left out")
    if os.path.isfile(hubble):
        images.append(("hubble_deep_field 1000x872", hubble))
    return images + [("12 MP (4240x2830)", large)]


def classpath():
    cp = os.path.join(ROOT, "target", "bench-classpath.txt")
    subprocess.run(["mvn", "-q", "-B", "-f", "plugin/pom.xml", "-DskipTests", "test-compile", "dependency:build-classpath",
                    "-Dmdep.outputFile=" + cp], cwd=ROOT, check=True)
    with open(cp) as f:
        deps = f.read().strip()
    return os.pathsep.join([os.path.join(ROOT, "target", "classes"), os.path.join(ROOT, "target", "test-classes"), deps])


def ours(cp, path, warmed=False):
    """Our methods in a fresh JVM; warmed: the JVM runs Fiji's warm-up first, then only our k-means."""
    out = subprocess.run(["java", "-Xmx1g", "-cp", cp, "io.github.pixelclustering.bench.ColourQuantizationBenchmark",
                          path, str(K), "5", str(THREADS)] + (["warmed"] if warmed else []), check=True, capture_output=True, text=True).stdout
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return {r.get("method", "warm-up"): r for r in lines}


def sklearn_runs(path, repeats):
    """Median fit time of `repeats` fits (the same random_state, so the same result each time)."""
    from threadpoolctl import threadpool_limits
    from sklearn.cluster import KMeans, MiniBatchKMeans
    x = np.asarray(Image.open(path).convert("RGB"), dtype=np.float64).reshape(-1, 3) / 255.0
    results = {}
    with threadpool_limits(limits=THREADS):
        for name, make in [("KMeans", lambda: KMeans(n_clusters=K, n_init=10, random_state=0)),
                           ("MiniBatchKMeans", lambda: MiniBatchKMeans(n_clusters=K, n_init=3, batch_size=1024, random_state=0))]:
            times = []
            for _ in range(repeats):
                model = make()
                start = time.perf_counter()
                model.fit(x)
                times.append(time.perf_counter() - start)
            results[name] = {"seconds": float(np.median(times)), "inertia_per_pixel": float(model.inertia_) / len(x), "repeats": repeats}
    return results


def pngquant_runs(path, repeats=3):
    """pngquant as a user runs it: whole process, median of `repeats`; None when it is not installed."""
    import shutil
    exe = shutil.which("pngquant")
    if exe is None:
        return None
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.split()[0]
    out = os.path.join(OUT, "pngquant-out.png")
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([exe, "--nofs", "--speed", "1", "--force", "--output", out, str(K), path], check=True)
        times.append(time.perf_counter() - start)
    x = np.asarray(Image.open(path).convert("RGB"), dtype=np.float64) / 255.0
    y = np.asarray(Image.open(out).convert("RGB"), dtype=np.float64) / 255.0
    inertia = float(((x - y) ** 2).sum(axis=2).mean())
    return {"seconds": float(np.median(times)), "inertia_per_pixel": inertia, "version": version}


def main():
    import sklearn
    images = prepare()
    if "--small-only" in sys.argv:
        images = [i for i in images if not i[0].startswith("12 MP")]
    cp = classpath()
    report = []
    for label, path in images:
        sk = sklearn_runs(path, 3 if path.endswith("china.png") else 1)
        us = ours(cp, path)
        us.update(ours(cp, path, warmed=True))
        fiji = us["k-means-after-warm-up"]
        pq = pngquant_runs(path)
        report.append({"image": label, "sklearn": sk, "ours": us, "pngquant": pq})
        ref = sk["KMeans"]
        print("\n## %s (%d distinct colours), k = %d, %d threads" % (label, us["k-means"]["distinct_colours"], K, THREADS))
        print("| method | seconds | inertia / pixel | speed-up vs sklearn KMeans | inertia vs sklearn KMeans |")
        print("|---|---|---|---|---|")
        rows = [("scikit-learn %s KMeans (n_init=10)" % sklearn.__version__, ref["seconds"], ref["inertia_per_pixel"]),
                ("scikit-learn MiniBatchKMeans (n_init=3)", sk["MiniBatchKMeans"]["seconds"], sk["MiniBatchKMeans"]["inertia_per_pixel"]),
                ("ours k-means (10 restarts)", us["k-means"]["seconds"], us["k-means"]["inertia_per_pixel"]),
                ("ours k-means, first (cold) run", us["k-means"]["cold_seconds"], us["k-means"]["inertia_per_pixel"]),
                ("ours k-means, first run after Fiji's warm-up (%.2f s)" % us["warm-up"]["warm_up_seconds"], fiji["cold_seconds"], fiji["inertia_per_pixel"]),
                ("ours mini-batch (3 inits)", us["mini-batch"]["seconds"], us["mini-batch"]["inertia_per_pixel"]),
                ("ImageJ MedianCut (8-bit Color)", us["imagej-mediancut"]["seconds"], us["imagej-mediancut"]["inertia_per_pixel"])]
        if pq is not None:
            rows.append(("pngquant %s --nofs --speed 1 (whole process)" % pq["version"], pq["seconds"], pq["inertia_per_pixel"]))
        for name, seconds, inertia in rows:
            print("| %s | %.3f | %.7f | %.1fx | %.4f |" % (name, seconds, inertia, ref["seconds"] / seconds, inertia / ref["inertia_per_pixel"]))
        if pq is None:
            print("pngquant: not installed (apt-get install pngquant), left out")
        else:
            print("ours k-means first (cold) run %.3f s vs pngquant whole process %.3f s: %.2fx; error ours / pngquant %.4f" % (
                us["k-means"]["cold_seconds"], pq["seconds"], pq["seconds"] / us["k-means"]["cold_seconds"], us["k-means"]["inertia_per_pixel"] / pq["inertia_per_pixel"]))
            print("ours k-means first run after Fiji's warm-up %.3f s vs pngquant whole process %.3f s: %.2fx" % (
                fiji["cold_seconds"], pq["seconds"], pq["seconds"] / fiji["cold_seconds"]))
        print("ours k-means vs sklearn MiniBatchKMeans: %.1fx faster, inertia ratio %.4f" % (
            sk["MiniBatchKMeans"]["seconds"] / us["k-means"]["seconds"], us["k-means"]["inertia_per_pixel"] / sk["MiniBatchKMeans"]["inertia_per_pixel"]))
        print("ours mini-batch vs sklearn MiniBatchKMeans: %.1fx faster, inertia ratio %.4f" % (
            sk["MiniBatchKMeans"]["seconds"] / us["mini-batch"]["seconds"], us["mini-batch"]["inertia_per_pixel"] / sk["MiniBatchKMeans"]["inertia_per_pixel"]))
    with open(os.path.join(OUT, "colour_quantization.json"), "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
