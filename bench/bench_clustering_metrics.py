#!/usr/bin/python3
"""silhouette_score: fitkit against scikit-learn on the same generated data, in one run.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/bench_clustering_metrics.py
        [--rows 20000] [--cols 10] [--clusters 8] [--metric euclidean] [--repeat 3]

Generates blobs with numpy (seeded; --clusters centres, overlapping), labelled by the blob each
sample came from, and times scikit-learn's silhouette_score (its default chunked distances,
working_memory 1024 MB) and fitkit's (bench/bench_clustering_metrics driver) on them: times,
the ratio fitkit / scikit-learn, both scores and fitkit's peak memory during the call relative
to the size of X. Both sides use the same OpenBLAS.
"""
import numpy as np
from sklearn.metrics import silhouette_score

import benchlib


def make_blobs(rows, cols, clusters, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-6.0, 6.0, size=(clusters, cols))
    labels = rng.integers(clusters, size=rows)
    X = np.asfortranarray(centres[labels] + rng.standard_normal((rows, cols)) * 2.0)
    return X, labels


def main():
    parser = benchlib.make_parser(__doc__, rows=20_000, cols=10)
    parser.add_argument("--clusters", type=int, default=8)
    parser.add_argument("--metric", default="euclidean")
    parser.add_argument("--repeat", type=int, default=3)
    args = benchlib.parse_args(parser)

    X, labels = make_blobs(args.rows, args.cols, args.clusters)
    sk_best, sk_score = benchlib.best_of(
        args.repeat, lambda: silhouette_score(X, labels, metric=args.metric))

    driver = benchlib.driver_path(args.build_dir, "bench_clustering_metrics")
    with benchlib.raw_files(X, labels.astype(float)) as (x_path, labels_path):
        r = benchlib.run_driver(driver, x_path, labels_path, args.rows, args.cols, args.metric,
                                args.repeat)

    print(f"silhouette_score(metric={args.metric}) on {args.rows} x {args.cols}, "
          f"{args.clusters} clusters")
    print(f"  scikit-learn {sk_best:8.3f} s   score {sk_score:.15f}")
    print(f"  fitkit       {r['seconds']:8.3f} s   score {r['score']:.15f}   "
          f"ratio {r['seconds'] / sk_best:.3f}   peak memory {r['peak_mb']:.0f} MB = "
          f"{r['peak_mb'] / r['x_mb']:.2f} x X ({r['threads']} threads)")
    if abs(r["score"] - sk_score) > 1e-10:
        print(f"  WARNING: the scores differ by {abs(r['score'] - sk_score):.3g}")


if __name__ == "__main__":
    main()
