#!/usr/bin/python3
"""PCA (full or randomized SVD): fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_pca.py [--rows 200000] [--cols 200] [--components 20]
                                        [--solver full|randomized] [--repeat 1]

Generates --rows x --cols data of low rank plus noise (30 latent factors, seeded), fits
PCA(n_components=--components, svd_solver=--solver, random_state=0) in both, and prints the fit times, the ratio
fitkit / scikit-learn (the issue's target: at most 0.5) and the largest difference of the
explained variance ratios and of the components (equal quality: both are the same SVD).
"""
from sklearn.decomposition import PCA

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=200_000, cols=200)
    parser.add_argument("--components", type=int, default=20)
    parser.add_argument("--solver", choices=["full", "randomized"], default="full")
    parser.add_argument("--repeat", type=int, default=1)
    args = benchlib.parse_args(parser)

    X = benchlib.make_low_rank(args.rows, args.cols)

    sk_fit, model = benchlib.best_of(
        args.repeat, lambda: PCA(n_components=args.components, svd_solver=args.solver,
                                      random_state=0).fit(X))

    benchlib.report_decomposition(
        f"PCA(n_components={args.components}, svd_solver='{args.solver}') on "
        f"{args.rows} x {args.cols} (30 latent factors + noise)", sk_fit, model,
        benchlib.driver_path(args.build_dir, "bench_pca"), X, args.rows, args.cols,
        args.components, args.repeat, args.solver)


if __name__ == "__main__":
    main()
