#include "core/output_target.hpp"

#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "fitkit/core/error.hpp"

namespace fitkit::detail {
namespace {

namespace fs = std::filesystem;

// Linux gives up after 40 links (ELOOP); so do we.
constexpr int kMaxLinks = 40;

std::string errno_text() {
  return std::strerror(errno);
}

std::string directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

// Where a message about the final file says which file that is, when links led there.
std::string via_links(const std::string& path, const std::string& final_path) {
  return final_path == path ? "" : " (the link leads to '" + final_path + "')";
}

// /proc/self/fd/1 (where /dev/stdout leads) is no ordinary link: it names an open file, and
// what it reads as may be no path at all ("pipe:[1234]").
bool is_in_proc(const std::string& path) {
  struct statfs info {};
  return statfs(directory_of(path).c_str(), &info) == 0 && info.f_type == PROC_SUPER_MAGIC;
}

std::string link_contents(const std::string& link, const std::string& path) {
  std::vector<char> buffer(256);
  for (;;) {
    const ssize_t n = readlink(link.c_str(), buffer.data(), buffer.size());
    if (n < 0) throw FileError(path, "cannot follow the link '" + link + "': " + errno_text());
    if (static_cast<std::size_t>(n) < buffer.size())
      return std::string(buffer.data(), static_cast<std::size_t>(n));
    buffer.resize(buffer.size() * 2);
  }
}

// A relative link is relative to the directory holding it.
std::string followed(const std::string& link, const std::string& contents) {
  if (!contents.empty() && contents.front() == '/') return contents;
  return (fs::path(link).parent_path() / contents).string();
}

OutputTarget new_file(const std::string& path, const std::string& final_path) {
  if (fs::path(final_path).filename().empty())
    throw FileError(path, "cannot write: not a file name" + via_links(path, final_path));
  const std::string directory = directory_of(final_path);
  std::error_code ec;
  if (!fs::is_directory(directory, ec))
    throw FileError(path, "cannot write: directory '" + directory + "' does not exist" +
                              via_links(path, final_path));
  OutputTarget target;
  target.kind = OutputTarget::Kind::file;
  target.path = final_path;
  return target;
}

OutputTarget existing(const std::string& path, const std::string& final_path,
                      const struct stat& info) {
  OutputTarget target;
  target.path = final_path;
  if (S_ISREG(info.st_mode)) {
    target.kind = OutputTarget::Kind::file;
    target.exists = true;
    target.mode = info.st_mode;
    target.owner = info.st_uid;
    target.group = info.st_gid;
    return target;
  }
  if (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode)) {
    target.kind = OutputTarget::Kind::stream;
    return target;
  }
  if (S_ISSOCK(info.st_mode)) {
    target.kind = OutputTarget::Kind::socket;
    return target;
  }
  const std::string where = via_links(path, final_path);
  if (S_ISDIR(info.st_mode)) throw FileError(path, "cannot write: it is a directory" + where);
  if (S_ISBLK(info.st_mode))
    throw FileError(path,
                    "cannot write: it is a block device, which fitkit does not write to" + where);
  throw FileError(path, "cannot write: not a kind of file fitkit writes to" + where);
}

OutputTarget open_file(const std::string& path, const std::string& link) {
  struct stat info {};
  if (stat(link.c_str(), &info) != 0) throw FileError(path, "cannot write: " + errno_text());
  if (S_ISDIR(info.st_mode))
    throw FileError(path, "cannot write: it is a directory" + via_links(path, link));
  OutputTarget target;
  target.kind = OutputTarget::Kind::open_file;
  target.path = link;
  target.regular = S_ISREG(info.st_mode);
  return target;
}

}  // namespace

OutputTarget resolve_output_target(const std::string& path) {
  if (path.empty()) throw FileError(path, "empty output path");
  if (path == "-") {
    OutputTarget target;
    target.kind = OutputTarget::Kind::standard_output;
    return target;
  }
  std::string current = path;
  for (int links = 0; links <= kMaxLinks; ++links) {
    struct stat info {};
    if (lstat(current.c_str(), &info) != 0) {
      if (errno != ENOENT) throw FileError(path, "cannot write: " + errno_text());
      return new_file(path, current);
    }
    if (!S_ISLNK(info.st_mode)) return existing(path, current, info);
    if (is_in_proc(current)) return open_file(path, current);
    current = followed(current, link_contents(current, path));
  }
  throw FileError(path, "cannot write: more than " + std::to_string(kMaxLinks) +
                            " symbolic links in a row (a loop?)");
}

}  // namespace fitkit::detail
