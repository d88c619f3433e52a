#!/usr/bin/python3
"""kNN classification: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_knn.py [--rows 100000] [--queries 100000] [--cols 10] [--k 5]

Generates overlapping Gaussian classes with numpy (seeded), fits scikit-learn's
KNeighborsClassifier (defaults: algorithm auto, i.e. its kd-tree here, n_jobs None) and
predicts the queries, then does the same with fitkit's (bench/bench_knn driver), and prints
fit + predict times, the ratio fitkit / scikit-learn, both accuracies and how many predictions
differ (none: the data have no distance ties). --sklearn-jobs -1 also times scikit-learn on
every core, for comparison.
"""
import os
import tempfile

import numpy as np
from sklearn.neighbors import KNeighborsClassifier

import benchlib


def make_classes(rows, cols, classes, seed):
    """Rows around one of `classes` centres (the same centres for every seed), and their class."""
    centres = np.random.default_rng(0).standard_normal((classes, cols)) * 1.5
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=rows)
    X = centres[y] + rng.standard_normal((rows, cols))
    return np.asfortranarray(X), y.astype(float)


def main():
    parser = benchlib.make_parser(__doc__, rows=100_000, cols=10)
    parser.add_argument("--queries", type=int, default=100_000)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--classes", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--algorithm", default="auto")
    parser.add_argument("--sklearn-jobs", type=int, default=None)
    args = benchlib.parse_args(parser)

    X, y = make_classes(args.rows, args.cols, args.classes, 1)
    Q, yq = make_classes(args.queries, args.cols, args.classes, 2)

    def sklearn_run(jobs):
        model = KNeighborsClassifier(n_neighbors=args.k, algorithm=args.algorithm, n_jobs=jobs)
        return model.fit(X, y).predict(Q), model

    sk_best, (sk_pred, model) = benchlib.best_of(args.repeat, lambda: sklearn_run(None))
    sk_accuracy = float(np.mean(sk_pred == yq))
    jobs_best = None
    if args.sklearn_jobs is not None:
        jobs_best, _ = benchlib.best_of(args.repeat, lambda: sklearn_run(args.sklearn_jobs))

    driver = benchlib.driver_path(args.build_dir, "bench_knn")
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, name) for name in ("X", "y", "Q", "yq", "pred")]
        X.ravel(order="F").tofile(paths[0])
        y.tofile(paths[1])
        Q.ravel(order="F").tofile(paths[2])
        yq.tofile(paths[3])
        r = benchlib.run_driver(driver, *paths[:4], args.rows, args.queries, args.cols, args.k,
                                paths[4], args.algorithm, args.repeat)
        pred = np.fromfile(paths[4])

    total = r["fit_seconds"] + r["predict_seconds"]
    print(f"KNeighborsClassifier(n_neighbors={args.k}) fit on {args.rows} x {args.cols}, "
          f"predict {args.queries} queries ({args.classes} classes)")
    print(f"  scikit-learn ({model._fit_method}) {sk_best:8.3f} s   accuracy {sk_accuracy:.6f}")
    if jobs_best is not None:
        print(f"  scikit-learn n_jobs={args.sklearn_jobs} {jobs_best:8.3f} s")
    print(f"  fitkit ({r['fit_method']}) {total:8.3f} s (fit {r['fit_seconds']:.3f}, predict "
          f"{r['predict_seconds']:.3f})   accuracy {r['accuracy']:.6f}   ratio "
          f"{total / sk_best:.3f} ({r['threads']} threads)")
    differ = int(np.sum(pred != sk_pred))
    print(f"  predictions that differ from scikit-learn's: {differ}")
    if differ:
        print("  WARNING: predictions differ")


if __name__ == "__main__":
    main()
