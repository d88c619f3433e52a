#include "ensemble/hgb_grower.hpp"

#include <algorithm>
#include <numeric>

#include "core/helped_loop.hpp"

namespace fitkit::detail::hgb {
namespace {

// Serial cost of sending one row to its child (a gather of its bin and a write).
constexpr double kPartitionNanoseconds = 1.5;

bool goes_left(const SplitInfo& split, Bin bin, Bin missing_bin) {
  if (split.is_categorical) return in_bitset(split.left_bins, bin);
  if (bin == missing_bin) return split.missing_go_to_left;
  return bin <= split.bin;
}

}  // namespace

double BinnedTree::predict(const BinnedData& X, Index row, Bin missing_bin) const {
  std::int32_t node = 0;
  while (left[node] != Tree::kLeaf) {
    const Bin b = X.column(feature[node])[row];
    bool left_side;
    if (b == missing_bin)
      left_side = missing_go_to_left[node] != 0;
    else if (bitset[node] >= 0)
      left_side = in_bitset(left_bins[bitset[node]], b);
    else
      left_side = b <= bin_threshold[node];
    node = left_side ? left[node] : right[node];
  }
  return value[node];
}

TreeGrower::TreeGrower(const BinnedData& X, const GradientPair* pairs, const GrowerOptions& options,
                       GrowerWorkspace& workspace)
    : X_(X), pairs_(pairs), options_(options), workspace_(workspace) {
  workspace_.partition.resize(X.n_rows);
  std::iota(workspace_.partition.begin(), workspace_.partition.end(), std::uint32_t{0});
  workspace_.partition_buffer.resize(X.n_rows);
}

int TreeGrower::new_node(Index begin, Index end, double sum_gradients, double sum_hessians,
                         double value, int depth) {
  GrowerNode node;
  node.begin = begin;
  node.end = end;
  node.sum_gradients = sum_gradients;
  node.sum_hessians = sum_hessians;
  node.value = value;
  node.depth = depth;
  nodes_.push_back(node);
  return static_cast<int>(nodes_.size() - 1);
}

void TreeGrower::finalize_leaf(int node) {
  nodes_[node].is_leaf = true;
  leaves_.push_back(node);
}

int TreeGrower::take_histograms() {
  if (workspace_.free_histograms.empty()) {
    workspace_.histograms.emplace_back(X_.n_features, kBinsPerFeature);
    return static_cast<int>(workspace_.histograms.size() - 1);
  }
  const int slot = workspace_.free_histograms.back();
  workspace_.free_histograms.pop_back();
  return slot;
}

void TreeGrower::release_histograms(int node) {
  if (nodes_[node].histograms < 0) return;
  workspace_.free_histograms.push_back(nodes_[node].histograms);
  nodes_[node].histograms = -1;
}

// The heap puts the largest gain first; of equal gains, the older node.
static bool lower_priority(const std::vector<GrowerNode>& nodes, int a, int b) {
  if (nodes[a].split.gain != nodes[b].split.gain) return nodes[a].split.gain < nodes[b].split.gain;
  return a > b;
}

void TreeGrower::push_if_splittable(const std::vector<int>& indices) {
  std::vector<NodeToSplit> queries;
  for (const int index : indices) {
    const GrowerNode& node = nodes_[index];
    queries.push_back({&workspace_.histograms[node.histograms],
                       static_cast<std::uint32_t>(node.n_samples()), node.sum_gradients,
                       node.sum_hessians, node.value, node.lower_bound, node.upper_bound});
  }
  std::vector<SplitInfo> splits = find_node_splits(options_.splitter, queries);
  for (std::size_t i = 0; i < indices.size(); ++i) {
    const int index = indices[i];
    nodes_[index].split = splits[i];
    if (splits[i].gain <= 0) {
      finalize_leaf(index);
      release_histograms(index);
      continue;
    }
    splittable_.push_back(index);
    std::push_heap(splittable_.begin(), splittable_.end(),
                   [this](int a, int b) { return lower_priority(nodes_, a, b); });
  }
}

void TreeGrower::grow() {
  const Index n = X_.n_rows;
  const SplitterOptions& s = options_.splitter;
  double sum_gradients = 0, sum_hessians = static_cast<double>(n);
  int histograms = -1;
  if (n >= 2 * static_cast<Index>(s.min_samples_leaf)) {
    histograms = take_histograms();
    build_histograms(X_, NodeRows{workspace_.partition.data(), n, true}, pairs_,
                     workspace_.gathered, workspace_.histograms[histograms]);
    // The root's sums from its first feature's bins (every row is in one of them), rather than
    // a serial pass over the rows.
    const HistogramBin* bins = workspace_.histograms[histograms].feature(0);
    double hessians = 0;
    for (Index b = 0; b < kBinsPerFeature; ++b) {
      sum_gradients += bins[b].sum_gradients;
      hessians += bins[b].sum_hessians;
    }
    if (!s.hessians_are_constant) sum_hessians = hessians;
  } else {
    for (Index i = 0; i < n; ++i) sum_gradients += pairs_[i].gradient;
    if (!s.hessians_are_constant) {
      sum_hessians = 0;
      for (Index i = 0; i < n; ++i) sum_hessians += pairs_[i].hessian;
    }
  }
  // The root's value is 0 as scikit-learn's (a tree that is only a root predicts 0).
  const int root = new_node(0, n, sum_gradients, sum_hessians, 0.0, 0);
  nodes_[root].histograms = histograms;
  if (histograms < 0 || sum_hessians < s.min_hessian_to_split) {
    finalize_leaf(root);
    release_histograms(root);
  } else {
    push_if_splittable({root});
  }
  while (!splittable_.empty()) split_next();
  for (const int leaf : leaves_) nodes_[leaf].value *= options_.shrinkage;
}

// Stable: each child keeps its rows in their order in the parent (as scikit-learn's threaded
// split, whose chunks are laid out in order), so the histograms sum them in the same order
// whatever the thread count.
Index TreeGrower::partition_rows(const GrowerNode& node) {
  const Bin* column = X_.column(node.split.feature);
  const Bin missing = options_.splitter.mapper->missing_bin();
  // The side of every bin, looked up without a branch: rows go left or right at random.
  std::uint8_t side[256];
  for (unsigned b = 0; b < 256; ++b) side[b] = goes_left(node.split, static_cast<Bin>(b), missing);
  std::uint32_t* rows = workspace_.partition.data() + node.begin;
  std::uint32_t* buffer = workspace_.partition_buffer.data() + node.begin;
  const Index n = node.n_samples();
  const int threads = threads_for_helped(kPartitionNanoseconds * static_cast<double>(n), 64);
  // Each chunk sends its left rows to the front of its part of the buffer and its right rows
  // to the back; the lefts are then gathered in chunk order, and the rights after them.
  std::vector<Index> chunk_begin(threads + 1), n_left(threads);
  for (int t = 0; t <= threads; ++t) chunk_begin[t] = n * t / threads;
  helped_loop(threads, threads, [&](Index t) {
    Index left = chunk_begin[t], right = chunk_begin[t + 1] - 1;
    for (Index i = chunk_begin[t]; i < chunk_begin[t + 1]; ++i) {
      const std::uint32_t row = rows[i];
      const Index goes = side[column[row]];
      // Written to both ends; only the side it goes to advances.
      buffer[left] = row;
      buffer[right] = row;
      left += goes;
      right -= 1 - goes;
    }
    n_left[t] = left - chunk_begin[t];
  });
  // Where each chunk's lefts and rights land, then the copies, a chunk per task.
  std::vector<Index> left_at(threads + 1, 0), right_at(threads + 1, 0);
  for (int t = 0; t < threads; ++t) left_at[t + 1] = left_at[t] + n_left[t];
  right_at[0] = left_at[threads];
  for (int t = 0; t < threads; ++t)
    right_at[t + 1] = right_at[t] + (chunk_begin[t + 1] - chunk_begin[t] - n_left[t]);
  helped_loop(threads, threads, [&](Index t) {
    const Index first_right = chunk_begin[t] + n_left[t];
    std::copy(buffer + chunk_begin[t], buffer + first_right, rows + left_at[t]);
    std::reverse_copy(buffer + first_right, buffer + chunk_begin[t + 1], rows + right_at[t]);
  });
  return left_at[threads];
}

void TreeGrower::split_next() {
  const auto priority = [this](int a, int b) { return lower_priority(nodes_, a, b); };
  std::pop_heap(splittable_.begin(), splittable_.end(), priority);
  const int parent = splittable_.back();
  splittable_.pop_back();

  const Index n_left = partition_rows(nodes_[parent]);
  // Copied: new_node may move the nodes.
  const GrowerNode p = nodes_[parent];
  const int depth = p.depth + 1;
  const int left = new_node(p.begin, p.begin + n_left, p.split.sum_gradient_left,
                            p.split.sum_hessian_left, p.split.value_left, depth);
  const int right = new_node(p.begin + n_left, p.end, p.split.sum_gradient_right,
                             p.split.sum_hessian_right, p.split.value_right, depth);
  GrowerNode& node = nodes_[parent];
  node.left = left;
  node.right = right;
  const int feature = node.split.feature;
  // Without missing values in training, they follow the larger child at prediction.
  if (!options_.splitter.has_missing_values[feature])
    node.split.missing_go_to_left = nodes_[left].n_samples() > nodes_[right].n_samples();

  const Index n_leaf_nodes = static_cast<Index>(leaves_.size() + splittable_.size()) + 2;
  if (options_.max_leaf_nodes && n_leaf_nodes == static_cast<Index>(*options_.max_leaf_nodes)) {
    finalize_leaf(left);
    finalize_leaf(right);
    while (!splittable_.empty()) {
      const int waiting = splittable_.back();
      splittable_.pop_back();
      finalize_leaf(waiting);
      release_histograms(waiting);
    }
    release_histograms(parent);
    return;
  }
  if (options_.max_depth && depth == *options_.max_depth) {
    finalize_leaf(left);
    finalize_leaf(right);
    release_histograms(parent);
    return;
  }
  const Index min_leaf = options_.splitter.min_samples_leaf;
  if (nodes_[left].n_samples() < 2 * min_leaf) finalize_leaf(left);
  if (nodes_[right].n_samples() < 2 * min_leaf) finalize_leaf(right);

  const std::vector<std::int8_t>& monotonic = options_.splitter.monotonic_cst;
  const int constraint = monotonic.empty() ? 0 : monotonic[feature];
  if (constraint == 0) {
    for (const int child : {left, right}) {
      nodes_[child].lower_bound = node.lower_bound;
      nodes_[child].upper_bound = node.upper_bound;
    }
  } else {
    const double mid = (nodes_[left].value + nodes_[right].value) / 2;
    const int low = constraint == 1 ? left : right;
    const int high = constraint == 1 ? right : left;
    nodes_[low].lower_bound = node.lower_bound;
    nodes_[low].upper_bound = mid;
    nodes_[high].lower_bound = mid;
    nodes_[high].upper_bound = node.upper_bound;
  }

  const bool split_left = !nodes_[left].is_leaf, split_right = !nodes_[right].is_leaf;
  if (split_left || split_right) {
    const bool left_smaller = nodes_[left].n_samples() < nodes_[right].n_samples();
    const int smaller = left_smaller ? left : right;
    const int larger = left_smaller ? right : left;
    nodes_[smaller].histograms = take_histograms();
    nodes_[larger].histograms = take_histograms();
    build_histograms(X_, NodeRows{rows(nodes_[smaller]), nodes_[smaller].n_samples(), false},
                     pairs_, workspace_.gathered, workspace_.histograms[nodes_[smaller].histograms],
                     {&workspace_.histograms[nodes_[parent].histograms],
                      &workspace_.histograms[nodes_[larger].histograms]});
    release_histograms(parent);
    std::vector<int> to_split;
    for (const auto& [child, splits] : {std::pair{left, split_left}, std::pair{right, split_right}})
      if (splits)
        to_split.push_back(child);
      else
        release_histograms(child);
    push_if_splittable(to_split);
  } else {
    release_histograms(parent);
  }
}

void TreeGrower::make_trees(const BinMapper& mapper, const double* sample_weight, Tree& tree,
                            BinnedTree& binned) const {
  tree = Tree();
  binned = BinnedTree();
  // Weighted counts: each leaf's, then every internal node's as the sum of its children's.
  std::vector<double> weight(nodes_.size(), 0.0);
  for (std::size_t i = nodes_.size(); i-- > 0;) {
    const GrowerNode& node = nodes_[i];
    if (node.is_leaf || node.left < 0) {
      if (sample_weight == nullptr) {
        weight[i] = static_cast<double>(node.n_samples());
      } else {
        const std::uint32_t* r = rows(node);
        double w = 0;
        for (Index k = 0; k < node.n_samples(); ++k) w += sample_weight[r[k]];
        weight[i] = w;
      }
    } else {
      weight[i] = weight[node.left] + weight[node.right];
    }
  }
  RowVector value(1);
  const auto emit = [&](const auto& self, int index) -> Index {
    const GrowerNode& node = nodes_[index];
    const bool leaf = node.is_leaf || node.left < 0;
    value(0) = leaf ? node.value : node.value * options_.shrinkage;
    const Index id =
        tree.add_node(value, static_cast<std::int64_t>(node.n_samples()), weight[index], 0.0);
    binned.left.push_back(Tree::kLeaf);
    binned.right.push_back(Tree::kLeaf);
    binned.feature.push_back(Tree::kUndefined);
    binned.bin_threshold.push_back(0);
    binned.missing_go_to_left.push_back(0);
    binned.bitset.push_back(-1);
    binned.value.push_back(value(0));
    if (leaf) return id;
    const Index l = self(self, node.left);
    const Index r = self(self, node.right);
    const SplitInfo& split = node.split;
    const auto f = static_cast<std::size_t>(split.feature);
    if (split.is_categorical) {
      // Left set in category codes. An unseen category goes where missing values go
      // (scikit-learn's HGB), so with missing values left, every code that is not a known
      // category joins the left set too.
      std::uint32_t codes[Tree::kCategoryWords] = {};
      std::vector<std::uint8_t> known(32 * Tree::kCategoryWords, 0);
      for (std::size_t b = 0; b < mapper.thresholds[f].size(); ++b) {
        const auto code = static_cast<unsigned>(mapper.thresholds[f][b]);
        known[code] = 1;
        if (in_bitset(split.left_bins, static_cast<unsigned>(b)))
          codes[code / 32] |= 1u << (code % 32);
      }
      if (split.missing_go_to_left)
        for (unsigned code = 0; code < known.size(); ++code)
          if (!known[code]) codes[code / 32] |= 1u << (code % 32);
      tree.split_categorical(id, split.feature, codes, split.missing_go_to_left, l, r);
      binned.bitset[id] = static_cast<std::int32_t>(binned.left_bins.size());
      binned.left_bins.push_back(split.left_bins);
    } else {
      const bool on_missing = split.bin == mapper.n_bins_non_missing[f] - 1;
      const double threshold =
          on_missing ? std::numeric_limits<double>::infinity() : mapper.thresholds[f][split.bin];
      tree.split(id, split.feature, threshold, split.missing_go_to_left, l, r);
    }
    binned.left[id] = static_cast<std::int32_t>(l);
    binned.right[id] = static_cast<std::int32_t>(r);
    binned.feature[id] = split.feature;
    binned.bin_threshold[id] = static_cast<std::uint16_t>(split.bin);
    binned.missing_go_to_left[id] = split.missing_go_to_left ? 1 : 0;
    return id;
  };
  emit(emit, 0);
  tree.finish();
}

}  // namespace fitkit::detail::hgb
