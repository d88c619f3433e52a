#include "fitkit/preprocessing/encoders.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string_view>
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
  lookup_.assign(values_.size(), {});
  for (Index j = 0; j < values_.size(); ++j) index_column(j);
}

void ColumnCategories::assign(Index j, std::vector<double> values, bool has_nan) {
  values_[j] = std::move(values);
  has_nan_[j] = has_nan ? 1 : 0;
  index_column(j);
}

void ColumnCategories::index_column(Index j) {
  std::vector<std::pair<double, std::int64_t>>& lookup = lookup_[j];
  lookup.clear();
  for (std::size_t k = 0; k < values_[j].size(); ++k)
    lookup.emplace_back(values_[j][k], static_cast<std::int64_t>(k));
  std::sort(lookup.begin(), lookup.end());
}

std::int64_t ColumnCategories::find(Index j, double x) const {
  if (std::isnan(x)) return has_nan_[j] ? static_cast<std::int64_t>(values_[j].size()) : -1;
  const std::vector<std::pair<double, std::int64_t>>& v = lookup_[j];
  const auto it = std::lower_bound(
      v.begin(), v.end(), x, [](const auto& entry, double value) { return entry.first < value; });
  return it != v.end() && it->first == x ? it->second : -1;
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
    lookup_.assign(n_features, {});
    for (Index j = 0; j < n_features; ++j) {
      const std::vector<double>& v = values_[j];
      if (v.empty() && !has_nan_[j]) throw FormatProblem("a column without categories");
      // A coded column's categories may come in the order `categories` gave them.
      for (std::size_t k = 0; k < v.size(); ++k)
        if (!std::isfinite(v[k]) || (!coded_[j] && k > 0 && !(v[k - 1] < v[k])))
          throw FormatProblem("categories that are not finite and increasing");
      if (coded_[j])
        for (const double x : v)
          if (!(x >= 0 && x == std::floor(x))) throw FormatProblem("a category code out of range");
      index_column(j);
      for (std::size_t k = 1; k < lookup_[j].size(); ++k)
        if (lookup_[j][k - 1].first == lookup_[j][k].first)
          throw FormatProblem("a category listed twice");
    }
  }
}

namespace {

bool is_nan_text(std::string_view text) {
  return text == "nan" || text == "NaN";
}

// Value x of column j as the user wrote it: a coded column's text, else the number.
std::string value_text(Index j, double x, const std::vector<std::uint8_t>& coded,
                       const std::vector<std::vector<std::string>>& texts) {
  if (!std::isnan(x) && coded[j] && j < texts.size() && x >= 0 &&
      x < static_cast<double>(texts[j].size()))
    return "'" + texts[j][static_cast<std::size_t>(x)] + "'";
  return python_float_text(x);
}

}  // namespace

std::vector<std::optional<GivenCategories>> resolve_categories(
    const EncoderCategories& categories, Index n_features, const std::vector<std::uint8_t>& coded,
    const std::vector<std::string>& feature_names,
    const std::vector<std::vector<std::string>>& texts) {
  std::vector<std::optional<GivenCategories>> out(n_features);
  for (const auto& [column, items] : categories.lists()) {
    const std::vector<std::uint8_t> mask =
        named_columns_mask({column}, n_features, feature_names, "categories");
    const auto j = static_cast<Index>(std::find(mask.begin(), mask.end(), 1) - mask.begin());
    const std::string where = "column '" + column + "'";
    if (out[j]) throw InvalidParameter("categories", where + " is listed twice");
    GivenCategories given;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const std::string& item = items[k];
      if (is_nan_text(item)) {
        if (k + 1 != items.size())
          throw InvalidParameter("categories", "nan must be the last category of " + where);
        given.has_nan = true;
        continue;
      }
      double x = 0;
      if (coded[j] && j < texts.size() && !texts[j].empty()) {
        const auto found = std::find(texts[j].begin(), texts[j].end(), item);
        if (found == texts[j].end())
          throw InvalidParameter("categories", "'" + item + "' is not a text of " + where +
                                                   " in the data (only its texts have codes)");
        x = static_cast<double>(found - texts[j].begin());
      } else if (coded[j]) {
        if (!parse_double(item, x) || !(x >= 0 && x == std::floor(x)))
          throw InvalidParameter("categories", "'" + item +
                                                   "' is not a category code 0, 1, 2, "
                                                   "... of " +
                                                   where);
      } else if (!parse_double(item, x) || !std::isfinite(x)) {
        throw InvalidParameter("categories",
                               "'" + item + "' is not a number (" + where + " is numeric)");
      }
      given.values.push_back(x);
    }
    std::vector<double> sorted = given.values;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
      throw InvalidParameter("categories", where + " lists a category twice");
    if (!coded[j] && sorted != given.values)
      throw InvalidParameter(
          "categories", "unsorted categories are not supported for numerical categories: " + where +
                            " must list its numbers in increasing order");
    out[j] = std::move(given);
  }
  return out;
}

