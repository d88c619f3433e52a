#pragma once
// Parsing all data rows, chunk by chunk on all threads, straight into the column-major X
// and y. A chunk stops at its first bad row; the error reported is the first in file order.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"
#include "io/csv_chunks.hpp"
#include "io/csv_columns.hpp"
#include "io/csv_fields.hpp"

namespace fitkit::io::detail {

struct RowsSettings {
  Dialect dialect;
  const ColumnLayout* layout = nullptr;
  bool allow_missing = false;
  std::string missing_refused_because;  // ends the error for a refused missing value
  bool numeric_target = false;          // text in the target column is an error, not classes
  std::size_t first_line = 1;           // line number of the first data row
  std::string source;
};

struct RowsOutcome {
  // Per field: some cell was text (the target's: y must become class indices; a feature's:
  // its column must become categories).
  std::vector<std::uint8_t> has_text;
};

// X must be rows x features, y rows long (or empty without a target) and so must weights be
// (or empty without a weight column). With X null, the rows are only checked (to find the
// error in a file too small to hold its claimed shape). Throws DataError.
RowsOutcome parse_rows(const std::vector<Chunk>& chunks, const RowsSettings& settings, Matrix* X,
                       Vector* y, Vector* weights);

}  // namespace fitkit::io::detail
