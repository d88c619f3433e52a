#!/usr/bin/python3
"""MiniBatchKMeans: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_minibatch_kmeans.py [--rows 1000000] [--cols 20] [--k 16]
        [--batch-size 1024] [--max-iter 100] [--seeds 10]

The data are bench_kmeans.py's (overlapping blobs, seeded), and both start from the same
centres, picked once with scikit-learn's kmeans_plusplus (n_init 1). Both run their defaults
otherwise: batches of 1024 drawn with replacement, early stopping after 10 batches without a
better smoothed inertia, max_iter 100 passes at most, and the labels and inertia of the whole
data computed at the end (compute_labels). The two draw their batches from different random
generators, so their runs differ (from this start most runs of either end near one local
minimum, a few of either in a better one): each is fitted once per seed 0 .. seeds-1, and the
script prints the median fit time (wall, and CPU of all threads), the ratio fitkit /
scikit-learn, and the mean inertia of each. Equal quality: the mean inertias agree within
INERTIA_TOLERANCE (relative), else the script says so and exits 1.
"""
import statistics
import sys
import time

import numpy as np
from sklearn.cluster import MiniBatchKMeans, kmeans_plusplus

import benchlib
from bench_kmeans import blobs

INERTIA_TOLERANCE = 0.01


def main():
    parser = benchlib.make_parser(__doc__, rows=1_000_000, cols=20)
    parser.add_argument("--k", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=1024)
    parser.add_argument("--max-iter", type=int, default=100)
    parser.add_argument("--seeds", type=int, default=10)
    args = benchlib.parse_args(parser)

    X = blobs(args.rows, args.cols, args.k)
    init, _ = kmeans_plusplus(X, args.k, random_state=0)
    driver = benchlib.driver_path(args.build_dir, "bench_minibatch_kmeans")
    sk, fk = [], []
    with benchlib.raw_files(X, init.ravel(order="F")) as (x_path, init_path):
        for seed in range(args.seeds):
            cpu = time.process_time()
            seconds, model = benchlib.best_of(1, lambda: MiniBatchKMeans(
                n_clusters=args.k, init=init, n_init=1, batch_size=args.batch_size,
                max_iter=args.max_iter, random_state=seed).fit(X))
            sk.append({"fit_seconds": seconds, "cpu_seconds": time.process_time() - cpu,
                       "inertia": model.inertia_, "n_steps": model.n_steps_,
                       "n_iter": model.n_iter_})
            fk.append(benchlib.run_driver(driver, x_path, init_path, args.rows, args.cols, args.k,
                                          args.batch_size, args.max_iter, seed, 1))

    def summary(runs):
        return {key: statistics.median(r[key] for r in runs)
                for key in ("fit_seconds", "cpu_seconds", "n_steps")} | {
                    "inertia": statistics.mean(r["inertia"] for r in runs)}

    s, f = summary(sk), summary(fk)
    print(f"MiniBatchKMeans(n_clusters={args.k}, batch_size={args.batch_size}, "
          f"max_iter={args.max_iter}, n_init=1) on {args.rows} x {args.cols}, the same given "
          f"start, seeds 0..{args.seeds - 1} (medians; mean inertia)")
    print(f"  scikit-learn {s['fit_seconds']:7.3f} s (CPU {s['cpu_seconds']:.3f} s, "
          f"{s['n_steps']:.0f} batches, inertia {s['inertia']:.10g})")
    print(f"  fitkit       {f['fit_seconds']:7.3f} s (CPU {f['cpu_seconds']:.3f} s, "
          f"{f['n_steps']:.0f} batches, inertia {f['inertia']:.10g}, {fk[0]['threads']} threads)")
    print(f"  ratio {f['fit_seconds'] / s['fit_seconds']:.3f}; CPU ratio "
          f"{f['cpu_seconds'] / s['cpu_seconds']:.3f}")
    for name, runs in (("scikit-learn", sk), ("fitkit", fk)):
        print(f"  {name} per seed: " + ", ".join(
            f"{r['fit_seconds']:.3f} s / {r['n_steps']} batches / {r['inertia']:.8g}"
            for r in runs))
    difference = (f["inertia"] - s["inertia"]) / s["inertia"]
    print(f"  mean inertia: fitkit / scikit-learn - 1 = {difference:+.2e} "
          f"(tolerance {INERTIA_TOLERANCE:g})")
    if abs(difference) > INERTIA_TOLERANCE:
        print("  WARNING: the inertias differ by more than the tolerance")
        sys.exit(1)


if __name__ == "__main__":
    main()
