#!/usr/bin/python3
"""AgglomerativeClustering: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_agglomerative.py [--rows 20000] [--cols 10] [--linkage ward]
                                                  [--n-clusters 8] [--repeat 1]

Generates --n-clusters overlapping Gaussian blobs with numpy (seeded), fits scikit-learn's
AgglomerativeClustering (compute_distances=True) and fitkit's (bench/bench_agglomerative
driver) on them, and prints fit times, the ratio fitkit / scikit-learn, and the peak memory of
each: scikit-learn's as the growth of this process's peak resident set during its fit (X and
the imports are already resident), fitkit's as the driver's peak resident set during fit
(X included). Quality: the labels must be equal and the merge distances equal to 1e-10
(relative to the largest); the script says how far they are.
"""
import os
import resource
import tempfile

import numpy as np
from sklearn.cluster import AgglomerativeClustering

import benchlib


def make_blobs(rows, cols, centers, seed=0):
    """Overlapping blobs: centres drawn with spread 4, points with spread 1.5 around them."""
    rng = np.random.default_rng(seed)
    centre = rng.standard_normal((centers, cols)) * 4.0
    X = centre[rng.integers(0, centers, rows)] + rng.standard_normal((rows, cols)) * 1.5
    return np.asfortranarray(X)


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def main():
    parser = benchlib.make_parser(__doc__, rows=20_000, cols=10)
    parser.add_argument("--linkage", default="ward")
    parser.add_argument("--n-clusters", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=1)
    args = benchlib.parse_args(parser)

    X = make_blobs(args.rows, args.cols, args.n_clusters)
    before = peak_rss_mb()
    sk_best, model = benchlib.best_of(
        args.repeat, lambda: AgglomerativeClustering(n_clusters=args.n_clusters,
                                                     linkage=args.linkage,
                                                     compute_distances=True).fit(X))
    sk_peak = peak_rss_mb() - before

    driver = benchlib.driver_path(args.build_dir, "bench_agglomerative")
    with tempfile.TemporaryDirectory() as tmp:
        x_path = os.path.join(tmp, "X.f64")
        labels_path = os.path.join(tmp, "labels.i64")
        distances_path = os.path.join(tmp, "distances.f64")
        X.ravel(order="F").tofile(x_path)
        r = benchlib.run_driver(driver, x_path, args.rows, args.cols, args.linkage,
                                args.n_clusters, labels_path, distances_path, args.repeat)
        labels = np.fromfile(labels_path, dtype=np.int64)
        distances = np.fromfile(distances_path, dtype=np.float64)

    print(f"AgglomerativeClustering(linkage={args.linkage}, n_clusters={args.n_clusters}) "
          f"on {args.rows} x {args.cols}")
    print(f"  scikit-learn {sk_best:8.3f} s   peak memory +{sk_peak:.0f} MB during fit")
    print(f"  fitkit       {r['fit_seconds']:8.3f} s   ratio {r['fit_seconds'] / sk_best:.4f}   "
          f"peak memory {r['peak_mb']:.0f} MB with X ({r['x_mb']:.0f} MB) "
          f"({r['threads']} threads)")
    same_labels = np.array_equal(labels, model.labels_)
    error = np.abs(distances - model.distances_).max() / np.abs(model.distances_).max()
    print(f"  labels {'equal' if same_labels else 'DIFFERENT'}; merge distances within "
          f"{error:.2g} (relative to the largest)")
    if not same_labels or error > 1e-10:
        print("  WARNING: not scikit-learn's clustering")


if __name__ == "__main__":
    main()
