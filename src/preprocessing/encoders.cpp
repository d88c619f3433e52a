#include "fitkit/preprocessing/encoders.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <vector>

#include "core/format_problem.hpp"
#include "core/huge_pages.hpp"
#include "core/named_columns.hpp"
#include "core/payload.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
namespace detail {

void ColumnCategories::learn(const Matrix& X, const std::vector<std::uint8_t>& coded,
                             const std::vector<std::string>& feature_names) {
  std::vector<std::vector<double>> values(X.n_cols);
  std::vector<std::uint8_t> has_nan(X.n_cols, 0);
  for (Index j = 0; j < X.n_cols; ++j) {
    std::vector<double>& v = values[j];
    v.reserve(X.n_rows);
    for (Index i = 0; i < X.n_rows; ++i) {
      const double x = X(i, j);
      if (std::isnan(x)) {
        has_nan[j] = 1;
        continue;
      }
      if (coded[j] && !(x >= 0 && x == std::floor(x) && x < 9007199254740992.0))
        throw DataError("categorical column " + std::to_string(j) +
                        (j < feature_names.size() ? " ('" + feature_names[j] + "')" : "") +
                        " holds " + format_double(x) + " at row " + std::to_string(i + 1) +
                        ": categories must be integer codes 0, 1, 2, ...");
      v.push_back(x);
    }
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    v.shrink_to_fit();
  }
  values_ = std::move(values);
  has_nan_ = std::move(has_nan);
  coded_ = coded;
}

std::int64_t ColumnCategories::find(Index j, double x) const {
  const std::vector<double>& v = values_[j];
  if (std::isnan(x)) return has_nan_[j] ? static_cast<std::int64_t>(v.size()) : -1;
  const auto it = std::lower_bound(v.begin(), v.end(), x);
  return it != v.end() && *it == x ? static_cast<std::int64_t>(it - v.begin()) : -1;
}

Vector ColumnCategories::categories(Index j) const {
  Vector out(size(j));
  std::copy(values_[j].begin(), values_[j].end(), out.begin());
  if (has_nan_[j]) out(out.n_elem - 1) = arma::datum::nan;
  return out;
}

std::string ColumnCategories::text(Index j, Index k,
                                   const std::vector<std::vector<std::string>>& texts) const {
  if (k >= values_[j].size()) return "nan";
  const double x = values_[j][k];
  if (!coded_[j]) return python_float_text(x);
  const auto code = static_cast<std::size_t>(x);
  if (j < texts.size() && code < texts[j].size()) return texts[j][code];
  return std::to_string(code);
}

template <class Archive>
void ColumnCategories::serialize(Archive& ar, Index n_features) {
  ar(cereal::make_nvp("categories", values_), cereal::make_nvp("has_nan", has_nan_),
     cereal::make_nvp("coded", coded_));
  if constexpr (Archive::is_loading::value) {
    if (values_.size() != n_features || has_nan_.size() != n_features ||
        coded_.size() != n_features)
      throw FormatProblem("categories do not match the " + std::to_string(n_features) +
                          " features");
    for (Index j = 0; j < n_features; ++j) {
      const std::vector<double>& v = values_[j];
      if (v.empty() && !has_nan_[j]) throw FormatProblem("a column without categories");
      for (std::size_t k = 0; k < v.size(); ++k)
        if (!std::isfinite(v[k]) || (k > 0 && !(v[k - 1] < v[k])))
          throw FormatProblem("categories that are not finite and increasing");
      if (coded_[j])
        for (const double x : v)
          if (!(x >= 0 && x == std::floor(x))) throw FormatProblem("a category code out of range");
    }
  }
}

void throw_unknown_category(const std::string& estimator, Index j, Index row, double value,
                            const std::vector<std::string>& names) {
  throw DataError(estimator + ": found an unknown category " + python_float_text(value) +
                  " in column " + std::to_string(j) +
                  (j < names.size() ? " ('" + names[j] + "')" : "") + " at row " +
                  std::to_string(row + 1) +
                  " during transform (a value not seen at fit; handle_unknown is error)");
}

std::string python_float_text(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  // The shortest digits that read back to x, laid out as Python's repr: positional when the
  // decimal point falls within -4 < decpt <= 16, else d.ddde+XX.
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  const std::string text(buf, end);
  const std::size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  const int exponent = std::stoi(text.substr(e + 1));
  std::string sign;
  if (mantissa.front() == '-') {
    sign = "-";
    mantissa.erase(0, 1);
  }
  std::string digits;
  for (const char c : mantissa)
    if (c != '.') digits += c;
  const int decpt = exponent + 1;
  const int n = static_cast<int>(digits.size());
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return sign + "0." + std::string(-decpt, '0') + digits;
    if (decpt >= n) return sign + digits + std::string(decpt - n, '0') + ".0";
    return sign + digits.substr(0, decpt) + "." + digits.substr(decpt);
  }
  std::string out = sign + digits.substr(0, 1);
  if (n > 1) out += "." + digits.substr(1);
  const int shown = std::abs(exponent);
  out += std::string("e") + (exponent < 0 ? "-" : "+") + (shown < 10 ? "0" : "") +
         std::to_string(shown);
  return out;
}

}  // namespace detail

