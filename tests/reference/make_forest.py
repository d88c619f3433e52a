#!/usr/bin/python3
"""Reference fixtures for tests/test_forest.cpp: scikit-learn 1.2's RandomForest and
ExtraTrees, classifier and regressor, on the bundled data sets. fitkit's forests draw their
bootstraps, features and thresholds from the same seeds (RandomForest with max_bins none), so
they must give the same forest: the test checks predictions to 1e-12.

Run with Debian's python3 (python3-sklearn, numpy, pandas):
    /usr/bin/python3 tests/reference/make_forest.py
Writes tests/reference/forest/<case>/:
  predict.csv      predict_proba (classifier; one column per class) or predict (regressor) on
                   every row of the data set
  importances.csv  feature_importances_
  oob.csv          oob_score_, then oob_decision_function_ / oob_prediction_ row by row
                   (flattened), for cases with oob_score
Every case fits on all rows of datasets/<name>.csv (the target dropped; string labels as their
index among the sorted labels), 10 trees. Sample weights, where a case has them:
0.5 (1 + i mod 4) for row i.

Exports (tests/test_cli_forest.cpp): etc_iris_tree3.txt, export_text of tree 3 of an
ExtraTreesClassifier (10 trees, random_state 0) fitted on iris with its species names, and
rfr_diabetes_tree2.txt, export_text of tree 2 of a RandomForestRegressor (10 trees,
random_state 0) on diabetes, to depth 3.

Quality cases (binned RandomForest, whose trees differ from scikit-learn's): quality.csv, one
row per case: the test-set accuracy (classifier) or R² (regressor) of scikit-learn's forest
with 100 trees, random_state 0, on a split the test rebuilds (every fourth row held out).
"""

import copy
import os

import numpy as np
import pandas as pd
from sklearn.ensemble import (ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier,
                              RandomForestRegressor)
from sklearn.tree import export_text

from fixtures import ROOT, fixture_dir, fixture_writer, load_bundled as load, row_weights

OUT = fixture_dir("forest")
write = fixture_writer(OUT)

ESTIMATORS = {"rfc": RandomForestClassifier, "etc": ExtraTreesClassifier,
              "rfr": RandomForestRegressor, "etr": ExtraTreesRegressor}

# (case, estimator, data, parameters, weighted?)
CASES = [
    ("rfc_iris", "rfc", "iris", {}, False),
    ("rfc_wine_entropy", "rfc", "wine", {"criterion": "entropy", "random_state": 3}, False),
    ("rfc_breast_cancer_oob", "rfc", "breast_cancer", {"oob_score": True, "random_state": 1},
     False),
    ("rfc_wine_limits", "rfc", "wine",
     {"max_depth": 4, "min_samples_leaf": 3, "max_features": 0.5, "max_samples": 0.7,
      "min_weight_fraction_leaf": 0.01}, False),
    ("rfc_wine_balanced_subsample", "rfc", "wine",
     {"class_weight": "balanced_subsample", "random_state": 2}, True),
    ("rfc_iris_leaves", "rfc", "iris", {"max_leaf_nodes": 5, "bootstrap": False,
                                        "max_features": 2}, False),
    ("rfc_breast_cancer_ccp", "rfc", "breast_cancer", {"ccp_alpha": 0.01}, False),
    ("etc_iris", "etc", "iris", {}, False),
    ("etc_wine_bootstrap_oob", "etc", "wine",
     {"bootstrap": True, "oob_score": True, "random_state": 5}, False),
    ("etc_breast_cancer_weighted", "etc", "breast_cancer", {"class_weight": "balanced"}, True),
    ("rfr_diabetes", "rfr", "diabetes", {}, False),
    ("rfr_diabetes_oob", "rfr", "diabetes",
     {"oob_score": True, "max_features": "sqrt", "min_samples_leaf": 5, "random_state": 7},
     False),
    ("rfr_diabetes_absolute_error", "rfr", "diabetes",
     {"criterion": "absolute_error", "max_depth": 5}, False),
    ("rfr_diabetes_poisson_weighted", "rfr", "diabetes",
     {"criterion": "poisson", "max_samples": 200, "min_samples_leaf": 3}, True),
    ("etr_diabetes", "etr", "diabetes", {"random_state": 4}, False),
    ("etr_diabetes_friedman", "etr", "diabetes",
     {"criterion": "friedman_mse", "max_features": 0.5, "min_samples_split": 8}, False),
]

QUALITY = [("quality_rfc_breast_cancer", "rfc", "breast_cancer"),
           ("quality_rfc_wine", "rfc", "wine"),
           ("quality_rfr_diabetes", "rfr", "diabetes")]


def main():
    for case, kind, data, params, weighted in CASES:
        X, y = load(data)
        model = ESTIMATORS[kind](n_estimators=10, **{"random_state": 0, **params})
        model.fit(X, y, sample_weight=row_weights(len(y)) if weighted else None)
        write(case, "predict", model.predict_proba(X) if kind.endswith("c") else model.predict(X))
        write(case, "importances", model.feature_importances_)
        if params.get("oob_score"):
            oob = model.oob_decision_function_ if kind.endswith("c") else model.oob_prediction_
            write(case, "oob", np.concatenate([[model.oob_score_], np.ravel(oob)]))
    scores = []
    for case, kind, data in QUALITY:
        X, y = load(data)
        test = np.arange(len(y)) % 4 == 3
        model = ESTIMATORS[kind](n_estimators=100, random_state=0).fit(X[~test], y[~test])
        scores.append(model.score(X[test], y[test]))
    write("", "quality", scores)
    write_exports()


def write_exports():
    """export_text of one tree of a forest, as the forest programs' `export --tree I` prints it."""
    for name, target, forest, tree, max_depth, out_name in [
            ("iris", "species", ExtraTreesClassifier, 3, 10, "etc_iris_tree3.txt"),
            ("diabetes", "progression", RandomForestRegressor, 2, 3, "rfr_diabetes_tree2.txt")]:
        frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
        X = frame.drop(columns=target)
        model = forest(n_estimators=10, random_state=0).fit(X.to_numpy(), frame[target])
        estimator = copy.deepcopy(model.estimators_[tree])
        if hasattr(model, "classes_"):
            # A forest's trees learn class indices; export_text names the forest's classes.
            estimator.classes_ = model.classes_
        with open(os.path.join(OUT, out_name), "w") as out:
            out.write(export_text(estimator, feature_names=list(X.columns), max_depth=max_depth))


if __name__ == "__main__":
    main()
