#!/usr/bin/python3
"""Reference fixtures for SVC's and NuSVC's probability=true (tests/test_svc_proba.cpp).

Run with Debian's python3 (python3-sklearn 1.2, numpy, scipy):
    /usr/bin/python3 tests/reference/make_svc_proba.py
Writes tests/reference/svc_proba/<case>/*.csv, numbers with 17 significant digits.

sigmoid_<n>: Platt's sigmoid fitted by an independent implementation, scikit-learn's
  sklearn.calibration._sigmoid_calibration (Platt's targets with the prior correction, BFGS on
  the same loss), polished by scipy's BFGS with gtol 1e-12 so that the reference is the loss's
  minimiser rather than a stopping point: f.csv (decision values), y.csv (1: positive), ab.csv.
<estimator>_<data>: SVC / NuSVC(probability=True, random_state=seed, tol=1e-8) on the data
  of make_svc.py (breast_cancer rows 0..399 for fit, 400..568 held out; iris every other
  row; digits / 16 rows 0..299 for fit, 1000..1039 held out): probA.csv, probB.csv,
  decision_ovo.csv (the pairwise decision values on the held-out rows, libsvm's sign),
  proba.csv (scikit-learn's predict_proba) and, for two classes, proba_sigmoid.csv: the
  sigmoid itself on scikit-learn's decision values with its probA/probB, clipped to
  [1e-7, 1 - 1e-7] as libsvm does (scikit-learn 1.2 passes two classes through the coupling
  iteration, which stops early; fitkit returns the sigmoid).
"""
import os

import numpy as np
import scipy.optimize
import sklearn
from sklearn.calibration import _sigmoid_calibration
from sklearn.svm import SVC, NuSVC

from fixtures import fixture_dir, fixture_writer
from make_svc import cancer, digits, iris

OUT = fixture_dir("svc_proba")
write = fixture_writer(OUT)
TOL = 1e-8


def platt_loss(ab, f, t):
    z = ab[0] * f + ab[1]
    # t z + log(1 + e^-z), written without overflow
    return np.sum(t * z + np.logaddexp(0, -z))


def platt_grad(ab, f, t):
    z = ab[0] * f + ab[1]
    p = 1 / (1 + np.exp(z))  # P(positive)
    d = t - p
    return np.array([np.sum(f * d), np.sum(d)])


def sigmoid_case(name, n, seed):
    rng = np.random.RandomState(seed)
    y = (rng.uniform(size=n) < 0.4).astype(int)
    f = np.where(y == 1, 1.0, -1.0) * rng.gamma(2.0, 0.8, size=n) + rng.normal(0, 1.0, size=n)
    a, b = _sigmoid_calibration(f, y)
    n1, n0 = y.sum(), n - y.sum()
    t = np.where(y == 1, (n1 + 1.0) / (n1 + 2.0), 1.0 / (n0 + 2.0))
    res = scipy.optimize.minimize(platt_loss, [a, b], args=(f, t), jac=platt_grad,
                                  method="BFGS", options={"gtol": 1e-12, "maxiter": 1000})
    print(name, "sklearn", a, b, "polished", res.x, "moved", np.abs(res.x - [a, b]).max())
    write(name, "f", f)
    write(name, "y", y)
    write(name, "ab", res.x)


def model_case(name, model, data):
    X, y, Xt, yt = data
    model.fit(X, y)
    assert model.fit_status_ == 0
    write(name, "probA", model.probA_)
    write(name, "probB", model.probB_)
    # libsvm's pairwise values: scikit-learn's ovo values, whose binary sign is flipped.
    if len(model.classes_) == 2:
        dec = -model.decision_function(Xt)[:, None]
    else:
        model.set_params(decision_function_shape="ovo")
        dec = model.decision_function(Xt)
        model.set_params(decision_function_shape="ovr")
    write(name, "decision_ovo", dec)
    proba = model.predict_proba(Xt)
    write(name, "proba", proba)
    if len(model.classes_) == 2:
        p = 1 / (1 + np.exp(dec[:, 0] * model.probA_[0] + model.probB_[0]))
        p = np.clip(p, 1e-7, 1 - 1e-7)
        write(name, "proba_sigmoid", np.column_stack([p, 1 - p]))
    disagree = np.mean(model.predict(Xt) != model.classes_[proba.argmax(axis=1)])
    print(name, "probA", model.probA_, "probB", model.probB_, "predict != argmax proba:", disagree)


def small_digits():
    X, y, Xt, yt = digits()
    return X[:300], y[:300], Xt, yt


def main():
    sigmoid_case("sigmoid_200", 200, 0)
    sigmoid_case("sigmoid_1000", 1000, 1)
    c, i, d = cancer(), iris(), small_digits()
    model_case("svc_cancer", SVC(probability=True, random_state=0, tol=TOL), c)
    model_case("svc_cancer_seed7_linear",
               SVC(kernel="linear", C=0.1, probability=True, random_state=7, tol=TOL), c)
    model_case("svc_iris", SVC(probability=True, random_state=0, tol=TOL), i)
    model_case("svc_iris_balanced_seed3",
               SVC(C=2.0, class_weight="balanced", probability=True, random_state=3, tol=TOL), i)
    model_case("svc_digits", SVC(probability=True, random_state=0, tol=TOL), d)
    model_case("nusvc_cancer", NuSVC(probability=True, random_state=0, tol=TOL), c)
    model_case("nusvc_iris", NuSVC(nu=0.3, probability=True, random_state=5, tol=TOL), i)
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
