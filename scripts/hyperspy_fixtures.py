#!/usr/bin/python3
"""Reference results of HyperSpy 1.7.3 (scikit-learn 1.2.1) for Spectrum Image Cluster Analysis.

Writes src/test/resources/fixtures/hyperspy.json. Run from the repository root (5 to 15 minutes):
/usr/bin/python3 scripts/hyperspy_fixtures.py

Data (navigation y, x; signal axis E; pixels in raster order, x fastest, as HyperSpy unfolds them):
- eds: test-images/eds-30x30.tif (made by scripts/make_test_images.py), 30x30 pixels, 2048 channels;
- synthetic: generate(64, 64, 512, seed 6) of scripts/synthetic_spectra.py (testutil.SyntheticSpectra
  in Java gives the same counts), 4 known phases.
Both as float64 hs.signals.Signal1D with the calibrated axes.

For each dataset and normalize_poissonian_noise p in (False, True):
- decomposition(algorithm="SVD", normalize_poissonian_noise=p): explained variance (ratio);
- cluster_analysis(cluster_source="decomposition", number_of_components=n, n_clusters=4,
  preprocessing="norm", random_state=seed, n_init=10) for n in 3..6: labels, sizes, centroid pixels,
  sum signals, k-means inertia of seed 0; adjusted Rand index and inertia of seeds 1..9 against it
  (which cases are seed-sensitive);
- estimate_number_of_clusters(cluster_source="decomposition", number_of_components=n,
  preprocessing="norm", max_clusters=10, metric=m, random_state=seed, n_init=10) for n in (4, 5), m
  in (elbow, silhouette, gap), seed in (0, 1); gap also with random_state=np.random.RandomState(seed)
  (one generator shared by all its k-means runs, so the reference runs differ).

Every result is checked here against an independent computation (numpy SVD, scikit-learn KMeans on the
normalised loadings, the metric definitions), see check_* below, and the written file is read back
and checked for consistency (verify_file).
"""
import functools
import json
import logging
import os
import platform
import re
import sys
import warnings

import numpy as np
import scipy
import sklearn
import tifffile
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import synthetic_spectra  # noqa: E402

import hyperspy  # noqa: E402
import hyperspy.api as hs  # noqa: E402
import hyperspy.learn.mva  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "src", "test", "resources", "fixtures", "hyperspy.json")
EDS = os.path.join(ROOT, "test-images", "eds-30x30.tif")
SHARED_JSON = os.path.join(ROOT, "..", "shared", "data", "eds_30x30.json")

SEEDS = (0, 1)  # seed 0 is recorded, seed 1 only to measure stability
STABILITY_SEEDS = tuple(range(1, 10))  # cluster_analysis only: seeds compared with seed 0
N_INIT = 10  # scikit-learn 1.2.1's default for KMeans (written out to avoid its FutureWarning)
CLUSTERS = 4
COMPONENTS = (3, 4, 5, 6)
ESTIMATE_COMPONENTS = (4, 5)
MAX_CLUSTERS = 10
METRICS = ("elbow", "silhouette", "gap")
EVR_KEEP = 10
SYNTHETIC = {"width": 64, "height": 64, "channels": 512, "seed": 6}
CHECKSUM_CASES = [(64, 64, 512, 6), (128, 128, 1024, 6), (9, 7, 40, 3), (5, 12, 16, -1)]
# cases whose cluster_sum_signals are stored (all synthetic cases; eds: these only, to stay < 1 MB)
EDS_SUMS = {(False, 4), (True, 4)}
EDS_DISTANCES = (False, 4)  # case whose cluster_distances of the first pixels are stored
DISTANCE_PIXELS = 5
SUM_DIGITS = 12  # significant digits of the stored sum signals

