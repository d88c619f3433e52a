#!/usr/bin/python3
"""Reference fixtures for tests/test_svr.cpp: scikit-learn's SVR, NuSVR and OneClassSVM
(libsvm) on bundled and generated data.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_svr.py
Writes tests/reference/svr/<case>/*.csv, numbers printed with 17 significant digits:
  n_support.csv, support.csv (indices into the fit rows), intercept.csv, objective.csv (the dual objective libsvm
  minimises, computed here from dual_coef_ with the exact kernel: SVR
  0.5 b'Kb + epsilon sum|b| - y'b, NuSVR 0.5 b'Kb - y'b, OneClassSVM 0.5 a'Ka), dual_coef.csv,
  and on the held-out rows pred.csv (SVR, NuSVR: predictions; OneClassSVM: +1/-1),
  decision.csv and score_samples.csv (OneClassSVM).
  The generated problems' data: generated_regression/X.csv, y.csv and
  generated_outliers/X.csv (fit rows first, then the held-out rows).

Data, as the test rebuilds it:
- diabetes: features standardised (mean 0, population deviation 1 per column, over all 442
  rows) and the target standardised the same way, so that the defaults (C 1, epsilon 0.1)
  mean what they mean on a unit-scale target (on the raw target, 25..346, C 1 fits little
  more than a constant); rows 0..341 for fit, 342..441 held out.
- breast_cancer: standardised as diabetes, rows 0..399 for fit and 400..568 held out.
- digits (OneClassSVM): make_svc.py's digits() (pixels / 16, rows 0..999 for fit, 1000..1039
  held out).
- generated_regression: 200 + 50 rows of 4 uniform features in [-2, 2],
  y = sin(2 x0) + 0.5 x1 x2 - 0.3 x3^2 + noise 0.1.
- generated_outliers: 200 + 60 rows: two Gaussian blobs in 2-D and uniform outliers.
- generated_large: the issue's generated 20,000-row problem, make_svc.py's rows (from an LCG,
  10 features uniform in [-1, 1), 200 more held out) with a smooth target (linear in five
  features plus x0 x1 - 0.3 x2^3), rebuilt bit for bit by the test; its cases write no
  support.csv or dual_coef.csv (thousands of support vectors). OneClassSVM on the same rows
  (the linear kernel's shifted by +3, as breast_cancer's), every kernel but the sigmoid: not
  positive semi-definite, it makes the problem on these rows non-convex, and libsvm and fitkit
  stop at different KKT points.
OneClassSVM's linear case runs on breast_cancer shifted by +3 in every feature: on centred data
the origin lies inside the data, libsvm's linear problem is degenerate and does not reach tol
1e-8 in minutes; its precomputed case takes the rbf kernel (gamma 0.02) as input.
Every fit uses tol 1e-8 (libsvm's eps) so that the answers are the problem's optimum, not a
stopping point.
"""
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics.pairwise import pairwise_kernels
from sklearn.svm import SVR, NuSVR, OneClassSVM

import make_svc
from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("svr")
write = fixture_writer(OUT)
TOL = 1e-8


def standardised(A):
    return (A - A.mean(axis=0)) / A.std(axis=0)


def diabetes():
    frame = pd.read_csv(os.path.join(ROOT, "datasets", "diabetes.csv"))
    X = standardised(frame.drop(columns="progression").to_numpy(dtype=float))
    y = frame["progression"].to_numpy(dtype=float)
    y = (y - y.mean()) / y.std()
    return X[:342], y[:342], X[342:], y[342:]


def cancer():
    frame = pd.read_csv(os.path.join(ROOT, "datasets", "breast_cancer.csv"))
    X = standardised(frame.drop(columns="diagnosis").to_numpy(dtype=float))
    return X[:400], None, X[400:], None


def generated_regression():
    rng = np.random.RandomState(0)
    X = rng.uniform(-2, 2, size=(250, 4))
    y = np.sin(2 * X[:, 0]) + 0.5 * X[:, 1] * X[:, 2] - 0.3 * X[:, 3] ** 2
    y += 0.1 * rng.normal(size=250)
    write("generated_regression", "X", X)
    write("generated_regression", "y", y)
    return X[:200], y[:200], X[200:], y[200:]


