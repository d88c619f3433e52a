#!/usr/bin/python3
"""Reference fixtures for the nu variant of the SMO solver (tests/test_smo_solver.cpp):
scikit-learn's NuSVC (libsvm's Solver_NU) on two binary problems with an exact RBF kernel.

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_smo_nu.py
Writes tests/reference/smo_nu/<case>/: X.csv and y.csv (0/1, 0 the first class), dual.csv
(scikit-learn's dual_coef_ spread over all rows, 0 off the support) and intercept.csv, with 17
significant digits.

Data: iris standardised (mean 0, population deviation 1 per column, over all 150 rows),
versicolor against virginica; "balanced" takes all 100 rows, "unequal" the first 50
versicolor and the first 20 virginica. RBF gamma 0.5, tol 1e-10.
"""
import os

import numpy as np
import pandas as pd
from sklearn.svm import NuSVC

from fixtures import ROOT, fixture_dir, fixture_writer

write = fixture_writer(fixture_dir("smo_nu"))

frame = pd.read_csv(os.path.join(ROOT, "datasets", "iris.csv"))
X = frame.drop(columns="species").to_numpy(dtype=float)
X = (X - X.mean(axis=0)) / X.std(axis=0)
species = frame["species"].to_numpy()
versicolor = np.flatnonzero(species == "versicolor")
virginica = np.flatnonzero(species == "virginica")

for case, rows, nu in [
    ("balanced", np.concatenate([versicolor, virginica]), 0.4),
    ("unequal", np.concatenate([versicolor[:50], virginica[:20]]), 0.5),
]:
    Xc = X[rows]
    yc = (species[rows] == "virginica").astype(int)
    model = NuSVC(nu=nu, kernel="rbf", gamma=0.5, tol=1e-10, shrinking=True).fit(Xc, yc)
    dual = np.zeros(len(rows))
    dual[model.support_] = model.dual_coef_[0]
    write(case, "X", Xc)
    write(case, "y", yc)
    write(case, "nu", [nu])
    write(case, "dual", dual)
    write(case, "intercept", model.intercept_)
