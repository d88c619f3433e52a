#!/usr/bin/python3
"""Reference fixtures for tests/test_encoders.cpp and tests/test_cli_encoders.cpp:
scikit-learn 1.2's OneHotEncoder, OrdinalEncoder and KBinsDiscretizer.

Run with Debian's python3 (python3-sklearn, numpy, pandas):
    /usr/bin/python3 tests/reference/make_encoders.py
Writes tests/reference/encoders/<case>/*.csv, numbers printed with 17 significant digits:
  transform.csv (every 9th row of the fitted data transformed; all rows for the mixed set),
  unknown.csv (unknown.csv of the data transformed, where the case takes unknown categories),
  feature_names.txt (get_feature_names_out, one a line), categories.csv (every column's
  categories one after the other, NaN kept) with n_categories.csv, drop_idx.csv (-1: none),
  bin_edges.csv (every column's edges one after the other, a constant column's -inf, inf) with
  n_bins.csv, inverse.csv (inverse_transform of transform.csv).

Data: iris and wine without their targets (all rows); iris_unknown.csv: every 9th row of iris
with some values changed to ones iris does not have; constant/X.csv: wine's first 40 rows,
rounded, with a constant column; mixed.csv: 60 rows of text columns (colour, size; some cells
empty, read as missing) and numeric ones (count with NaN, price), and mixed_unknown.csv, rows
with a colour, a size and a count mixed.csv does not have.
"""
import os

import numpy as np
import pandas as pd
from sklearn.preprocessing import KBinsDiscretizer, OneHotEncoder, OrdinalEncoder

from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("encoders")
write = fixture_writer(OUT)


def bundled(name, target):
    return pd.read_csv(f"{ROOT}/datasets/{name}.csv").drop(columns=target).to_numpy(dtype=float)


def write_names(case, names):
    os.makedirs(os.path.join(OUT, case), exist_ok=True)
    with open(os.path.join(OUT, case, "feature_names.txt"), "w") as out:
        out.write("".join(f"{name}\n" for name in names))


def write_categories(case, encoder):
    cats = [np.asarray(c, dtype=object) for c in encoder.categories_]
    flat = [np.nan if (isinstance(v, float) and np.isnan(v)) else v for c in cats for v in c]
    if all(isinstance(v, (float, int, np.floating, np.integer)) for v in flat):
        write(case, "categories", np.array(flat, dtype=float))
    write(case, "n_categories", [len(c) for c in cats])


def encoder_case(case, Encoder, X, every=9, unknown=None, **params):
    encoder = Encoder(**params).fit(X)
    Z = encoder.transform(X)[::every]
    write(case, "transform", Z)
    if unknown is not None:
        write(case, "unknown", encoder.transform(unknown))
    write_names(case, encoder.get_feature_names_out())
    write_categories(case, encoder)
    if Encoder is OneHotEncoder:
        drop = encoder.drop_idx_
        write(case, "drop_idx", [-1] * X.shape[1] if drop is None else
              [-1 if d is None else d for d in drop])
    return encoder


def kbins_case(case, X, **params):
    kbins = KBinsDiscretizer(**params).fit(X)
    Z = kbins.transform(X)[::9]
    write(case, "transform", Z)
    write(case, "inverse", kbins.inverse_transform(Z))
    write(case, "bin_edges", np.concatenate(kbins.bin_edges_))
    write(case, "n_bins", kbins.n_bins_)
    write_names(case, kbins.get_feature_names_out())


