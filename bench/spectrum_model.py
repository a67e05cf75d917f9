#!/usr/bin/python3
"""HyperSpy 1.7.3's path for applying a fitted spectrum cluster analysis to a new map, timed.

Called by src/test/java/io/github/pixelclustering/bench/SpectrumModelBenchmark.java with two maps
written as raw little-endian float32 [channel][pixel] (the training map and a new one, both made by
testutil.SyntheticSpectra). HyperSpy fits on the training map (not timed): s.decomposition() +
s.cluster_analysis("decomposition", number_of_components=5, n_clusters=4, preprocessing="norm",
random_state=0, n_init=10). HyperSpy has no "apply to new data"; its path for the same projection and
predict, timed on the new map:
- predict: loadings = X @ factors[:, :5] (HyperSpy's SVD is not centred and its factors are orthonormal,
  so these are the new pixels' loadings), sklearn's Normalizer (HyperSpy's preprocessing="norm"), then
  the fitted KMeans' predict (cluster_analysis(..., return_info=True) returns it);
- full: the same plus what cluster_analysis computes after the labels and our apply computes too: every
  pixel's distance to every cluster centroid and the cluster sum spectra.
Cold: the first timed call in this process (after the fit); warm: the median of 5 more. For context,
also the time of fitting the new map again (what a HyperSpy user does today: decomposition +
cluster_analysis), one run.
Prints one JSON line and writes the predicted labels (int32) next to the new map.

Usage: /usr/bin/python3 bench/spectrum_model.py training.f32 new.f32 width height channels threads
"""
import os
import sys

THREADS = sys.argv[6] if len(sys.argv) > 6 else "2"
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = THREADS

import json  # noqa: E402
import logging  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402


def load(path, width, height, channels):
    planes = np.fromfile(path, dtype="<f4").reshape(channels, height * width)
    return np.ascontiguousarray(planes.T).reshape(height, width, channels)


def main():
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    training_path, new_path = sys.argv[1], sys.argv[2]
    width, height, channels = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    import hyperspy
    import hyperspy.api as hs
    from sklearn.preprocessing import Normalizer
    training = load(training_path, width, height, channels)
    new = load(new_path, width, height, channels)
    s = hs.signals.Signal1D(training)
    s.decomposition(print_info=False)
    # HyperSpy keeps no fitted estimator in learning_results (cluster_algorithm is the argument given, None):
    # return_info=True returns the KMeans it fitted
    algorithm = s.cluster_analysis("decomposition", number_of_components=5, n_clusters=4, preprocessing="norm", random_state=0, n_init=10, return_info=True)
    factors = s.learning_results.factors[:, :5]
    centroids = s.learning_results.cluster_centroids

    def predict():
        x = new.reshape(-1, channels)
        scaled = Normalizer().fit_transform(x @ factors)
        return scaled, algorithm.predict(scaled)

    def full():
        x = new.reshape(-1, channels)
        scaled, labels = predict()
        distances = np.stack([np.linalg.norm(scaled - c[np.newaxis, :], axis=1) for c in centroids])
        sums = np.stack([x[labels == l].sum(axis=0) for l in range(len(centroids))])
        return labels, distances, sums

    record = {"hyperspy": hyperspy.__version__, "threads": int(THREADS)}
    for name, run in (("predict", lambda: predict()[1]), ("full", lambda: full()[0])):
        start = time.perf_counter()
        labels = run()
        record[name + "_cold_seconds"] = time.perf_counter() - start
        times = []
        for _ in range(5):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        record[name + "_seconds"] = float(np.median(times))
    np.asarray(labels, dtype="<i4").tofile(new_path + ".hyperspy-labels.i32")
    # for context: without an apply, a HyperSpy user gets phases on a new map by fitting it again
    s2 = hs.signals.Signal1D(new.copy())
    start = time.perf_counter()
    s2.decomposition(print_info=False)
    s2.cluster_analysis("decomposition", number_of_components=5, n_clusters=4, preprocessing="norm", random_state=0, n_init=10)
    record["refit_seconds"] = time.perf_counter() - start
    print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