NOTES = (
    "Read in hyperspy/learn/mva.py and svd_pca.py (1.7.3). "
    "DECOMPOSITION SVD: data unfolded to N pixels x M channels, not centred (centre=None); full LAPACK SVD "
    "(svd_solver auto = full here, as output_dimension is None); explained_variance = S^2 / N (N = pixels), "
    "explained_variance_ratio = explained_variance / sum of all explained_variance. With N < M (eds: 900 < "
    "2048) the SVD is of the transpose and loadings = V (unit columns), factors = U*S; with N >= M "
    "(synthetic: 4096 >= 512) loadings = U*S, factors = V: so the loadings that clustering uses are scaled by "
    "the singular values only when there are at least as many pixels as channels. Signs: svd_flip makes the "
    "largest |entry| of each column of U positive (irrelevant to clustering). "
    "POISSON NORMALISATION (normalize_poissonian_noise=True): data / (sqrt(aG) sqrt(bH)) with aG = pixel "
    "totals, bH = channel totals; afterwards factors *= sqrt(bH), loadings *= sqrt(aG). HyperSpy means 0/0 "
    "= 0 but its unmasked branch leaves the NaNs in the data, so its SVD fails ('SVD did not converge') when "
    "a channel sums to 0 (eds: 28 channels, 0-25, 27, 28): for eds with p=True we pass signal_mask = the "
    "all-zero channels, which gives exactly the 0/0 = 0 result (zero columns change no singular value); "
    "those channels' factors, and so sum signals, are NaN in HyperSpy and stored as 0 here. "
    "CLUSTER_ANALYSIS (cluster_source='decomposition'): features = loadings[:, :n]; preprocessing 'norm' = "
    "sklearn Normalizer (each pixel's feature vector scaled to unit L2 norm); algorithm None = "
    "sklearn.cluster.KMeans(**kwargs), kwargs here n_clusters=4, random_state=seed, n_init=10 "
    "(sklearn 1.2.1 defaults otherwise: init k-means++, algorithm lloyd, max_iter 300, tol 1e-4). "
    "Row order: sizes of the k-means labels, idxs = argsort(sizes)[::-1], then cluster_labels[idxs[i]] = "
    "(kmeans label == i): row idxs[i] holds k-means label i (inverse of the intended largest-first order). "
    "cluster_sum_signals[i] = (sum of loadings[:, :n] over row i's pixels) @ factors[:, :n].T: the "
    "n-component reconstruction summed, NOT the raw counts (floats; raw_sum_signals would be different). "
    "cluster_centroids[i] = mean of the normalised features of row i's pixels; cluster_distances[i, p] = "
    "Euclidean distance of pixel p's normalised features to it; cluster_centroid_signals[i] = reconstruction "
    "(n components) of the pixel argmin_p distances[i, p] (first index on ties). kmeans_inertia = "
    "scikit-learn's inertia_ of that run (sum of squared distances of the normalised features to their "
    "centres): a lower value from another implementation means a better local optimum, not an error; "
    "other_seeds gives the ARI against the recorded labels and the inertia for random_state 1..9; "
    "best_of_seeds (only where one of them has a lower inertia than seed 0) the labels of the lowest. "
    "ESTIMATE_NUMBER_OF_CLUSTERS (same features and preprocessing; KMeans(n_clusters=k, **kwargs) for "
    "every k; with algorithm=None n_init stays as given, only algorithm='kmeans' forces n_init=1 for gap): "
    "ELBOW: k = 1..max_clusters; W(k) = sum over clusters of (sum over its points of the mean squared "
    "distance to the cluster's points) / 2 = the within-cluster sum of squared distances to the cluster "
    "mean (k-means inertia of the final labels); metric = ln W(k); estimate = 1 + argmax over i = 0..P-1 "
    "(P = min(20, len - 1) = 9) of the distance of (i, ln W_i) to the line through (0, ln W_0) and (P, ln W_P) "
    "(estimate_elbow_position(log=False); first index on ties). "
    "SILHOUETTE: k = 2..max_clusters; metric = sklearn silhouette_score (Euclidean, all points); estimate = "
    "LIST of peaks: every k at position u in 0..len-2 with s[u] > s[u-1] and s[u] > s[u+1] (u-1 = -1 wraps "
    "to the last value, Python indexing), ascending; then if s[0] > the largest peak value (or no peak) k=2 "
    "is put first. HyperSpy returns the list (estimated_number_of_clusters). "
    "GAP: k = 1..max_clusters; reference data = for each feature f a linspace from min to max of feature "
    "f over N points (deterministic, all features increasing together: points on a diagonal line, not "
    "uniform random); for each k: ln W(k) of the data (one KMeans), and n_ref = 4 KMeans runs on the "
    "reference giving ln W_ref; gap(k) = mean(ln W_ref) - ln W(k); s(k) = sqrt(1 + 1/n_ref) * std(ln W_ref) "
    "(population std); estimate = first k in 2..max_clusters-1 (index i = 1..len-2) with gap(k) >= gap(k+1) "
    "- s(k+1), else 2 (never 1). With an int random_state all 4 reference runs are identical (s = 0); "
    "'gap_shared_generator' passes one np.random.RandomState(seed) to every run instead."
)

