#pragma once
// Writes a whole file or nothing: the bytes go to a temporary file in the same directory,
// which is renamed over `path` only once complete. Throws FileError naming the path.

#include <string>
#include <string_view>

namespace fitkit {

void write_file_atomically(const std::string& path, std::string_view contents);

}  // namespace fitkit
