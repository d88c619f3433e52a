#include "ensemble/hgb_binning.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>
#include <utility>

#include "core/parallel.hpp"
#include "fitkit/core/random.hpp"

namespace fitkit::detail::hgb {
namespace {

// numpy's percentile(sorted, q * 100, method="midpoint") for q in [0, 1], with numpy's
// arithmetic: the floor and ceiling of (n - 1) q averaged, and the two neighbours blended by
// 0.5 unless that index is whole.
double midpoint_percentile(const std::vector<double>& sorted, double q) {
  const auto n = static_cast<double>(sorted.size());
  const double virtual_index = (n - 1) * q;
  const double index = 0.5 * (std::floor(virtual_index) + std::ceil(virtual_index));
  const double previous = std::floor(index);
  const auto last = static_cast<double>(sorted.size() - 1);
  const double a = sorted[static_cast<std::size_t>(std::clamp(previous, 0.0, last))];
  const double b = sorted[static_cast<std::size_t>(std::clamp(previous + 1, 0.0, last))];
  if (index == previous) return a;  // gamma 0: numpy's a + (b - a) * 0
  const double diff = b - a;
  return b - diff * 0.5;  // numpy's lerp for gamma >= 0.5
}

// The index of the first threshold >= x (std::lower_bound), by halving without branches: the
// bins of random values are unpredictable, and a mispredicted branch per halving dominates.
Bin lower_bound_branchless(const std::vector<double>& t, double x) {
  const double* base = t.data();
  std::size_t n = t.size();
  if (n == 0) return 0;
  while (n > 1) {
    const std::size_t half = n / 2;
    // An index step by a 0/1 factor: g++ turns the conditional expression into a branch.
    base += half * static_cast<std::size_t>(base[half - 1] < x);
    n -= half;
  }
  return static_cast<Bin>((base - t.data()) + (*base < x ? 1 : 0));
}

// The bits of a double as an unsigned key of the same order (NaN excluded; -0 before +0, which
// compare equal, so the sorted values are the same either way).
std::uint64_t order_key(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

double from_order_key(std::uint64_t key) {
  return std::bit_cast<double>((key >> 63) != 0 ? key & ~(std::uint64_t{1} << 63) : ~key);
}

// Sorts by least-significant-byte radix passes: the subsample of every feature is sorted, and
// on 200,000 values eight linear passes beat std::sort's comparisons several times over.
// Passes whose byte is the same in every key (the top bytes of values of one magnitude) are
// skipped.
void radix_sort(std::vector<double>& values) {
  const std::size_t n = values.size();
  if (n < 256) {
    std::sort(values.begin(), values.end());
    return;
  }
  std::vector<std::uint64_t> keys(n), buffer(n);
  for (std::size_t i = 0; i < n; ++i) keys[i] = order_key(values[i]);
  std::array<std::array<std::uint32_t, 256>, 8> counts{};
  for (const std::uint64_t k : keys)
    for (int pass = 0; pass < 8; ++pass) ++counts[pass][(k >> (8 * pass)) & 0xff];
  for (int pass = 0; pass < 8; ++pass) {
    const unsigned shift = 8 * pass;
    std::array<std::uint32_t, 256>& count = counts[pass];
    if (count[(keys[0] >> shift) & 0xff] == n) continue;
    std::uint32_t offset = 0;
    for (std::uint32_t& c : count) offset += std::exchange(c, offset);
    for (const std::uint64_t k : keys) buffer[count[(k >> shift) & 0xff]++] = k;
    keys.swap(buffer);
  }
  for (std::size_t i = 0; i < n; ++i) values[i] = from_order_key(keys[i]);
}

}  // namespace

Bin BinMapper::bin_of(Index feature, double x) const {
  if (std::isnan(x)) return missing_bin();
  const std::vector<double>& t = thresholds[feature];
  return static_cast<Bin>(std::lower_bound(t.begin(), t.end(), x) - t.begin());
}

std::vector<double> find_binning_thresholds(std::vector<double> values, int max_bins) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  radix_sort(values);
  std::vector<double> distinct = values;
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<double> midpoints;
  if (distinct.size() <= static_cast<std::size_t>(max_bins)) {
    for (std::size_t i = 0; i + 1 < distinct.size(); ++i)
      midpoints.push_back((distinct[i] + distinct[i + 1]) * 0.5);
  } else {
    // np.linspace(0, 100, max_bins + 1)[1:-1], then divided by 100 as np.percentile does.
    const double step = 100.0 / max_bins;
    for (int i = 1; i < max_bins; ++i)
      midpoints.push_back(midpoint_percentile(values, (i * step) / 100.0));
  }
  for (double& m : midpoints) m = std::min(m, kAlmostInf);
  return midpoints;
}

BinMapper fit_bin_mapper(const Matrix& X, const arma::uvec& rows, int max_bins,
                         const std::vector<std::uint8_t>& is_categorical,
                         const std::vector<std::vector<double>>& known_categories,
                         std::uint64_t seed) {
  std::vector<Index> sample(rows.is_empty() ? X.n_rows : rows.n_elem);
  if (rows.is_empty())
    std::iota(sample.begin(), sample.end(), Index{0});
  else
    std::copy(rows.begin(), rows.end(), sample.begin());
  if (static_cast<Index>(sample.size()) > kBinningSubsample) {
    // A partial Fisher-Yates shuffle: the first kBinningSubsample entries are the subsample.
    Random rng(seed);
    for (Index k = 0; k < kBinningSubsample; ++k)
      std::swap(sample[k], sample[k + rng.uniform_index(sample.size() - k)]);
    sample.resize(kBinningSubsample);
  }
  BinMapper mapper;
  mapper.max_bins = max_bins;
  mapper.is_categorical = is_categorical;
  const Index n_features = X.n_cols;
  mapper.thresholds.resize(n_features);
  mapper.n_bins_non_missing.resize(n_features);
  // Sorting each column's subsample is the cost: one feature per thread.
  const int threads =
      threads_for(static_cast<double>(sample.size()) * n_features * 60.0, n_features);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index f = 0; f < n_features; ++f) {
    if (is_categorical[f]) {
      mapper.thresholds[f] = known_categories[f];
      mapper.n_bins_non_missing[f] = static_cast<std::uint32_t>(known_categories[f].size());
    } else {
      std::vector<double> values(sample.size());
      for (std::size_t i = 0; i < sample.size(); ++i) values[i] = X(sample[i], f);
      mapper.thresholds[f] = find_binning_thresholds(std::move(values), max_bins);
      mapper.n_bins_non_missing[f] = static_cast<std::uint32_t>(mapper.thresholds[f].size() + 1);
    }
  }
  return mapper;
}

BinnedData bin_data(const BinMapper& mapper, const Matrix& X, const arma::uvec& rows) {
  BinnedData out;
  out.n_rows = rows.is_empty() ? X.n_rows : rows.n_elem;
  out.n_features = X.n_cols;
  out.bins.resize(out.n_rows * out.n_features);
  const int threads = threads_for(static_cast<double>(out.n_rows) * out.n_features * 20.0,
                                  static_cast<double>(out.n_features));
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index f = 0; f < out.n_features; ++f) {
    Bin* column = out.bins.data() + f * out.n_rows;
    const double* x = X.colptr(f);
    const std::vector<double>& t = mapper.thresholds[f];
    const Bin missing = mapper.missing_bin();
    for (Index i = 0; i < out.n_rows; ++i) {
      const double v = rows.is_empty() ? x[i] : x[rows[i]];
      column[i] = std::isnan(v) ? missing : lower_bound_branchless(t, v);
    }
  }
  return out;
}

}  // namespace fitkit::detail::hgb
