#include "ensemble/hgb_splitter.hpp"

#include <algorithm>

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

// Updates `best` from a numeric feature's bins where they hold a better split.
void scan_numeric(const SplitterOptions& o, Index f, const HistogramBin* hist,
                  const NodeTotals& node, SplitInfo& best) {
  const std::uint32_t n_bins = o.mapper->n_bins_non_missing[f];
  const bool has_missing = o.has_missing_values[f] != 0;
  const int monotonic = o.monotonic_cst.empty() ? 0 : o.monotonic_cst[f];
  // Left to right, missing values to the right. The last non-missing bin may go left only when
  // missing values are left to go right.
  {
    double g_left = 0, h_left = 0;
    std::uint32_t n_left = 0;
    const std::uint32_t end = n_bins - 1 + (has_missing ? 1 : 0);
    for (std::uint32_t bin = 0; bin < end; ++bin) {
      n_left += hist[bin].count;
      const std::uint32_t n_right = node.n_samples - n_left;
      h_left += hessian_of(o, hist[bin]);
      g_left += hist[bin].sum_gradients;
      const double h_right = node.sum_hessians - h_left;
      const double g_right = node.sum_gradients - g_left;
      if (n_left < o.min_samples_leaf) continue;
      if (n_right < o.min_samples_leaf) break;
      if (h_left < o.min_hessian_to_split) continue;
      if (h_right < o.min_hessian_to_split) break;
      const double gain = split_gain(o, g_left, h_left, g_right, h_right, node.loss_current_node,
                                     monotonic, node.lower, node.upper);
      if (gain > best.gain && gain > o.min_gain_to_split) {
        best.gain = gain;
        best.feature = static_cast<int>(f);
        best.bin = bin;
        best.missing_go_to_left = false;
        best.is_categorical = false;
        best.sum_gradient_left = g_left;
        best.sum_hessian_left = h_left;
        best.n_samples_left = n_left;
      }
    }
  }
  if (!has_missing) return;
  // Right to left, missing values to the left: bins above `bin` go right.
  double g_right = 0, h_right = 0;
  std::uint32_t n_right = 0;
  for (int bin = static_cast<int>(n_bins) - 2; bin >= 0; --bin) {
    const HistogramBin& b = hist[bin + 1];
    n_right += b.count;
    const std::uint32_t n_left = node.n_samples - n_right;
    h_right += hessian_of(o, b);
    g_right += b.sum_gradients;
    const double h_left = node.sum_hessians - h_right;
    const double g_left = node.sum_gradients - g_right;
    if (n_right < o.min_samples_leaf) continue;
    if (n_left < o.min_samples_leaf) break;
    if (h_right < o.min_hessian_to_split) continue;
    if (h_left < o.min_hessian_to_split) break;
    const double gain = split_gain(o, g_left, h_left, g_right, h_right, node.loss_current_node,
                                   monotonic, node.lower, node.upper);
    if (gain > best.gain && gain > o.min_gain_to_split) {
      best.gain = gain;
      best.feature = static_cast<int>(f);
      best.bin = static_cast<unsigned>(bin);
      best.missing_go_to_left = true;
      best.is_categorical = false;
      best.sum_gradient_left = g_left;
      best.sum_hessian_left = h_left;
      best.n_samples_left = n_left;
    }
  }
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