LABEL_CONVENTION = (
    "labels[p] = i means pixel p (raster order, x fastest) is in row i of HyperSpy's "
    "learning_results.cluster_labels (one hexadecimal digit per pixel, TestData.hexLabels); sizes[i], "
    "centroid_pixels[i], sum_signals[i] and distances rows follow the same rows. HyperSpy 1.7.3 rows are "
    "NOT always largest first (see DESIGN.md 'HyperSpy 1.7.3 cluster order'): compare by adjusted Rand "
    "index or by matching clusters. row_of_kmeans_label[j] is the row that holds scikit-learn's k-means "
    "label j."
)


# -- data --

def eds_signal():
    with open(SHARED_JSON) as f:
        meta = json.load(f)
    stack = tifffile.imread(EDS).astype(np.float64)  # (E, y, x)
    data = np.ascontiguousarray(np.moveaxis(stack, 0, -1))  # (y, x, E)
    s = hs.signals.Signal1D(data)
    energy = meta["energy_axis"]
    pixel = meta["pixel_axes"][0]
    for axis, name in ((s.axes_manager.navigation_axes[0], "x"), (s.axes_manager.navigation_axes[1], "y")):
        axis.name, axis.scale, axis.offset, axis.units = name, pixel["scale"], 0.0, pixel["units"]
    ax = s.axes_manager.signal_axes[0]
    ax.name, ax.scale, ax.offset, ax.units = "Energy", energy["scale"], energy["offset"], energy["units"]
    info = {"source": "test-images/eds-30x30.tif", "width": 30, "height": 30, "channels": 2048,
            "energy_offset": energy["offset"], "energy_scale": energy["scale"], "energy_units": energy["units"],
            "pixel_size": pixel["scale"], "pixel_units": pixel["units"]}
    assert int(data.sum()) == meta["total_counts"]
    return s, info


def synthetic_signal():
    g = SYNTHETIC
    counts, phases = synthetic_spectra.generate(g["width"], g["height"], g["channels"], g["seed"])
    s = hs.signals.Signal1D(counts.astype(np.float64))
    s.axes_manager.navigation_axes[0].name = "x"
    s.axes_manager.navigation_axes[1].name = "y"
    s.axes_manager.signal_axes[0].name = "Energy"
    info = {"source": "scripts/synthetic_spectra.py generate(width, height, channels, seed); "
                      "testutil.SyntheticSpectra.generate in Java", **g,
            "phases": hex_labels(phases.reshape(-1)),
            "phase_sizes": np.bincount(phases.reshape(-1), minlength=4).tolist(),
            "checksums": [checksum_case(*c) for c in CHECKSUM_CASES]}
    return s, info, phases.reshape(-1)


