#include "fitkit/pipeline/column_transformer.hpp"

#include <algorithm>
#include <ostream>

#include "core/format_problem.hpp"
#include "core/payload.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
namespace {

bool is_position(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// "num=0,1;cat=sex" as (name, columns) pairs, in order.
std::vector<std::pair<std::string, std::vector<std::string>>> parse_columns(std::string_view text) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  while (!text.empty()) {
    const std::size_t semicolon = text.find(';');
    const std::string_view item = text.substr(0, semicolon);
    text = semicolon == std::string_view::npos ? std::string_view() : text.substr(semicolon + 1);
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos)
      throw InvalidParameter("columns", "'" + std::string(item) + "' is not name=col,col");
    std::vector<std::string> columns;
    for (const std::string_view column : detail::split_list(item.substr(equals + 1)))
      if (!column.empty()) columns.emplace_back(column);
    out.emplace_back(std::string(item.substr(0, equals)), std::move(columns));
  }
  return out;
}

// X's columns `columns`, as a data set that keeps their names and categories.
Dataset columns_of(const Matrix& X, const std::vector<Index>& columns,
                   const std::vector<std::string>& names,
                   const std::vector<std::vector<std::string>>& categories,
                   const std::string& source) {
  Dataset part;
  part.X = X.cols(arma::conv_to<arma::uvec>::from(columns));
  part.source = source;
  for (const Index j : columns) {
    if (!names.empty()) part.feature_names.push_back(names[j]);
    if (!categories.empty()) part.feature_categories.push_back(categories[j]);
  }
  return part;
}

}  // namespace

ColumnTransformer& ColumnTransformer::add(std::string name, std::unique_ptr<Estimator> transformer,
                                          const std::vector<std::string>& columns) {
  for (const std::string& column : columns)
    if (column.empty() || column.find_first_of(",;=") != std::string::npos)
      throw InvalidParameter("columns", "'" + column + "' cannot name a column here");
  std::string entry = name + "=";
  for (std::size_t k = 0; k < columns.size(); ++k) entry += (k ? "," : "") + columns[k];
  parts_.add(std::move(name), std::move(transformer));
  params_.columns += (params_.columns.empty() ? "" : ";") + entry;
  reset_fitted();
  return *this;
}

Tags ColumnTransformer::tags() const {
  Tags t = Transformer::tags();
  t.allow_nan =
      std::all_of(parts_.items().begin(), parts_.items().end(),
                  [](const NamedEstimator& part) { return part.estimator->tags().allow_nan; });
  t.categorical = true;  // each transformer takes or refuses its text columns
  return t;
}

std::unique_ptr<Estimator> ColumnTransformer::clone() const {
  auto copy = std::make_unique<ColumnTransformer>();
  copy->parts_.items() = parts_.clones();
  copy->params_ = params_;
  return copy;
}

std::vector<ParamInfo> ColumnTransformer::param_info() const {
  ColumnTransformerParams own = params_;
  std::vector<ParamInfo> out = parts_.param_info();
  std::vector<ParamInfo> mine = describe_params(own);
  out.insert(out.begin() + 1, mine.begin(), mine.end());
  return out;
}

ParamMap ColumnTransformer::get_params() const {
  ColumnTransformerParams own = params_;
  ParamMap out = parts_.get_params();
  out.merge(params_to_map(own));
  return out;
}

void ColumnTransformer::set_param(std::string_view name, std::string_view value) {
  if (name == "columns" || name == "remainder") {
    fitkit::set_param(params_, name, value);
  } else {
    parts_.set_param(name, value);
  }
}

void ColumnTransformer::set_params(const ParamMap& values) {
  ParamMap rest = values;
  for (const char* own : {"columns", "remainder"}) {
    const auto found = rest.find(own);
    if (found == rest.end()) continue;
    set_param(own, found->second);
    rest.erase(found);
  }
  parts_.set_params(rest);
}

void ColumnTransformer::reset_params() {
  params_ = ColumnTransformerParams{};
  parts_.reset_params();
}

