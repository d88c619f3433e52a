#include "fitkit/core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "fitkit/core/error.hpp"

namespace fitkit {
namespace {

namespace fs = std::filesystem;

std::string errno_text() {
  return std::strerror(errno);
}

fs::path directory_of(const fs::path& target) {
  return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

}  // namespace

void check_output_path(const std::string& path) {
  if (path.empty()) throw FileError(path, "empty output path");
  const fs::path target(path);
  const fs::path dir = directory_of(target);
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw FileError(path, "cannot write: directory '" + dir.string() + "' does not exist");
  if (fs::is_directory(target, ec)) throw FileError(path, "cannot write: it is a directory");
}

void write_file_atomically(const std::string& path, std::string_view contents) {
  check_output_path(path);
  const fs::path target(path);
  const fs::path dir = directory_of(target);

  std::string pattern = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) throw FileError(path, "cannot write: " + errno_text());
  const std::string tmp(name.data());

  auto fail = [&](const std::string& what) {
    const std::string reason = what + ": " + errno_text();
    close(fd);
    std::remove(tmp.c_str());
    throw FileError(path, reason);
  };
  const char* data = contents.data();
  std::size_t left = contents.size();
  while (left > 0) {
    const ssize_t n = write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600; give the file the permissions an ordinary open would.
  const mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  if (fsync(fd) != 0) fail("cannot write");
  if (close(fd) != 0) {
    std::remove(tmp.c_str());
    throw FileError(path, "cannot write: " + errno_text());
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string reason = errno_text();
    std::remove(tmp.c_str());
    throw FileError(path, "cannot write: " + reason);
  }
}

}  // namespace fitkit