def checksum_case(width, height, channels, seed):
    counts, phases = synthetic_spectra.generate(width, height, channels, seed)
    total, weighted = synthetic_spectra.checksums(counts)
    return {"width": width, "height": height, "channels": channels, "seed": seed, "total_counts": total,
            "weighted_checksum": weighted, "phase_sizes": np.bincount(phases.reshape(-1), minlength=4).tolist()}


def hex_labels(labels):
    assert labels.min() >= 0 and labels.max() < 16
    return "".join("%x" % v for v in labels)


def unfolded(s):
    return s.data.reshape(-1, s.data.shape[-1])


def round_sig(values, digits=SUM_DIGITS):
    return [float("%.*g" % (digits, v)) for v in np.asarray(values).reshape(-1)]


# -- HyperSpy runs --

def decompose(s, poisson, zero_channels):
    mask = None
    if poisson and zero_channels.size:
        mask = np.zeros(s.data.shape[-1], dtype=bool)
        mask[zero_channels] = True
    s.decomposition(algorithm="SVD", normalize_poissonian_noise=poisson, signal_mask=mask, print_info=False)
    lr = s.learning_results
    check_decomposition(s, poisson, zero_channels)
    return {"normalize_poissonian_noise": poisson,
            "signal_mask_channels": zero_channels.tolist() if mask is not None else [],
            "explained_variance_ratio": lr.explained_variance_ratio[:EVR_KEEP].tolist(),
            "explained_variance": lr.explained_variance[:EVR_KEEP].tolist(),
            "explained_variance_sum": float(lr.explained_variance.sum()),
            "components": int(lr.explained_variance.size),
            "number_significant_components": int(lr.number_significant_components)}


def cluster(s, n, seed):
    km = s.cluster_analysis(cluster_source="decomposition", number_of_components=n, n_clusters=CLUSTERS,
                            preprocessing="norm", random_state=seed, n_init=N_INIT, return_info=True)
    lr = s.learning_results
    rows = lr.cluster_labels
    assert rows.shape == (CLUSTERS, s.axes_manager.navigation_size) and np.all(rows.sum(axis=0) == 1)
    labels = np.argmax(rows, axis=0)
    # a snapshot: the next run overwrites learning_results
    keep = ("cluster_sum_signals", "cluster_centroid_signals", "cluster_centroids", "cluster_distances",
            "loadings", "factors")
    snapshot = {name: np.array(getattr(lr, name)) for name in keep}
    snapshot["inertia"] = float(km.inertia_)
    return labels, type("ClusterResults", (), snapshot)


def cluster_case(s, poisson, n, keep_sums, keep_distances, phases):
    results = [cluster(s, n, seed) for seed in (SEEDS[0],) + STABILITY_SEEDS]
    labels, lr = results[0]
    assert STABILITY_SEEDS[0] == SEEDS[1]
    check_cluster(s, n, SEEDS[0], labels, lr)
    distances = lr.cluster_distances
    centroid_pixels = [int(np.argmin(d)) for d in distances]
    sums = np.nan_to_num(lr.cluster_sum_signals, nan=0.0)
    case = {"normalize_poissonian_noise": poisson, "number_of_components": n, "random_state": SEEDS[0],
            "labels": hex_labels(labels), "sizes": np.bincount(labels, minlength=CLUSTERS).tolist(),
            "row_of_kmeans_label": kmeans_rows(s, n, SEEDS[0], labels),
            "centroid_pixels": centroid_pixels, "kmeans_inertia": lr.inertia,
            "ari_between_seeds": float(adjusted_rand_score(labels, results[1][0])),
            "other_seeds": {"random_state": list(STABILITY_SEEDS),
                            "ari": [float(adjusted_rand_score(labels, r[0])) for r in results[1:]],
                            "kmeans_inertia": [r[1].inertia for r in results[1:]]}}
    inertias = [r[1].inertia for r in results]
    best = int(np.argmin(inertias))
    if inertias[best] < inertias[0]:  # another seed found a better local optimum: keep it too
        case["best_of_seeds"] = {"random_state": ((SEEDS[0],) + STABILITY_SEEDS)[best],
                                 "labels": hex_labels(results[best][0]), "kmeans_inertia": inertias[best],
                                 "ari": float(adjusted_rand_score(labels, results[best][0]))}
    if phases is not None:
        case["ari_vs_phases"] = float(adjusted_rand_score(phases, labels))
    if keep_sums:
        case["sum_signals"] = [round_sig(row) for row in sums]
    if keep_distances:
        case["distances_first_pixels"] = distances[:, :DISTANCE_PIXELS].tolist()
    return case