def generated_outliers():
    rng = np.random.RandomState(1)
    inliers = np.vstack([rng.normal([0, 0], 0.6, size=(120, 2)),
                         rng.normal([3, 2], 0.4, size=(100, 2))])
    outliers = rng.uniform(-3, 6, size=(40, 2))
    X = np.vstack([inliers, outliers])[rng.permutation(260)]
    write("generated_outliers", "X", X)
    return X[:200], None, X[200:], None


def kernel_of(model, A, B):
    params = {"linear": {}, "rbf": {"gamma": model._gamma},
              "poly": {"gamma": model._gamma, "degree": model.degree, "coef0": model.coef0},
              "sigmoid": {"gamma": model._gamma, "coef0": model.coef0}}[model.kernel]
    return pairwise_kernels(A, B, metric=model.kernel, **params)


def linear_kernel(A, B):
    return A @ B.T


def rbf_002(A, B):
    """The precomputed one-class kernel: rbf with gamma 0.02 (the linear kernel makes
    libsvm's one-class problem degenerate: at tol 1e-6 it runs for minutes)."""
    return pairwise_kernels(A, B, metric="rbf", gamma=0.02)


def generated_large():
    """The issue's generated 20,000-row problem: make_svc.py's generated() rows (20,000 to fit,
    200 held out), with a smooth target computed from them by the same operations in the same
    order as the test's generated_large(), so the same bits."""
    X, _, Xt, _ = make_svc.generated()

    def target(A):
        x0, x1, x2, x3, x4 = (A[:, j] for j in range(5))
        return x0 - x1 + 0.5 * x2 - 0.5 * x3 + 0.25 * x4 + x0 * x1 - 0.3 * x2 * x2 * x2

    return X, target(X), Xt, target(Xt)


def blocked_half_quadratic(model, coef, block=2000):
    """0.5 c'Kc over the support vectors, the kernel computed a block of rows at a time."""
    sv = model.support_vectors_
    total = 0.0
    for start in range(0, len(sv), block):
        total += coef[start:start + block] @ (kernel_of(model, sv[start:start + block], sv) @ coef)
    return 0.5 * total


def case(name, Model, data, sample_weight=None, precomputed=None, large=False, **params):
    X, y, Xt, yt = data
    model = Model(tol=TOL, kernel="precomputed" if precomputed else params.pop("kernel", "rbf"),
                  **params)
    if precomputed:
        model.fit(precomputed(X, X), y, sample_weight=sample_weight)
        Kt = precomputed(Xt, X)
        K_sv = precomputed(X, X)[np.ix_(model.support_, model.support_)]
    else:
        model.fit(X, y, sample_weight=sample_weight)
        Kt = Xt
        K_sv = None if large else kernel_of(model, model.support_vectors_,
                                            model.support_vectors_)
    assert model.fit_status_ == 0
    # scikit-learn's support_ indexes the rows of positive weight (libsvm drops the others
    # before it numbers them): back to indices into X.
    support = model.support_
    if sample_weight is not None:
        support = np.flatnonzero(sample_weight > 0)[support]
    coef = model.dual_coef_.ravel()
    quad = blocked_half_quadratic(model, coef) if large else 0.5 * coef @ K_sv @ coef
    if Model is OneClassSVM:
        objective = quad
    else:
        ysv = y[support]
        objective = quad - ysv @ coef
        if Model is SVR:
            objective += model.epsilon * np.abs(coef).sum()
    write(name, "n_support", model.n_support_)
    write(name, "intercept", model.intercept_)
    write(name, "objective", [objective])
    if not large:  # thousands of support vectors: the counts and objective say enough
        write(name, "support", support)
        write(name, "dual_coef", coef)
    write(name, "pred", model.predict(Kt))
    if Model is OneClassSVM:
        write(name, "decision", model.decision_function(Kt))
        write(name, "score_samples", model.score_samples(Kt))
        print(name, "SVs", model.n_support_, "outliers held out", np.sum(model.predict(Kt) < 0))
    else:
        print(name, "SVs", model.n_support_, "R2 held out", model.score(Kt, yt))


