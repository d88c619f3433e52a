#!/usr/bin/python3
"""Ridge: fitkit against scikit-learn on the same generated data, in one run.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/bench_ridge.py [--rows 1000000] [--cols 50]

Generates a regression problem with numpy (seeded), fits scikit-learn's Ridge (solver auto, i.e.
Cholesky for dense X) and fitkit's (bench/bench_ridge driver: auto, svd and cg) on it, and
prints fit times, the ratio fitkit / scikit-learn, R² of both, and fitkit's peak memory during
fit relative to the size of X. Both sides use the same OpenBLAS.
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np
from sklearn.linear_model import Ridge

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--cols", type=int, default=50)
    parser.add_argument("--alpha", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--solvers", default="auto,svd,cg")
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build", "release"))
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    X = np.asfortranarray(rng.standard_normal((args.rows, args.cols)) * 3.0 + 10.0)
    coef = rng.standard_normal(args.cols)
    y = X @ coef + 1.5 + rng.standard_normal(args.rows)

    sk_best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        model = Ridge(alpha=args.alpha).fit(X, y)
        sk_best = min(sk_best, time.perf_counter() - start)
    sk_r2 = model.score(X, y)

    driver = os.path.join(args.build_dir, "bench", "bench_ridge")
    with tempfile.TemporaryDirectory() as tmp:
        x_path, y_path = os.path.join(tmp, "X.f64"), os.path.join(tmp, "y.f64")
        X.ravel(order="F").tofile(x_path)
        y.tofile(y_path)
        del X
        results = {}
        for solver in args.solvers.split(","):
            out = subprocess.run([driver, x_path, y_path, str(args.rows), str(args.cols), solver,
                                  repr(args.alpha), str(args.repeat)],
                                 check=True, capture_output=True, text=True)
            results[solver] = json.loads(out.stdout)

    print(f"Ridge(alpha={args.alpha:g}) fit on {args.rows} x {args.cols}")
    print(f"  scikit-learn {sk_best:8.3f} s   R2 {sk_r2:.12f}")
    for solver, r in results.items():
        iters = f"   {r['n_iter']} iterations" if r["n_iter"] else ""
        print(f"  fitkit {solver:5s} {r['fit_seconds']:8.3f} s   R2 {r['r2']:.12f}   "
              f"ratio {r['fit_seconds'] / sk_best:.3f}   peak memory {r['peak_mb']:.0f} MB = "
              f"{r['peak_mb'] / r['x_mb']:.2f} x X ({r['threads']} threads){iters}")
        if abs(r["r2"] - sk_r2) > 1e-6 * abs(sk_r2):
            print(f"  WARNING: R2 differs from scikit-learn's by {abs(r['r2'] - sk_r2):.3g}")
    if "auto" in results:
        print(f"  intercept: scikit-learn {model.intercept_:.12f}, "
              f"fitkit {results['auto']['intercept']:.12f}")


if __name__ == "__main__":
    main()
