#!/usr/bin/python3
"""Reference fixtures for tests/test_linear_regression.cpp.

Run with Debian's python3 (python3-sklearn, numpy):  /usr/bin/python3 tests/reference/make_linear_regression.py
Writes tests/reference/linear_regression/<case>/{X,y,w,coef,intercept,singular,rank,pred,score}.csv,
each a plain CSV of numbers printed with 17 significant digits (exact round trip).

The reference is numpy's lstsq (rcond=None) on the centred, weighted problem, which is what
scikit-learn solves; every case asserts that scikit-learn agrees to 1e-9, except where X is
exactly rank-deficient: there scikit-learn (scipy's lstsq with cond=eps) keeps a singular
value of 1e-13 and returns coefficients of 3e8, while numpy's rule (rcond = eps * max(n, d))
gives the minimum-norm solution. fitkit follows numpy there.
"""
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LinearRegression
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("linear_regression")
write = fixture_writer(OUT)


def fit_case(case, X, y, w=None, fit_intercept=True, save_inputs=True, sklearn_agrees=True):
    model = LinearRegression(fit_intercept=fit_intercept).fit(X, y, sample_weight=w)
    if save_inputs:
        write(case, "X", X)
        write(case, "y", y)
        if w is not None:
            write(case, "w", w)
    # numpy's lstsq on the centred (weighted) problem must agree with scikit-learn.
    if fit_intercept:
        weights = np.ones(len(y)) if w is None else w
        x_mean = np.average(X, axis=0, weights=weights)
        y_mean = np.average(y, weights=weights)
    else:
        weights = np.ones(len(y)) if w is None else w
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
    root = np.sqrt(weights)
    coef_np, _, rank_np, sv_np = np.linalg.lstsq((X - x_mean) * root[:, None],
                                                 (y - y_mean) * root, rcond=None)
    scale = np.abs(coef_np).max()
    agrees = np.abs(coef_np - model.coef_).max() <= 1e-9 * scale and rank_np == model.rank_
    assert agrees == sklearn_agrees, case
    intercept = y_mean - x_mean @ coef_np if fit_intercept else 0.0
    pred = X @ coef_np + intercept
    if sklearn_agrees:
        assert np.allclose(pred, model.predict(X), rtol=1e-9, atol=1e-9 * np.abs(pred).max())
    write(case, "coef", coef_np)
    write(case, "intercept", [intercept])
    write(case, "singular", sv_np)
    write(case, "rank", [rank_np])
    write(case, "pred", pred)
    residual = np.sum(weights * (y - pred) ** 2)
    total = np.sum(weights * (y - np.average(y, weights=weights)) ** 2)
    write(case, "score", [1.0 - residual / total])


def main():
    rng = np.random.RandomState(0)
    diabetes = pd.read_csv(os.path.join(ROOT, "datasets", "diabetes.csv"))
    X = diabetes.drop(columns="progression").to_numpy(dtype=float)
    y = diabetes["progression"].to_numpy(dtype=float)
    # The diabetes inputs live in datasets/diabetes.csv: only the answers are stored.
    fit_case("diabetes", X, y, save_inputs=False)
    fit_case("diabetes_no_intercept", X, y, fit_intercept=False, save_inputs=False)
    w = 1.0 + (np.arange(len(y)) % 5)
    w[::7] = 0.0
    fit_case("diabetes_weighted", X, y, w=w, save_inputs=False)
    write("diabetes_weighted", "w", w)

    # Rank-deficient: a duplicated column and one that is a sum of two others.
    base = rng.normal(size=(60, 4)) * [1.0, 10.0, 0.1, 3.0] + [5.0, -2.0, 100.0, 0.0]
    Xr = np.column_stack([base, base[:, 1], base[:, 0] + base[:, 2]])
    yr = Xr @ np.array([1.0, 0.5, -2.0, 3.0, 0.25, -1.0]) + rng.normal(scale=0.1, size=60)
    fit_case("rank_deficient", Xr, yr, sklearn_agrees=False)

    # Fewer samples than features: the minimum-norm interpolating solution.
    Xw = rng.normal(size=(20, 50))
    yw = rng.normal(size=20)
    fit_case("wide", Xw, yw)
    fit_case("wide_no_intercept", Xw, yw, fit_intercept=False, save_inputs=False)

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
