#!/usr/bin/python3
"""Reference fixtures for tests/test_nu_svc.cpp: scikit-learn's NuSVC (libsvm) on bundled data.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_nu_svc.py
Writes tests/reference/nu_svc/<case>/*.csv, numbers printed with 17 significant digits:
  n_support.csv, intercept.csv, objective.csv (libsvm's "obj" of each binary problem as it
  prints it, i.e. after the division by r^2: 0.5 c'Kc for the pair's coefficients c, computed
  here from dual_coef_ with the exact kernel), decision.csv and pred.csv on held-out rows
  (class indices), and for the multiclass cases decision_ovo.csv too.

Data as make_svc.py builds it (its helpers are imported): breast_cancer standardised, rows
0..399 for fit and 400..568 held out; iris every other row (standardised for the linear
kernel); digits / 16, rows 0..499 for fit and the first 40 of 1000..1796 held out; the issue's
generated 20,000-row problem (make_svc.py's generated(), nu 0.3: at 0.1 the poly and linear
problems take scikit-learn over ten minutes at tol 1e-8). Every fit
uses tol 1e-8 (libsvm's eps) so that the answers are the problem's optimum, not a stopping point.
"""
import os

import numpy as np
import sklearn
from sklearn.svm import NuSVC

from fixtures import fixture_dir, fixture_writer
from make_svc import cancer, digits, generated, iris, iris_scaled, kernel_of

OUT = fixture_dir("nu_svc")
write = fixture_writer(OUT)
TOL = 1e-8


def objectives(model, K_sv):
    """0.5 c'Kc of each pair's problem, from libsvm's layout of dual_coef_."""
    dual = model._dual_coef_
    start = np.concatenate([[0], np.cumsum(model._n_support)])
    n_classes = len(model.classes_)
    out = []
    for a in range(n_classes):
        for b in range(a + 1, n_classes):
            ia = np.arange(start[a], start[a + 1])
            ib = np.arange(start[b], start[b + 1])
            idx = np.concatenate([ia, ib])
            coef = np.concatenate([dual[b - 1, ia], dual[a, ib]])
            out.append(0.5 * coef @ K_sv[np.ix_(idx, idx)] @ coef)
    return np.array(out)


def exact_violation(model, X, y):
    """libsvm's stopping measure for the nu problem (the larger of the two classes' gaps) at a
    binary model's solution, with the kernel in double precision, in the units of the rescaled
    coefficients scikit-learn keeps (the bounded ones sit at 1/r). libsvm caches the kernel in
    single precision, so on large problems its solution stops short of tol by this much (the
    test allows for it in the decision values)."""
    t = np.where(y == 0, 1.0, -1.0)  # libsvm: the first class is +1
    coef = np.zeros(len(y))
    coef[model.support_] = -model.dual_coef_[0]  # y_i a_i (scikit-learn negates binary ones)
    a = coef * t
    upper = np.abs(coef).max()
    sv = model.support_
    G = np.empty(len(y))
    for start in range(0, len(y), 2000):
        K = kernel_of(model, X[start:start + 2000], X[sv])
        G[start:start + 2000] = t[start:start + 2000] * (K @ coef[sv])
    below_upper, above_lower = a < upper * (1 - 1e-12), a > 0
    gaps = []
    for sign in (1.0, -1.0):
        cls = t == sign
        # libsvm's Solver_NU: -y G over the samples that may grow, against -y G over those
        # that may shrink, within one class.
        up = cls & (below_upper if sign > 0 else above_lower)
        low = cls & (above_lower if sign > 0 else below_upper)
        gaps.append(np.max(-sign * G[up]) - np.min(-sign * G[low]))
    return max(gaps)


def case(name, data, K_train=None, sample_weight=None, violation=False, **params):
    X, y, Xt, yt = data
    model = NuSVC(tol=TOL, **params)
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
    case("cancer_rbf_nu02_auto", c, nu=0.2, gamma="auto")
    case("cancer_linear", c, kernel="linear", nu=0.3)
    case("cancer_poly", c, kernel="poly", degree=3, gamma=0.02, coef0=1.0)
    case("cancer_sigmoid", c, kernel="sigmoid", gamma=0.01, coef0=-0.5, nu=0.3)
    case("cancer_precomputed", c, kernel="precomputed", nu=0.3, K_train=lambda A, B: A @ B.T)
    w = np.where(np.arange(400) % 3 == 0, 3.0, 0.5)
    w[::17] = 0.0
    case("cancer_weighted", c, sample_weight=w, nu=0.4)
    case("iris_rbf", iris())
    case("iris_linear_noshrink", iris_scaled(), kernel="linear", shrinking=False, nu=0.2)
    X, y, Xt, yt = digits()
    d = (X[:500], y[:500], Xt, yt)
    case("digits_rbf", d, nu=0.1)
    case("digits_poly", d, kernel="poly", degree=2, gamma="scale", coef0=0.5, nu=0.1)
    g = generated()
    case("generated_rbf", g, violation=True, nu=0.3)
    case("generated_linear", g, violation=True, kernel="linear", nu=0.3)
    case("generated_poly", g, violation=True, kernel="poly", degree=2, gamma=0.1, coef0=1.0, nu=0.3)
    case("generated_sigmoid", g, violation=True, kernel="sigmoid", gamma=0.01, coef0=0.0, nu=0.3)
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
