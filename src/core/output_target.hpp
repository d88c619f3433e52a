#pragma once
// What an output path names, once its symbolic links are followed: the rules of
// fitkit/core/output_file.hpp, decided without opening or creating anything.

#include <sys/types.h>

#include <string>

namespace fitkit::detail {

struct OutputTarget {
  enum class Kind {
    standard_output,  // "-"
    file,             // a regular file, or a new one: replaced through a temporary file
    stream,           // a character device or FIFO: opened and written as is
    open_file,        // a link in /proc (/dev/stdout): an open file, written as is
    socket,           // a Unix socket: connected to and written
  };
  Kind kind = Kind::file;
  // file: the file to replace or create; the others: what to open or connect to.
  std::string path;
  // file: whether it exists now, and its mode and owner if so.
  bool exists = false;
  mode_t mode = 0;
  uid_t owner = 0;
  gid_t group = 0;
  // open_file: whether it is a regular file (which is then appended to).
  bool regular = false;
};

// Throws FileError naming `path`: a directory or block device, a link loop, a new file in a
// missing directory, or a path that cannot be examined.
OutputTarget resolve_output_target(const std::string& path);

}  // namespace fitkit::detail
