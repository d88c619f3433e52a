#!/usr/bin/python3
"""Reference fixtures for tests/test_ridge_cv.cpp.

Run with Debian's python3 (python3-sklearn, numpy):  /usr/bin/python3 tests/reference/make_ridge_cv.py
Writes tests/reference/ridge_cv/<case>/{alphas,alpha,best_score,coef,intercept,cv_values}.csv
(cv_values in most cases; X, y, w for the generated problem), each a plain CSV of numbers printed with 17
significant digits.

Every case is scikit-learn 1.2.1's RidgeCV with the efficient leave-one-out (cv=None,
scoring=None, store_cv_values=True): alpha_, best_score_ (minus the mean of the squared
leave-one-out errors, sample weights applied as sqrt(w) to the residuals), coef_, intercept_
and cv_values_ (n_samples x n_alphas squared errors). The stored answers are gcv_mode=None
(auto: the SVD of X when n_samples > n_features, the eigendecomposition of X X' otherwise);
the script asserts that gcv_mode svd and eigen agree with them to 1e-9 (eigen's cv_values on
n > d only to what it can give: see fit_case), so the answers do not hang on the decomposition.
"""
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import RidgeCV
from fixtures import ROOT, fixture_dir, fixture_writer, wide_ridge_problem

OUT = fixture_dir("ridge_cv")
write = fixture_writer(OUT)


def relative(a, b):
    a, b = np.atleast_1d(a), np.atleast_1d(b)
    return np.abs(a - b).max() / max(np.abs(b).max(), 1e-300)


def fit_case(case, X, y, alphas, w=None, fit_intercept=True, keep_cv_values=True):
    models = {}
    for mode in (None, "svd", "eigen"):
        models[mode] = RidgeCV(alphas=alphas, fit_intercept=fit_intercept, gcv_mode=mode,
                               store_cv_values=True).fit(X, y, sample_weight=w)
    ref = models[None]
    for mode in ("svd", "eigen"):
        other = models[mode]
        assert other.alpha_ == ref.alpha_, (case, mode)
        assert relative(other.best_score_, ref.best_score_) < 1e-9, (case, mode)
        assert relative(other.coef_, ref.coef_) < 1e-9, (case, mode)
        assert abs(other.intercept_ - ref.intercept_) < 1e-9 * max(1, abs(ref.intercept_))
        # scikit-learn's eigen mode on n > d decomposes the n x n X X', whose n - d zero
        # eigenvalues come out as +-eps ||X||^2: the leverages of small alphas are off by about
        # eps ||X||^2 / alpha (8e-8 on diabetes at alpha = 1e-3). Its SVD mode is exact there.
        tol = 1e-9
        if mode == "eigen" and X.shape[0] > X.shape[1]:
            tol = max(tol, 10 * np.finfo(float).eps * np.linalg.norm(X, 2) ** 2 / min(alphas))
        assert relative(other.cv_values_, ref.cv_values_) < tol, (case, mode)
    assert ref.cv_values_.shape == (len(y), len(alphas))
    write(case, "alphas", alphas)
    write(case, "alpha", [ref.alpha_])
    write(case, "best_score", [ref.best_score_])
    write(case, "coef", ref.coef_)
    write(case, "intercept", [ref.intercept_])
    if keep_cv_values:  # n x n_alphas numbers: kept only where they add a case
        write(case, "cv_values", ref.cv_values_)
    return ref


def main():
    diabetes = pd.read_csv(os.path.join(ROOT, "datasets", "diabetes.csv"))
    X = diabetes.drop(columns="progression").to_numpy(dtype=float)
    y = diabetes["progression"].to_numpy(dtype=float)
    w = 1.0 + (np.arange(len(y)) % 5)
    w[::7] = 0.0
    wide_grid = np.logspace(-3, 3, 13)
    # The diabetes inputs live in datasets/diabetes.csv: only the answers (and w) are stored.
    # Best alpha: 0.1 (first of the default list), 0.316 (interior), 0.1 (last of the list).
    fit_case("diabetes_default", X, y, np.array([0.1, 1.0, 10.0]), keep_cv_values=False)
    best = fit_case("diabetes_grid", X, y, wide_grid)
    assert wide_grid[0] < best.alpha_ < wide_grid[-1]
    fit_case("diabetes_small_alphas", X, y, np.logspace(-4, -1, 7), keep_cv_values=False)
    best = fit_case("diabetes_no_intercept", X, y, wide_grid, fit_intercept=False)
    assert wide_grid[0] < best.alpha_ < wide_grid[-1]
    best = fit_case("diabetes_weighted", X, y, wide_grid, w=w)
    assert wide_grid[0] < best.alpha_ < wide_grid[-1]
    write("diabetes_weighted", "w", w)
    fit_case("diabetes_weighted_no_intercept", X, y, wide_grid, w=w, fit_intercept=False,
             keep_cv_values=False)

    Xw, yw, ww = wide_ridge_problem()  # the inputs are in ridge/wide
    grid = np.logspace(-2, 4, 13)
    best = fit_case("wide_grid", Xw, yw, grid)
    assert grid[0] < best.alpha_ < grid[-1]
    fit_case("wide_no_intercept", Xw, yw, grid, fit_intercept=False)
    fit_case("wide_weighted", Xw, yw, grid, w=ww)

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
