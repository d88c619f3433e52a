#!/usr/bin/python3
"""DecisionTreeClassifier: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_decision_tree.py [--rows 160000] [--cols 20]
                                                  [--build-dir build/release]

Generates a classification problem with scikit-learn's make_classification (seeded; 2 classes,
10 informative features of 20, 2% label noise), fits DecisionTreeClassifier(random_state=0)
with the defaults (gini, fully grown) in both on the first --rows rows, predicts --rows
held-out rows, and prints fit and predict times, the ratio fitkit / scikit-learn (the issue's
target: fit at most 0.4), node counts and held-out accuracies (the trees are the same tree, so
the predictions should agree on every row).
"""
import os
import tempfile

import numpy as np
from sklearn.datasets import make_classification
from sklearn.tree import DecisionTreeClassifier

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=160_000, cols=20)
    parser.add_argument("--repeat", type=int, default=1)
    args = benchlib.parse_args(parser)

    X_all, y_all = make_classification(n_samples=2 * args.rows, n_features=args.cols,
                                       n_informative=min(10, args.cols), flip_y=0.02,
                                       random_state=0)
    y_all = y_all.astype(float)
    X, y = np.asfortranarray(X_all[:args.rows]), y_all[:args.rows]
    Xt, yt = np.asfortranarray(X_all[args.rows:]), y_all[args.rows:]

    sk_fit, model = benchlib.best_of(
        args.repeat, lambda: DecisionTreeClassifier(random_state=0).fit(X, y))
    sk_predict, sk_pred = benchlib.best_of(args.repeat, lambda: model.predict(Xt))

    driver = benchlib.driver_path(args.build_dir, "bench_decision_tree")
    with benchlib.raw_files(X, y) as (x_path, y_path), tempfile.TemporaryDirectory() as tmp:
        xt_path, pred_path = os.path.join(tmp, "Xt.f64"), os.path.join(tmp, "pred.f64")
        Xt.ravel(order="F").tofile(xt_path)
        r = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols, xt_path, args.rows,
                                pred_path, args.repeat)
        pred = np.fromfile(pred_path, dtype=np.float64)

    sk_acc, fk_acc = (sk_pred == yt).mean(), (pred == yt).mean()
    print(f"DecisionTreeClassifier on {args.rows} x {args.cols} (make_classification), "
          f"default parameters; predict {args.rows} held-out rows")
    print(f"  scikit-learn fit {sk_fit:8.3f} s  predict {sk_predict:8.3f} s  "
          f"{model.tree_.node_count:7d} nodes  accuracy {sk_acc:.5f}")
    print(f"  fitkit       fit {r['fit_seconds']:8.3f} s  predict {r['predict_seconds']:8.3f} s  "
          f"{r['node_count']:7d} nodes  accuracy {fk_acc:.5f}  ({r['threads']} threads)")
    print(f"  ratio fitkit / scikit-learn: fit {r['fit_seconds'] / sk_fit:.3f}  "
          f"predict {r['predict_seconds'] / sk_predict:.3f}")
    print(f"  held-out predictions that differ: {int((pred != sk_pred).sum())}")


if __name__ == "__main__":
    main()
