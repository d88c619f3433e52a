#include "fitkit/core/output_file.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <utility>

#include "core/output_target.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit {
namespace {

using detail::OutputTarget;

// strerror of the errno a failed call left, read before any cleanup can change it.
std::string errno_text() {
  return errno != 0 ? std::strerror(errno) : "the output stream failed";
}

// O_NOCTTY: a terminal opened here must not become the process's controlling terminal.
// No O_TRUNC or O_CREAT: a device or FIFO is used as it is.
int open_stream(const OutputTarget& target, const std::string& path) {
  int flags = O_WRONLY | O_CLOEXEC | O_NOCTTY;
  if (target.kind == OutputTarget::Kind::open_file && target.regular) flags |= O_APPEND;
  for (;;) {
    const int fd = open(target.path.c_str(), flags);
    if (fd >= 0) return fd;
    if (errno != EINTR) throw FileError(path, "cannot open: " + errno_text());
  }
}

// The node could have been swapped between looking and opening; a regular file opened
// without O_TRUNC would be overwritten in place, so it is refused.
void check_still_stream(int fd, const std::string& path) {
  struct stat info {};
  if (fstat(fd, &info) == 0 && (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode))) return;
  close(fd);
  throw FileError(path, "cannot write: it changed while being opened");
}

int connect_socket(const OutputTarget& target, const std::string& path) {
  // connect() follows links itself, so the shorter of the two names will do.
  const std::string& name = path.size() < target.path.size() ? path : target.path;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (name.size() >= sizeof address.sun_path)
    throw FileError(path, "cannot connect to the socket: its path is longer than " +
                              std::to_string(sizeof address.sun_path - 1) + " bytes");
  std::memcpy(address.sun_path, name.data(), name.size());
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw FileError(path, "cannot connect to the socket: " + errno_text());
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const std::string reason = errno_text();
    close(fd);
    throw FileError(path, "cannot connect to the socket: " + reason);
  }
  return fd;
}

mode_t current_umask() {
  // There is no call that only reads the umask; it is set back at once.
  const mode_t mask = umask(0);
  umask(mask);
  return mask;
}

// mkstemp creates 0600: a replaced file keeps its owner (when we may set it) and permission
// bits, a new one gets what an ordinary open would give it. Failures only cost permissions.
void give_permissions(int fd, const OutputTarget& target) {
  if (!target.exists) {
    (void)fchmod(fd, 0666 & ~current_umask());
    return;
  }
  if (target.owner != geteuid() || target.group != getegid())
    (void)fchown(fd, target.owner, target.group);
  (void)fchmod(fd, target.mode & 0777);
}

// The new name is on disk once its directory is; the file is in place either way, so a
// failure here is not reported.
void sync_directory_of(const std::string& file) {
  const std::filesystem::path parent = std::filesystem::path(file).parent_path();
  const int fd = open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)fsync(fd);
  close(fd);
}

}  // namespace

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
  const OutputTarget target = detail::resolve_output_target(path_);
  switch (target.kind) {
    case OutputTarget::Kind::standard_output:
      mode_ = Mode::standard_output;
      return;
    case OutputTarget::Kind::stream:
      fd_ = open_stream(target, path_);
      check_still_stream(fd_, path_);
      mode_ = Mode::stream;
      return;
    case OutputTarget::Kind::open_file:
      fd_ = open_stream(target, path_);
      mode_ = Mode::stream;
      return;
    case OutputTarget::Kind::socket:
      fd_ = connect_socket(target, path_);
      mode_ = Mode::stream;
      return;
    case OutputTarget::Kind::file:
      break;
  }
  mode_ = Mode::replace;
  final_path_ = target.path;
  const std::filesystem::path final_path(final_path_);
  temporary_path_ =
      (final_path.parent_path() / ("." + final_path.filename().string() + ".tmp.XXXXXX")).string();
  fd_ = mkostemp(temporary_path_.data(), O_CLOEXEC);
  if (fd_ < 0) throw FileError(path_, "cannot write: " + errno_text());
  give_permissions(fd_, target);
}

OutputFile::~OutputFile() {
  if (state_ == State::open) abandon();
}

std::string OutputFile::shown_name() const {
  return mode_ == Mode::standard_output ? "<stdout>" : path_;
}

void OutputFile::fail(const std::string& what) {
  const std::string reason = errno_text();
  abandon();
  throw FileError(shown_name(), what + ": " + reason);
}

void OutputFile::abandon() noexcept {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  if (mode_ == Mode::replace && state_ == State::open) unlink(temporary_path_.c_str());
  state_ = State::failed;
}

void OutputFile::check_open() const {
  if (state_ == State::committed)
    throw std::logic_error("OutputFile '" + path_ + "' used after commit()");
  if (state_ == State::failed)
    throw FileError(shown_name(), "not written: an earlier write failed");
}

void OutputFile::write(std::string_view bytes) {
  check_open();
  if (mode_ == Mode::standard_output) {
    errno = 0;
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!std::cout) fail("cannot write");
    return;
  }
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write");
    if (n == 0) {
      errno = ENOSPC;  // a write that makes no progress never will
      fail("cannot write");
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

void OutputFile::commit() {
  check_open();
  switch (mode_) {
    case Mode::standard_output:
      errno = 0;
      std::cout.flush();
      if (!std::cout) fail("cannot write");
      break;
    case Mode::stream: {
      const int fd = std::exchange(fd_, -1);
      // After EINTR the descriptor is closed all the same on Linux.
      if (close(fd) != 0 && errno != EINTR) fail("cannot write");
      break;
    }
    case Mode::replace: {
      if (fsync(fd_) != 0) fail("cannot write");
      const int fd = std::exchange(fd_, -1);
      if (close(fd) != 0 && errno != EINTR) fail("cannot write");
      if (std::rename(temporary_path_.c_str(), final_path_.c_str()) != 0) fail("cannot write");
      sync_directory_of(final_path_);
      break;
    }
  }
  state_ = State::committed;
}

void write_output_file(const std::string& path, std::string_view contents) {
  OutputFile out(path);
  out.write(contents);
  out.commit();
}

void check_output_path(const std::string& path) {
  (void)detail::resolve_output_target(path);
}

}  // namespace fitkit
