#include "fitkit/io/input_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fitkit/core/error.hpp"

namespace fitkit::io {
namespace {

class FileDescriptor {
 public:
  FileDescriptor(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FileDescriptor() {
    if (owned_ && fd_ >= 0) close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
  bool owned_;  // standard input is read, not closed
};

[[noreturn]] void fail(const std::string& name, const char* action) {
  throw FileError(name, std::string(action) + ": " + std::strerror(errno));
}

FileDescriptor open_input(const std::string& path, const std::string& name) {
  if (path == "-") return FileDescriptor(STDIN_FILENO, false);
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(name, "cannot open");
  return FileDescriptor(fd, true);
}

std::string describe_bytes(std::size_t bytes) {
  constexpr std::size_t mib = std::size_t{1} << 20;
  if (bytes % mib == 0) return std::to_string(bytes / mib) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// Counts lines as the bytes come, so that a line that passes the bound stops the reading.
class LineBound {
 public:
  LineBound(std::size_t max_line_bytes, const std::string& name)
      : max_line_bytes_(max_line_bytes), name_(&name) {}

  // `text` ends with the bytes just read, from `first_new` on.
  void check(const std::string& text, std::size_t first_new) {
    for (std::size_t at = text.find('\n', first_new); at != std::string::npos;
         at = text.find('\n', at + 1)) {
      ++line_number_;
      line_start_ = at + 1;
    }
    if (text.size() - line_start_ > max_line_bytes_)
      throw DataError(*name_, line_number_, 0,
                      "a line longer than " + describe_bytes(max_line_bytes_) +
                          ", the most fitkit reads from a pipe or device (is this a data file?)");
  }

 private:
  std::size_t max_line_bytes_;
  const std::string* name_;
  std::size_t line_number_ = 1;
  std::size_t line_start_ = 0;
};

std::string read_all(int fd, const std::string& name, std::size_t max_line_bytes,
                     std::size_t max_total_bytes) {
  std::string contents;
  LineBound bound(max_line_bytes, name);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n == 0) return contents;
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(name, "cannot read");
    }
    const std::size_t first_new = contents.size();
    contents.append(buffer, static_cast<std::size_t>(n));
    if (contents.size() > max_total_bytes)
      throw FileError(name, "more than " + describe_bytes(max_total_bytes) +
                                ", the most fitkit reads from a pipe or device here");
    bound.check(contents, first_new);
  }
}

// Standard input redirected from a file may have been partly read already (by the shell, or
// by a program before us): mapping it would read those bytes again.
bool at_start(int fd) {
  return lseek(fd, 0, SEEK_CUR) == 0;
}

}  // namespace

std::string input_name(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

InputFile::InputFile(const std::string& path, std::size_t max_line_bytes,
                     std::size_t max_total_bytes)
    : name_(input_name(path)) {
  const FileDescriptor fd = open_input(path, name_);
  struct stat info {};
  if (fstat(fd.get(), &info) != 0) fail(name_, "cannot open");
  if (S_ISDIR(info.st_mode)) throw FileError(name_, "cannot read: it is a directory");

  if (!S_ISREG(info.st_mode) || !at_start(fd.get())) {
    copy_ = read_all(fd.get(), name_, max_line_bytes, max_total_bytes);
    text_ = copy_;
    return;
  }
  if (info.st_size == 0) return;  // mmap refuses a zero length
  mapping_size_ = static_cast<std::size_t>(info.st_size);
  mapping_ = mmap(nullptr, mapping_size_, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (mapping_ == MAP_FAILED) {
    mapping_ = nullptr;
    fail(name_, "cannot map");
  }
  // The parser reads each chunk front to back: ask the kernel to read ahead (advice values
  // are not flags, hence two calls). Failure only costs speed.
  madvise(mapping_, mapping_size_, MADV_SEQUENTIAL);
  madvise(mapping_, mapping_size_, MADV_WILLNEED);
  text_ = std::string_view(static_cast<const char*>(mapping_), mapping_size_);
}

InputFile::~InputFile() {
  if (mapping_ != nullptr) munmap(mapping_, mapping_size_);
}

}  // namespace fitkit::io