def mixed_sets():
    rng = np.random.RandomState(3)
    n = 60
    colour = rng.choice(["red", "green", "blue", "yellow"], size=n).astype(object)
    colour[rng.rand(n) < 0.1] = np.nan
    size = rng.choice(["S", "M", "L", "XL"], size=n).astype(object)
    count = rng.randint(0, 5, size=n).astype(float)
    count[rng.rand(n) < 0.1] = np.nan
    price = rng.choice([0.5, 1.25, 2.0, 1e-05, 12.75], size=n)
    train = pd.DataFrame({"colour": colour, "size": size, "count": count, "price": price})
    unknown = pd.DataFrame({"colour": ["purple", "red", np.nan, "blue", "green", "red"],
                            "size": ["M", "XXL", "S", "L", "M", "S"],
                            "count": [1.0, 2.0, 7.0, np.nan, 0.0, 3.0],
                            "price": [0.5, 2.0, 1.25, 12.75, 1e-05, 0.5]})
    train.to_csv(os.path.join(OUT, "mixed.csv"), index=False)
    unknown.to_csv(os.path.join(OUT, "mixed_unknown.csv"), index=False)
    # Read back as a user's file is read.
    return (pd.read_csv(os.path.join(OUT, "mixed.csv")),
            pd.read_csv(os.path.join(OUT, "mixed_unknown.csv")))


def main():
    iris, wine = bundled("iris", "species"), bundled("wine", "cultivar")
    # Values iris does not have in some cells of every 9th row (one per row, a column each).
    iris_unknown = iris[::9].copy()
    for i in range(0, len(iris_unknown), 2):
        iris_unknown[i, i % 4] = 100.0 + i
    write("iris_unknown", "X", iris_unknown)
    encoder_case("onehot_iris", OneHotEncoder, iris, sparse_output=False)
    encoder_case("onehot_iris_ignore", OneHotEncoder, iris, unknown=iris_unknown,
                 sparse_output=False, handle_unknown="ignore")
    encoder_case("onehot_iris_first", OneHotEncoder, iris, sparse_output=False, drop="first")
    encoder_case("ordinal_iris", OrdinalEncoder, iris)
    encoder_case("ordinal_iris_unknown", OrdinalEncoder, iris, unknown=iris_unknown,
                 handle_unknown="use_encoded_value", unknown_value=-1)
    encoder_case("ordinal_wine", OrdinalEncoder, wine)
    # A constant column and a binary one (drop if_binary).
    constant = np.round(wine[:40], 0)
    constant[:, 2] = 7.0
    constant[:, 4] = (constant[:, 4] > 100).astype(float)
    write("constant", "X", constant)
    encoder_case("onehot_constant_if_binary", OneHotEncoder, constant, sparse_output=False,
                 drop="if_binary")
    encoder_case("onehot_constant_first", OneHotEncoder, constant, sparse_output=False,
                 drop="first")
    for data, X in (("iris", iris), ("wine", wine)):
        for strategy in ("uniform", "quantile", "kmeans"):
            kbins_case(f"kbins_{data}_{strategy}", X, n_bins=5, encode="ordinal",
                       strategy=strategy)
            kbins_case(f"kbins_{data}_{strategy}_3_onehot", X, n_bins=3, encode="onehot-dense",
                       strategy=strategy)
    kbins_case("kbins_wine_quantile_subsample", wine, n_bins=4, encode="ordinal",
               strategy="quantile", subsample=50, random_state=5)
    kbins_case("kbins_constant_quantile", constant, n_bins=6, encode="ordinal",
               strategy="quantile")
    kbins_case("kbins_constant_kmeans", constant, n_bins=4, encode="onehot-dense",
               strategy="kmeans")
    # Text and numeric columns with missing values.
    train, unknown = mixed_sets()
    encoder_case("onehot_mixed", OneHotEncoder, train, every=1, sparse_output=False)
    encoder_case("onehot_mixed_ignore_first", OneHotEncoder, train, every=1, unknown=unknown,
                 sparse_output=False, handle_unknown="ignore", drop="first")
    encoder_case("ordinal_mixed", OrdinalEncoder, train, every=1, unknown=unknown,
                 handle_unknown="use_encoded_value", unknown_value=-1)
    encoder_case("ordinal_mixed_missing", OrdinalEncoder, train, every=1,
                 encoded_missing_value=-2)


if __name__ == "__main__":
    main()
