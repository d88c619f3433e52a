#!/usr/bin/python3
"""Reference fixtures for the cross-validation splitters and train_test_split (issue 12).

Run with Debian's python3 (python3-sklearn, numpy):
    /usr/bin/python3 tests/reference/make_splits.py
Writes, under tests/reference/model_selection/:

labels/<name>.csv: the label vectors (y, or groups for GroupKFold), one integer a line: iris's
    species (sorted by class, as the file has them), iris's species in a shuffled order,
    generated labels whose first-appearance order is not their sorted order, and group ids.
<splitter>.txt: one block per case. A line `case key=value ...` gives the parameters: n (the
    number of samples) or labels (a file in labels/), n_splits, shuffle, seed, stratify, and
    test_size / train_size (written with a dot for a fraction, without for a count; left out
    when None). Then a `train ...` and a `test ...` line for each fold, the indices in
    scikit-learn's order.
"""
import os
import warnings

import numpy as np
import sklearn
from sklearn.model_selection import (GroupKFold, KFold, ShuffleSplit, StratifiedKFold,
                                     StratifiedShuffleSplit, train_test_split)
from fixtures import fixture_dir, load_bundled

OUT = fixture_dir("model_selection")
SEEDS = [0, 1, 42]


def groups_ties():
    rng = np.random.RandomState(4)
    k, n = rng.randint(17, 40), rng.randint(40, 120)
    return rng.randint(0, k, size=n)


def make_labels():
    _, iris = load_bundled("iris")
    iris = iris.astype(int)
    rng = np.random.RandomState(3)
    labels = {
        "iris": iris,
        "iris_shuffled": iris[rng.permutation(len(iris))],
        # Unbalanced, first appearance 7, -2, 5, 11 (the largest class first): 37 rows.
        "generated": np.array([7, -2, 5] + list(rng.choice([7, 7, 7, -2, -2, 5, 11], 34))),
        # 12 rows, three classes of 4: remainders tie in _approximate_mode.
        "tied": np.array([1, 0, 0, 1, 1, 0, 2, 2, 1, 0, 2, 2]),
        # 100 rows in 25 groups of sizes 1..7, many equal (numpy's unstable argsort decides).
        "groups": rng.randint(0, 25, size=100) * 3 - 10,
        # 95 rows in 31 groups, sizes whose order numpy's quicksort (insertion sort up to 16
        # elements) and one switching at 17 elements would give differently.
        "groups_ties": groups_ties(),
        # 25 rows in 6 groups.
        "groups_small": np.array([4, 4, 1, 9, 9, 9, 2, 2, 1, 4, 0, 0, 0, 0, 9, 1, 2, 4, 4, 9,
                                  0, 1, 1, 7, 7]),
    }
    os.makedirs(os.path.join(OUT, "labels"), exist_ok=True)
    for name, y in labels.items():
        np.savetxt(os.path.join(OUT, "labels", name + ".csv"), y, fmt="%d")
    return labels


def size_text(v):
    return repr(float(v)) if isinstance(v, float) else str(int(v))


def write(name, cases):
    with open(os.path.join(OUT, name + ".txt"), "w") as f:
        for params, folds in cases:
            f.write("case " + " ".join(f"{k}={v}" for k, v in params.items()) + "\n")
            for train, test in folds:
                f.write("train " + " ".join(str(i) for i in train) + "\n")
                f.write("test " + " ".join(str(i) for i in test) + "\n")