using detail::format_double;

namespace {

void describe_categories(std::ostream& out, const detail::ColumnCategories& categories,
                         const std::vector<std::string>& names,
                         const std::vector<std::vector<std::string>>& texts) {
  constexpr Index shown = 8;
  out << "categories:\n";
  for (Index j = 0; j < categories.n_columns(); ++j) {
    out << "  " << names[j] << " (" << categories.size(j) << "):";
    for (Index k = 0; k < std::min(shown, categories.size(j)); ++k)
      out << (k ? ", " : " ") << categories.text(j, k, texts);
    out << (categories.size(j) > shown ? ", ...\n" : "\n");
  }
}

}  // namespace

// ---- OneHotEncoder ------------------------------------------------------------------------------

Tags OneHotEncoder::tags() const {
  Tags t = Transformer::tags();
  t.allow_nan = true;
  t.categorical = true;
  return t;
}

OneHotEncoder& OneHotEncoder::fit(const Matrix& X) {
  validate_params(params_);
  check_fit_input(X, type_name(), MissingValues::allowed);
  detail::ColumnCategories categories;
  categories.learn(
      X, detail::named_columns_mask(params_.categorical_features, X.n_cols, feature_names()),
      feature_names());
  std::vector<std::int64_t> drop_idx(X.n_cols, -1);
  for (Index j = 0; j < X.n_cols; ++j)
    if (params_.drop == OneHotDrop::first ||
        (params_.drop == OneHotDrop::if_binary && categories.size(j) == 2))
      drop_idx[j] = 0;
  reset_fitted();
  categories_ = std::move(categories);
  drop_idx_ = std::move(drop_idx);
  set_n_features_in(X.n_cols);
  return *this;
}

Matrix OneHotEncoder::transform(const Matrix& X) const {
  check_predict_input(X);
  std::vector<Index> offset(X.n_cols + 1, 0);
  for (Index j = 0; j < X.n_cols; ++j)
    offset[j + 1] = offset[j] + categories_.size(j) - (drop_idx_[j] >= 0 ? 1 : 0);
  // Each row's category of a column first, then the block's output columns one after the
  // other: every output column is written once, in order (Armadillo is column-major).
  Matrix out(X.n_rows, offset[X.n_cols], arma::fill::none);
  detail::advise_huge_pages(out.memptr(), out.n_elem * sizeof(double));
  std::vector<std::int64_t> codes(X.n_rows);
  for (Index j = 0; j < X.n_cols; ++j) {
    for (Index i = 0; i < X.n_rows; ++i) {
      codes[i] = categories_.find(j, X(i, j));
      if (codes[i] < 0 && params_.handle_unknown == HandleUnknown::error)
        detail::throw_unknown_category(type_name(), j, i, X(i, j), input_feature_names());
    }
    const std::int64_t drop = drop_idx_[j];
    Index column = offset[j];
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(categories_.size(j)); ++k) {
      if (k == drop) continue;
      double* o = out.colptr(column++);
      for (Index i = 0; i < X.n_rows; ++i) o[i] = codes[i] == k ? 1.0 : 0.0;
    }
  }
  return out;
}

std::vector<Vector> OneHotEncoder::categories() const {
  std::vector<Vector> out;
  for (Index j = 0; j < categories_.n_columns(); ++j) out.push_back(categories_.categories(j));
  return out;
}

std::vector<std::string> OneHotEncoder::feature_names_out() const {
  if (!is_fitted()) throw NotFitted(type_name());
  const std::vector<std::string> names = input_feature_names();
  std::vector<std::string> out;
  for (Index j = 0; j < categories_.n_columns(); ++j)
    for (Index k = 0; k < categories_.size(j); ++k)
      if (static_cast<std::int64_t>(k) != drop_idx_[j])
        out.push_back(names[j] + "_" + categories_.text(j, k, feature_categories()));
  return out;
}

void OneHotEncoder::describe_fitted(std::ostream& out) const {
  describe_categories(out, categories_, input_feature_names(), feature_categories());
  out << "output columns: " << feature_names_out().size() << "\n";
}

