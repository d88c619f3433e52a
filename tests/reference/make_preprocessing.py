#!/usr/bin/python3
"""Reference fixtures for tests/test_preprocessing.cpp: scikit-learn's StandardScaler,
MinMaxScaler, MaxAbsScaler, RobustScaler, Normalizer, SimpleImputer and PCA.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_preprocessing.py
Writes tests/reference/preprocessing/<case>/*.csv, numbers printed with 17 significant digits:
  transform.csv (every 9th row of the fitted data, transformed), shifted.csv (the same rows of
  1.5 X + 1 transformed: values beyond the training range, for clip), and the fitted attributes under scikit-learn's names
  without the underscore (mean, var, scale, n_samples_seen, data_min, data_max, max_abs,
  center, statistics: NaN for a column SimpleImputer drops; PCA's components,
  explained_variance, explained_variance_ratio, singular_values, mean, noise_variance and
  inverse.csv, the inverse transform of transform.csv's first 20 rows).

Data: iris, wine and diabetes without their targets (all rows), and generated/X.csv: 300 rows
of 5 features (normal, scales 1 to 1000, a constant column, 10% of the values NaN).
"""
import numpy as np
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import (MaxAbsScaler, MinMaxScaler, Normalizer, RobustScaler,
                                   StandardScaler)

from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("preprocessing")
write = fixture_writer(OUT)


def bundled(name, target):
    return pd.read_csv(f"{ROOT}/datasets/{name}.csv").drop(columns=target).to_numpy(dtype=float)


def generated():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(300, 5)) * np.array([1.0, 10.0, 1000.0, 0.01, 1.0]) + 5.0
    X[:, 4] = 2.5  # constant
    X[rng.rand(300, 5) < 0.1] = np.nan
    write("generated", "X", X)
    return X


ATTRIBUTES = {
    StandardScaler: ["mean_", "var_", "scale_", "n_samples_seen_"],
    MinMaxScaler: ["data_min_", "data_max_", "scale_"],
    MaxAbsScaler: ["max_abs_", "scale_"],
    RobustScaler: ["center_", "scale_"],
    Normalizer: [],
    SimpleImputer: ["statistics_"],
}


def case(name, Scaler, X, sample_weight=None, **params):
    scaler = Scaler(**params).fit(X, sample_weight=sample_weight) if sample_weight is not None \
        else Scaler(**params).fit(X)
    write(name, "transform", scaler.transform(X)[::9])
    write(name, "shifted", scaler.transform(1.5 * X + 1.0)[::9])
    for attribute in ATTRIBUTES[Scaler]:
        value = getattr(scaler, attribute)
        if value is None:
            continue
        value = np.broadcast_to(np.asarray(value, dtype=float), (X.shape[1],))
        write(name, attribute.rstrip("_"), value)


def pca_case(name, X, svd_solver="full", **params):
    pca = PCA(svd_solver=svd_solver, **params).fit(X)
    Z = pca.transform(X)[::9]
    write(name, "transform", Z)
    write(name, "shifted", pca.transform(1.5 * X + 1.0)[::9])
    write(name, "inverse", pca.inverse_transform(Z[:20]))
    for attribute in ("components_", "explained_variance_", "explained_variance_ratio_",
                      "singular_values_", "mean_"):
        write(name, attribute.rstrip("_"), getattr(pca, attribute))
    write(name, "noise_variance", [pca.noise_variance_])


def main():
    sets = {"iris": bundled("iris", "species"), "wine": bundled("wine", "cultivar"),
            "diabetes": bundled("diabetes", "progression"), "generated": generated()}
    for data, X in sets.items():
        weights = 1.0 + (np.arange(len(X)) % 4)
        weights[::7] = 0.0
        case(f"standard_{data}", StandardScaler, X)
        case(f"standard_{data}_no_mean", StandardScaler, X, with_mean=False)
        case(f"standard_{data}_weighted", StandardScaler, X, sample_weight=weights)
        case(f"minmax_{data}", MinMaxScaler, X)
        case(f"minmax_{data}_range_clip", MinMaxScaler, X, feature_range=(-1.0, 3.0), clip=True)
        case(f"maxabs_{data}", MaxAbsScaler, X)
        case(f"robust_{data}", RobustScaler, X)
        case(f"robust_{data}_q10_90_unit", RobustScaler, X, quantile_range=(10.0, 90.0),
             unit_variance=True)
        case(f"robust_{data}_no_centering", RobustScaler, X, with_centering=False)
        finite = np.nan_to_num(X)  # Normalizer takes no NaN
        for norm in ("l1", "l2", "max"):
            case(f"normalizer_{data}_{norm}", Normalizer, finite, norm=norm)
    for data in ("iris", "wine", "diabetes"):
        X = sets[data]
        pca_case(f"pca_{data}", X)
        pca_case(f"pca_{data}_2", X, n_components=2)
        pca_case(f"pca_{data}_95", X, n_components=0.95)
        pca_case(f"pca_{data}_3_whiten", X, n_components=3, whiten=True)
        pca_case(f"pca_{data}_randomized_2", X, "randomized", n_components=2, random_state=0)
        pca_case(f"pca_{data}_randomized_3_qr", X, "randomized", n_components=3,
                 iterated_power=3, power_iteration_normalizer="QR", random_state=7)
        pca_case(f"pca_{data}_randomized_3_none_whiten", X, "randomized", n_components=3,
                 iterated_power=1, n_oversamples=2, whiten=True, random_state=3)
    # digits (64 columns): with few vectors and power iterations, fitkit's randomized_svd
    # multiplies by X itself; with more, by X'X (test_preprocessing.cpp lists which is which).
    digits = bundled("digits", "digit")
    for normalizer in ("LU", "QR", "none"):
        pca_case(f"pca_digits_randomized_2_{normalizer.lower()}", digits, "randomized",
                 n_components=2, iterated_power=2, n_oversamples=2,
                 power_iteration_normalizer=normalizer, random_state=4)
    pca_case("pca_digits_randomized_10", digits, "randomized", n_components=10, random_state=5)
    # Wider than tall: scikit-learn's randomized_svd works on the transpose.
    wide = sets["diabetes"][:8]
    pca_case("pca_wide_randomized", wide, "randomized", n_components=3, random_state=1)
    # SimpleImputer on the generated set, with a column of NaN only and ties for the mode.
    X = sets["generated"].copy()
    X[:, 1] = np.round(X[:, 1] / 10)  # a few repeated values: most_frequent has ties
    X[:, 3] = np.nan
    write("imputer", "X", X)
    for strategy in ("mean", "median", "most_frequent"):
        case(f"imputer_{strategy}", SimpleImputer, X, strategy=strategy)
    case("imputer_constant", SimpleImputer, X, strategy="constant", fill_value=-7.5)
    case("imputer_median_keep_empty", SimpleImputer, X, strategy="median",
         keep_empty_features=True)


if __name__ == "__main__":
    main()
