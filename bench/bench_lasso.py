#!/usr/bin/python3
"""Lasso: fitkit against scikit-learn on the same generated data, in one run.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/bench_lasso.py [--rows 200000] [--cols 200]

Generates a regression problem with strongly correlated features (every pair correlated
0.9 through one shared factor, 20 true non-zero coefficients) with numpy (seeded), fits
scikit-learn's Lasso (default precompute=False: coordinate descent on X) and fitkit's
(bench/bench_lasso driver; precompute=auto, i.e. epochs on the Gram matrix, and
precompute=false, epochs on X) at the same alpha and tol, and prints fit times, epochs, the
ratio fitkit / scikit-learn, and the objective and R² of each.
"""
import numpy as np
from sklearn.linear_model import Lasso

import benchlib


def make_problem(rows, cols, rho, seed=0):
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((rows, 1))
    X = np.sqrt(rho) * z + np.sqrt(1 - rho) * rng.standard_normal((rows, cols))
    X = np.asfortranarray(X)
    coef = np.zeros(cols)
    support = rng.choice(cols, 20, replace=False)
    coef[support] = rng.uniform(-2, 2, 20)
    y = X @ coef + rng.standard_normal(rows)
    return X, y


def objective(X, y, coef, intercept, alpha):
    r = y - X @ coef - intercept
    return r @ r / (2 * len(y)) + alpha * np.abs(coef).sum()


def main():
    parser = benchlib.make_parser(__doc__, rows=200_000, cols=200)
    parser.add_argument("--rho", type=float, default=0.9)
    parser.add_argument("--alpha", type=float, default=0.15)
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("--skip-dense", action="store_true",
                        help="skip fitkit with precompute=false (coordinate descent on X)")
    args = benchlib.parse_args(parser)

    X, y = make_problem(args.rows, args.cols, args.rho)
    sk_seconds, model = benchlib.best_of(
        1, lambda: Lasso(alpha=args.alpha, tol=args.tol, max_iter=10000).fit(X, y))
    sk_objective = objective(X, y, model.coef_, model.intercept_, args.alpha)
    sk_r2 = model.score(X, y)

    driver = benchlib.driver_path(args.build_dir, "bench_lasso")
    results = {}
    with benchlib.raw_files(X, y) as (x_path, y_path):
        del X
        for precompute in ("auto",) if args.skip_dense else ("auto", "false"):
            results[precompute] = benchlib.run_driver(driver, x_path, y_path, args.rows,
                                                      args.cols, repr(args.alpha),
                                                      repr(args.tol), precompute)

    print(f"Lasso fit on {args.rows} x {args.cols}, features correlated {args.rho}, "
          f"alpha {args.alpha}, tol {args.tol}")
    print(f"  scikit-learn         {sk_seconds:8.3f} s  {model.n_iter_:5d} epochs  "
          f"objective {sk_objective:.12g}  R2 {sk_r2:.12f}  non-zero {np.count_nonzero(model.coef_)}")
    for precompute, r in results.items():
        print(f"  fitkit precompute={precompute:5s} {r['fit_seconds']:8.3f} s  {r['n_iter']:5d} epochs  "
              f"objective {r['objective']:.12g}  R2 {r['r2']:.12f}  non-zero {r['nonzero']}  "
              f"ratio {r['fit_seconds'] / sk_seconds:.3f} ({r['threads']} threads)")
        if abs(r["objective"] - sk_objective) > 1e-6 * abs(sk_objective):
            print(f"  WARNING: objective differs from scikit-learn's by "
                  f"{abs(r['objective'] - sk_objective) / abs(sk_objective):.3g} relative")


if __name__ == "__main__":
    main()
