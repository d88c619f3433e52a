#include "io/csv_row_parser.hpp"

#include <charconv>
#include <cmath>
#include <utility>

#include "io/number_parse.hpp"
#include "io/token_quote.hpp"

namespace fitkit::io::detail {
namespace {

// The common cell: blanks, a finite number, blanks, then the delimiter or the end of the
// line. On success moves `position` to the next field (or sets `last`).
inline bool read_plain_number(const Dialect& dialect, const char*& position, const char* end,
                              double& value, bool& last) {
  const char* p = position;
  while (p != end && dialect.is_blank(*p)) ++p;
  const auto [stop, error] = std::from_chars(p, end, value);
  if (error != std::errc() || !std::isfinite(value)) return false;
  p = stop;
  while (p != end && dialect.is_blank(*p)) ++p;
  if (p == end) {
    last = true;
    return true;
  }
  if (dialect.whitespace_runs) {
    if (p == stop) return false;
  } else if (*p == dialect.delimiter) {
    ++p;
  } else {
    return false;
  }
  position = p;
  return true;
}

std::string in_column(const std::string& name) {
  return " in column " + quote_token(name);
}

}  // namespace

RowParser::RowParser(const Dialect& dialect, const ColumnLayout& layout, bool allow_missing,
                     std::string missing_refused_because, bool numeric_target)
    : dialect_(dialect),
      layout_(&layout),
      allow_missing_(allow_missing),
      missing_refused_because_(std::move(missing_refused_because)),
      numeric_target_(numeric_target) {}

bool RowParser::parse(std::string_view line, double* values, std::uint8_t* has_text,
                      RowFailure& failure) const {
  if (line.empty() || (dialect_.is_blank(line.front()) && is_blank_line(line, dialect_))) {
    failure = {0, "blank line (only blank lines at the end of the file are allowed)"};
    return false;
  }
  const char* position = line.data();
  const char* const end = position + line.size();
  const std::size_t n_fields = this->n_fields();
  std::size_t field = 0;
  for (bool last = false; !last; ++field) {
    if (field == n_fields) {
      failure = wrong_field_count(line, field + 1);
      return false;
    }
    const bool as_number =
        layout_->roles[field] != ColumnRole::ignored && !layout_->text_feature[field];
    if (as_number && read_plain_number(dialect_, position, end, values[field], last)) continue;
    if (!parse_field(field, position, end, values[field], has_text, last, failure)) {
      // A ragged row explains a bad cell better than the cell itself does.
      const auto fields = count_fields(line, dialect_);
      if (fields && *fields != n_fields) failure = wrong_field_count(line, *fields);
      return false;
    }
  }
  if (field != n_fields) {
    failure = wrong_field_count(line, field);
    return false;
  }
  return true;
}

bool RowParser::parse_field(std::size_t field, const char*& position, const char* end,
                            double& value, std::uint8_t* has_text, bool& last,
                            RowFailure& failure) const {
  FieldCursor cursor(position, end, dialect_);
  RawField raw;
  if (const FieldProblem problem = cursor.next(raw); problem != FieldProblem::none) {
    failure = {field + 1, describe(problem)};
    return false;
  }
  last = cursor.done();
  position = cursor.position();

  const ColumnRole role = layout_->roles[field];
  if (role == ColumnRole::ignored) return true;
  const std::string& name = layout_->field_names[field];
  const std::string_view token = number_text(raw);
  const CellKind kind = classify_cell(token, value);
  if (layout_->text_feature[field] && kind != CellKind::missing) {
    value = std::nan("");
    has_text[field] = 1;
    return true;
  }
  switch (kind) {
    case CellKind::number:
      return true;
    case CellKind::text:
      if ((role == ColumnRole::target && !numeric_target_) ||
          (role == ColumnRole::feature && layout_->text_features)) {
        value = std::nan("");
        has_text[field] = 1;
        return true;
      }
      failure = {field + 1, std::string("expected a number in ") +
                                (role == ColumnRole::target   ? "target "
                                 : role == ColumnRole::weight ? "sample weight "
                                                              : "") +
                                "column " + quote_token(name) + ", found " +
                                quote_token(raw.quoted ? unescape(raw) : std::string(token))};
      return false;
    case CellKind::missing:
      if (role == ColumnRole::target || role == ColumnRole::weight) {
        failure = {field + 1, std::string(role == ColumnRole::target ? "missing target value"
                                                                     : "missing sample weight") +
                                  in_column(name)};
        return false;
      }
      if (allow_missing_) {
        value = std::nan("");
        return true;
      }
      failure = {field + 1,
                 std::string("missing value") + in_column(name) + " (found " +
                     (token.empty() ? std::string("an empty cell") : quote_token(token)) + "); " +
                     missing_refused_because_};
      return false;
    case CellKind::non_finite:
      failure = {field + 1, std::string(role == ColumnRole::target ? "non-finite target value "
                                                                   : "non-finite value ") +
                                quote_token(token) + in_column(name)};
      return false;
  }
  return false;
}

RowFailure RowParser::wrong_field_count(std::string_view line, std::size_t fields_read) const {
  const std::string expected =
      std::string("expected ") + std::to_string(n_fields()) + " fields, found ";
  if (fields_read <= n_fields()) return {0, expected + std::to_string(fields_read)};
  const auto fields = count_fields(line, dialect_);
  return {0, expected + (fields ? std::to_string(*fields) : "more")};
}

}  // namespace fitkit::io::detail
