"""Fixtures for Pipeline (issue 12): scikit-learn's Pipeline of transformers and an estimator
that fitkit reproduces exactly (scalers, imputers, PCA, Ridge, k-nearest neighbours), on bundled
data, and a GridSearchCV over step parameters (`step__param`) on fixed folds.

    /usr/bin/python3 tests/reference/make_pipeline.py
"""
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, RobustScaler, StandardScaler
from fixtures import HERE, fixture_dir, fixture_writer, load_bundled

OUT = fixture_dir("pipeline")
write = fixture_writer(OUT)


def with_holes(X):
    """Every 7th cell of X (row-major) missing: the data the imputing pipeline is fitted on."""
    X = X.copy()
    X.flat[::7] = np.nan
    return X


def main():
    X, y = load_bundled("diabetes")
    model = Pipeline([("scale", StandardScaler()), ("ridge", Ridge(alpha=0.5))]).fit(X, y)
    write("ridge_diabetes", "predict", model.predict(X))
    write("ridge_diabetes", "score", [model.score(X, y)])

    holes = with_holes(X)
    model = Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", RobustScaler()),
                      ("ridge", Ridge(alpha=2.0))]).fit(holes, y)
    write("impute_ridge_diabetes", "predict", model.predict(holes))

    X, y = load_bundled("iris")
    model = Pipeline([("scale", MinMaxScaler()), ("knn", KNeighborsClassifier(n_neighbors=7))])
    model.fit(X, y)
    write("knn_iris", "predict_proba", model.predict_proba(X))
    write("knn_iris", "predict", model.predict(X))

    X, _ = load_bundled("wine")
    model = Pipeline([("scale", StandardScaler()), ("pca", PCA(n_components=3))]).fit(X)
    write("pca_wine", "transform", model.transform(X))

    X, y = load_bundled("diabetes")
    columns = ColumnTransformer([("num", StandardScaler(), [0, 2, 4]), ("mm", MinMaxScaler(), [1, 3])],
                                remainder="passthrough")
    write("columns_diabetes", "transform", columns.fit_transform(X))
    model = Pipeline([("columns", ColumnTransformer([("num", RobustScaler(), [2, 3, 8])])),
                      ("ridge", Ridge(alpha=0.1))]).fit(X, y)
    write("columns_diabetes", "predict_dropped", model.predict(X))

    # `fitkit-ridge fit --one-hot --impute mean --scale standard` on the encoders' mixed set:
    # its text columns encoded (unknown categories ignored), its numbers imputed and scaled.
    mixed = pd.read_csv(os.path.join(HERE, "encoders", "mixed.csv"))
    unknown = pd.read_csv(os.path.join(HERE, "encoders", "mixed_unknown.csv"))
    numbers = Pipeline([("simpleimputer", SimpleImputer()), ("standardscaler", StandardScaler())])
    columns = ColumnTransformer([("onehotencoder", OneHotEncoder(handle_unknown="ignore"),
                                  ["colour", "size"]), ("pipeline", numbers, ["count"])])
    model = Pipeline([("columntransformer", columns), ("ridge", Ridge())])
    model.fit(mixed.drop(columns="price"), mixed["price"])
    write("one_hot_mixed", "predict", model.predict(mixed.drop(columns="price")))
    write("one_hot_mixed", "predict_unknown", model.predict(unknown.drop(columns="price")))

    # `fitkit cv --algorithm ridge --scale standard --alpha 0.5` and `fitkit search --algorithm
    # svc --scale standard --grid 'C=0.1,1,10'` (scikit-learn's default folds).
    write("cli_selection", "ridge_cv_scores",
          cross_val_score(Pipeline([("standardscaler", StandardScaler()),
                                    ("ridge", Ridge(alpha=0.5))]), X, y, cv=KFold(5)))
    Xi, yi = load_bundled("iris")
    svc = GridSearchCV(Pipeline([("standardscaler", StandardScaler()), ("svc", SVC())]),
                       {"svc__C": [0.1, 1.0, 10.0]}, cv=StratifiedKFold(5)).fit(Xi, yi)
    write("cli_selection", "svc_mean_test_score", svc.cv_results_["mean_test_score"])

    search = GridSearchCV(Pipeline([("scale", StandardScaler()), ("ridge", Ridge())]),
                          {"ridge__alpha": [0.1, 1.0, 10.0], "scale__with_std": [True, False]},
                          cv=KFold(5)).fit(X, y)
    r = search.cv_results_
    write("grid_diabetes", "mean_test_score", r["mean_test_score"])
    write("grid_diabetes", "best_index", [search.best_index_])
    with open(os.path.join(OUT, "grid_diabetes", "PARAMS"), "w") as f:
        for p in r["params"]:
            f.write(";".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}"
                             for k, v in sorted(p.items())) + "\n")
    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
