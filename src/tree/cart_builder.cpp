#include "tree/cart_builder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <utility>

#include "tree/cart_criterion.hpp"
#include "tree/cart_sort.hpp"

namespace fitkit::detail {
namespace {

using cart::kInfinity;

// Feature values closer than this count as equal (scikit-learn's FEATURE_THRESHOLD, a float32:
// the sum below is computed in float32 as there).
constexpr float kFeatureThreshold = 1e-7f;
// A node whose impurity is at most this is pure (scikit-learn's EPSILON in _tree.pyx).
constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

constexpr Index kNoParent = std::numeric_limits<Index>::max();

struct SplitRecord {
  Index feature = 0;
  Index pos = 0;  // samples[start:pos] go left
  double threshold = 0;
  double improvement = -kInfinity;
  double impurity_left = kInfinity, impurity_right = kInfinity;
  bool missing_go_to_left = false;
  Index n_missing = 0;
  // A categorical split: the codes that go left (Tree::kCategoryWords words).
  bool categorical = false;
  std::array<std::uint32_t, Tree::kCategoryWords> left_codes{};

  // Whether a row with value v of the split feature goes left.
  bool goes_left(float v) const {
    if (v != v) return missing_go_to_left;
    if (!categorical) return v <= threshold;
    const auto code = static_cast<int>(v);
    return ((left_codes[static_cast<std::size_t>(code / 32)] >> (code % 32)) & 1u) != 0;
  }
};

// Where a row's value goes under a numeric split (NaN handled by the caller).
inline bool is_missing(float v) {
  return v != v;
}

template <class Criterion>
class Builder {
 public:
  Builder(const CartInput& input, const CartOptions& options, Criterion criterion,
          std::uint32_t rand_r_state)
      : in_(input), opt_(options), crit_(std::move(criterion)), rng_(rand_r_state) {
    crit_.y = in_.y;
    crit_.sample_weight = in_.sample_weight;
    features_.resize(in_.n_features);
    for (Index f = 0; f < in_.n_features; ++f) features_[f] = f;
    constant_features_.assign(in_.n_features, 0);
    has_missing_.assign(in_.n_features, 0);
    for (Index f = 0; f < in_.n_features; ++f) {
      const float* column = in_.X + f * in_.n_rows;
      for (Index i = 0; i < in_.n_rows; ++i)
        if (is_missing(column[i])) {
          has_missing_[f] = 1;
          break;
        }
    }
    value_.set_size(crit_.value_width());
  }

  Tree build(const std::vector<Index>& rows) {
    samples_.clear();
    double weighted_n_samples = 0;
    for (const Index i : rows) {
      const double w = in_.sample_weight != nullptr ? in_.sample_weight[i] : 1.0;
      if (w != 0.0) {
        samples_.push_back(i);
        weighted_n_samples += w;
      }
    }
    if (samples_.empty()) throw std::invalid_argument("build_cart: no rows of positive weight");
    crit_.weighted_n_samples = weighted_n_samples;
    Xf_.assign(samples_.size(), 0.0f);
    if (use_presorted()) presort();
    Tree tree;
    if (opt_.max_leaf_nodes)
      build_best_first(tree);
    else
      build_depth_first(tree);
    tree.finish();
    return tree;
  }

 private:
  float x(Index row, Index feature) const { return in_.X[feature * in_.n_rows + row]; }

  // ---- presorted features -------------------------------------------------------------------
  //
  // scikit-learn sorts a node's samples per feature at every node. When the order of equal
  // values cannot change a sum (class counts of integral weights are exact in any order), the
  // tree does not depend on how ties are ordered, and each feature can be sorted once: every
  // node then keeps, per feature, its samples in value order, and a split partitions each
  // feature's range stably (linear per node instead of n log n per feature and node). The
  // splits, ties between features and draws are the same, so the tree is the same.

  bool use_presorted() const {
    if (opt_.random_splitter || in_.n_classes == 0) return false;
    if (opt_.max_features * 4 < in_.n_features) return false;  // sorting the drawn few is cheaper
    if (in_.sample_weight != nullptr)
      for (const Index i : samples_) {
        const double w = in_.sample_weight[i];
        if (w != std::floor(w) || w > 1e6) return false;
      }
    return true;
  }