def main():
    warnings.simplefilter("ignore", UserWarning)  # StratifiedKFold's small-class warning
    labels = make_labels()
    shuffles = [(False, None)] + [(True, s) for s in SEEDS]

    cases = []
    for n in [10, 11, 150]:
        for n_splits in [2, 3, 5]:
            for shuffle, seed in shuffles:
                cv = KFold(n_splits, shuffle=shuffle, random_state=seed)
                params = {"n": n, "n_splits": n_splits, "shuffle": int(shuffle), "seed": seed or 0}
                cases.append((params, cv.split(np.zeros(n))))
    write("kfold", cases)

    cases = []
    for name in ["iris", "iris_shuffled", "generated", "tied"]:
        y = labels[name]
        for n_splits in [2, 3, 5]:
            for shuffle, seed in shuffles:
                cv = StratifiedKFold(n_splits, shuffle=shuffle, random_state=seed)
                params = {"labels": name, "n_splits": n_splits, "shuffle": int(shuffle),
                          "seed": seed or 0}
                if n_splits <= np.bincount(np.unique(y, return_inverse=True)[1]).max():
                    cases.append((params, list(cv.split(np.zeros(len(y)), y))))
    write("stratified_kfold", cases)

    cases = []
    for name in ["groups", "groups_ties", "groups_small"]:
        g = labels[name]
        for n_splits in [2, 3, 5, 6]:
            cases.append(({"labels": name, "n_splits": n_splits},
                          GroupKFold(n_splits).split(np.zeros(len(g)), groups=g)))
    write("group_kfold", cases)

    sizes = [(None, None), (0.25, None), (None, 0.6), (3, None), (None, 12), (0.2, 0.5), (4, 9),
             (0.3, 5)]
    cases = []
    for n in [20, 57]:
        for test_size, train_size in sizes:
            for seed in SEEDS:
                cv = ShuffleSplit(4, test_size=test_size, train_size=train_size,
                                  random_state=seed)
                params = {"n": n, "n_splits": 4, "seed": seed}
                if test_size is not None:
                    params["test_size"] = size_text(test_size)
                if train_size is not None:
                    params["train_size"] = size_text(train_size)
                cases.append((params, cv.split(np.zeros(n))))
    write("shuffle_split", cases)

    cases = []
    for name in ["iris", "iris_shuffled", "generated", "tied"]:
        y = labels[name]
        for test_size, train_size in [(None, None), (0.25, None), (None, 0.6), (4, None),
                                      (0.3, 5), (5, 6)]:
            for seed in SEEDS:
                cv = StratifiedShuffleSplit(3, test_size=test_size, train_size=train_size,
                                            random_state=seed)
                params = {"labels": name, "n_splits": 3, "seed": seed}
                if test_size is not None:
                    params["test_size"] = size_text(test_size)
                if train_size is not None:
                    params["train_size"] = size_text(train_size)
                try:
                    cases.append((params, list(cv.split(np.zeros(len(y)), y))))
                except ValueError:  # too few test or train rows for the classes
                    pass
    write("stratified_shuffle_split", cases)

    cases = []
    for name in ["iris", "iris_shuffled", "generated", "tied"]:
        y = labels[name]
        n = len(y)
        rows = np.arange(n)
        for test_size, train_size in [(None, None), (0.2, None), (None, 0.5), (5, None),
                                      (0.3, 5)]:
            # Without stratify the labels do not matter: only iris's 150 and the 37 generated.
            for shuffle, stratify in ([(False, False), (True, False)]
                                      if name in ("iris", "generated") else []) + [(True, True)]:
                for seed in (SEEDS if shuffle else [0]):
                    try:
                        train, test = train_test_split(
                            rows, test_size=test_size, train_size=train_size, shuffle=shuffle,
                            random_state=seed, stratify=y if stratify else None)
                    except ValueError:  # too few test or train rows for the classes
                        continue
                    params = {"labels": name, "n": n, "shuffle": int(shuffle),
                              "stratify": int(stratify), "seed": seed}
                    if test_size is not None:
                        params["test_size"] = size_text(test_size)
                    if train_size is not None:
                        params["train_size"] = size_text(train_size)
                    cases.append((params, [(train, test)]))
    write("train_test_split", cases)

    with open(os.path.join(OUT, "VERSIONS"), "w") as f:
        f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
