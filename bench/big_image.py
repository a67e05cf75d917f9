#!/usr/bin/python3
"""A slide larger than the heap: Pixel Clustering tile by tile (-Xmx512m) vs scikit-learn on a 1 % sample.

The slide: 20,000 x 20,000 RGB (1.2 GB of pixels), a tiled Deflate BigTIFF made from a fixed hash of the
pixel position (src/test/java/.../testutil/SeededSlide.java), written to target/bench/slide.tif when
missing. k = 8, seed 0.

- Ours (BigImageBenchmark, a JVM of 512 MB): the exact fit (every pixel's colour counted band by band,
  then weighted k-means, 1 restart), then on 1 and 2 threads: reading the tiles alone, apply counting only,
  and apply writing the labels as a tiled BigTIFF; cold = first run, warm = median of the others.
- scikit-learn 1.2.1 MiniBatchKMeans(n_clusters=8, random_state=0, other defaults) fitted on a uniform
  1 % sample of the pixels (what a Python user does with an image this size; the slide is read whole by
  tifffile first, not timed), RGB scaled to [0, 1]. Its inertia per pixel is then computed over every
  pixel (in chunks), as ours is: the mean squared distance of a pixel to its centre, RGB in [0, 1].

Usage (from the repository root): /usr/bin/python3 bench/big_image.py [--ours-only]
"""
import json
import os
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from colour_quantization import OUT, classpath  # noqa: E402

SIZE = 20000
K = 8


def ours(cp, slide):
    out = subprocess.run(["java", "-Xmx512m", "-cp", cp, "io.github.pixelclustering.bench.BigImageBenchmark", slide, str(SIZE),
                          "clusters=%d" % K, "runs=3"], check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def sklearn(slide):
    import tifffile
    from sklearn.cluster import MiniBatchKMeans
    start = time.perf_counter()
    pixels = tifffile.imread(slide).reshape(-1, 3)
    read = time.perf_counter() - start
    rng = np.random.default_rng(0)
    sample = pixels[rng.choice(len(pixels), len(pixels) // 100, replace=False)].astype(np.float64) / 255
    start = time.perf_counter()
    model = MiniBatchKMeans(n_clusters=K, random_state=0, n_init=3).fit(sample)  # 3 = the 1.2 default, said explicitly
    fit = time.perf_counter() - start
    centres = model.cluster_centers_
    total = 0.0
    chunk = 5_000_000
    for i in range(0, len(pixels), chunk):
        x = pixels[i:i + chunk].astype(np.float32) / 255
        d = ((x[:, None, :] - centres[None, :, :].astype(np.float32)) ** 2).sum(axis=2)
        total += float(d.min(axis=1).astype(np.float64).sum())
    return {"read_seconds": read, "fit_seconds": fit, "sample": len(sample), "inertia_per_pixel": total / len(pixels)}


def main():
    slide = os.path.join(OUT, "slide.tif")
    results = ours(classpath(), slide)
    fit = results[0]
    print("ours, exact fit on every pixel, reading the tiles included (2 threads): %.2f s, %d distinct colours, inertia per pixel %.7f, heap limit %d MB"
          % (fit["seconds"], fit["distinct_colours"], fit["inertia_per_pixel"], fit["heap_limit_mb"]))
    print("| threads | read tiles | apply, counts only | apply + label BigTIFF | megapixels/s |")
    print("|---|---|---|---|---|")
    for r in results[1:]:
        print("| %d | %.2f s (cold %.2f) | %.2f s (cold %.2f) | %.2f s (cold %.2f) | %.0f |" % (
            r["threads"], r["read_warm"], r["read_cold"], r["count_warm"], r["count_cold"], r["apply_warm"], r["apply_cold"], r["apply_mp_per_s_warm"]))
    if "--ours-only" in sys.argv:
        return
    try:
        theirs = sklearn(slide)
    except ImportError as e:
        print("scikit-learn or tifffile is not installed (%s): apt-get install python3-sklearn python3-tifffile" % e)
        return
    print("scikit-learn MiniBatchKMeans on a 1 %% sample (%d pixels): fit %.2f s (reading the slide whole: %.1f s, not counted), inertia per pixel over every pixel %.7f"
          % (theirs["sample"], theirs["fit_seconds"], theirs["read_seconds"], theirs["inertia_per_pixel"]))
    print("our inertia / theirs: %.6f (lower is better); our fit time / theirs: %.2f (theirs with its reading of the slide: %.2f)"
          % (fit["inertia_per_pixel"] / theirs["inertia_per_pixel"], fit["seconds"] / theirs["fit_seconds"],
             fit["seconds"] / (theirs["fit_seconds"] + theirs["read_seconds"])))


if __name__ == "__main__":
    main()
