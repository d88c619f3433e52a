#!/usr/bin/python3
"""Reference fixtures for tests/test_kmeans.cpp and tests/test_minibatch_kmeans.cpp.

Run with Debian's python3 (python3-sklearn, numpy):  /usr/bin/python3 tests/reference/make_kmeans.py
Writes tests/reference/kmeans/<case>/{init,labels,inertia,centers,n_iter}.csv (and w.csv for
the weighted cases, X.csv for the generated data), numbers printed with 17 significant digits.

KMeans: from given initial centres, scikit-learn's KMeans is deterministic, and fitkit must
reach the same labels and inertia (1e-9 relative) with lloyd and elkan. Each case asserts that
scikit-learn's lloyd and elkan agree with each other, so one answer is stored per case. The
cases: iris, wine (unscaled: proline is in the thousands), digits (64 features, k = 10) and
generated overlapping blobs, each with and without sample weights; a start with a centre far
from every point (an empty cluster, relocated to the farthest point); max_iter = 2 (stopped
before convergence: the final E-step relabels); tol = 0.

MiniBatchKMeans: its mini-batches are drawn by numpy's generator, which fitkit does not share.
partial_fit is deterministic from given centres (one step on the whole chunk; no random
reassignment happens when no centre's count falls below reassignment_ratio x the largest):
the centres after each of three partial_fit calls are stored, with and without weights. For
fit with random batches, the mean inertia over seeds 0..9 on generated blobs (2000 x 5) is stored, with
KMeans' inertia on the same data, for a statistical comparison.
"""
import os
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans, MiniBatchKMeans, kmeans_plusplus
from sklearn.datasets import make_blobs
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("kmeans")
write = fixture_writer(OUT)


def load(name, target):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
    return frame.drop(columns=target).to_numpy(dtype=float)


def blobs():
    """Overlapping blobs: 400 x 6, 5 centres with a deviation comparable to their spacing."""
    X, _ = make_blobs(n_samples=400, n_features=6, centers=5, cluster_std=2.5, random_state=3)
    return X


def weights(n, seed):
    """Weights in [0.2, 3] with three decimals (written short, read back exactly)."""
    rng = np.random.RandomState(seed)
    return np.round(rng.uniform(0.2, 3.0, size=n), 3)


def write_short(case, name, array, decimals=3):
    """An array of numbers with `decimals` decimals, written as such (a fraction of the size)."""
    path = os.path.join(OUT, case)
    os.makedirs(path, exist_ok=True)
    np.savetxt(os.path.join(path, name + ".csv"), np.atleast_1d(array), delimiter=",",
               fmt="%%.%df" % decimals)


def kmeans_case(case, X, init, w=None, store_x=False, **kwargs):
    results = {}
    for algorithm in ("lloyd", "elkan"):
        model = KMeans(n_clusters=init.shape[0], init=init, n_init=1, algorithm=algorithm,
                       **kwargs).fit(X, sample_weight=w)
        results[algorithm] = model
    lloyd, elkan = results["lloyd"], results["elkan"]
    assert np.array_equal(lloyd.labels_, elkan.labels_), case
    assert abs(lloyd.inertia_ - elkan.inertia_) <= 1e-12 * lloyd.inertia_, case
    assert lloyd.n_iter_ == elkan.n_iter_, case
    assert np.abs(lloyd.cluster_centers_ - elkan.cluster_centers_).max() <= 1e-12 * np.abs(
        lloyd.cluster_centers_).max(), case
    if store_x:
        write(case, "X", X)
    write(case, "init", init)
    if w is not None:
        write_short(case, "w", w)
    write(case, "labels", lloyd.labels_)
    write(case, "inertia", [lloyd.inertia_])
    write(case, "centers", lloyd.cluster_centers_)
    write(case, "n_iter", [lloyd.n_iter_])
    # predict, transform and score on the training rows, from the fitted centres.
    write(case, "score", [lloyd.score(X, sample_weight=w)])


