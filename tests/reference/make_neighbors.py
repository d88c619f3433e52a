#!/usr/bin/python3
"""Reference fixtures for tests/test_kd_tree.cpp, tests/test_knn.cpp and
tests/test_nearest_neighbors.cpp.

Run with Debian's python3 (python3-sklearn, numpy):  /usr/bin/python3 tests/reference/make_neighbors.py
Writes tests/reference/neighbors/<case>/*.csv, plain CSVs of numbers with 17 significant digits.

kd_tree_<metric>: scikit-learn's KDTree (leaf_size 40) on 600 x 3 random points without exact
ties: the 7 nearest of 50 queries (indices, distances) and the counts within a radius.
"""
import numpy as np
from sklearn.neighbors import KDTree

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





if __name__ == "__main__":
    kd_tree_cases()
