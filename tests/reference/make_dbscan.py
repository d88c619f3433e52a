#!/usr/bin/python3
"""Reference fixtures for tests/test_dbscan.cpp and tests/test_cli_dbscan.cpp.

Run with Debian's python3 (python3-sklearn, numpy):  /usr/bin/python3 tests/reference/make_dbscan.py
Writes tests/reference/dbscan/<data>/X.csv (and w.csv for weighted data) and, per case,
tests/reference/dbscan/<case>/{labels,core_sample_indices,params}.csv: scikit-learn's labels_
and core_sample_indices_, the parameters (eps, min_samples, metric code, p) the case used, and
for some cases predict.csv: the label of the nearest core sample within eps of each row of
<data>/queries.csv (fitkit's predict; scikit-learn's DBSCAN has none), from scipy's distances.

scikit-learn runs with algorithm="kd_tree", whose radius queries compare the reduced distance
(the sum of squares against eps * eps for euclidean, the sum of |d|^p against eps^p for
minkowski), each difference computed on its own (its "brute" path computes Euclidean distances
as |x|^2 - 2 x.y + |y|^2, which moves points that sit near eps across it). Data are standardised
here and stored with 17 digits, so both sides see the same doubles; the lattice data have many
pairs exactly eps apart. Sample weights are multiples of 1/4, so their sums are exact in any
order. The script counts the border points that two clusters reach (assigned to the first
cluster that reaches them): the fixtures must contain such points for the test to mean anything.
"""
import os

import numpy as np
import pandas as pd
import sklearn
from scipy.spatial.distance import cdist
from sklearn.cluster import DBSCAN
from sklearn.datasets import make_blobs
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("dbscan")
write = fixture_writer(OUT)

# The order of fitkit::DistanceMetric.
METRICS = {"euclidean": 0, "manhattan": 1, "chebyshev": 2, "minkowski": 3}


