#pragma once
// A file fitkit writes where the user said: a model, predictions, transformed features.
// What happens depends on what the path names, so that writing never destroys what is there:
//
//   "-"                     standard output (std::cout), written as the bytes come.
//   a regular file, or      a temporary file beside it, renamed over it by commit(): the old
//   nothing yet             file (or nothing) stays until the new one is whole and on disk.
//                           An existing file's permission bits (and owner, when allowed) are
//                           kept; a new file gets 0666 less the umask.
//   a symbolic link         followed, through chains too: the file it finally names is
//                           replaced as above, in that file's own directory, and the links
//                           stay. A dangling link creates the file it names.
//   a character device,     opened (no O_TRUNC, no O_CREAT) or connected to (a Unix socket)
//   FIFO or socket          and written as the bytes come: no temporary, no rename, so
//                           /dev/null stays a device and the reader of a FIFO gets the bytes.
//   a link in /proc         (/dev/stdout, /dev/fd/N) an open file: written as the bytes come,
//                           appended to when it is a regular file.
//   a directory, a block    refused.
//   device
//
// Every failure is a FileError naming the path the caller gave and the system's reason
// ("m.bin: cannot write: No space left on device"). Writes to a pipe whose reader has gone
// raise SIGPIPE as usual; where SIGPIPE is ignored they are a FileError too.
//
//   fitkit::OutputFile out("predictions.csv");
//   out.write("prediction\n");
//   out.write(rows);
//   out.commit();  // until then, predictions.csv is the old file (or none)

#include <string>
#include <string_view>

namespace fitkit {

class OutputFile {
 public:
  // Opens the destination (a FIFO waits here for its reader). Throws FileError.
  explicit OutputFile(std::string path);
  // Without commit(): a temporary file is removed and the file it would have replaced is left
  // as it was. Bytes already written to a stream (stdout, a device, a FIFO, a socket) stay sent.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Every byte, or a FileError (interrupted and short writes are resumed). Each call is one
  // system call or more: pass large pieces, or go through OutputFileBuf, which buffers.
  void write(std::string_view bytes);

  // Finishes the file: for a replaced file, flushes it to disk and renames it into place; for
  // a stream, reports any error left (closing, flushing stdout). Throws FileError; afterwards,
  // or after a failed commit, the object writes no more.
  void commit();

  // The path as the caller gave it, for messages.
  const std::string& path() const noexcept { return path_; }
  // True when commit() replaces a file whole (a failure before it leaves the old file);
  // false when the bytes reach the destination as they are written (stdout, devices, FIFOs,
  // sockets), where a failure can leave part of the output behind.
  bool atomic() const noexcept { return mode_ == Mode::replace; }

 private:
  enum class Mode { standard_output, replace, stream };
  enum class State { open, committed, failed };

  std::string shown_name() const;  // "<stdout>" for "-"
  void check_open() const;
  // Closes, removes the temporary file, and throws FileError with errno's reason.
  [[noreturn]] void fail(const std::string& what);
  void abandon() noexcept;

  std::string path_;
  std::string final_path_;      // replace: the file renamed onto (links followed)
  std::string temporary_path_;  // replace: where the bytes go until commit()
  int fd_ = -1;                 // -1 for standard output, and once closed
  Mode mode_ = Mode::replace;
  State state_ = State::open;
};

// Writes `contents` as the whole output at `path` (OutputFile, one write, commit).
void write_output_file(const std::string& path, std::string_view contents);

// Throws FileError unless OutputFile(path) could be opened by the rules above, without
// opening or creating anything: the path is "-", a regular file, a character device, FIFO or
// socket, or a new name (or a link to one) in an existing directory. For checks before long
// work (fit) that ends in a write.
void check_output_path(const std::string& path);

}  // namespace fitkit
