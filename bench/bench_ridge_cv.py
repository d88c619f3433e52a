#!/usr/bin/python3
"""RidgeCV (efficient leave-one-out): fitkit against scikit-learn on the same data, in one run.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/bench_ridge_cv.py [--rows 1000000] [--cols 50]

Generates a regression problem with numpy (seeded), fits scikit-learn's RidgeCV (cv=None,
gcv_mode auto: the SVD of X for n > d) and fitkit's (bench/bench_ridge_cv driver: auto, i.e.
the eigendecomposition of X'X, and svd) over 10 alphas logspace(-3, 3), once each, and prints
fit times, the ratio fitkit / scikit-learn, the alpha chosen, best_score and R² of both, and
fitkit's peak memory during fit relative to the size of X. Both sides use the same OpenBLAS.
"""
import numpy as np
from sklearn.linear_model import RidgeCV

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=1_000_000, cols=50)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--modes", default="auto,svd")
    args = benchlib.parse_args(parser)

    alphas = np.logspace(-3, 3, 10)
    X, y = benchlib.make_regression(args.rows, args.cols)
    sk_best, model = benchlib.best_of(args.repeat, lambda: RidgeCV(alphas=alphas).fit(X, y))
    sk_r2 = model.score(X, y)

    driver = benchlib.driver_path(args.build_dir, "bench_ridge_cv")
    alpha_list = ",".join(repr(float(a)) for a in alphas)
    with benchlib.raw_files(X, y) as (x_path, y_path):
        del X
        results = {}
        for mode in args.modes.split(","):
            results[mode] = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols,
                                                alpha_list, mode, args.repeat)

    print(f"RidgeCV(alphas=logspace(-3, 3, 10)) fit on {args.rows} x {args.cols}")
    print(f"  scikit-learn {sk_best:8.3f} s   alpha {model.alpha_:.6g}   "
          f"best_score {model.best_score_:.15g}   R2 {sk_r2:.12f}")
    for mode, r in results.items():
        print(f"  fitkit {mode:5s} {r['fit_seconds']:8.3f} s   alpha {r['alpha']:.6g}   "
              f"best_score {r['best_score']:.15g}   R2 {r['r2']:.12f}   "
              f"ratio {r['fit_seconds'] / sk_best:.3f}   peak memory {r['peak_mb']:.0f} MB = "
              f"{r['peak_mb'] / r['x_mb']:.2f} x X ({r['threads']} threads)")
        if r["alpha"] != model.alpha_:
            print(f"  WARNING: alpha differs from scikit-learn's ({model.alpha_:.6g})")
        if abs(r["r2"] - sk_r2) > 1e-6 * abs(sk_r2):
            print(f"  WARNING: R2 differs from scikit-learn's by {abs(r['r2'] - sk_r2):.3g}")
    if "auto" in results:
        print(f"  intercept: scikit-learn {model.intercept_:.12f}, "
              f"fitkit {results['auto']['intercept']:.12f}")


if __name__ == "__main__":
    main()
