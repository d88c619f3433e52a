#pragma once
// scikit-learn's cross-validation splitters and train_test_split as index functions: for the
// same integer random_state (`seed`, below 2^32) they give scikit-learn 1.2's indices, in its
// order, since they draw from numpy's legacy RandomState as scikit-learn does.
//
// A splitter's split() returns every fold at once. Labels (y, groups) are any integers; the
// splitters only compare them. `seed` is used only when the splitter shuffles (scikit-learn
// refuses a random_state with shuffle=False; here it is ignored).
//
// Errors as scikit-learn raises them: InvalidParameter for n_splits < 2 and sizes out of
// range, DataError for more folds than samples (or groups, or members of every class), a class
// of one member in a stratified shuffle split, and an empty training or test set.

#include <cstdint>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit {

// One split: the training and test rows, as scikit-learn lists them.
struct Fold {
  arma::uvec train;
  arma::uvec test;
};

// test_size / train_size: unset, a fraction in (0, 1), or a count in [1, n_samples).
class SplitSize {
 public:
  SplitSize() = default;  // unset: the other size's complement, or the splitter's default
  static SplitSize fraction(double value);
  static SplitSize count(Index value);

  bool is_set() const noexcept { return kind_ != Kind::unset; }
  bool is_fraction() const noexcept { return kind_ == Kind::fraction; }
  double value() const noexcept { return value_; }

 private:
  enum class Kind { unset, fraction, count };
  Kind kind_ = Kind::unset;
  double value_ = 0;
};

// Consecutive folds of n_samples / n_splits rows (the first n_samples % n_splits one more),
// of the rows shuffled once when `shuffle`.
struct KFold {
  Index n_splits = 5;
  bool shuffle = false;
  std::uint32_t seed = 0;

  std::vector<Fold> split(Index n_samples) const;
};

// Folds keeping each class's share: classes numbered by first appearance, each class's rows
// given to the folds in blocks (round robin over the sorted labels), the block order shuffled
// per class when `shuffle`.
struct StratifiedKFold {
  Index n_splits = 5;
  bool shuffle = false;
  std::uint32_t seed = 0;

  std::vector<Fold> split(const Labels& y) const;
};

// Each group whole in one test fold: the largest groups first, each to the lightest fold.
struct GroupKFold {
  Index n_splits = 5;

  std::vector<Fold> split(const Labels& groups) const;
};

// n_splits independent random splits; test_size defaults to 0.1 when neither size is set.
struct ShuffleSplit {
  Index n_splits = 10;
  SplitSize test_size;
  SplitSize train_size;
  std::uint32_t seed = 0;

  std::vector<Fold> split(Index n_samples) const;
};

// ShuffleSplit keeping each class's share (scikit-learn's _approximate_mode, ties broken at
// random); every class needs two members.
struct StratifiedShuffleSplit {
  Index n_splits = 10;
  SplitSize test_size;
  SplitSize train_size;
  std::uint32_t seed = 0;

  std::vector<Fold> split(const Labels& y) const;
};

// One split; test_size defaults to 0.25 when neither size is set. Without `shuffle` the first
// rows train and the next ones test (and `stratify` must be null).
Fold train_test_split(Index n_samples, SplitSize test_size, SplitSize train_size,
                      std::uint32_t seed, bool shuffle = true, const Labels* stratify = nullptr);

}  // namespace fitkit
