#!/usr/bin/python3
"""Reference fixtures from scikit-learn 1.2.1 for the k-means tests.

Writes src/test/resources/fixtures/kmeans-*.json from the PNGs in test-images/.
Pixels are RGB scaled to [0,1] (float64), one sample per pixel, row-major.
Labels are stored as one hexadecimal digit per pixel (k <= 16).
Run from the repository root: /usr/bin/python3 scripts/kmeans_fixtures.py
"""
import json
import os
import numpy as np
import sklearn
from PIL import Image
from sklearn.cluster import KMeans, MiniBatchKMeans, kmeans_plusplus

ROOT = os.path.join(os.path.dirname(__file__), "..")
IMAGES = os.path.join(ROOT, "test-images")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")


def pixels(name):
    rgb = np.asarray(Image.open(os.path.join(IMAGES, name)).convert("RGB"), dtype=np.float64)
    return rgb.reshape(-1, 3) / 255.0


def hex_labels(labels):
    assert labels.max() < 16
    return "".join("0123456789abcdef"[v] for v in labels)


def explicit_init_case(name, k, seed):
    """Lloyd from given centres. The centres are k-means++ picks moved by less than half a grey level, so
    that they are off the 1/255 grid: with centres on the grid some pixels are exactly equidistant from
    two centres, and scikit-learn then picks by BLAS rounding while we pick the lowest index."""
    x = pixels(name)
    init, _ = kmeans_plusplus(x, k, random_state=seed)
    init = init + np.random.default_rng(seed).uniform(-0.5, 0.5, size=init.shape) / 255.0
    km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd").fit(x)
    return {
        "image": name, "clusters": k, "init": init.tolist(), "centres": km.cluster_centers_.tolist(),
        "labels": hex_labels(km.labels_), "iterations": int(km.n_iter_), "inertia": float(km.inertia_),
    }


def plusplus_case(name, k, seeds):
    x = pixels(name)
    runs = []
    for seed in seeds:
        km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(x)
        runs.append({"random_state": seed, "inertia": float(km.inertia_),
                     "inertia_per_pixel": float(km.inertia_) / len(x), "iterations": int(km.n_iter_)})
    return {"image": name, "clusters": k, "n_init": 10, "pixels": len(x), "runs": runs}


def minibatch_case(name, k, seeds):
    x = pixels(name)
    inertias = []
    for seed in seeds:
        mb = MiniBatchKMeans(n_clusters=k, batch_size=1024, n_init=3, max_no_improvement=10,
                             reassignment_ratio=0.01, random_state=seed).fit(x)
        inertias.append(float(mb.inertia_))
    return {"image": name, "clusters": k, "batch_size": 1024, "n_init": 3, "pixels": len(x),
            "seeds": list(seeds), "inertias": inertias, "median_inertia": float(np.median(inertias))}


def write(name, content):
    content = {"generator": "scripts/kmeans_fixtures.py", "sklearn": sklearn.__version__, **content}
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(content, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("kmeans-explicit-init.json", {"cases": [
        explicit_init_case("china-213x142.png", 8, 1),
        explicit_init_case("flower-213x142.png", 8, 2),
        explicit_init_case("ihc-170x170.png", 5, 3),
    ]})
    write("kmeans-plusplus.json", {"cases": [
        plusplus_case("china-213x142.png", 16, range(5)),
        plusplus_case("flower-213x142.png", 16, range(5)),
    ]})
    write("kmeans-minibatch.json", {"cases": [
        minibatch_case("china-213x142.png", 16, range(25)),
        minibatch_case("flower-213x142.png", 16, range(25)),
    ]})
