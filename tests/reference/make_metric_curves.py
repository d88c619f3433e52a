#!/usr/bin/python3
"""Reference fixtures for roc_curve and precision_recall_curve (issue 12, `fitkit report`).

Run with Debian's python3 (python3-sklearn, numpy), after make_metrics.py:
    /usr/bin/python3 tests/reference/make_metric_curves.py
Reads the scores make_metrics.py wrote under tests/reference/metrics/<case>/ and writes there,
with 17 significant digits, for the binary cases (breast_cancer, ties: decision.csv) and for
each class k of iris, one-vs-rest on proba.csv's column k (suffix _ovr<k>):

roc_curve[_weighted|_all]<suffix>.csv: columns fpr, tpr, thresholds (_weighted: with
    sample_weight.csv; _all: drop_intermediate=False).
pr_curve[_weighted]<suffix>.csv: columns precision, recall; pr_thresholds[_weighted]<suffix>.csv
    the thresholds (one fewer).
"""
import os

import numpy as np
from sklearn import metrics
from fixtures import fixture_dir, fixture_writer

OUT = fixture_dir("metrics")
write = fixture_writer(OUT)


def load(case, name):
    return np.loadtxt(os.path.join(OUT, case, name + ".csv"), delimiter=",")


def write_curves(case, y, score, w, pos_label, suffix):
    for tag, weights in (("", None), ("_weighted", w)):
        fpr, tpr, thr = metrics.roc_curve(y, score, pos_label=pos_label, sample_weight=weights)
        write(case, f"roc_curve{tag}{suffix}", np.column_stack([fpr, tpr, thr]))
        precision, recall, thr = metrics.precision_recall_curve(y, score, pos_label=pos_label,
                                                                sample_weight=weights)
        write(case, f"pr_curve{tag}{suffix}", np.column_stack([precision, recall]))
        write(case, f"pr_thresholds{tag}{suffix}", thr)
    fpr, tpr, thr = metrics.roc_curve(y, score, pos_label=pos_label, drop_intermediate=False)
    write(case, f"roc_curve_all{suffix}", np.column_stack([fpr, tpr, thr]))


def main():
    for case in ("breast_cancer", "ties"):
        write_curves(case, load(case, "y_true"), load(case, "decision"),
                     load(case, "sample_weight"), 1, "")
    y, proba, w = load("iris", "y_true"), load("iris", "proba"), load("iris", "sample_weight")
    for k in range(proba.shape[1]):
        write_curves("iris", y, proba[:, k], w, k, f"_ovr{k}")


if __name__ == "__main__":
    main()
