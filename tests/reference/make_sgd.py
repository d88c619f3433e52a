#!/usr/bin/python3
"""Reference fixtures for tests/test_sgd.cpp.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_sgd.py [CASE ...]
Writes tests/reference/sgd/<case>/{coef,intercept,n_iter,t,...}.csv, and the inputs
(standardised breast_cancer, iris and diabetes, with their targets as class indices or values)
under tests/reference/sgd/data/, numbers printed with 17 significant digits.

With shuffle=False scikit-learn's SGD is deterministic, and fitkit takes the same steps: the
coefficients, n_iter_ and t_ are compared directly. With shuffle=True the sample order comes
from numpy's generator in scikit-learn and from fitkit's own, so only the score (accuracy or R²
on the training data) is stored, as the mean over seeds 0..9.
"""
import os
import sys
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import SGDClassifier, SGDRegressor
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("sgd")
write = fixture_writer(OUT)


def load(name, target, classes=True):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
    X = frame.drop(columns=target).to_numpy(dtype=float)
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    values = frame[target]
    if not classes:
        return X, values.to_numpy(dtype=float)
    labels = np.array(sorted(values.unique()))
    return X, np.searchsorted(labels, values.to_numpy()).astype(float)


def wanted(case):
    return len(sys.argv) == 1 or case in sys.argv[1:]


def store(case, model, X, w=None):
    coef = np.atleast_2d(model.coef_)
    write(case, "coef", coef)
    write(case, "intercept", model.intercept_)
    write(case, "n_iter", [model.n_iter_])
    write(case, "t", [model.t_])
    if w is not None:
        write(case, "w", w)
    if hasattr(model, "classes_"):
        write(case, "pred", model.predict(X))
        if model.loss in ("log_loss", "log", "modified_huber"):
            write(case, "proba", model.predict_proba(X))
    else:
        write(case, "pred", model.predict(X))


def fit_case(case, make, X, y, w=None, **kwargs):
    if not wanted(case):
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = make(shuffle=False, **kwargs).fit(X, y, sample_weight=w)
    print(f"{case}: n_iter {model.n_iter_}, t {model.t_}")
    store(case, model, X, w)


def partial_case(case, make, X, y, chunks, passes, classes=None, **kwargs):
    """partial_fit over `chunks` (row ranges), `passes` times."""
    if not wanted(case):
        return
    model = make(shuffle=False, **kwargs)
    for _ in range(passes):
        for lo, hi in chunks:
            if classes is not None:
                model.partial_fit(X[lo:hi], y[lo:hi], classes=classes)
            else:
                model.partial_fit(X[lo:hi], y[lo:hi])
    print(f"{case}: t {model.t_}")
    store(case, model, X)


