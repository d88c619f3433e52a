#!/usr/bin/python3
"""Reference fixtures for tests/test_gaussian_mixture.cpp.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_gaussian_mixture.py
Writes tests/reference/gaussian_mixture/<case>/*.csv, each a plain CSV of numbers printed with
17 significant digits.

Every fit starts from initial parameters given to both libraries (weights_init, means_init,
precisions_init; stored as flat lists in numpy's C order, as fitkit's parameters take them),
so that the comparison does not depend on the random numbers of the initialisation:

  <data>_<type>   iris, wine and a generated set (blobs, its X stored) with each
                  covariance_type, scikit-learn's defaults otherwise (tol 1e-3, reg_covar
                  1e-6, max_iter 100): lower_bound, n_iter, converged, weights, means,
                  covariances and precisions_cholesky (flat), the labels of fit_predict, and
                  on the same X predict, score, bic and aic, and on every fourth row (X[::4])
                  predict_proba and score_samples.
                  precisions (flat) are kept too: a fitkit model made from the fitted
                  weights, means and precisions with max_iter 0 evaluates the same functions on
                  scikit-learn's own fitted parameters.
  warm_<type>     blobs: max_iter 5 and tol 0 with warm_start, fitted twice (the second fit
                  continues from the first): lower_bound, n_iter, means after each.
  identical       20 identical rows, two components, reg_covar 1e-6: scikit-learn's lower
                  bound (with reg_covar 0 it raises "ill-defined empirical covariance").
"""
import os
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("gaussian_mixture")
write = fixture_writer(OUT)
TYPES = ("full", "tied", "diag", "spherical")


def bundled(name, target):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name))
    return frame.drop(columns=target).to_numpy(dtype=float)


def blobs():
    rng = np.random.RandomState(3)
    centres = np.array([[0.0, 0.0, 0.0], [4.0, 1.0, -2.0], [-3.0, 5.0, 1.0], [1.0, -4.0, 4.0]])
    scales = np.array([1.0, 0.6, 1.5, 0.8])
    label = rng.randint(0, 4, size=240)
    X = centres[label] + rng.normal(size=(240, 3)) * scales[label, None]
    # A correlated direction, so that full and diag differ.
    X[:, 1] += 0.5 * X[:, 0]
    return X


def initial_parameters(X, k, covariance_type):
    """Means at k spread rows, equal weights, precisions from the whole data's covariance."""
    n, d = X.shape
    rows = np.linspace(0, n - 1, k).astype(int)
    means = X[rows]
    weights = np.full(k, 1.0 / k)
    cov = np.cov(X, rowvar=False, bias=True)
    var = np.diag(cov)
    precisions = {
        "full": np.array([np.linalg.inv(cov)] * k),
        "tied": np.linalg.inv(cov),
        "diag": np.array([1.0 / var] * k),
        "spherical": np.full(k, 1.0 / var.mean()),
    }[covariance_type]
    return weights, means, precisions


def fit_case(case, X, k, covariance_type, store_x=False):
    weights, means, precisions = initial_parameters(X, k, covariance_type)
    model = GaussianMixture(k, covariance_type=covariance_type, weights_init=weights,
                            means_init=means, precisions_init=precisions)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        labels = model.fit_predict(X)
    if store_x:
        write(case, "X", X)
    write(case, "weights_init", weights)
    write(case, "means_init", means.ravel())
    write(case, "precisions_init", np.ravel(precisions))
    write(case, "lower_bound", [model.lower_bound_])
    write(case, "n_iter", [model.n_iter_])
    write(case, "converged", [float(model.converged_)])
    write(case, "weights", model.weights_)
    write(case, "means", model.means_.ravel())
    write(case, "covariances", np.ravel(model.covariances_))
    write(case, "precisions_cholesky", np.ravel(model.precisions_cholesky_))
    write(case, "precisions", np.ravel(model.precisions_))
    write(case, "labels", labels)
    write(case, "predict", model.predict(X))
    write(case, "proba", model.predict_proba(X[::4]))
    write(case, "score_samples", model.score_samples(X[::4]))
    write(case, "score", [model.score(X)])
    write(case, "bic", [model.bic(X)])
    write(case, "aic", [model.aic(X)])


def warm_case(case, X, k, covariance_type):
    weights, means, precisions = initial_parameters(X, k, covariance_type)
    model = GaussianMixture(k, covariance_type=covariance_type, weights_init=weights,
                            means_init=means, precisions_init=precisions, max_iter=5, tol=0.0,
                            warm_start=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X)
        write(case, "lower_bound_1", [model.lower_bound_])
        write(case, "means_1", model.means_.ravel())
        model.fit(X)
        write(case, "lower_bound_2", [model.lower_bound_])
        write(case, "means_2", model.means_.ravel())
        write(case, "n_iter_2", [model.n_iter_])
    # Ten iterations in one fit reach the same parameters.
    once = GaussianMixture(k, covariance_type=covariance_type, weights_init=weights,
                           means_init=means, precisions_init=precisions, max_iter=10, tol=0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        once.fit(X)
    assert abs(once.lower_bound_ - model.lower_bound_) < 1e-10, case
    write(case, "weights_init", weights)
    write(case, "means_init", means.ravel())
    write(case, "precisions_init", np.ravel(precisions))


def identical_case():
    X = np.full((20, 3), 3.7)
    model = GaussianMixture(2, random_state=0).fit(X)
    write("identical", "lower_bound", [model.lower_bound_])
    for covariance_type in TYPES:
        try:
            GaussianMixture(2, covariance_type=covariance_type, reg_covar=0.0,
                            random_state=0).fit(X)
            raise AssertionError("scikit-learn fitted identical rows with reg_covar 0")
        except ValueError as err:
            assert "ill-defined empirical covariance" in str(err)


def main():
    iris = bundled("iris.csv", "species")
    wine = bundled("wine.csv", "cultivar")
    generated = blobs()
    for covariance_type in TYPES:
        fit_case("iris_" + covariance_type, iris, 3, covariance_type)
        fit_case("wine_" + covariance_type, wine, 3, covariance_type)
        fit_case("blobs_" + covariance_type, generated, 4, covariance_type,
                 store_x=covariance_type == "full")
        warm_case("warm_" + covariance_type, generated, 4, covariance_type)
    identical_case()
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
