#!/usr/bin/python3
"""SVC(rbf) and NuSVC(rbf): fitkit against scikit-learn (libsvm) on the same generated data,
in one run.

    /usr/bin/python3 bench/bench_svc.py [--rows 32000] [--cols 20] [--build-dir build/release]
                                        [--estimator svc|nusvc] [--probability]

--estimator nusvc fits NuSVC() (nu 0.5) instead; --probability fits both with probability=True
(random_state / seed 0: the same folds) and also compares probA, probB and the held-out
probabilities.

Generates a binary problem with scikit-learn's make_classification (seeded; class_sep 2,
10 informative features of 20, 1% flipped labels), fits SVC() (rbf, gamma 'scale', C 1, tol 1e-3, cache 200 MB)
in both on the first --rows rows, predicts --rows held-out rows, and prints fit and predict
times, the ratios fitkit / scikit-learn (the issue's targets: fit at most 0.4, predict at most
0.2), support vectors, the dual objective and the held-out accuracy of both, and how many
held-out predictions differ (equal quality: objectives within 1e-3 relative, as both stop at
tol 1e-3; held-out accuracy equal to 0.1%).
"""
import os
import tempfile

import numpy as np
from sklearn.datasets import make_classification
from sklearn.svm import SVC, NuSVC

import benchlib


def dual_objective(model, X, nu=False):
    # libsvm's obj: 0.5 a'Qa - sum a for SVC, 0.5 a'Qa (after its 1/r scaling) for NuSVC
    quad = benchlib.rbf_half_quadratic(model)
    return quad if nu else quad - np.abs(model.dual_coef_[0]).sum()


def main():
    parser = benchlib.make_parser(__doc__, rows=32_000, cols=20)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--estimator", choices=["svc", "nusvc"], default="svc")
    parser.add_argument("--probability", action="store_true")
    args = benchlib.parse_args(parser)

    X_all, y_all = make_classification(n_samples=2 * args.rows, n_features=args.cols,
                                       n_informative=min(10, args.cols), class_sep=2.0,
                                       random_state=0)
    X, y = np.asfortranarray(X_all[:args.rows]), y_all[:args.rows].astype(float)
    Xt = np.asfortranarray(X_all[args.rows:])
    yt = y_all[args.rows:]

    nu = args.estimator == "nusvc"
    kind = NuSVC if nu else SVC
    extra = {"probability": True, "random_state": 0} if args.probability else {}
    sk_fit, model = benchlib.best_of(args.repeat, lambda: kind(**extra).fit(X, y))
    sk_predict, sk_pred = benchlib.best_of(args.repeat, lambda: model.predict(Xt))
    sk_decision = model.decision_function(Xt)
    sk_obj = dual_objective(model, X, nu)

    driver = benchlib.driver_path(args.build_dir, "bench_svc")
    with benchlib.raw_files(X, y) as (x_path, y_path), tempfile.TemporaryDirectory() as tmp:
        xt_path, dec_path = os.path.join(tmp, "Xt.f64"), os.path.join(tmp, "dec.f64")
        Xt.ravel(order="F").tofile(xt_path)
        r = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols, xt_path, args.rows,
                                dec_path, args.repeat, args.estimator,
                                int(args.probability))
        decision = np.fromfile(dec_path, dtype=np.float64)
    if args.probability:
        decision, proba = decision[:args.rows], decision[args.rows:]
    pred = (decision >= 0).astype(float)

    sk_acc, fk_acc = np.mean(sk_pred == yt), np.mean(pred == yt)
    name = ("NuSVC" if nu else "SVC") + ("(rbf, probability=True)" if args.probability else "(rbf)")
    print(f"{name} on {args.rows} x {args.cols}, binary, default parameters; "
          f"predict {args.rows} held-out rows")
    print(f"  scikit-learn fit {sk_fit:8.3f} s  predict {sk_predict:8.3f} s  "
          f"{len(model.support_):6d} SVs  objective {sk_obj:.8g}  accuracy {sk_acc:.4f}")
    print(f"  fitkit       fit {r['fit_seconds']:8.3f} s  predict {r['predict_seconds']:8.3f} s  "
          f"{r['n_sv']:6d} SVs  objective {r['objective']:.8g}  accuracy {fk_acc:.4f}  "
          f"({r['threads']} threads, {r['n_iter']} SMO iterations)")
    print(f"  ratio fitkit / scikit-learn: fit {r['fit_seconds'] / sk_fit:.3f}  "
          f"predict {r['predict_seconds'] / sk_predict:.3f}")
    print(f"  held-out predictions that differ: {int(np.sum(pred != sk_pred))}; largest decision "
          f"difference {np.abs(decision - sk_decision).max():.3g}")
    if args.probability:
        print(f"  probA {r['probA']:.6g} vs {model.probA_[0]:.6g}, probB {r['probB']:.6g} vs "
              f"{model.probB_[0]:.6g}; largest held-out P(class 1) difference "
              f"{np.abs(proba - model.predict_proba(Xt)[:, 1]).max():.3g}")
    rel = abs(r["objective"] - sk_obj) / abs(sk_obj)
    print(f"  dual objective relative difference: {rel:.3g}")
    if rel > 1e-3 or abs(sk_acc - fk_acc) > 1e-3:
        print("  WARNING: not equal quality (objective beyond 1e-3 relative or accuracy apart)")


if __name__ == "__main__":
    main()