def warm_case(case, make, X, y, fits, **kwargs):
    """`fits` calls of fit with warm_start=True, each continuing from the coefficients before."""
    if not wanted(case):
        return
    model = make(shuffle=False, warm_start=True, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(fits):
            model.fit(X, y)
    print(f"{case}: t {model.t_}")
    store(case, model, X)


def shuffled_score(case, make, X, y, **kwargs):
    """Mean training score over seeds 0..9 with shuffle=True."""
    if not wanted(case):
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = [make(random_state=s, **kwargs).fit(X, y).score(X, y) for s in range(10)]
    print(f"{case}: mean score {np.mean(scores):.6f} (min {np.min(scores):.6f})")
    write(case, "score", [np.mean(scores)])


def main():
    cancer_X, cancer_y = load("breast_cancer", "diagnosis")
    iris_X, iris_y = load("iris", "species")
    diabetes_X, diabetes_y = load("diabetes", "progression", classes=False)
    # iris is sorted by class; a fixed permutation gives partial_fit chunks of mixed classes.
    order = np.random.default_rng(0).permutation(len(iris_y))
    iris_X, iris_y = iris_X[order], iris_y[order]
    write("data", "cancer_X", cancer_X)
    write("data", "cancer_y", cancer_y)
    write("data", "iris_X", iris_X)
    write("data", "iris_y", iris_y)
    write("data", "diabetes_X", diabetes_X)
    write("data", "diabetes_y", diabetes_y)

    C, R = SGDClassifier, SGDRegressor
    fit_case("cancer_hinge", C, cancer_X, cancer_y)
    fit_case("cancer_log_elasticnet", C, cancer_X, cancer_y, loss="log_loss",
             penalty="elasticnet", alpha=1e-3)
    fit_case("cancer_modified_huber", C, cancer_X, cancer_y, loss="modified_huber")
    fit_case("cancer_squared_hinge_l1", C, cancer_X, cancer_y, loss="squared_hinge",
             penalty="l1", alpha=1e-3)
    fit_case("cancer_perceptron", C, cancer_X, cancer_y, loss="perceptron", penalty=None)
    fit_case("cancer_log_constant", C, cancer_X, cancer_y, loss="log_loss",
             learning_rate="constant", eta0=0.01)
    fit_case("cancer_hinge_adaptive", C, cancer_X, cancer_y, learning_rate="adaptive",
             eta0=0.1)
    fit_case("cancer_log_invscaling", C, cancer_X, cancer_y, loss="log_loss",
             learning_rate="invscaling", eta0=0.5)
    fit_case("cancer_balanced", C, cancer_X, cancer_y, class_weight="balanced")
    w = 1.0 + (np.arange(len(cancer_y)) % 5)
    w[::7] = 0.0
    fit_case("cancer_weighted", C, cancer_X, cancer_y, w=w, loss="log_loss")
    fit_case("cancer_average", C, cancer_X, cancer_y, average=True)
    fit_case("cancer_no_intercept", C, cancer_X, cancer_y, fit_intercept=False)
    fit_case("cancer_huber", C, cancer_X, cancer_y, loss="huber", epsilon=0.5)
    fit_case("cancer_max_iter", C, cancer_X, cancer_y, max_iter=3)
    fit_case("cancer_no_tol", C, cancer_X, cancer_y, tol=None, max_iter=20)
    fit_case("iris_hinge", C, iris_X, iris_y)
    fit_case("iris_log", C, iris_X, iris_y, loss="log_loss")
    fit_case("iris_modified_huber", C, iris_X, iris_y, loss="modified_huber", alpha=0.01)
    # The first 120 rows (of the permuted iris) have unequal class counts.
    fit_case("iris_balanced", C, iris_X[:120], iris_y[:120], class_weight="balanced")
    fit_case("iris_average", C, iris_X, iris_y, loss="log_loss", average=100)
    fit_case("iris_class_weight", C, iris_X, iris_y, class_weight={0: 1.0, 1: 3.0, 2: 0.5})
    fit_case("diabetes_squared_error", R, diabetes_X, diabetes_y)
    fit_case("diabetes_huber", R, diabetes_X, diabetes_y, loss="huber", epsilon=10.0)
    fit_case("diabetes_epsilon_insensitive", R, diabetes_X, diabetes_y,
             loss="epsilon_insensitive", epsilon=5.0, learning_rate="constant", eta0=0.01)
    fit_case("diabetes_squared_epsilon_insensitive", R, diabetes_X, diabetes_y,
             loss="squared_epsilon_insensitive", epsilon=5.0, eta0=0.001)
    fit_case("diabetes_adaptive", R, diabetes_X, diabetes_y, learning_rate="adaptive",
             eta0=0.001)
    fit_case("diabetes_l1", R, diabetes_X, diabetes_y, penalty="l1", alpha=0.1)
    fit_case("diabetes_elasticnet_optimal", R, diabetes_X, diabetes_y, penalty="elasticnet",
             alpha=0.01, learning_rate="optimal")
    fit_case("diabetes_average", R, diabetes_X, diabetes_y, average=True)
    w = 0.5 + (np.arange(len(diabetes_y)) % 3)
    fit_case("diabetes_weighted", R, diabetes_X, diabetes_y, w=w)

    chunks = [(0, 40), (40, 100), (100, 150)]
    partial_case("iris_partial", C, iris_X, iris_y, chunks, 3, classes=[0.0, 1.0, 2.0])
    partial_case("iris_partial_class_weight", C, iris_X, iris_y, chunks, 2,
                 classes=[0.0, 1.0, 2.0], class_weight={0: 1.0, 1: 3.0, 2: 0.5})
    # Averaging starts in the last call: once it has begun, scikit-learn 1.2's classifier
    # starts each later partial_fit from a stale plain-SGD intercept (fitkit carries the
    # current one), so only this case can agree.
    partial_case("iris_partial_average", C, iris_X, iris_y, chunks, 2,
                 classes=[0.0, 1.0, 2.0], loss="log_loss", average=260)
    partial_case("cancer_partial", C, cancer_X, cancer_y, [(0, 200), (200, 569)], 2,
                 classes=[0.0, 1.0], loss="modified_huber")
    partial_case("diabetes_partial", R, diabetes_X, diabetes_y, [(0, 150), (150, 300),
                                                                 (300, 442)], 4)
    partial_case("diabetes_partial_average", R, diabetes_X, diabetes_y,
                 [(0, 150), (150, 300), (300, 442)], 3, average=100)

    warm_case("diabetes_warm_start", R, diabetes_X, diabetes_y, 2, max_iter=3)
    warm_case("cancer_warm_start", C, cancer_X, cancer_y, 2, max_iter=2)

    shuffled_score("cancer_shuffled", C, cancer_X, cancer_y)
    shuffled_score("iris_shuffled", C, iris_X, iris_y, loss="log_loss")
    shuffled_score("diabetes_shuffled", R, diabetes_X, diabetes_y)
    # early_stopping: the validation split also comes from numpy's generator.
    shuffled_score("cancer_early_stopping", C, cancer_X, cancer_y, early_stopping=True)
    shuffled_score("iris_early_stopping", C, iris_X, iris_y, early_stopping=True,
                   validation_fraction=0.2)
    shuffled_score("diabetes_early_stopping", R, diabetes_X, diabetes_y, early_stopping=True)

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
