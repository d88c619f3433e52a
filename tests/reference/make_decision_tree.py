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
  weights.csv      the sample weights, for the cases fitted on bootstrap_weights
and iris_export.txt: export_text of the iris_gini tree fitted on the species names, with the
data's column names as feature names; iris_scaled_export.txt: the same of the max_depth=3 tree
of a StandardScaler + DecisionTreeClassifier pipeline.
Numbers with 17 significant digits. Every case fits on all rows of datasets/<name>.csv (the
target column dropped; string labels as their index among the sorted labels).

Cases (name: data, estimator parameters):
"""
import os

import numpy as np
import pandas as pd
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor, export_text

from fixtures import ROOT, fixture_dir, fixture_writer, load_bundled as load, row_weights

OUT = fixture_dir("decision_tree")
write = fixture_writer(OUT)

def bootstrap_weights(n):
    """A random forest's weights for one tree: how often each row is drawn in n draws with
    replacement (zeros included), from RandomState(0). Written to weights.csv."""
    return np.bincount(np.random.RandomState(0).randint(0, n, n), minlength=n).astype(float)


WEIGHTS = {None: lambda n: None, "rows": row_weights, "bootstrap": bootstrap_weights}


# (case, data, classifier?, parameters, weights: None, "rows" or "bootstrap")
CASES = [
    ("iris_gini", "iris", True, {}, None),
    ("iris_entropy", "iris", True, {"criterion": "entropy"}, None),
    ("wine_gini", "wine", True, {}, None),
    ("wine_entropy", "wine", True, {"criterion": "entropy"}, None),
    ("wine_log_loss", "wine", True, {"criterion": "log_loss"}, None),
    ("breast_cancer_gini", "breast_cancer", True, {}, None),
    ("breast_cancer_entropy", "breast_cancer", True, {"criterion": "entropy"}, None),
    ("breast_cancer_ccp", "breast_cancer", True, {"ccp_alpha": 0.005}, None),
    ("breast_cancer_leaves", "breast_cancer", True, {"max_leaf_nodes": 8}, None),
    ("breast_cancer_sqrt", "breast_cancer", True, {"max_features": "sqrt", "random_state": 3},
     None),
    ("wine_balanced_weighted", "wine", True, {"class_weight": "balanced"}, "rows"),
    ("iris_random", "iris", True, {"splitter": "random", "random_state": 1}, None),
    ("iris_limits", "iris", True,
     {"max_depth": 3, "min_samples_leaf": 4, "min_samples_split": 10,
      "min_weight_fraction_leaf": 0.02, "min_impurity_decrease": 0.01}, None),
    ("diabetes_squared_error", "diabetes", False, {}, None),
    ("diabetes_friedman_mse", "diabetes", False,
     {"criterion": "friedman_mse", "min_samples_leaf": 4}, None),
    ("diabetes_absolute_error", "diabetes", False,
     {"criterion": "absolute_error", "min_samples_leaf": 6}, None),
    ("diabetes_poisson", "diabetes", False, {"criterion": "poisson", "min_samples_leaf": 4},
     None),
    ("diabetes_weighted", "diabetes", False, {"min_samples_leaf": 5}, "rows"),
    ("diabetes_ccp", "diabetes", False, {"ccp_alpha": 20.0}, None),
    ("diabetes_leaves", "diabetes", False, {"max_leaf_nodes": 30}, None),
    ("diabetes_random", "diabetes", False,
     {"splitter": "random", "max_features": 0.5, "random_state": 7, "min_samples_leaf": 5},
     None),
    ("diabetes_absolute_error_weighted", "diabetes", False,
     {"criterion": "absolute_error", "max_depth": 5}, "rows"),
    ("diabetes_absolute_error_weighted_leaf", "diabetes", False,
     {"criterion": "absolute_error", "min_samples_leaf": 3, "max_depth": 8}, "rows"),
    ("diabetes_absolute_error_bootstrap", "diabetes", False,
     {"criterion": "absolute_error", "min_samples_leaf": 2}, "bootstrap"),
]

__doc__ += "".join(f"  {c}: {d}, {'classifier' if k else 'regressor'} {p}"
                   f"{f' with {w}_weights' if w else ''}\n" for c, d, k, p, w in CASES)


def main():
    for case, data, is_classifier, params, weights in CASES:
        X, y = load(data)
        params = {"random_state": 0, **params}
        model = (DecisionTreeClassifier if is_classifier else DecisionTreeRegressor)(**params)
        sample_weight = WEIGHTS[weights](len(y))
        model.fit(X, y, sample_weight=sample_weight)
        if weights == "bootstrap":
            write(case, "weights", sample_weight)
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
    # A pipeline's tree (fitkit's --scale standard): its thresholds in standardised units.
    pipeline = make_pipeline(StandardScaler(), DecisionTreeClassifier(max_depth=3, random_state=0))
    pipeline.fit(X.to_numpy(), frame["species"])
    with open(os.path.join(OUT, "iris_scaled_export.txt"), "w") as out:
        out.write(export_text(pipeline[-1], feature_names=list(X.columns)))


if __name__ == "__main__":
    main()
