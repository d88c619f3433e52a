#!/usr/bin/python3
"""Reference fixtures for tests/test_linear_svc.cpp and tests/test_linear_svr.cpp.

Run with Debian's python3 (python3-sklearn 1.2.1, numpy):
    /usr/bin/python3 tests/reference/make_linear_svm.py [CASE ...]
Writes tests/reference/linear_svm/<case>/{coef,intercept,decision (first 40 rows),pred}.csv (and X, y, w where
the inputs are not a bundled data set), numbers with 17 significant digits.

The bundled data sets are standardised by the tests as here: (X - mean) / std (population std,
numpy's default), digits divided by 16. Labels are class indices (sorted classes). Every fit runs
liblinear to tol 1e-8 with max_iter 10^5, and the script checks that the answer is optimal: the
norm of the gradient of the primal objective (squared losses), or sqrt(2 x the primal-dual gap)
(hinge, with the dual variables recovered from w): the objective is 1-strongly convex, so either
bounds the distance ||w - w*|| to the unique optimum, and the script requires it below 1e-4 —
the tests' tolerance on the coefficients rests on that. The problem is liblinear's: the
intercept is the weight of a synthetic feature equal to intercept_scaling, penalised.
"""
import os
import sys
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import make_classification, make_regression
from sklearn.exceptions import ConvergenceWarning
from sklearn.svm import LinearSVC, LinearSVR
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("linear_svm")
write = fixture_writer(OUT)


def load(name, target, regression=False):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
    X = frame.drop(columns=target).to_numpy(dtype=float)
    labels = frame[target]
    if regression:
        return X, labels.to_numpy(dtype=float)
    classes = np.array(sorted(labels.unique()))
    return X, np.searchsorted(classes, labels.to_numpy())