def standardised(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def blobs(n, d, seed, noise):
    """make_blobs around four centres with uniform noise over the box around them."""
    X, _ = make_blobs(n_samples=n, n_features=d, centers=4, cluster_std=0.6,
                      center_box=(-4, 4), random_state=seed)
    rng = np.random.RandomState(seed + 1)
    lo, hi = X.min(axis=0), X.max(axis=0)
    Z = rng.uniform(lo, hi, size=(noise, d))
    X = np.vstack([X, Z])
    return X[rng.permutation(len(X))]


def lattice():
    rng = np.random.RandomState(11)
    X = np.array([[i, j, k] for i in range(7) for j in range(7) for k in range(5)], dtype=float)
    X = X[rng.rand(len(X)) < 0.7]
    return X[rng.permutation(len(X))]


def distances_between(A, B, metric, p):
    """Exact pairwise distances (scipy's cdist, one difference at a time)."""
    if metric == "minkowski":
        return cdist(A, B, metric="minkowski", p=p)
    return cdist(A, B, metric={"manhattan": "cityblock"}.get(metric, metric))


def distances(X, metric, p):
    return distances_between(X, X, metric, p)


def shared_border_points(X, labels, core, eps, metric, p):
    """Border points within eps of core points of two or more clusters."""
    D = distances(X, metric, p)
    count = 0
    for i in np.where(~core & (labels >= 0))[0]:
        near = np.where((D[i] <= eps) & core)[0]
        if len(set(labels[near])) > 1:
            count += 1
    return count


def nearest_core_labels(model, Q, eps, metric, p):
    """fitkit's predict, computed from scikit-learn's fit: the label of the nearest core sample
    (the lower index on equal distances, as a stable argmin), -1 beyond eps."""
    if len(model.core_sample_indices_) == 0:
        return np.full(len(Q), -1)
    D = distances_between(Q, model.components_, metric, p)
    nearest = np.argmin(D, axis=1)
    labels = model.labels_[model.core_sample_indices_][nearest]
    return np.where(D[np.arange(len(Q)), nearest] <= eps, labels, -1)


def fit_case(case, data, X, eps, min_samples, metric="euclidean", p=2.0, w=None, queries=None):
    model = DBSCAN(eps=eps, min_samples=min_samples, metric=metric,
                   p=p if metric == "minkowski" else None, algorithm="kd_tree")
    model.fit(X, sample_weight=w)
    labels = model.labels_
    core = np.zeros(len(X), dtype=bool)
    core[model.core_sample_indices_] = True
    shared = shared_border_points(X, labels, core, eps, metric, p)
    n_clusters = labels.max() + 1
    print(f"{case:32s} {data:14s} clusters {n_clusters:3d}  core {core.sum():5d}  "
          f"noise {(labels < 0).sum():5d}  border reached by two clusters {shared}")
    write(case, "labels", labels)
    write(case, "core_sample_indices",
          model.core_sample_indices_ if len(model.core_sample_indices_) else [-1])
    write(case, "params", [eps, min_samples, METRICS[metric], p])
    if queries is not None:
        write(case, "predict", nearest_core_labels(model, queries, eps, metric, p))
    with open(os.path.join(OUT, case, "data"), "w") as f:
        f.write(data + "\n")
    return shared


def main():
    iris = pd.read_csv(os.path.join(ROOT, "datasets", "iris.csv"))
    wine = pd.read_csv(os.path.join(ROOT, "datasets", "wine.csv"))
    data = {
        "iris_std": standardised(iris.drop(columns="species").to_numpy(dtype=float)),
        "wine_std": standardised(wine.drop(columns="cultivar").to_numpy(dtype=float)),
        "blobs2": blobs(500, 2, 0, 100),
        "blobs3": blobs(1500, 3, 3, 300),
        # Integer points: many pairs exactly eps apart, which count as neighbours.
        "lattice": lattice(),
    }
    rng = np.random.RandomState(7)
    w = rng.choice([0.0, 0.25, 0.5, 1.0, 1.75, 3.0], size=len(data["blobs3"]))
    for name, X in data.items():
        write(name, "X", X)
    write("blobs3", "w", w)

    shared = 0
    for eps, ms in ((0.3, 3), (0.5, 5), (0.5, 10), (0.8, 4), (1.0, 20)):
        fit_case(f"iris_e{eps}_m{ms}", "iris_std", data["iris_std"], eps, ms)
    for eps, ms in ((1.5, 3), (2.0, 5), (2.5, 10), (3.0, 8)):
        fit_case(f"wine_e{eps}_m{ms}", "wine_std", data["wine_std"], eps, ms)
    for eps, ms in ((0.2, 4), (0.3, 5), (0.5, 15)):
        shared += fit_case(f"blobs2_e{eps}_m{ms}", "blobs2", data["blobs2"], eps, ms)
    # Rows to predict: uniform over the box of the data and a little beyond.
    lo, hi = data["blobs3"].min(axis=0) - 1, data["blobs3"].max(axis=0) + 1
    queries = np.random.RandomState(5).uniform(lo, hi, size=(400, 3))
    write("blobs3", "queries", queries)
    for eps, ms in ((0.3, 5), (0.5, 10), (0.5, 40)):
        shared += fit_case(f"blobs3_e{eps}_m{ms}", "blobs3", data["blobs3"], eps, ms,
                           queries=queries)
    for metric, ms in (("euclidean", 5), ("euclidean", 7), ("manhattan", 4), ("chebyshev", 12)):
        fit_case(f"lattice_{metric}_m{ms}", "lattice", data["lattice"], 1.0, ms, metric)
    fit_case("lattice_minkowski3_m6", "lattice", data["lattice"], 1.0, 6, "minkowski", 3.0)
    # Weighted: a point of weight 3 is nearly core by itself; zero weights count for nothing.
    for eps, ms in ((0.3, 5), (0.5, 10), (0.4, 3)):
        shared += fit_case(f"blobs3_weighted_e{eps}_m{ms}", "blobs3", data["blobs3"], eps, ms, w=w,
                           queries=queries)
    # The other metrics, in 3 dimensions and in 4 (iris).
    for metric, p, eps in (("manhattan", 2.0, 0.6), ("chebyshev", 2.0, 0.3),
                           ("minkowski", 3.0, 0.4), ("minkowski", 1.5, 0.5)):
        tag = metric if metric != "minkowski" else f"minkowski{p:g}"
        shared += fit_case(f"blobs3_{tag}_e{eps}", "blobs3", data["blobs3"], eps, 8, metric, p,
                           queries=queries)
        fit_case(f"iris_{tag}_e{eps + 0.2:g}", "iris_std", data["iris_std"], eps + 0.2, 5,
                 metric, p)
    fit_case("blobs3_weighted_manhattan", "blobs3", data["blobs3"], 0.6, 6, "manhattan", w=w,
             queries=queries)
    assert shared > 0, "no border point reached by two clusters: the fixtures test too little"

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