ColumnCategories learn_categories(const Matrix& X, const std::vector<std::uint8_t>& coded,
                                  const std::vector<std::optional<GivenCategories>>& given,
                                  bool strict, const std::string& estimator,
                                  const std::vector<std::string>& feature_names,
                                  const std::vector<std::vector<std::string>>& texts) {
  ColumnCategories categories;
  categories.learn(X, coded, feature_names);
  for (Index j = 0; j < X.n_cols; ++j) {
    if (!given[j]) continue;
    categories.assign(j, given[j]->values, given[j]->has_nan);
    if (!strict) continue;
    for (Index i = 0; i < X.n_rows; ++i)
      if (categories.find(j, X(i, j)) < 0)
        throw InvalidParameter(
            "categories", estimator + ": found an unknown category " +
                              value_text(j, X(i, j), coded, texts) + " in column " +
                              std::to_string(j) +
                              (j < feature_names.size() ? " ('" + feature_names[j] + "')" : "") +
                              " at row " + std::to_string(i + 1) +
                              " during fit (not among the categories given; handle_unknown is "
                              "error)");
  }
  return categories;
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

// ---- EncoderCategories --------------------------------------------------------------------------

std::string EncoderCategories::to_text() const {
  if (lists_.empty()) return "auto";
  std::string out;
  for (const auto& [column, items] : lists_) {
    out += (out.empty() ? "" : ";") + column + "=";
    for (std::size_t k = 0; k < items.size(); ++k) out += (k ? "," : "") + items[k];
  }
  return out;
}

std::string EncoderCategories::from_text(std::string_view text, EncoderCategories& out) {
  const auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
  };
  text = trim(text);
  EncoderCategories read;
  if (text.empty() || text == "auto") {
    out = std::move(read);
    return "";
  }
  while (!text.empty()) {
    const std::size_t semicolon = text.find(';');
    const std::string_view item = text.substr(0, semicolon);
    text = semicolon == std::string_view::npos ? std::string_view() : text.substr(semicolon + 1);
    const std::size_t equals = item.find('=');
    const std::string_view column = trim(item.substr(0, equals));
    if (equals == std::string_view::npos || column.empty())
      return "expected auto or column=cat,cat;column=cat, found '" + std::string(item) + "'";
    std::vector<std::string> categories;
    for (const std::string_view category : detail::split_list(item.substr(equals + 1))) {
      if (category.empty()) return "an empty category in '" + std::string(item) + "'";
      categories.emplace_back(category);
    }
    if (categories.empty()) return "no categories for column '" + std::string(column) + "'";
    read.lists_.emplace_back(std::string(column), std::move(categories));
  }
  out = std::move(read);
  return "";
}

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

