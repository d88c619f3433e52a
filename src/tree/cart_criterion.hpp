#pragma once
// The impurity criteria of CART, as scikit-learn 1.2's sklearn/tree/_criterion.pyx computes them
// (the same sums in the same order, so that trees come out identical), with the missing-value
// bookkeeping of scikit-learn 1.3: the rows missing the current feature sit at the end of the
// node's range, counted in sum_missing, and go to the side missing_go_to_left says.
//
// A criterion sees the node samples[start:end] and a split position pos: samples[start:pos] go
// left. update(new_pos) moves samples[pos:new_pos] to the left, from whichever end is shorter.
// Used by cart_builder.cpp and binned_cart.cpp, which instantiate their splitters once per
// criterion class.

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "fitkit/core/types.hpp"
#include "tree/cart_weighted_median.hpp"

namespace fitkit::detail::cart {

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

// scikit-learn's tree log: base 2, computed as ln(x) / ln(2) (not log2, which rounds
// differently).
inline double log_base2(double x) {
  static const double kLn2 = std::log(2.0);
  return std::log(x) / kLn2;
}

// What every criterion holds: the node, the position, the weights on each side.
struct CriterionState {
  const double* y = nullptr;
  const double* sample_weight = nullptr;  // nullptr: every weight 1
  const Index* samples = nullptr;
  Index start = 0, pos = 0, end = 0, n_missing = 0;
  bool missing_go_to_left = false;
  double weighted_n_samples = 0;  // of the whole tree
  double weighted_n_node_samples = 0, weighted_n_left = 0, weighted_n_right = 0;
  double weighted_n_missing = 0;

  double weight(Index i) const { return sample_weight != nullptr ? sample_weight[i] : 1.0; }

  double impurity_improvement(double parent, double left, double right) const {
    return (weighted_n_node_samples / weighted_n_samples) *
           (parent - (weighted_n_right / weighted_n_node_samples * right) -
            (weighted_n_left / weighted_n_node_samples * left));
  }
};

// Gini and entropy: weighted class counts per side.
class ClassificationCriterion : public CriterionState {
 public:
  ClassificationCriterion(Index n_classes, bool entropy)
      : n_classes_(n_classes),
        entropy_(entropy),
        total_(n_classes),
        left_(n_classes),
        right_(n_classes),
        missing_(n_classes) {}

  void init(const Index* samples_in, Index start_in, Index end_in) {
    samples = samples_in;
    start = start_in;
    end = end_in;
    n_missing = 0;
    std::fill(total_.begin(), total_.end(), 0.0);
    weighted_n_node_samples = 0;
    for (Index p = start; p < end; ++p) {
      const Index i = samples[p];
      const double w = weight(i);
      total_[static_cast<Index>(y[i])] += w;
      weighted_n_node_samples += w;
    }
    reset();
  }

  void init_missing(Index n) {
    n_missing = n;
    if (n == 0) return;
    std::fill(missing_.begin(), missing_.end(), 0.0);
    weighted_n_missing = 0;
    for (Index p = end - n; p < end; ++p) {
      const Index i = samples[p];
      const double w = weight(i);
      missing_[static_cast<Index>(y[i])] += w;
      weighted_n_missing += w;
    }
  }

  void reset() {
    pos = start;
    move_sums(left_, right_, weighted_n_left, weighted_n_right, missing_go_to_left);
  }
  void reverse_reset() {
    pos = end;
    move_sums(right_, left_, weighted_n_right, weighted_n_left, !missing_go_to_left);
  }

