#!/usr/bin/python3
"""LinearRegression: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_linear_regression.py [--rows 1000000] [--cols 50]

Generates a regression problem with numpy (seeded), fits scikit-learn's LinearRegression and
fitkit's (bench/bench_linear_regression driver, both solvers) on it, and prints fit times,
the ratio fitkit / scikit-learn, R² of both, and fitkit's peak memory during fit relative to
the size of X.
"""
from sklearn.linear_model import LinearRegression

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=1_000_000, cols=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = benchlib.parse_args(parser)

    X, y = benchlib.make_regression(args.rows, args.cols)
    sk_best, model = benchlib.best_of(args.repeat, lambda: LinearRegression().fit(X, y))
    sk_r2 = model.score(X, y)

    driver = benchlib.driver_path(args.build_dir, "bench_linear_regression")
    with benchlib.raw_files(X, y) as (x_path, y_path):
        del X
        results = {}
        for solver in ("auto", "svd"):
            results[solver] = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols,
                                                  solver, args.repeat)

    print(f"LinearRegression fit on {args.rows} x {args.cols}")
    print(f"  scikit-learn {sk_best:8.3f} s   R2 {sk_r2:.12f}")
    for solver, r in results.items():
        print(f"  fitkit {solver:5s} {r['fit_seconds']:8.3f} s   R2 {r['r2']:.12f}   "
              f"ratio {r['fit_seconds'] / sk_best:.3f}   peak memory {r['peak_mb']:.0f} MB = "
              f"{r['peak_mb'] / r['x_mb']:.2f} x X ({r['threads']} threads)")
        if abs(r["r2"] - sk_r2) > 1e-9 * abs(sk_r2):
            print(f"  WARNING: R2 differs from scikit-learn's by {abs(r['r2'] - sk_r2):.3g}")
    print(f"  intercept: scikit-learn {model.intercept_:.12f}, fitkit {results['auto']['intercept']:.12f}")


if __name__ == "__main__":
    main()
