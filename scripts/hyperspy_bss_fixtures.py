#!/usr/bin/python3
"""HyperSpy 1.7.3's blind_source_separation (scikit-learn 1.2.1 FastICA) and cluster_analysis("bss").

Writes src/test/resources/fixtures/hyperspy-bss.json. Run from the repository root (about a minute):
/usr/bin/python3 scripts/hyperspy_bss_fixtures.py

What HyperSpy does with its defaults (read in hyperspy/learn/mva.py blind_source_separation,
_unmix_components, _auto_reverse_bss_component, hyperspy/learn/whitening.py, and scikit-learn's
decomposition/_fastica.py), after decomposition(algorithm="SVD"):
- on_loadings=False: the input is the first n FACTORS F (channels x n), diff_order=1: their derivative
  along the energy axis (numpy.gradient over the calibrated axis: one-sided at the ends, central inside);
  rows = channels are the samples, columns = components the features;
- whiten_method="PCA": centre the columns, R = Y^T Y / rows, R = U S U^T (SVD, the largest |entry| of each
  column of U made positive), K = U^T / sqrt(S + 1e-10) row by row, Y K^T is whitened;
- sklearn FastICA(tol=1e-10, random_state=...) with its other defaults (algorithm="parallel",
  fun="logcosh", max_iter=200); its own whitening is switched off by HyperSpy (whiten="warn" is truthy),
  so it runs on HyperSpy's whitened data with w_init = RandomState(random_state).normal(size=(n, n)):
  W = sym(w_init); repeat W = sym(g(W X) X^T / p - mean(g'(W X)) W), g = tanh, sym(W) = (W W^T)^-1/2 W,
  until max | |diag(W_new W^T)| - 1 | < tol;
- unmixing w = W K, its rows sorted by explained_variance[:n] @ |w^T| descending; bss_factors = F w^T,
  bss_loadings = L w^-1 (L the first n loadings); component i reversed (its factor, loading and row of w
  negated) when min(bss_factors[:, i]) < 0 and -min > max.
- cluster_analysis("bss", number_of_components=n) clusters bss_loadings[:, :n] (norm, k-means) and
  builds its cluster signals from the DECOMPOSITION's first n components (source_for_centers "bss" and
  "decomposition" are one branch): the same rank-n model, as bss_loadings bss_factors^T = L F^T.
Each case is recomputed here from the decomposition by an independent numpy reading of that rule with
the same w_init, and checked against HyperSpy's unmixing matrix (1e-8).

Cases: the synthetic 64 x 64 x 512 map (scripts/synthetic_spectra.py) without and with Poisson
normalisation, and the EDS map (test-images/eds-30x30.tif) without it (with it HyperSpy's factors are NaN
on the all-zero channels, which its BSS cannot take), each with n = its number of significant components.
Stored per case: n, random_state, w_init, the unmixing matrix, FastICA's iterations, bss_factors on every
STRIDE-th channel, bss_loadings of the first LOADING_PIXELS pixels, and the labels of cluster_analysis
("bss", number_of_components=n, n_clusters=4, preprocessing="norm", random_state=0, n_init=10) as hex
digits (compare by adjusted Rand index), scikit-learn's k-means inertia of that run, the smallest adjusted
Rand index between it and the runs of random_state 1..9 (HyperSpy's own seed sensitivity: a partition
closer than that, of an inertia no higher, is as good as HyperSpy's), and the labels of the same call on
"decomposition".
"""
import json
import logging
import os
import platform
import sys
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import Normalizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hyperspy_fixtures as hf  # noqa: E402

import hyperspy  # noqa: E402
import hyperspy.api as hs  # noqa: E402

OUT = os.path.join(hf.ROOT, "src", "test", "resources", "fixtures", "hyperspy-bss.json")
SEED = 0
DIGITS = 12
LOADING_PIXELS = 10
STRIDE = {"synthetic": 4, "eds": 16}
STABILITY_SEEDS = tuple(range(1, 10))


def own_bss(s, n, w_init):
    """The rule above, written independently of HyperSpy (numpy only)."""
    lr = s.learning_results
    factors, loadings = lr.factors[:, :n], lr.loadings[:, :n]
    axis = s.axes_manager.signal_axes[0].axis
    x = np.gradient(factors, axis, axis=0)
    y = x - x.mean(axis=0)
    r = y.T @ y / y.shape[0]
    u, sv, _ = np.linalg.svd(r)
    for j in range(n):
        if u[np.argmax(np.abs(u[:, j])), j] < 0:
            u[:, j] = -u[:, j]
    k = u.T / np.sqrt(sv + 1e-10)[:, None]
    xw = (y @ k.T).T  # features x samples

    def sym(w):
        e, v = np.linalg.eigh(w @ w.T)
        return (v * (1 / np.sqrt(np.maximum(e, np.finfo(float).tiny)))) @ v.T @ w

    w = sym(w_init)
    for it in range(200):
        t = np.tanh(w @ xw)
        w1 = sym(t @ xw.T / xw.shape[1] - (1 - t ** 2).mean(axis=1)[:, None] * w)
        lim = np.max(np.abs(np.abs(np.sum(w1 * w, axis=1)) - 1))
        w = w1
        if lim < 1e-10:
            break
    un = w @ k
    order = np.argsort(lr.explained_variance[:n] @ np.abs(un.T))[::-1]
    un = un[order]
    bf = factors @ un.T
    bl = loadings @ np.linalg.inv(un)
    for i in range(n):
        if bf[:, i].min() < 0 and -bf[:, i].min() > bf[:, i].max():
            bf[:, i] *= -1
            bl[:, i] *= -1
            un[i] *= -1
    return un, bf, bl, it + 1


