"""Helpers shared by the bench/bench_*.py scripts that set a fitkit driver beside scikit-learn.

Each script generates its data with numpy, times scikit-learn in-process, writes the data as
raw float64 files for its bench/bench_<name> driver (built from bench/bench_<name>.cpp, which
reads them with bench_support.hpp) and parses the one JSON line the driver prints. The scripts
import this module from their own directory, which Python puts on sys.path when it runs them.
"""
import argparse
import contextlib
import json
import os
import subprocess
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_parser(doc, rows, cols):
    """An argument parser described by the first line of doc, with --rows and --cols."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--rows", type=int, default=rows)
    parser.add_argument("--cols", type=int, default=cols)
    return parser


def parse_args(parser):
    """Adds --build-dir (default ROOT/build/release) last and parses the command line."""
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build", "release"))
    return parser.parse_args()


def make_regression(rows, cols, seed=0):
    """X (Fortran order, features with mean 10 and scale 3) and y = X coef + 1.5 + noise."""
    rng = np.random.default_rng(seed)
    X = np.asfortranarray(rng.standard_normal((rows, cols)) * 3.0 + 10.0)
    coef = rng.standard_normal(cols)
    y = X @ coef + 1.5 + rng.standard_normal(rows)
    return X, y


def make_low_rank(rows, cols, offset=0.0, seed=0):
    """X (Fortran order): 30 latent Gaussian factors mixed into cols columns, plus noise of
    scale 0.5 and offset: the data of the decomposition benches."""
    rng = np.random.default_rng(seed)
    latent = rng.standard_normal((rows, 30))
    X = latent @ rng.standard_normal((30, cols)) + 0.5 * rng.standard_normal((rows, cols))
    return np.asfortranarray(X + offset)


def report_decomposition(title, sk_fit, model, driver, X, *driver_args):
    """Runs a decomposition driver on X (raw file first, then driver_args) and prints both fit
    times, their ratio and the largest difference of the explained variance ratios."""
    with raw_files(X, np.zeros(1)) as (x_path, _):
        r = run_driver(driver, x_path, *driver_args)
    ratio = np.array(r["explained_variance_ratio"])
    print(title)
    print(f"  scikit-learn fit {sk_fit:8.3f} s")
    print(f"  fitkit       fit {r['fit_seconds']:8.3f} s  ({r['threads']} threads)")
    print(f"  ratio fitkit / scikit-learn: fit {r['fit_seconds'] / sk_fit:.3f}")
    print(f"  largest explained variance ratio difference "
          f"{np.abs(ratio - model.explained_variance_ratio_).max():.3g}")


def best_of(repeat, fit):
    """Calls fit() repeat times; returns the shortest time in seconds and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fit()
        best = min(best, time.perf_counter() - start)
    return best, result


def driver_path(build_dir, name):
    return os.path.join(build_dir, "bench", name)


@contextlib.contextmanager
def raw_files(X, y):
    """Writes X (column-major) and y as raw float64 files in a temporary directory and yields
    their paths; the directory is removed afterwards. Drops its own references to X and y
    before yielding, so the caller can free X (del X) while the driver runs."""
    with tempfile.TemporaryDirectory() as tmp:
        x_path, y_path = os.path.join(tmp, "X.f64"), os.path.join(tmp, "y.f64")
        X.ravel(order="F").tofile(x_path)
        y.tofile(y_path)
        del X, y
        yield x_path, y_path


def run_driver(driver, *args):
    """Runs driver with args (turned into strings) and returns its JSON line as a dict."""
    out = subprocess.run([driver, *map(str, args)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def rbf_half_quadratic(model):
    """0.5 c'Kc for a fitted libsvm model's dual coefficients c (first row of dual_coef_) and
    its rbf kernel over the support vectors, computed in blocks of 2000 rows."""
    coef = model.dual_coef_[0]
    sv = model.support_vectors_
    sq = (sv * sv).sum(axis=1)
    quad = 0.0
    for start in range(0, len(sv), 2000):
        block = sv[start:start + 2000]
        K = np.exp(-model._gamma * np.maximum(
            sq[start:start + 2000, None] + sq[None, :] - 2 * block @ sv.T, 0))
        quad += 0.5 * coef[start:start + 2000] @ K @ coef
    return quad
