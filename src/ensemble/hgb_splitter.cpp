#include "ensemble/hgb_splitter.hpp"

#include <algorithm>
#include <limits>

#include "core/helped_loop.hpp"

namespace fitkit::detail::hgb {
namespace {

// Serial cost of scanning one feature's bins of one node (measured: 1.5 us for 256 bins).
constexpr double kScanNanoseconds = 1500;

// scikit-learn's MIN_CAT_SUPPORT (LightGBM's cat_smooth): categories with less (hessian-scaled)
// support are left out of the scan and go right; it also smooths the sort key.
constexpr double kMinCategorySupport = 10.0;

// The gain of a split, or -1 when its clipped values break the monotonic constraint.
double split_gain(const SplitterOptions& o, double g_left, double h_left, double g_right,
                  double h_right, double loss_current_node, int monotonic, double lower,
                  double upper) {
  const double value_left = compute_node_value(g_left, h_left, lower, upper, o.l2_regularization);
  const double value_right =
      compute_node_value(g_right, h_right, lower, upper, o.l2_regularization);
  if ((monotonic == 1 && value_left > value_right) || (monotonic == -1 && value_left < value_right))
    return -1;
  // The loss of a node of value v is sum_gradient * v (its minimum, -G^2 / (H + l2), unclipped).
  return loss_current_node - g_left * value_left - g_right * value_right;
}

struct Candidate {
  double gain = -1;
  double sum_gradient_left = 0, sum_hessian_left = 0;
  std::uint32_t n_samples_left = 0;
};

struct NodeTotals {
  std::uint32_t n_samples;
  double sum_gradients, sum_hessians, loss_current_node, lower, upper;
};

double hessian_of(const SplitterOptions& o, const HistogramBin& b) {
  return o.hessians_are_constant ? static_cast<double>(b.count) : b.sum_hessians;
}

// g++ clones a function for AVX and picks the clone at load time (as hgb_histogram.cpp). Without
// trapping math (results are the same; only floating-point exceptions, which fitkit never
// enables, could tell), g++ vectorises loops whose selects compare doubles.
#if defined(__GNUC__) && !defined(__clang__)
#define FITKIT_AVX_CLONES_NO_TRAPPING \
  __attribute__((target_clones("avx", "default"), optimize("no-trapping-math")))
#else
#define FITKIT_AVX_CLONES_NO_TRAPPING
#endif

// One direction of a numeric scan: the running sums of the side that bins are added to (left
// when missing values go right, right when they go left), bin by bin.
struct RunningSums {
  double gradient[kBinsPerFeature];
  double hessian[kBinsPerFeature];
  double count[kBinsPerFeature];
};

// The gain of every split position 0..n-1 (-inf where it is not allowed): split_gain's
// arithmetic, in the same order, without branches, so that it vectorises (the divisions are
// the cost). Where min_samples_leaf or min_hessian_to_split stop the serial scan with a break,
// every later position fails the same test (the other side only shrinks), so a position that
// fails it is only left out.
template <bool kSummedSideIsLeft>
FITKIT_AVX_CLONES_NO_TRAPPING void scan_gains(const SplitterOptions& o, const RunningSums& sums,
                                              Index n, const NodeTotals& node, int monotonic,
                                              double* gains) {
  const double min_samples = o.min_samples_leaf, min_hessian = o.min_hessian_to_split;
  const double l2 = o.l2_regularization, lower = node.lower, upper = node.upper;
  const double total_count = node.n_samples, loss = node.loss_current_node;
  const bool increasing = monotonic == 1, decreasing = monotonic == -1;
  const double not_allowed = -std::numeric_limits<double>::infinity();
  for (Index b = 0; b < n; ++b) {
    const double g_summed = sums.gradient[b], h_summed = sums.hessian[b];
    const double g_other = node.sum_gradients - g_summed, h_other = node.sum_hessians - h_summed;
    const double g_left = kSummedSideIsLeft ? g_summed : g_other;
    const double h_left = kSummedSideIsLeft ? h_summed : h_other;
    const double g_right = kSummedSideIsLeft ? g_other : g_summed;
    const double h_right = kSummedSideIsLeft ? h_other : h_summed;
    double value_left = -g_left / (h_left + l2 + 1e-15);
    value_left = value_left < lower ? lower : value_left;
    value_left = value_left > upper ? upper : value_left;
    double value_right = -g_right / (h_right + l2 + 1e-15);
    value_right = value_right < lower ? lower : value_right;
    value_right = value_right > upper ? upper : value_right;
    const double gain = loss - g_left * value_left - g_right * value_right;
    // & rather than &&: no branch, so that the loop vectorises.
    const bool allowed = (sums.count[b] >= min_samples) &
                         (total_count - sums.count[b] >= min_samples) & (h_summed >= min_hessian) &
                         (h_other >= min_hessian) & !(increasing & (value_left > value_right)) &
                         !(decreasing & (value_left < value_right));
    gains[b] = allowed ? gain : not_allowed;
  }
}

// Updates `best` from a numeric feature's bins where they hold a better split.
void scan_numeric(const SplitterOptions& o, Index f, const HistogramBin* hist,
                  const NodeTotals& node, SplitInfo& best) {
  const std::uint32_t n_bins = o.mapper->n_bins_non_missing[f];
  const bool has_missing = o.has_missing_values[f] != 0;
  const int monotonic = o.monotonic_cst.empty() ? 0 : o.monotonic_cst[f];
  RunningSums sums;
  double gains[kBinsPerFeature];
  // The first of the largest gains above best's and min_gain_to_split (the serial scan's strict
  // comparisons), in scan order.
  const auto take_best = [&](Index n, bool missing_go_to_left, auto bin_at) {
    for (Index p = 0; p < n; ++p) {
      if (!(gains[p] > best.gain && gains[p] > o.min_gain_to_split)) continue;
      const double g = sums.gradient[p], h = sums.hessian[p];
      best.gain = gains[p];
      best.feature = static_cast<int>(f);
      best.bin = bin_at(p);
      best.missing_go_to_left = missing_go_to_left;
      best.is_categorical = false;
      best.sum_gradient_left = missing_go_to_left ? node.sum_gradients - g : g;
      best.sum_hessian_left = missing_go_to_left ? node.sum_hessians - h : h;
      best.n_samples_left = static_cast<std::uint32_t>(
          missing_go_to_left ? node.n_samples - static_cast<std::uint32_t>(sums.count[p])
                             : static_cast<std::uint32_t>(sums.count[p]));
    }
  };
  // Left to right, missing values to the right. The last non-missing bin may go left only when
  // missing values are left to go right.
  {
    double g = 0, h = 0;
    std::uint32_t count = 0;
    const Index positions = static_cast<Index>(n_bins) + (has_missing ? 1 : 0);
    const Index end = positions > 0 ? positions - 1 : 0;
    for (Index bin = 0; bin < end; ++bin) {
      count += hist[bin].count;
      h += hessian_of(o, hist[bin]);
      g += hist[bin].sum_gradients;
      sums.gradient[bin] = g;
      sums.hessian[bin] = h;
      sums.count[bin] = count;
    }
    scan_gains<true>(o, sums, end, node, monotonic, gains);
    take_best(end, false, [](Index p) { return static_cast<unsigned>(p); });
  }
  if (!has_missing || n_bins < 2) return;
  // Right to left, missing values to the left: bins above `bin` go right.
  double g = 0, h = 0;
  std::uint32_t count = 0;
  const Index end = n_bins - 1;
  for (Index p = 0; p < end; ++p) {
    const HistogramBin& b = hist[n_bins - 1 - p];
    count += b.count;
    h += hessian_of(o, b);
    g += b.sum_gradients;
    sums.gradient[p] = g;
    sums.hessian[p] = h;
    sums.count[p] = count;
  }
  scan_gains<false>(o, sums, end, node, monotonic, gains);
  take_best(end, true, [&](Index p) { return static_cast<unsigned>(n_bins - 2 - p); });
}

void scan_categorical(const SplitterOptions& o, Index f, const HistogramBin* hist,
                      const NodeTotals& node, SplitInfo& best) {
  struct Category {
    unsigned bin;
    double key;
  };
  const std::uint32_t n_bins = o.mapper->n_bins_non_missing[f];
  const bool has_missing = o.has_missing_values[f] != 0;
  // Hessian sums count as samples for the support: 1 for losses with constant hessians.
  const double support_factor = node.n_samples / node.sum_hessians;
  std::vector<Category> categories;
  categories.reserve(n_bins + 1);
  const auto consider = [&](unsigned bin) {
    const double h = hessian_of(o, hist[bin]);
    if (h * support_factor >= kMinCategorySupport)
      categories.push_back({bin, hist[bin].sum_gradients / (h + kMinCategorySupport)});
  };
  for (unsigned bin = 0; bin < n_bins; ++bin) consider(bin);
  if (has_missing) consider(o.mapper->missing_bin());  // missing values are one more category
  const std::size_t n_used = categories.size();
  if (n_used <= 1) return;
  std::stable_sort(categories.begin(), categories.end(),
                   [](const Category& a, const Category& b) { return a.key < b.key; });

  Candidate found;
  int best_direction = 0;
  std::size_t best_position = 0;
  for (const int direction : {1, -1}) {
    const std::size_t middle = direction == 1 ? (n_used + 1) / 2 : (n_used + 1) / 2 - 1;
    double g_left = 0, h_left = 0;
    std::uint32_t n_left = 0;
    for (std::size_t i = 0; i < middle; ++i) {
      const std::size_t position = direction == 1 ? i : n_used - 1 - i;
      const HistogramBin& b = hist[categories[position].bin];
      n_left += b.count;
      const std::uint32_t n_right = node.n_samples - n_left;
      h_left += hessian_of(o, b);
      const double h_right = node.sum_hessians - h_left;
      g_left += b.sum_gradients;
      const double g_right = node.sum_gradients - g_left;
      if (n_left < o.min_samples_leaf || h_left < o.min_hessian_to_split) continue;
      if (n_right < o.min_samples_leaf || h_right < o.min_hessian_to_split) break;
      const double gain = split_gain(o, g_left, h_left, g_right, h_right, node.loss_current_node, 0,
                                     node.lower, node.upper);
      if (gain > found.gain && gain > o.min_gain_to_split) {
        found = {gain, g_left, h_left, n_left};
        best_direction = direction;
        best_position = position;
      }
    }
  }
  if (found.gain <= best.gain) return;
  best.gain = found.gain;
  best.feature = static_cast<int>(f);
  best.bin = 0;
  best.is_categorical = true;
  best.sum_gradient_left = found.sum_gradient_left;
  best.sum_hessian_left = found.sum_hessian_left;
  best.n_samples_left = found.n_samples_left;
  best.left_bins.fill(0);
  if (best_direction == 1) {
    for (std::size_t p = 0; p <= best_position; ++p) set_bitset(best.left_bins, categories[p].bin);
  } else {
    for (std::size_t p = best_position; p < n_used; ++p)
      set_bitset(best.left_bins, categories[p].bin);
  }
  best.missing_go_to_left = has_missing && in_bitset(best.left_bins, o.mapper->missing_bin());
}

}  // namespace

double compute_node_value(double sum_gradient, double sum_hessian, double lower, double upper,
                          double l2_regularization) {
  double value = -sum_gradient / (sum_hessian + l2_regularization + 1e-15);
  if (value < lower)
    value = lower;
  else if (value > upper)
    value = upper;
  return value;
}

std::vector<SplitInfo> find_node_splits(const SplitterOptions& options,
                                        const std::vector<NodeToSplit>& nodes) {
  const Index n_features = options.mapper->n_features();
  const Index n_tasks = nodes.size() * n_features;
  std::vector<SplitInfo> feature_best(n_tasks);
  const auto tasks = static_cast<double>(n_tasks);
  helped_loop(n_tasks, threads_for_helped(kScanNanoseconds * tasks, tasks), [&](Index task) {
    const NodeToSplit& n = nodes[task / n_features];
    const Index f = task % n_features;
    const NodeTotals node{n.n_samples,   n.sum_gradients, n.sum_hessians, n.sum_gradients * n.value,
                          n.lower_bound, n.upper_bound};
    if (options.mapper->is_categorical[f])
      scan_categorical(options, f, n.histograms->feature(f), node, feature_best[task]);
    else
      scan_numeric(options, f, n.histograms->feature(f), node, feature_best[task]);
  });
  std::vector<SplitInfo> splits(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    // Features in order, the first of equal gains kept (scikit-learn's strict comparison).
    SplitInfo& best = splits[i];
    for (Index f = 0; f < n_features; ++f)
      if (feature_best[i * n_features + f].gain > best.gain)
        best = feature_best[i * n_features + f];
    if (best.feature < 0) continue;
    const NodeToSplit& n = nodes[i];
    best.sum_gradient_right = n.sum_gradients - best.sum_gradient_left;
    best.sum_hessian_right = n.sum_hessians - best.sum_hessian_left;
    best.n_samples_right = n.n_samples - best.n_samples_left;
    best.value_left = compute_node_value(best.sum_gradient_left, best.sum_hessian_left,
                                         n.lower_bound, n.upper_bound, options.l2_regularization);
    best.value_right = compute_node_value(best.sum_gradient_right, best.sum_hessian_right,
                                          n.lower_bound, n.upper_bound, options.l2_regularization);
  }
  return splits;
}

}  // namespace fitkit::detail::hgb
