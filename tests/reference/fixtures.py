"""What the make_*.py fixture scripts share: where the repository is, and how a fixture is
written (a plain CSV of numbers with 17 significant digits, which reads back exactly)."""
import os

import numpy as np

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
