#!/usr/bin/python3
"""Reference fixtures for tests/test_logistic_regression.cpp.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_logistic_regression.py [CASE ...]
Writes tests/reference/logistic_regression/<case>/{coef,intercept,proba,pred}.csv (and X, y, w
where the inputs are not a bundled data set as is), numbers printed with 17 significant digits.

Labels are written as class indices (the sorted classes, as fitkit's CSV reader numbers text
labels). Every fit runs to a tight tolerance, and the script checks that scikit-learn's answer
is optimal (largest entry of the (sub)gradient of the objective small), so that the
coefficients are the problem's and not a solver's stopping point. Smooth penalties use
scikit-learn's newton-cg (its lbfgs, through scipy, also stops on a relative decrease of the
objective of 2.2e-9, far from the optimum on raw iris), l1 and elasticnet its saga.
"""
import os
import sys
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import sklearn
from scipy.optimize import minimize
from scipy.special import expit, softmax
from sklearn.linear_model import LogisticRegression
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("logistic_regression")
write = fixture_writer(OUT)


def load(name, target):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
    X = frame.drop(columns=target).to_numpy(dtype=float)
    labels = frame[target]
    classes = np.array(sorted(labels.unique()))
    y = np.searchsorted(classes, labels.to_numpy())
    return X, y


