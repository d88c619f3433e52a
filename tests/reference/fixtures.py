"""What the make_*.py fixture scripts share: where the repository is, and how a fixture is
written (a plain CSV of numbers with 17 significant digits, which reads back exactly)."""
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def fixture_dir(folder):
    """tests/reference/<folder>: where one script's fixtures go."""
    return os.path.join(HERE, folder)


def fixture_writer(out):
    """write(case, name, array) -> <out>/<case>/<name>.csv"""

    def write(case, name, array):
        path = os.path.join(out, case)
        os.makedirs(path, exist_ok=True)
        array = np.atleast_1d(np.asarray(array, dtype=float))
        np.savetxt(os.path.join(path, name + ".csv"), array, delimiter=",", fmt="%.17g")

    return write


def wide_ridge_problem():
    """Correlated features, fewer samples than features: 5 latent factors behind 100 columns,
    with sample weights (some zero). Written to ridge/wide by make_ridge.py; make_ridge_cv.py
    fits the same data."""
    rng = np.random.RandomState(0)
    n, d = 40, 100
    latent = rng.normal(size=(n, 5))
    X = latent @ rng.normal(size=(5, d)) + 0.1 * rng.normal(size=(n, d)) + rng.normal(size=d) * 3
    beta = np.zeros(d)
    beta[:10] = rng.normal(size=10) * 2
    y = X @ beta + 0.5 * rng.normal(size=n) + 4.0
    w = rng.uniform(0.0, 3.0, size=n)
    w[::9] = 0.0
    return X, y, w


BUNDLED_TARGETS = {"iris": "species", "wine": "cultivar", "breast_cancer": "diagnosis",
                   "diabetes": "progression"}


def load_bundled(name):
    """datasets/<name>.csv as X, y (floats; text labels as their index among the sorted
    labels), the target column dropped: as tests/bundled_data.hpp's bundled() reads it."""
    frame = pd.read_csv(os.path.join(ROOT, "datasets", name + ".csv"))
    target = BUNDLED_TARGETS[name]
    X = frame.drop(columns=target).to_numpy(dtype=float)
    y = frame[target].to_numpy()
    if name != "diabetes":
        _, y = np.unique(y, return_inverse=True)
    return X, y.astype(float)


def row_weights(n):
    """Sample weights the tree tests rebuild: row i weighs 0.5 (1 + i mod 4)."""
    return 0.5 * (1 + np.arange(n) % 4)
