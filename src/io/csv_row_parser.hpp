#pragma once
// Reading one CSV row into numbers. The fast path takes a plain number straight from the
// text with std::from_chars and checks that a delimiter follows; anything else (quotes,
// '+', missing markers, text) goes through FieldCursor, which decides what the cell is.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/csv_columns.hpp"
#include "io/csv_fields.hpp"

namespace fitkit::io::detail {

struct RowFailure {
  std::size_t column = 0;  // 1-based field; 0 when the whole row is at fault
  std::string message;
};

class RowParser {
 public:
  // Without allow_missing, a missing value's error ends with `missing_refused_because`.
  RowParser(const Dialect& dialect, const ColumnLayout& layout, bool allow_missing,
            std::string missing_refused_because, bool numeric_target);

  // Writes one value per feature or target field into `values` (indexed by field). A target
  // cell that is text (or a feature cell, with text features) leaves NaN there and sets
  // `has_text[field]`; the caller reads the text later (with `numeric_target`, text in the
  // target is a failure instead). Returns false with `failure` set when the row is malformed.
  bool parse(std::string_view line, double* values, std::uint8_t* has_text,
             RowFailure& failure) const;

  std::size_t n_fields() const { return layout_->roles.size(); }

 private:
  bool parse_field(std::size_t field, const char*& position, const char* end, double& value,
                   std::uint8_t* has_text, bool& last, RowFailure& failure) const;
  RowFailure wrong_field_count(std::string_view line, std::size_t fields_read) const;

  Dialect dialect_;
  const ColumnLayout* layout_;
  bool allow_missing_;
  std::string missing_refused_because_;
  bool numeric_target_;
};

}  // namespace fitkit::io::detail
