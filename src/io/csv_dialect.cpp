#include "io/csv_dialect.hpp"

#include "io/number_parse.hpp"

namespace fitkit::io::detail {
namespace {

bool is_text(const std::string& field) {
  double ignored = 0;
  return classify_cell(trim_spaces_and_tabs(field), ignored) == CellKind::text;
}

bool is_number(const std::string& field) {
  double ignored = 0;
  const CellKind kind = classify_cell(trim_spaces_and_tabs(field), ignored);
  return kind == CellKind::number || kind == CellKind::non_finite;
}

}  // namespace

Dialect detect_dialect(std::string_view first_line) {
  std::size_t tabs = 0, commas = 0, semicolons = 0, blank_gaps = 0;
  bool in_quotes = false;
  bool after_word = false;  // a blank run counts only between two words
  bool in_blank_run = false;
  for (const char c : first_line) {
    if (in_quotes) {
      in_quotes = c != '"';
      continue;
    }
    in_quotes = c == '"';
    tabs += c == '\t';
    commas += c == ',';
    semicolons += c == ';';
    if (c == ' ') {
      in_blank_run = after_word;
    } else {
      if (in_blank_run) ++blank_gaps;
      in_blank_run = false;
      after_word = true;
    }
  }
  if (tabs > 0) return dialect_for('\t');
  if (commas > 0) return dialect_for(',');
  if (semicolons > 0) return dialect_for(';');
  if (blank_gaps > 0) return dialect_for(' ');
  return dialect_for(',');
}

Dialect dialect_for(char delimiter) {
  Dialect dialect;
  dialect.delimiter = delimiter;
  dialect.whitespace_runs = delimiter == ' ';
  return dialect;
}

bool looks_like_header(const std::vector<std::string>& first_line_fields,
                       const std::vector<std::string>* second_line_fields) {
  bool any_text = false;
  for (const std::string& field : first_line_fields) any_text = any_text || is_text(field);
  if (!any_text) return false;
  if (second_line_fields == nullptr || second_line_fields->size() != first_line_fields.size())
    return true;
  bool second_has_number = false;
  for (std::size_t j = 0; j < first_line_fields.size(); ++j) {
    if (is_text(first_line_fields[j]) && !is_text((*second_line_fields)[j])) return true;
    second_has_number = second_has_number || is_number((*second_line_fields)[j]);
  }
  return !second_has_number;
}

}  // namespace fitkit::io::detail
