#pragma once
// A column that holds text becomes the sorted distinct strings and, in place of each cell,
// its index among them: a target's classes, or a feature's categories (CsvOptions::
// text_features). Only read when the number pass found text there, so numeric columns pay
// nothing for it.

#include <cstddef>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"
#include "io/csv_chunks.hpp"
#include "io/csv_fields.hpp"

namespace fitkit::io::detail {

// The rows have already been parsed without error. Overwrites `column` (one value per row)
// with the indices. A cell is kept as written, blanks included (as pandas keeps a label);
// with missing_allowed, a missing cell (empty, NA, NaN) is NaN instead of a category.
std::vector<std::string> encode_text_column(const std::vector<Chunk>& chunks,
                                            const Dialect& dialect, std::size_t field,
                                            bool missing_allowed, double* column);

}  // namespace fitkit::io::detail
