#pragma once
// A node's histograms (LightGBM, scikit-learn's HistogramBuilder): for every feature and bin,
// the sums of the gradients and hessians of the node's samples in that bin, and their count.
// A node's are built by one pass over its rows; its sibling's are the parent's minus them.

#include <cstdint>
#include <vector>

#include "ensemble/hgb_binning.hpp"
#include "ensemble/hgb_gradient_pair.hpp"

namespace fitkit::detail::hgb {

struct HistogramBin {
  double sum_gradients = 0;
  double sum_hessians = 0;  // 0 when the hessians are constant (the count stands for them)
  std::uint32_t count = 0;
};

// Every bin a uint8 can name: max_bins is at most 255, plus the missing bin.
inline constexpr Index kBinsPerFeature = 256;

// n_features x bins_per_feature entries, feature by feature.
class Histograms {
 public:
  Histograms() = default;
  Histograms(Index n_features, Index bins_per_feature)
      : bins_per_feature_(bins_per_feature), bins_(n_features * bins_per_feature) {}
  const HistogramBin* feature(Index f) const { return bins_.data() + f * bins_per_feature_; }
  HistogramBin* feature(Index f) { return bins_.data() + f * bins_per_feature_; }
  std::vector<HistogramBin>& bins() { return bins_; }
  const std::vector<HistogramBin>& bins() const { return bins_; }

 private:
  Index bins_per_feature_ = 0;
  std::vector<HistogramBin> bins_;
};

// The samples of one node.
struct NodeRows {
  const std::uint32_t* rows;  // indices into the binned data
  Index n_rows;
  bool all_rows;  // rows is 0, 1, ..., n - 1 (the root): read columns in order
};

// Fills `out` (every feature) from one pass over the node's rows; features on the threads the
// work pays for, each feature summed in row order by one thread (the same sums for any
// thread count). `pairs` are every sample's; `scratch` holds the node's, gathered in row order
// (the root reads `pairs` in place).
// With a parent, also fills the sibling's: parent - out, entry by entry, each feature by the
// thread that has just summed it.
struct Sibling {
  const Histograms* parent = nullptr;
  Histograms* histograms = nullptr;
};
void build_histograms(const BinnedData& X, const NodeRows& node, const GradientPair* pairs,
                      std::vector<GradientPair>& scratch, Histograms& out, Sibling sibling = {});

}  // namespace fitkit::detail::hgb