namespace {

// scikit-learn 1.2's OneHotEncoder._identify_infrequent: the categories of fewer rows than
// min_frequency, and beyond the max_categories - 1 most frequent (the fewest rows first, ties
// by order), as increasing indices.
std::vector<std::int64_t> identify_infrequent(const std::vector<std::int64_t>& counts,
                                              Index n_samples, const MinFrequency& min_frequency,
                                              const std::optional<std::int64_t>& max_categories) {
  const std::size_t n = counts.size();
  std::vector<std::uint8_t> infrequent(n, 0);
  if (min_frequency.holds<std::int64_t>()) {
    for (std::size_t k = 0; k < n; ++k)
      infrequent[k] = counts[k] < min_frequency.get<std::int64_t>() ? 1 : 0;
  } else if (min_frequency.holds<double>()) {
    const double least = static_cast<double>(n_samples) * min_frequency.get<double>();
    for (std::size_t k = 0; k < n; ++k)
      infrequent[k] = static_cast<double>(counts[k]) < least ? 1 : 0;
  }
  const auto n_current = static_cast<std::int64_t>(
      n - std::count(infrequent.begin(), infrequent.end(), std::uint8_t{1}) + 1);
  if (max_categories && *max_categories < n_current) {
    std::vector<std::size_t> order(n);
    for (std::size_t k = 0; k < n; ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return counts[a] < counts[b]; });
    // numpy's argsort(...)[:-max_categories + 1]: with max_categories 1 that is [:0], none.
    const std::int64_t keep = *max_categories - 1;
    const std::int64_t marked =
        keep == 0 ? 0 : std::max<std::int64_t>(0, static_cast<std::int64_t>(n) - keep);
    for (std::int64_t r = 0; r < marked; ++r) infrequent[order[static_cast<std::size_t>(r)]] = 1;
  }
  std::vector<std::int64_t> out;
  for (std::size_t k = 0; k < n; ++k)
    if (infrequent[k]) out.push_back(static_cast<std::int64_t>(k));
  return out;
}

}  // namespace

OneHotEncoder& OneHotEncoder::fit(const Matrix& X) {
  validate_params(params_);
  if (params_.min_frequency.holds<double>() && !(params_.min_frequency.get<double>() < 1.0))
    throw InvalidParameter("min_frequency", "a fraction of the rows must be in (0, 1), found " +
                                                detail::format_value(params_.min_frequency) +
                                                " (a count of rows is an integer)");
  check_fit_input(X, type_name(), MissingValues::allowed);
  const std::vector<std::uint8_t> coded =
      detail::named_columns_mask(params_.categorical_features, X.n_cols, feature_names());
  const auto given = detail::resolve_categories(params_.categories, X.n_cols, coded,
                                                feature_names(), feature_categories());
  detail::ColumnCategories categories =
      detail::learn_categories(X, coded, given, params_.handle_unknown == HandleUnknown::error,
                               type_name(), feature_names(), feature_categories());
  std::vector<std::vector<std::int64_t>> infrequent(X.n_cols);
  if (!params_.min_frequency.is_keyword() || params_.max_categories) {
    for (Index j = 0; j < X.n_cols; ++j) {
      // A value that is no category (outside the categories given) counts for none.
      std::vector<std::int64_t> counts(categories.size(j), 0);
      for (Index i = 0; i < X.n_rows; ++i) {
        const std::int64_t k = categories.find(j, X(i, j));
        if (k >= 0) ++counts[static_cast<std::size_t>(k)];
      }
      infrequent[j] =
          identify_infrequent(counts, X.n_rows, params_.min_frequency, params_.max_categories);
    }
  }
  std::vector<std::int64_t> drop_idx(X.n_cols, -1);
  for (Index j = 0; j < X.n_cols; ++j) {
    // The output categories: the infrequent ones count as one.
    const Index n_out = categories.size(j) - (infrequent[j].empty() ? 0 : infrequent[j].size() - 1);
    if (params_.drop == OneHotDrop::first || (params_.drop == OneHotDrop::if_binary && n_out == 2))
      drop_idx[j] = 0;
  }
  reset_fitted();
  categories_ = std::move(categories);
  drop_idx_ = std::move(drop_idx);
  infrequent_ = std::move(infrequent);
  map_infrequent();
  set_n_features_in(X.n_cols);
  return *this;
}

