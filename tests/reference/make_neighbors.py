#!/usr/bin/python3
"""Reference fixtures for tests/test_kd_tree.cpp, tests/test_knn.cpp and
tests/test_nearest_neighbors.cpp.

Run with Debian's python3 (python3-sklearn, numpy):  /usr/bin/python3 tests/reference/make_neighbors.py
Writes tests/reference/neighbors/<case>/*.csv, plain CSVs of numbers with 17 significant digits.

kd_tree_<metric>: scikit-learn's KDTree (leaf_size 40) on 600 x 3 random points without exact
ties: the 7 nearest of 50 queries (indices, distances) and the counts within a radius.

ties/: integer grids with every point repeated, where every distance is computed exactly (or,
for minkowski p = 1.5, by the same formula in both): the order scikit-learn gives equal
distances, for KDTree at several leaf sizes and for NearestNeighbors' kd_tree and brute searches
(queries, the training rows themselves, radius queries), brute force's with scikit-learn on
one and on two threads (the way it shares the training rows among threads orders its ties).
Needs a machine of at least two cores.
"""
import numpy as np
from sklearn.neighbors import KDTree
from threadpoolctl import threadpool_limits

from fixtures import fixture_dir, fixture_writer

OUT = fixture_dir("neighbors")
write = fixture_writer(OUT)


def kd_tree_cases():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(600, 3)) * np.array([1.0, 3.0, 0.5])
    Q = rng.normal(size=(50, 3)) * 1.5
    write("kd_tree", "X", X)
    write("kd_tree", "Q", Q)
    for metric, kwargs, radius in [("euclidean", {}, 0.8), ("manhattan", {}, 1.2),
                                   ("chebyshev", {}, 0.6), ("minkowski", {"p": 3.0}, 0.7)]:
        tree = KDTree(X, leaf_size=40, metric=metric, **kwargs)
        dist, ind = tree.query(Q, k=7)
        # No exact ties among the first 8 distances of any query: the order is the data's.
        d8, _ = tree.query(Q, k=8)
        assert (np.diff(d8, axis=1) > 0).all()
        count = tree.query_radius(Q, r=radius, count_only=True)
        case = "kd_tree_" + metric
        write(case, "indices", ind)
        write(case, "distances", dist)
        write(case, "radius", [radius])
        write(case, "counts", count)




# ---- the estimators on the bundled data sets -------------------------------------------------
# Each data set is split by row: rows i % 3 != 0 train, rows i % 3 == 0 are the queries
# (tests/test_knn.cpp and tests/test_nearest_neighbors.cpp split the same way). For every case:
#   indices, distances: kneighbors of the queries (n_queries x k)
#   rounding_tie: 1 where the k-th and (k+1)-th distances agree to 1e-9 relative but the rows
#       are not the same point: which is the k-th neighbour may then be a matter of rounding,
#       which BLAS kernels do differently (brute force's euclidean distances go through GEMM)
#   pred, proba (classifiers), pred and score (regressors)
import pandas as pd
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor, NearestNeighbors

from fixtures import ROOT


def bundled(name, target):
    frame = pd.read_csv(f"{ROOT}/datasets/{name}.csv")
    y = frame.pop(target).to_numpy()
    if y.dtype == object:
        y = pd.factorize(y, sort=True)[0]  # labels as fitkit numbers them: sorted names
    return frame.to_numpy(dtype=float), y


def split(X, y, limit=None):
    rows = np.arange(len(X)) if limit is None else np.arange(limit)
    train, test = rows[rows % 3 != 0], rows[rows % 3 == 0]
    return X[train], y[train], X[test], y[test]


def rounding_ties(model, Q, k):
    n = model.n_samples_fit_
    if k >= n:
        return np.zeros(len(Q))
    dist, ind = model.kneighbors(Q, n_neighbors=k + 1)
    scale = np.maximum(dist[:, k], 1e-300)
    near = np.abs(dist[:, k] - dist[:, k - 1]) <= 1e-9 * scale
    X = model._fit_X
    same_point = (X[ind[:, k]] == X[ind[:, k - 1]]).all(axis=1)
    return (near & ~same_point).astype(float)


def neighbours(case, model, Q, k):
    dist, ind = model.kneighbors(Q)
    write(case, "indices", ind)
    write(case, "distances", dist)
    ties = rounding_ties(model, Q, k)
    write(case, "rounding_tie", ties)
    return ties


ESTIMATOR_CASES = [
    # name, data set, target, limit, estimator, params
    ("iris_uniform_kd", "iris", "species", None, "classifier", dict(algorithm="kd_tree")),
    ("iris_distance_brute", "iris", "species", None, "classifier",
     dict(algorithm="brute", weights="distance")),
    ("wine_uniform_auto", "wine", "cultivar", None, "classifier", dict()),
    ("wine_distance_k7_manhattan", "wine", "cultivar", None, "classifier",
     dict(n_neighbors=7, weights="distance", metric="manhattan")),
    ("wine_uniform_chebyshev_brute", "wine", "cultivar", None, "classifier",
     dict(metric="chebyshev", algorithm="brute")),
    ("wine_distance_minkowski3", "wine", "cultivar", None, "classifier",
     dict(weights="distance", metric="minkowski", p=3)),
    ("digits_uniform_auto", "digits", "digit", 600, "classifier", dict()),
    ("digits_distance_k3_kd", "digits", "digit", 600, "classifier",
     dict(n_neighbors=3, weights="distance", algorithm="kd_tree")),
    ("diabetes_uniform_kd", "diabetes", "progression", None, "regressor",
     dict(algorithm="kd_tree")),
    ("diabetes_distance_brute", "diabetes", "progression", None, "regressor",
     dict(algorithm="brute", weights="distance")),
    ("diabetes_distance_k9_manhattan", "diabetes", "progression", None, "regressor",
     dict(n_neighbors=9, weights="distance", metric="manhattan")),
]


