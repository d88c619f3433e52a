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
Cases with explicit categories or infrequent ones also write params.txt (the fitkit parameters,
name=value a line, that mean the scikit-learn ones), infrequent.csv (every column's infrequent
categories one after the other) with n_infrequent.csv (0: None), and for OrdinalEncoder on
numbers inverse.csv.

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


def write_params(case, fitkit_params):
    os.makedirs(os.path.join(OUT, case), exist_ok=True)
    with open(os.path.join(OUT, case, "params.txt"), "w") as out:
        out.write("".join(f"{name}={value}\n" for name, value in fitkit_params.items()))


def write_infrequent(case, encoder):
    enabled = encoder.min_frequency is not None or encoder.max_categories is not None
    infrequent = encoder.infrequent_categories_ if enabled else [None] * len(encoder.categories_)
    flat = [v for c in infrequent if c is not None for v in c]
    if all(isinstance(v, (float, int, np.floating, np.integer)) for v in flat):
        write(case, "infrequent", np.array(flat, dtype=float))
    write(case, "n_infrequent", [0 if c is None else len(c) for c in infrequent])


def given_categories(X, given):
    """scikit-learn's categories: the lists of `given` (column: list), np.unique elsewhere."""
    columns = X.columns if hasattr(X, "columns") else range(X.shape[1])
    out = []
    for j, name in enumerate(columns):
        if j in given or name in given:
            out.append(given.get(j, given.get(name)))
        else:
            col = X[name] if hasattr(X, "columns") else X[:, j]
            out.append(list(np.unique(col)) if col.dtype != object else
                       sorted(set(col.dropna())) + ([np.nan] if col.isna().any() else []))
    return out


def encoder_case(case, Encoder, X, every=9, unknown=None, fitkit_params=None, **params):
    encoder = Encoder(**params).fit(X)
    Z = encoder.transform(X)[::every]
    write(case, "transform", Z)
    if fitkit_params is not None:
        write_params(case, fitkit_params)
        if Encoder is OneHotEncoder:
            write_infrequent(case, encoder)
        elif not hasattr(X, "columns"):
            write(case, "inverse", encoder.inverse_transform(Z))
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

    # Infrequent categories (min_frequency a count or a fraction, max_categories, their ties
    # broken by order) and explicit categories (values outside them at fit, values given that
    # fit does not see), on numbers and on texts.
    encoder_case("onehot_iris_min_frequency", OneHotEncoder, iris, unknown=iris_unknown,
                 fitkit_params={"min_frequency": 5, "handle_unknown": "infrequent_if_exist"},
                 sparse_output=False, min_frequency=5, handle_unknown="infrequent_if_exist")
    encoder_case("onehot_iris_fraction_max_first", OneHotEncoder, iris, unknown=iris_unknown,
                 fitkit_params={"min_frequency": 0.04, "max_categories": 5, "drop": "first",
                                "handle_unknown": "ignore"},
                 sparse_output=False, min_frequency=0.04, max_categories=5, drop="first",
                 handle_unknown="ignore")
    # wine's first three columns only: its categories are most of its values.
    encoder_case("onehot_wine_max_if_binary", OneHotEncoder, wine[:, :3],
                 fitkit_params={"max_categories": 2, "drop": "if_binary"},
                 sparse_output=False, max_categories=2, drop="if_binary")
    encoder_case("onehot_constant_max1_first", OneHotEncoder, constant,
                 fitkit_params={"max_categories": 1, "min_frequency": 3, "drop": "first"},
                 sparse_output=False, max_categories=1, min_frequency=3, drop="first")
    iris_given = {0: [4.4, 5.0, 5.5, 6.1, 7.0], 3: [0.0, 0.1, 0.2, 0.3, 1.3, 1.8, 2.5, 3.0]}
    iris_text = "0=4.4,5.0,5.5,6.1,7.0;3=0,0.1,0.2,0.3,1.3,1.8,2.5,3"
    encoder_case("onehot_iris_categories_ignore", OneHotEncoder, iris, unknown=iris_unknown,
                 fitkit_params={"categories": iris_text, "handle_unknown": "ignore"},
                 sparse_output=False, categories=given_categories(iris, iris_given),
                 handle_unknown="ignore")
    encoder_case("onehot_iris_categories_infrequent", OneHotEncoder, iris, unknown=iris_unknown,
                 fitkit_params={"categories": iris_text, "handle_unknown": "infrequent_if_exist",
                                "min_frequency": 3, "drop": "if_binary"},
                 sparse_output=False, categories=given_categories(iris, iris_given),
                 handle_unknown="infrequent_if_exist", min_frequency=3, drop="if_binary")
    encoder_case("ordinal_iris_categories", OrdinalEncoder, iris, unknown=iris_unknown,
                 fitkit_params={"categories": iris_text, "handle_unknown": "use_encoded_value",
                                "unknown_value": -1},
                 categories=given_categories(iris, iris_given),
                 handle_unknown="use_encoded_value", unknown_value=-1)
    mixed_given = {"colour": ["yellow", "red", "green", "blue", np.nan],
                   "size": ["XL", "L", "M", "S"],
                   "count": [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, np.nan]}
    mixed_text = "colour=yellow,red,green,blue,nan;size=XL,L,M,S;2=0,1,2,3,4,5,nan"
    encoder_case("onehot_mixed_categories", OneHotEncoder, train, every=1,
                 fitkit_params={"categories": mixed_text}, sparse_output=False,
                 categories=given_categories(train, mixed_given))
    encoder_case("ordinal_mixed_categories", OrdinalEncoder, train, every=1,
                 fitkit_params={"categories": mixed_text, "encoded_missing_value": -2},
                 categories=given_categories(train, mixed_given), encoded_missing_value=-2)
    encoder_case("onehot_mixed_infrequent", OneHotEncoder, train, every=1, unknown=unknown,
                 fitkit_params={"categories": "size=S,M,L", "min_frequency": 0.2,
                                "max_categories": 3, "handle_unknown": "infrequent_if_exist",
                                "drop": "if_binary"},
                 sparse_output=False, categories=given_categories(train, {"size": ["S", "M", "L"]}),
                 min_frequency=0.2, max_categories=3, handle_unknown="infrequent_if_exist",
                 drop="if_binary")


if __name__ == "__main__":
    main()
