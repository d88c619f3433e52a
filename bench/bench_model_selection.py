#!/usr/bin/python3
"""Model selection: fitkit against scikit-learn on the same generated data, in one run.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/bench_model_selection.py [--task ridge|grid]

ridge: cross_val_score(Ridge(), X, y, cv=5) on 1,000,000 x 50 (issue 12: at most 0.3x).
grid:  GridSearchCV(LogisticRegression(), 12 candidates of C and fit_intercept, cv=5) on
       200,000 x 50 (issue 12: at most 0.5x), scikit-learn with n_jobs=2 (the machine's cores).
Prints both times, the ratio and the largest difference of the fold or candidate scores.
"""
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, cross_val_score

import benchlib

C_VALUES = [0.001, 0.01, 0.1, 1.0, 10.0, 100.0]


def main():
    parser = benchlib.make_parser(__doc__, rows=None, cols=50)
    parser.add_argument("--task", choices=["ridge", "grid"], default="ridge")
    parser.add_argument("--repeat", type=int, default=1)
    args = benchlib.parse_args(parser)
    driver = benchlib.driver_path(args.build_dir, "bench_model_selection")

    if args.task == "ridge":
        rows = args.rows or 1_000_000
        X, y = benchlib.make_regression(rows, args.cols)
        sk_seconds, sk_scores = benchlib.best_of(
            args.repeat, lambda: cross_val_score(Ridge(), X, y, cv=5))
        with benchlib.raw_files(X, y) as (x_path, y_path):
            r = benchlib.run_driver(driver, x_path, y_path, rows, args.cols, "ridge", "",
                                    args.repeat)
        what = f"cross_val_score(Ridge(), cv=5) on {rows} x {args.cols}"
    else:
        rows = args.rows or 200_000
        X, y = make_classification(n_samples=rows, n_features=args.cols, n_informative=10,
                                   random_state=0)
        X, y = np.asfortranarray(X), y.astype(float)
        grid = {"C": C_VALUES, "fit_intercept": [True, False]}
        search = GridSearchCV(LogisticRegression(), grid, cv=5, n_jobs=2)
        sk_seconds, fitted = benchlib.best_of(args.repeat, lambda: search.fit(X, y))
        sk_scores = fitted.cv_results_["mean_test_score"]
        grid_text = "C=" + ",".join(repr(c) for c in C_VALUES) + ";fit_intercept=true,false"
        with benchlib.raw_files(X, y) as (x_path, y_path):
            r = benchlib.run_driver(driver, x_path, y_path, rows, args.cols, "logistic",
                                    grid_text, args.repeat)
        what = (f"GridSearchCV(LogisticRegression(), 12 candidates, cv=5, n_jobs=2) on "
                f"{rows} x {args.cols}")

    scores = np.array(r["scores"])
    print(what)
    print(f"  scikit-learn {sk_seconds:8.3f} s")
    print(f"  fitkit       {r['seconds']:8.3f} s   ({r['threads']} threads)")
    print(f"  ratio fitkit / scikit-learn: {r['seconds'] / sk_seconds:.3f}")
    print(f"  largest score difference: {np.max(np.abs(scores - np.asarray(sk_scores))):.3g}")


if __name__ == "__main__":
    main()
