#pragma once
// Writes a whole file or nothing: the bytes go to a temporary file in the same directory,
// which is renamed over `path` only once complete. Throws FileError naming the path.

#include <string>
#include <string_view>

namespace fitkit {

void write_file_atomically(const std::string& path, std::string_view contents);

// Throws FileError unless `path` can be written as a file: its directory exists and the path
// is not itself a directory. For checks before long work (fit) that ends in a write.
void check_output_path(const std::string& path);

}  // namespace fitkit
