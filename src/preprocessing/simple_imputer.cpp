#include "fitkit/preprocessing/simple_imputer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <vector>

#include "core/format_problem.hpp"
#include "core/payload.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
namespace {

// What replaces column values' NaN under a strategy other than constant; NaN when the column
// has no value.
double statistic(ImputeStrategy strategy, const double* x, Index n) {
  std::vector<double> values;
  values.reserve(n);
  for (Index i = 0; i < n; ++i)
    if (!std::isnan(x[i])) values.push_back(x[i]);
  if (values.empty()) return arma::datum::nan;
  switch (strategy) {
    case ImputeStrategy::mean: {
      double sum = 0;
      for (const double v : values) sum += v;
      return sum / static_cast<double>(values.size());
    }
    case ImputeStrategy::median: {
      const std::size_t mid = values.size() / 2;
      std::nth_element(values.begin(), values.begin() + mid, values.end());
      if (values.size() % 2 == 1) return values[mid];
      const double upper = values[mid];
      const double lower = *std::max_element(values.begin(), values.begin() + mid);
      return (lower + upper) / 2;
    }
    case ImputeStrategy::most_frequent: {
      // The most frequent value; of equally frequent ones, the smallest (scipy's mode).
      std::sort(values.begin(), values.end());
      double best = values[0];
      std::size_t best_count = 0;
      for (std::size_t start = 0; start < values.size();) {
        std::size_t end = start;
        while (end < values.size() && values[end] == values[start]) ++end;
        if (end - start > best_count) {
          best_count = end - start;
          best = values[start];
        }
        start = end;
      }
      return best;
    }
    case ImputeStrategy::constant:
      break;
  }
  return arma::datum::nan;
}

}  // namespace

Tags SimpleImputer::tags() const {
  Tags t = Transformer::tags();
  t.allow_nan = true;
  return t;
}

SimpleImputer& SimpleImputer::fit(const Matrix& X) {
  validate_params(params_);
  check_fit_input(X, type_name(), MissingValues::allowed);
  if (!std::isfinite(params_.fill_value))
    throw InvalidParameter("fill_value", "fill_value must be a finite number");
  Vector statistics(X.n_cols);
  for (Index j = 0; j < X.n_cols; ++j) {
    const bool empty = !arma::any(X.col(j) == X.col(j));
    if (params_.strategy == ImputeStrategy::constant)
      statistics(j) = params_.fill_value;
    else if (empty)
      statistics(j) = params_.keep_empty_features ? params_.fill_value : arma::datum::nan;
    else
      statistics(j) = statistic(params_.strategy, X.colptr(j), X.n_rows);
  }
  reset_fitted();
  statistics_ = statistics;
  set_n_features_in(X.n_cols);
  return *this;
}

Matrix SimpleImputer::transform(const Matrix& X) const {
  check_predict_input(X);
  const arma::uvec kept = arma::find_finite(statistics_);
  Matrix out(X.n_rows, kept.n_elem);
  for (Index k = 0; k < kept.n_elem; ++k) {
    const double fill = statistics_(kept(k));
    const double* x = X.colptr(kept(k));
    double* o = out.colptr(k);
    for (Index i = 0; i < X.n_rows; ++i) o[i] = std::isnan(x[i]) ? fill : x[i];
  }
  return out;
}

std::vector<std::string> SimpleImputer::feature_names_out() const {
  const std::vector<std::string> names = input_feature_names();
  std::vector<std::string> out;
  for (Index j = 0; j < statistics_.n_elem; ++j)
    if (std::isfinite(statistics_(j))) out.push_back(names[j]);
  return out;
}

void SimpleImputer::describe_fitted(std::ostream& out) const {
  out << "statistics:";
  for (Index j = 0; j < statistics_.n_elem; ++j) out << (j ? ", " : " ") << statistics_(j);
  out << "\n";
}

template <class Archive>
void SimpleImputer::serialize(Archive& ar, std::uint32_t /*version*/) {
  // Dropped columns as a list (JSON has no NaN), their statistic stored as 0.
  std::vector<double> statistics(statistics_.n_elem);
  std::vector<std::uint64_t> dropped;
  for (Index j = 0; j < statistics_.n_elem; ++j) {
    statistics[j] = std::isnan(statistics_(j)) ? 0.0 : statistics_(j);
    if (std::isnan(statistics_(j))) dropped.push_back(j);
  }
  ar(cereal::make_nvp("statistics", statistics), cereal::make_nvp("dropped", dropped));
  if constexpr (Archive::is_loading::value) {
    if (statistics.size() != n_features_in())
      throw detail::FormatProblem("statistics do not match the " + std::to_string(n_features_in()) +
                                  " features");
    for (const double v : statistics)
      if (!std::isfinite(v)) throw detail::FormatProblem("a statistic that is not finite");
    Vector loaded(statistics);
    for (const std::uint64_t j : dropped) {
      if (j >= statistics.size()) throw detail::FormatProblem("a dropped column out of range");
      loaded(j) = arma::datum::nan;
    }
    statistics_ = loaded;
  }
}

FITKIT_DEFINE_PAYLOAD(SimpleImputer)

}  // namespace fitkit