  void update(Index new_pos) {
    const Index end_non_missing = end - n_missing;
    if (new_pos - pos <= end_non_missing - new_pos) {
      for (Index p = pos; p < new_pos; ++p) {
        const Index i = samples[p];
        const double w = weight(i);
        left_[static_cast<Index>(y[i])] += w;
        weighted_n_left += w;
      }
    } else {
      reverse_reset();
      for (Index p = end_non_missing; p-- > new_pos;) {
        const Index i = samples[p];
        const double w = weight(i);
        left_[static_cast<Index>(y[i])] -= w;
        weighted_n_left -= w;
      }
    }
    weighted_n_right = weighted_n_node_samples - weighted_n_left;
    for (Index c = 0; c < n_classes_; ++c) right_[c] = total_[c] - left_[c];
    pos = new_pos;
  }

  double node_impurity() const { return impurity(total_, weighted_n_node_samples); }
  void children_impurity(double& left, double& right) const {
    left = impurity(left_, weighted_n_left);
    right = impurity(right_, weighted_n_right);
  }
  double proxy_impurity_improvement() const {
    double left = 0, right = 0;
    children_impurity(left, right);
    return -weighted_n_right * right - weighted_n_left * left;
  }
  // proxy_impurity_improvement of the split whose left side holds these class weights (a
  // histogram scan's running sums, src/tree/binned_cart.cpp), with the same arithmetic.
  double proxy_for_left(const double* left, double weighted_left) const {
    const double weighted_right = weighted_n_node_samples - weighted_left;
    const double impurity_left = impurity_of([&](Index c) { return left[c]; }, weighted_left);
    const double impurity_right =
        impurity_of([&](Index c) { return total_[c] - left[c]; }, weighted_right);
    return -weighted_right * impurity_right - weighted_left * impurity_left;
  }
  // The class fractions (scikit-learn 1.2 keeps the weighted counts; predict_proba divides them
  // by their sum, which is what is stored here).
  void node_value(double* out) const {
    double sum = 0;
    for (Index c = 0; c < n_classes_; ++c) sum += total_[c];
    for (Index c = 0; c < n_classes_; ++c) out[c] = sum > 0 ? total_[c] / sum : 0.0;
  }
  Index value_width() const { return n_classes_; }

 private:
  void move_sums(std::vector<double>& sum_1, std::vector<double>& sum_2, double& weighted_1,
                 double& weighted_2, bool missing_in_1) {
    if (n_missing != 0 && missing_in_1) {
      for (Index c = 0; c < n_classes_; ++c) {
        sum_1[c] = missing_[c];
        sum_2[c] = total_[c] - missing_[c];
      }
      weighted_1 = weighted_n_missing;
      weighted_2 = weighted_n_node_samples - weighted_n_missing;
    } else {
      std::fill(sum_1.begin(), sum_1.end(), 0.0);
      std::copy(total_.begin(), total_.end(), sum_2.begin());
      weighted_1 = 0;
      weighted_2 = weighted_n_node_samples;
    }
  }

  double impurity(const std::vector<double>& counts, double weighted) const {
    return impurity_of([&](Index c) { return counts[c]; }, weighted);
  }
  // count(c): the side's weight of class c.
  template <class Count>
  double impurity_of(Count count_of, double weighted) const {
    if (entropy_) {
      double entropy = 0;
      for (Index c = 0; c < n_classes_; ++c) {
        double count = count_of(c);
        if (count > 0.0) {
          count /= weighted;
          entropy -= count * log_base2(count);
        }
      }
      return entropy;
    }
    double sq_count = 0;
    for (Index c = 0; c < n_classes_; ++c) {
      const double count = count_of(c);
      sq_count += count * count;
    }
    return 1.0 - sq_count / (weighted * weighted);
  }

  Index n_classes_;
  bool entropy_;
  std::vector<double> total_, left_, right_, missing_;
};

// squared_error, friedman_mse and poisson: weighted sums of y per side.
class RegressionCriterion : public CriterionState {
 public:
  void init(const Index* samples_in, Index start_in, Index end_in) {
    samples = samples_in;
    start = start_in;
    end = end_in;
    n_missing = 0;
    sq_sum_total_ = 0;
    sum_total_ = 0;
    weighted_n_node_samples = 0;
    for (Index p = start; p < end; ++p) {
      const Index i = samples[p];
      const double w = weight(i);
      const double wy = w * y[i];
      sum_total_ += wy;
      sq_sum_total_ += wy * y[i];
      weighted_n_node_samples += w;
    }
    reset();
  }

