"""Fixtures for TruncatedSVD (tests/test_truncated_svd.cpp), from scikit-learn 1.2's
TruncatedSVD.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_truncated_svd.py
Writes tests/reference/truncated_svd/<case>/*.csv, numbers printed with 17 significant digits:
the fitted components, explained_variance, explained_variance_ratio and singular_values;
fit_transform.csv (every 9th row of fit_transform(X)), transform.csv (every 9th row of X
transformed), shifted.csv (the same rows of 1.5 X + 1 transformed) and inverse.csv (the
inverse transform of transform.csv's first 20 rows).

Data: iris, wine, diabetes and digits without their targets (all rows); wide: diabetes's first 8 rows
(randomized_svd works on the transpose); short: its first 3 rows with 5 components asked for
(scikit-learn keeps 3).

power_iteration_normalizer='QR': scikit-learn 1.2's TruncatedSVD refuses it by a typo in its
parameter check ('OR', fixed in 1.3), though its randomized_svd takes it; the check is mended
here so that the QR case runs TruncatedSVD's own code.
"""
import numpy as np
import pandas as pd
from sklearn.decomposition import TruncatedSVD
from sklearn.utils._param_validation import StrOptions

from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("truncated_svd")
write = fixture_writer(OUT)

TruncatedSVD._parameter_constraints["power_iteration_normalizer"] = [
    StrOptions({"auto", "QR", "LU", "none"})]


def bundled(name, target):
    return pd.read_csv(f"{ROOT}/datasets/{name}.csv").drop(columns=target).to_numpy(dtype=float)


def svd_case(name, X, **params):
    svd = TruncatedSVD(**params)
    Z_fit = svd.fit_transform(X)
    write(name, "fit_transform", Z_fit[::9])
    Z = svd.transform(X[::9])
    write(name, "transform", Z)
    write(name, "shifted", svd.transform(1.5 * X[::9] + 1.0))
    write(name, "inverse", svd.inverse_transform(Z[:20]))
    for attribute in ("components_", "explained_variance_", "explained_variance_ratio_",
                      "singular_values_"):
        write(name, attribute.rstrip("_"), getattr(svd, attribute))


def main():
    sets = {"iris": bundled("iris", "species"), "wine": bundled("wine", "cultivar"),
            "diabetes": bundled("diabetes", "progression")}
    for data, X in sets.items():
        svd_case(f"{data}", X, random_state=0)
        svd_case(f"{data}_3_none", X, n_components=3, n_iter=1, n_oversamples=4, random_state=7)
        svd_case(f"{data}_3_qr", X, n_components=3, n_iter=3, power_iteration_normalizer="QR",
                 random_state=1)
        svd_case(f"{data}_all", X, n_components=X.shape[1], random_state=2)
        svd_case(f"{data}_arpack_2", X, algorithm="arpack", random_state=0)
        svd_case(f"{data}_arpack_3", X, n_components=3, algorithm="arpack", random_state=0)
    # digits (64 columns): with few vectors and power iterations, fitkit's randomized_svd
    # multiplies by X itself; with more, by X'X (test_truncated_svd.cpp lists which is which).
    digits = bundled("digits", "digit")
    for normalizer in ("LU", "QR", "none"):
        svd_case(f"digits_2_{normalizer.lower()}", digits, n_components=2, n_iter=2,
                 n_oversamples=2, power_iteration_normalizer=normalizer, random_state=4)
    svd_case("digits", digits, random_state=5)
    wide = sets["diabetes"][:8]
    svd_case("wide", wide, n_components=3, random_state=1)
    svd_case("wide_arpack", wide, n_components=3, algorithm="arpack", random_state=0)
    svd_case("short", sets["diabetes"][:3], n_components=5, random_state=3)


if __name__ == "__main__":
    main()
