#!/usr/bin/python3
"""OneClassSVM(rbf): fitkit against scikit-learn (libsvm) on the same generated data, in one run.

    /usr/bin/python3 bench/bench_one_class_svm.py [--rows 10000] [--cols 20] [--nu 0.5]
                                                  [--repeat 1] [--build-dir build/release]

Draws --rows training and --rows held-out rows from a mixture of three Gaussian blobs (seeded),
fits OneClassSVM(nu) (rbf, gamma 'scale', tol 1e-3, cache 200 MB) in both, computes the
decision function of the held-out rows, and prints fit and decision times, the ratio fitkit /
scikit-learn, support vectors, the dual objective 0.5 a'Ka of both and how many held-out rows
they call inliers (equal quality: objectives within 1e-3 relative, as both stop at tol 1e-3,
and the same inlier count to 0.1% of the rows).
"""
import os
import tempfile

import numpy as np
from sklearn.datasets import make_blobs
from sklearn.svm import OneClassSVM

import benchlib


def dual_objective(model):
    """0.5 a'Ka over the support vectors (libsvm's objective for the one-class problem)."""
    return benchlib.rbf_half_quadratic(model)


def main():
    parser = benchlib.make_parser(__doc__, rows=10_000, cols=20)
    parser.add_argument("--nu", type=float, default=0.5)
    parser.add_argument("--repeat", type=int, default=1)
    args = benchlib.parse_args(parser)

    X_all, _ = make_blobs(n_samples=2 * args.rows, n_features=args.cols, centers=3,
                          cluster_std=2.0, random_state=0)
    X, Xt = np.asfortranarray(X_all[:args.rows]), np.asfortranarray(X_all[args.rows:])

    sk_fit, model = benchlib.best_of(args.repeat, lambda: OneClassSVM(nu=args.nu).fit(X))
    sk_decision_time, sk_decision = benchlib.best_of(args.repeat,
                                                     lambda: model.decision_function(Xt))
    sk_obj = dual_objective(model)

    driver = benchlib.driver_path(args.build_dir, "bench_one_class_svm")
    with tempfile.TemporaryDirectory() as tmp:
        x_path, xt_path = os.path.join(tmp, "X.f64"), os.path.join(tmp, "Xt.f64")
        out_path = os.path.join(tmp, "decision.f64")
        X.ravel(order="F").tofile(x_path)
        Xt.ravel(order="F").tofile(xt_path)
        r = benchlib.run_driver(driver, x_path, args.rows, args.cols, xt_path, args.rows,
                                out_path, args.repeat)
        decision = np.fromfile(out_path, dtype=np.float64)

    sk_inliers, fk_inliers = int((sk_decision >= 0).sum()), int((decision >= 0).sum())
    print(f"OneClassSVM(rbf, nu {args.nu}) on {args.rows} x {args.cols} (3 Gaussian blobs); "
          f"decision function of {args.rows} held-out rows")
    print(f"  scikit-learn fit {sk_fit:8.3f} s  decision {sk_decision_time:8.3f} s  "
          f"{len(model.support_):6d} SVs  objective {sk_obj:.8g}  {sk_inliers} inliers  "
          f"({model.n_iter_} SMO iterations)")
    print(f"  fitkit       fit {r['fit_seconds']:8.3f} s  decision {r['decision_seconds']:8.3f} s  "
          f"{r['n_sv']:6d} SVs  objective {r['objective']:.8g}  {fk_inliers} inliers  "
          f"({r['threads']} threads, {r['n_iter']} SMO iterations)")
    print(f"  ratio fitkit / scikit-learn: fit {r['fit_seconds'] / sk_fit:.3f}  "
          f"decision {r['decision_seconds'] / sk_decision_time:.3f}")
    print(f"  largest held-out decision difference {np.abs(decision - sk_decision).max():.3g}")
    rel = abs(r["objective"] - sk_obj) / abs(sk_obj)
    print(f"  dual objective relative difference: {rel:.3g}")
    if rel > 1e-3 or abs(sk_inliers - fk_inliers) > 1e-3 * args.rows:
        print("  WARNING: not equal quality (objective beyond 1e-3 relative or inlier counts apart)")


if __name__ == "__main__":
    main()