def standardize(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def subgradient_norm(model, X, y, w, C, penalty, l1_ratio):
    """Largest entry of the minimum-norm subgradient of scikit-learn's objective."""
    n_classes = len(np.unique(y))
    weight = np.ones(len(y)) if w is None else w.copy()
    if isinstance(model.class_weight, dict):  # per label, in every mode
        weight = weight * np.array([model.class_weight.get(k, 1.0) for k in range(n_classes)])[y]
    scores = X @ model.coef_.T + model.intercept_
    multinomial = model.multi_class == "multinomial" or (
        model.multi_class == "auto" and n_classes > 2)
    if multinomial:
        if model.class_weight == "balanced":
            weight = weight * len(y) / (n_classes * np.bincount(y)[y])
        if scores.shape[1] == 1:  # two classes: coef_ holds the second class's row only,
            # and the probabilities are the softmax of (-d, d): the rows are opposite.
            model = SimpleNamespace(coef_=np.vstack([-model.coef_, model.coef_]),
                                    intercept_=np.concatenate([-model.intercept_,
                                                               model.intercept_]),
                                    fit_intercept=model.fit_intercept)
            scores = X @ model.coef_.T + model.intercept_
        G = weight[:, None] * (softmax(scores, axis=1) - np.eye(n_classes)[y])
    else:
        targets = (y == 1)[:, None] if n_classes == 2 else np.eye(n_classes)[y]
        G = np.empty_like(scores)
        for k in range(scores.shape[1]):
            t = targets[:, k].astype(float)
            wk = weight
            if model.class_weight == "balanced":
                wk = weight * len(y) / (2 * np.bincount(t.astype(int))[t.astype(int)])
            G[:, k] = wk * (expit(scores[:, k]) - t)
    W = model.coef_
    grad_w = G.T @ X
    grad_b = G.sum(axis=0)
    l2 = {"l2": 1 / C, "l1": 0, "elasticnet": (1 - l1_ratio) / C, "none": 0}[penalty]
    l1 = {"l2": 0, "l1": 1 / C, "elasticnet": l1_ratio / C, "none": 0}[penalty]
    g = grad_w + l2 * W
    sub = np.where(W > 0, g + l1, np.where(W < 0, g - l1,
                   np.sign(g) * np.maximum(np.abs(g) - l1, 0)))
    return max(np.abs(sub).max(), np.abs(grad_b).max() if model.fit_intercept else 0)


def fit_case(case, X, y, w=None, save_inputs=False, max_gradient=1e-6, **kwargs):
    if len(sys.argv) > 1 and case not in sys.argv[1:]:
        return  # only the cases named on the command line
    kwargs.setdefault("solver", "newton-cg")
    kwargs.setdefault("tol", 1e-8)
    kwargs.setdefault("max_iter", 3000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(warm_start=True, **kwargs)
        penalty = kwargs.get("penalty", "l2")
        # scipy's L-BFGS-B also stops on a relative decrease of 2.2e-9, well before the
        # optimum: warm restarts continue until the gradient is small.
        for restart in range(200):
            model.fit(X, y, sample_weight=w)
            norm = subgradient_norm(model, X, y, w, kwargs.get("C", 1.0), penalty,
                                    kwargs.get("l1_ratio") or 0.0)
            if norm < max_gradient:
                break
    print(f"{case}: {restart} restarts, n_iter {model.n_iter_}, largest subgradient entry {norm:.3g}")
    assert norm < max_gradient, case
    if save_inputs:
        write(case, "X", X)
        write(case, "y", y)
    if w is not None:
        write(case, "w", w)
    write(case, "coef", model.coef_)
    write(case, "intercept", model.intercept_)
    write(case, "proba", model.predict_proba(X))
    write(case, "pred", model.predict(X))


def l1_multinomial_by_lbfgsb(case, X, y, C):
    """Two-class multinomial l1 at large C, where saga needs hundreds of thousands of epochs:
    scikit-learn's objective, sum_i (logsumexp(z_i) - z_i[y_i]) + ||W||_1 / C with z = X W' + b
    over both rows of W, minimised by scipy's L-BFGS-B with W = P - N, P, N >= 0 (smooth), then
    checked optimal as the other cases. Writes the objective too. The model is stored as
    scikit-learn stores it: the second row, of the opposite pair with the optimal difference."""
    if len(sys.argv) > 1 and case not in sys.argv[1:]:
        return
    n, d = X.shape
    Y = np.eye(2)[y]

    def objective(v):
        P, N, b = v[:2 * d].reshape(2, d), v[2 * d:4 * d].reshape(2, d), v[4 * d:]
        scores = X @ (P - N).T + b
        lse = np.logaddexp(scores[:, 0], scores[:, 1])
        G = softmax(scores, axis=1) - Y
        grad_w = G.T @ X
        f = np.sum(lse - np.sum(Y * scores, axis=1)) + (P.sum() + N.sum()) / C
        return f, np.concatenate([(grad_w + 1 / C).ravel(), (1 / C - grad_w).ravel(),
                                  G.sum(axis=0)])

    bounds = [(0, None)] * (4 * d) + [(None, None)] * 2
    v = np.zeros(4 * d + 2)
    for restart in range(20):
        result = minimize(objective, v, jac=True, method="L-BFGS-B", bounds=bounds,
                          options=dict(maxiter=100000, maxfun=200000, ftol=0, gtol=0))
        v = result.x
        W = v[:2 * d].reshape(2, d) - v[2 * d:4 * d].reshape(2, d)
        half = 0.5 * (W[1] - W[0])
        model = LogisticRegression(penalty="l1", C=C, multi_class="multinomial")
        model.classes_ = np.arange(2)
        model.coef_ = half[None, :]
        model.intercept_ = np.array([0.5 * (v[4 * d + 1] - v[4 * d])])
        norm = subgradient_norm(model, X, y, None, C, "l1", 0.0)
        if norm < 1e-6:
            break
    scores = X @ np.vstack([-half, half]).T + np.array([-1, 1]) * model.intercept_[0]
    f = np.sum(np.logaddexp(scores[:, 0], scores[:, 1]) - scores[np.arange(n), y])
    f += 2 * np.abs(half).sum() / C
    print(f"{case}: {restart} restarts, n_iter {result.nit}, objective {f!r}, "
          f"largest subgradient entry {norm:.3g}")
    assert norm < 1e-6, case
    write(case, "objective", [f])
    write(case, "coef", model.coef_)
    write(case, "intercept", model.intercept_)
    write(case, "proba", model.predict_proba(X))
    write(case, "pred", model.predict(X))


def main():
    iris_X, iris_y = load("iris", "species")
    cancer_X, cancer_y = load("breast_cancer", "diagnosis")
    digits_X, digits_y = load("digits", "digit")
    cancer_std = standardize(cancer_X)
    iris_std = standardize(iris_X)

    # Data sets as bundled (only the answers are stored).
    fit_case("iris_multinomial", iris_X, iris_y)
    fit_case("iris_ovr", iris_X, iris_y, multi_class="ovr")
    fit_case("iris_ovr_balanced", iris_X, iris_y, multi_class="ovr", class_weight="balanced")
    given = {0: 1.0, 1: 3.0, 2: 0.5}
    fit_case("iris_class_weight", iris_X, iris_y, class_weight=given)
    fit_case("iris_ovr_class_weight", iris_X, iris_y, multi_class="ovr", class_weight=given)
    # Pixels / 16 (exact in binary): raw pixels make the problem ill-conditioned enough that
    # L-BFGS needs thousands of iterations.
    fit_case("digits_multinomial", digits_X / 16.0, digits_y, C=0.1)
    # breast_cancer standardised (so that every solver converges); the inputs are stored.
    fit_case("cancer", cancer_std, cancer_y, save_inputs=True)
    fit_case("cancer_balanced", cancer_std, cancer_y, class_weight="balanced")
    w = 1.0 + (np.arange(len(cancer_y)) % 5)
    w[::7] = 0.0
    fit_case("cancer_weighted", cancer_std, cancer_y, w=w)
    fit_case("cancer_no_intercept", cancer_std, cancer_y, fit_intercept=False)
    fit_case("cancer_none", cancer_std[:, :5], cancer_y, penalty="none", save_inputs=True)
    # saga converges slowly: a looser check on its optimality.
    saga = dict(solver="saga", tol=1e-10, max_iter=20000, max_gradient=1e-4)
    fit_case("cancer_l1", cancer_std, cancer_y, penalty="l1", C=0.1, **saga)
    fit_case("cancer_elasticnet", cancer_std, cancer_y, penalty="elasticnet", C=0.1,
             l1_ratio=0.5, **saga)
    fit_case("iris_l1", iris_std, iris_y, penalty="l1", C=0.5, save_inputs=True, **saga)
    # Issue 8: OWL-QN stopped far from this optimum (objective 16.405 for 16.0752).
    l1_multinomial_by_lbfgsb("cancer_l1_multinomial", cancer_std, cancer_y, C=100.0)

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
