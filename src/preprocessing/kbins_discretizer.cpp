#include "fitkit/preprocessing/kbins_discretizer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <ostream>
#include <vector>

#include "core/format_problem.hpp"
#include "core/huge_pages.hpp"
#include "core/numpy_random_state.hpp"
#include "core/parallel.hpp"
#include "core/payload.hpp"
#include "fitkit/cluster/kmeans.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/preprocessing/encoders.hpp"  // detail::python_float_text

namespace fitkit {

using detail::format_double;

namespace {

// Serial costs per value, for the thread counts: finding a column's edges (a copy and the
// order statistics' partial sorts, or k-means), and searching a value's bin.
constexpr double kEdgeNanoseconds = 10.0;
constexpr double kSearchNanoseconds = 3.0;

// numpy's linspace(start, stop, num): start + i * step, the last exactly stop.
std::vector<double> linspace(double start, double stop, Index num) {
  std::vector<double> out(num);
  const double step = (stop - start) / static_cast<double>(num - 1);
  for (Index i = 0; i < num; ++i) out[i] = static_cast<double>(i) * step + start;
  out.back() = stop;
  return out;
}

// Puts the values of the sorted ranks [rank, rank_end) in place in [first, last), as a full
// sort would: the middle rank by nth_element, then each side's ranks within that side, so that
// k ranks cost about log2(k) passes over the values rather than k.
void select_ranks(double* first, double* last, const std::size_t* rank, const std::size_t* rank_end,
                  std::size_t offset) {
  if (rank == rank_end) return;
  const std::size_t* middle = rank + (rank_end - rank) / 2;
  double* at = first + (*middle - offset);
  std::nth_element(first, at, last);
  select_ranks(first, at, rank, middle, offset);
  select_ranks(at + 1, last, middle + 1, rank_end, *middle + 1);
}

// numpy's percentiles (linear interpolation), each q in [0, 100]: only the order statistics
// they need are put in place, as numpy's partition does, rather than the whole column sorted.
std::vector<double> percentiles(const Vector& column, const std::vector<double>& qs) {
  std::vector<double> values(column.begin(), column.end());
  const std::size_t n = values.size();
  std::vector<double> h(qs.size());
  std::vector<std::size_t> needed;
  for (std::size_t k = 0; k < qs.size(); ++k) {
    h[k] = static_cast<double>(n - 1) * (qs[k] / 100.0);
    const auto lo = static_cast<std::size_t>(std::floor(h[k]));
    needed.push_back(lo);
    needed.push_back(std::min(lo + 1, n - 1));
  }
  std::sort(needed.begin(), needed.end());
  needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
  select_ranks(values.data(), values.data() + n, needed.data(), needed.data() + needed.size(), 0);
  std::vector<double> out;
  for (std::size_t k = 0; k < qs.size(); ++k) {
    const auto lo = static_cast<std::size_t>(std::floor(h[k]));
    const std::size_t hi = std::min(lo + 1, n - 1);
    const double t = h[k] - static_cast<double>(lo);
    const double a = values[lo], b = values[hi];
    const double diff = b - a;
    out.push_back(t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t);  // numpy's _lerp
  }
  return out;
}

// scikit-learn's kmeans strategy: 1-D k-means from centres spaced uniformly, its sorted
// centres' midpoints between the column's min and max.
std::vector<double> kmeans_edges(const Vector& column, double lo, double hi, int n_bins) {
  const std::vector<double> uniform = linspace(lo, hi, n_bins + 1);
  Matrix init(n_bins, 1);
  for (int k = 0; k < n_bins; ++k) init(k, 0) = (uniform[k + 1] + uniform[k]) * 0.5;
  KMeansParams params;
  params.n_clusters = n_bins;
  params.init = init;
  params.n_init = 1;
  KMeans km(params);
  km.fit(Matrix(column));
  std::vector<double> centers(km.cluster_centers().begin(), km.cluster_centers().end());
  std::sort(centers.begin(), centers.end());
  std::vector<double> edges{lo};
  for (std::size_t k = 1; k < centers.size(); ++k)
    edges.push_back((centers[k] + centers[k - 1]) * 0.5);
  edges.push_back(hi);
  return edges;
}

}  // namespace

KBinsDiscretizer& KBinsDiscretizer::fit(const Matrix& X_in) {
  validate_params(params_);
  if (params_.subsample && params_.strategy != KBinsStrategy::quantile)
    throw InvalidParameter("subsample", "subsample is only used with strategy quantile");
  check_fit_input(X_in, type_name());
  Matrix X;
  const bool subsampled = params_.subsample && X_in.n_rows > static_cast<Index>(*params_.subsample);
  if (subsampled) {
    // numpy's RandomState(seed).choice(n, subsample, replace=False): a permutation's head.
    detail::NumpyRandomState rng(static_cast<std::uint32_t>(params_.seed));
    const arma::uvec rows = rng.permutation(X_in.n_rows);
    X = X_in.rows(rows.head(static_cast<Index>(*params_.subsample)));
  }
  const Matrix& data = subsampled ? X : X_in;
  const int n_bins = params_.n_bins;
  // Columns in parallel; their warnings afterwards, in column order.
  std::vector<Vector> bin_edges(data.n_cols);
  std::vector<std::uint8_t> constant(data.n_cols, 0), narrowed(data.n_cols, 0);
  const int threads = detail::threads_for(kEdgeNanoseconds * static_cast<double>(data.n_elem),
                                          static_cast<double>(data.n_cols));
  std::exception_ptr failure;
  const auto columns = static_cast<long long>(data.n_cols);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long long c = 0; c < columns; ++c) {
    const auto j = static_cast<Index>(c);
    try {
      const Vector column(const_cast<double*>(data.colptr(j)), data.n_rows, false, true);
      const double lo = column.min(), hi = column.max();
      if (lo == hi) {
        constant[j] = 1;
        bin_edges[j] = Vector{-arma::datum::inf, arma::datum::inf};
        continue;
      }
      std::vector<double> edges;
      switch (params_.strategy) {
        case KBinsStrategy::uniform:
          edges = linspace(lo, hi, n_bins + 1);
          break;
        case KBinsStrategy::quantile:
          edges = percentiles(column, linspace(0.0, 100.0, n_bins + 1));
          break;
        case KBinsStrategy::kmeans:
          edges = kmeans_edges(column, lo, hi, n_bins);
          break;
      }
      if (params_.strategy != KBinsStrategy::uniform) {
        // Bins of width at most 1e-8 are removed, as scikit-learn does.
        std::vector<double> kept{edges.front()};
        for (std::size_t k = 1; k < edges.size(); ++k)
          if (edges[k] - edges[k - 1] > 1e-8) kept.push_back(edges[k]);
        narrowed[j] = kept.size() != edges.size();
        edges = std::move(kept);
      }
      bin_edges[j] = Vector(edges);
    } catch (...) {
#pragma omp critical(fitkit_kbins_failure)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
  for (Index j = 0; j < data.n_cols; ++j) {
    if (constant[j])
      warn(WarningKind::runtime,
           "Feature " + std::to_string(j) + " is constant and will be replaced with 0.");
    if (narrowed[j])
      warn(WarningKind::runtime, "Bins whose width are too small (i.e., <= 1e-8) in feature " +
                                     std::to_string(j) +
                                     " are removed. Consider decreasing the number of bins.");
  }
  reset_fitted();
  bin_edges_ = std::move(bin_edges);
  set_n_features_in(X_in.n_cols);
  return *this;
}

std::vector<Index> KBinsDiscretizer::n_bins() const {
  std::vector<Index> out;
  for (const Vector& edges : bin_edges_) out.push_back(edges.n_elem - 1);
  return out;
}

Matrix KBinsDiscretizer::transform(const Matrix& X) const {
  check_predict_input(X);
  const bool onehot = params_.encode == KBinsEncode::onehot_dense;
  Index width = X.n_cols;
  if (onehot) {
    width = 0;
    for (const Vector& edges : bin_edges_) width += edges.n_elem - 1;
  }
  Matrix out(X.n_rows, width, arma::fill::none);
  detail::advise_huge_pages(out.memptr(), out.n_elem * sizeof(double));
  out.zeros();
  std::vector<Index> offsets(X.n_cols, 0);
  for (Index j = 1; j < X.n_cols; ++j) offsets[j] = offsets[j - 1] + bin_edges_[j - 1].n_elem - 1;
  // Columns in parallel: each writes its own output columns.
  const int threads = detail::threads_for(kSearchNanoseconds * static_cast<double>(X.n_elem),
                                          static_cast<double>(X.n_cols));
  const auto columns = static_cast<long long>(X.n_cols);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long long c = 0; c < columns; ++c) {
    const auto j = static_cast<Index>(c);
    // numpy's searchsorted(edges[1:-1], x, side='right'): the inner edges at most x.
    const Vector& edges = bin_edges_[j];
    const double* inner = edges.memptr() + 1;
    const double* inner_end = edges.memptr() + edges.n_elem - 1;
    const double* x = X.colptr(j);
    for (Index i = 0; i < X.n_rows; ++i) {
      const auto bin = static_cast<Index>(std::upper_bound(inner, inner_end, x[i]) - inner);
      if (onehot)
        out(i, offsets[j] + bin) = 1.0;
      else
        out(i, j) = static_cast<double>(bin);
    }
  }
  return out;
}

Matrix KBinsDiscretizer::inverse_transform(const Matrix& Z) const {
  if (!is_fitted()) throw NotFitted(type_name());
  const bool onehot = params_.encode == KBinsEncode::onehot_dense;
  const std::vector<Index> bins = n_bins();
  Index width = n_features_in();
  if (onehot) {
    width = 0;
    for (const Index n : bins) width += n;
  }
  if (Z.n_cols != width)
    throw DimensionMismatch("Z has " + std::to_string(Z.n_cols) + " columns, but " + type_name() +
                            " transforms to " + std::to_string(width));
  Matrix out(Z.n_rows, n_features_in());
  Index offset = 0;
  for (Index j = 0; j < n_features_in(); ++j) {
    const Vector& edges = bin_edges_[j];
    for (Index i = 0; i < Z.n_rows; ++i) {
      double code = Z(i, j);
      if (onehot) {
        // The block's largest entry (numpy's argmax: the first of equal ones).
        Index best = 0;
        for (Index k = 1; k < bins[j]; ++k)
          if (Z(i, offset + k) > Z(i, offset + best)) best = k;
        if (Z(i, offset + best) == 0)
          throw DataError(type_name() + ": row " + std::to_string(i + 1) +
                          " has no bin set for feature " + std::to_string(j));
        code = static_cast<double>(best);
      }
      if (!(code >= 0 && code == std::floor(code) && code < static_cast<double>(bins[j])))
        throw DataError(type_name() + ": bin " + format_double(code) + " of feature " +
                        std::to_string(j) + " at row " + std::to_string(i + 1) +
                        " is not one of its " + std::to_string(bins[j]) + " bins");
      const auto k = static_cast<Index>(code);
      out(i, j) = (edges(k + 1) + edges(k)) * 0.5;
    }
    offset += bins[j];
  }
  return out;
}

std::vector<std::string> KBinsDiscretizer::feature_names_out() const {
  if (!is_fitted()) throw NotFitted(type_name());
  const std::vector<std::string> names = input_feature_names();
  if (params_.encode == KBinsEncode::ordinal) return names;
  std::vector<std::string> out;
  for (Index j = 0; j < bin_edges_.size(); ++j)
    for (Index k = 0; k + 1 < bin_edges_[j].n_elem; ++k)
      out.push_back(names[j] + "_" + detail::python_float_text(static_cast<double>(k)));
  return out;
}

void KBinsDiscretizer::describe_fitted(std::ostream& out) const {
  const std::vector<std::string> names = input_feature_names();
  out << "bin edges:\n";
  for (Index j = 0; j < bin_edges_.size(); ++j) {
    out << "  " << names[j] << ":";
    for (Index k = 0; k < bin_edges_[j].n_elem; ++k)
      out << (k ? ", " : " ") << format_double(bin_edges_[j](k));
    out << "\n";
  }
}

template <class Archive>
void KBinsDiscretizer::serialize(Archive& ar, std::uint32_t /*version*/) {
  // A constant column's edges (-inf, inf) as an empty list: JSON has no infinity.
  std::vector<std::vector<double>> edges;
  for (const Vector& e : bin_edges_)
    edges.push_back(std::isinf(e(0)) ? std::vector<double>{}
                                     : std::vector<double>(e.begin(), e.end()));
  ar(cereal::make_nvp("bin_edges", edges));
  if constexpr (Archive::is_loading::value) {
    if (edges.size() != n_features_in())
      throw detail::FormatProblem("bin edges do not match the " + std::to_string(n_features_in()) +
                                  " features");
    std::vector<Vector> loaded;
    for (const std::vector<double>& e : edges) {
      if (e.empty()) {
        loaded.push_back(Vector{-arma::datum::inf, arma::datum::inf});
        continue;
      }
      if (e.size() < 2) throw detail::FormatProblem("a feature with fewer than two bin edges");
      for (std::size_t k = 0; k < e.size(); ++k)
        if (!std::isfinite(e[k]) || (k > 0 && !(e[k - 1] < e[k])))
          throw detail::FormatProblem("bin edges that are not finite and increasing");
      loaded.push_back(Vector(e));
    }
    bin_edges_ = std::move(loaded);
  }
}

FITKIT_DEFINE_PAYLOAD(KBinsDiscretizer)

}  // namespace fitkit
