#pragma once
// Guessing how a CSV file is written from its first line: the delimiter.

#include <string_view>

#include "io/csv_fields.hpp"

namespace fitkit::io::detail {

// The delimiter from the first line, counting only characters outside quotes: a tab if there
// is one, else a comma, else a semicolon, else runs of spaces when blanks separate words,
// else the line is a single column (read as comma-separated, so a later comma is an error).
Dialect detect_dialect(std::string_view first_line);

// An explicit delimiter; a space means runs of spaces and tabs.
Dialect dialect_for(char delimiter);

}  // namespace fitkit::io::detail
