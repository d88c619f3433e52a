#pragma once
// Cutting the data rows of a file into pieces that threads parse independently. Pieces
// start at line starts; counting their lines first gives every row its index and line
// number, so rows go straight to their place in X and errors name exact lines.

#include <cstddef>
#include <string_view>
#include <vector>

namespace fitkit::io::detail {

struct Chunk {
  std::string_view text;      // whole lines, each ended by '\n' except the last of the data
  std::size_t first_row = 0;  // index of the chunk's first line among the data rows
  std::size_t n_rows = 0;
};

// `rows` ends without a line break; every line in it is one row. Lines are counted in
// parallel. Never returns an empty list for non-empty `rows`.
std::vector<Chunk> split_into_chunks(std::string_view rows, std::size_t max_chunks);

// The bytes of all chunks: the size of a pass over them.
inline std::size_t total_bytes(const std::vector<Chunk>& chunks) {
  std::size_t bytes = 0;
  for (const Chunk& chunk : chunks) bytes += chunk.text.size();
  return bytes;
}

// The line at `position` without its "\n" or "\r\n"; moves `position` past it.
inline std::string_view next_line(std::string_view text, std::size_t& position) {
  const std::size_t newline = text.find('\n', position);
  const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
  std::string_view line = text.substr(position, end - position);
  position = newline == std::string_view::npos ? text.size() : newline + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace fitkit::io::detail