def minibatch_partial_case(case, X, init, w=None, chunks=3):
    model = MiniBatchKMeans(n_clusters=init.shape[0], init=init, n_init=1, random_state=0)
    parts = np.array_split(np.arange(X.shape[0]), chunks)
    for step, rows in enumerate(parts):
        before = getattr(model, "_random_state", np.random.RandomState(0)).get_state()
        model.partial_fit(X[rows], sample_weight=None if w is None else w[rows])
        after = model._random_state.get_state()
        # No random reassignment (which would draw from numpy's generator): the state is the
        # same after the step as before it.
        assert np.array_equal(before[1], after[1]) and before[2] == after[2], (case, step)
        write(case, "centers_%d" % step, model.cluster_centers_)
    write(case, "init", init)
    if w is not None:
        write_short(case, "w", w)
    write(case, "labels", model.labels_)
    write(case, "inertia", [model.inertia_])
    write(case, "counts", model._counts)


def main():
    iris = load("iris", "species")
    wine = load("wine", "cultivar")
    digits = load("digits", "digit")
    X_blobs = blobs()
    data = {"iris": (iris, 3), "wine": (wine, 3), "digits": (digits, 10), "blobs": (X_blobs, 5)}
    for name, (X, k) in data.items():
        init, _ = kmeans_plusplus(X, k, random_state=0)
        w = weights(X.shape[0], 7)
        kmeans_case(name, X, init, store_x=name == "blobs")
        kmeans_case(name + "_weighted", X, init, w=w)

    # Rows as the start: kmeans_plusplus picks data rows; a random start does too.
    rng = np.random.RandomState(1)
    kmeans_case("digits_random_rows", digits, digits[rng.permutation(len(digits))[:10]])
    # An empty cluster in the first iteration: a fourth centre far from every iris flower.
    init = np.vstack([iris[[0, 50, 100]], [[30.0, 30.0, 30.0, 30.0]]])
    kmeans_case("iris_empty", iris, init)
    # Stopped by max_iter: the final E-step relabels the rows against the last centres.
    init, _ = kmeans_plusplus(wine, 4, random_state=2)
    kmeans_case("wine_max_iter_2", wine, init, max_iter=2)
    # tol = 0: only strict convergence (labels unchanged) stops it.
    init, _ = kmeans_plusplus(X_blobs, 8, random_state=4)
    kmeans_case("blobs_tol_0", X_blobs, init, tol=0.0)

    # MiniBatchKMeans partial_fit from given centres.
    init, _ = kmeans_plusplus(X_blobs, 5, random_state=5)
    minibatch_partial_case("minibatch_partial", X_blobs, init)
    minibatch_partial_case("minibatch_partial_weighted", X_blobs, init,
                           w=weights(X_blobs.shape[0], 8))
    # wine in a shuffled order (stored), so that every chunk holds every cultivar. (Not iris:
    # its rows of one decimal put samples at exactly equal distances from two centres, which
    # scikit-learn's GEMM distances break by rounding.)
    order = np.random.RandomState(6).permutation(len(wine))
    write_short("minibatch_partial_wine", "order", order, decimals=0)
    init, _ = kmeans_plusplus(wine, 3, random_state=6)
    minibatch_partial_case("minibatch_partial_wine", wine[order], init)

    # MiniBatchKMeans fit with random batches: its inertia against KMeans' on 2000 x 5 blobs.
    X, _ = make_blobs(n_samples=2000, n_features=5, centers=6, cluster_std=1.5, random_state=11)
    X = np.round(X, 3)
    write_short("minibatch_fit", "X", X)
    inertias = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for seed in range(10):
            inertias.append(MiniBatchKMeans(n_clusters=6, batch_size=256, n_init=3,
                                            random_state=seed).fit(X).inertia_)
        full = KMeans(n_clusters=6, n_init=10, random_state=0).fit(X).inertia_
    write("minibatch_fit", "minibatch_inertia", [np.mean(inertias)])
    write("minibatch_fit", "kmeans_inertia", [full])

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
