#include "io/csv_classes.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <exception>
#include <string_view>
#include <unordered_map>

#include "core/parallel.hpp"
#include "io/number_parse.hpp"

namespace fitkit::io::detail {
namespace {

// The cell of the column in every row of a chunk. Views point into the file text, or into
// `unescaped` for the rare cell with doubled quotes; a missing cell is a null view.
struct ChunkCells {
  std::vector<std::string_view> cells;
  std::deque<std::string> unescaped;
};

void collect_cells(const Chunk& chunk, const Dialect& dialect, std::size_t column,
                   bool missing_allowed, ChunkCells& cells) {
  cells.cells.reserve(chunk.n_rows);
  std::size_t position = 0;
  for (std::size_t r = 0; r < chunk.n_rows; ++r) {
    const std::string_view line = next_line(chunk.text, position);
    FieldCursor cursor(line.data(), line.data() + line.size(), dialect);
    RawField field;
    for (std::size_t j = 0; j <= column; ++j) cursor.next(field);
    double ignored = 0;
    if (missing_allowed && classify_cell(number_text(field), ignored) == CellKind::missing) {
      cells.cells.emplace_back();
    } else if (field.has_escaped_quotes) {
      cells.cells.push_back(cells.unescaped.emplace_back(unescape(field)));
    } else {
      cells.cells.push_back(field.with_blanks);  // kept as written
    }
  }
}

}  // namespace

std::vector<std::string> encode_text_column(const std::vector<Chunk>& chunks,
                                            const Dialect& dialect, std::size_t field,
                                            bool missing_allowed, double* column) {
  std::vector<ChunkCells> targets(chunks.size());
  std::vector<std::exception_ptr> failures(chunks.size());
  const auto n_chunks = static_cast<long>(chunks.size());
  // Splitting rows into fields takes about a nanosecond a byte.
  constexpr double kSplitByteNanoseconds = 1;
  const int threads =
      fitkit::detail::threads_for(kSplitByteNanoseconds * total_bytes(chunks), chunks.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long i = 0; i < n_chunks; ++i) {
    try {
      collect_cells(chunks[i], dialect, field, missing_allowed, targets[i]);
    } catch (...) {
      failures[i] = std::current_exception();  // exceptions must not leave an OpenMP region
    }
  }
  for (const std::exception_ptr& failure : failures)
    if (failure) std::rethrow_exception(failure);

  std::unordered_map<std::string_view, std::size_t> class_of;
  for (const ChunkCells& chunk : targets)
    for (const std::string_view cell : chunk.cells)
      if (cell.data() != nullptr) class_of.emplace(cell, 0);
  std::vector<std::string> class_names;
  class_names.reserve(class_of.size());
  for (const auto& [name, ignored] : class_of) class_names.emplace_back(name);
  std::sort(class_names.begin(), class_names.end());
  for (std::size_t c = 0; c < class_names.size(); ++c) class_of[class_names[c]] = c;

  std::size_t row = 0;
  for (const ChunkCells& chunk : targets)
    for (const std::string_view cell : chunk.cells)
      column[row++] = cell.data() == nullptr ? std::nan("") : static_cast<double>(class_of[cell]);
  return class_names;
}

}  // namespace fitkit::io::detail
