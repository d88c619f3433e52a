#!/usr/bin/python3
"""SVR(rbf) and NuSVR(rbf): fitkit against scikit-learn (libsvm) on the same generated data,
in one run.

    /usr/bin/python3 bench/bench_svr.py [--rows 16000] [--cols 20] [--noise 1.0]
                                        [--estimator svr|nusvr] [--build-dir build/release]

Generates a regression problem with scikit-learn's make_regression (seeded; 10 informative
features of 20, Gaussian noise --noise on the raw target) and standardises the target (mean 0,
deviation 1) so that SVR's defaults (C 1, epsilon 0.1) fit it; fits SVR() (rbf, gamma 'scale',
tol 1e-3, cache 200 MB) in both on the first --rows rows, predicts --rows held-out rows, and
prints fit and predict times, the ratio fitkit / scikit-learn (the issue's target: fit at most
0.4), support vectors, the dual objective and the held-out R² of both, and the largest
difference of the held-out predictions (equal quality: objectives within 1e-3 relative, as
both stop at tol 1e-3; held-out R² within 1e-3). --estimator nusvr fits NuSVR() (nu 0.5,
C 1) instead (no target in the issue).
"""
import os
import tempfile

import numpy as np
from sklearn.datasets import make_regression
from sklearn.metrics import r2_score
from sklearn.svm import SVR, NuSVR

import benchlib


def dual_objective(model, y):
    """0.5 b'Kb + epsilon sum |b| - y'b over the support vectors (NuSVR: 0.5 b'Kb - y'b, as
    libsvm reports it)."""
    coef = model.dual_coef_[0]
    quad = benchlib.rbf_half_quadratic(model)
    tube = model.epsilon * np.abs(coef).sum() if isinstance(model, SVR) else 0.0
    return quad + tube - y[model.support_] @ coef


def main():
    parser = benchlib.make_parser(__doc__, rows=16_000, cols=20)
    parser.add_argument("--noise", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--estimator", choices=["svr", "nusvr"], default="svr")
    args = benchlib.parse_args(parser)

    X_all, y_all = make_regression(n_samples=2 * args.rows, n_features=args.cols,
                                   n_informative=min(10, args.cols), noise=args.noise,
                                   random_state=0)
    y_all = (y_all - y_all.mean()) / y_all.std()
    X, y = np.asfortranarray(X_all[:args.rows]), y_all[:args.rows]
    Xt, yt = np.asfortranarray(X_all[args.rows:]), y_all[args.rows:]

    kind = NuSVR if args.estimator == "nusvr" else SVR
    sk_fit, model = benchlib.best_of(args.repeat, lambda: kind().fit(X, y))
    sk_predict, sk_pred = benchlib.best_of(args.repeat, lambda: model.predict(Xt))
    sk_obj = dual_objective(model, y)

    driver = benchlib.driver_path(args.build_dir, "bench_svr")
    with benchlib.raw_files(X, y) as (x_path, y_path), tempfile.TemporaryDirectory() as tmp:
        xt_path, pred_path = os.path.join(tmp, "Xt.f64"), os.path.join(tmp, "pred.f64")
        Xt.ravel(order="F").tofile(xt_path)
        r = benchlib.run_driver(driver, x_path, y_path, args.rows, args.cols, xt_path, args.rows,
                                pred_path, args.repeat, args.estimator)
        pred = np.fromfile(pred_path, dtype=np.float64)

    sk_r2, fk_r2 = r2_score(yt, sk_pred), r2_score(yt, pred)
    print(f"{kind.__name__}(rbf) on {args.rows} x {args.cols} (make_regression, noise {args.noise}, "
          f"standardised target), default parameters; predict {args.rows} held-out rows")
    print(f"  scikit-learn fit {sk_fit:8.3f} s  predict {sk_predict:8.3f} s  "
          f"{len(model.support_):6d} SVs  objective {sk_obj:.8g}  R2 {sk_r2:.5f}  "
          f"({model.n_iter_} SMO iterations)")
    print(f"  fitkit       fit {r['fit_seconds']:8.3f} s  predict {r['predict_seconds']:8.3f} s  "
          f"{r['n_sv']:6d} SVs  objective {r['objective']:.8g}  R2 {fk_r2:.5f}  "
          f"({r['threads']} threads, {r['n_iter']} SMO iterations)")
    print(f"  ratio fitkit / scikit-learn: fit {r['fit_seconds'] / sk_fit:.3f}  "
          f"predict {r['predict_seconds'] / sk_predict:.3f}")
    print(f"  largest held-out prediction difference {np.abs(pred - sk_pred).max():.3g}")
    rel = abs(r["objective"] - sk_obj) / abs(sk_obj)
    print(f"  dual objective relative difference: {rel:.3g}")
    if rel > 1e-3 or abs(sk_r2 - fk_r2) > 1e-3:
        print("  WARNING: not equal quality (objective beyond 1e-3 relative or R2 apart)")


if __name__ == "__main__":
    main()
