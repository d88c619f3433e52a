#!/usr/bin/python3
"""Reference fixtures for tests/test_ridge.cpp.

Run with Debian's python3 (python3-sklearn, numpy):  /usr/bin/python3 tests/reference/make_ridge.py
Writes tests/reference/ridge/<case>/{coef,intercept,pred,score}.csv (and X, y, w for the
generated problems), each a plain CSV of numbers printed with 17 significant digits.

The reference is numpy's lstsq (rcond=None) on the augmented problem
    min || [W^1/2 Xc; sqrt(alpha) I] b - [W^1/2 yc; 0] ||
which is the ridge problem scikit-learn solves, without forming X'X. Every case with alpha > 0
asserts that scikit-learn's Ridge agrees with it to 1e-9 relative with each of its solvers
auto, cholesky, svd and sparse_cg (tol 1e-14). With alpha = 0 the reference is the
minimum-norm least-squares solution (LinearRegression's answer); scikit-learn's cholesky
solver is then not always defined (a singular kernel matrix when n < d), so only its svd
solver is compared there, and not at all where the centred X is rank-deficient (scikit-learn
keeps singular values above 1e-15 and returns huge coefficients; fitkit follows numpy).
"""
import os
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import Ridge
from fixtures import ROOT, fixture_dir, fixture_writer, wide_ridge_problem

OUT = fixture_dir("ridge")
write = fixture_writer(OUT)


def reference(X, y, w, alpha, fit_intercept):
    weights = np.ones(len(y)) if w is None else w
    if fit_intercept:
        x_mean = np.average(X, axis=0, weights=weights)
        y_mean = np.average(y, weights=weights)
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
    root = np.sqrt(weights)
    A = (X - x_mean) * root[:, None]
    b = (y - y_mean) * root
    d = X.shape[1]
    if alpha > 0:
        A = np.vstack([A, np.sqrt(alpha) * np.eye(d)])
        b = np.concatenate([b, np.zeros(d)])
    coef = np.linalg.lstsq(A, b, rcond=None)[0]
    intercept = y_mean - x_mean @ coef if fit_intercept else 0.0
    return coef, intercept


def fit_case(case, X, y, alpha, w=None, fit_intercept=True, sklearn_agrees=True):
    coef, intercept = reference(X, y, w, alpha, fit_intercept)
    solvers = ("auto", "cholesky", "svd", "sparse_cg") if alpha > 0 else ("svd",)
    if not sklearn_agrees:
        solvers = ()
    for solver in solvers:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = Ridge(alpha=alpha, fit_intercept=fit_intercept, solver=solver, tol=1e-14,
                          max_iter=100000).fit(X, y, sample_weight=w)
        error = np.abs(model.coef_ - coef).max() / np.abs(coef).max()
        assert error < 1e-9, (case, solver, error)
        assert abs(model.intercept_ - intercept) < 1e-9 * max(1.0, abs(intercept)), (case, solver)
    pred = X @ coef + intercept
    weights = np.ones(len(y)) if w is None else w
    residual = np.sum(weights * (y - pred) ** 2)
    total = np.sum(weights * (y - np.average(y, weights=weights)) ** 2)
    write(case, "coef", coef)
    write(case, "intercept", [intercept])
    write(case, "pred", pred)
    write(case, "score", [1.0 - residual / total])


def main():
    diabetes = pd.read_csv(os.path.join(ROOT, "datasets", "diabetes.csv"))
    X = diabetes.drop(columns="progression").to_numpy(dtype=float)
    y = diabetes["progression"].to_numpy(dtype=float)
    w = 1.0 + (np.arange(len(y)) % 5)
    w[::7] = 0.0
    # The diabetes inputs live in datasets/diabetes.csv: only the answers (and w) are stored.
    for name, alpha in (("a0", 0.0), ("a0_1", 0.1), ("a1", 1.0), ("a1000", 1e3)):
        fit_case("diabetes_" + name, X, y, alpha)
    fit_case("diabetes_no_intercept_a1", X, y, 1.0, fit_intercept=False)
    fit_case("diabetes_weighted_a1", X, y, 1.0, w=w)
    write("diabetes_weighted_a1", "w", w)

    Xw, yw, ww = wide_ridge_problem()
    write("wide", "X", Xw)
    write("wide", "y", yw)
    write("wide", "w", ww)
    for name, alpha in (("a0", 0.0), ("a0_01", 0.01), ("a1", 1.0), ("a100", 100.0)):
        # alpha = 0: the centred X has rank n - 1 and scikit-learn's svd keeps a singular value
        # of ~1e-14 (its cutoff is 1e-15), so it is not the minimum-norm solution.
        fit_case("wide_" + name, Xw, yw, alpha, sklearn_agrees=alpha > 0)
    fit_case("wide_no_intercept_a1", Xw, yw, 1.0, fit_intercept=False)
    fit_case("wide_weighted_a1", Xw, yw, 1.0, w=ww)

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
