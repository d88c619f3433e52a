#!/usr/bin/python3
"""LinearSVR: fitkit against scikit-learn (liblinear) on the same generated data, in one run.

    /usr/bin/python3 bench/bench_linear_svr.py [--rows 160000] [--cols 100] \
        [--build-dir build/release] [--plain]

The issue sets no target for LinearSVR; this shows where it stands next to LinearSVC's (0.3).
Data: benchlib.make_regression (features of mean 10 and scale 3, y = X coef + 1.5 + noise),
scaled by numpy to mean 0 and deviation 1 per column (liblinear's dual solver crawls on
uncentred data, in both). By default both fit LinearSVR(loss='squared_epsilon_insensitive',
dual=False), liblinear's primal Newton solver; --plain fits the default loss
(epsilon_insensitive) with dual=True instead. Prints fit times, the ratio fitkit /
scikit-learn (and of CPU times, which a busy machine distorts less), iterations, R² and
liblinear's primal objective for both (equal quality: fitkit's objective must not exceed
scikit-learn's by more than 1e-6 relative).
"""
import time

import numpy as np
from sklearn.svm import LinearSVR

import benchlib


def objective(model, X, y, squared):
    w = model.coef_.ravel()
    b = float(model.intercept_[0])
    slack = np.maximum(0.0, np.abs(y - X @ w - b) - model.epsilon)
    return 0.5 * (w @ w + b * b) + model.C * (slack @ slack if squared else slack.sum())


def main():
    parser = benchlib.make_parser(__doc__, rows=160_000, cols=100)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--plain", action="store_true",
                        help="epsilon_insensitive loss with dual=True in both")
    args = benchlib.parse_args(parser)
    squared = not args.plain

    X, y = benchlib.make_regression(args.rows, args.cols)
    X = np.asfortranarray((X - X.mean(axis=0)) / X.std(axis=0))
    loss = "squared_epsilon_insensitive" if squared else "epsilon_insensitive"

    cpu = time.process_time()
    sk_best, model = benchlib.best_of(
        args.repeat,
        lambda: LinearSVR(loss=loss, dual=not squared, random_state=0).fit(X, y))
    sk_cpu = (time.process_time() - cpu) / args.repeat
    sk_obj = objective(model, X, y, squared)
    sk_r2 = model.score(X, y)

    driver = benchlib.driver_path(args.build_dir, "bench_linear_svr")
    with benchlib.raw_files(X, y) as (x_path, y_path):
        r = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols, args.repeat,
                                "squared" if squared else "plain")

    print(f"LinearSVR fit on {args.rows} x {args.cols}, loss {loss}, dual={not squared}, "
          f"other parameters default")
    print(f"  scikit-learn {sk_best:8.3f} s ({sk_cpu:.3f} s CPU)   "
          f"{int(np.max(model.n_iter_)):5d} iterations   R2 {sk_r2:.8f}   "
          f"objective {sk_obj:.10g}")
    print(f"  fitkit       {r['fit_seconds']:8.3f} s ({r['cpu_seconds']:.3f} s CPU)   "
          f"{r['n_iter']:5d} iterations   R2 {r['r2']:.8f}   objective {r['objective']:.10g}   "
          f"({r['threads']} threads)")
    print(f"  ratio fitkit / scikit-learn: {r['fit_seconds'] / sk_best:.3f} "
          f"(CPU time {r['cpu_seconds'] / sk_cpu:.3f})")
    excess = (r["objective"] - sk_obj) / sk_obj
    print(f"  objective relative difference (fitkit - scikit-learn): {excess:.3g}")
    if excess > 1e-6:
        print("  WARNING: fitkit's objective exceeds scikit-learn's by more than 1e-6 relative")


if __name__ == "__main__":
    main()
