#include "fitkit/model_selection/splitters.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <string>

#include "ensemble/numpy_random_state.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/warnings.hpp"

namespace fitkit {
namespace {

void check_n_splits(int n_splits) {
  if (n_splits < 2)
    throw InvalidParameter("n_splits", "must be at least 2, got " + std::to_string(n_splits));
}

// numpy's legacy RandomState.shuffle: from the last position down, a swap with a position
// drawn from those up to it.
template <class T>
void numpy_shuffle(std::vector<T>& values, detail::NumpyRandomState& rng) {
  for (std::size_t i = values.size(); i-- > 1;) {
    const auto j = static_cast<std::size_t>(rng.randint(0, static_cast<std::int64_t>(i) + 1));
    std::swap(values[i], values[j]);
  }
}

// The folds of a test-fold assignment, k = 0, 1, ...; test rows in increasing order.
std::vector<Fold> folds_of(const std::vector<int>& test_fold, int n_splits) {
  std::vector<Fold> folds;
  const arma::ivec assigned = arma::conv_to<arma::ivec>::from(test_fold);
  for (int k = 0; k < n_splits; ++k)
    folds.push_back({arma::find(assigned != k), arma::find(assigned == k)});
  return folds;
}

}  // namespace

KFold::KFold(int n_splits, bool shuffle, std::uint32_t random_state)
    : n_splits_(n_splits), shuffle_(shuffle), random_state_(random_state) {
  check_n_splits(n_splits);
}

std::vector<Fold> KFold::split(Index n_samples) const {
  if (static_cast<Index>(n_splits_) > n_samples)
    throw DataError("cannot have n_splits=" + std::to_string(n_splits_) +
                    " greater than the number of samples: n_samples=" + std::to_string(n_samples));
  std::vector<arma::uword> order(n_samples);
  std::iota(order.begin(), order.end(), arma::uword{0});
  if (shuffle_) {
    detail::NumpyRandomState rng(random_state_);
    numpy_shuffle(order, rng);
  }
  std::vector<Fold> folds;
  Index start = 0;
  for (int k = 0; k < n_splits_; ++k) {
    const Index size = n_samples / n_splits_ + (static_cast<Index>(k) < n_samples % n_splits_);
    arma::uvec in_test(n_samples, arma::fill::zeros);
    for (Index i = start; i < start + size; ++i) in_test(order[i]) = 1;
    Fold fold{arma::find(in_test == 0), arma::find(in_test == 1)};
    folds.push_back(std::move(fold));
    start += size;
  }
  return folds;
}

StratifiedKFold::StratifiedKFold(int n_splits, bool shuffle, std::uint32_t random_state)
    : n_splits_(n_splits), shuffle_(shuffle), random_state_(random_state) {
  check_n_splits(n_splits);
}

std::vector<Fold> StratifiedKFold::split(const Vector& y) const {
  const Labels labels = labels_from_values(y, "StratifiedKFold");
  // Classes numbered in order of first appearance.
  std::map<std::int64_t, int> class_of;
  std::vector<int> encoded(labels.n_elem);
  for (Index i = 0; i < labels.n_elem; ++i)
    encoded[i] = class_of.emplace(labels(i), static_cast<int>(class_of.size())).first->second;
  const int n_classes = static_cast<int>(class_of.size());
  std::vector<Index> counts(n_classes, 0);
  for (const int c : encoded) ++counts[c];
  const Index smallest = *std::min_element(counts.begin(), counts.end());
  if (std::all_of(counts.begin(), counts.end(), [&](Index n) { return n < Index(n_splits_); }))
    throw DataError("n_splits=" + std::to_string(n_splits_) +
                    " cannot be greater than the number of members in each class");
  if (smallest < static_cast<Index>(n_splits_))
    warn(WarningKind::runtime,
         "the least populated class in y has only " + std::to_string(smallest) +
             " members, which is less than n_splits=" + std::to_string(n_splits_));
  // Round robin over the sorted classes: fold i takes entries i, i + n_splits, ...
  std::vector<int> sorted = encoded;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::vector<Index>> allocation(n_splits_, std::vector<Index>(n_classes, 0));
  for (std::size_t i = 0; i < sorted.size(); ++i) ++allocation[i % n_splits_][sorted[i]];
  detail::NumpyRandomState rng(random_state_);
  std::vector<int> test_fold(labels.n_elem);
  for (int c = 0; c < n_classes; ++c) {
    std::vector<int> folds_for_class;
    for (int k = 0; k < n_splits_; ++k)
      folds_for_class.insert(folds_for_class.end(), allocation[k][c], k);
    if (shuffle_) numpy_shuffle(folds_for_class, rng);
    std::size_t next = 0;
    for (std::size_t i = 0; i < encoded.size(); ++i)
      if (encoded[i] == c) test_fold[i] = folds_for_class[next++];
  }
  return folds_of(test_fold, n_splits_);
}

std::vector<Fold> default_folds(const Estimator& estimator, const Vector& y, Index n_samples,
                                int n_splits) {
  if (estimator.kind() == EstimatorKind::classifier && !y.is_empty())
    return StratifiedKFold(n_splits).split(y);
  return KFold(n_splits).split(n_samples);
}

}  // namespace fitkit