def kmeans_rows(s, n, seed, labels):
    km = KMeans(n_clusters=CLUSTERS, random_state=seed, n_init=N_INIT).fit(normalised(s, n))
    rows = [int(np.bincount(labels[km.labels_ == j]).argmax()) for j in range(CLUSTERS)]
    assert np.array_equal(np.asarray(rows)[km.labels_], labels), "k-means labels map to HyperSpy rows"
    # HyperSpy's loop: row argsort(sizes)[::-1][j] holds k-means label j
    assert rows == np.argsort(np.bincount(km.labels_, minlength=CLUSTERS))[::-1].tolist()
    return rows


def estimate(s, n, metric, seed, shared_generator=False):
    random_state = np.random.RandomState(seed) if shared_generator else seed
    best = s.estimate_number_of_clusters(cluster_source="decomposition", number_of_components=n,
                                         preprocessing="norm", max_clusters=MAX_CLUSTERS, metric=metric,
                                         random_state=random_state, n_init=N_INIT)
    lr = s.learning_results
    values = np.asarray(lr.cluster_metric_data, dtype=np.float64)
    k_range = [int(k) for k in lr.cluster_metric_index]
    check_estimate(s, n, metric, seed, shared_generator, k_range, values, best)
    return {"normalize_poissonian_noise": bool(lr.poissonian_noise_normalized), "number_of_components": n,
            "metric": metric, "random_state": ("RandomState(%d)" % seed) if shared_generator else seed,
            "k": k_range, "values": values.tolist(),
            "estimate": [int(b) for b in best] if isinstance(best, list) else int(best)}


# -- independent checks --

