#include "fitkit/preprocessing/scalers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <ostream>
#include <string>
#include <vector>

#include "core/format_problem.hpp"
#include "core/payload.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "preprocessing/zero_scales.hpp"

namespace fitkit {
namespace {

constexpr double kEps = std::numeric_limits<double>::epsilon();

// X has rows and columns, no infinity (NaN is a missing value), and every column some value.
void check_scaler_input(const Matrix& X, const std::string& estimator) {
  check_fit_input(X, estimator, MissingValues::allowed);
  for (Index j = 0; j < X.n_cols; ++j)
    if (!arma::any(X.col(j) == X.col(j)))
      throw DataError(estimator + ": column " + std::to_string(j) +
                      " has no values (all NaN): nothing to learn its scale from");
}

// The non-NaN values of column j, sorted.
std::vector<double> sorted_values(const Matrix& X, Index j) {
  std::vector<double> values;
  values.reserve(X.n_rows);
  for (const double v : X.col(j))
    if (!std::isnan(v)) values.push_back(v);
  std::sort(values.begin(), values.end());
  return values;
}

// numpy's percentile with linear interpolation, q in [0, 100], of sorted values.
double percentile(const std::vector<double>& sorted, double q) {
  const double h = static_cast<double>(sorted.size() - 1) * q / 100.0;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double t = h - static_cast<double>(lo);
  const double a = sorted[lo], b = sorted[hi];
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;  // numpy's _lerp
}

// The standard normal quantile (scipy's norm.ppf): Acklam's rational approximation, refined by
// one Halley step on erfc, to double precision.
double normal_quantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - 0.02425) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

void describe_vector(std::ostream& out, const char* name, const Vector& v) {
  out << name << ":";
  for (Index j = 0; j < v.n_elem; ++j) out << (j ? ", " : " ") << v(j);
  out << "\n";
}

}  // namespace

namespace detail {

Matrix ColumnScaling::apply(const Matrix& X) const {
  Matrix out(X.n_rows, X.n_cols);
  for (Index j = 0; j < X.n_cols; ++j) {
    const double c = centre_(j), s = scale_(j);
    const double* x = X.colptr(j);
    double* o = out.colptr(j);
    for (Index i = 0; i < X.n_rows; ++i) o[i] = (x[i] - c) / s;
  }
  return out;
}

Matrix ColumnScaling::invert(const Matrix& Z) const {
  Matrix out(Z.n_rows, Z.n_cols);
  for (Index j = 0; j < Z.n_cols; ++j) {
    const double c = centre_(j), s = scale_(j);
    const double* z = Z.colptr(j);
    double* o = out.colptr(j);
    for (Index i = 0; i < Z.n_rows; ++i) o[i] = z[i] * s + c;
  }
  return out;
}

void ColumnScaling::describe(std::ostream& out, const char* centre_name,
                             const char* scale_name) const {
  describe_vector(out, centre_name, centre_);
  describe_vector(out, scale_name, scale_);
}

template <class Archive>
void ColumnScaling::serialize(Archive& ar, Index n_features) {
  std::vector<double> centre(centre_.begin(), centre_.end()), scale(scale_.begin(), scale_.end());
  ar(cereal::make_nvp("centre", centre), cereal::make_nvp("scale", scale));
  if constexpr (Archive::is_loading::value) {
    if (centre.size() != n_features || scale.size() != n_features)
      throw FormatProblem("the centres and scales do not match the " + std::to_string(n_features) +
                          " features");
    for (std::size_t j = 0; j < scale.size(); ++j)
      if (!std::isfinite(centre[j]) || !std::isfinite(scale[j]) || !(scale[j] > 0))
        throw FormatProblem("feature " + std::to_string(j) +
                            " has a non-finite centre or a scale that is not positive");
    centre_ = Vector(centre);
    scale_ = Vector(scale);
  }
}

}  // namespace detail

template <class Derived, class P>
Tags ColumnScaler<Derived, P>::tags() const {
  Tags t = Transformer::tags();
  t.allow_nan = true;
  return t;
}

template <class Derived, class P>
Matrix ColumnScaler<Derived, P>::transform(const Matrix& X) const {
  this->check_predict_input(X);
  return scaling_.apply(X);
}

template <class Derived, class P>
Matrix ColumnScaler<Derived, P>::inverse_transform(const Matrix& Z) const {
  this->check_predict_input(Z);
  return scaling_.invert(Z);
}

template class ColumnScaler<StandardScaler, StandardScalerParams>;
template class ColumnScaler<MinMaxScaler, MinMaxScalerParams>;
template class ColumnScaler<MaxAbsScaler, MaxAbsScalerParams>;
template class ColumnScaler<RobustScaler, RobustScalerParams>;

// ---- StandardScaler ------------------------------------------------------------------------

