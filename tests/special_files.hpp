#pragma once
// Files that are not plain files, made by a test in its own directory (never the real /dev
// nodes): FIFOs with a reader or a writer at the other end, a listening Unix socket, and
// copies of /dev/full and /dev/null made with mknod.

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

namespace fitkit::test {

// A character device node like /dev/full (1, 7) or /dev/null (1, 3) at `path`. False when the
// system does not allow it (not root, or a file system mounted nodev): the caller skips.
inline bool make_char_device(const std::string& path, unsigned major, unsigned minor) {
  if (mknod(path.c_str(), S_IFCHR | 0666, makedev(major, minor)) != 0) return false;
  const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    unlink(path.c_str());
    return false;
  }
  close(fd);
  return true;
}

inline bool make_full_device(const std::string& path) {
  return make_char_device(path, 1, 7);
}
inline bool make_null_device(const std::string& path) {
  return make_char_device(path, 1, 3);
}

inline bool is_fifo(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISFIFO(info.st_mode);
}
inline bool is_char_device(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISCHR(info.st_mode);
}
inline bool is_socket(const std::string& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISSOCK(info.st_mode);
}

inline void make_fifo(const std::string& path) {
  if (mkfifo(path.c_str(), 0600) != 0) throw std::runtime_error("mkfifo " + path + " failed");
}

// While it lives, a write to a pipe without a reader fails with EPIPE instead of killing the
// process with SIGPIPE.
class IgnoredSigpipe {
 public:
  IgnoredSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, &previous_);
  }
  ~IgnoredSigpipe() { sigaction(SIGPIPE, &previous_, nullptr); }
  IgnoredSigpipe(const IgnoredSigpipe&) = delete;
  IgnoredSigpipe& operator=(const IgnoredSigpipe&) = delete;

 private:
  struct sigaction previous_ {};
};

// Reads a FIFO to its end on a thread of its own (whose open waits for a writer).
class FifoReader {
 public:
  explicit FifoReader(std::string path) : path_(std::move(path)) {
    thread_ = std::thread([this] {
      const int fd = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        char buffer[1 << 16];
        for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
          contents_.append(buffer, static_cast<std::size_t>(n));
        close(fd);
      }
      done_ = true;
    });
  }
  // No writer came (the test failed first): one is faked, so that the thread ends.
  ~FifoReader() {
    while (!done_) {
      const int fd = open(path_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd >= 0) close(fd);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (thread_.joinable()) thread_.join();
  }
  FifoReader(const FifoReader&) = delete;
  FifoReader& operator=(const FifoReader&) = delete;

  // Everything written, once the writer has closed its end.
  const std::string& contents() {
    if (thread_.joinable()) thread_.join();
    return contents_;
  }

 private:
  std::string path_;
  std::string contents_;
  std::atomic<bool> done_ = false;
  std::thread thread_;
};

// Writes `head`, then `filler` over and over without end, into a FIFO on a thread of its own,
// until the reader closes its end (needs IgnoredSigpipe) or `limit` bytes are written.
class FifoWriter {
 public:
  FifoWriter(std::string path, std::string head, char filler, std::size_t limit)
      : path_(std::move(path)) {
    thread_ = std::thread([this, head = std::move(head), filler, limit] {
      const int fd = open(path_.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd >= 0) {
        std::size_t written = 0;
        const bool head_sent = write(fd, head.data(), head.size()) == ssize_t(head.size());
        const std::string block(1 << 16, filler);
        while (head_sent && written < limit) {
          const ssize_t n = write(fd, block.data(), std::min(block.size(), limit - written));
          if (n <= 0) break;
          written += static_cast<std::size_t>(n);
        }
        close(fd);
      }
      done_ = true;
    });
  }
  // No reader came (the test failed first): one is faked, so that the thread ends.
  ~FifoWriter() {
    while (!done_) {
      const int fd = open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
      if (fd >= 0) close(fd);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (thread_.joinable()) thread_.join();
  }
  FifoWriter(const FifoWriter&) = delete;
  FifoWriter& operator=(const FifoWriter&) = delete;

 private:
  std::string path_;
  std::atomic<bool> done_ = false;
  std::thread thread_;
};

// A Unix stream socket bound at `path` that accepts one connection on a thread of its own and
// reads it to its end.
class SocketReader {
 public:
  explicit SocketReader(const std::string& path) {
    listener_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (listener_ < 0 || path.size() >= sizeof address.sun_path)
      throw std::runtime_error("cannot make a socket at " + path);
    std::memcpy(address.sun_path, path.data(), path.size());
    if (bind(listener_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        listen(listener_, 1) != 0)
      throw std::runtime_error("cannot bind a socket at " + path);
    thread_ = std::thread([this] {
      const int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      char buffer[1 << 16];
      for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
        contents_.append(buffer, static_cast<std::size_t>(n));
      close(fd);
    });
  }
  ~SocketReader() {
    shutdown(listener_, SHUT_RDWR);  // ends an accept still waiting
    if (thread_.joinable()) thread_.join();
    close(listener_);
  }
  SocketReader(const SocketReader&) = delete;
  SocketReader& operator=(const SocketReader&) = delete;

  // Everything sent, once the writer has closed the connection.
  const std::string& contents() {
    if (thread_.joinable()) thread_.join();
    return contents_;
  }

 private:
  int listener_ = -1;
  std::string contents_;
  std::thread thread_;
};

}  // namespace fitkit::test
