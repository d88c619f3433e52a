#!/usr/bin/python3
"""TruncatedSVD: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_truncated_svd.py [--rows 200000] [--cols 200] [--components 20]
                                                  [--algorithm randomized|arpack] [--repeat 1]

Generates --rows x --cols data of low rank plus noise and an offset (30 latent factors, seeded;
not centred, as TruncatedSVD's data usually are not), fits
TruncatedSVD(n_components=--components, algorithm=--algorithm, random_state=0) in both, and
prints the fit times, the ratio fitkit / scikit-learn (issue 12's target: at most 0.5) and the
largest difference of the explained variance ratios (randomized: the same computation for the
same seed; arpack: fitkit's exact SVD against ARPACK's).
"""
import numpy as np
from sklearn.decomposition import TruncatedSVD

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=200_000, cols=200)
    parser.add_argument("--components", type=int, default=20)
    parser.add_argument("--algorithm", choices=["randomized", "arpack"], default="randomized")
    parser.add_argument("--repeat", type=int, default=1)
    args = benchlib.parse_args(parser)

    rng = np.random.default_rng(0)
    latent = rng.standard_normal((args.rows, 30))
    X = latent @ rng.standard_normal((30, args.cols)) + 0.5 * rng.standard_normal(
        (args.rows, args.cols)) + 1.0
    X = np.asfortranarray(X)

    sk_fit, model = benchlib.best_of(
        args.repeat, lambda: TruncatedSVD(n_components=args.components, algorithm=args.algorithm,
                                          random_state=0).fit(X))

    driver = benchlib.driver_path(args.build_dir, "bench_truncated_svd")
    with benchlib.raw_files(X, np.zeros(1)) as (x_path, _):
        r = benchlib.run_driver(driver, x_path, args.rows, args.cols, args.components,
                                args.repeat, args.algorithm)
    ratio = np.array(r["explained_variance_ratio"])
    print(f"TruncatedSVD(n_components={args.components}, algorithm='{args.algorithm}') on "
          f"{args.rows} x {args.cols} (30 latent factors + noise + 1)")
    print(f"  scikit-learn fit {sk_fit:8.3f} s")
    print(f"  fitkit       fit {r['fit_seconds']:8.3f} s  ({r['threads']} threads)")
    print(f"  ratio fitkit / scikit-learn: fit {r['fit_seconds'] / sk_fit:.3f}")
    print(f"  largest explained variance ratio difference "
          f"{np.abs(ratio - model.explained_variance_ratio_).max():.3g}")


if __name__ == "__main__":
    main()