  void init_missing(Index n) {
    n_missing = n;
    if (n == 0) return;
    sum_missing_ = 0;
    weighted_n_missing = 0;
    for (Index p = end - n; p < end; ++p) {
      const Index i = samples[p];
      const double w = weight(i);
      sum_missing_ += w * y[i];
      weighted_n_missing += w;
    }
  }

  void reset() {
    pos = start;
    move_sums(sum_left_, sum_right_, weighted_n_left, weighted_n_right, missing_go_to_left);
  }
  void reverse_reset() {
    pos = end;
    move_sums(sum_right_, sum_left_, weighted_n_right, weighted_n_left, !missing_go_to_left);
  }

  void update(Index new_pos) {
    const Index end_non_missing = end - n_missing;
    if (new_pos - pos <= end_non_missing - new_pos) {
      for (Index p = pos; p < new_pos; ++p) {
        const Index i = samples[p];
        const double w = weight(i);
        sum_left_ += w * y[i];
        weighted_n_left += w;
      }
    } else {
      reverse_reset();
      for (Index p = end_non_missing; p-- > new_pos;) {
        const Index i = samples[p];
        const double w = weight(i);
        sum_left_ -= w * y[i];
        weighted_n_left -= w;
      }
    }
    weighted_n_right = weighted_n_node_samples - weighted_n_left;
    sum_right_ = sum_total_ - sum_left_;
    pos = new_pos;
  }

  void node_value(double* out) const { out[0] = sum_total_ / weighted_n_node_samples; }
  Index value_width() const { return 1; }

 protected:
  void move_sums(double& sum_1, double& sum_2, double& weighted_1, double& weighted_2,
                 bool missing_in_1) {
    if (n_missing != 0 && missing_in_1) {
      sum_1 = sum_missing_;
      sum_2 = sum_total_ - sum_missing_;
      weighted_1 = weighted_n_missing;
      weighted_2 = weighted_n_node_samples - weighted_n_missing;
    } else {
      sum_1 = 0;
      sum_2 = sum_total_;
      weighted_1 = 0;
      weighted_2 = weighted_n_node_samples;
    }
  }

