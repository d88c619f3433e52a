#!/usr/bin/python3
"""GaussianMixture: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_gaussian_mixture.py [--rows 100000] [--cols 10] [--k 8]
        [--max-iter 50] [--covariance-type full] [--repeat 3]

Generates k overlapping Gaussian blobs with numpy (seeded; random covariances), picks the same
initial parameters for both libraries (means at k random rows, equal weights, identity
precisions), and fits scikit-learn's GaussianMixture and fitkit's (bench/bench_gaussian_mixture
driver) with tol 0, so that exactly max_iter EM iterations run. Prints the fit times, the ratio
fitkit / scikit-learn and both lower bounds (equal quality: they must agree to 1e-6).
scikit-learn's time includes the k-means it runs before using the given parameters (its
_initialize_parameters always does); fitkit skips it when all three are given.
"""
import os
import tempfile
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

import benchlib


def make_blobs(rows, cols, k, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((k, cols)) * 2.5
    label = rng.integers(0, k, rows)
    mixing = rng.standard_normal((k, cols, cols)) / np.sqrt(cols) + np.eye(cols)
    noise = rng.standard_normal((rows, cols))
    X = centres[label] + np.einsum("ni,nij->nj", noise, mixing[label])
    return np.asfortranarray(X), rng


def main():
    parser = benchlib.make_parser(__doc__, rows=100_000, cols=10)
    parser.add_argument("--k", type=int, default=8)
    parser.add_argument("--max-iter", type=int, default=50)
    parser.add_argument("--covariance-type", default="full")
    parser.add_argument("--repeat", type=int, default=3)
    args = benchlib.parse_args(parser)

    X, rng = make_blobs(args.rows, args.cols, args.k)
    means = X[rng.choice(args.rows, args.k, replace=False)]
    weights = np.full(args.k, 1.0 / args.k)
    precisions = {
        "full": np.array([np.eye(args.cols)] * args.k),
        "tied": np.eye(args.cols),
        "diag": np.ones((args.k, args.cols)),
        "spherical": np.ones(args.k),
    }[args.covariance_type]

    def sk_fit():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            return GaussianMixture(args.k, covariance_type=args.covariance_type, tol=0.0,
                                   max_iter=args.max_iter, weights_init=weights,
                                   means_init=means, precisions_init=precisions).fit(X)

    sk_best, model = benchlib.best_of(args.repeat, sk_fit)
    driver = benchlib.driver_path(args.build_dir, "bench_gaussian_mixture")
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, name) for name in ("X.f64", "means.f64", "prec.f64")]
        X.ravel(order="F").tofile(paths[0])
        np.ascontiguousarray(means).ravel().tofile(paths[1])
        np.ascontiguousarray(precisions).ravel().tofile(paths[2])
        r = benchlib.run_driver(driver, *paths, args.rows, args.cols, args.k,
                                args.covariance_type, args.max_iter, args.repeat)

    print(f"GaussianMixture({args.covariance_type}, k={args.k}, {args.max_iter} iterations, "
          f"tol 0) on {args.rows} x {args.cols}")
    print(f"  scikit-learn {sk_best:8.3f} s   lower bound {model.lower_bound_:.12f}   "
          f"n_iter {model.n_iter_}")
    print(f"  fitkit       {r['fit_seconds']:8.3f} s   lower bound {r['lower_bound']:.12f}   "
          f"n_iter {r['n_iter']}   ratio {r['fit_seconds'] / sk_best:.3f} "
          f"({r['threads']} threads)")
    if abs(r["lower_bound"] - model.lower_bound_) > 1e-6:
        print(f"  WARNING: lower bounds differ by {abs(r['lower_bound'] - model.lower_bound_):.3g}")


if __name__ == "__main__":
    main()
