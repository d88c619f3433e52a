#include "io/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fitkit/core/error.hpp"

namespace fitkit::io::detail {
namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void fail(const std::string& path, const char* action) {
  throw FileError(path, std::string(action) + ": " + std::strerror(errno));
}

std::string read_all(int fd, const std::string& path) {
  std::string contents;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n == 0) return contents;
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, "cannot read");
    }
    contents.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  const FileDescriptor fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail(path, "cannot open");
  struct stat info {};
  if (fstat(fd.get(), &info) != 0) fail(path, "cannot open");
  if (S_ISDIR(info.st_mode)) throw FileError(path, "cannot read: it is a directory");

  if (!S_ISREG(info.st_mode)) {
    copy_ = read_all(fd.get(), path);
    text_ = copy_;
    return;
  }
  if (info.st_size == 0) return;  // mmap refuses a zero length
  mapping_size_ = static_cast<std::size_t>(info.st_size);
  mapping_ = mmap(nullptr, mapping_size_, PROT_READ, MAP_PRIVATE, fd.get(), 0);
  if (mapping_ == MAP_FAILED) {
    mapping_ = nullptr;
    fail(path, "cannot map");
  }
  // The parser reads each chunk front to back: ask the kernel to read ahead (advice values
  // are not flags, hence two calls). Failure only costs speed.
  madvise(mapping_, mapping_size_, MADV_SEQUENTIAL);
  madvise(mapping_, mapping_size_, MADV_WILLNEED);
  text_ = std::string_view(static_cast<const char*>(mapping_), mapping_size_);
}

MappedFile::~MappedFile() {
  if (mapping_ != nullptr) munmap(mapping_, mapping_size_);
}

}  // namespace fitkit::io::detail