  void presort() {
    const Index n = samples_.size();
    presorted_ = true;
    sorted_samples_.resize(n * in_.n_features);
    sorted_values_.resize(n * in_.n_features);
    goes_left_.assign(in_.n_rows, 0);
    partition_buffer_.resize(n);
    value_buffer_.resize(n);
    std::vector<std::pair<float, Index>> keyed(n);
    for (Index f = 0; f < in_.n_features; ++f) {
      const float* column = in_.X + f * in_.n_rows;
      for (Index p = 0; p < n; ++p) keyed[p] = {column[samples_[p]], samples_[p]};
      // Missing values last.
      std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
        if (is_missing(a.first)) return false;
        if (is_missing(b.first)) return true;
        return a.first < b.first;
      });
      Index* order = sorted_samples_.data() + f * n;
      float* values = sorted_values_.data() + f * n;
      for (Index p = 0; p < n; ++p) {
        values[p] = keyed[p].first;
        order[p] = keyed[p].second;
      }
    }
  }

  // Splits the node [start, end) of every feature's order (and of samples_) stably by the best
  // split; returns the first position of the right child.
  Index partition_presorted(const SplitRecord& best, Index start, Index end) {
    const float* column = in_.X + best.feature * in_.n_rows;
    Index n_left = 0;
    for (Index p = start; p < end; ++p) {
      const Index i = samples_[p];
      const float v = column[i];
      const bool left = best.goes_left(v);
      goes_left_[i] = left ? 1 : 0;
      n_left += left ? 1 : 0;
    }
    const Index n = samples_.size();
    auto split_range = [&](Index* order, float* values) {
      Index l = start, r = 0;
      for (Index p = start; p < end; ++p) {
        const Index i = order[p];
        if (goes_left_[i]) {
          order[l] = i;
          if (values != nullptr) values[l] = values[p];
          ++l;
        } else {
          partition_buffer_[r] = i;
          if (values != nullptr) value_buffer_[r] = values[p];
          ++r;
        }
      }
      std::copy(partition_buffer_.begin(), partition_buffer_.begin() + r, order + l);
      if (values != nullptr)
        std::copy(value_buffer_.begin(), value_buffer_.begin() + r, values + l);
    };
    for (Index f = 0; f < in_.n_features; ++f)
      split_range(sorted_samples_.data() + f * n, sorted_values_.data() + f * n);
    split_range(samples_.data(), nullptr);
    return start + n_left;
  }

