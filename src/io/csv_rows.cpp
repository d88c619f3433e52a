#include "io/csv_rows.hpp"

#include <exception>
#include <utility>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "io/csv_row_parser.hpp"

namespace fitkit::io::detail {
namespace {

struct ChunkOutcome {
  bool failed = false;
  std::size_t line = 0;
  RowFailure failure;
  std::exception_ptr exception;  // anything else thrown in the parallel region
  std::vector<std::uint8_t> has_text;
};

// Where each parsed field goes: (field, column of X or y).
std::vector<std::pair<std::size_t, double*>> destinations(const ColumnLayout& layout, Matrix* X,
                                                          Vector* y, Vector* weights) {
  std::vector<std::pair<std::size_t, double*>> result;
  if (X == nullptr) return result;
  for (std::size_t j = 0; j < layout.roles.size(); ++j) {
    if (layout.roles[j] == ColumnRole::feature)
      result.emplace_back(j, X->colptr(layout.output_of[j]));
    if (layout.roles[j] == ColumnRole::target) result.emplace_back(j, y->memptr());
    if (layout.roles[j] == ColumnRole::weight) result.emplace_back(j, weights->memptr());
  }
  return result;
}

void parse_chunk(const Chunk& chunk, const RowParser& parser, const RowsSettings& settings,
                 const std::vector<std::pair<std::size_t, double*>>& columns,
                 ChunkOutcome& outcome) {
  std::vector<double> values(parser.n_fields());
  outcome.has_text.assign(parser.n_fields(), 0);
  std::size_t position = 0;
  for (std::size_t r = 0; r < chunk.n_rows; ++r) {
    const std::size_t row = chunk.first_row + r;
    const std::string_view line = next_line(chunk.text, position);
    if (!parser.parse(line, values.data(), outcome.has_text.data(), outcome.failure)) {
      outcome.failed = true;
      outcome.line = settings.first_line + row;
      return;
    }
    for (const auto& [field, column] : columns) column[row] = values[field];
  }
}

}  // namespace

RowsOutcome parse_rows(const std::vector<Chunk>& chunks, const RowsSettings& settings, Matrix* X,
                       Vector* y, Vector* weights) {
  const RowParser parser(settings.dialect, *settings.layout, settings.allow_missing,
                         settings.missing_refused_because, settings.numeric_target);
  const auto columns = destinations(*settings.layout, X, y, weights);
  std::vector<ChunkOutcome> outcomes(chunks.size());

  const auto n_chunks = static_cast<long>(chunks.size());
  // Parsing takes a few nanoseconds a byte.
  constexpr double kParseByteNanoseconds = 2;
  const int threads =
      fitkit::detail::threads_for(kParseByteNanoseconds * total_bytes(chunks), chunks.size());
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long i = 0; i < n_chunks; ++i) {
    try {
      parse_chunk(chunks[i], parser, settings, columns, outcomes[i]);
    } catch (...) {
      outcomes[i].exception = std::current_exception();
    }
  }

  RowsOutcome result;
  result.has_text.assign(parser.n_fields(), 0);
  for (const ChunkOutcome& outcome : outcomes) {
    if (outcome.exception) std::rethrow_exception(outcome.exception);
    if (outcome.failed)
      throw DataError(settings.source, outcome.line, outcome.failure.column,
                      outcome.failure.message);
    for (std::size_t field = 0; field < outcome.has_text.size(); ++field)
      result.has_text[field] |= outcome.has_text[field];
  }
  return result;
}

}  // namespace fitkit::io::detail
