#include "fitkit/io/libsvm.hpp"

#include <charconv>
#include <limits>
#include <string_view>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/io/input_file.hpp"
#include "io/csv_chunks.hpp"
#include "io/default_names.hpp"
#include "io/number_parse.hpp"
#include "io/token_quote.hpp"

namespace fitkit::io {
namespace {

using namespace detail;

struct Entry {
  std::size_t row;
  std::size_t index;  // as written in the file
  double value;
};

struct Location {
  std::size_t line = 0;  // 0: nowhere
  std::size_t column = 0;
};

// The rows as read, before X is allocated: its size, and the base of the indices when it is
// detected, are known only at the end.
struct SparseRows {
  std::vector<double> labels;
  std::vector<Entry> entries;
  std::size_t index_end = 0;  // one past the largest index
  bool has_index_zero = false;
  // The first index equal to n_features: beyond it only if the indices turn out 0-based.
  Location index_at_n_features;
};

class LineReader {
 public:
  LineReader(std::string_view line, std::size_t line_number, const std::string& source)
      : line_(line), line_number_(line_number), source_(&source) {}

  // The next blank-separated token and its 1-based column; empty at the end of the line.
  std::string_view next_token(std::size_t& column) {
    while (position_ < line_.size() && is_space_or_tab(line_[position_])) ++position_;
    const std::size_t start = position_;
    while (position_ < line_.size() && !is_space_or_tab(line_[position_])) ++position_;
    column = start + 1;
    return line_.substr(start, position_ - start);
  }

  std::size_t line_number() const { return line_number_; }

  [[noreturn]] void fail(std::size_t column, const std::string& what) const {
    throw DataError(*source_, line_number_, column, what);
  }