std::vector<std::vector<Index>> ColumnTransformer::resolve_columns(Index n_features) const {
  const auto listed = parse_columns(params_.columns);
  const std::vector<std::string>& names = feature_names();
  std::vector<std::vector<Index>> out;
  for (const NamedEstimator& part : parts_.items()) {
    const auto entry = std::find_if(listed.begin(), listed.end(),
                                    [&](const auto& item) { return item.first == part.name; });
    if (entry == listed.end())
      throw InvalidParameter("columns", "transformer '" + part.name + "' is given no columns");
    std::vector<Index> positions;
    for (const std::string& column : entry->second) {
      Index j = 0;
      if (is_position(column)) {
        j = std::stoull(column);
        if (j >= n_features)
          throw InvalidParameter("columns", "column " + column + " of transformer '" + part.name +
                                                "' is past the data's " +
                                                std::to_string(n_features) + " columns");
      } else {
        const auto found = std::find(names.begin(), names.end(), column);
        if (found == names.end())
          throw InvalidParameter(
              "columns", "transformer '" + part.name + "' takes the column '" + column +
                             "', which the data " +
                             (names.empty() ? "does not name (give positions)" : "does not have"));
        j = static_cast<Index>(found - names.begin());
      }
      positions.push_back(j);
    }
    out.push_back(std::move(positions));
  }
  for (const auto& item : listed)
    if (parts_.find(item.first) == nullptr)
      throw InvalidParameter("columns", "there is no transformer '" + item.first + "'");
  return out;
}

void ColumnTransformer::fit_values(const Matrix& X, const Vector& /*y*/,
                                   const Vector& /*sample_weight*/) {
  if (parts_.empty())
    throw InvalidParameter("transformers", "a column transformer needs at least one transformer");
  for (const NamedEstimator& part : parts_.items())
    if (!part.estimator->tags().transform)
      throw InvalidParameter("transformers", "'" + part.name + "' (" + part.estimator->type_name() +
                                                 ") does not transform");
  check_fit_input(X, type_name(), MissingValues::allowed);
  const std::vector<std::vector<Index>> columns = resolve_columns(X.n_cols);
  // Names and categories from fit_dataset, else none.
  const std::vector<std::string> names = feature_names();
  const std::vector<std::vector<std::string>> categories = feature_categories();
  std::vector<bool> taken(X.n_cols, false);
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k].empty()) continue;  // nothing to learn, nothing to give
    const NamedEstimator& part = parts_.items()[k];
    part.estimator->fit_dataset(
        columns_of(X, columns[k], names, categories, type_name() + " '" + part.name + "'"));
    for (const Index j : columns[k]) taken[j] = true;
  }
  std::vector<Index> remainder;
  for (Index j = 0; j < X.n_cols; ++j) {
    if (taken[j]) continue;
    remainder.push_back(j);
    // Passed through, a text column's codes would pass for numbers.
    if (params_.remainder == Remainder::passthrough && j < categories.size() &&
        !categories[j].empty())
      throw DataError("column '" + (names.empty() ? std::to_string(j) : names[j]) +
                      "' holds text, but no transformer takes it (an encoder must)");
  }
  reset_fitted();
  fitted_columns_ = columns;
  remainder_columns_ = std::move(remainder);
  set_n_features_in(X.n_cols);
}

Matrix ColumnTransformer::transform(const Matrix& X) const {
  check_predict_input(X);
  std::vector<Matrix> blocks;
  Index width = 0;
  for (std::size_t k = 0; k < fitted_columns_.size(); ++k) {
    if (fitted_columns_[k].empty()) continue;
    blocks.push_back(parts_.items()[k].estimator->transform(
        X.cols(arma::conv_to<arma::uvec>::from(fitted_columns_[k]))));
    width += blocks.back().n_cols;
  }
  if (params_.remainder == Remainder::passthrough && !remainder_columns_.empty()) {
    blocks.push_back(X.cols(arma::conv_to<arma::uvec>::from(remainder_columns_)));
    width += blocks.back().n_cols;
  }
  Matrix out(X.n_rows, width);
  Index at = 0;
  for (const Matrix& block : blocks) {
    out.cols(at, at + block.n_cols - 1) = block;
    at += block.n_cols;
  }
  return out;
}

