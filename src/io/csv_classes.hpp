#pragma once
// A target column that holds text becomes classes: the sorted distinct strings, and y as
// indices into them. Only read when the number pass found text there, so numeric targets
// pay nothing for it.

#include <cstddef>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"
#include "io/csv_chunks.hpp"
#include "io/csv_fields.hpp"

namespace fitkit::io::detail {

// The rows have already been parsed without error. Overwrites y with class indices.
std::vector<std::string> encode_text_target(const std::vector<Chunk>& chunks,
                                            const Dialect& dialect, std::size_t target_field,
                                            Vector& y);

}  // namespace fitkit::io::detail