Tags StandardScaler::tags() const {
  Tags t = ColumnScaler::tags();
  t.sample_weight = true;
  return t;
}

StandardScaler& StandardScaler::fit(const Matrix& X, const Vector& sample_weight) {
  validate_params(params_);
  check_scaler_input(X, type_name());
  if (!sample_weight.is_empty()) check_sample_weight(sample_weight, X.n_rows);
  const Vector w = sample_weight.is_empty() ? Vector(X.n_rows, arma::fill::ones) : sample_weight;
  const Index d = X.n_cols;
  Vector mean(d), var(d), count(d);
  for (Index j = 0; j < d; ++j) {
    double total = 0, sum = 0;
    for (Index i = 0; i < X.n_rows; ++i)
      if (!std::isnan(X(i, j))) {
        total += w(i);
        sum += w(i) * X(i, j);
      }
    if (!(total > 0))
      throw DataError(type_name() + ": column " + std::to_string(j) +
                      " has no value of positive weight");
    const double m = sum / total;
    // Two passes, with the first pass's residual sum taken out (scikit-learn's correction).
    double squares = 0, residual = 0;
    for (Index i = 0; i < X.n_rows; ++i)
      if (!std::isnan(X(i, j))) {
        const double diff = X(i, j) - m;
        squares += w(i) * diff * diff;
        residual += w(i) * diff;
      }
    mean(j) = m;
    var(j) = std::max(0.0, (squares - residual * residual / total) / total);
    count(j) = total;
  }
  Vector scale(d, arma::fill::ones);
  if (params_.with_std) {
    for (Index j = 0; j < d; ++j) {
      // scikit-learn's _is_constant_feature: a variance within rounding of 0 is 0.
      const double bound = count(j) * kEps * var(j) + std::pow(count(j) * mean(j) * kEps, 2);
      scale(j) = var(j) <= bound ? 1.0 : std::sqrt(var(j));
    }
  }
  reset_fitted();
  mean_ = mean;
  var_ = var;
  n_samples_seen_ = count;
  scaling_.set(params_.with_mean ? mean : Vector(d, arma::fill::zeros), scale);
  set_n_features_in(d);
  return *this;
}

void StandardScaler::describe_fitted(std::ostream& out) const {
  describe_vector(out, "mean", mean_);
  describe_vector(out, "var", var_);
  describe_vector(out, "scale", scale());
}

template <class Archive>
void StandardScaler::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::vector<double> mean(mean_.begin(), mean_.end()), var(var_.begin(), var_.end()),
      seen(n_samples_seen_.begin(), n_samples_seen_.end());
  ar(cereal::make_nvp("mean", mean), cereal::make_nvp("var", var),
     cereal::make_nvp("n_samples_seen", seen));
  scaling_.serialize(ar, n_features_in());
  if constexpr (Archive::is_loading::value) {
    if (mean.size() != n_features_in() || var.size() != n_features_in() ||
        seen.size() != n_features_in())
      throw detail::FormatProblem("mean, var and n_samples_seen do not match the features");
    mean_ = Vector(mean);
    var_ = Vector(var);
    n_samples_seen_ = Vector(seen);
  }
}

FITKIT_DEFINE_PAYLOAD(StandardScaler)

// ---- MinMaxScaler --------------------------------------------------------------------------

namespace {

void check_feature_range(const std::vector<double>& range) {
  if (range.size() != 2 || !std::isfinite(range[0]) || !std::isfinite(range[1]))
    throw InvalidParameter("feature_range", "feature_range must be two finite numbers min,max");
  if (!(range[0] < range[1]))
    throw InvalidParameter("feature_range",
                           "Minimum of desired feature range must be smaller than maximum. Got (" +
                               std::to_string(range[0]) + ", " + std::to_string(range[1]) + ")");
}

}  // namespace

MinMaxScaler& MinMaxScaler::fit(const Matrix& X) {
  validate_params(params_);
  check_feature_range(params_.feature_range);
  check_scaler_input(X, type_name());
  const Index d = X.n_cols;
  Vector low(d), high(d);
  for (Index j = 0; j < d; ++j) {
    low(j) = arma::datum::inf;
    high(j) = -arma::datum::inf;
    for (const double v : X.col(j))
      if (!std::isnan(v)) {
        low(j) = std::min(low(j), v);
        high(j) = std::max(high(j), v);
      }
  }
  const double a = params_.feature_range[0], b = params_.feature_range[1];
  Vector range = high - low;
  detail::ones_for_zero_scales(range);
  // scikit-learn's x * scale_ + min_ with scale_ = (b - a) / range, min_ = a - low * scale_, as
  // (x - centre) / scale.
  const Vector scale = range / (b - a);
  const Vector centre = low - a * scale;
  reset_fitted();
  data_min_ = low;
  data_max_ = high;
  scaling_.set(centre, scale);
  set_n_features_in(d);
  return *this;
}

