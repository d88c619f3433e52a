#!/usr/bin/python3
"""PolynomialFeatures: fitkit against scikit-learn on the same generated data, in one run.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/bench_polynomial_features.py \
        [--rows 200000] [--cols 50] [--degree 2] [--interaction-only]

Generates X with numpy (seeded), times scikit-learn's PolynomialFeatures.fit_transform (its
default order="C", and order="F", which is what fitkit's column-major output is) and fitkit's
(bench/bench_polynomial_features driver), and prints the times, the ratio fitkit /
scikit-learn and checksums of both outputs (sum, sum of |x|, last row's sum), which must agree.
"""
import numpy as np
from sklearn.preprocessing import PolynomialFeatures

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=200_000, cols=50)
    parser.add_argument("--degree", type=int, default=2)
    parser.add_argument("--interaction-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = benchlib.parse_args(parser)

    X, y = benchlib.make_regression(args.rows, args.cols)
    times, checks = {}, None
    for order in ("C", "F"):
        poly = PolynomialFeatures(args.degree, interaction_only=args.interaction_only, order=order)
        XP = None
        best = float("inf")
        for _ in range(args.repeat):
            del XP  # each run allocates its output; free the last one first
            XP = None
            best = min(best, benchlib.best_of(1, lambda: poly.fit_transform(X))[0])
        XP = poly.fit_transform(X)
        times[order] = best
        checks = (XP.shape, XP.sum(), np.abs(XP).sum(), XP[-1].sum())
        del XP

    driver = benchlib.driver_path(args.build_dir, "bench_polynomial_features")
    with benchlib.raw_files(X, y) as (x_path, _):
        del X
        r = benchlib.run_driver(driver, x_path, args.rows, args.cols, args.degree,
                                "true" if args.interaction_only else "false", args.repeat)

    shape, total, total_abs, last = checks
    kind = ", interaction_only" if args.interaction_only else ""
    print(f"PolynomialFeatures(degree={args.degree}{kind}).fit_transform on {args.rows} x "
          f"{args.cols} -> {shape[0]} x {shape[1]}")
    print(f"  scikit-learn order=C {times['C']:8.3f} s")
    print(f"  scikit-learn order=F {times['F']:8.3f} s")
    print(f"  fitkit               {r['seconds']:8.3f} s   ratio {r['seconds'] / times['C']:.3f} "
          f"(vs order=F {r['seconds'] / times['F']:.3f}), {r['threads']} threads")
    print(f"  checksums: scikit-learn sum {total:.12g} |sum| {total_abs:.12g} last row {last:.12g}")
    print(f"             fitkit       sum {r['sum']:.12g} |sum| {r['sum_abs']:.12g} "
          f"last row {r['last_row_sum']:.12g}")
    if (r["n_rows"], r["n_cols"]) != shape or abs(r["sum_abs"] - total_abs) > 1e-9 * total_abs:
        print("  WARNING: the outputs differ")


if __name__ == "__main__":
    main()