def main():
    d = diabetes()
    case("diabetes_rbf", SVR, d)
    case("diabetes_rbf_auto_C10", SVR, d, gamma="auto", C=10.0, epsilon=0.2)
    case("diabetes_linear", SVR, d, kernel="linear", C=0.1)
    case("diabetes_poly", SVR, d, kernel="poly", degree=3, gamma=0.05, coef0=1.0)
    case("diabetes_sigmoid", SVR, d, kernel="sigmoid", gamma=0.01, coef0=-0.5)
    case("diabetes_precomputed", SVR, d, precomputed=linear_kernel, C=0.1)
    w = np.where(np.arange(342) % 3 == 0, 3.0, 0.5)
    w[::17] = 0.0
    case("diabetes_weighted", SVR, d, sample_weight=w, C=2.0)
    g = generated_regression()
    case("generated_rbf", SVR, g, C=10.0, epsilon=0.05)
    case("generated_linear", SVR, g, kernel="linear")
    case("generated_poly", SVR, g, kernel="poly", degree=2, coef0=1.0)
    case("generated_sigmoid", SVR, g, kernel="sigmoid", gamma=0.05, coef0=0.0)
    big = generated_large()
    case("generated_large_rbf", SVR, big, large=True)
    case("generated_large_linear", SVR, big, large=True, kernel="linear")
    case("generated_large_poly", SVR, big, large=True, kernel="poly", degree=2, coef0=1.0)
    case("generated_large_sigmoid", SVR, big, large=True, kernel="sigmoid", gamma=0.05,
         coef0=0.0)

    case("nu_diabetes_rbf", NuSVR, d)
    case("nu_diabetes_linear", NuSVR, d, kernel="linear", nu=0.3, C=0.1)
    case("nu_diabetes_poly", NuSVR, d, kernel="poly", degree=3, gamma=0.05, coef0=1.0)
    case("nu_diabetes_sigmoid", NuSVR, d, kernel="sigmoid", gamma=0.01, coef0=-0.5)
    case("nu_diabetes_precomputed", NuSVR, d, precomputed=linear_kernel, C=0.1, nu=0.4)
    case("nu_diabetes_weighted", NuSVR, d, sample_weight=w, C=2.0, nu=0.2)
    case("nu_generated_rbf", NuSVR, g, C=10.0, nu=0.3)
    case("nu_generated_poly", NuSVR, g, kernel="poly", degree=2, coef0=1.0)

    c = cancer()
    case("oc_cancer_rbf", OneClassSVM, c)
    case("oc_cancer_rbf_nu01", OneClassSVM, c, nu=0.1, gamma=0.01)
    case("oc_cancer_poly", OneClassSVM, c, kernel="poly", degree=2, gamma=0.02, coef0=1.0)
    case("oc_cancer_sigmoid", OneClassSVM, c, kernel="sigmoid", gamma=0.002, coef0=0.5)
    case("oc_cancer_precomputed", OneClassSVM, c, precomputed=rbf_002, nu=0.3)
    X, y, Xt, yt = c
    case("oc_cancer_linear_shifted", OneClassSVM, (X + 3.0, y, Xt + 3.0, yt), kernel="linear")
    digits = make_svc.digits()
    case("oc_digits_rbf", OneClassSVM, digits)
    case("oc_digits_poly", OneClassSVM, digits, kernel="poly", degree=3, gamma=0.02, coef0=1.0)
    case("oc_digits_sigmoid", OneClassSVM, digits, kernel="sigmoid", gamma=0.002, coef0=0.0)
    case("oc_digits_linear", OneClassSVM, digits, kernel="linear")
    X, y, Xt, yt = big
    case("oc_generated_large_rbf", OneClassSVM, big, large=True)
    case("oc_generated_large_poly", OneClassSVM, big, large=True, kernel="poly", degree=2,
         coef0=1.0)
    case("oc_generated_large_linear_shifted", OneClassSVM, (X + 3.0, y, Xt + 3.0, yt),
         large=True, kernel="linear")
    wc = np.where(np.arange(400) % 4 == 0, 2.0, 0.7)
    wc[::13] = 0.0
    case("oc_cancer_weighted", OneClassSVM, c, sample_weight=wc, nu=0.25, gamma=0.02)
    o = generated_outliers()
    case("oc_generated_rbf", OneClassSVM, o, nu=0.15, gamma=0.5)
    case("oc_generated_poly", OneClassSVM, o, kernel="poly", degree=3, nu=0.2, coef0=1.0)
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
