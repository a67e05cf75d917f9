#!/usr/bin/python3
"""HyperSpy 1.7.3's number of significant components, the components=auto of the spectrum commands.

Writes src/test/resources/fixtures/hyperspy-significant-components.json. Run from the repository root
(under a minute): /usr/bin/python3 scripts/hyperspy_significant_components.py

What HyperSpy does (read in hyperspy/learn/mva.py, MVA.decomposition and estimate_elbow_position):
decomposition() with algorithm="SVD" sets learning_results.number_significant_components =
estimate_elbow_position(explained_variance_ratio) + 1, with the default log=True and max_points=20:
P = min(20, len(ratio) - 1), where len(ratio) is every component of the full SVD (min(pixels,
channels)); y = ln(max(ratio, 1e-30)); the distance of (i, y_i), i = 0..P-1, to the line through
(0, y_0) and (P, y_P), NaN read as 0; the elbow is the first index of the largest distance.
cluster_analysis("decomposition") with number_of_components=None clusters that many loadings.

Cases: the real EDS map (test-images/eds-30x30.tif, fewer pixels than channels) without and with
normalize_poissonian_noise (signal_mask = its all-zero channels, as scripts/hyperspy_fixtures.py); the
synthetic 64 x 64 x 512 map of scripts/synthetic_spectra.py (more pixels than channels) without and with
it; and two small synthetic maps whose side is at most 40 (9 x 7 x 40 seed 3: P = 20 of 40 components;
5 x 12 x 16 seed -1: P = 15), where the length rule matters. Stored per case: the first P + 1 ratios
(what the rule reads), the elbow position, the number of significant components, and the labels of
cluster_analysis("decomposition", n_clusters=4, preprocessing="norm", random_state=0, n_init=10) without
number_of_components (hex digits, as hyperspy.json's label_convention; compare by adjusted Rand index).
Each elbow is checked here against an independent computation of the rule.
"""
import json
import logging
import os
import platform
import sys
import warnings

import numpy as np
import sklearn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hyperspy_fixtures as hf  # noqa: E402
import synthetic_spectra  # noqa: E402

import hyperspy  # noqa: E402
import hyperspy.api as hs  # noqa: E402

OUT = os.path.join(hf.ROOT, "src", "test", "resources", "fixtures", "hyperspy-significant-components.json")
SEED = 0
SMALL = [(9, 7, 40, 3), (5, 12, 16, -1)]


def own_elbow(ratio):
    """The rule as described above, written independently of HyperSpy."""
    p = min(20, len(ratio) - 1)
    y = np.log(np.maximum(ratio[:p + 1], 1e-30))
    best, best_distance = 0, -1.0
    for i in range(p):
        # distance of (i, y_i) to the line through (0, y_0) and (p, y_p)
        d = abs(p * (y[0] - y[i]) + i * (y[p] - y[0])) / np.hypot(p, y[p] - y[0])
        d = 0.0 if np.isnan(d) else d
        if d > best_distance:
            best, best_distance = i, d
    return best


def case(name, s, poisson):
    zero_channels = np.nonzero(hf.unfolded(s).sum(axis=0) == 0)[0]
    mask = None
    if poisson and zero_channels.size:
        mask = np.zeros(s.data.shape[-1], dtype=bool)
        mask[zero_channels] = True
    s.decomposition(algorithm="SVD", normalize_poissonian_noise=poisson, signal_mask=mask, print_info=False)
    lr = s.learning_results
    ratio = np.asarray(lr.explained_variance_ratio)
    elbow = int(s.estimate_elbow_position(ratio))
    n = int(lr.number_significant_components)
    assert n == elbow + 1 and elbow == own_elbow(ratio), (name, poisson, n, elbow, own_elbow(ratio))
    s.cluster_analysis(cluster_source="decomposition", n_clusters=hf.CLUSTERS, preprocessing="norm",
                       random_state=SEED, n_init=hf.N_INIT)
    labels = np.argmax(s.learning_results.cluster_labels, axis=0)
    p = min(20, ratio.size - 1)
    return {"dataset": name, "width": int(s.axes_manager.navigation_shape[0]),
            "height": int(s.axes_manager.navigation_shape[1]), "channels": int(s.data.shape[-1]),
            "normalize_poissonian_noise": poisson,
            "signal_mask_channels": zero_channels.tolist() if mask is not None else [],
            "components": int(ratio.size), "max_points": p,
            "explained_variance_ratio": ratio[:p + 1].tolist(),
            "elbow_position": elbow, "number_significant_components": n,
            "labels": hf.hex_labels(labels)}


def small_signal(width, height, channels, seed):
    counts, _ = synthetic_spectra.generate(width, height, channels, seed)
    return hs.signals.Signal1D(counts.astype(np.float64))


def main():
    warnings.filterwarnings("ignore", category=FutureWarning)
    logging.getLogger("hyperspy").setLevel(logging.ERROR)
    hs.preferences.General.show_progressbar = False
    eds, _ = hf.eds_signal()
    synthetic, _, _ = hf.synthetic_signal()
    cases = [case("eds", eds, False), case("eds", eds, True), case("synthetic", synthetic, False),
             case("synthetic", synthetic, True)]
    for w, h, c, seed in SMALL:
        for poisson in (False, True):
            cases.append(dict(case("synthetic %dx%dx%d seed %d" % (w, h, c, seed), small_signal(w, h, c, seed), poisson),
                              seed=seed))
    content = {
        "generator": "scripts/hyperspy_significant_components.py",
        "versions": {"hyperspy": hyperspy.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__,
                     "python": platform.python_version()},
        "rule": "number_significant_components = estimate_elbow_position(explained_variance_ratio) + 1 "
                "(log=True, max_points=20), as decomposition(algorithm='SVD') sets it",
        "settings": {"decomposition": "SVD", "cluster_analysis": {
            "cluster_source": "decomposition", "number_of_components": None, "n_clusters": hf.CLUSTERS,
            "preprocessing": "norm", "random_state": SEED, "n_init": hf.N_INIT}},
        "cases": cases,
    }
    text = hf.compact(json.dumps(content, indent=1, allow_nan=False))
    with open(OUT, "w") as f:
        f.write(text + "\n")
    for c in cases:
        print(c["dataset"], "poisson" if c["normalize_poissonian_noise"] else "", "P =", c["max_points"],
              "elbow", c["elbow_position"], "n =", c["number_significant_components"])
    print("wrote", OUT, len(text), "bytes")


if __name__ == "__main__":
    main()
