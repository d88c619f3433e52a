#include "ensemble/hgb_histogram.hpp"

#include <algorithm>

#include "core/parallel.hpp"

namespace fitkit::detail::hgb {
namespace {

// Serial cost of adding one row of one feature to a histogram (a gather and three adds).
constexpr double kHistogramUpdateNanoseconds = 1.0;

template <bool kAllRows, bool kConstantHessians>
void fill_feature(const Bin* column, const std::uint32_t* rows, Index n, const float* g,
                  const float* h, HistogramBin* hist) {
  for (Index i = 0; i < n; ++i) {
    const Bin b = kAllRows ? column[i] : column[rows[i]];
    HistogramBin& entry = hist[b];
    entry.sum_gradients += g[i];
    if constexpr (!kConstantHessians) entry.sum_hessians += h[i];
    ++entry.count;
  }
}

}  // namespace

void build_histograms(const BinnedData& X, const NodeRows& node, const float* gradients,
                      const float* hessians, std::vector<float>& scratch, Histograms& out) {
  const Index n = node.n_rows;
  const Index n_features = X.n_features;
  const int threads = threads_for(kHistogramUpdateNanoseconds * static_cast<double>(n) * n_features,
                                  static_cast<double>(n_features));
  // The node's gradients in its row order, so that each feature's pass reads them in order.
  const float* g = gradients;
  const float* h = hessians;
  if (!node.all_rows) {
    scratch.resize(2 * static_cast<std::size_t>(n));
    float* gathered_g = scratch.data();
    float* gathered_h = scratch.data() + n;
    for (Index i = 0; i < n; ++i) gathered_g[i] = gradients[node.rows[i]];
    if (hessians != nullptr)
      for (Index i = 0; i < n; ++i) gathered_h[i] = hessians[node.rows[i]];
    g = gathered_g;
    h = hessians != nullptr ? gathered_h : nullptr;
  }
  std::fill(out.bins().begin(), out.bins().end(), HistogramBin{});
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index f = 0; f < n_features; ++f) {
    const Bin* column = X.column(f);
    HistogramBin* hist = out.feature(f);
    if (node.all_rows) {
      if (h == nullptr)
        fill_feature<true, true>(column, nullptr, n, g, h, hist);
      else
        fill_feature<true, false>(column, nullptr, n, g, h, hist);
    } else {
      if (h == nullptr)
        fill_feature<false, true>(column, node.rows, n, g, h, hist);
      else
        fill_feature<false, false>(column, node.rows, n, g, h, hist);
    }
  }
}

void subtract_histograms(const Histograms& parent, const Histograms& child, Histograms& sibling) {
  const std::vector<HistogramBin>& p = parent.bins();
  const std::vector<HistogramBin>& c = child.bins();
  std::vector<HistogramBin>& s = sibling.bins();
  for (std::size_t i = 0; i < p.size(); ++i) {
    s[i].sum_gradients = p[i].sum_gradients - c[i].sum_gradients;
    s[i].sum_hessians = p[i].sum_hessians - c[i].sum_hessians;
    s[i].count = p[i].count - c[i].count;
  }
}

}  // namespace fitkit::detail::hgb
