#include "tree/binned_cart.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "tree/cart_criterion.hpp"

namespace fitkit::detail {
namespace {

using cart::kInfinity;
using hgb::Bin;

// A node whose impurity is at most this is pure (scikit-learn's EPSILON, as build_cart).
constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
constexpr Index kNoParent = std::numeric_limits<Index>::max();
constexpr int kBins = 256;
constexpr int kCodes = 32 * Tree::kCategoryWords;

struct SplitRecord {
  Index feature = 0;
  Index pos = 0;  // samples[start:pos] go left
  double improvement = -kInfinity;
  double impurity_left = kInfinity, impurity_right = kInfinity;
  bool missing_go_to_left = false;
  // Numeric: the present bins <= last_left_bin go left (kBins: every present bin, the split
  // "every present row left, the missing ones right"). Categorical: the codes in left_codes.
  int last_left_bin = 0;
  bool categorical = false;
  std::array<std::uint32_t, Tree::kCategoryWords> left_codes{};
};

// The best cut of one feature's ordered present bins: order[0..last_left] go left.
struct Cut {
  bool found = false;
  int last_left = 0;  // -1 never; k - 1: every present bin left
  bool missing_go_to_left = false;
};

template <class Criterion>
class Builder {
  static constexpr bool kClassification =
      std::is_base_of_v<cart::ClassificationCriterion, Criterion>;

 public:
  Builder(const BinnedCartInput& input, const CartOptions& options, Criterion criterion,
          std::uint32_t rand_r_state)
      : in_(input),
        opt_(options),
        crit_(std::move(criterion)),
        rng_(rand_r_state),
        n_features_(input.bins->n_features),
        missing_bin_(input.mapper->missing_bin()) {
    // Classification: the class weights and the total weight per bin; regression: the weight
    // and the weighted sum of y.
    stride_ = kClassification ? in_.n_classes + 1 : 2;
    hist_.assign(static_cast<std::size_t>(kBins * stride_), 0.0);
    left_sums_.assign(stride_, 0.0);
    features_.resize(n_features_);
    for (Index f = 0; f < n_features_; ++f) features_[f] = f;
    constant_features_.assign(n_features_, 0);
    value_.set_size(crit_.value_width());
  }

  Tree build(const std::vector<Index>& rows) {
    samples_.clear();
    weights_.clear();
    targets_.clear();
    double weighted_n_samples = 0;
    for (const Index i : rows) {
      const double w = in_.sample_weight != nullptr ? in_.sample_weight[i] : 1.0;
      if (w != 0.0) {
        samples_.push_back(i);
        weights_.push_back(w);
        targets_.push_back(in_.y[i]);
        weighted_n_samples += w;
      }
    }
    if (samples_.empty())
      throw std::invalid_argument("build_binned_cart: no rows of positive weight");
    crit_.weighted_n_samples = weighted_n_samples;
    // The criterion reads the targets and weights where the builder keeps them, in the node's
    // order: its samples are positions.
    crit_.y = targets_.data();
    crit_.sample_weight = weights_.data();
    positions_.resize(samples_.size());
    for (std::size_t p = 0; p < positions_.size(); ++p) positions_[p] = static_cast<Index>(p);
    sample_buffer_.resize(samples_.size());
    weight_buffer_.resize(samples_.size());
    target_buffer_.resize(samples_.size());
    Tree tree;
    if (opt_.max_leaf_nodes)
      build_best_first(tree);
    else
      build_depth_first(tree);
    tree.finish();
    return tree;
  }

 private:
  double node_reset(Index start, Index end) {
    crit_.missing_go_to_left = false;
    crit_.init(positions_.data(), start, end);
    return crit_.weighted_n_node_samples;
  }

  bool too_small(Index n_node_samples, double weighted_n_node_samples, Index depth) const {
    return depth >= opt_.max_depth || n_node_samples < opt_.min_samples_split ||
           n_node_samples < 2 * opt_.min_samples_leaf ||
           weighted_n_node_samples < 2 * opt_.min_weight_leaf;
  }

