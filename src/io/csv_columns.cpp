#include "io/csv_columns.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include "fitkit/core/error.hpp"
#include "io/default_names.hpp"
#include "io/token_quote.hpp"

namespace fitkit::io::detail {
namespace {

// "a, b, c" — shortened for files with thousands of columns.
std::string list_columns(const std::vector<std::string>& names) {
  constexpr std::size_t max_listed = 20;
  std::string list;
  for (std::size_t j = 0; j < names.size() && j < max_listed; ++j)
    list += (j > 0 ? ", " : "") + quote_token(names[j]);
  if (names.size() > max_listed) list += ", ... (" + std::to_string(names.size()) + " columns)";
  return list;
}

std::optional<long long> parse_integer(const std::string& text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end || text.empty()) return std::nullopt;
  return value;
}

std::optional<std::size_t> find_name(const std::vector<std::string>& names,
                                     const std::string& name) {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) return std::nullopt;
  return static_cast<std::size_t>(found - names.begin());
}

void refuse_duplicate_names(const std::vector<std::string>& header, const std::string& source) {
  std::map<std::string, std::size_t> first_column;
  for (std::size_t j = 0; j < header.size(); ++j) {
    const auto [seen, inserted] = first_column.emplace(header[j], j);
    if (!inserted)
      throw DataError(source, 1, j + 1,
                      "duplicate column name " + quote_token(header[j]) + " (columns " +
                          std::to_string(seen->second + 1) + " and " + std::to_string(j + 1) + ")");
  }
}

// Named columns: the header's, or for a file without one the positional x0, x1, ...
struct Columns {
  std::vector<std::string> names;
  bool from_header = true;

  // For "no column named ..." messages.
  std::string listed() const {
    return "(columns: " + list_columns(names) +
           (from_header ? ")" : "; the file has no header row, so they are named by position)");
  }
};

// A column given by name, or by 0-based index (negative counts from the end); a name wins.
// `what` names its use in messages ("target", "sample weight").
std::size_t find_column(const Columns& columns, const std::string& column, const char* what,
                        const std::string& source) {
  const std::size_t n_fields = columns.names.size();
  if (const auto named = find_name(columns.names, column)) return *named;
  if (const auto index = parse_integer(column)) {
    const auto n = static_cast<long long>(n_fields);
    const long long resolved = *index < 0 ? *index + n : *index;
    if (resolved < 0 || resolved >= n)
      throw DataError(source, 0, 0,
                      std::string(what) + " column index " + column +
                          " is out of range: the file has " + std::to_string(n_fields) +
                          " columns");
    return static_cast<std::size_t>(resolved);
  }
  throw DataError(
      source, 0, 0,
      "no column named " + quote_token(column) + " for the " + what + " " + columns.listed());
}

std::size_t find_target(const Columns& columns, const CsvOptions& options,
                        const std::string& source) {
  if (options.target.empty()) return columns.names.size() - 1;
  return find_column(columns, options.target, "target", source);
}

std::vector<std::size_t> find_selected_features(const Columns& columns, std::size_t target_field,
                                                const CsvOptions& options,
                                                const std::string& source) {
  std::vector<std::size_t> fields;
  std::vector<std::string> missing;
  for (const std::string& name : options.features) {
    const auto field = find_name(columns.names, name);
    if (!field) {
      missing.push_back(name);
      continue;
    }
    if (*field == target_field)
      throw DataError(
          source, 0, 0,
          "column " + quote_token(name) + " is the target and cannot also be a feature");
    if (std::find(fields.begin(), fields.end(), *field) != fields.end())
      throw DataError(source, 0, 0, "feature " + quote_token(name) + " is selected twice");
    fields.push_back(*field);
  }
  if (!missing.empty())
    throw DataError(source, 0, 0,
                    "no column named " + list_columns(missing) + " " + columns.listed());
  return fields;
}

}  // namespace

ColumnLayout resolve_columns(const std::vector<std::string>* header, std::size_t n_fields,
                             const CsvOptions& options, const std::string& source) {
  Columns columns;
  if (header != nullptr) {
    refuse_duplicate_names(*header, source);
    columns.names = *header;
  } else {
    columns.names = positional_names(n_fields);
    columns.from_header = false;
  }

  ColumnLayout layout;
  if (options.has_target) {
    if (!options.target_optional)
      layout.target_field = find_target(columns, options, source);
    else if (const auto named = find_name(columns.names, options.target))
      layout.target_field = *named;
  }

  if (!options.sample_weight.empty()) {
    layout.weight_field = find_column(columns, options.sample_weight, "sample weight", source);
    if (layout.weight_field == layout.target_field)
      throw DataError(source, 0, 0,
                      "column " + quote_token(columns.names[layout.weight_field]) +
                          " cannot be both the target and the sample weights");
  }

  std::vector<std::size_t> feature_fields;
  if (!options.features.empty()) {
    feature_fields = find_selected_features(columns, layout.target_field, options, source);
    for (const std::size_t j : feature_fields)
      if (j == layout.weight_field)
        throw DataError(source, 0, 0,
                        "column " + quote_token(columns.names[j]) +
                            " holds the sample weights and cannot also be a feature");
  } else {
    for (std::size_t j = 0; j < n_fields; ++j)
      if (j != layout.target_field && j != layout.weight_field) feature_fields.push_back(j);
  }
  if (feature_fields.empty())
    throw DataError(source, 0, 0,
                    "no feature columns: the file's only columns are the target and weights");

  layout.roles.assign(n_fields, ColumnRole::ignored);
  layout.output_of.assign(n_fields, 0);
  layout.field_names = std::move(columns.names);
  for (std::size_t k = 0; k < feature_fields.size(); ++k) {
    const std::size_t j = feature_fields[k];
    layout.roles[j] = ColumnRole::feature;
    layout.output_of[j] = k;
    layout.feature_names.push_back(layout.field_names[j]);
  }
  layout.text_features = options.text_features;
  layout.text_feature.assign(n_fields, 0);
  for (const std::string& name : options.categorical_columns) {
    const auto field = find_name(layout.field_names, name);
    if (!field || layout.roles[*field] != ColumnRole::feature)
      throw DataError(source, 0, 0,
                      "no feature column named " + quote_token(name) + " " +
                          Columns{layout.field_names, header != nullptr}.listed());
    layout.text_feature[*field] = 1;
  }
  if (layout.target_field != ColumnLayout::no_target) {
    layout.roles[layout.target_field] = ColumnRole::target;
    layout.target_name = layout.field_names[layout.target_field];
  }
  if (layout.weight_field != ColumnLayout::no_target)
    layout.roles[layout.weight_field] = ColumnRole::weight;
  return layout;
}

}  // namespace fitkit::io::detail
