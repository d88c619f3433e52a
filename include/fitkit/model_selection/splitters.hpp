#pragma once
// scikit-learn's KFold and StratifiedKFold: the same folds, in the same order, for the same
// n_splits, shuffle and integer random_state (numpy's RandomState(seed).shuffle, reproduced).
// Each fold's training and test rows are in increasing order, as scikit-learn yields them.

#include <cstdint>
#include <vector>

#include "fitkit/model_selection/cross_validation.hpp"

namespace fitkit {

class KFold {
 public:
  // InvalidParameter for n_splits below 2.
  explicit KFold(int n_splits = 5, bool shuffle = false, std::uint32_t random_state = 0);
  // Contiguous blocks (of a shuffled order when shuffle), the first n_samples % n_splits one
  // row larger. DataError for more folds than samples.
  std::vector<Fold> split(Index n_samples) const;
  int n_splits() const { return n_splits_; }

 private:
  int n_splits_;
  bool shuffle_;
  std::uint32_t random_state_;
};

class StratifiedKFold {
 public:
  explicit StratifiedKFold(int n_splits = 5, bool shuffle = false, std::uint32_t random_state = 0);
  // Each class spread over the folds as evenly as scikit-learn 1.2 spreads it (classes taken in
  // order of first appearance, each fold's share of a class in one block of its rows unless
  // shuffle). DataError when y is not class labels or every class has fewer members than
  // n_splits; a runtime warning when the smallest class has.
  std::vector<Fold> split(const Vector& y) const;
  int n_splits() const { return n_splits_; }

 private:
  int n_splits_;
  bool shuffle_;
  std::uint32_t random_state_;
};

// scikit-learn's cv=n for an estimator: StratifiedKFold(n) for a classifier (y holding class
// labels), KFold(n) otherwise; unshuffled.
std::vector<Fold> default_folds(const Estimator& estimator, const Vector& y, Index n_samples,
                                int n_splits = 5);

}  // namespace fitkit
