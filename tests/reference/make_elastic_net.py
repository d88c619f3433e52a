#!/usr/bin/python3
"""Reference fixtures for tests/test_elastic_net.cpp (scikit-learn's Lasso, ElasticNet, enet_path).

Run with Debian's python3 (python3-sklearn 1.2):  /usr/bin/python3 tests/reference/make_elastic_net.py
Writes tests/reference/elastic_net/<case>/*.csv, numbers printed with 17 significant digits:
- fits: params.csv (alpha, l1_ratio, fit_intercept, positive, tol, max_iter, weighted),
  coef, intercept, n_iter, dual_gap (and w for weighted cases);
- paths: params.csv (l1_ratio, tol, max_iter, n_alphas, eps), alphas, coefs (n_features x
  n_alphas), dual_gaps, n_iters.
The inputs are datasets/diabetes.csv and correlated/{X,y}.csv (50 x 200, n < d). scikit-learn is run with its default
precompute (False for the estimators, 'auto' for enet_path).
"""
import os
import shutil

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import ElasticNet, Lasso, enet_path
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("elastic_net")
write = fixture_writer(OUT)


def fit_case(case, X, y, alpha, l1_ratio=1.0, fit_intercept=True, positive=False, tol=1e-4,
             max_iter=100000, w=None):
    kwargs = dict(alpha=alpha, fit_intercept=fit_intercept, positive=positive, tol=tol,
                  max_iter=max_iter)
    if l1_ratio == 1.0:
        model = Lasso(**kwargs)
    else:
        model = ElasticNet(l1_ratio=l1_ratio, **kwargs)
    model.fit(X, y, sample_weight=w)
    assert model.n_iter_ < max_iter, case
    if w is not None:
        write(case, "w", w)
    write(case, "params", [alpha, l1_ratio, float(fit_intercept), float(positive), tol, max_iter,
                           float(w is not None)])
    write(case, "coef", model.coef_)
    write(case, "intercept", model.intercept_)
    write(case, "n_iter", model.n_iter_)
    write(case, "dual_gap", model.dual_gap_)


def path_case(case, X, y, l1_ratio, tol, max_iter=100000, n_alphas=10, eps=1e-2):
    alphas, coefs, gaps, n_iters = enet_path(X, y, l1_ratio=l1_ratio, eps=eps, n_alphas=n_alphas,
                                             tol=tol, max_iter=max_iter, return_n_iter=True)
    write(case, "params", [l1_ratio, tol, max_iter, n_alphas, eps])
    write(case, "alphas", alphas)
    write(case, "coefs", coefs)
    write(case, "dual_gaps", gaps)
    write(case, "n_iters", n_iters)


def correlated(rng, n, d, rho):
    # Features with pairwise correlation rho (one shared factor), a sparse true coefficient.
    z = rng.standard_normal((n, 1))
    X = np.sqrt(rho) * z + np.sqrt(1 - rho) * rng.standard_normal((n, d))
    coef = np.zeros(d)
    coef[rng.choice(d, 10, replace=False)] = rng.uniform(-3, 3, 10)
    y = X @ coef + 0.5 * rng.standard_normal(n) + 2.0
    return X, y


def main():
    assert sklearn.__version__.startswith("1.2"), sklearn.__version__
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    diabetes = pd.read_csv(os.path.join(ROOT, "datasets", "diabetes.csv"))
    X = diabetes.drop(columns="progression").to_numpy(dtype=float)
    y = diabetes["progression"].to_numpy(dtype=float)

    fit_case("diabetes_lasso_0.1", X, y, alpha=0.1)
    fit_case("diabetes_lasso_1", X, y, alpha=1.0)
    fit_case("diabetes_lasso_10", X, y, alpha=10.0)
    fit_case("diabetes_lasso_1_tight", X, y, alpha=1.0, tol=1e-10)
    fit_case("diabetes_enet_0.01", X, y, alpha=0.01, l1_ratio=0.5)
    fit_case("diabetes_enet_0.5", X, y, alpha=0.5, l1_ratio=0.5)
    fit_case("diabetes_lasso_positive", X, y, alpha=0.5, positive=True)
    fit_case("diabetes_enet_positive", X, y, alpha=0.05, l1_ratio=0.5, positive=True)
    fit_case("diabetes_enet_no_intercept", X, y, alpha=0.1, l1_ratio=0.3, fit_intercept=False)
    w = 1.0 + (np.arange(len(y)) % 5)
    w[::7] = 0.0
    fit_case("diabetes_enet_weighted", X, y, alpha=0.1, l1_ratio=0.5, w=w)

    rng = np.random.RandomState(0)
    Xc, yc = correlated(rng, 50, 200, 0.9)
    # 50 samples, 200 features with pairwise correlation 0.9: inputs in correlated/.
    write("correlated", "X", Xc)
    write("correlated", "y", yc)
    fit_case("correlated_lasso", Xc, yc, alpha=0.05)
    fit_case("correlated_enet", Xc, yc, alpha=0.1, l1_ratio=0.5)
    fit_case("correlated_lasso_positive", Xc, yc, alpha=0.02, positive=True)
    path_case("correlated_path_enet", Xc, yc, l1_ratio=0.7, tol=1e-6)
    path_case("diabetes_path_lasso", X, y, l1_ratio=1.0, tol=1e-6)
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
