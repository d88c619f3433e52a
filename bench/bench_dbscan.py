#!/usr/bin/python3
"""DBSCAN: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_dbscan.py [--rows 200000] [--eps 0.5] [--min-samples 40]

The data (seeded): make_blobs with 8 centres (cluster_std 1, centre box (-10, 10)) in 3
features for 90% of the rows, and uniform noise over (-12, 12)^3 for the other 10%, shuffled.
Each side runs in its own process on the same raw float64 file, so that each one's peak
resident memory (the whole process, interpreter and libraries included, as a user's machine
must hold it) is measured apart: scikit-learn's from getrusage in its child, fitkit's from
VmHWM in the bench/bench_dbscan driver. Prints fit times, their ratio, peak memory and its
ratio, and checks that the labels are identical, label for label.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

import benchlib

SKLEARN_CHILD = r"""
import json, resource, sys, time
import numpy as np
from sklearn.cluster import DBSCAN
x_path, rows, cols, eps, min_samples, labels_out = sys.argv[1:7]
X = np.fromfile(x_path).reshape(int(cols), int(rows)).T
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
start = time.perf_counter()
model = DBSCAN(eps=float(eps), min_samples=int(min_samples)).fit(X)
seconds = time.perf_counter() - start
model.labels_.astype(np.int64).tofile(labels_out)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
print(json.dumps({"fit_seconds": seconds, "peak_mb": peak, "before_mb": before}))
"""


def make_data(rows, seed=0):
    from sklearn.datasets import make_blobs
    rng = np.random.RandomState(seed)
    n_blobs = rows - rows // 10
    X, _ = make_blobs(n_samples=n_blobs, n_features=3, centers=8, cluster_std=1.0,
                      center_box=(-10, 10), random_state=seed)
    noise = rng.uniform(-12, 12, size=(rows - n_blobs, 3))
    return np.vstack([X, noise])[rng.permutation(rows)]


def main():
    parser = benchlib.make_parser(__doc__, rows=200_000, cols=3)
    parser.add_argument("--eps", type=float, default=0.5)
    parser.add_argument("--min-samples", type=int, default=40)
    parser.add_argument("--algorithm", default="auto")
    parser.add_argument("--repeat", type=int, default=1, help="fitkit fits (best time)")
    args = benchlib.parse_args(parser)
    if args.cols != 3:
        sys.exit("the data are 3 features")

    X = make_data(args.rows)
    driver = benchlib.driver_path(args.build_dir, "bench_dbscan")
    with tempfile.TemporaryDirectory() as tmp:
        x_path = os.path.join(tmp, "X.f64")
        X.ravel(order="F").tofile(x_path)
        del X
        sk_labels, fk_labels = os.path.join(tmp, "sk.i64"), os.path.join(tmp, "fk.i64")
        common = [x_path, args.rows, args.cols]
        out = subprocess.run([sys.executable, "-c", SKLEARN_CHILD, *map(str, common),
                              repr(args.eps), str(args.min_samples), sk_labels], check=True,
                             capture_output=True, text=True)
        sk = json.loads(out.stdout)
        fk = benchlib.run_driver(driver, *common, repr(args.eps), args.min_samples,
                                 args.algorithm, fk_labels, args.repeat)
        same = np.array_equal(np.fromfile(sk_labels, dtype=np.int64),
                              np.fromfile(fk_labels, dtype=np.int64))

    print(f"DBSCAN(eps={args.eps:g}, min_samples={args.min_samples}) on {args.rows} x 3 "
          f"(8 blobs + 10% uniform noise): {fk['clusters']} clusters, {fk['core']} core "
          f"samples, {fk['noise']} noise")
    print(f"  scikit-learn {sk['fit_seconds']:8.3f} s   peak memory {sk['peak_mb']:7.1f} MB "
          f"(before fit {sk['before_mb']:.1f} MB)")
    print(f"  fitkit       {fk['fit_seconds']:8.3f} s   peak memory {fk['peak_mb']:7.1f} MB "
          f"(before fit {fk['before_mb']:.1f} MB), {fk['threads']} threads, "
          f"algorithm {args.algorithm}")
    print(f"  ratio: time {fk['fit_seconds'] / sk['fit_seconds']:.3f}   "
          f"peak memory {fk['peak_mb'] / sk['peak_mb']:.3f}")
    print(f"  labels identical to scikit-learn's: {'yes' if same else 'NO'}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