  Index add_node(Tree& tree, Index parent, bool is_left, const SplitRecord* split, double impurity,
                 Index n_node_samples, double weighted_n_node_samples) {
    crit_.node_value(value_.memptr());
    const Index node = tree.add_node(value_, static_cast<std::int64_t>(n_node_samples),
                                     weighted_n_node_samples, impurity);
    if (parent != kNoParent) {
      auto& children = is_left ? tree.children_left : tree.children_right;
      children[parent] = static_cast<std::int32_t>(node);
    }
    if (split != nullptr) {
      tree.feature[node] = static_cast<std::int32_t>(split->feature);
      tree.missing_go_to_left[node] = split->missing_go_to_left ? 1 : 0;
      if (split->categorical) {
        tree.threshold[node] = static_cast<double>(Tree::kUndefined);
        tree.category_offset[node] = static_cast<std::int32_t>(tree.category_bits.size());
        tree.category_bits.insert(tree.category_bits.end(), split->left_codes.begin(),
                                  split->left_codes.end());
      } else {
        tree.threshold[node] =
            split->last_left_bin == kBins
                ? kInfinity
                : in_.mapper
                      ->thresholds[split->feature][static_cast<std::size_t>(split->last_left_bin)];
      }
    }
    return node;
  }

  // ---- depth-first and best-first growth, as build_cart ----------------------------------

  void build_depth_first(Tree& tree) {
    struct Record {
      Index start, end, depth, parent;
      bool is_left;
      double impurity;
      Index n_constant_features;
    };
    std::vector<Record> stack;
    stack.push_back({0, static_cast<Index>(samples_.size()), 0, kNoParent, false, kInfinity, 0});
    bool first = true;
    while (!stack.empty()) {
      Record r = stack.back();
      stack.pop_back();
      const Index n_node_samples = r.end - r.start;
      const double weighted = node_reset(r.start, r.end);
      bool is_leaf = too_small(n_node_samples, weighted, r.depth);
      if (first) {
        r.impurity = crit_.node_impurity();
        first = false;
      }
      is_leaf = is_leaf || r.impurity <= kEpsilon;
      SplitRecord split;
      if (!is_leaf) {
        split = node_split(r.impurity, r.start, r.end, r.n_constant_features);
        is_leaf = split.pos >= r.end || split.improvement + kEpsilon < opt_.min_impurity_decrease;
      }
      const Index node = add_node(tree, r.parent, r.is_left, is_leaf ? nullptr : &split, r.impurity,
                                  n_node_samples, weighted);
      if (!is_leaf) {
        stack.push_back({split.pos, r.end, r.depth + 1, node, false, split.impurity_right,
                         r.n_constant_features});
        stack.push_back({r.start, split.pos, r.depth + 1, node, true, split.impurity_left,
                         r.n_constant_features});
      }
    }
  }

  struct Frontier {
    Index node, start, end, pos, depth;
    bool is_leaf;
    double impurity, impurity_left, impurity_right, improvement;
  };

  Frontier add_split_node(Tree& tree, Index start, Index end, double impurity, bool is_first,
                          bool is_left, Index parent, Index depth) {
    const double weighted = node_reset(start, end);
    if (is_first) impurity = crit_.node_impurity();
    const Index n_node_samples = end - start;
    bool is_leaf = too_small(n_node_samples, weighted, depth) || impurity <= kEpsilon;
    SplitRecord split;
    Index n_constant_features = 0;
    if (!is_leaf) {
      split = node_split(impurity, start, end, n_constant_features);
      is_leaf = split.pos >= end || split.improvement + kEpsilon < opt_.min_impurity_decrease;
    }
    const Index node = add_node(tree, parent, is_left, is_leaf ? nullptr : &split, impurity,
                                n_node_samples, weighted);
    if (is_leaf) return {node, start, end, end, depth, true, impurity, impurity, impurity, 0.0};
    return {node,
            start,
            end,
            split.pos,
            depth,
            false,
            impurity,
            split.impurity_left,
            split.impurity_right,
            split.improvement};
  }

  void build_best_first(Tree& tree) {
    auto less_improvement = [](const Frontier& a, const Frontier& b) {
      return a.improvement < b.improvement;
    };
    std::vector<Frontier> frontier;
    Index max_split_nodes = *opt_.max_leaf_nodes - 1;
    frontier.push_back(add_split_node(tree, 0, static_cast<Index>(samples_.size()), kInfinity, true,
                                      true, kNoParent, 0));
    while (!frontier.empty()) {
      std::pop_heap(frontier.begin(), frontier.end(), less_improvement);
      const Frontier r = frontier.back();
      frontier.pop_back();
      if (r.is_leaf || max_split_nodes <= 0) {
        tree.feature[r.node] = Tree::kUndefined;
        tree.threshold[r.node] = static_cast<double>(Tree::kUndefined);
        tree.missing_go_to_left[r.node] = 0;
        continue;
      }
      --max_split_nodes;
      const Frontier left =
          add_split_node(tree, r.start, r.pos, r.impurity_left, false, true, r.node, r.depth + 1);
      const Frontier right =
          add_split_node(tree, r.pos, r.end, r.impurity_right, false, false, r.node, r.depth + 1);
      frontier.push_back(left);
      std::push_heap(frontier.begin(), frontier.end(), less_improvement);
      frontier.push_back(right);
      std::push_heap(frontier.begin(), frontier.end(), less_improvement);
    }
  }

