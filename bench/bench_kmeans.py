#!/usr/bin/python3
"""KMeans: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_kmeans.py [--rows 1000000] [--cols 20] [--k 16] [--max-iter 50]

Generates overlapping blobs with numpy (seeded: 16 centres drawn with a deviation of 1, samples
around them with a deviation of 1, so that clusters overlap and the labels keep changing), picks the initial centres with
scikit-learn's kmeans_plusplus once, and fits scikit-learn's KMeans and fitkit's (the
bench/bench_kmeans driver, lloyd and elkan) from those same centres with tol = 0, so that both
run max_iter iterations (n_init 1) unless the labels stop changing first. Prints fit times (wall
and CPU of all threads), the ratios fitkit / scikit-learn, and the inertia of both (equal to
rounding: the same iterations from the same start).
"""
import time

import numpy as np
from sklearn.cluster import KMeans, kmeans_plusplus

import benchlib


def blobs(rows, cols, k, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((k, cols))
    X = centres[rng.integers(0, k, rows)] + rng.standard_normal((rows, cols))
    return np.ascontiguousarray(X)


def main():
    parser = benchlib.make_parser(__doc__, rows=1_000_000, cols=20)
    parser.add_argument("--k", type=int, default=16)
    parser.add_argument("--max-iter", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--algorithms", default="lloyd,elkan")
    args = benchlib.parse_args(parser)

    X = blobs(args.rows, args.cols, args.k)
    init, _ = kmeans_plusplus(X, args.k, random_state=0)
    driver = benchlib.driver_path(args.build_dir, "bench_kmeans")
    sk, fk = {}, {}
    with benchlib.raw_files(X, init.ravel(order="F")) as (x_path, init_path):
        for algorithm in args.algorithms.split(","):
            cpu = time.process_time()
            sk[algorithm] = benchlib.best_of(args.repeat, lambda: KMeans(
                n_clusters=args.k, init=init, n_init=1, max_iter=args.max_iter, tol=0.0,
                algorithm=algorithm).fit(X)) + ((time.process_time() - cpu) / args.repeat,)
            fk[algorithm] = benchlib.run_driver(driver, x_path, init_path, args.rows, args.cols,
                                                args.k, algorithm, args.max_iter, 0, args.repeat)

    print(f"KMeans(n_clusters={args.k}, max_iter={args.max_iter}, tol=0, n_init=1) on "
          f"{args.rows} x {args.cols}, the same given start")
    for algorithm in sk:
        sk_time, model, sk_cpu = sk[algorithm]
        r = fk[algorithm]
        print(f"  {algorithm:5s} scikit-learn {sk_time:7.3f} s ({model.n_iter_} iterations, "
              f"inertia {model.inertia_:.10g})   fitkit {r['fit_seconds']:7.3f} s "
              f"({r['n_iter']} iterations, inertia {r['inertia']:.10g})   "
              f"ratio {r['fit_seconds'] / sk_time:.3f} ({r['threads']} threads); CPU "
              f"{sk_cpu:.3f} s vs {r['cpu_seconds']:.3f} s, ratio {r['cpu_seconds'] / sk_cpu:.3f}")
        if abs(r["inertia"] - model.inertia_) > 1e-6 * model.inertia_:
            print(f"  WARNING: inertia differs from scikit-learn's by "
                  f"{abs(r['inertia'] - model.inertia_) / model.inertia_:.3g} (relative)")


if __name__ == "__main__":
    main()