def estimator_cases():
    for name, data, target, limit, kind, params in ESTIMATOR_CASES:
        X, y = bundled(data, target)
        Xtr, ytr, Q, yq = split(X, y, limit)
        k = params.get("n_neighbors", 5)
        case = "knn_" + name
        if kind == "classifier":
            model = KNeighborsClassifier(**params).fit(Xtr, ytr)
            ties = neighbours(case, model, Q, k)
            write(case, "pred", model.predict(Q))
            write(case, "proba", model.predict_proba(Q))
        else:
            model = KNeighborsRegressor(**params).fit(Xtr, ytr)
            ties = neighbours(case, model, Q, k)
            write(case, "pred", model.predict(Q))
        write(case, "fit_method", [1.0 if model._fit_method == "brute" else 0.0])
        print(case, model._fit_method, "rounding ties:", int(ties.sum()), "of", len(Q))


def nearest_neighbors_cases():
    X, y = bundled("wine", "cultivar")
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    Xtr, _, Q, _ = split(X, y)
    for algorithm in ("kd_tree", "brute"):
        case = "nn_wine_" + algorithm
        model = NearestNeighbors(n_neighbors=4, radius=2.5, algorithm=algorithm).fit(Xtr)
        neighbours(case, model, Q, 4)
        dist, ind = model.kneighbors()  # the training rows, each without itself
        write(case, "self_indices", ind)
        write(case, "self_distances", dist)
        # radius_neighbors: per query, the count, then the neighbours sorted by distance.
        dist, ind = model.radius_neighbors(Q, sort_results=True)
        write(case, "radius_counts", [len(i) for i in ind])
        write(case, "radius_indices", np.concatenate(ind))
        write(case, "radius_distances", np.concatenate(dist))


TIE_METRICS = [("euclidean", "euclidean", {}), ("manhattan", "manhattan", {}),
               ("chebyshev", "chebyshev", {}), ("minkowski3", "minkowski", {"p": 3.0}),
               ("minkowski1.5", "minkowski", {"p": 1.5})]


def write_radius(case, ind):
    """Radius neighbours as counts and indices (the tests compute the distances)."""
    write(case, "radius_counts", [len(i) for i in ind])
    write(case, "radius_indices", np.concatenate(ind))


def tie_cases():
    rng = np.random.RandomState(3)
    base = rng.randint(0, 6, size=(200, 2)).astype(float)
    X = np.vstack([base, base, base])
    Q = rng.randint(0, 7, size=(40, 2)) - 0.5 * (rng.rand(40, 2) > 0.5)
    write("ties", "X", X)
    write("ties", "Q", Q)
    for name, metric, kwargs in TIE_METRICS:
        for leaf_size in (1, 3, 40):
            tree = KDTree(X, leaf_size=leaf_size, metric=metric, **kwargs)
            dist, ind = tree.query(Q, k=9)
            case = f"ties_kd_tree_{name}_leaf{leaf_size}"
            write(case, "indices", ind)
            write(case, "distances", dist)
            ind, _ = tree.query_radius(Q, r=1.5, return_distance=True, sort_results=True)
            write_radius(case, ind)
    # The estimators: 700 training rows (brute force's chunks of 256 rows: three), 12 neighbours.
    base = rng.randint(0, 5, size=(350, 3)).astype(float)
    X = np.vstack([base, base])
    Q = rng.randint(0, 6, size=(60, 3)) - 0.5 * (rng.rand(60, 3) > 0.5)
    write("ties", "X_estimators", X)
    write("ties", "Q_estimators", Q)
    for name, metric, kwargs in TIE_METRICS:
        for algorithm in ("kd_tree", "brute"):
            model = NearestNeighbors(n_neighbors=12, algorithm=algorithm, metric=metric,
                                     **kwargs).fit(X)
            case = f"ties_nn_{algorithm}_{name}"
            # Brute force's ties depend on how many threads scikit-learn shares the training
            # rows among (its kd-tree's do not): one and two threads.
            for threads in (1, 2) if algorithm == "brute" else (None,):
                suffix = f"_threads{threads}" if threads else ""
                with threadpool_limits(threads, user_api="openmp"):
                    dist, ind = model.kneighbors(Q)
                    write(case, "indices" + suffix, ind)
                    write(case, "distances", dist)
                    _, ind = model.kneighbors()
                    write(case, "self_indices" + suffix, ind)
            _, ind = model.radius_neighbors(Q, radius=1.5, sort_results=True)
            write_radius(case, ind)
    # Three copies of one point and one other: with one neighbour, a copy's two nearest may be
    # two other copies, and kneighbors() then drops its first neighbour instead of itself.
    model = NearestNeighbors(n_neighbors=1).fit(np.array([[0.0], [0.0], [0.0], [5.0]]))
    _, ind = model.kneighbors()
    write("ties_crowded", "self_indices", ind)


if __name__ == "__main__":
    tie_cases()
    kd_tree_cases()
    estimator_cases()
    nearest_neighbors_cases()
