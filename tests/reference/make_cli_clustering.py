"""Fixtures for the clusterers' shared verbs (tests/test_cli_clusterers.cpp): how scikit-learn
scores the GaussianMixture labels of gaussian_mixture/iris_full (make_gaussian_mixture.py's
fit from given initial parameters) against iris's species, as `score --target` reports them.

  cli_clustering/iris_full/agreement.csv   adjusted_rand_score, normalized_mutual_info_score
"""
import os

import numpy as np
from sklearn.datasets import load_iris
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from fixtures import HERE, fixture_dir, fixture_writer

labels = np.loadtxt(os.path.join(HERE, "gaussian_mixture", "iris_full", "labels.csv"))
species = load_iris().target
write = fixture_writer(fixture_dir("cli_clustering"))
write("iris_full", "agreement",
      [adjusted_rand_score(species, labels), normalized_mutual_info_score(species, labels)])