  double sum_total_ = 0, sq_sum_total_ = 0, sum_left_ = 0, sum_right_ = 0, sum_missing_ = 0;
};

class SquaredError : public RegressionCriterion {
 public:
  double node_impurity() const {
    double impurity = sq_sum_total_ / weighted_n_node_samples;
    const double mean = sum_total_ / weighted_n_node_samples;
    impurity -= mean * mean;
    return impurity;
  }
  double proxy_impurity_improvement() const {
    return proxy_of(sum_left_, sum_right_, weighted_n_left, weighted_n_right);
  }
  // proxy_impurity_improvement of the split whose left side has this weighted sum of y and
  // this weight (a histogram scan's running sums, src/tree/binned_cart.cpp).
  double proxy_for_left(double sum_left, double weighted_left) const {
    return proxy_of(sum_left, sum_total_ - sum_left, weighted_left,
                    weighted_n_node_samples - weighted_left);
  }
  static double proxy_of(double sum_left, double sum_right, double weighted_left,
                         double weighted_right) {
    return sum_left * sum_left / weighted_left + sum_right * sum_right / weighted_right;
  }
  void children_impurity(double& left, double& right) const {
    // The rows on the left: samples[start:pos] plus the missing ones when they go left.
    double sq_sum_left = 0;
    const Index end_non_missing = end - n_missing;
    for (Index p = start; p < pos; ++p) {
      const Index i = samples[p];
      sq_sum_left += weight(i) * y[i] * y[i];
    }
    if (missing_go_to_left)
      for (Index p = end_non_missing; p < end; ++p) {
        const Index i = samples[p];
        sq_sum_left += weight(i) * y[i] * y[i];
      }
    const double sq_sum_right = sq_sum_total_ - sq_sum_left;
    left = sq_sum_left / weighted_n_left;
    right = sq_sum_right / weighted_n_right;
    const double mean_left = sum_left_ / weighted_n_left;
    const double mean_right = sum_right_ / weighted_n_right;
    left -= mean_left * mean_left;
    right -= mean_right * mean_right;
  }
};

// Friedman's improvement score: n_L n_R (mean_L - mean_R)^2 / (n_L + n_R).
class FriedmanMse : public SquaredError {
 public:
  double proxy_impurity_improvement() const {
    return proxy_of(sum_left_, sum_right_, weighted_n_left, weighted_n_right);
  }
  double proxy_for_left(double sum_left, double weighted_left) const {
    return proxy_of(sum_left, sum_total_ - sum_left, weighted_left,
                    weighted_n_node_samples - weighted_left);
  }
  static double proxy_of(double sum_left, double sum_right, double weighted_left,
                         double weighted_right) {
    const double diff = weighted_right * sum_left - weighted_left * sum_right;
    return diff * diff / (weighted_left * weighted_right);
  }
  double impurity_improvement(double, double, double) const {
    const double diff = weighted_n_right * sum_left_ - weighted_n_left * sum_right_;
    return diff * diff / (weighted_n_left * weighted_n_right * weighted_n_node_samples);
  }
};

// Half Poisson deviance: 1/n sum y log(y / mean).
class Poisson : public RegressionCriterion {
 public:
  static constexpr double kEpsilon = 10 * std::numeric_limits<double>::epsilon();

  double node_impurity() const {
    return loss_of(start, end, kNone, sum_total_, weighted_n_node_samples);
  }
  double proxy_impurity_improvement() const {
    return proxy_of(sum_left_, sum_right_, weighted_n_left, weighted_n_right);
  }
  double proxy_for_left(double sum_left, double weighted_left) const {
    return proxy_of(sum_left, sum_total_ - sum_left, weighted_left,
                    weighted_n_node_samples - weighted_left);
  }
  static double proxy_of(double sum_left, double sum_right, double weighted_left,
                         double weighted_right) {
    if (sum_left <= kEpsilon || sum_right <= kEpsilon) return -kInfinity;
    const double mean_left = sum_left / weighted_left;
    const double mean_right = sum_right / weighted_right;
    const double proxy_left = -(sum_left * log_base2(mean_left));
    const double proxy_right = -(sum_right * log_base2(mean_right));
    return -proxy_left - proxy_right;
  }
  void children_impurity(double& left, double& right) const {
    const Index end_non_missing = end - n_missing;
    if (n_missing == 0) {
      left = loss_of(start, pos, kNone, sum_left_, weighted_n_left);
      right = loss_of(pos, end, kNone, sum_right_, weighted_n_right);
    } else if (missing_go_to_left) {
      left = loss_of(start, pos, end_non_missing, sum_left_, weighted_n_left);
      right = loss_of(pos, end_non_missing, kNone, sum_right_, weighted_n_right);
    } else {
      left = loss_of(start, pos, kNone, sum_left_, weighted_n_left);
      right = loss_of(pos, end, kNone, sum_right_, weighted_n_right);
    }
  }

