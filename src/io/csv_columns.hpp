#pragma once
// What each field of a CSV row becomes: a column of X, the target, or nothing. Decided once
// from the header (or the field count) and the options, before any row is read.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fitkit/io/csv.hpp"

namespace fitkit::io::detail {

enum class ColumnRole : unsigned char { feature, target, weight, ignored };

struct ColumnLayout {
  static constexpr std::size_t no_target = static_cast<std::size_t>(-1);

  std::vector<ColumnRole> roles;           // one per field
  std::vector<std::size_t> output_of;      // per field: its column of X (features only)
  std::vector<std::string> field_names;    // per field, for messages
  std::vector<std::uint8_t> text_feature;  // per field: a feature read as categories' text
  bool text_features = false;              // CsvOptions::text_features
  std::vector<std::string> feature_names;
  std::string target_name;
  std::size_t target_field = no_target;
  std::size_t weight_field = no_target;  // the sample weights' column, when there is one
};

// `header` is null when the file has none: its fields are then named x0, x1, ... by position
// (default_names.hpp), and targets and features are found by those names. Throws DataError (naming
// `source`) for a target or feature that is not a column, duplicate header names, or no feature
// column left.
ColumnLayout resolve_columns(const std::vector<std::string>* header, std::size_t n_fields,
                             const CsvOptions& options, const std::string& source);

}  // namespace fitkit::io::detail
