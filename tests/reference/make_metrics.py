#!/usr/bin/python3
"""Reference fixtures for the classification and regression metrics and the scorers (issue 12).

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_metrics.py
Writes, under tests/reference/metrics/, numbers printed with 17 significant digits:

<case>/{y_true,y_pred,sample_weight}.csv and, for classifiers, proba.csv (one column per
    class, classes sorted) and, for binary cases, decision.csv: the labels and the outputs of a
    model fitted here (LogisticRegression for iris, wine and breast_cancer, LinearRegression
    for diabetes; a generated case has integer-valued scores, so with ties, and weights).
<case>/metrics.csv: scikit-learn's metrics of those outputs, in the order of the case's
    METRIC_NAMES file (one name a line), computed without and then with the weights.
<case>/confusion_<normalize>.csv: confusion_matrix with that normalize (none/true/pred/all).
<case>/scorers.csv: sklearn.metrics.get_scorer(name)(model, X, y) for each name in the case's
    SCORER_NAMES file. The tests wrap the written predictions, probabilities and decisions in
    a fake estimator, so a scorer is checked apart from any model fitkit would have to fit.
"""
import os

import numpy as np
import sklearn
from sklearn import metrics
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.linear_model import LinearRegression, LogisticRegression
from fixtures import fixture_dir, fixture_writer, load_bundled

OUT = fixture_dir("metrics")
write = fixture_writer(OUT)

AVERAGES = ["micro", "macro", "weighted"]


def classification_metrics(y, pred, proba, decision, w, binary):
    """(name, value) for every metric of one classification case."""
    out = [("accuracy_score", metrics.accuracy_score(y, pred, sample_weight=w)),
           ("balanced_accuracy_score", metrics.balanced_accuracy_score(y, pred, sample_weight=w))]
    fns = [("precision_score", metrics.precision_score), ("recall_score", metrics.recall_score),
           ("f1_score", metrics.f1_score),
           ("fbeta_score 0.5", lambda *a, **k: metrics.fbeta_score(*a, beta=0.5, **k)),
           ("fbeta_score 2", lambda *a, **k: metrics.fbeta_score(*a, beta=2.0, **k))]
    for name, f in fns:
        for avg in (["binary"] if binary else []) + AVERAGES:
            out.append((f"{name} {avg}", f(y, pred, average=avg, sample_weight=w)))
        for c, v in enumerate(f(y, pred, average=None, sample_weight=w)):
            out.append((f"{name} none {c}", v))
    out.append(("log_loss", metrics.log_loss(y, proba, sample_weight=w)))
    if binary:
        out += [("roc_auc_score", metrics.roc_auc_score(y, decision, sample_weight=w)),
                ("average_precision_score",
                 metrics.average_precision_score(y, decision, sample_weight=w)),
                ("brier_score_loss", metrics.brier_score_loss(y, proba[:, 1], sample_weight=w))]
    else:
        for avg in ("macro", "weighted"):
            out.append((f"roc_auc_score ovr {avg}",
                        metrics.roc_auc_score(y, proba, multi_class="ovr", average=avg,
                                              sample_weight=w)))
    return out


def regression_metrics(y, pred, w):
    out = [("mean_squared_error", metrics.mean_squared_error(y, pred, sample_weight=w)),
           ("root_mean_squared_error",
            metrics.mean_squared_error(y, pred, sample_weight=w, squared=False)),
           ("mean_absolute_error", metrics.mean_absolute_error(y, pred, sample_weight=w)),
           ("r2_score", metrics.r2_score(y, pred, sample_weight=w)),
           ("explained_variance_score", metrics.explained_variance_score(y, pred, sample_weight=w)),
           ("mean_poisson_deviance", metrics.mean_poisson_deviance(y, pred, sample_weight=w)),
           ("median_absolute_error", metrics.median_absolute_error(y, pred, sample_weight=w))]
    return out


class Fixed(BaseEstimator):
    """An estimator whose outputs are the written ones, row i of X being the index i: what the
    tests' fake estimator does, so get_scorer sees exactly the numbers the test sees."""

    def __init__(self, pred=None, proba=None, decision=None, classes=None):
        self.pred, self.proba, self.decision, self.classes = pred, proba, decision, classes

    def fit(self, X, y):
        return self

    def predict(self, X):
        return self.pred[X[:, 0].astype(int)]


class FixedClassifier(ClassifierMixin, Fixed):
    def fit(self, X, y):
        self.classes_ = self.classes
        return self

    def predict_proba(self, X):
        return self.proba[X[:, 0].astype(int)]

    def decision_function(self, X):
        return self.decision[X[:, 0].astype(int)]


class FixedRegressor(RegressorMixin, Fixed):
    pass