Matrix MinMaxScaler::transform(const Matrix& X) const {
  Matrix out = ColumnScaler::transform(X);
  if (params_.clip) {
    const double a = params_.feature_range[0], b = params_.feature_range[1];
    out.transform([a, b](double v) { return std::isnan(v) ? v : std::clamp(v, a, b); });
  }
  return out;
}

void MinMaxScaler::describe_fitted(std::ostream& out) const {
  describe_vector(out, "data_min", data_min_);
  describe_vector(out, "data_max", data_max_);
}

template <class Archive>
void MinMaxScaler::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::vector<double> low(data_min_.begin(), data_min_.end()),
      high(data_max_.begin(), data_max_.end());
  ar(cereal::make_nvp("data_min", low), cereal::make_nvp("data_max", high));
  scaling_.serialize(ar, n_features_in());
  if constexpr (Archive::is_loading::value) {
    if (low.size() != n_features_in() || high.size() != n_features_in())
      throw detail::FormatProblem("data_min and data_max do not match the features");
    check_feature_range(params_.feature_range);
    data_min_ = Vector(low);
    data_max_ = Vector(high);
  }
}

FITKIT_DEFINE_PAYLOAD(MinMaxScaler)

// ---- MaxAbsScaler --------------------------------------------------------------------------

MaxAbsScaler& MaxAbsScaler::fit(const Matrix& X) {
  check_scaler_input(X, type_name());
  const Index d = X.n_cols;
  Vector max_abs(d, arma::fill::zeros);
  for (Index j = 0; j < d; ++j)
    for (const double v : X.col(j))
      if (!std::isnan(v)) max_abs(j) = std::max(max_abs(j), std::abs(v));
  Vector scale = max_abs;
  detail::ones_for_zero_scales(scale);
  reset_fitted();
  max_abs_ = max_abs;
  scaling_.set(Vector(d, arma::fill::zeros), scale);
  set_n_features_in(d);
  return *this;
}

void MaxAbsScaler::describe_fitted(std::ostream& out) const {
  describe_vector(out, "max_abs", max_abs_);
}

template <class Archive>
void MaxAbsScaler::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::vector<double> max_abs(max_abs_.begin(), max_abs_.end());
  ar(cereal::make_nvp("max_abs", max_abs));
  scaling_.serialize(ar, n_features_in());
  if constexpr (Archive::is_loading::value) {
    if (max_abs.size() != n_features_in())
      throw detail::FormatProblem("max_abs does not match the features");
    max_abs_ = Vector(max_abs);
  }
}

FITKIT_DEFINE_PAYLOAD(MaxAbsScaler)

// ---- RobustScaler --------------------------------------------------------------------------

namespace {

void check_quantile_range(const std::vector<double>& range) {
  if (range.size() != 2 || !(0 <= range[0] && range[0] <= range[1] && range[1] <= 100))
    throw InvalidParameter("quantile_range",
                           "Invalid quantile range: quantile_range must be two percentiles "
                           "low,high with 0 <= low <= high <= 100");
}

}  // namespace

RobustScaler& RobustScaler::fit(const Matrix& X) {
  validate_params(params_);
  check_quantile_range(params_.quantile_range);
  check_scaler_input(X, type_name());
  const Index d = X.n_cols;
  Vector centre(d, arma::fill::zeros), scale(d, arma::fill::ones);
  const double q_low = params_.quantile_range[0], q_high = params_.quantile_range[1];
  for (Index j = 0; j < d; ++j) {
    const std::vector<double> values = sorted_values(X, j);
    if (params_.with_centering) centre(j) = percentile(values, 50.0);
    if (params_.with_scaling) scale(j) = percentile(values, q_high) - percentile(values, q_low);
  }
  if (params_.with_scaling) {
    detail::ones_for_zero_scales(scale);
    if (params_.unit_variance)
      scale /= normal_quantile(q_high / 100.0) - normal_quantile(q_low / 100.0);
  }
  if (!scale.is_finite() || arma::any(scale <= 0))
    throw InvalidParameter("quantile_range",
                           "quantile_range with unit_variance needs two different percentiles");
  reset_fitted();
  scaling_.set(centre, scale);
  set_n_features_in(d);
  return *this;
}

void RobustScaler::describe_fitted(std::ostream& out) const {
  scaling_.describe(out, "center", "scale");
}

template <class Archive>
void RobustScaler::serialize(Archive& ar, std::uint32_t /*version*/) {
  scaling_.serialize(ar, n_features_in());
}

FITKIT_DEFINE_PAYLOAD(RobustScaler)

}  // namespace fitkit
