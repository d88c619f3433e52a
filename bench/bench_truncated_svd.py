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
from sklearn.decomposition import TruncatedSVD

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=200_000, cols=200)
    parser.add_argument("--components", type=int, default=20)
    parser.add_argument("--algorithm", choices=["randomized", "arpack"], default="randomized")
    parser.add_argument("--repeat", type=int, default=1)
    args = benchlib.parse_args(parser)

    X = benchlib.make_low_rank(args.rows, args.cols, offset=1.0)

    sk_fit, model = benchlib.best_of(
        args.repeat, lambda: TruncatedSVD(n_components=args.components, algorithm=args.algorithm,
                                          random_state=0).fit(X))

    benchlib.report_decomposition(
        f"TruncatedSVD(n_components={args.components}, algorithm='{args.algorithm}') on "
        f"{args.rows} x {args.cols} (30 latent factors + noise + 1)", sk_fit, model,
        benchlib.driver_path(args.build_dir, "bench_truncated_svd"), X, args.rows, args.cols,
        args.components, args.repeat, args.algorithm)


if __name__ == "__main__":
    main()