template <class Archive>
void OneHotEncoder::serialize(Archive& ar, std::uint32_t /*version*/) {
  categories_.serialize(ar, n_features_in());
  ar(cereal::make_nvp("drop_idx", drop_idx_));
  if constexpr (Archive::is_loading::value) {
    if (drop_idx_.size() != n_features_in())
      throw detail::FormatProblem("drop_idx does not match the features");
    for (Index j = 0; j < drop_idx_.size(); ++j)
      if (drop_idx_[j] < -1 || drop_idx_[j] >= static_cast<std::int64_t>(categories_.size(j)))
        throw detail::FormatProblem("a dropped category out of range");
  }
}

FITKIT_DEFINE_PAYLOAD(OneHotEncoder)

// ---- OrdinalEncoder -----------------------------------------------------------------------------

namespace {

double code_value(const IntegerOrNan& code) {
  return code.is_keyword() ? arma::datum::nan : static_cast<double>(code.get<std::int64_t>());
}

}  // namespace

Tags OrdinalEncoder::tags() const {
  Tags t = Transformer::tags();
  t.allow_nan = true;
  t.categorical = true;
  return t;
}

OrdinalEncoder& OrdinalEncoder::fit(const Matrix& X) {
  validate_params(params_);
  const bool use_encoded = params_.handle_unknown == OrdinalHandleUnknown::use_encoded_value;
  if (use_encoded && !params_.unknown_value)
    throw InvalidParameter("unknown_value",
                           "unknown_value must be an integer or nan when handle_unknown is "
                           "use_encoded_value, found none");
  if (!use_encoded && params_.unknown_value)
    throw InvalidParameter("unknown_value",
                           "unknown_value is only set when handle_unknown is use_encoded_value, "
                           "found " +
                               detail::format_value(*params_.unknown_value));
  const double unknown = params_.unknown_value ? code_value(*params_.unknown_value) : 0.0;
  const double missing = code_value(params_.encoded_missing_value);
  check_fit_input(X, type_name(), MissingValues::allowed);
  detail::ColumnCategories categories;
  categories.learn(
      X, detail::named_columns_mask(params_.categorical_features, X.n_cols, feature_names()),
      feature_names());
  for (Index j = 0; j < X.n_cols; ++j) {
    const auto n = static_cast<double>(categories.size(j));
    if (use_encoded && unknown >= 0 && unknown < n)
      throw InvalidParameter("unknown_value", "unknown_value " + format_double(unknown) +
                                                  " is the code of a category seen at fit "
                                                  "(column " +
                                                  std::to_string(j) + " has " + format_double(n) +
                                                  " categories)");
    if (categories.has_nan(j) && missing >= 0 && missing < n)
      throw InvalidParameter("encoded_missing_value",
                             "encoded_missing_value " + format_double(missing) +
                                 " is the code of a category seen at fit in column " +
                                 std::to_string(j) + ", which has NaN");
  }
  reset_fitted();
  categories_ = std::move(categories);
  set_n_features_in(X.n_cols);
  return *this;
}

Matrix OrdinalEncoder::transform(const Matrix& X) const {
  check_predict_input(X);
  const double unknown = params_.unknown_value ? code_value(*params_.unknown_value) : 0.0;
  const double missing = code_value(params_.encoded_missing_value);
  Matrix out(X.n_rows, X.n_cols);
  for (Index j = 0; j < X.n_cols; ++j) {
    const auto nan_code = categories_.has_nan(j)
                              ? static_cast<std::int64_t>(categories_.size(j) - 1)
                              : std::int64_t{-2};
    for (Index i = 0; i < X.n_rows; ++i) {
      const std::int64_t k = categories_.find(j, X(i, j));
      if (k < 0) {
        if (params_.handle_unknown == OrdinalHandleUnknown::error)
          detail::throw_unknown_category(type_name(), j, i, X(i, j), input_feature_names());
        out(i, j) = unknown;
      } else {
        out(i, j) = k == nan_code ? missing : static_cast<double>(k);
      }
    }
  }
  return out;
}

Matrix OrdinalEncoder::inverse_transform(const Matrix& Z) const {
  if (!is_fitted()) throw NotFitted(type_name());
  const double unknown = params_.unknown_value ? code_value(*params_.unknown_value) : 0.0;
  const double missing = code_value(params_.encoded_missing_value);
  if (Z.n_cols != n_features_in())
    throw DimensionMismatch("Z has " + std::to_string(Z.n_cols) + " columns, but " + type_name() +
                            " was fitted with " + std::to_string(n_features_in()) + " features");
  Matrix out(Z.n_rows, Z.n_cols);
  for (Index j = 0; j < Z.n_cols; ++j) {
    const Vector categories = categories_.categories(j);
    for (Index i = 0; i < Z.n_rows; ++i) {
      const double z = Z(i, j);
      const bool is_missing =
          categories_.has_nan(j) && (std::isnan(missing) ? std::isnan(z) : z == missing);
      const bool is_unknown =
          params_.unknown_value && (std::isnan(unknown) ? std::isnan(z) : z == unknown);
      if (is_missing || is_unknown) {
        out(i, j) = arma::datum::nan;
      } else if (z >= 0 && z == std::floor(z) && z < static_cast<double>(categories.n_elem)) {
        out(i, j) = categories(static_cast<Index>(z));
      } else {
        throw DataError(type_name() + ": code " + format_double(z) + " in column " +
                        std::to_string(j) + " at row " + std::to_string(i + 1) +
                        " is not one of the " + std::to_string(categories.n_elem) +
                        " categories' codes");
      }
    }
  }
  return out;
}

