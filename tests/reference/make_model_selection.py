"""Fixtures for model selection (issue 12): scikit-learn's GridSearchCV, cross_val_score and
cross_val_predict on bundled data, with estimators fitkit reproduces exactly (Ridge's closed
form, k-nearest neighbours), so that mean scores can be compared to 1e-10.

Each case directory holds test_fold.csv (the fold each row is tested in: scikit-learn's default
cv=5, KFold for regressors and StratifiedKFold for classifiers, unshuffled), GRID (the grid as
`name=v1,v2;name=v1`), SCORING, and the candidates in scikit-learn's order (PARAMS, one line of
`name=value;...` each) with their split scores, mean, std and rank (cv_results.csv: split0..4,
mean, std, rank) and the best index (best_index.csv).

    /usr/bin/python3 tests/reference/make_model_selection.py
"""
import os

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import (GridSearchCV, KFold, StratifiedKFold, cross_val_predict,
                                     cross_val_score, learning_curve, train_test_split,
                                     validation_curve)
from sklearn.neighbors import KNeighborsClassifier
from fixtures import fixture_dir, fixture_writer, load_bundled

OUT = fixture_dir("model_selection")
write = fixture_writer(OUT)


def write_text(case, name, lines):
    with open(os.path.join(OUT, case, name), "w") as f:
        f.write("".join(line + "\n" for line in lines))


def text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def search_case(case, estimator, grid, X, y, cv, scoring=None):
    search = GridSearchCV(estimator, grid, cv=cv, scoring=scoring).fit(X, y)
    r = search.cv_results_
    folds = np.zeros(len(y))
    for k, (_, test) in enumerate(cv.split(X, y)):
        folds[test] = k
    write(case, "test_fold", folds)
    write_text(case, "GRID", [";".join(f"{name}={','.join(text(v) for v in values)}"
                                       for name, values in grid.items())])
    write_text(case, "SCORING", [scoring or "score"])
    write_text(case, "PARAMS", [";".join(f"{k}={text(v)}" for k, v in sorted(p.items()))
                                for p in r["params"]])
    columns = [r[f"split{k}_test_score"] for k in range(cv.get_n_splits())]
    columns += [r["mean_test_score"], r["std_test_score"], r["rank_test_score"]]
    write(case, "cv_results", np.column_stack(columns))
    write(case, "best_index", [search.best_index_])
    return search


def split_case(name, y, **kwargs):
    """split/<name>_train.csv, _test.csv: train_test_split's row indices of a bundled file."""
    train, test = train_test_split(np.arange(len(y)), **kwargs)
    write("split", name + "_train", train)
    write("split", name + "_test", test)


def curve_cases():
    """curves/<case>_{train,test}.csv (ticks x folds) and learning curves' sizes."""
    X, y = load_bundled("diabetes")
    train, test = validation_curve(Ridge(), X, y, param_name="alpha",
                                   param_range=[0.001, 0.1, 10.0, 1000.0], cv=KFold(5))
    write("curves", "ridge_alpha_train", train)
    write("curves", "ridge_alpha_test", test)
    sizes, train, test = learning_curve(Ridge(alpha=0.5), X, y, train_sizes=[0.1, 0.33, 0.7, 1.0],
                                        cv=KFold(5), scoring="neg_mean_absolute_error")
    write("curves", "ridge_learning_sizes", sizes)
    write("curves", "ridge_learning_train", train)
    write("curves", "ridge_learning_test", test)
    X, y = load_bundled("iris")
    # Shuffled training rows: the first rows of an unshuffled fold are one class, which
    # scikit-learn fits and fitkit's classifiers refuse.
    sizes, train, test = learning_curve(KNeighborsClassifier(), X, y, train_sizes=[10, 40, 80, 120],
                                        cv=StratifiedKFold(5), shuffle=True, random_state=3)
    write("curves", "knn_learning_sizes", sizes)
    write("curves", "knn_learning_train", train)
    write("curves", "knn_learning_test", test)


def main():
    curve_cases()
    y = load_bundled("iris")[1]
    split_case("iris_stratified", y, test_size=0.2, stratify=y, random_state=1)
    split_case("iris_count", y, test_size=30, random_state=5)
    X, y = load_bundled("diabetes")
    kfold = KFold(5)
    search_case("ridge_diabetes", Ridge(), {"alpha": [0.01, 0.1, 1.0, 10.0, 100.0],
                                            "fit_intercept": [True, False]}, X, y, kfold)
    search_case("ridge_diabetes_mae", Ridge(), {"alpha": [0.001, 0.1, 10.0]}, X, y, kfold,
                "neg_mean_absolute_error")
    write("ridge_diabetes", "cross_val_score",
          cross_val_score(Ridge(alpha=0.5), X, y, cv=kfold))
    write("ridge_diabetes", "cross_val_predict",
          cross_val_predict(Ridge(alpha=0.5), X, y, cv=kfold))

    X, y = load_bundled("iris")
    stratified = StratifiedKFold(5)
    grid = {"n_neighbors": [1, 3, 5, 7, 9, 15], "weights": ["uniform", "distance"]}
    search_case("knn_iris", KNeighborsClassifier(), grid, X, y, stratified)
    search_case("knn_iris_f1", KNeighborsClassifier(), grid, X, y, stratified, "f1_macro")
    write("knn_iris", "cross_val_predict_proba",
          cross_val_predict(KNeighborsClassifier(n_neighbors=7), X, y, cv=stratified,
                            method="predict_proba"))

    X, y = load_bundled("wine")
    search_case("knn_wine", KNeighborsClassifier(), {"n_neighbors": [1, 2, 4, 8, 16],
                                                     "p": [1, 2]}, X, y, stratified,
                "balanced_accuracy")


if __name__ == "__main__":
    main()
