#!/usr/bin/python3
"""Reference fixtures from scikit-learn 1.2.1 for the spectral clustering tests.

Writes src/test/resources/fixtures/spectral.json.
Run from the repository root: /usr/bin/python3 scripts/spectral_fixtures.py

Every case is clustered with SpectralClustering(n_clusters=k, affinity="nearest_neighbors",
n_neighbors=10, assign_labels="kmeans", random_state=0), as HyperSpy's cluster_analysis(algorithm=
"SpectralClustering") does. Stored per case: the points (n x d, row-major), the true classes of the
generator, scikit-learn's labels, the number of connected components of the kNN affinity graph, the k
smallest eigenvalues of its normalised Laplacian (dense eigvalsh) and scikit-learn's spectral embedding
(spectral_embedding(affinity, n_components=k, drop_first=False, random_state=0): the first k
eigenvectors divided by sqrt(degree), signs flipped so that each vector's largest absolute entry is
positive), n x k row-major. Where the graph is disconnected the embedding is only defined up to a
rotation within the null space, so tests compare subspaces there.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from scipy.sparse.csgraph import connected_components, laplacian
from sklearn.cluster import KMeans, SpectralClustering
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.manifold import spectral_embedding
from sklearn.metrics import adjusted_rand_score

ROOT = os.path.join(os.path.dirname(__file__), "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures")


def case(name, x, y, k):
    model = SpectralClustering(n_clusters=k, affinity="nearest_neighbors", n_neighbors=10,
                               assign_labels="kmeans", random_state=0).fit(x)
    affinity = model.affinity_matrix_
    components = int(connected_components(affinity)[0])
    eigenvalues = np.linalg.eigvalsh(laplacian(affinity, normed=True).toarray())[:k]
    embedding = spectral_embedding(affinity, n_components=k, drop_first=False, random_state=0)
    kmeans = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x).labels_
    print("%-8s n=%d k=%d components=%d ARI(true, spectral)=%.4f ARI(true, k-means)=%.4f"
          % (name, len(x), k, components, adjusted_rand_score(y, model.labels_), adjusted_rand_score(y, kmeans)))
    return {
        "name": name,
        "samples": int(x.shape[0]),
        "features": int(x.shape[1]),
        "clusters": k,
        "x": x.ravel().tolist(),
        "truth": y.astype(int).tolist(),
        "labels": model.labels_.astype(int).tolist(),
        "components": components,
        "eigenvalues": eigenvalues.tolist(),
        "embedding": embedding.ravel().tolist(),
    }


def main():
    warnings.simplefilter("ignore")
    cases = []
    x, y = make_moons(200, noise=0.05, random_state=0)
    cases.append(case("moons", x, y, 2))
    x, y = make_circles(300, factor=0.5, noise=0.05, random_state=0)
    cases.append(case("circles", x, y, 2))
    x, y = make_blobs(300, centers=3, cluster_std=2.5, random_state=1)
    cases.append(case("blobs", x, y, 3))
    x, y = make_moons(600, noise=0.1, random_state=1)
    cases.append(case("moons600", x, y, 2))
    out = {"sklearn": sklearn.__version__, "neighbours": 10, "cases": cases}
    path = os.path.join(OUT, "spectral.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print("wrote", path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