void OneHotEncoder::map_infrequent() {
  output_index_.assign(categories_.n_columns(), {});
  for (Index j = 0; j < categories_.n_columns(); ++j) {
    const std::vector<std::int64_t>& infrequent = infrequent_[j];
    std::vector<std::int64_t>& index = output_index_[j];
    index.assign(categories_.size(j), -1);
    const auto n_frequent = static_cast<std::int64_t>(categories_.size(j) - infrequent.size());
    for (const std::int64_t k : infrequent) index[static_cast<std::size_t>(k)] = n_frequent;
    std::int64_t next = 0;
    for (std::int64_t& m : index)
      if (m < 0) m = next++;
  }
}

Matrix OneHotEncoder::transform(const Matrix& X) const {
  check_predict_input(X);
  std::vector<Index> offset(X.n_cols + 1, 0);
  for (Index j = 0; j < X.n_cols; ++j)
    offset[j + 1] = offset[j] + categories_.size(j) -
                    (infrequent_[j].empty() ? 0 : infrequent_[j].size() - 1) -
                    (drop_idx_[j] >= 0 ? 1 : 0);
  // Each row's output column within the block first, then the block's output columns one
  // after the other: every output column is written once, in order (Armadillo is
  // column-major).
  Matrix out(X.n_rows, offset[X.n_cols], arma::fill::none);
  detail::advise_huge_pages(out.memptr(), out.n_elem * sizeof(double));
  std::vector<std::int64_t> codes(X.n_rows);
  for (Index j = 0; j < X.n_cols; ++j) {
    const std::int64_t drop = drop_idx_[j];
    const std::vector<std::int64_t>& index = output_index_[j];
    // Under infrequent_if_exist, an unknown category is the infrequent one, which is last.
    const std::int64_t unknown =
        params_.handle_unknown == HandleUnknown::infrequent_if_exist && !infrequent_[j].empty()
            ? static_cast<std::int64_t>(categories_.size(j) - infrequent_[j].size())
            : -1;
    for (Index i = 0; i < X.n_rows; ++i) {
      const std::int64_t k = categories_.find(j, X(i, j));
      if (k < 0 && params_.handle_unknown == HandleUnknown::error)
        detail::throw_unknown_category(type_name(), j, i, X(i, j), input_feature_names());
      std::int64_t m = k < 0 ? unknown : index[static_cast<std::size_t>(k)];
      if (m >= 0 && drop >= 0) m = m == drop ? -1 : m - (m > drop ? 1 : 0);
      codes[i] = m;
    }
    for (Index column = offset[j]; column < offset[j + 1]; ++column) {
      const auto m = static_cast<std::int64_t>(column - offset[j]);
      double* o = out.colptr(column);
      for (Index i = 0; i < X.n_rows; ++i) o[i] = codes[i] == m ? 1.0 : 0.0;
    }
  }
  return out;
}

std::vector<Vector> OneHotEncoder::categories() const {
  std::vector<Vector> out;
  for (Index j = 0; j < categories_.n_columns(); ++j) out.push_back(categories_.categories(j));
  return out;
}

std::vector<Vector> OneHotEncoder::infrequent_categories() const {
  if (!is_fitted()) throw NotFitted(type_name());
  std::vector<Vector> out;
  for (Index j = 0; j < categories_.n_columns(); ++j) {
    const Vector all = categories_.categories(j);
    Vector infrequent(infrequent_[j].size());
    for (Index r = 0; r < infrequent.n_elem; ++r)
      infrequent(r) = all(static_cast<Index>(infrequent_[j][r]));
    out.push_back(std::move(infrequent));
  }
  return out;
}

