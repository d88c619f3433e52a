#!/usr/bin/python3
"""SGDClassifier and SGDRegressor: fitkit against scikit-learn on the same generated data.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/bench_sgd.py \
        [--rows 1000000] [--cols 50] [--classes 5] [--build-dir build/release]

Three problems, each fitted with default parameters (seed / random_state 0) by scikit-learn
and by fitkit's bench/bench_sgd driver: SGDClassifier (hinge) on a binary problem of rows x cols,
SGDClassifier on a --classes problem of rows / 4 samples (one-vs-rest), SGDRegressor on rows x
cols. Features are standard normal (SGD wants scaled features); labels come from a noisy
linear model. scikit-learn gets X in C order (its fast path, no copy); fitkit's timing includes
its own transposition of the column-major X. The two shuffle with different generators, so
the models differ: equal quality means training accuracy / R² within 1e-3 absolute.
"""
import numpy as np
from sklearn.linear_model import SGDClassifier, SGDRegressor

import benchlib


def problems(rows, cols, n_classes):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((rows, cols))
    coef = rng.standard_normal(cols) / np.sqrt(cols)
    z = X @ coef + 0.3 + 0.5 * rng.standard_normal(rows)
    yield "binary", "SGDClassifier", X, (z > 0).astype(float)
    m = rows // 4
    Xm = X[:m]
    centres = rng.standard_normal((n_classes, cols)) * 0.4
    ym = rng.integers(0, n_classes, m)
    Xm = Xm + centres[ym]
    yield f"{n_classes} classes", "SGDClassifier", Xm, ym.astype(float)
    yield "regression", "SGDRegressor", X, X @ (coef * 3) + 1.5 + rng.standard_normal(rows)


def main():
    parser = benchlib.make_parser(__doc__, rows=1_000_000, cols=50)
    parser.add_argument("--classes", type=int, default=5)
    args = benchlib.parse_args(parser)
    driver = benchlib.driver_path(args.build_dir, "bench_sgd")

    for name, kind, X, y in problems(args.rows, args.cols, args.classes):
        make = SGDClassifier if kind == "SGDClassifier" else SGDRegressor
        sk_time, model = benchlib.best_of(1, lambda: make(random_state=0).fit(X, y))
        sk_score = model.score(X, y)
        with benchlib.raw_files(np.asfortranarray(X), y) as (x_path, y_path):
            r = benchlib.run_driver(driver, x_path, y_path, X.shape[0], X.shape[1],
                                    "classifier" if kind == "SGDClassifier" else "regressor")
        what = "accuracy" if kind == "SGDClassifier" else "R2"
        print(f"{kind} fit on {X.shape[0]} x {X.shape[1]}, {name}, default parameters")
        print(f"  scikit-learn {sk_time:8.3f} s   {model.n_iter_:4d} epochs   "
              f"{what} {sk_score:.6f}")
        print(f"  fitkit       {r['fit_seconds']:8.3f} s   {r['n_iter']:4d} epochs   "
              f"{what} {r['score']:.6f}   ({r['threads']} threads)")
        print(f"  ratio fitkit / scikit-learn: {r['fit_seconds'] / sk_time:.3f}")
        diff = r["score"] - sk_score
        print(f"  {what} difference (fitkit - scikit-learn): {diff:+.2e}")
        if abs(diff) > 1e-3:
            print(f"  WARNING: {what} differs by more than 1e-3")


if __name__ == "__main__":
    main()
