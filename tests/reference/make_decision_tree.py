#!/usr/bin/python3
"""Reference fixtures for tests/test_decision_tree.cpp: scikit-learn's DecisionTreeClassifier and
DecisionTreeRegressor (1.2) on the bundled data sets, every criterion, random_state 0 unless a
case says otherwise.

Run with Debian's python3 (python3-sklearn, numpy, pandas):
    /usr/bin/python3 tests/reference/make_decision_tree.py
Writes tests/reference/decision_tree/<case>/:
  tree.csv         one row per node: children_left, children_right, feature, threshold,
                   impurity, n_node_samples, weighted_n_node_samples
  value.csv        one row per node: class fractions (classifier: tree_.value normalised per
                   row, as predict_proba does) or the node's prediction (regressor)
  predict.csv      predictions on every row of the data set (class indices for a classifier)
  importances.csv  feature_importances_
and iris_export.txt: export_text of the iris_gini tree fitted on the species names, with the
data's column names as feature names.
Numbers with 17 significant digits. Every case fits on all rows of datasets/<name>.csv (the
target column dropped; string labels as their index among the sorted labels).

Cases (name: data, estimator parameters):
"""
import os

import numpy as np
import pandas as pd
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text

from fixtures import ROOT, fixture_dir, fixture_writer, load_bundled as load, row_weights

OUT = fixture_dir("decision_tree")
write = fixture_writer(OUT)

# (case, data, classifier?, parameters, weighted?)
CASES = [
    ("iris_gini", "iris", True, {}, False),
    ("iris_entropy", "iris", True, {"criterion": "entropy"}, False),
    ("wine_gini", "wine", True, {}, False),
    ("wine_entropy", "wine", True, {"criterion": "entropy"}, False),
    ("wine_log_loss", "wine", True, {"criterion": "log_loss"}, False),
    ("breast_cancer_gini", "breast_cancer", True, {}, False),
    ("breast_cancer_entropy", "breast_cancer", True, {"criterion": "entropy"}, False),
    ("breast_cancer_ccp", "breast_cancer", True, {"ccp_alpha": 0.005}, False),
    ("breast_cancer_leaves", "breast_cancer", True, {"max_leaf_nodes": 8}, False),
    ("breast_cancer_sqrt", "breast_cancer", True, {"max_features": "sqrt", "random_state": 3},
     False),
    ("wine_balanced_weighted", "wine", True, {"class_weight": "balanced"}, True),
    ("iris_random", "iris", True, {"splitter": "random", "random_state": 1}, False),
    ("iris_limits", "iris", True,
     {"max_depth": 3, "min_samples_leaf": 4, "min_samples_split": 10,
      "min_weight_fraction_leaf": 0.02, "min_impurity_decrease": 0.01}, False),
    ("diabetes_squared_error", "diabetes", False, {}, False),
    ("diabetes_friedman_mse", "diabetes", False,
     {"criterion": "friedman_mse", "min_samples_leaf": 4}, False),
    ("diabetes_absolute_error", "diabetes", False,
     {"criterion": "absolute_error", "min_samples_leaf": 6}, False),
    ("diabetes_poisson", "diabetes", False, {"criterion": "poisson", "min_samples_leaf": 4},
     False),
    ("diabetes_weighted", "diabetes", False, {"min_samples_leaf": 5}, True),
    ("diabetes_ccp", "diabetes", False, {"ccp_alpha": 20.0}, False),
    ("diabetes_leaves", "diabetes", False, {"max_leaf_nodes": 30}, False),
    ("diabetes_random", "diabetes", False,
     {"splitter": "random", "max_features": 0.5, "random_state": 7, "min_samples_leaf": 5},
     False),
]

__doc__ += "".join(f"  {c}: {d}, {'classifier' if k else 'regressor'} {p}"
                   f"{' with row_weights' if w else ''}\n" for c, d, k, p, w in CASES)


def main():
    for case, data, is_classifier, params, weighted in CASES:
        X, y = load(data)
        params = {"random_state": 0, **params}
        model = (DecisionTreeClassifier if is_classifier else DecisionTreeRegressor)(**params)
        model.fit(X, y, sample_weight=row_weights(len(y)) if weighted else None)
        t = model.tree_
        write(case, "tree", np.column_stack([
            t.children_left, t.children_right, t.feature, t.threshold, t.impurity,
            t.n_node_samples, t.weighted_n_node_samples]))
        value = t.value[:, 0, :]
        if is_classifier:
            value = value / value.sum(axis=1, keepdims=True)
            write(case, "predict", np.searchsorted(model.classes_, model.predict(X)))
        else:
            write(case, "predict", model.predict(X))
        write(case, "value", value)
        write(case, "importances", model.feature_importances_)
        print(case, t.node_count, "nodes")

    frame = pd.read_csv(os.path.join(ROOT, "datasets", "iris.csv"))
    X = frame.drop(columns="species")
    model = DecisionTreeClassifier(random_state=0).fit(X.to_numpy(), frame["species"])
    with open(os.path.join(OUT, "iris_export.txt"), "w") as out:
        out.write(export_text(model, feature_names=list(X.columns)))


if __name__ == "__main__":
    main()