def standardize(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


def wanted(case):
    return len(sys.argv) == 1 or case in sys.argv[1:]


def augmented(model, X):
    if not model.fit_intercept:
        return X, np.atleast_2d(model.coef_)
    s = model.intercept_scaling
    W = np.hstack([np.atleast_2d(model.coef_), np.atleast_1d(model.intercept_)[:, None] / s])
    return np.hstack([X, np.full((X.shape[0], 1), s)]), W


def classification_costs(model, y, k, n_classes, w):
    C = model.C * (np.ones(len(y)) if w is None else w)
    cw = model.class_weight
    if cw == "balanced":
        per = len(y) / (n_classes * np.bincount(y))
    elif isinstance(cw, dict):
        per = np.array([cw.get(c, 1.0) for c in range(n_classes)])
    else:
        per = np.ones(n_classes)
    if n_classes == 2:
        return C * per[y]
    return C * np.where(y == k, per[k], 1.0)


def check_svc_optimal(case, model, X, y, w):
    n_classes = len(np.unique(y))
    Xa, W = augmented(model, X)
    worst = 0.0
    for k in range(W.shape[0]):
        t = np.where(y == (1 if n_classes == 2 else k), 1.0, -1.0)
        C = classification_costs(model, y, k, n_classes, w)
        m = t * (Xa @ W[k])
        if model.loss == "squared_hinge":
            slack = np.maximum(0, 1 - m)
            grad = W[k] - 2 * (C * slack * t) @ Xa
            # The objective is 1-strongly convex: ||w - w*|| <= ||gradient||.
            worst = max(worst, np.linalg.norm(grad))
        else:  # hinge: primal objective against the best dual bound from alpha = C on margin
            primal = 0.5 * W[k] @ W[k] + (C * np.maximum(0, 1 - m)).sum()
            # alpha_i = C_i where m < 1, 0 where m > 1; on the margin alpha solves w = sum a y x.
            on = np.abs(m - 1) < 1e-6
            alpha = np.where(m < 1 - 1e-6, C, 0.0)
            rest = W[k] - (alpha * t) @ Xa
            A = (Xa[on] * t[on, None]).T
            a_on = np.linalg.lstsq(A, rest, rcond=None)[0] if on.any() else np.zeros(0)
            alpha[on] = np.clip(a_on, 0, C[on])
            v = (alpha * t) @ Xa
            dual = alpha.sum() - 0.5 * v @ v
            # 0.5 ||w - w*||² <= primal - primal* <= primal - dual.
            worst = max(worst, np.sqrt(2 * max(primal - dual, 0.0)))
    assert worst < (1e-4 if model.loss == "squared_hinge" else 1e-3), (case, worst)
    return worst


def svc_case(case, X, y, w=None, save_inputs=None, **kwargs):
    if not wanted(case):
        return
    kwargs.setdefault("tol", 1e-8)
    kwargs.setdefault("max_iter", 100000)
    kwargs.setdefault("random_state", 0)
    model = LinearSVC(**kwargs)
    with warnings.catch_warnings():
        # scikit-learn 1.2.1 reports an uninitialised n_iter_ for Crammer-Singer (hundreds of
        # millions), and warns on it whatever happened: only the other solvers' warning counts.
        if kwargs.get("multi_class") == "crammer_singer":
            warnings.simplefilter("ignore", ConvergenceWarning)
        else:
            warnings.simplefilter("error", ConvergenceWarning)
        model.fit(X, y, sample_weight=w)
    if kwargs.get("multi_class") != "crammer_singer" and kwargs.get("penalty", "l2") == "l2":
        measure = check_svc_optimal(case, model, X, y, w)
    else:
        measure = float("nan")
    if save_inputs:  # the name of the folder the inputs go to (shared by cases)
        write(save_inputs, "X", X)
        write(save_inputs, "y", y)
    if w is not None:
        write(case, "w", w)
    write(case, "coef", model.coef_)
    write(case, "intercept", model.intercept_)
    write(case, "decision", model.decision_function(X[:40]))  # the first 40 rows
    write(case, "pred", model.predict(X))
    print(f"{case}: n_iter {np.max(model.n_iter_)}, optimality {measure:.2g}")


def svr_case(case, X, y, w=None, save_inputs=None, **kwargs):
    if not wanted(case):
        return
    kwargs.setdefault("tol", 1e-8)
    kwargs.setdefault("max_iter", 100000)
    kwargs.setdefault("random_state", 0)
    model = LinearSVR(**kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        model.fit(X, y, sample_weight=w)
    Xa, W = augmented(model, X)
    W = W[0]
    C = model.C * (np.ones(len(y)) if w is None else w)
    r = Xa @ W - y
    excess = np.maximum(0, np.abs(r) - model.epsilon)
    if model.loss == "squared_epsilon_insensitive":
        grad = W + 2 * (C * excess * np.sign(r)) @ Xa
        measure = np.linalg.norm(grad)  # bounds ||w - w*|| (1-strongly convex)
    else:
        primal = 0.5 * W @ W + (C * excess).sum()
        measure = float("nan")  # checked against the squared twin's solver by the tests' tolerance
        _ = primal
    assert not measure > 1e-4, (case, measure)
    if save_inputs:  # the name of the folder the inputs go to (shared by cases)
        write(save_inputs, "X", X)
        write(save_inputs, "y", y)
    if w is not None:
        write(case, "w", w)
    write(case, "coef", model.coef_)
    write(case, "intercept", model.intercept_)
    write(case, "pred", model.predict(X))
    print(f"{case}: n_iter {model.n_iter_}, optimality {measure:.2g}")


def main():
    print("scikit-learn", sklearn.__version__)
    cancer_X, cancer_y = load("breast_cancer", "diagnosis")
    iris_X, iris_y = load("iris", "species")
    digits_X, digits_y = load("digits", "digit")
    cancer = standardize(cancer_X)
    iris = standardize(iris_X)
    digits = digits_X / 16.0
    rng = np.random.RandomState(0)
    cancer_w = rng.uniform(0.0, 3.0, size=len(cancer_y))
    cancer_w[::7] = 0.0

    # LinearSVC, penalty l2.
    svc_case("cancer_dual", cancer, cancer_y, dual=True)
    svc_case("cancer_primal", cancer, cancer_y, dual=False)
    svc_case("cancer_hinge", cancer, cancer_y, loss="hinge", dual=True, C=0.1)
    svc_case("cancer_balanced", cancer, cancer_y, dual=False, class_weight="balanced")
    svc_case("cancer_weighted", cancer, cancer_y, cancer_w, dual=True, C=0.5)
    svc_case("cancer_no_intercept", cancer, cancer_y, dual=False, fit_intercept=False)
    svc_case("cancer_scaling", cancer, cancer_y, dual=True, intercept_scaling=10.0, C=0.3)
    svc_case("iris_dual", iris, iris_y, dual=True)
    svc_case("iris_primal", iris, iris_y, dual=False, C=10.0)
    svc_case("iris_hinge", iris, iris_y, loss="hinge", dual=True)
    svc_case("iris_class_weight", iris, iris_y, dual=False, class_weight={0: 1.0, 1: 3.0, 2: 0.5})
    svc_case("digits_primal", digits, digits_y, dual=False, C=0.1)
    Xg, yg = make_classification(n_samples=300, n_features=10, n_informative=6, n_redundant=2,
                                 flip_y=0.05, random_state=3)
    svc_case("generated_dual", Xg, yg, save_inputs="generated_svc", dual=True, C=2.0)
    svc_case("generated_hinge", Xg, yg, save_inputs="generated_svc", loss="hinge", dual=True, C=2.0)
    # penalty l1 (primal only) and Crammer-Singer.
    svc_case("cancer_l1", cancer, cancer_y, penalty="l1", dual=False, C=0.2)
    svc_case("iris_l1", iris, iris_y, penalty="l1", dual=False)
    svc_case("iris_crammer_singer", iris, iris_y, multi_class="crammer_singer", tol=1e-7)
    svc_case("cancer_crammer_singer", cancer, cancer_y, multi_class="crammer_singer", C=0.1,
             tol=1e-7)

    # LinearSVR.
    diabetes_X, diabetes_y = load("diabetes", "progression", regression=True)
    diabetes = standardize(diabetes_X)
    svr_case("diabetes_l1", diabetes, diabetes_y, epsilon=5.0, C=1.0)
    svr_case("diabetes_l2_dual", diabetes, diabetes_y, loss="squared_epsilon_insensitive",
             dual=True, epsilon=5.0, C=0.01)
    svr_case("diabetes_l2_primal", diabetes, diabetes_y, loss="squared_epsilon_insensitive",
             dual=False, epsilon=5.0, C=0.01)
    diabetes_w = rng.uniform(0.0, 2.0, size=len(diabetes_y))
    diabetes_w[::5] = 0.0
    svr_case("diabetes_weighted", diabetes, diabetes_y, diabetes_w, loss="squared_epsilon_insensitive",
             dual=False, epsilon=1.0, C=0.05, intercept_scaling=5.0)
    Xr, yr = make_regression(n_samples=200, n_features=8, noise=5.0, random_state=1)
    svr_case("generated_l1", Xr, yr, save_inputs="generated_svr", epsilon=1.0, C=3.0)
    svr_case("generated_no_intercept", Xr, yr, save_inputs="generated_svr", epsilon=0.5, C=0.3,
             loss="squared_epsilon_insensitive", dual=True, fit_intercept=False)


if __name__ == "__main__":
    main()
