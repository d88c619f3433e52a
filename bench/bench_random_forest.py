#!/usr/bin/python3
"""RandomForestClassifier: fitkit against scikit-learn on the same generated data, in one run.

    /usr/bin/python3 bench/bench_random_forest.py [--rows 80000] [--cols 20] [--trees 100]
                                                  [--max-bins 255] [--build-dir build/release]

Generates a classification problem with scikit-learn's make_classification (seeded; 2 classes,
10 informative features of 20, 2% label noise), fits RandomForestClassifier(n_estimators=100,
random_state=0, n_jobs=2) with the defaults otherwise on the first --rows rows, and fitkit's
RandomForestClassifier (seed 0, on both cores; --max-bins 255 is fitkit's default, binned
splits; --max-bins none grows scikit-learn's exact trees) on the same rows; predicts --rows
held-out rows; prints fit and predict times, the model file size against scikit-learn's pickle
(protocol 5), the ratios fitkit / scikit-learn (the issue's targets: fit at most 0.25, predict
at most 0.3, file at most 0.3) and held-out accuracy and log-loss of both.
"""
import os
import pickle
import tempfile

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import log_loss

import benchlib


def main():
    parser = benchlib.make_parser(__doc__, rows=80_000, cols=20)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--max-bins", default="255")
    args = benchlib.parse_args(parser)

    X_all, y_all = make_classification(n_samples=2 * args.rows, n_features=args.cols,
                                       n_informative=min(10, args.cols), flip_y=0.02,
                                       random_state=0)
    y_all = y_all.astype(float)
    X, y = np.asfortranarray(X_all[:args.rows]), y_all[:args.rows]
    Xt, yt = np.asfortranarray(X_all[args.rows:]), y_all[args.rows:]

    sk_fit, model = benchlib.best_of(1, lambda: RandomForestClassifier(
        n_estimators=args.trees, random_state=0, n_jobs=2).fit(X, y))
    sk_predict, sk_proba = benchlib.best_of(1, lambda: model.predict_proba(Xt)[:, 1])
    sk_bytes = len(pickle.dumps(model, protocol=5))

    driver = benchlib.driver_path(args.build_dir, "bench_random_forest")
    with benchlib.raw_files(X, y) as (x_path, y_path), tempfile.TemporaryDirectory() as tmp:
        xt_path, proba_path = os.path.join(tmp, "Xt.f64"), os.path.join(tmp, "proba.f64")
        Xt.ravel(order="F").tofile(xt_path)
        r = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols, xt_path, args.rows,
                                proba_path, args.trees, args.max_bins,
                                os.path.join(tmp, "forest.bin"))
        proba = np.fromfile(proba_path, dtype=np.float64)

    def quality(p):
        return ((p > 0.5) == yt).mean(), log_loss(yt, np.clip(p, 1e-15, 1 - 1e-15))

    (sk_acc, sk_ll), (fk_acc, fk_ll) = quality(sk_proba), quality(proba)
    print(f"RandomForestClassifier, {args.trees} trees, on {args.rows} x {args.cols} "
          f"(make_classification); predict {args.rows} held-out rows; fitkit max_bins "
          f"{args.max_bins}")
    print(f"  scikit-learn fit {sk_fit:8.3f} s  predict {sk_predict:7.3f} s  pickle "
          f"{sk_bytes / 1e6:8.2f} MB  accuracy {sk_acc:.5f}  log-loss {sk_ll:.5f}  (n_jobs=2)")
    print(f"  fitkit       fit {r['fit_seconds']:8.3f} s  predict {r['predict_seconds']:7.3f} s  "
          f"model  {r['model_bytes'] / 1e6:8.2f} MB  accuracy {fk_acc:.5f}  log-loss {fk_ll:.5f}  "
          f"({r['threads']} threads)")
    print(f"  ratio fitkit / scikit-learn: fit {r['fit_seconds'] / sk_fit:.3f}  predict "
          f"{r['predict_seconds'] / sk_predict:.3f}  file {r['model_bytes'] / sk_bytes:.3f}")


if __name__ == "__main__":
    main()
