#!/usr/bin/python3
"""Reference fixtures for tests/test_polynomial_features.cpp and
tests/test_cli_polynomial_features.cpp.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_polynomial_features.py
Writes tests/reference/polynomial_features/<case>/{XP,powers}.csv and names.txt (the
feature names out, one per line), from scikit-learn's PolynomialFeatures on
  - diabetes_*: the first 12 rows of datasets/diabetes.csv without the target, as a DataFrame,
    so the names are made from the header (age, sex, ...);
  - random_*: a 7 x 4 standard normal matrix (random/X.csv), names x0, x1, ...
and pipeline/score.csv: the training R2 of PolynomialFeatures(2) then Ridge() on the whole of
diabetes.csv (target progression).
"""
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("polynomial_features")
write = fixture_writer(OUT)

# (case suffix, PolynomialFeatures arguments); min_degree is fitkit's name for the first of
# scikit-learn's degree=(min_degree, max_degree).
CASES = [
    ("d0", dict(degree=0)),
    ("d1", dict(degree=1)),
    ("d2", dict(degree=2)),
    ("d3", dict(degree=3)),
    ("d3_interaction", dict(degree=3, interaction_only=True)),
    ("d2_no_bias", dict(degree=2, include_bias=False)),
    ("d2_3", dict(degree=(2, 3))),
    ("d3_3_interaction_no_bias", dict(degree=(3, 3), interaction_only=True, include_bias=False)),
]
# Only on the 4-column matrix: interaction terms run out above degree 4.
RANDOM_ONLY = [
    ("d6_interaction", dict(degree=6, interaction_only=True)),
    ("d4_1", dict(degree=(1, 4), include_bias=False)),
]


def write_case(case, X, kwargs):
    poly = PolynomialFeatures(**kwargs).fit(X)
    XP = poly.transform(X)
    assert XP.shape[1] == poly.n_output_features_
    write(case, "XP", XP)
    write(case, "powers", poly.powers_)
    with open(os.path.join(OUT, case, "names.txt"), "w") as f:
        f.write("\n".join(poly.get_feature_names_out()) + "\n")


def main():
    diabetes = pd.read_csv(os.path.join(ROOT, "datasets", "diabetes.csv"))
    features = diabetes.drop(columns="progression")
    for name, kwargs in CASES:
        write_case("diabetes_" + name, features.iloc[:12], kwargs)

    rng = np.random.RandomState(0)
    X = rng.normal(size=(7, 4))
    write("random", "X", X)
    for name, kwargs in CASES + RANDOM_ONLY:
        write_case("random_" + name, X, kwargs)

    pipeline = make_pipeline(PolynomialFeatures(2), Ridge()).fit(features, diabetes["progression"])
    write("pipeline", "score", [pipeline.score(features, diabetes["progression"])])

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