 private:
  static constexpr Index kNone = std::numeric_limits<Index>::max();
  // Over samples[from:to], plus samples[also:end] unless also is kNone.
  double loss_of(Index from, Index to, Index also, double y_sum, double weight_sum) const {
    if (y_sum <= kEpsilon) return kInfinity;
    const double mean = y_sum / weight_sum;
    double loss = 0;
    auto add = [&](Index p) {
      const Index i = samples[p];
      const double yi = y[i];
      loss += weight(i) * (yi == 0 ? 0.0 : yi * std::log(yi / mean));
    };
    for (Index p = from; p < to; ++p) add(p);
    if (also != kNone)
      for (Index p = also; p < end; ++p) add(p);
    return loss / weight_sum;
  }
};

// Mean absolute error around the weighted median of each side. As scikit-learn's, each
// candidate split costs a pass over the node (the impurity is a sum of |y - median|), so it is
// quadratic in the node size. The medians are scikit-learn's, drift included
// (cart_weighted_median.hpp): the two sides' calculators see the same pushes, removals and
// pops in the same order as scikit-learn's, and keep their state from feature to feature.
class AbsoluteError : public CriterionState {
 public:
  void init(const Index* samples_in, Index start_in, Index end_in) {
    samples = samples_in;
    start = start_in;
    end = end_in;
    n_missing = 0;
    weighted_n_node_samples = 0;
    left_.clear();
    right_.clear();
    for (Index p = start; p < end; ++p) {
      const Index i = samples[p];
      right_.push(y[i], weight(i));
      weighted_n_node_samples += weight(i);
    }
    node_median_ = right_.median();
    reset();
  }
  void init_missing(Index n) { n_missing = n; }  // the builder refuses NaN with this criterion

  void reset() {
    move_all(left_, right_);
    weighted_n_left = 0;
    weighted_n_right = weighted_n_node_samples;
    pos = start;
  }
  void reverse_reset() {
    move_all(right_, left_);
    weighted_n_right = 0;
    weighted_n_left = weighted_n_node_samples;
    pos = end;
  }
  void update(Index new_pos) {
    if (new_pos - pos <= end - new_pos) {
      for (Index p = pos; p < new_pos; ++p) {
        const Index i = samples[p];
        right_.remove(y[i], weight(i));
        left_.push(y[i], weight(i));
        weighted_n_left += weight(i);
      }
    } else {
      reverse_reset();
      for (Index p = end; p-- > new_pos;) {
        const Index i = samples[p];
        left_.remove(y[i], weight(i));
        right_.push(y[i], weight(i));
        weighted_n_left -= weight(i);
      }
    }
    weighted_n_right = weighted_n_node_samples - weighted_n_left;
    pos = new_pos;
  }

  double node_impurity() const {
    double impurity = 0;
    for (Index p = start; p < end; ++p) {
      const Index i = samples[p];
      impurity += std::fabs(y[i] - node_median_) * weight(i);
    }
    return impurity / weighted_n_node_samples;
  }
  void children_impurity(double& left, double& right) const {
    const double median_left = left_.median();
    double impurity_left = 0;
    for (Index p = start; p < pos; ++p) {
      const Index i = samples[p];
      impurity_left += std::fabs(y[i] - median_left) * weight(i);
    }
    left = impurity_left / weighted_n_left;
    const double median_right = right_.median();
    double impurity_right = 0;
    for (Index p = pos; p < end; ++p) {
      const Index i = samples[p];
      impurity_right += std::fabs(y[i] - median_right) * weight(i);
    }
    right = impurity_right / weighted_n_right;
  }
  double proxy_impurity_improvement() const {
    double left = 0, right = 0;
    children_impurity(left, right);
    return -weighted_n_right * right - weighted_n_left * left;
  }
  void node_value(double* out) const { out[0] = node_median_; }
  Index value_width() const { return 1; }

 private:
  // Smallest first, as scikit-learn empties a side.
  static void move_all(DriftingWeightedMedian& from, DriftingWeightedMedian& to) {
    double value = 0, w = 0;
    for (auto n = from.size(); n > 0; --n) {
      from.pop(value, w);
      to.push(value, w);
    }
  }

  DriftingWeightedMedian left_, right_;
  double node_median_ = 0;
};

}  // namespace fitkit::detail::cart
