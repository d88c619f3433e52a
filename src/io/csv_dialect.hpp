#pragma once
// Guessing how a CSV file is written from its first lines: the delimiter and whether the
// first line is a header.

#include <string>
#include <string_view>
#include <vector>

#include "io/csv_fields.hpp"

namespace fitkit::io::detail {

// The delimiter from the first line, counting only characters outside quotes: a tab if there
// is one, else a comma, else a semicolon, else runs of spaces when blanks separate words,
// else the line is a single column (read as comma-separated, so a later comma is an error).
Dialect detect_dialect(std::string_view first_line);

// An explicit delimiter; a space means runs of spaces and tabs.
Dialect dialect_for(char delimiter);

// The first line is a header when one of its fields is text (not a number, not a missing
// marker) and the second line does not hold text in that same column, or holds no number
// at all. So a headerless file whose class column is text (iris without its header) is data,
// while "name,city" above "alice,paris" is a header. Without a second line, any text field
// makes a header.
bool looks_like_header(const std::vector<std::string>& first_line_fields,
                       const std::vector<std::string>* second_line_fields);

}  // namespace fitkit::io::detail