def normalised(s, n):
    x = s.learning_results.loadings[:, :n]
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def check_decomposition(s, poisson, zero_channels):
    x = unfolded(s).copy()
    if poisson:
        a = np.sqrt(x.sum(axis=1))[:, None]
        b = np.sqrt(x.sum(axis=0))[None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            x = np.nan_to_num(x / (a * b))
    sv = np.linalg.svd(x, compute_uv=False)
    ev = sv ** 2 / x.shape[0]
    lr = s.learning_results
    assert np.allclose(lr.explained_variance[:EVR_KEEP], ev[:EVR_KEEP], rtol=1e-10, atol=0)
    assert np.allclose(lr.explained_variance_ratio[:EVR_KEEP], ev[:EVR_KEEP] / ev.sum(), rtol=1e-10, atol=0)
    # the loadings scaled by S only when N >= M
    n_pix, n_chan = x.shape[0], x.shape[1] - (zero_channels.size if poisson else 0)
    loadings = lr.loadings[:, :3]
    norms = np.linalg.norm(loadings, axis=0)
    expected = np.sqrt(ev[:3] * n_pix) if n_pix >= n_chan else np.ones(3)
    if poisson:  # loadings were multiplied by sqrt(pixel totals) afterwards
        norms = np.linalg.norm(loadings / np.sqrt(unfolded(s).sum(axis=1))[:, None], axis=0)
    assert np.allclose(norms, expected, rtol=1e-8), (norms, expected)


def check_cluster(s, n, seed, labels, lr):
    lab = KMeans(n_clusters=CLUSTERS, random_state=seed, n_init=N_INIT).fit(normalised(s, n)).labels_
    assert adjusted_rand_score(lab, labels) == 1.0
    loadings = lr.loadings[:, :n]
    factors = lr.factors[:, :n]
    feats = normalised(s, n)
    for i in range(CLUSTERS):
        inside = labels == i
        assert np.allclose(np.nan_to_num(lr.cluster_sum_signals[i]), np.nan_to_num(loadings[inside].sum(0) @ factors.T),
                           rtol=1e-9, atol=1e-9)
        centroid = feats[inside].mean(axis=0)
        assert np.allclose(lr.cluster_centroids[i], centroid, rtol=1e-12, atol=1e-14)
        d = np.linalg.norm(feats - centroid, axis=1)
        assert np.allclose(lr.cluster_distances[i], d, rtol=1e-12, atol=1e-14)
        assert np.allclose(np.nan_to_num(lr.cluster_centroid_signals[i]),
                           np.nan_to_num(loadings[np.argmin(d)] @ factors.T), rtol=1e-12, atol=1e-12)


def check_estimate(s, n, metric, seed, shared_generator, k_range, values, best):
    feats = normalised(s, n)
    if metric == "elbow":
        assert k_range == list(range(1, MAX_CLUSTERS + 1))
        for k, v in zip(k_range, values):
            km = KMeans(n_clusters=k, random_state=seed, n_init=N_INIT).fit(feats)
            w = sum(((feats[km.labels_ == c] - feats[km.labels_ == c].mean(0)) ** 2).sum() for c in range(k))
            assert abs(np.log(w) - v) < 1e-9, (k, np.log(w), v)
        p = min(20, len(values) - 1)
        xs = np.arange(p)
        dist = np.abs(p * (values[0] - values[:p]) + xs * (values[p] - values[0])) / np.hypot(p, values[p] - values[0])
        assert best == int(np.argmax(dist)) + 1
    elif metric == "silhouette":
        assert k_range == list(range(2, MAX_CLUSTERS + 1))
        peaks = [u + 2 for u in range(len(values) - 1) if values[u] > values[u - 1] and values[u] > values[u + 1]]
        top = max([values[k - 2] for k in peaks], default=-1.0)
        if values[0] > top:
            peaks.insert(0, 2)
        assert best == peaks, (best, peaks)
    else:
        assert k_range == list(range(1, MAX_CLUSTERS + 1))


# -- main --

def dataset(s, info, phases):
    zero_channels = np.nonzero(unfolded(s).sum(axis=0) == 0)[0]
    decompositions, clusters, estimates = [], [], []
    for poisson in (False, True):
        decompositions.append(decompose(s, poisson, zero_channels))
        for n in COMPONENTS:
            keep_sums = phases is not None or (poisson, n) in EDS_SUMS
            keep_distances = phases is None and (poisson, n) == EDS_DISTANCES
            clusters.append(cluster_case(s, poisson, n, keep_sums, keep_distances, phases))
        for n in ESTIMATE_COMPONENTS:
            for metric in METRICS:
                for seed in SEEDS:
                    estimates.append(estimate(s, n, metric, seed))
            for seed in SEEDS:
                e = estimate(s, n, "gap", seed, shared_generator=True)
                e["metric"] = "gap_shared_generator"
                estimates.append(e)
    data = unfolded(s)
    total, weighted = synthetic_spectra.checksums(data.astype(np.int64))
    return {**info, "total_counts": total, "weighted_checksum": weighted,
            "zero_channels": zero_channels.tolist(), "decomposition": decompositions, "clusters": clusters,
            "estimates": estimates}


def verify_file(path):
    """Reads the fixture back: shapes, sizes against labels, ratios against variances, rule of each estimate."""
    with open(path) as f:
        content = json.load(f)
    for name, ds in content["datasets"].items():
        pixels, channels = ds["width"] * ds["height"], ds["channels"]
        for dec in ds["decomposition"]:
            evr, ev = np.array(dec["explained_variance_ratio"]), np.array(dec["explained_variance"])
            assert len(evr) == len(ev) == EVR_KEEP and np.all(np.diff(ev) <= 0)
            assert np.allclose(evr, ev / dec["explained_variance_sum"], rtol=1e-12)
        for case in ds["clusters"]:
            labels = np.array([int(c, 16) for c in case["labels"]])
            assert labels.size == pixels and case["sizes"] == np.bincount(labels, minlength=CLUSTERS).tolist()
            assert all(labels[p] == i for i, p in enumerate(case["centroid_pixels"])), "centroid pixel in its cluster"
            assert sorted(case["row_of_kmeans_label"]) == list(range(CLUSTERS))
            if "sum_signals" in case:
                sums = np.array(case["sum_signals"])
                assert sums.shape == (CLUSTERS, channels)
            if "distances_first_pixels" in case:
                d = np.array(case["distances_first_pixels"])
                assert d.shape == (CLUSTERS, DISTANCE_PIXELS)
                assert np.all(np.argmin(d, axis=0) == labels[:DISTANCE_PIXELS]), "k-means assigns the nearest centroid"
        for e in ds["estimates"]:
            assert len(e["k"]) == len(e["values"]) and e["k"][-1] == MAX_CLUSTERS
        if name == "synthetic":
            phases = np.array([int(c, 16) for c in ds["phases"]])
            assert np.bincount(phases).tolist() == ds["phase_sizes"]
            assert all(c["ari_vs_phases"] >= 0.98 for c in ds["clusters"])


def compact(text):
    """Puts every array of numbers on one line."""
    return re.sub(r"\[[-0-9.eE+,\s]*\]", lambda m: re.sub(r"\s+", "", m.group(0)), text)


def main():
    warnings.filterwarnings("ignore", category=FutureWarning)
    logging.getLogger("hyperspy").setLevel(logging.ERROR)
    hs.preferences.General.show_progressbar = False
    hs.preferences.General.nb_progressbar = False
    # estimate_number_of_clusters shows a progress bar regardless of the preference: silence it
    hyperspy.learn.mva.progressbar = functools.partial(hyperspy.learn.mva.progressbar, disable=True)
    eds, eds_info = eds_signal()
    synthetic, synthetic_info, phases = synthetic_signal()
    content = {
        "generator": "scripts/hyperspy_fixtures.py",
        "versions": {"hyperspy": hyperspy.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__,
                     "scipy": scipy.__version__, "python": platform.python_version()},
        "label_convention": LABEL_CONVENTION,
        "notes": NOTES,
        "settings": {
            "decomposition": {"algorithm": "SVD", "normalize_poissonian_noise": [False, True], "centre": None,
                              "svd_solver": "auto (full)", "output_dimension": None, "dtype": "float64"},
            "cluster_analysis": {"cluster_source": "decomposition", "number_of_components": list(COMPONENTS),
                                 "n_clusters": CLUSTERS, "preprocessing": "norm", "algorithm": None,
                                 "kwargs": {"random_state": list(SEEDS), "n_init": N_INIT},
                                 "kmeans": "sklearn.cluster.KMeans(n_clusters, random_state, n_init=10); "
                                           "init k-means++, algorithm lloyd, max_iter 300, tol 1e-4",
                                 "recorded_seed": SEEDS[0], "sum_signal_digits": SUM_DIGITS},
            "estimate_number_of_clusters": {"cluster_source": "decomposition",
                                            "number_of_components": list(ESTIMATE_COMPONENTS),
                                            "preprocessing": "norm", "max_clusters": MAX_CLUSTERS,
                                            "metrics": list(METRICS), "n_ref": 4, "algorithm": None,
                                            "kwargs": {"random_state": list(SEEDS), "n_init": N_INIT}},
        },
        "datasets": {"eds": dataset(eds, eds_info, None),
                     "synthetic": dataset(synthetic, synthetic_info, phases)},
    }
    text = compact(json.dumps(content, indent=1, allow_nan=False))
    with open(OUT, "w") as f:
        f.write(text + "\n")
    verify_file(OUT)
    print("wrote", OUT, len(text), "bytes")


if __name__ == "__main__":
    main()
