#include "io/csv_dialect.hpp"

namespace fitkit::io::detail {

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

}  // namespace fitkit::io::detail
