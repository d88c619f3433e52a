#include "fitkit/io/predictions.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <ostream>
#include <string>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
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

// Rows are formatted in blocks on all threads: a transform's output can be many times the
// size of its input, and formatting the numbers is the whole cost.
std::string format(const FeatureTable& table) {
  const Matrix& values = table.values;
  const bool passed = !table.passed_through.values.is_empty();
  if (table.column_names.size() != values.n_cols)
    throw Error("features have " + std::to_string(values.n_cols) + " columns for " +
                std::to_string(table.column_names.size()) + " names");
  if (passed && table.passed_through.values.n_elem != values.n_rows)
    throw Error("the passed-through column has " +
                std::to_string(table.passed_through.values.n_elem) + " values for " +
                std::to_string(values.n_rows) + " rows");
  std::string header;
  for (std::size_t k = 0; k < table.column_names.size(); ++k)
    header += (k ? "," : "") + csv_cell(table.column_names[k]);
  if (passed) header += (header.empty() ? "" : ",") + csv_cell(table.passed_through.name);
  header += '\n';

  constexpr Index rows_per_block = 256;
  const Index n_blocks = (values.n_rows + rows_per_block - 1) / rows_per_block;
  std::vector<std::string> blocks(n_blocks);
  const auto format_block = [&](Index b) {
    std::string& out = blocks[b];
    const Index first = b * rows_per_block;
    const Index last = std::min(values.n_rows, first + rows_per_block);
    for (Index i = first; i < last; ++i) {
      for (Index k = 0; k < values.n_cols; ++k) {
        if (k) out += ',';
        out += fitkit::detail::format_double(values(i, k));
      }
      if (passed) {
        if (values.n_cols) out += ',';
        const double y = table.passed_through.values(i);
        if (table.passed_through.class_names.empty())
          out += fitkit::detail::format_double(y);
        else
          append_class_name(out, y, table.passed_through.class_names);
      }
      out += '\n';
    }
  };
  // An exception must not leave a parallel region: the first one is carried out of it.
  std::exception_ptr failure;
  const auto n = static_cast<std::ptrdiff_t>(n_blocks);
  const int threads =
      fitkit::detail::threads_for(fitkit::detail::kFormatNanoseconds * values.n_elem, n_blocks);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (std::ptrdiff_t b = 0; b < n; ++b) {
    try {
      format_block(static_cast<Index>(b));
    } catch (...) {
#pragma omp critical(fitkit_write_features)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
  std::size_t size = header.size();
  for (const std::string& block : blocks) size += block.size();
  std::string out;
  out.reserve(size);
  out += header;
  for (std::string& block : blocks) {
    out += block;
    std::string().swap(block);
  }
  return out;
}

}  // namespace

void write_predictions(std::ostream& out, const PredictionColumn& column) {
  const std::string text = format(column);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  if (!out) throw Error("cannot write predictions: the output stream failed");
}

void write_predictions(const std::string& path, const PredictionColumn& column) {
  write_output_file(path, format(column));
}

void write_probabilities(const std::string& path, const ProbabilityTable& table) {
  write_output_file(path, format(table));
}

void write_features(const std::string& path, const FeatureTable& table) {
  write_output_file(path, format(table));
}

}  // namespace fitkit::io