std::vector<Vector> OrdinalEncoder::categories() const {
  std::vector<Vector> out;
  for (Index j = 0; j < categories_.n_columns(); ++j) out.push_back(categories_.categories(j));
  return out;
}

void OrdinalEncoder::describe_fitted(std::ostream& out) const {
  describe_categories(out, categories_, input_feature_names(), feature_categories());
}

template <class Archive>
void OrdinalEncoder::serialize(Archive& ar, std::uint32_t /*version*/) {
  categories_.serialize(ar, n_features_in());
}

FITKIT_DEFINE_PAYLOAD(OrdinalEncoder)

// ---- LabelEncoder -------------------------------------------------------------------------------

LabelEncoder& LabelEncoder::fit(const Vector& y) {
  if (y.is_empty()) throw DataError("LabelEncoder: no labels to fit");
  check_finite(y, "y");
  std::vector<double> classes(y.begin(), y.end());
  std::sort(classes.begin(), classes.end());
  classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
  classes_ = Vector(classes);
  text_classes_.clear();
  text_ = false;
  fitted_ = true;
  return *this;
}

LabelEncoder& LabelEncoder::fit(const std::vector<std::string>& y) {
  if (y.empty()) throw DataError("LabelEncoder: no labels to fit");
  std::vector<std::string> classes = y;
  std::sort(classes.begin(), classes.end());
  classes.erase(std::unique(classes.begin(), classes.end()), classes.end());
  text_classes_ = std::move(classes);
  classes_.reset();
  text_ = true;
  fitted_ = true;
  return *this;
}

void LabelEncoder::check_fitted(bool text) const {
  if (!fitted_) throw NotFitted("LabelEncoder");
  if (text != text_)
    throw DataError(std::string("LabelEncoder was fitted on ") + (text_ ? "texts" : "numbers") +
                    ", but got " + (text ? "texts" : "numbers"));
}

Vector LabelEncoder::transform(const Vector& y) const {
  check_fitted(false);
  Vector out(y.n_elem);
  for (Index i = 0; i < y.n_elem; ++i) {
    const auto it = std::lower_bound(classes_.begin(), classes_.end(), y(i));
    if (it == classes_.end() || *it != y(i))
      throw DataError("LabelEncoder: y contains a previously unseen label: " + format_double(y(i)) +
                      " (at " + std::to_string(i + 1) + ")");
    out(i) = static_cast<double>(it - classes_.begin());
  }
  return out;
}

Vector LabelEncoder::transform(const std::vector<std::string>& y) const {
  check_fitted(true);
  Vector out(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) {
    const auto it = std::lower_bound(text_classes_.begin(), text_classes_.end(), y[i]);
    if (it == text_classes_.end() || *it != y[i])
      throw DataError("LabelEncoder: y contains a previously unseen label: '" + y[i] + "' (at " +
                      std::to_string(i + 1) + ")");
    out(i) = static_cast<double>(it - text_classes_.begin());
  }
  return out;
}

void LabelEncoder::check_code(double code) const {
  const auto n = static_cast<double>(text_ ? text_classes_.size() : classes_.n_elem);
  if (!(code >= 0 && code == std::floor(code) && code < n))
    throw DataError("LabelEncoder: code " + format_double(code) + " is not one of 0 .. " +
                    format_double(n - 1));
}

Vector LabelEncoder::inverse_transform(const Vector& codes) const {
  check_fitted(false);
  Vector out(codes.n_elem);
  for (Index i = 0; i < codes.n_elem; ++i) {
    check_code(codes(i));
    out(i) = classes_(static_cast<Index>(codes(i)));
  }
  return out;
}

std::vector<std::string> LabelEncoder::inverse_transform_text(const Vector& codes) const {
  check_fitted(true);
  std::vector<std::string> out;
  out.reserve(codes.n_elem);
  for (const double code : codes) {
    check_code(code);
    out.push_back(text_classes_[static_cast<std::size_t>(code)]);
  }
  return out;
}

}  // namespace fitkit