  // ---- the split of one node: build_cart's feature draws, histogram scans ----------------

  SplitRecord node_split(double impurity, Index start, Index end, Index& n_constant_features) {
    SplitRecord best;
    best.pos = end;
    double best_proxy = -kInfinity;
    Index f_i = n_features_;
    Index n_visited = 0, n_found_constants = 0, n_drawn_constants = 0;
    const Index n_known_constants = n_constant_features;
    Index n_total_constants = n_known_constants;

    while (f_i > n_total_constants &&
           (n_visited < opt_.max_features || n_visited <= n_found_constants + n_drawn_constants)) {
      ++n_visited;
      Index f_j = rng_.rand_int(n_drawn_constants, f_i - n_found_constants);
      if (f_j < n_known_constants) {
        std::swap(features_[n_drawn_constants], features_[f_j]);
        ++n_drawn_constants;
        continue;
      }
      f_j += n_found_constants;
      const Index feature = features_[f_j];
      if (!try_feature(feature, start, end, best, best_proxy)) {
        std::swap(features_[f_j], features_[n_total_constants]);
        ++n_found_constants;
        ++n_total_constants;
        continue;
      }
      --f_i;
      std::swap(features_[f_i], features_[f_j]);
    }

    if (best.pos < end) {
      best.pos = partition(best, start, end);
      crit_.samples = positions_.data();
      crit_.init_missing(0);
      crit_.missing_go_to_left = false;
      crit_.reset();
      crit_.update(best.pos);
      crit_.children_impurity(best.impurity_left, best.impurity_right);
      best.improvement =
          crit_.impurity_improvement(impurity, best.impurity_left, best.impurity_right);
    }
    std::copy(constant_features_.begin(), constant_features_.begin() + n_known_constants,
              features_.begin());
    std::copy(features_.begin() + n_known_constants, features_.begin() + n_total_constants,
              constant_features_.begin() + n_known_constants);
    n_constant_features = n_total_constants;
    return best;
  }

  // Builds the node's histogram of `feature`, scans its cuts; false when the feature is
  // constant in the node (one present bin, or none).
  bool try_feature(Index feature, Index start, Index end, SplitRecord& best, double& best_proxy) {
    fill_histogram(feature, start, end);
    // The present bins in ascending order (the missing bin is the highest there is).
    int k = 0;
    for (int word = 0; word < 4; ++word) {
      std::uint64_t bits = present_[word];
      while (bits != 0) {
        const int bin = word * 64 + __builtin_ctzll(bits);
        bits &= bits - 1;
        if (bin != missing_bin_) order_[k++] = bin;
      }
    }
    const Index n_missing = counts_[missing_bin_];
    const bool categorical =
        in_.mapper->is_categorical.empty() ? false : in_.mapper->is_categorical[feature] != 0;
    bool found = k >= 2;
    if (found && categorical) {
      order_by_category_statistic(k);
      const Cut cut = scan(k, n_missing, end - start, best_proxy);
      if (cut.found) set_categorical_split(feature, k, cut, best);
    } else if (found) {
      const Cut cut = scan(k, n_missing, end - start, best_proxy);
      if (cut.found) {
        best.feature = feature;
        best.pos = start;  // anything below end: a split was found
        best.categorical = false;
        best.last_left_bin = cut.last_left == k - 1 ? kBins : order_[cut.last_left];
        best.missing_go_to_left = cut.missing_go_to_left;
      }
    }
    clear_histogram();
    return found;
  }

  void fill_histogram(Index feature, Index start, Index end) {
    const Bin* column = in_.bins->column(feature);
    double* hist = hist_.data();
    const Index stride = stride_;
    present_.fill(0);
    for (Index p = start; p < end; ++p) {
      const Bin bin = column[samples_[p]];
      const double w = weights_[p];
      double* h = hist + bin * stride;
      if constexpr (kClassification) {
        h[static_cast<Index>(targets_[p])] += w;
        h[stride - 1] += w;
      } else {
        h[0] += w;
        h[1] += w * targets_[p];
      }
      ++counts_[bin];
      present_[bin >> 6] |= std::uint64_t{1} << (bin & 63);
    }
  }