std::vector<std::string> OneHotEncoder::feature_names_out() const {
  if (!is_fitted()) throw NotFitted(type_name());
  const std::vector<std::string> names = input_feature_names();
  std::vector<std::string> out;
  for (Index j = 0; j < categories_.n_columns(); ++j) {
    std::vector<std::string> block;
    for (Index k = 0; k < categories_.size(j); ++k)
      if (!std::binary_search(infrequent_[j].begin(), infrequent_[j].end(),
                              static_cast<std::int64_t>(k)))
        block.push_back(names[j] + "_" + categories_.text(j, k, feature_categories()));
    if (!infrequent_[j].empty()) block.push_back(names[j] + "_infrequent_sklearn");
    for (std::size_t m = 0; m < block.size(); ++m)
      if (static_cast<std::int64_t>(m) != drop_idx_[j]) out.push_back(std::move(block[m]));
  }
  return out;
}

void OneHotEncoder::describe_fitted(std::ostream& out) const {
  describe_categories(out, categories_, input_feature_names(), feature_categories());
  const std::vector<std::string> names = input_feature_names();
  bool any = false;
  for (Index j = 0; j < categories_.n_columns(); ++j) {
    if (infrequent_[j].empty()) continue;
    if (!any) out << "infrequent categories (grouped into one output column per feature):\n";
    any = true;
    out << "  " << names[j] << " (" << infrequent_[j].size() << "):";
    for (std::size_t r = 0; r < std::min<std::size_t>(8, infrequent_[j].size()); ++r)
      out << (r ? ", " : " ")
          << categories_.text(j, static_cast<Index>(infrequent_[j][r]), feature_categories());
    out << (infrequent_[j].size() > 8 ? ", ...\n" : "\n");
  }
  out << "output columns: " << feature_names_out().size() << "\n";
}

template <class Archive>
void OneHotEncoder::serialize(Archive& ar, std::uint32_t version) {
  categories_.serialize(ar, n_features_in());
  ar(cereal::make_nvp("drop_idx", drop_idx_));
  // Version 1 had no infrequent categories.
  if (version >= 2) ar(cereal::make_nvp("infrequent", infrequent_));
  if constexpr (Archive::is_loading::value) {
    if (version < 2) infrequent_.assign(n_features_in(), {});
    if (drop_idx_.size() != n_features_in() || infrequent_.size() != n_features_in())
      throw detail::FormatProblem("drop_idx or infrequent do not match the features");
    for (Index j = 0; j < n_features_in(); ++j) {
      const std::vector<std::int64_t>& infrequent = infrequent_[j];
      for (std::size_t r = 0; r < infrequent.size(); ++r)
        if (infrequent[r] < 0 || infrequent[r] >= static_cast<std::int64_t>(categories_.size(j)) ||
            (r > 0 && !(infrequent[r - 1] < infrequent[r])))
          throw detail::FormatProblem("infrequent categories out of range or order");
      const Index n_out = categories_.size(j) - (infrequent.empty() ? 0 : infrequent.size() - 1);
      if (drop_idx_[j] < -1 || drop_idx_[j] >= static_cast<std::int64_t>(n_out))
        throw detail::FormatProblem("a dropped category out of range");
    }
    map_infrequent();
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
  const std::vector<std::uint8_t> coded =
      detail::named_columns_mask(params_.categorical_features, X.n_cols, feature_names());
  const auto given = detail::resolve_categories(params_.categories, X.n_cols, coded,
                                                feature_names(), feature_categories());
  const detail::ColumnCategories categories = detail::learn_categories(
      X, coded, given, !use_encoded, type_name(), feature_names(), feature_categories());
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
  categories_ = categories;
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
  // Version 2 reads as 1: only a coded column's categories may now be in any order.
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
