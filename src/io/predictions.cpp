#include "fitkit/io/predictions.hpp"

#include <cmath>
#include <iostream>
#include <ostream>
#include <string>

#include "fitkit/core/atomic_file.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"

namespace fitkit::io {
namespace {

// Quoted when a CSV reader would otherwise split, merge or trim it: a delimiter, a quote,
// a line break, blanks at either end, or nothing at all (an empty line reads as blank).
std::string csv_cell(const std::string& text) {
  const bool needs_quotes = text.empty() || text.find_first_of(",;\t\"\r\n") != std::string::npos ||
                            text.front() == ' ' || text.back() == ' ';
  if (!needs_quotes) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void append_class_name(std::string& out, double value, const std::vector<std::string>& names) {
  const double n = static_cast<double>(names.size());
  if (!(value >= 0 && value < n && value == std::floor(value))) {
    throw Error("prediction " + fitkit::detail::format_double(value) +
                " is not a class index (the model has " + std::to_string(names.size()) +
                " classes)");
  }
  out += csv_cell(names[static_cast<std::size_t>(value)]);
}

std::string format(const PredictionColumn& column) {
  std::string out = csv_cell(column.name) + "\n";
  out.reserve(out.size() + column.values.n_elem * 12);
  for (const double value : column.values) {
    if (column.class_names.empty()) {
      out += fitkit::detail::format_double(value);  // shortest text that reads back the same
    } else {
      append_class_name(out, value, column.class_names);
    }
    out += '\n';
  }
  return out;
}

std::string format(const ProbabilityTable& table) {
  if (table.class_names.size() != table.proba.n_cols)
    throw Error("probabilities have " + std::to_string(table.proba.n_cols) + " columns for " +
                std::to_string(table.class_names.size()) + " class names");
  std::string out;
  for (std::size_t k = 0; k < table.class_names.size(); ++k)
    out += (k ? "," : "") + csv_cell(table.class_names[k]);
  out += '\n';
  for (Index i = 0; i < table.proba.n_rows; ++i) {
    for (Index k = 0; k < table.proba.n_cols; ++k) {
      if (k) out += ',';
      out += fitkit::detail::format_double(table.proba(i, k));
    }
    out += '\n';
  }
  return out;
}

void write_text(const std::string& path, const std::string& text) {
  if (path != "-") {
    write_file_atomically(path, text);
    return;
  }
  std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
  std::cout.flush();
  if (!std::cout) throw FileError(path, "cannot write to standard output");
}

}  // namespace

void write_predictions(std::ostream& out, const PredictionColumn& column) {
  const std::string text = format(column);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) throw Error("cannot write predictions: the output stream failed");
}

void write_predictions(const std::string& path, const PredictionColumn& column) {
  write_text(path, format(column));
}

void write_probabilities(const std::string& path, const ProbabilityTable& table) {
  write_text(path, format(table));
}

}  // namespace fitkit::io