 private:
  std::string_view line_;
  std::size_t position_ = 0;
  std::size_t line_number_;
  const std::string* source_;
};

double read_value(LineReader& reader, std::string_view token, std::size_t column,
                  const char* what) {
  double value = 0;
  switch (classify_cell(token, value)) {
    case CellKind::number:
      return value;
    case CellKind::missing:
      if (token.empty()) reader.fail(column, std::string("missing ") + what);
      [[fallthrough]];
    case CellKind::non_finite:
      reader.fail(column, std::string("non-finite ") + what + " " + quote_token(token));
    case CellKind::text:
      break;
  }
  reader.fail(column,
              std::string("expected a number for the ") + what + ", found " + quote_token(token));
}

std::string beyond_n_features(unsigned long long index, Index n_features) {
  return "feature index " + std::to_string(index) +
         " is beyond n_features = " + std::to_string(n_features);
}

// The index as written; those that are out of range whatever the base are refused here.
std::size_t read_index(LineReader& reader, std::string_view token, std::size_t column,
                       const LibsvmOptions& options, SparseRows& rows) {
  unsigned long long index = 0;
  const char* end = token.data() + token.size();
  const auto [stop, error] = std::from_chars(token.data(), end, index);
  // The largest value is refused too: one past it, the width, would wrap to 0.
  if (error == std::errc::result_out_of_range || index == std::numeric_limits<std::size_t>::max())
    reader.fail(column, "feature index " + quote_token(token) + " is too large");
  if (error != std::errc() || stop != end)
    reader.fail(column, "expected index:value, found " + quote_token(token));
  if (index == 0 && options.zero_based == false)
    reader.fail(column,
                "feature index 0 in a file read as 1-based (--zero-based, or zero_based, reads "
                "0-based indices)");
  rows.has_index_zero = rows.has_index_zero || index == 0;
  const unsigned long long n_features = options.n_features;
  if (n_features > 0) {
    if (index > n_features || (index == n_features && options.zero_based == true))
      reader.fail(column, beyond_n_features(index, options.n_features));
    if (index == n_features && !options.zero_based.has_value() &&
        rows.index_at_n_features.line == 0)
      rows.index_at_n_features = {reader.line_number(), column};
  }
  return static_cast<std::size_t>(index);
}

// Only what the user asked for, or a matrix the file's own size makes plausible: a few
// bytes such as "1 99999999:1" must not allocate gigabytes.
void check_dense_size(const SparseRows& rows, std::size_t width, std::size_t file_bytes,
                      const std::string& source) {
  constexpr double allowed_base = 1 << 20;
  constexpr double allowed_per_byte = 64;
  const double cells = static_cast<double>(rows.labels.size()) * static_cast<double>(width);
  if (cells > allowed_base + allowed_per_byte * static_cast<double>(file_bytes))
    throw DataError(source, 0, 0,
                    "the data would be a dense " + std::to_string(rows.labels.size()) + " x " +
                        std::to_string(width) + " matrix, far more than a file of " +
                        std::to_string(file_bytes) +
                        " bytes suggests; give --n-features (n_features in C++) to read it anyway");
}

void read_row(std::string_view line, std::size_t line_number, const LibsvmOptions& options,
              const std::string& source, SparseRows& rows) {
  LineReader reader(line, line_number, source);
  const std::size_t row = rows.labels.size();
  std::size_t column = 0;
  const std::string_view label = reader.next_token(column);
  rows.labels.push_back(read_value(reader, label, column, "label"));

  bool any_feature = false;
  std::size_t previous = 0;
  for (std::string_view token = reader.next_token(column); !token.empty();
       token = reader.next_token(column)) {
    if (token.starts_with("qid:")) continue;  // query ids group rows for ranking; unused
    const std::size_t colon = token.find(':');
    if (colon == std::string_view::npos)
      reader.fail(column, "expected index:value, found " + quote_token(token));
    const std::size_t feature = read_index(reader, token.substr(0, colon), column, options, rows);
    if (any_feature && feature <= previous)
      reader.fail(column, "feature indices must increase along a line: " +
                              quote_token(token.substr(0, colon)) +
                              " comes after a larger or "
                              "equal index");
    const double value =
        read_value(reader, token.substr(colon + 1), column + colon + 1, "feature value");
    rows.entries.push_back(Entry{row, feature, value});
    rows.index_end = std::max(rows.index_end, feature + 1);
    any_feature = true;
    previous = feature;
  }
}

}  // namespace

Dataset read_libsvm_text(std::string_view text, const LibsvmOptions& options,
                         const std::string& source) {
  SparseRows rows;
  bool any_text = false;
  std::size_t position = 0;
  for (std::size_t line_number = 1; position < text.size(); ++line_number) {
    std::string_view line = next_line(text, position);
    any_text = any_text || line.find_first_not_of(" \t\r") != std::string_view::npos;
    line = line.substr(0, line.find('#'));
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    read_row(line, line_number, options, source, rows);
  }
  if (!any_text) throw DataError(source, 0, 0, "empty file");
  if (rows.labels.empty()) throw DataError(source, 0, 0, "no data rows (only comments)");

  const std::size_t first_index = options.zero_based.value_or(rows.has_index_zero) ? 0 : 1;
  const Location& beyond = rows.index_at_n_features;
  if (first_index == 0 && beyond.line != 0)
    throw DataError(source, beyond.line, beyond.column,
                    beyond_n_features(options.n_features, options.n_features) +
                        " (indices start at 0: the file has an index 0)");
  std::size_t width = options.n_features;
  if (width == 0) {
    if (rows.index_end == 0)
      throw DataError(
          source, 0, 0,
          "no feature values in any row; give --n-features (n_features in C++) to read it");
    width = rows.index_end - first_index;
    check_dense_size(rows, width, text.size(), source);
  }

  Dataset data;
  data.X.zeros(rows.labels.size(), width);
  for (const Entry& entry : rows.entries)
    data.X(entry.row, entry.index - first_index) = entry.value;
  data.y = Vector(rows.labels);
  data.feature_names.reserve(width);
  for (std::size_t k = 0; k < width; ++k) data.feature_names.push_back(default_feature_name(k));
  data.target_name = default_target_name();
  data.source = source;
  data.libsvm_zero_based = first_index == 0;
  return data;
}

Dataset read_libsvm(const std::string& path, const LibsvmOptions& options) {
  const InputFile file(path);
  return read_libsvm_text(file.text(), options, file.name());
}

}  // namespace fitkit::io