CLASSIFICATION_SCORERS = ["accuracy", "balanced_accuracy"] + [
    f"{m}{s}" for m in ("f1", "precision", "recall") for s in ("_macro", "_micro", "_weighted")
] + ["neg_log_loss"]
BINARY_SCORERS = ["f1", "precision", "recall", "roc_auc", "average_precision", "neg_brier_score"]
MULTICLASS_SCORERS = ["roc_auc_ovr"]
REGRESSION_SCORERS = ["r2", "neg_mean_squared_error", "neg_root_mean_squared_error",
                      "neg_mean_absolute_error", "neg_median_absolute_error", "explained_variance",
                      "neg_mean_poisson_deviance"]


def write_names(case, file, names):
    with open(os.path.join(OUT, case, file), "w") as f:
        f.write("".join(n + "\n" for n in names))


def write_case(case, y, pred, w, scores, scorers, model):
    write(case, "y_true", y)
    write(case, "y_pred", pred)
    write(case, "sample_weight", w)
    names = [n for n, _ in scores(None)]
    write_names(case, "METRIC_NAMES", names)
    write(case, "metrics", np.array([[v for _, v in scores(None)], [v for _, v in scores(w)]]).T)
    index = np.arange(len(y), dtype=float).reshape(-1, 1)
    model.fit(index, y)
    write_names(case, "SCORER_NAMES", scorers)
    write(case, "scorers", [metrics.get_scorer(s)(model, index, y) for s in scorers])


def classification_case(case, X, y, w, proba=None, decision=None):
    """A LogisticRegression fitted on X (standardised, so lbfgs converges) unless proba given."""
    if proba is None:
        X = (X - X.mean(axis=0)) / X.std(axis=0)
        clf = LogisticRegression(C=0.05, max_iter=1000).fit(X, y)
        proba = clf.predict_proba(X)
        decision = clf.decision_function(X) if len(clf.classes_) == 2 else None
    classes = np.unique(y)
    pred = classes[np.argmax(proba, axis=1)]
    binary = len(classes) == 2
    write(case, "proba", proba)
    if binary:
        write(case, "decision", decision)
    for normalize in (None, "true", "pred", "all"):
        write(case, f"confusion_{normalize or 'none'}",
              metrics.confusion_matrix(y, pred, normalize=normalize))
        write(case, f"confusion_{normalize or 'none'}_weighted",
              metrics.confusion_matrix(y, pred, normalize=normalize, sample_weight=w))
    write_case(case, y, pred, w,
               lambda sw: classification_metrics(y, pred, proba, decision, sw, binary),
               CLASSIFICATION_SCORERS + (BINARY_SCORERS if binary else MULTICLASS_SCORERS),
               FixedClassifier(pred, proba, decision, classes))


def write_reports(case, y, pred, w, names):
    """classification_report's text: plain, and weighted with class names and 4 digits."""
    y, pred = y.astype(int), pred.astype(int)
    with open(os.path.join(OUT, case, "classification_report.txt"), "w") as f:
        f.write(metrics.classification_report(y, pred))
    with open(os.path.join(OUT, case, "classification_report_weighted.txt"), "w") as f:
        f.write(metrics.classification_report(y, pred, sample_weight=w, digits=4,
                                              target_names=names))


def weights(n):
    """Row i weighs 0.5 (1 + i mod 4), as fixtures.row_weights; one zero weight."""
    w = 0.5 * (1 + np.arange(n) % 4)
    w[3] = 0.0
    return w


def main():
    for name in ("iris", "wine", "breast_cancer"):
        X, y = load_bundled(name)
        classification_case(name, X, y, weights(len(y)))

    # Ties: integer scores in 0..4, so many rows share a threshold (roc_auc and
    # average_precision must treat a tied block as one step).
    rng = np.random.RandomState(0)
    n = 60
    y = (rng.uniform(size=n) < 0.4).astype(float)
    decision = np.clip(np.round(2 * y + rng.normal(size=n)), 0, 4)
    p1 = decision / 4 * 0.9 + 0.05
    classification_case("ties", None, y, rng.uniform(0.0, 2.0, size=n),
                        np.column_stack([1 - p1, p1]), decision)

    X, y = load_bundled("diabetes")
    pred = LinearRegression().fit(X, y).predict(X)
    write_case("diabetes", y, pred, weights(len(y)), lambda sw: regression_metrics(y, pred, sw),
               REGRESSION_SCORERS, FixedRegressor(pred))

    names = {"iris": ["setosa", "versicolor", "virginica"], "wine": ["a", "b", "c"],
             "breast_cancer": ["benign", "malignant"], "ties": ["negative", "positive"]}
    for case, target_names in names.items():
        d = os.path.join(OUT, case)
        y_true, y_pred = np.loadtxt(os.path.join(d, "y_true.csv")), np.loadtxt(
            os.path.join(d, "y_pred.csv"))
        write_reports(case, y_true, y_pred, np.loadtxt(os.path.join(d, "sample_weight.csv")),
                      target_names)

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
