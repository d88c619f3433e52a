#!/usr/bin/python3
"""LogisticRegression: fitkit against scikit-learn (lbfgs) on the same generated data, in one run.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/bench_logistic_regression.py \
        [--rows 1000000] [--cols 50] [--build-dir build/release]

Generates a binary problem with numpy (seeded; features with non-zero means and different
scales, labels drawn from a logistic model), fits scikit-learn's LogisticRegression and
fitkit's (bench/bench_logistic_regression driver), both with default parameters, and prints
fit times, the ratio fitkit / scikit-learn, iterations and the mean log-loss of both (equal
quality: fitkit's log-loss must not exceed scikit-learn's by more than 1e-6 relative).
"""
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=1_000_000, cols=50)
    parser.add_argument("--repeat", type=int, default=1)
    args = benchlib.parse_args(parser)

    rng = np.random.default_rng(0)
    scale = rng.uniform(0.5, 2.0, args.cols)
    X = rng.standard_normal((args.rows, args.cols)) * scale + rng.uniform(-1, 1, args.cols)
    coef = rng.standard_normal(args.cols) / np.sqrt(args.cols)
    p = 1.0 / (1.0 + np.exp(-(X @ coef + 0.5)))
    y = (rng.uniform(size=args.rows) < p).astype(float)

    sk_best, model = benchlib.best_of(args.repeat, lambda: LogisticRegression().fit(X, y))
    sk_loss = log_loss(y, model.predict_proba(X))

    driver = benchlib.driver_path(args.build_dir, "bench_logistic_regression")
    with benchlib.raw_files(X, y) as (x_path, y_path):
        del X
        r = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols, args.repeat)

    print(f"LogisticRegression fit on {args.rows} x {args.cols}, binary, default parameters")
    print(f"  scikit-learn lbfgs {sk_best:8.3f} s   {model.n_iter_[0]:4d} iterations   "
          f"log-loss {sk_loss:.12f}")
    print(f"  fitkit             {r['fit_seconds']:8.3f} s   {r['n_iter']:4d} iterations   "
          f"log-loss {r['log_loss']:.12f}   ({r['threads']} threads)")
    print(f"  ratio fitkit / scikit-learn: {r['fit_seconds'] / sk_best:.3f}")
    excess = (r["log_loss"] - sk_loss) / sk_loss
    print(f"  log-loss relative difference (fitkit - scikit-learn): {excess:.3g}")
    if excess > 1e-6:
        print("  WARNING: fitkit's log-loss exceeds scikit-learn's by more than 1e-6 relative")


if __name__ == "__main__":
    main()
