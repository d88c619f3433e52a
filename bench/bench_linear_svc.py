#!/usr/bin/python3
"""LinearSVC: fitkit against scikit-learn (liblinear) on the same generated data, in one run.

    /usr/bin/python3 bench/bench_linear_svc.py [--rows 160000] [--cols 100] \
        [--build-dir build/release] [--dual]

Issue 10's target: LinearSVC on 160,000 x 100 at most 0.3x scikit-learn's fit with
dual=False (its default dual solver does not converge there in 1000 iterations). Generates a
binary problem with numpy (seeded; features with non-zero means and different scales, labels
from a noisy linear rule), fits scikit-learn's LinearSVC(dual=False) and fitkit's
(bench/bench_linear_svc driver) with the same parameters, and prints fit times, the ratio
fitkit / scikit-learn (and of CPU times, which a busy machine distorts less), iterations, accuracy and liblinear's primal objective for both (equal
quality: fitkit's objective must not exceed scikit-learn's by more than 1e-6 relative).
"""
import time

import numpy as np
from sklearn.svm import LinearSVC

import benchlib


def objective(model, X, t):
    w = model.coef_.ravel()
    b = model.intercept_[0]
    slack = np.maximum(0.0, 1.0 - t * (X @ w + b))
    return 0.5 * (w @ w + b * b) + model.C * (slack @ slack)


def main():
    parser = benchlib.make_parser(__doc__, rows=160_000, cols=100)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dual", action="store_true", help="both with dual=True instead")
    args = benchlib.parse_args(parser)

    rng = np.random.default_rng(0)
    scale = rng.uniform(0.5, 2.0, args.cols)
    X = rng.standard_normal((args.rows, args.cols)) * scale + rng.uniform(-1, 1, args.cols)
    coef = rng.standard_normal(args.cols) / np.sqrt(args.cols)
    z = X @ coef + 0.3 + 0.5 * rng.standard_normal(args.rows)
    y = (z > np.median(z)).astype(float)
    t = 2 * y - 1

    cpu = time.process_time()
    sk_best, model = benchlib.best_of(
        args.repeat, lambda: LinearSVC(dual=args.dual, random_state=0).fit(X, y))
    sk_cpu = (time.process_time() - cpu) / args.repeat
    sk_obj = objective(model, X, t)
    sk_acc = model.score(X, y)

    driver = benchlib.driver_path(args.build_dir, "bench_linear_svc")
    with benchlib.raw_files(X, y) as (x_path, y_path):
        del X
        r = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols, args.repeat,
                                "true" if args.dual else "false")

    mode = "dual=True" if args.dual else "dual=False"
    print(f"LinearSVC fit on {args.rows} x {args.cols}, binary, {mode}, other parameters default")
    print(f"  scikit-learn {sk_best:8.3f} s ({sk_cpu:.3f} s CPU)   {int(np.max(model.n_iter_)):5d} iterations   "
          f"accuracy {sk_acc:.6f}   objective {sk_obj:.10g}")
    print(f"  fitkit       {r['fit_seconds']:8.3f} s ({r['cpu_seconds']:.3f} s CPU)   {r['n_iter']:5d} iterations   "
          f"accuracy {r['accuracy']:.6f}   objective {r['objective']:.10g}   "
          f"({r['threads']} threads)")
    print(f"  ratio fitkit / scikit-learn: {r['fit_seconds'] / sk_best:.3f} "
          f"(CPU time {r['cpu_seconds'] / sk_cpu:.3f}: what a busy machine leaves comparable)")
    excess = (r["objective"] - sk_obj) / sk_obj
    print(f"  objective relative difference (fitkit - scikit-learn): {excess:.3g}")
    if excess > 1e-6:
        print("  WARNING: fitkit's objective exceeds scikit-learn's by more than 1e-6 relative")


if __name__ == "__main__":
    main()