std::vector<std::string> ColumnTransformer::feature_names_out() const {
  if (!is_fitted()) throw NotFitted(type_name());
  std::vector<std::string> out;
  for (std::size_t k = 0; k < fitted_columns_.size(); ++k) {
    if (fitted_columns_[k].empty()) continue;
    const NamedEstimator& part = parts_.items()[k];
    for (const std::string& name : part.estimator->feature_names_out())
      out.push_back(part.name + "__" + name);
  }
  if (params_.remainder == Remainder::passthrough) {
    const std::vector<std::string> names = input_feature_names();
    for (const Index j : remainder_columns_) out.push_back("remainder__" + names[j]);
  }
  return out;
}

void ColumnTransformer::describe_fitted(std::ostream& out) const {
  const std::vector<std::string> names = input_feature_names();
  const auto list = [&](const std::vector<Index>& columns) {
    std::string text;
    for (const Index j : columns) text += (text.empty() ? "" : ", ") + names[j];
    return text.empty() ? std::string("none") : text;
  };
  for (std::size_t k = 0; k < fitted_columns_.size(); ++k) {
    const NamedEstimator& part = parts_.items()[k];
    out << "transformer " << part.name << ": " << part.estimator->type_name() << " of "
        << list(fitted_columns_[k]) << "\n";
    if (fitted_columns_[k].empty()) continue;
    describe_indented(out, *part.estimator);
  }
  out << "remainder (" << (params_.remainder == Remainder::drop ? "dropped" : "passed through")
      << "): " << list(remainder_columns_) << "\n";
}

template <class Archive>
void ColumnTransformer::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::vector<std::string> names;
  std::vector<std::vector<std::uint64_t>> columns;
  std::vector<std::uint64_t> remainder(remainder_columns_.begin(), remainder_columns_.end());
  for (std::size_t k = 0; k < parts_.size(); ++k) {
    names.push_back(parts_.items()[k].name);
    if (k < fitted_columns_.size())
      columns.emplace_back(fitted_columns_[k].begin(), fitted_columns_[k].end());
  }
  ar(cereal::make_nvp("names", names), cereal::make_nvp("columns", columns),
     cereal::make_nvp("remainder", remainder));
  if constexpr (Archive::is_loading::value) {
    if (columns.size() != names.size())
      throw detail::FormatProblem("the column transformer has " + std::to_string(names.size()) +
                                  " transformers but " + std::to_string(columns.size()) +
                                  " column lists");
    const Index n = n_features_in();
    NamedEstimators read(parts_.list_param());
    for (std::size_t k = 0; k < names.size(); ++k) {
      for (const std::uint64_t j : columns[k])
        if (j >= n) throw detail::FormatProblem("a column past the fitted width");
      std::unique_ptr<Estimator> part;
      if (!columns[k].empty()) {
        const std::string key = "transformer" + std::to_string(k);
        ar(cereal::make_nvp(key.c_str(), detail::nested(part)));
        if (part->n_features_in() != columns[k].size() || !part->tags().transform)
          throw detail::FormatProblem("transformer '" + names[k] + "' does not take its columns");
      } else {
        // Unfitted (no columns): as the parameters made it.
        if (k >= parts_.size() || parts_.items()[k].name != names[k])
          throw detail::FormatProblem("transformer '" + names[k] + "' is missing");
        part = std::move(parts_.items()[k].estimator);
      }
      try {
        read.add(names[k], std::move(part));
      } catch (const InvalidParameter& e) {
        throw detail::FormatProblem(e.what());
      }
    }
    for (const std::uint64_t j : remainder)
      if (j >= n) throw detail::FormatProblem("a remainder column past the fitted width");
    parts_ = std::move(read);
    fitted_columns_.clear();
    for (const auto& c : columns) fitted_columns_.emplace_back(c.begin(), c.end());
    remainder_columns_.assign(remainder.begin(), remainder.end());
  } else {
    for (std::size_t k = 0; k < parts_.size(); ++k) {
      if (fitted_columns_[k].empty()) continue;
      const std::string key = "transformer" + std::to_string(k);
      ar(cereal::make_nvp(key.c_str(), detail::nested(parts_.items()[k].estimator)));
    }
  }
}

FITKIT_DEFINE_PAYLOAD(ColumnTransformer)

}  // namespace fitkit
