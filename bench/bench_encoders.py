#!/usr/bin/python3
"""OneHotEncoder, OrdinalEncoder and KBinsDiscretizer: fitkit against scikit-learn on the same
generated data, in one run.

    /usr/bin/python3 bench/bench_encoders.py [--rows 200000] [--cols 20] [--categories 30]

X: integer values 0 .. categories-1 (seeded) for the encoders, and normal values for
KBinsDiscretizer (5 bins, ordinal, uniform / quantile / kmeans). Prints the best of --repeat
fit_transform times of scikit-learn (sparse_output=False) and fitkit (bench/bench_encoders
driver), the ratio fitkit / scikit-learn, and both outputs' sums, which must agree.
"""
import warnings

import numpy as np
from sklearn.preprocessing import KBinsDiscretizer, OneHotEncoder, OrdinalEncoder

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=200_000, cols=20)
    parser.add_argument("--categories", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = benchlib.parse_args(parser)
    rng = np.random.RandomState(0)
    codes = rng.randint(0, args.categories, size=(args.rows, args.cols)).astype(float)
    normal = rng.normal(size=(args.rows, args.cols))
    cases = [("onehot", codes, OneHotEncoder(sparse_output=False)),
             ("ordinal", codes, OrdinalEncoder())]
    cases += [(f"kbins-{s}", normal, KBinsDiscretizer(n_bins=5, encode="ordinal", strategy=s))
              for s in ("uniform", "quantile", "kmeans")]
    driver = benchlib.driver_path(args.build_dir, "bench_encoders")
    print(f"fit_transform on {args.rows} x {args.cols}")
    for name, X, model in cases:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seconds, Z = benchlib.best_of(args.repeat, lambda: model.fit_transform(X))
        with benchlib.raw_files(X, np.zeros(args.rows)) as (x_path, _):
            r = benchlib.run_driver(driver, x_path, args.rows, args.cols, name, args.repeat)
        print(f"  {name:16s} scikit-learn {seconds:8.3f} s   fitkit {r['seconds']:8.3f} s   "
              f"ratio {r['seconds'] / seconds:.3f}   sums {Z.sum():.12g} / {r['sum']:.12g}")


if __name__ == "__main__":
    main()
