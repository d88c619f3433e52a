#include "io/csv_chunks.hpp"

#include <algorithm>
#include <cstring>

#include "core/parallel.hpp"

namespace fitkit::io::detail {
namespace {

std::size_t count_newlines(std::string_view text) {
  std::size_t count = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (found == nullptr) break;
    ++count;
    p = static_cast<const char*>(found) + 1;
  }
  return count;
}

}  // namespace

std::vector<Chunk> split_into_chunks(std::string_view rows, std::size_t max_chunks) {
  if (rows.empty()) return {};
  // Below this, splitting costs more than one thread takes to parse.
  constexpr std::size_t min_chunk_bytes = 1 << 18;
  const std::size_t wanted = std::clamp<std::size_t>(rows.size() / min_chunk_bytes, 1,
                                                     std::max<std::size_t>(max_chunks, 1));

  std::vector<Chunk> chunks;
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= wanted && begin < rows.size(); ++i) {
    std::size_t end = rows.size();
    if (i < wanted) {
      const std::size_t newline = rows.find('\n', std::max(begin, rows.size() / wanted * i));
      end = newline == std::string_view::npos ? rows.size() : newline + 1;
    }
    chunks.push_back(Chunk{rows.substr(begin, end - begin), 0, 0});
    begin = end;
  }

  const auto n_chunks = static_cast<long>(chunks.size());
  // memchr finds line breaks at several bytes a nanosecond: threads pay on large files only.
  constexpr double kScanByteNanoseconds = 0.1;
  const int threads = fitkit::detail::threads_for(kScanByteNanoseconds * rows.size(), n_chunks);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (long i = 0; i < n_chunks; ++i) chunks[i].n_rows = count_newlines(chunks[i].text);
  // `rows` ends without a line break, so its last line has none to count.
  chunks.back().n_rows += 1;

  std::size_t first_row = 0;
  for (Chunk& chunk : chunks) {
    chunk.first_row = first_row;
    first_row += chunk.n_rows;
  }
  return chunks;
}

}  // namespace fitkit::io::detail
