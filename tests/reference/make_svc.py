#!/usr/bin/python3
"""Reference fixtures for tests/test_svc.cpp: scikit-learn's SVC (libsvm) on bundled data.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_svc.py
Writes tests/reference/svc/<case>/*.csv, numbers printed with 17 significant digits:
  n_support.csv, support.csv, intercept.csv, objective.csv (the dual objective
  0.5 a'Qa - sum a of each binary problem, computed here from dual_coef_ with the exact kernel),
  decision.csv and pred.csv on held-out rows (class indices), and for the multiclass cases
  decision_ovo.csv too.

Data, as the test rebuilds it: breast_cancer standardised (mean 0, population deviation 1 per
column, over all 569 rows), rows 0..399 for fit and 400..568 held out; iris raw, every other
row for fit and the others held out (standardised as breast_cancer for the linear
kernel: on raw iris, libsvm's single-precision kernel cache moves its intercepts by 1e-4); digits / 16, rows 0..999 for fit and the first 40 of
1000..1796 held out; "generated" (the issue's 20,000-row problem) from generated(), which the
test rebuilds bit for bit: rows 0..19999 for fit and the next 200 held out. Labels are class
indices of the sorted class names. Every fit uses tol 1e-8 (libsvm's eps) so that the
answers are the problem's optimum, not a stopping point.
"""
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics.pairwise import pairwise_kernels
from sklearn.svm import SVC

from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("svc")
write = fixture_writer(OUT)
TOL = 1e-8


def load(name, target):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
    X = frame.drop(columns=target).to_numpy(dtype=float)
    labels = frame[target]
    classes = np.array(sorted(labels.unique()))
    return X, np.searchsorted(classes, labels.to_numpy())


def cancer():
    X, y = load("breast_cancer", "diagnosis")
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X[:400], y[:400], X[400:], y[400:]


def iris():
    X, y = load("iris", "species")
    return X[0::2], y[0::2], X[1::2], y[1::2]


def iris_scaled():
    X, y = load("iris", "species")
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X[0::2], y[0::2], X[1::2], y[1::2]


def digits():
    X, y = load("digits", "digit")
    X = X / 16.0
    return X[:1000], y[:1000], X[1000:1040], y[1000:1040]


def generated():
    """20,200 rows of 10 features uniform in [-1, 1) from a 64-bit LCG (integer arithmetic, so
    C++ makes the same numbers), labelled by the sign of a linear rule plus x0 x1, with 2% of the
    labels flipped. The same operations in the same order as the test's generated()."""
    n, d = 20200, 10
    weights = [1.0, -1.0, 0.5, -0.5, 0.25, 0.0, 0.0, 0.0, 0.0, 0.0]
    state = 12345
    X = np.empty((n, d))
    y = np.empty(n, dtype=int)

    def uniform():
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (state >> 11) * (1.0 / 9007199254740992.0)

    for i in range(n):
        row = [2.0 * uniform() - 1.0 for _ in range(d)]
        z = 0.0
        for j in range(d):
            z += weights[j] * row[j]
        z += row[0] * row[1]
        flip = uniform() < 0.02
        X[i] = row
        y[i] = int((z > 0) != flip)
    return X[:20000], y[:20000], X[20000:], y[20000:]


def kernel_of(model, A, B):
    if model.kernel == "precomputed":
        raise ValueError
    params = {"linear": {}, "rbf": {"gamma": model._gamma},
              "poly": {"gamma": model._gamma, "degree": model.degree, "coef0": model.coef0},
              "sigmoid": {"gamma": model._gamma, "coef0": model.coef0}}[model.kernel]
    return pairwise_kernels(A, B, metric=model.kernel, **params)


