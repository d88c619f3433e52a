#!/usr/bin/python3
"""Reference fixtures for tests/test_hist_gradient_boosting.cpp: scikit-learn 1.2's
HistGradientBoostingRegressor / HistGradientBoostingClassifier and its _BinMapper.

Run with Debian's python3 (python3-sklearn, numpy, pandas):
    /usr/bin/python3 tests/reference/make_hist_gradient_boosting.py
Writes tests/reference/hist_gradient_boosting/<case>/*.csv (17 significant digits):

- bins_<data>_<max_bins>/thresholds.csv: _BinMapper(n_bins=max_bins + 1).bin_thresholds_ on
  all rows of diabetes (max_bins 255 and 16) and breast_cancer (16) (no subsampling below 200,000 rows), one row per threshold:
  feature index, threshold. max_bins 255 takes the midpoints of distinct values where a
  feature has few; max_bins 16 takes numpy's "midpoint" percentiles.
- <case>/test.csv: 1 for the held-out rows of train_test_split(test_size=0.25,
  random_state=0) (stratified for classifiers), 0 for the fit rows;
  <case>/score.csv: accuracy or R² on the held-out rows; <case>/loss.csv: log-loss, or the
  mean of the loss the model minimises, on the held-out rows; <case>/n_iter.csv.
- generated/X.csv, y_regression.csv, y_class.csv: 2,000 rows of 5 features: x0, x1, x4
  numeric (x0 and x1 with 15% NaN), x2 categorical with 12 codes (5% NaN), x3 categorical
  with 5 codes; values rounded to 4 decimals so that the CSV holds them exactly.
Every fit: early_stopping=False (max_iter 100), random_state 0.
"""
import os

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.ensemble._hist_gradient_boosting.binning import _BinMapper
from sklearn.metrics import log_loss, mean_absolute_error, mean_poisson_deviance
from sklearn.model_selection import train_test_split

from fixtures import ROOT, fixture_dir, fixture_writer

OUT = fixture_dir("hist_gradient_boosting")
write = fixture_writer(OUT)


def bundled(name, target):
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
    # A text target becomes the index of its label among the sorted labels, as fitkit reads it.
    y = np.unique(frame[target].to_numpy(), return_inverse=True)[1].astype(float)
    if frame[target].dtype.kind in "if":
        y = frame[target].to_numpy(dtype=float)
    return frame.drop(columns=target).to_numpy(dtype=float), y


def generated():
    rng = np.random.RandomState(0)
    n = 2000
    X = np.empty((n, 5))
    X[:, 0] = rng.normal(size=n)
    X[:, 1] = rng.uniform(-2, 2, size=n)
    X[:, 2] = rng.randint(0, 12, size=n)
    X[:, 3] = rng.randint(0, 5, size=n)
    X[:, 4] = rng.exponential(size=n)
    X = np.round(X, 4)
    category_effect = rng.normal(size=12) * 1.5
    level_effect = np.array([0.0, 1.0, -1.0, 2.0, 0.5])
    signal = (
        np.sin(2 * X[:, 0])
        + 0.8 * X[:, 1]
        + category_effect[X[:, 2].astype(int)]
        + level_effect[X[:, 3].astype(int)]
        + 0.5 * X[:, 4]
    )
    y = np.round(signal + 0.3 * rng.normal(size=n), 4)
    y_class = (signal + 0.5 * rng.normal(size=n) > np.median(signal)).astype(float)
    X[rng.uniform(size=n) < 0.15, 0] = np.nan
    X[rng.uniform(size=n) < 0.15, 1] = np.nan
    X[rng.uniform(size=n) < 0.05, 2] = np.nan
    os.makedirs(os.path.join(OUT, "generated"), exist_ok=True)
    np.savetxt(os.path.join(OUT, "generated", "X.csv"), X, delimiter=",", fmt="%.4f")
    np.savetxt(os.path.join(OUT, "generated", "y_regression.csv"), y, fmt="%.4f")
    np.savetxt(os.path.join(OUT, "generated", "y_class.csv"), y_class, fmt="%.0f")
    return X, y, y_class


def write_mask(case, test, n):
    mask = np.zeros(n, dtype=int)
    mask[test] = 1
    np.savetxt(os.path.join(OUT, case, "test.csv"), mask, fmt="%d")


def bin_thresholds(case, X, max_bins):
    mapper = _BinMapper(n_bins=max_bins + 1, random_state=0).fit(X)
    rows = [[f, t] for f, ts in enumerate(mapper.bin_thresholds_) for t in ts]
    write(case, "thresholds", np.array(rows))


def regression(case, X, y, **params):
    index = np.arange(len(y))
    train, test = train_test_split(index, test_size=0.25, random_state=0)
    model = HistGradientBoostingRegressor(early_stopping=False, random_state=0, **params)
    model.fit(X[train], y[train])
    pred = model.predict(X[test])
    loss = params.get("loss", "squared_error")
    if loss == "absolute_error":
        value = mean_absolute_error(y[test], pred)
    elif loss == "poisson":
        value = mean_poisson_deviance(y[test], pred)
    elif loss == "quantile":
        q = params["quantile"]
        diff = y[test] - pred
        value = np.mean(np.where(diff >= 0, q * diff, (q - 1) * diff))
    else:
        value = np.mean((y[test] - pred) ** 2)
    write(case, "score", model.score(X[test], y[test]))
    write_mask(case, test, len(y))
    write(case, "loss", value)
    write(case, "n_iter", model.n_iter_)


def classification(case, X, y, **params):
    index = np.arange(len(y))
    train, test = train_test_split(index, test_size=0.25, random_state=0, stratify=y)
    model = HistGradientBoostingClassifier(early_stopping=False, random_state=0, **params)
    model.fit(X[train], y[train])
    write(case, "score", model.score(X[test], y[test]))
    write_mask(case, test, len(y))
    write(case, "loss", log_loss(y[test], model.predict_proba(X[test])))
    write(case, "n_iter", model.n_iter_)


def main():
    X, y = bundled("diabetes", "progression")
    bin_thresholds("bins_diabetes_255", X, 255)
    bin_thresholds("bins_diabetes_16", X, 16)
    regression("diabetes", X, y)
    regression("diabetes_absolute_error", X, y, loss="absolute_error")
    regression("diabetes_poisson", X, y, loss="poisson")
    regression("diabetes_quantile", X, y, loss="quantile", quantile=0.8)
    regression("diabetes_monotonic", X, y, monotonic_cst=[0, 0, 1, 1, 0, 0, -1, 0, 1, 0])
    regression("diabetes_l2_depth", X, y, l2_regularization=1.0, max_depth=3)
    X, y = bundled("breast_cancer", "diagnosis")
    bin_thresholds("bins_breast_cancer_16", X, 16)
    classification("breast_cancer", X, y)
    classification("breast_cancer_bins_32", X, y, max_bins=32, learning_rate=0.05)
    X, y = bundled("wine", "cultivar")
    classification("wine", X, y)
    X, y, y_class = generated()
    regression("generated_regression", X, y, categorical_features=[2, 3])
    classification("generated_class", X, y_class, categorical_features=[2, 3])


if __name__ == "__main__":
    main()
