#include "fitkit/model_selection/splitters.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "core/numpy_random_state.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/core/warnings.hpp"

namespace fitkit {

namespace {

using detail::NumpyRandomState;

void check_n_splits(Index n_splits) {
  if (n_splits < 2)
    throw InvalidParameter("n_splits",
                           "k-fold cross-validation requires at least one train/test split by "
                           "setting n_splits=2 or more, got n_splits=" +
                               std::to_string(n_splits));
}

void check_folds_fit(Index n_splits, Index n_samples) {
  if (n_splits > n_samples)
    throw DataError("Cannot have number of splits n_splits=" + std::to_string(n_splits) +
                    " greater than the number of samples: n_samples=" + std::to_string(n_samples));
}

// Fold f tests the rows with fold_of[i] == f and trains on the others, both in row order.
std::vector<Fold> folds_of_rows(const std::vector<Index>& fold_of, Index n_splits) {
  std::vector<Fold> folds;
  for (Index f = 0; f < n_splits; ++f) {
    Index n_test = 0;
    for (const Index g : fold_of) n_test += g == f;
    Fold fold{arma::uvec(fold_of.size() - n_test), arma::uvec(n_test)};
    Index a = 0, b = 0;
    for (Index i = 0; i < fold_of.size(); ++i)
      (fold_of[i] == f ? fold.test(b++) : fold.train(a++)) = i;
    folds.push_back(std::move(fold));
  }
  return folds;
}

// Classes numbered by sorted value (np.unique's return_inverse), or by first appearance.
std::vector<Index> encode(const Labels& y, bool by_appearance, Index& n_classes) {
  std::map<std::int64_t, Index> code;
  for (const auto v : y) code.emplace(v, 0);
  Index next = 0;
  if (by_appearance) {
    for (auto& [value, c] : code) c = static_cast<Index>(-1);
    for (const auto v : y)
      if (auto& c = code[v]; c == static_cast<Index>(-1)) c = next++;
  } else {
    for (auto& [value, c] : code) c = next++;
  }
  n_classes = next;
  std::vector<Index> encoded(y.n_elem);
  for (Index i = 0; i < y.n_elem; ++i) encoded[i] = code[y(i)];
  return encoded;
}

// numpy's argsort(kind="quicksort") on integers (introsort: median-of-three partitions,
// insertion sort up to 16 elements, heapsort past 2 floor(log2 n) levels). It is not stable:
// GroupKFold's order among groups of equal size is numpy's.
// Sinks the entry at `root` of the max-heap heap[1..end] (1-based, ordered by v) to its place.
void sift_down(const std::vector<Index>& v, Index* heap, std::ptrdiff_t root, std::ptrdiff_t end) {
  const Index sinking = heap[root];
  std::ptrdiff_t hole = root;
  for (std::ptrdiff_t child = 2 * root; child <= end; child = 2 * hole) {
    if (child < end && v[heap[child]] < v[heap[child + 1]]) ++child;
    if (!(v[sinking] < v[heap[child]])) break;
    heap[hole] = heap[child];
    hole = child;
  }
  heap[hole] = sinking;
}

void numpy_aheapsort(const std::vector<Index>& v, Index* tosort, std::ptrdiff_t n) {
  Index* heap = tosort - 1;  // 1-based
  for (std::ptrdiff_t root = n / 2; root > 0; --root) sift_down(v, heap, root, n);
  for (std::ptrdiff_t end = n; end > 1; --end) {
    std::swap(heap[1], heap[end]);
    sift_down(v, heap, 1, end - 1);
  }
}

std::vector<Index> numpy_argsort(const std::vector<Index>& v) {
  const auto num = static_cast<std::ptrdiff_t>(v.size());
  std::vector<Index> order(v.size());
  for (Index i = 0; i < order.size(); ++i) order[i] = i;
  if (num < 2) return order;
  constexpr std::ptrdiff_t kSmall = 15;  // numpy's SMALL_QUICKSORT
  int cdepth = 0;
  for (auto m = num; m >>= 1;) ++cdepth;
  cdepth *= 2;
  Index* pl = order.data();
  Index* pr = pl + num - 1;
  std::vector<std::pair<Index*, Index*>> stack;
  std::vector<int> depths;
  for (;;) {
    if (cdepth < 0) {
      numpy_aheapsort(v, pl, pr - pl + 1);
    } else {
      while (pr - pl > kSmall) {
        Index* pm = pl + ((pr - pl) >> 1);
        if (v[*pm] < v[*pl]) std::swap(*pm, *pl);
        if (v[*pr] < v[*pm]) std::swap(*pr, *pm);
        if (v[*pm] < v[*pl]) std::swap(*pm, *pl);
        const Index vp = v[*pm];
        Index* pi = pl;
        Index* pj = pr - 1;
        std::swap(*pm, *pj);
        for (;;) {
          do ++pi;
          while (v[*pi] < vp);
          do --pj;
          while (vp < v[*pj]);
          if (pi >= pj) break;
          std::swap(*pi, *pj);
        }
        std::swap(*pi, *(pr - 1));
        if (pi - pl < pr - pi) {
          stack.emplace_back(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.emplace_back(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push_back(--cdepth);
      }
      for (Index* pi = pl + 1; pi <= pr; ++pi) {
        const Index vi = *pi;
        const Index vp = v[vi];
        Index* pj = pi;
        Index* pk = pi - 1;
        while (pj > pl && vp < v[*pk]) *pj-- = *pk--;
        *pj = vi;
      }
    }
    if (stack.empty()) break;
    std::tie(pl, pr) = stack.back();
    stack.pop_back();
    cdepth = depths.back();
    depths.pop_back();
  }
  return order;
}

std::string size_text(const SplitSize& size) {
  if (!size.is_set()) return "None";
  return size.is_fraction() ? detail::format_double(size.value())
                            : std::to_string(static_cast<Index>(size.value()));
}

// scikit-learn's _validate_shuffle_split: {n_train, n_test}.
std::pair<Index, Index> validate_sizes(Index n_samples, SplitSize test_size, SplitSize train_size,
                                       double default_test_size) {
  if (!test_size.is_set() && !train_size.is_set())
    test_size = SplitSize::fraction(default_test_size);
  const auto out_of_range = [&](const SplitSize& s) {
    if (!s.is_set()) return false;
    if (s.is_fraction()) return !(s.value() > 0 && s.value() < 1);
    return s.value() >= static_cast<double>(n_samples) || s.value() <= 0;
  };
  for (const auto& [name, size] : {std::pair{"test_size", test_size}, {"train_size", train_size}})
    if (out_of_range(size))
      throw InvalidParameter(name, name + std::string("=") + size_text(size) +
                                       " should be either positive and smaller than the number "
                                       "of samples " +
                                       std::to_string(n_samples) +
                                       " or a float in the (0, 1) range");
  if (test_size.is_fraction() && train_size.is_fraction() &&
      train_size.value() + test_size.value() > 1)
    throw InvalidParameter("test_size",
                           "The sum of test_size and train_size = " +
                               detail::format_double(train_size.value() + test_size.value()) +
                               ", should be in the (0, 1) range. Reduce test_size "
                               "and/or train_size.");
  const auto n = static_cast<double>(n_samples);
  double n_test = 0, n_train = 0;
  if (test_size.is_set())
    n_test = test_size.is_fraction() ? std::ceil(test_size.value() * n) : test_size.value();
  if (train_size.is_set())
    n_train = train_size.is_fraction() ? std::floor(train_size.value() * n) : train_size.value();
  if (!train_size.is_set())
    n_train = n - n_test;
  else if (!test_size.is_set())
    n_test = n - n_train;
  if (n_train + n_test > n)
    throw DataError("The sum of train_size and test_size = " +
                    std::to_string(static_cast<Index>(n_train + n_test)) +
                    ", should be smaller than the number of samples " + std::to_string(n_samples) +
                    ". Reduce test_size and/or train_size.");
  if (n_train == 0)
    throw DataError("With n_samples=" + std::to_string(n_samples) + ", test_size=" +
                    size_text(test_size) + " and train_size=" + size_text(train_size) +
                    ", the resulting train set will be empty. Adjust any of the "
                    "aforementioned parameters.");
  return {static_cast<Index>(n_train), static_cast<Index>(n_test)};
}

void check_shuffle_n_splits(Index n_splits) {
  if (n_splits < 1)
    throw InvalidParameter("n_splits", "must be at least 1, got " + std::to_string(n_splits));
}

// scikit-learn's _approximate_mode: n_draws shared in proportion to class_counts, the floors
// first, then one more for the largest remainders, ties among them drawn at random.
std::vector<Index> approximate_mode(const std::vector<Index>& class_counts, Index n_draws,
                                    NumpyRandomState& rng) {
  const Index k = class_counts.size();
  double total = 0;
  for (const Index c : class_counts) total += static_cast<double>(c);
  std::vector<double> remainder(k);
  std::vector<Index> floored(k);
  double floored_sum = 0;
  for (Index i = 0; i < k; ++i) {
    const double continuous =
        static_cast<double>(class_counts[i]) / total * static_cast<double>(n_draws);
    const double f = std::floor(continuous);
    floored[i] = static_cast<Index>(f);
    floored_sum += f;
    remainder[i] = continuous - f;
  }
  auto need_to_add = static_cast<std::int64_t>(static_cast<double>(n_draws) - floored_sum);
  if (need_to_add > 0) {
    std::vector<double> values = remainder;
    std::sort(values.begin(), values.end(), std::greater<>());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    for (const double value : values) {
      std::vector<Index> inds;
      for (Index i = 0; i < k; ++i)
        if (remainder[i] == value) inds.push_back(i);
      const auto add_now =
          std::min<std::int64_t>(static_cast<std::int64_t>(inds.size()), need_to_add);
      // rng.choice(inds, add_now, replace=False): permutation(len(inds))[:add_now].
      const arma::uvec chosen = rng.permutation(inds.size());
      for (std::int64_t j = 0; j < add_now; ++j) ++floored[inds[chosen(j)]];
      need_to_add -= add_now;
      if (need_to_add == 0) break;
    }
  }
  return floored;
}

arma::uvec permuted(const std::vector<Index>& values, NumpyRandomState& rng) {
  arma::uvec out(values.size());
  for (Index i = 0; i < values.size(); ++i) out(i) = values[i];
  rng.shuffle(out);
  return out;
}

}  // namespace

SplitSize SplitSize::fraction(double value) {
  SplitSize s;
  s.kind_ = Kind::fraction;
  s.value_ = value;
  return s;
}

SplitSize SplitSize::count(Index value) {
  SplitSize s;
  s.kind_ = Kind::count;
  s.value_ = static_cast<double>(value);
  return s;
}

std::vector<Fold> KFold::split(Index n_samples) const {
  check_n_splits(n_splits);
  check_folds_fit(n_splits, n_samples);
  arma::uvec indices(n_samples);
  for (Index i = 0; i < n_samples; ++i) indices(i) = i;
  if (shuffle) {
    NumpyRandomState rng(seed);
    rng.shuffle(indices);
  }
  std::vector<Index> fold_of(n_samples);
  Index current = 0;
  for (Index f = 0; f < n_splits; ++f) {
    const Index size = n_samples / n_splits + (f < n_samples % n_splits ? 1 : 0);
    for (Index k = current; k < current + size; ++k) fold_of[indices(k)] = f;
    current += size;
  }
  // scikit-learn yields the folds through a test mask: both parts in row order.
  return folds_of_rows(fold_of, n_splits);
}

std::vector<Fold> StratifiedKFold::split(const Labels& y) const {
  check_n_splits(n_splits);
  check_folds_fit(n_splits, y.n_elem);
  Index n_classes = 0;
  const std::vector<Index> y_encoded = encode(y, true, n_classes);
  std::vector<Index> y_counts(n_classes, 0);
  for (const Index c : y_encoded) ++y_counts[c];
  const Index min_groups = *std::min_element(y_counts.begin(), y_counts.end());
  if (std::all_of(y_counts.begin(), y_counts.end(), [&](Index c) { return n_splits > c; }))
    throw DataError("n_splits=" + std::to_string(n_splits) +
                    " cannot be greater than the number of members in each class.");
  if (n_splits > min_groups)
    warn(WarningKind::runtime,
         "The least populated class in y has only " + std::to_string(min_groups) +
             " members, which is less than n_splits=" + std::to_string(n_splits) + ".");
  // allocation(f, k): the members of class k among the sorted labels' positions f, f +
  // n_splits, f + 2 n_splits, ...
  arma::Mat<Index> allocation(n_splits, n_classes, arma::fill::zeros);
  Index position = 0;
  for (Index k = 0; k < n_classes; ++k)
    for (Index m = 0; m < y_counts[k]; ++m, ++position) ++allocation(position % n_splits, k);
  NumpyRandomState rng(seed);
  std::vector<Index> fold_of(y.n_elem);
  for (Index k = 0; k < n_classes; ++k) {
    arma::uvec folds_for_class(y_counts[k]);
    Index filled = 0;
    for (Index f = 0; f < n_splits; ++f)
      for (Index m = 0; m < allocation(f, k); ++m) folds_for_class(filled++) = f;
    if (shuffle) rng.shuffle(folds_for_class);
    Index next = 0;
    for (Index i = 0; i < y.n_elem; ++i)
      if (y_encoded[i] == k) fold_of[i] = folds_for_class(next++);
  }
  return folds_of_rows(fold_of, n_splits);
}

std::vector<Fold> GroupKFold::split(const Labels& groups) const {
  check_n_splits(n_splits);
  check_folds_fit(n_splits, groups.n_elem);
  Index n_groups = 0;
  const std::vector<Index> group_of = encode(groups, false, n_groups);
  if (n_splits > n_groups)
    throw DataError("Cannot have number of splits n_splits=" + std::to_string(n_splits) +
                    " greater than the number of groups: " + std::to_string(n_groups) + ".");
  std::vector<Index> n_samples_per_group(n_groups, 0);
  for (const Index g : group_of) ++n_samples_per_group[g];
  const std::vector<Index> order = numpy_argsort(n_samples_per_group);
  std::vector<Index> n_samples_per_fold(n_splits, 0);
  std::vector<Index> group_to_fold(n_groups, 0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Index lightest =
        static_cast<Index>(std::min_element(n_samples_per_fold.begin(), n_samples_per_fold.end()) -
                           n_samples_per_fold.begin());
    n_samples_per_fold[lightest] += n_samples_per_group[*it];
    group_to_fold[*it] = lightest;
  }
  std::vector<Index> fold_of(groups.n_elem);
  for (Index i = 0; i < groups.n_elem; ++i) fold_of[i] = group_to_fold[group_of[i]];
  return folds_of_rows(fold_of, n_splits);
}

std::vector<Fold> ShuffleSplit::split(Index n_samples) const {
  check_shuffle_n_splits(n_splits);
  const auto [n_train, n_test] = validate_sizes(n_samples, test_size, train_size, 0.1);
  NumpyRandomState rng(seed);
  std::vector<Fold> folds;
  for (Index s = 0; s < n_splits; ++s) {
    const arma::uvec permutation = rng.permutation(n_samples);
    folds.push_back(
        {permutation.subvec(n_test, n_test + n_train - 1), permutation.subvec(0, n_test - 1)});
  }
  return folds;
}

std::vector<Fold> StratifiedShuffleSplit::split(const Labels& y) const {
  check_shuffle_n_splits(n_splits);
  const auto [n_train, n_test] = validate_sizes(y.n_elem, test_size, train_size, 0.1);
  Index n_classes = 0;
  const std::vector<Index> y_indices = encode(y, false, n_classes);
  std::vector<Index> class_counts(n_classes, 0);
  std::vector<std::vector<Index>> class_indices(n_classes);
  for (Index i = 0; i < y_indices.size(); ++i) {
    ++class_counts[y_indices[i]];
    class_indices[y_indices[i]].push_back(i);
  }
  if (*std::min_element(class_counts.begin(), class_counts.end()) < 2)
    throw DataError(
        "The least populated class in y has only 1 member, which is too few. The minimum "
        "number of groups for any class cannot be less than 2.");
  if (n_train < n_classes)
    throw DataError(
        "The train_size = " + std::to_string(n_train) +
        " should be greater or equal to the number of classes = " + std::to_string(n_classes));
  if (n_test < n_classes)
    throw DataError(
        "The test_size = " + std::to_string(n_test) +
        " should be greater or equal to the number of classes = " + std::to_string(n_classes));
  NumpyRandomState rng(seed);
  std::vector<Fold> folds;
  for (Index s = 0; s < n_splits; ++s) {
    const std::vector<Index> n_i = approximate_mode(class_counts, n_train, rng);
    std::vector<Index> remaining(n_classes);
    for (Index k = 0; k < n_classes; ++k) remaining[k] = class_counts[k] - n_i[k];
    const std::vector<Index> t_i = approximate_mode(remaining, n_test, rng);
    std::vector<Index> train, test;
    for (Index k = 0; k < n_classes; ++k) {
      const arma::uvec permutation = rng.permutation(class_counts[k]);
      for (Index j = 0; j < n_i[k]; ++j) train.push_back(class_indices[k][permutation(j)]);
      for (Index j = n_i[k]; j < n_i[k] + t_i[k]; ++j)
        test.push_back(class_indices[k][permutation(j)]);
    }
    arma::uvec train_rows = permuted(train, rng);
    arma::uvec test_rows = permuted(test, rng);
    folds.push_back({std::move(train_rows), std::move(test_rows)});
  }
  return folds;
}

Fold train_test_split(Index n_samples, SplitSize test_size, SplitSize train_size,
                      std::uint32_t seed, bool shuffle, const Labels* stratify) {
  const auto [n_train, n_test] = validate_sizes(n_samples, test_size, train_size, 0.25);
  if (!shuffle) {
    if (stratify != nullptr)
      throw InvalidParameter("stratify",
                             "Stratified train/test split is not implemented for shuffle=False");
    return {arma::regspace<arma::uvec>(0, n_train - 1),
            arma::regspace<arma::uvec>(n_train, n_train + n_test - 1)};
  }
  if (stratify != nullptr) {
    if (stratify->n_elem != n_samples)
      throw DimensionMismatch("stratify has " + std::to_string(stratify->n_elem) + " labels for " +
                              std::to_string(n_samples) + " samples");
    StratifiedShuffleSplit cv{1, SplitSize::count(n_test), SplitSize::count(n_train), seed};
    return cv.split(*stratify).front();
  }
  ShuffleSplit cv{1, SplitSize::count(n_test), SplitSize::count(n_train), seed};
  return cv.split(n_samples).front();
}

}  // namespace fitkit
