#!/usr/bin/python3
"""Reference fixtures for tests/test_agglomerative_clustering.cpp.

Run with Debian's python3 (python3-sklearn 1.2, scipy):
    /usr/bin/python3 tests/reference/make_agglomerative.py
Writes tests/reference/agglomerative/:
  data/<name>.csv       the generated data sets and wine standardised (iris is read from
                        datasets/iris.csv by the test, and "modular" is computed by it: see
                        modular_data)
  <data>_<linkage>_<metric>/
    children.csv, distances.csv   scikit-learn's children_ and distances_
                                  (AgglomerativeClustering(n_clusters=k, compute_distances=True))
    labels.csv                    its labels_ for n_clusters = k (k in n_clusters.csv)
    threshold.csv                 a distance_threshold between two merge distances
    threshold_labels.csv, threshold_n_clusters.csv
                                  labels_ and n_clusters_ with that threshold (n_clusters=None)
each a plain CSV of numbers printed with 17 significant digits.
"""
import os

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering
from sklearn.datasets import make_blobs
from sklearn.preprocessing import StandardScaler

from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("agglomerative")
write = fixture_writer(OUT)

LINKAGES = [("ward", "euclidean")] + [
    (linkage, metric)
    for linkage in ("complete", "average", "single")
    for metric in ("euclidean", "manhattan", "cosine")
]


def data_sets():
    iris = pd.read_csv(os.path.join(ROOT, "datasets", "iris.csv")).drop(columns="species")
    wine = pd.read_csv(os.path.join(ROOT, "datasets", "wine.csv")).drop(columns="cultivar")
    wine_std = StandardScaler().fit_transform(wine.to_numpy(dtype=float))
    blobs, _ = make_blobs(n_samples=90, n_features=5, centers=4, cluster_std=2.0, random_state=3)
    write("data", "wine_std", wine_std)
    write("data", "blobs", blobs)
    return [("iris", iris.to_numpy(dtype=float), 3), ("wine_std", wine_std, 3),
            ("blobs", blobs, 4)]


def modular_data(n=1500, d=4):
    """Scattered values from integer arithmetic alone, X[i, j] = ((i^2 7919 + (j + 1) 104729 i)
    mod 10007) / 10007, which C++ computes to the same doubles: large enough that the packed
    arrays of the ward chain and of Prim's tree are compacted, with no file to store."""
    i = np.arange(n, dtype=np.int64)[:, None]
    j = np.arange(d, dtype=np.int64)[None, :]
    return ((i * i * 7919 + (j + 1) * 104729 * i) % 10007) / 10007.0


def identical_points():
    """Five copies of one point: every merge at distance 0, ties broken by scan order."""
    return np.ones((5, 2))


def threshold_between(distances):
    """A threshold halfway between two merge distances near the top of the tree that are at
    least 1e-3 apart (relative), so that rounding cannot move a merge across it."""
    d = np.unique(distances)
    k = int(0.95 * (len(d) - 1))
    while d[k] - d[k - 1] < 1e-3 * d[k]:
        k -= 1
    return 0.5 * (d[k - 1] + d[k])


def main():
    cases = [(name, X, k, LINKAGES) for name, X, k in data_sets()]
    cases.append(("modular", modular_data(), 5,
                  [("ward", "euclidean"), ("average", "euclidean"), ("single", "euclidean")]))
    cases.append(("identical", identical_points(), 2,
                  [("ward", "euclidean"), ("complete", "euclidean"), ("average", "euclidean"),
                   ("single", "euclidean")]))
    for name, X, k, linkages in cases:
        for linkage, metric in linkages:
            case = f"{name}_{linkage}_{metric}"
            model = AgglomerativeClustering(n_clusters=k, linkage=linkage, metric=metric,
                                            compute_distances=True).fit(X)
            write(case, "children", model.children_)
            write(case, "distances", model.distances_)
            write(case, "labels", model.labels_)
            write(case, "n_clusters", k)
            if name == "identical":
                continue
            threshold = threshold_between(model.distances_)
            cut = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold,
                                          linkage=linkage, metric=metric).fit(X)
            assert np.array_equal(cut.children_, model.children_)
            write(case, "threshold", threshold)
            write(case, "threshold_labels", cut.labels_)
            write(case, "threshold_n_clusters", cut.n_clusters_)
            ties = len(model.distances_) - len(np.unique(model.distances_))
            print(f"{case}: {cut.n_clusters_} clusters at threshold {threshold:.6g}; "
                  f"{ties} merge distances tied with another")


if __name__ == "__main__":
    main()
