#!/usr/bin/python3
"""HyperSpy 1.7.3's cluster spectra from its two calls of cluster_analysis("decomposition").

Writes src/test/resources/fixtures/hyperspy-centre-spectra.json. Run from the repository root (about a
minute): /usr/bin/python3 scripts/hyperspy_centre_spectra.py

What HyperSpy does (read in hyperspy/learn/mva.py, MVA.cluster_analysis and _get_cluster_signal):
- number_of_components=None (the default): _get_cluster_signal clusters
  loadings[:, :number_significant_components], but it resolves the number in its own scope only;
  cluster_analysis keeps None and builds cluster_sum_signals and cluster_centroid_signals from
  loadings[:, :None] @ factors[:, :None].T, i.e. from ALL components: the reconstruction of the measured
  data (Poisson normalisation undone), NaN on the channels of a decomposition signal_mask;
- number_of_components=n: the same clustering of the first n loadings, and the cluster spectra from the
  same n components (the rank-n model).
Both calls are run here with the same n = number_significant_components, so they give the same labels
and differ only in their cluster spectra; each is checked against an independent computation (the
measured data, and the rank-n model from the loadings and factors).

Data and decompositions as scripts/hyperspy_fixtures.py: the synthetic 64 x 64 x 512 map with and
without normalize_poissonian_noise, and the real EDS map (test-images/eds-30x30.tif) with it (signal_mask
= its all-zero channels). Stored per case: the labels (rows of HyperSpy's cluster_labels, see
hyperspy.json's label_convention), sizes, centroid pixels, and both calls' sum and centroid signals (NaN
stored as 0) on the listed channels (every 4th channel of the synthetic map, every 16th of the EDS map), with
12 significant digits; and max_relative_difference: the largest |default - explicit| of the sum signals
over the largest |default| of the same cluster, which says how far the model is from HyperSpy's default.
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

import hyperspy  # noqa: E402
import hyperspy.api as hs  # noqa: E402

OUT = os.path.join(hf.ROOT, "src", "test", "resources", "fixtures", "hyperspy-centre-spectra.json")
SEED = 0
DIGITS = 12
SYNTHETIC_STRIDE = 4
EDS_STRIDE = 16


def run(s, n):
    kwargs = dict(cluster_source="decomposition", n_clusters=hf.CLUSTERS, preprocessing="norm",
                  random_state=SEED, n_init=hf.N_INIT)
    if n is not None:
        kwargs["number_of_components"] = n
    s.cluster_analysis(**kwargs)
    lr = s.learning_results
    labels = np.argmax(lr.cluster_labels, axis=0)
    return {"labels": labels, "sums": np.array(lr.cluster_sum_signals),
            "centroids": np.array(lr.cluster_centroid_signals),
            "centroid_pixels": [int(np.argmin(d)) for d in lr.cluster_distances]}


def case(name, s, poisson, stride):
    zero_channels = np.nonzero(hf.unfolded(s).sum(axis=0) == 0)[0]
    mask = None
    if poisson and zero_channels.size:
        mask = np.zeros(s.data.shape[-1], dtype=bool)
        mask[zero_channels] = True
    s.decomposition(algorithm="SVD", normalize_poissonian_noise=poisson, signal_mask=mask, print_info=False)
    n = int(s.learning_results.number_significant_components)
    loadings, factors = s.learning_results.loadings, s.learning_results.factors
    default = run(s, None)
    explicit = run(s, n)
    labels = default["labels"]
    assert np.array_equal(labels, explicit["labels"]), "both calls cluster the first n loadings"
    assert default["centroid_pixels"] == explicit["centroid_pixels"]
    data = hf.unfolded(s)
    kept = np.ones(data.shape[1], dtype=bool) if mask is None else ~mask
    for i in range(hf.CLUSTERS):
        inside = labels == i
        # the default call: every component, i.e. the measured data (NaN where the decomposition masked)
        measured = data[inside].sum(axis=0)
        assert np.all(np.isnan(default["sums"][i][~kept]))
        assert np.allclose(default["sums"][i][kept], measured[kept], rtol=1e-9, atol=1e-9 * measured.max())
        spectrum = data[default["centroid_pixels"][i]]
        assert np.allclose(default["centroids"][i][kept], spectrum[kept], rtol=1e-9, atol=1e-9 * max(1.0, spectrum.max()))
        # the explicit call: the rank-n model
        model = loadings[inside, :n].sum(axis=0) @ factors[:, :n].T
        assert np.allclose(np.nan_to_num(explicit["sums"][i]), np.nan_to_num(model), rtol=1e-9, atol=1e-9)
        pixel = loadings[explicit["centroid_pixels"][i], :n] @ factors[:, :n].T
        assert np.allclose(np.nan_to_num(explicit["centroids"][i]), np.nan_to_num(pixel), rtol=1e-9, atol=1e-9)
    channels = list(range(0, data.shape[1], stride))
    d, e = np.nan_to_num(default["sums"]), np.nan_to_num(explicit["sums"])
    worst = float(max(np.abs(d[i] - e[i]).max() / np.abs(d[i]).max() for i in range(hf.CLUSTERS)))

    def pick(a):
        return [hf.round_sig(np.nan_to_num(row)[channels], DIGITS) for row in a]

    return {"dataset": name, "normalize_poissonian_noise": poisson,
            "signal_mask_channels": zero_channels.tolist() if mask is not None else [],
            "number_significant_components": n, "random_state": SEED, "labels": hf.hex_labels(labels),
            "sizes": np.bincount(labels, minlength=hf.CLUSTERS).tolist(),
            "centroid_pixels": default["centroid_pixels"], "channels": channels,
            "max_relative_difference": worst,
            "default_call": {"number_of_components": None, "sum_signals": pick(default["sums"]),
                             "centroid_signals": pick(default["centroids"])},
            "explicit_call": {"number_of_components": n, "sum_signals": pick(explicit["sums"]),
                              "centroid_signals": pick(explicit["centroids"])}}


def main():
    warnings.filterwarnings("ignore", category=FutureWarning)
    logging.getLogger("hyperspy").setLevel(logging.ERROR)
    hs.preferences.General.show_progressbar = False
    synthetic, _, _ = hf.synthetic_signal()
    eds, _ = hf.eds_signal()
    cases = [case("synthetic", synthetic, False, SYNTHETIC_STRIDE), case("synthetic", synthetic, True, SYNTHETIC_STRIDE),
             case("eds", eds, True, EDS_STRIDE)]
    content = {
        "generator": "scripts/hyperspy_centre_spectra.py",
        "versions": {"hyperspy": hyperspy.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__,
                     "python": platform.python_version()},
        "data": {"synthetic": {k: hf.SYNTHETIC[k] for k in ("width", "height", "channels", "seed")},
                 "eds": {"source": "test-images/eds-30x30.tif", "width": 30, "height": 30, "channels": 2048}},
        "settings": {"decomposition": "SVD", "cluster_analysis": {
            "cluster_source": "decomposition", "source_for_centers": None, "n_clusters": hf.CLUSTERS,
            "preprocessing": "norm", "random_state": SEED, "n_init": hf.N_INIT,
            "number_of_components": "default_call: omitted (None); explicit_call: number_significant_components"}},
        "cases": cases,
    }
    text = hf.compact(json.dumps(content, indent=1, allow_nan=False))
    with open(OUT, "w") as f:
        f.write(text + "\n")
    for c in cases:
        print(c["dataset"], "poisson" if c["normalize_poissonian_noise"] else "", "n =", c["number_significant_components"],
              "sizes", c["sizes"], "max relative difference default vs explicit", round(c["max_relative_difference"], 4))
    print("wrote", OUT, len(text), "bytes")


if __name__ == "__main__":
    main()