  double node_reset(Index start, Index end) {
    crit_.missing_go_to_left = false;
    crit_.init(samples_.data(), start, end);
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
      tree.threshold[node] = split->threshold;
      tree.missing_go_to_left[node] = split->missing_go_to_left ? 1 : 0;
      if (split->categorical) {
        tree.threshold[node] = static_cast<double>(Tree::kUndefined);
        tree.category_offset[node] = static_cast<std::int32_t>(tree.category_bits.size());
        tree.category_bits.insert(tree.category_bits.end(), split->left_codes.begin(),
                                  split->left_codes.end());
      }
    }
    return node;
  }

  // ---- depth-first growth (scikit-learn's DepthFirstTreeBuilder) ----------------------------

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
      // The value comes from the node's totals, which the split search leaves alone.
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

  // ---- best-first growth (scikit-learn's BestFirstTreeBuilder, for max_leaf_nodes) -----------

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

  // ---- the split of one node (scikit-learn's BestSplitter / RandomSplitter) -----------------

  // Copies the node's values of `feature` into Xf; with missing values in the feature, moves the
  // rows missing it to the end of the node first (scikit-learn 1.3's order). Returns how many.
  Index gather(Index feature, Index start, Index end) {
    Index n_missing = 0;
    const float* column = in_.X + feature * in_.n_rows;
    if (has_missing_[feature]) {
      auto i = static_cast<std::ptrdiff_t>(start), last = static_cast<std::ptrdiff_t>(end) - 1;
      while (i <= last) {
        if (is_missing(column[samples_[last]])) {
          ++n_missing;
          --last;
          continue;
        }
        if (is_missing(column[samples_[i]])) {
          std::swap(samples_[i], samples_[last]);
          ++n_missing;
          --last;
        }
        Xf_[i] = column[samples_[i]];
        ++i;
      }
    } else {
      for (Index i = start; i < end; ++i) Xf_[i] = column[samples_[i]];
    }
    return n_missing;
  }

  SplitRecord node_split(double impurity, Index start, Index end, Index& n_constant_features) {
    SplitRecord best;
    best.pos = end;
    double best_proxy = -kInfinity;
    const Index n_features = in_.n_features;
    Index f_i = n_features;
    Index n_visited = 0, n_found_constants = 0, n_drawn_constants = 0;
    const Index n_known_constants = n_constant_features;
    Index n_total_constants = n_known_constants;
    Index last_drawn = kNoParent;  // the feature the random splitter partitioned by last

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
      last_drawn = feature;
      const bool categorical = !in_.categorical.empty() && in_.categorical[feature] != 0;
      const bool found =
          opt_.random_splitter ? try_random_feature(feature, start, end, best, best_proxy)
          : categorical        ? try_categorical_feature(feature, start, end, best, best_proxy)
                               : try_best_feature(feature, start, end, best, best_proxy);
      if (!found) {
        std::swap(features_[f_j], features_[n_total_constants]);
        ++n_found_constants;
        ++n_total_constants;
        continue;
      }
      --f_i;
      std::swap(features_[f_i], features_[f_j]);
    }

    crit_.samples = samples_.data();
    if (best.pos < end && presorted_) {
      best.pos = partition_presorted(best, start, end);
      crit_.init_missing(0);
      crit_.missing_go_to_left = false;
      crit_.reset();
      crit_.update(best.pos);
      crit_.children_impurity(best.impurity_left, best.impurity_right);
      best.improvement =
          crit_.impurity_improvement(impurity, best.impurity_left, best.impurity_right);
    } else if (best.pos < end) {
      partition_final(best, start, end, last_drawn);
      crit_.init_missing(best.n_missing);
      crit_.missing_go_to_left = best.missing_go_to_left;
      crit_.reset();
      crit_.update(best.pos);
      crit_.children_impurity(best.impurity_left, best.impurity_right);
      best.improvement =
          crit_.impurity_improvement(impurity, best.impurity_left, best.impurity_right);
      // The missing rows sit at the end; when they go left they move next to the left rows.
      if (best.n_missing > 0 && best.missing_go_to_left) {
        for (Index p = 0; p < best.n_missing; ++p)
          std::swap(samples_[best.pos + p], samples_[end - 1 - p]);
        best.pos += best.n_missing;
      }
    }
    // Constant features: the known ones keep their order for the siblings and children, the
    // new ones are appended.
    std::copy(constant_features_.begin(), constant_features_.begin() + n_known_constants,
              features_.begin());
    std::copy(features_.begin() + n_known_constants, features_.begin() + n_total_constants,
              constant_features_.begin() + n_known_constants);
    n_constant_features = n_total_constants;
    return best;
  }

  // Sorts the node by `feature` and scans every split; false when the feature is constant
  // (or missing throughout) in the node.
  bool try_best_feature(Index feature, Index start, Index end, SplitRecord& best,
                        double& best_proxy) {
    const float* values = Xf_.data();
    Index n_missing = 0;
    if (presorted_) {
      const Index n = samples_.size();
      values = sorted_values_.data() + feature * n;
      crit_.samples = sorted_samples_.data() + feature * n;
      while (n_missing < end - start && is_missing(values[end - 1 - n_missing])) ++n_missing;
    } else {
      n_missing = gather(feature, start, end);
      cart::sort_node_values(Xf_.data() + start, samples_.data() + start, end - n_missing - start);
    }
    const Index end_non_missing = end - n_missing;
    if (end_non_missing == start ||
        values[end_non_missing - 1] <= values[start] + kFeatureThreshold)
      return false;

    scan_sorted(feature, values, start, end, n_missing, best, best_proxy);
    return true;
  }

  // Scans every split of the node sorted by `values` (the missing rows at the end), both ways
  // for the missing ones, keeping the best in `best`.
  void scan_sorted(Index feature, const float* values, Index start, Index end, Index n_missing,
                   SplitRecord& best, double& best_proxy) {
    const Index end_non_missing = end - n_missing;
    crit_.init_missing(n_missing);
    const int n_searches = n_missing != 0 ? 2 : 1;
    for (int search = 0; search < n_searches; ++search) {
      const bool missing_left = search == 1;
      crit_.missing_go_to_left = missing_left;
      crit_.reset();
      Index p = start;
      while (p < end_non_missing) {
        while (p + 1 < end_non_missing && values[p + 1] <= values[p] + kFeatureThreshold) ++p;
        const Index p_prev = p;
        ++p;
        if (p >= end_non_missing) continue;
        const Index n_left = p - start + (missing_left ? n_missing : 0);
        const Index n_right = end_non_missing - p + (missing_left ? 0 : n_missing);
        if (n_left < opt_.min_samples_leaf || n_right < opt_.min_samples_leaf) continue;
        crit_.update(p);
        if (crit_.weighted_n_left < opt_.min_weight_leaf ||
            crit_.weighted_n_right < opt_.min_weight_leaf)
          continue;
        const double proxy = crit_.proxy_impurity_improvement();
        if (proxy > best_proxy) {
          best_proxy = proxy;
          best.feature = feature;
          best.pos = p;
          // The sum of halves cannot overflow.
          double threshold = values[p_prev] / 2.0 + values[p] / 2.0;
          if (threshold == values[p] || threshold == kInfinity || threshold == -kInfinity)
            threshold = values[p_prev];
          best.threshold = threshold;
          best.n_missing = n_missing;
          best.missing_go_to_left = n_missing == 0 ? n_left > n_right : missing_left;
          best.categorical = false;
        }
      }
    }
    // Every non-missing row left, the missing ones right.
    if (n_missing != 0) {
      const Index n_left = end_non_missing - start, n_right = n_missing;
      if (!(n_left < opt_.min_samples_leaf || n_right < opt_.min_samples_leaf)) {
        crit_.missing_go_to_left = false;
        crit_.reset();
        crit_.update(end_non_missing);
        if (!(crit_.weighted_n_left < opt_.min_weight_leaf ||
              crit_.weighted_n_right < opt_.min_weight_leaf)) {
          const double proxy = crit_.proxy_impurity_improvement();
          if (proxy > best_proxy) {
            best_proxy = proxy;
            best.feature = feature;
            best.pos = end_non_missing;
            best.threshold = kInfinity;
            best.n_missing = n_missing;
            best.missing_go_to_left = false;
            best.categorical = false;
          }
        }
      }
    }
  }

  // A categorical feature (Breiman's ordering, Fisher 1958): the node's categories ordered by
  // their mean target (regression) or by their weighted share of the node's most frequent
  // class (classification; exact for two classes, a heuristic for more), then every cut of
  // that order is scanned as a numeric split of the ranks. Codes the node has not seen go
  // with the missing values.
  bool try_categorical_feature(Index feature, Index start, Index end, SplitRecord& best,
                               double& best_proxy) {
    crit_.samples = samples_.data();
    const Index n_missing = gather(feature, start, end);
    const Index end_non_missing = end - n_missing;
    if (end_non_missing == start) return false;
    constexpr int kCodes = 32 * Tree::kCategoryWords;
    std::array<double, kCodes> weight{}, stat{};
    Index reference = 0;
    if (in_.n_classes > 0) {
      std::vector<double> totals(in_.n_classes, 0.0);
      for (Index p = start; p < end_non_missing; ++p) {
        const Index i = samples_[p];
        totals[static_cast<Index>(in_.y[i])] += crit_.weight(i);
      }
      reference =
          static_cast<Index>(std::max_element(totals.begin(), totals.end()) - totals.begin());
    }
    for (Index p = start; p < end_non_missing; ++p) {
      const Index i = samples_[p];
      const auto code = static_cast<int>(Xf_[p]);
      const double w = crit_.weight(i);
      weight[code] += w;
      stat[code] +=
          in_.n_classes > 0 ? (static_cast<Index>(in_.y[i]) == reference ? w : 0.0) : w * in_.y[i];
    }
    std::vector<int> present;
    for (int code = 0; code < kCodes; ++code)
      if (weight[code] > 0) present.push_back(code);
    if (present.size() < 2) return false;
    std::stable_sort(present.begin(), present.end(),
                     [&](int a, int b) { return stat[a] / weight[a] < stat[b] / weight[b]; });
    std::array<float, kCodes> rank{};
    for (std::size_t r = 0; r < present.size(); ++r) rank[present[r]] = static_cast<float>(r);
    for (Index p = start; p < end_non_missing; ++p) Xf_[p] = rank[static_cast<std::size_t>(Xf_[p])];
    cart::sort_node_values(Xf_.data() + start, samples_.data() + start, end_non_missing - start);

    const double before = best_proxy;
    SplitRecord candidate = best;
    scan_sorted(feature, Xf_.data(), start, end, n_missing, candidate, best_proxy);
    if (best_proxy > before) {
      // The cut in rank space becomes the set of codes left of it.
      candidate.categorical = true;
      candidate.left_codes.fill(0);
      for (const int code : present)
        if (rank[code] <= candidate.threshold) candidate.left_codes[code / 32] |= 1u << (code % 32);
      if (candidate.missing_go_to_left)
        for (int code = 0; code < kCodes; ++code)
          if (weight[code] == 0) candidate.left_codes[code / 32] |= 1u << (code % 32);
      best = candidate;
    }
    return true;
  }

  // One threshold drawn uniformly between the node's min and max of `feature` (ExtraTrees);
  // rows missing the feature go to a side drawn at random.
  bool try_random_feature(Index feature, Index start, Index end, SplitRecord& best,
                          double& best_proxy) {
    const Index n_missing = gather(feature, start, end);
    const Index end_non_missing = end - n_missing;
    if (end_non_missing == start) return false;
    float min_value = Xf_[start], max_value = min_value;
    for (Index p = start + 1; p < end_non_missing; ++p) {
      const float v = Xf_[p];
      if (v < min_value)
        min_value = v;
      else if (v > max_value)
        max_value = v;
    }
    if (max_value <= min_value + kFeatureThreshold) return false;
    double threshold = rng_.rand_uniform(min_value, max_value);
    if (threshold == max_value) threshold = min_value;
    const bool missing_left = n_missing != 0 && rng_.rand_int(0, 2) == 1;

    Index p = start, partition_end = end_non_missing;
    while (p < partition_end) {
      if (Xf_[p] <= threshold) {
        ++p;
      } else {
        --partition_end;
        std::swap(Xf_[p], Xf_[partition_end]);
        std::swap(samples_[p], samples_[partition_end]);
      }
    }
    const Index pos = partition_end;
    const Index n_left = pos - start + (missing_left ? n_missing : 0);
    const Index n_right = end_non_missing - pos + (missing_left ? 0 : n_missing);
    if (n_left < opt_.min_samples_leaf || n_right < opt_.min_samples_leaf) return true;
    crit_.init_missing(n_missing);
    crit_.missing_go_to_left = missing_left;
    crit_.reset();
    crit_.update(pos);
    if (crit_.weighted_n_left < opt_.min_weight_leaf ||
        crit_.weighted_n_right < opt_.min_weight_leaf)
      return true;
    const double proxy = crit_.proxy_impurity_improvement();
    if (proxy > best_proxy) {
      best_proxy = proxy;
      best.feature = feature;
      best.pos = pos;
      best.threshold = threshold;
      best.n_missing = n_missing;
      best.missing_go_to_left = n_missing == 0 ? false : missing_left;
      best.categorical = false;
    }
    return true;
  }

  // Reorders samples[start:end] into [left | right | missing] by the best split.
  void partition_final(const SplitRecord& best, Index start, Index end, Index last_drawn) {
    // The random splitter left the rows partitioned by the last feature it drew.
    if (opt_.random_splitter && last_drawn == best.feature) return;
    const float* column = in_.X + best.feature * in_.n_rows;
    // The missing rows to the end first. (scikit-learn 1.3's partition_samples_final does this
    // and the partition in one loop that stops before the row at its last non-missing slot, and
    // can leave a missing row among the left ones.)
    Index present_end = end;
    if (best.n_missing != 0)
      for (Index p = start; p < present_end;) {
        if (is_missing(column[samples_[p]])) {
          --present_end;
          std::swap(samples_[p], samples_[present_end]);
        } else {
          ++p;
        }
      }
    Index p = start, partition_end = present_end;
    while (p < partition_end) {
      if (best.goes_left(column[samples_[p]])) {
        ++p;
      } else {
        --partition_end;
        std::swap(samples_[p], samples_[partition_end]);
      }
    }
  }

  const CartInput& in_;
  const CartOptions& opt_;
  Criterion crit_;
  SklearnRandR rng_;
  std::vector<Index> samples_, features_, constant_features_;
  std::vector<float> Xf_;
  // Presorted mode: per feature, the node's samples in value order and their values.
  bool presorted_ = false;
  std::vector<Index> sorted_samples_, partition_buffer_;
  std::vector<float> sorted_values_, value_buffer_;
  std::vector<std::uint8_t> goes_left_;
  std::vector<std::uint8_t> has_missing_;
  RowVector value_;
};

template <class Criterion>
Tree run(const CartInput& input, const std::vector<Index>& rows, const CartOptions& options,
         std::uint32_t rand_r_state, Criterion criterion) {
  Builder<Criterion> builder(input, options, std::move(criterion), rand_r_state);
  return builder.build(rows);
}

}  // namespace

std::uint32_t sklearn_rand_r_seed(std::uint64_t seed) {
  std::mt19937 engine(static_cast<std::uint32_t>(seed & 0xFFFFFFFFu));
  std::uint32_t value = 0;
  do {
    value = static_cast<std::uint32_t>(engine()) & 0x7FFFFFFFu;
  } while (value > 0x7FFFFFFEu);
  return value;
}

Tree build_cart(const CartInput& input, const std::vector<Index>& rows, const CartOptions& options,
                std::uint32_t rand_r_state) {
  using namespace cart;
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
    case CartCriterion::absolute_error:
      return run(input, rows, options, rand_r_state, AbsoluteError());
    case CartCriterion::poisson:
      return run(input, rows, options, rand_r_state, Poisson());
  }
  throw std::logic_error("build_cart: unknown criterion");
}

}  // namespace fitkit::detail
