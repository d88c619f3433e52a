#!/usr/bin/python3
"""Reference fixtures for tests/test_clustering_metrics.cpp.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_clustering_metrics.py
Writes, under tests/reference/clustering_metrics/, numbers printed with 17 significant digits:

labels/<case>/{labels_true,labels_pred,scores}.csv: two labelings and scikit-learn's scores of
    them, in the order of SCORE_NAMES below (written to labels/SCORE_NAMES for reading);
    labels/<case>/contingency.csv for some.
data/<case>/{labels,silhouette_euclidean,silhouette_manhattan,silhouette_chebyshev,scores}.csv:
    a clustering of iris, wine (datasets/*.csv, all columns but the last) or a generated set
    (X.csv there), scikit-learn's silhouette_samples with each metric, and
    [silhouette_score euclidean, manhattan, chebyshev, calinski_harabasz, davies_bouldin].
"""
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("clustering_metrics")
write = fixture_writer(OUT)

SCORE_NAMES = [
    ("adjusted_rand_score", lambda t, p: metrics.adjusted_rand_score(t, p)),
    ("rand_score", lambda t, p: metrics.rand_score(t, p)),
    ("mutual_info_score", lambda t, p: metrics.mutual_info_score(t, p)),
] + [
    (f"adjusted_mutual_info_score {m}",
     lambda t, p, m=m: metrics.adjusted_mutual_info_score(t, p, average_method=m))
    for m in ("arithmetic", "min", "geometric", "max")
] + [
    (f"normalized_mutual_info_score {m}",
     lambda t, p, m=m: metrics.normalized_mutual_info_score(t, p, average_method=m))
    for m in ("arithmetic", "min", "geometric", "max")
] + [
    ("homogeneity_score", lambda t, p: metrics.homogeneity_score(t, p)),
    ("completeness_score", lambda t, p: metrics.completeness_score(t, p)),
    ("v_measure_score 1", lambda t, p: metrics.v_measure_score(t, p)),
    ("v_measure_score 0.5", lambda t, p: metrics.v_measure_score(t, p, beta=0.5)),
    ("v_measure_score 2", lambda t, p: metrics.v_measure_score(t, p, beta=2.0)),
]


def label_case(case, labels_true, labels_pred, contingency=False):
    labels_true = np.asarray(labels_true, dtype=np.int64)
    labels_pred = np.asarray(labels_pred, dtype=np.int64)
    scores = [float(f(labels_true, labels_pred)) for _, f in SCORE_NAMES]
    write("labels/" + case, "labels_true", labels_true)
    write("labels/" + case, "labels_pred", labels_pred)
    write("labels/" + case, "scores", scores)
    if contingency:
        write("labels/" + case, "contingency", metrics.cluster.contingency_matrix(labels_true,
                                                                                 labels_pred))


def label_cases():
    rng = np.random.RandomState(0)
    # Random labelings: sizes and numbers of clusters.
    for n, k_true, k_pred in [(20, 3, 4), (300, 5, 8), (1000, 40, 25), (3000, 2, 3)]:
        label_case(f"random_{n}_{k_true}_{k_pred}", rng.randint(k_true, size=n),
                   rng.randint(k_pred, size=n), contingency=n == 20)
    # Skewed cluster sizes, and a prediction that mostly agrees (scores far from 0).
    p = rng.dirichlet(np.ones(6) * 0.5)
    true = rng.choice(6, size=500, p=p)
    pred = np.where(rng.uniform(size=500) < 0.2, rng.randint(9, size=500), true * 3 % 7)
    label_case("skewed_agreeing_500", true, pred)
    # Noise (-1) in both, as DBSCAN labels; label values far apart and negative.
    true = rng.randint(-1, 6, size=400)
    pred = np.where(rng.uniform(size=400) < 0.3, -1, (true + rng.randint(0, 2, size=400)) % 5)
    label_case("noise_400", true, pred, contingency=True)
    values = np.array([-7, 10**12, 3, -(10**15)])
    label_case("far_values_200", values[rng.randint(4, size=200)], values[rng.randint(3, size=200)])
    # Degenerate cases.
    label_case("one_cluster_vs_random_50", np.full(50, 4), rng.randint(5, size=50))
    label_case("random_vs_one_cluster_50", rng.randint(5, size=50), np.zeros(50))
    label_case("both_one_cluster_30", np.full(30, 2), np.full(30, -1))
    label_case("singletons_vs_random_60", np.arange(60), rng.randint(6, size=60))
    label_case("random_vs_singletons_60", rng.randint(6, size=60), np.arange(60) * 3 - 5)
    label_case("both_singletons_50", np.arange(50), rng.permutation(50))
    label_case("singletons_vs_one_cluster_40", np.arange(40), np.ones(40))
    true = rng.randint(6, size=200)
    label_case("identical_200", true, true)
    label_case("permuted_200", true, np.array([5, 9, -1, 0, 2, 7])[true])
    label_case("one_sample", [3], [5])
    label_case("two_samples", [0, 1], [4, 4])


def data_case(case, X, labels, write_x=False):
    labels = np.asarray(labels, dtype=np.int64)
    write("data/" + case, "labels", labels)
    if write_x:
        write("data/" + case, "X", X)
    scores = []
    for metric in ("euclidean", "manhattan", "chebyshev"):
        samples = metrics.silhouette_samples(X, labels, metric=metric)
        write("data/" + case, "silhouette_" + metric, samples)
        scores.append(metrics.silhouette_score(X, labels, metric=metric))
    scores.append(metrics.calinski_harabasz_score(X, labels))
    scores.append(metrics.davies_bouldin_score(X, labels))
    write("data/" + case, "scores", scores)


def dataset(name):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
    X = frame.iloc[:, :-1].to_numpy(dtype=float)
    target = frame.iloc[:, -1]
    return X, np.searchsorted(np.array(sorted(target.unique())), target.to_numpy())


def data_cases():
    X, y = dataset("iris")
    data_case("iris_species", X, y)
    data_case("iris_kmeans4", X, KMeans(n_clusters=4, n_init=10, random_state=0).fit(X).labels_)
    X, y = dataset("wine")
    data_case("wine_cultivar", X, y)
    data_case("wine_kmeans5", X, KMeans(n_clusters=5, n_init=10, random_state=0).fit(X).labels_)
    # Generated: blobs around a far offset, a noise label -1 and a cluster of one sample; more
    # rows than fitkit's distance blocks (256), so that several tiles make up each row's sums.
    X, y = make_blobs(n_samples=600, n_features=4, centers=6, cluster_std=2.0, random_state=1)
    X = np.round(X + 50.0, 4)
    rng = np.random.RandomState(1)
    labels = np.where(rng.uniform(size=len(y)) < 0.1, -1, y * 2)
    labels[17] = 99
    data_case("blobs_noise_singleton", X, labels, write_x=True)


def main():
    label_cases()
    with open(os.path.join(OUT, "labels", "SCORE_NAMES"), "w") as f:
        f.write("".join(name + "\n" for name, _ in SCORE_NAMES))
    data_cases()
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