def labels_of(s, source, n):
    km = s.cluster_analysis(cluster_source=source, number_of_components=n, n_clusters=hf.CLUSTERS,
                            preprocessing="norm", random_state=SEED, n_init=hf.N_INIT, return_info=True)
    return np.argmax(s.learning_results.cluster_labels, axis=0), float(km.inertia_)


def other_seeds(loadings, labels, inertia):
    """The same k-means (scikit-learn, on the normalised BSS loadings) from random_state 1..9: how much
    HyperSpy's partition depends on its seed (seed 0 is checked to be HyperSpy's own run)."""
    x = Normalizer().fit_transform(loadings)
    aris = []
    for seed in (SEED,) + STABILITY_SEEDS:
        km = KMeans(hf.CLUSTERS, random_state=seed, n_init=hf.N_INIT).fit(x)
        if seed == SEED:
            assert adjusted_rand_score(labels, km.labels_) == 1 and np.isclose(km.inertia_, inertia)
        else:
            aris.append(adjusted_rand_score(labels, km.labels_))
    return float(min(aris))


def case(name, s, poisson):
    s.decomposition(algorithm="SVD", normalize_poissonian_noise=poisson, print_info=False)
    lr = s.learning_results
    n = int(lr.number_significant_components)
    w_init = np.random.RandomState(SEED).normal(size=(n, n))
    estimator = s.blind_source_separation(number_of_components=n, random_state=SEED, print_info=False,
                                          return_info=True)
    unmixing = np.array(lr.unmixing_matrix)
    own, bf, bl, iterations = own_bss(s, n, w_init)
    assert np.allclose(own, unmixing, rtol=1e-8, atol=1e-8 * np.abs(unmixing).max()), (name, poisson)
    assert np.allclose(bf, lr.bss_factors, rtol=1e-7, atol=1e-8 * np.abs(bf).max())
    assert iterations == estimator.n_iter_, (iterations, estimator.n_iter_)
    factors, loadings = np.array(lr.bss_factors), np.array(lr.bss_loadings)
    bss_labels, inertia = labels_of(s, "bss", n)
    stability = other_seeds(loadings[:, :n], bss_labels, inertia)
    decomposition_labels, _ = labels_of(s, "decomposition", n)
    channels = list(range(0, factors.shape[0], STRIDE[name]))
    return {"dataset": name, "normalize_poissonian_noise": poisson, "components": n, "random_state": SEED,
            "w_init": [hf.round_sig(row, 17) for row in w_init],
            "unmixing_matrix": [hf.round_sig(row, DIGITS) for row in unmixing],
            "iterations": int(estimator.n_iter_),
            "channels": channels,
            "bss_factors": [hf.round_sig(factors[c], DIGITS) for c in channels],
            "bss_loadings": [hf.round_sig(loadings[p], DIGITS) for p in range(LOADING_PIXELS)],
            "labels": hf.hex_labels(bss_labels), "kmeans_inertia": inertia,
            "other_seeds_min_ari": stability,
            "decomposition_labels": hf.hex_labels(decomposition_labels),
            "sizes": np.bincount(bss_labels, minlength=hf.CLUSTERS).tolist()}


def main():
    warnings.filterwarnings("ignore", category=FutureWarning)
    logging.getLogger("hyperspy").setLevel(logging.ERROR)
    hs.preferences.General.show_progressbar = False
    synthetic, _, _ = hf.synthetic_signal()
    eds, _ = hf.eds_signal()
    cases = [case("synthetic", synthetic, False), case("synthetic", synthetic, True), case("eds", eds, False)]
    content = {
        "generator": "scripts/hyperspy_bss_fixtures.py",
        "versions": {"hyperspy": hyperspy.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__,
                     "python": platform.python_version()},
        "settings": {"decomposition": "SVD",
                     "blind_source_separation": {"number_of_components": "number_significant_components",
                                                 "algorithm": "sklearn_fastica", "diff_order": 1,
                                                 "on_loadings": False, "whiten_method": "PCA",
                                                 "reverse_component_criterion": "factors", "tol": 1e-10,
                                                 "random_state": SEED},
                     "cluster_analysis": {"cluster_source": "bss", "number_of_components": "as the BSS",
                                          "n_clusters": hf.CLUSTERS, "preprocessing": "norm",
                                          "random_state": SEED, "n_init": hf.N_INIT}},
        "label_convention": "rows of HyperSpy's cluster_labels, as hyperspy.json's; compare by adjusted Rand index",
        "cases": cases,
    }
    text = hf.compact(json.dumps(content, indent=1, allow_nan=False))
    with open(OUT, "w") as f:
        f.write(text + "\n")
    for c in cases:
        print(c["dataset"], "poisson" if c["normalize_poissonian_noise"] else "", "n =", c["components"],
              "iterations", c["iterations"], "sizes", c["sizes"], "seed ARI >=", round(c["other_seeds_min_ari"], 4))
    print("wrote", OUT, len(text), "bytes")


if __name__ == "__main__":
    main()