  void clear_histogram() {
    for (int word = 0; word < 4; ++word) {
      std::uint64_t bits = present_[word];
      while (bits != 0) {
        const int bin = word * 64 + __builtin_ctzll(bits);
        bits &= bits - 1;
        std::fill_n(hist_.data() + bin * stride_, stride_, 0.0);
        counts_[bin] = 0;
      }
    }
  }

  // A side's weight and proxy_impurity_improvement from its running sums.
  double weighted_of(const double* sums) const {
    return kClassification ? sums[stride_ - 1] : sums[0];
  }
  double proxy_for_left(const double* sums) const {
    if constexpr (kClassification)
      return crit_.proxy_for_left(sums, sums[stride_ - 1]);
    else
      return crit_.proxy_for_left(sums[1], sums[0]);
  }

  void add_bin(double* sums, int bin) const {
    const double* h = hist_.data() + bin * stride_;
    for (Index s = 0; s < stride_; ++s) sums[s] += h[s];
  }

  // Every cut of order_[0..k), missing rows right then left, then "every present row left, the
  // missing ones right": build_cart's scan_sorted on the node's distinct values, in the same
  // order with the same rules and the same first-best tie-breaking.
  Cut scan(int k, Index n_missing, Index n_node, double& best_proxy) {
    Cut cut;
    const Index n_present = n_node - n_missing;
    double* left = left_sums_.data();
    // As the criterion's weighted_n_right: the node's weight less the left's.
    const double weighted_node = crit_.weighted_n_node_samples;
    const int n_searches = n_missing != 0 ? 2 : 1;
    for (int search = 0; search < n_searches; ++search) {
      const bool missing_left = search == 1;
      std::fill(left_sums_.begin(), left_sums_.end(), 0.0);
      Index n_left = 0;
      if (missing_left) {
        add_bin(left, missing_bin_);
        n_left = n_missing;
      }
      for (int r = 0; r + 1 < k; ++r) {
        add_bin(left, order_[r]);
        n_left += counts_[order_[r]];
        const Index n_right = n_node - n_left;
        if (n_left < opt_.min_samples_leaf || n_right < opt_.min_samples_leaf) continue;
        const double weighted_left = weighted_of(left);
        if (weighted_left < opt_.min_weight_leaf ||
            weighted_node - weighted_left < opt_.min_weight_leaf)
          continue;
        const double proxy = proxy_for_left(left);
        if (proxy > best_proxy) {
          best_proxy = proxy;
          cut = {true, r, n_missing == 0 ? n_left > n_right : missing_left};
        }
      }
    }
    if (n_missing != 0 && n_present >= opt_.min_samples_leaf &&
        n_missing >= opt_.min_samples_leaf) {
      std::fill(left_sums_.begin(), left_sums_.end(), 0.0);
      for (int r = 0; r < k; ++r) add_bin(left, order_[r]);
      const double weighted_left = weighted_of(left);
      if (!(weighted_left < opt_.min_weight_leaf ||
            weighted_node - weighted_left < opt_.min_weight_leaf)) {
        const double proxy = proxy_for_left(left);
        if (proxy > best_proxy) {
          best_proxy = proxy;
          cut = {true, k - 1, false};
        }
      }
    }
    return cut;
  }

  // build_cart's category order: the node's categories by mean target (regression) or by their
  // weighted share of the node's most frequent class among present rows (classification),
  // stably from ascending code (= ascending bin, categories being sorted).
  void order_by_category_statistic(int k) {
    Index reference = 0;
    if constexpr (kClassification) {
      class_totals_.assign(in_.n_classes, 0.0);
      for (int r = 0; r < k; ++r)
        for (Index c = 0; c < in_.n_classes; ++c)
          class_totals_[c] += hist_[order_[r] * stride_ + c];
      reference = static_cast<Index>(std::max_element(class_totals_.begin(), class_totals_.end()) -
                                     class_totals_.begin());
    }
    for (int r = 0; r < k; ++r) {
      const double* h = hist_.data() + order_[r] * stride_;
      const double weight = kClassification ? h[stride_ - 1] : h[0];
      const double stat = kClassification ? h[reference] : h[1];
      category_mean_[order_[r]] = stat / weight;
    }
    std::stable_sort(order_.begin(), order_.begin() + k,
                     [&](int a, int b) { return category_mean_[a] < category_mean_[b]; });
  }

