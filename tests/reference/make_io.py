#!/usr/bin/python3
"""Reference fixtures for the data readers (tests/test_csv.cpp, tests/test_libsvm.cpp and the
CLI tests): files written by pandas and scikit-learn as their users write them, and what pandas
and scikit-learn read back from them.

Run with Debian's python3 (python3-sklearn, pandas):  /usr/bin/python3 tests/reference/make_io.py
Writes tests/reference/io/:
  diabetes_pandas.csv       pandas.DataFrame(array).to_csv(index=False) of scikit-learn's raw
                            diabetes table, target last: its header is 0,1,...,10
  diabetes_pandas/          LinearRegression on pandas.read_csv's rows of it: n_rows, coef,
                            intercept, score (R2 on those rows)
  labels.csv                a text target written by pandas, labels differing only in blanks
  labels_read.txt           pandas.read_csv's labels of it, one per line, byte for byte (also
                            what LogisticRegression fitted on it predicts for its rows)
  labels_classes.txt        pandas.read_csv's sorted distinct labels, one per line
  iris_zero_based.svm       sklearn.datasets.dump_svmlight_file of iris (0-based, its default)
  iris_zero_based/X.csv     load_svmlight_file(zero_based="auto") of it: iris' X
"""
import os

import numpy as np
import pandas as pd
from sklearn.datasets import dump_svmlight_file, load_diabetes, load_iris, load_svmlight_file
from sklearn.linear_model import LinearRegression, LogisticRegression
from fixtures import fixture_dir, fixture_writer

OUT = fixture_dir("io")
write = fixture_writer(OUT)
os.makedirs(OUT, exist_ok=True)


def numeric_header():
    X, y = load_diabetes(return_X_y=True, scaled=False)
    path = os.path.join(OUT, "diabetes_pandas.csv")
    pd.DataFrame(np.column_stack([X, y])).to_csv(path, index=False)
    frame = pd.read_csv(path)  # as a pandas user reads it back: the first line is the header
    assert list(frame.columns) == [str(j) for j in range(11)] and len(frame) == len(y)
    X_read, y_read = frame.iloc[:, :-1].to_numpy(), frame.iloc[:, -1].to_numpy()
    model = LinearRegression().fit(X_read, y_read)
    write("diabetes_pandas", "n_rows", [len(frame)])
    write("diabetes_pandas", "coef", model.coef_)
    write("diabetes_pandas", "intercept", [model.intercept_])
    write("diabetes_pandas", "score", [model.score(X_read, y_read)])


def labels_kept_as_written():
    # Four classes at the corners of a square, so that a logistic regression predicts each
    # training row's own label; two of them differ from the others only in blanks.
    labels = ["yes", "yes ", "no", " Iris virginica "]
    corners = [(0.0, 0.0), (0.0, 10.0), (10.0, 0.0), (10.0, 10.0)]
    rows = [(x + 0.5 * k, y - 0.5 * k, label) for k in range(3)
            for (x, y), label in zip(corners, labels)]
    path = os.path.join(OUT, "labels.csv")
    pd.DataFrame(rows, columns=["a", "b", "answer"]).to_csv(path, index=False)
    frame = pd.read_csv(path)
    read = list(frame["answer"])
    assert sorted(set(read)) == sorted(labels)
    model = LogisticRegression().fit(frame[["a", "b"]], frame["answer"])
    assert list(model.predict(frame[["a", "b"]])) == read
    with open(os.path.join(OUT, "labels_read.txt"), "w") as out:
        out.writelines(label + "\n" for label in read)
    with open(os.path.join(OUT, "labels_classes.txt"), "w") as out:
        out.writelines(label + "\n" for label in sorted(set(read)))


def zero_based_libsvm():
    X, y = load_iris(return_X_y=True)
    path = os.path.join(OUT, "iris_zero_based.svm")
    dump_svmlight_file(X, y, path)  # zero_based=True by default
    X_read, y_read = load_svmlight_file(path, zero_based="auto")
    assert np.array_equal(X_read.toarray(), X) and np.array_equal(y_read, y)
    write("iris_zero_based", "X", X_read.toarray())


numeric_header()
labels_kept_as_written()
zero_based_libsvm()
