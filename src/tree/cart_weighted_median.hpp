#pragma once
// The weighted median of a changing multiset of (value, weight), kept the way scikit-learn 1.2's
// WeightedMedianCalculator (sklearn/tree/_utils.pyx) keeps it, for the absolute_error criterion.
//
// Its state is the sorted values, their total weight, and a cut k with the weight of the first
// k values, sum_below_k. Each push or removal moves k from where it was by rules of its own
// instead of searching afresh, and a removal at the median's value does not take the removed
// weight out of sum_below_k. With unit weights every prefix of k values weighs k, so the state
// is always that of a fresh search; with other weights it drifts, the median then depends on
// the order of the pushes and removals, and reproducing scikit-learn's trees means reproducing
// the drift, including what it reads past the last value (the slots a removal leaves behind).
// So the values live in a buffer whose slots past size() keep what shifts left there, and
// which outlives clear(), as scikit-learn's array does.

#include <algorithm>
#include <cstddef>
#include <vector>

namespace fitkit::detail::cart {

class DriftingWeightedMedian {
 public:
  // Signed, as scikit-learn's k is: the drift can take k past either end.
  using Position = std::ptrdiff_t;

  Position size() const { return size_; }

  void clear() {
    size_ = 0;
    total_weight_ = 0;
    k_ = 0;
    sum_below_k_ = 0;
  }

  // After the values equal to `value` already held.
  void push(double value, double weight) {
    const double original_median = size_ != 0 ? median() : 0.0;
    if (size_ == static_cast<Position>(buffer_.size())) buffer_.resize(buffer_.size() * 2 + 2);
    const auto first = buffer_.begin(), last = first + size_;
    const auto at =
        std::upper_bound(first, last, value, [](double v, const Entry& e) { return v < e.value; });
    std::move_backward(at, last, last + 1);
    *at = {value, weight};
    ++size_;
    after_push(value, weight, original_median);
  }

  // The first entry with this value and weight.
  void remove(double value, double weight) {
    const double original_median = size_ != 0 ? median() : 0.0;
    const auto first = buffer_.begin(), last = first + size_;
    auto at =
        std::lower_bound(first, last, value, [](const Entry& e, double v) { return e.value < v; });
    while (at != last && at->value == value && at->weight != weight) ++at;
    if (at != last && at->value == value) erase(at - first);
    after_remove(value, weight, original_median);
  }

  // Takes out the smallest value.
  void pop(double& value, double& weight) {
    const double original_median = size_ != 0 ? median() : 0.0;
    value = buffer_[0].value;
    weight = buffer_[0].weight;
    erase(0);
    after_remove(value, weight, original_median);
  }

  // The value at k-1, or the mean of those at k-1 and k when the first k weigh exactly half;
  // 0 when the drift has left sum_below_k under half (what scikit-learn's function returns when
  // it falls off its end).
  double median() const {
    const double half = total_weight_ / 2.0;
    if (sum_below_k_ == half) return (slot(k_).value + slot(k_ - 1).value) / 2.0;
    if (sum_below_k_ > half) return slot(k_ - 1).value;
    return 0.0;
  }

 private:
  struct Entry {
    double value = 0, weight = 0;
  };

  // Slots past size() hold what removals left; slots never written read as zero.
  const Entry& slot(Position index) const {
    static const Entry kNeverWritten;
    return index >= 0 && index < static_cast<Position>(buffer_.size()) ? buffer_[index]
                                                                       : kNeverWritten;
  }
  double weight_at(Position index) const { return slot(index).weight; }

  // Shifts the entries after `index` down by one; the last slot keeps its entry.
  void erase(Position index) {
    std::copy(buffer_.begin() + index + 1, buffer_.begin() + size_, buffer_.begin() + index);
    --size_;
  }

  void after_push(double value, double weight, double original_median) {
    if (size_ == 1) {
      k_ = 1;
      total_weight_ = weight;
      sum_below_k_ = total_weight_;
      return;
    }
    total_weight_ += weight;
    if (value < original_median) {
      ++k_;
      sum_below_k_ += weight;
      lower_k();
    } else {
      raise_k();
    }
  }

  void after_remove(double value, double weight, double original_median) {
    if (size_ == 0) {
      k_ = 0;
      total_weight_ = 0;
      sum_below_k_ = 0;
      return;
    }
    if (size_ == 1) {
      k_ = 1;
      total_weight_ -= weight;
      sum_below_k_ = total_weight_;
      return;
    }
    total_weight_ -= weight;
    if (value < original_median) {
      --k_;
      sum_below_k_ -= weight;
      raise_k();
    } else {
      lower_k();
    }
  }

  // The smallest k at or below the current one whose first k still weigh half.
  void lower_k() {
    while (k_ > 1 && sum_below_k_ - weight_at(k_ - 1) >= total_weight_ / 2.0) {
      --k_;
      sum_below_k_ -= weight_at(k_);
    }
  }
  // The first k at or above the current one whose first k weigh half.
  void raise_k() {
    while (k_ < size_ && sum_below_k_ < total_weight_ / 2.0) {
      ++k_;
      sum_below_k_ += weight_at(k_ - 1);
    }
  }

  std::vector<Entry> buffer_;
  Position size_ = 0;
  double total_weight_ = 0;
  Position k_ = 0;
  double sum_below_k_ = 0;
};

}  // namespace fitkit::detail::cart