  void set_categorical_split(Index feature, int k, const Cut& cut, SplitRecord& best) {
    const std::vector<double>& codes = in_.mapper->thresholds[feature];
    best.feature = feature;
    best.pos = 0;  // anything below the node's end: a split was found
    best.categorical = true;
    best.missing_go_to_left = cut.missing_go_to_left;
    best.left_codes.fill(0);
    auto add = [&](int code) { best.left_codes[code / 32] |= 1u << (code % 32); };
    for (int r = 0; r <= cut.last_left; ++r)
      add(static_cast<int>(codes[static_cast<std::size_t>(order_[r])]));
    if (cut.missing_go_to_left) {
      // The codes the node has not seen go with the missing rows.
      std::array<bool, kCodes> seen{};
      for (int r = 0; r < k; ++r) seen[static_cast<int>(codes[order_[r]])] = true;
      for (int code = 0; code < kCodes; ++code)
        if (!seen[code]) add(code);
    }
  }

  // Reorders the node stably into [left | right]; returns the first position of the right.
  Index partition(const SplitRecord& best, Index start, Index end) {
    std::array<std::uint8_t, kBins> goes_left{};
    const hgb::BinMapper& mapper = *in_.mapper;
    const auto n_bins = static_cast<int>(mapper.n_bins_non_missing[best.feature]);
    for (int bin = 0; bin < n_bins; ++bin) {
      if (best.categorical) {
        const int code = static_cast<int>(mapper.thresholds[best.feature][bin]);
        goes_left[bin] = (best.left_codes[code / 32] >> (code % 32)) & 1u;
      } else {
        goes_left[bin] = bin <= best.last_left_bin ? 1 : 0;
      }
    }
    goes_left[missing_bin_] = best.missing_go_to_left ? 1 : 0;
    const Bin* column = in_.bins->column(best.feature);
    Index l = start, r = 0;
    for (Index p = start; p < end; ++p) {
      const Index i = samples_[p];
      if (goes_left[column[i]]) {
        samples_[l] = i;
        weights_[l] = weights_[p];
        targets_[l] = targets_[p];
        ++l;
      } else {
        sample_buffer_[r] = i;
        weight_buffer_[r] = weights_[p];
        target_buffer_[r] = targets_[p];
        ++r;
      }
    }
    std::copy_n(sample_buffer_.begin(), r, samples_.begin() + l);
    std::copy_n(weight_buffer_.begin(), r, weights_.begin() + l);
    std::copy_n(target_buffer_.begin(), r, targets_.begin() + l);
    return l;
  }

  const BinnedCartInput& in_;
  const CartOptions& opt_;
  Criterion crit_;
  SklearnRandR rng_;
  Index n_features_;
  int missing_bin_;
  Index stride_ = 0;
  // The node's rows, with their weights and targets in the same order (read by the histograms
  // without touching the whole data set).
  std::vector<Index> samples_, sample_buffer_, positions_;
  std::vector<double> weights_, targets_, weight_buffer_, target_buffer_;
  std::vector<Index> features_, constant_features_;
  std::vector<double> hist_, left_sums_, class_totals_;
  std::array<Index, kBins> counts_{};
  std::array<std::uint64_t, 4> present_{};
  std::array<int, kBins> order_{};
  std::array<double, kBins> category_mean_{};
  RowVector value_;
};

template <class Criterion>
Tree run(const BinnedCartInput& input, const std::vector<Index>& rows, const CartOptions& options,
         std::uint32_t rand_r_state, Criterion criterion) {
  Builder<Criterion> builder(input, options, std::move(criterion), rand_r_state);
  return builder.build(rows);
}

}  // namespace

Tree build_binned_cart(const BinnedCartInput& input, const std::vector<Index>& rows,
                       const CartOptions& options, std::uint32_t rand_r_state) {
  using namespace cart;
  if (options.random_splitter)
    throw std::invalid_argument("build_binned_cart: the random splitter is not supported");
  if (input.mapper->max_bins > 255)
    throw std::invalid_argument("build_binned_cart: at most 255 bins");
  switch (options.criterion) {
    case CartCriterion::gini:
      return run(input, rows, options, rand_r_state,
                 ClassificationCriterion(input.n_classes, false));
    case CartCriterion::entropy:
      return run(input, rows, options, rand_r_state,
                 ClassificationCriterion(input.n_classes, true));
    case CartCriterion::squared_error:
      return run(input, rows, options, rand_r_state, SquaredError());
    case CartCriterion::friedman_mse:
      return run(input, rows, options, rand_r_state, FriedmanMse());
    case CartCriterion::poisson:
      return run(input, rows, options, rand_r_state, Poisson());
    case CartCriterion::absolute_error:
      throw std::invalid_argument("build_binned_cart: absolute_error is not supported");
  }
  throw std::logic_error("build_binned_cart: unknown criterion");
}

}  // namespace fitkit::detail