def objectives(model, K_sv):
    """0.5 a'Qa - sum a of each pair's problem, from libsvm's layout of dual_coef_."""
    dual = model._dual_coef_  # libsvm's signs (positive: first class of the pair)
    start = np.concatenate([[0], np.cumsum(model._n_support)])
    n_classes = len(model.classes_)
    out = []
    for a in range(n_classes):
        for b in range(a + 1, n_classes):
            ia = np.arange(start[a], start[a + 1])
            ib = np.arange(start[b], start[b + 1])
            idx = np.concatenate([ia, ib])
            coef = np.concatenate([dual[b - 1, ia], dual[a, ib]])
            out.append(0.5 * coef @ K_sv[np.ix_(idx, idx)] @ coef - np.abs(coef).sum())
    return np.array(out)


def exact_violation(model, X, y):
    """The maximal KKT violation of a binary model's dual solution, with the kernel in double
    precision. libsvm caches the kernel in single precision, so on large problems its solution
    stops short of tol by this much (the test allows for it in the decision values)."""
    t = np.where(y == 0, 1.0, -1.0)  # libsvm: the first class is +1
    coef = np.zeros(len(y))
    coef[model.support_] = -model.dual_coef_[0]  # y_i a_i (scikit-learn negates binary ones)
    a = coef * t
    G = np.empty(len(y))
    sv = model.support_
    for start in range(0, len(y), 2000):
        K = kernel_of(model, X[start:start + 2000], X[sv])
        G[start:start + 2000] = t[start:start + 2000] * (K @ coef[sv]) - 1.0
    up = ((t > 0) & (a < model.C)) | ((t < 0) & (a > 0))
    low = ((t > 0) & (a > 0)) | ((t < 0) & (a < model.C))
    return np.max(-t[up] * G[up]) - np.min(-t[low] * G[low])


def case(name, data, K_train=None, sample_weight=None, violation=False, **params):
    X, y, Xt, yt = data
    model = SVC(tol=TOL, **params)
    if model.kernel == "precomputed":
        model.fit(K_train(X, X), y, sample_weight=sample_weight)
        Kt = K_train(Xt, X)
        K_sv = K_train(X, X)[np.ix_(model.support_, model.support_)]
    else:
        model.fit(X, y, sample_weight=sample_weight)
        Kt = Xt
        K_sv = kernel_of(model, model.support_vectors_, model.support_vectors_)
    assert model.fit_status_ == 0
    write(name, "n_support", model.n_support_)
    write(name, "support", model.support_)
    write(name, "intercept", model.intercept_)
    write(name, "objective", objectives(model, K_sv))
    write(name, "decision", model.decision_function(Kt))
    write(name, "pred", model.predict(Kt))
    if violation:
        write(name, "violation", [exact_violation(model, X, y)])
    if len(model.classes_) > 2:
        model.set_params(decision_function_shape="ovo")
        write(name, "decision_ovo", model.decision_function(Kt))
    print(name, "SVs", model.n_support_, "accuracy", np.mean(model.predict(Kt) == yt))


def main():
    c = cancer()
    case("cancer_rbf", c)
    case("cancer_rbf_auto_C10", c, gamma="auto", C=10.0)
    case("cancer_linear", c, kernel="linear", C=0.1)
    case("cancer_poly", c, kernel="poly", degree=3, gamma=0.02, coef0=1.0)
    case("cancer_sigmoid", c, kernel="sigmoid", gamma=0.01, coef0=-0.5)
    case("cancer_precomputed", c, kernel="precomputed", C=0.1, K_train=lambda A, B: A @ B.T)
    case("cancer_balanced", c, class_weight="balanced")
    w = np.where(np.arange(400) % 3 == 0, 3.0, 0.5)
    w[::17] = 0.0
    case("cancer_weighted", c, sample_weight=w, C=2.0)
    case("iris_rbf", iris())
    case("iris_linear_noshrink", iris_scaled(), kernel="linear", shrinking=False)
    case("digits_rbf", digits())
    case("digits_poly", digits(), kernel="poly", degree=2, gamma="scale", coef0=0.5)
    g = generated()
    case("generated_rbf", g, violation=True)
    case("generated_linear", g, violation=True, kernel="linear")
    case("generated_poly", g, violation=True, kernel="poly", degree=2, gamma=0.5, coef0=1.0)
    case("generated_sigmoid", g, violation=True, kernel="sigmoid", gamma=0.05, coef0=0.0)
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
