#pragma once
// HistGradientBoosting's binning (scikit-learn's _BinMapper): every feature is mapped once to
// at most max_bins uint8 bins plus one bin for missing values (bin max_bins), stored feature
// by feature so that a histogram reads one contiguous column.
//
// A numeric feature's bins are cut at its bin thresholds: with at most max_bins distinct
// values, the midpoints between consecutive distinct values; otherwise the max_bins - 1
// "midpoint" percentiles (numpy's method="midpoint") of the values, computed on a random
// subsample of 200,000 rows when there are more. A value x goes to the first bin i with
// x <= thresholds[i] (the last bin when there is none), NaN to the missing bin. A categorical
// feature's thresholds are its known categories (sorted), and a category goes to its index
// among them.

#include <cstdint>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit::detail::hgb {

using Bin = std::uint8_t;

// scikit-learn's _BinMapper subsample.
inline constexpr Index kBinningSubsample = 200000;
// Thresholds are clipped below +inf (scikit-learn's ALMOST_INF): +inf is kept for the split
// that sends every non-missing value left.
inline constexpr double kAlmostInf = 1e300;

struct BinMapper {
  int max_bins = 255;  // bins for non-missing values; bin max_bins holds missing values
  // Numeric: the upper edges of the bins; categorical: the known categories, sorted.
  std::vector<std::vector<double>> thresholds;
  std::vector<std::uint8_t> is_categorical;
  std::vector<std::uint32_t> n_bins_non_missing;

  Index n_features() const { return thresholds.size(); }
  Bin missing_bin() const { return static_cast<Bin>(max_bins); }
  Bin bin_of(Index feature, double x) const;
};

// The bin thresholds of one numeric column (NaN left out), as _find_binning_thresholds.
std::vector<double> find_binning_thresholds(std::vector<double> values, int max_bins);

// Fits the thresholds on the rows `rows` of X (all rows when empty), a random subsample of
// kBinningSubsample of them (drawn with `seed`) when there are more. known_categories: for each
// categorical feature, its sorted categories over the whole training set.
BinMapper fit_bin_mapper(const Matrix& X, const arma::uvec& rows, int max_bins,
                         const std::vector<std::uint8_t>& is_categorical,
                         const std::vector<std::vector<double>>& known_categories,
                         std::uint64_t seed);

// X binned feature by feature: bins[feature * n_rows + row].
struct BinnedData {
  Index n_rows = 0;
  Index n_features = 0;
  std::vector<Bin> bins;
  const Bin* column(Index feature) const { return bins.data() + feature * n_rows; }
};

// The rows `rows` of X (all when empty), binned.
BinnedData bin_data(const BinMapper& mapper, const Matrix& X, const arma::uvec& rows);

}  // namespace fitkit::detail::hgb
