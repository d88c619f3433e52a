#pragma once
// The whole text of an input (a data or model file), read once. A regular file is
// memory-mapped: no copy, and its pages are faulted in by whichever thread parses them.
// Anything else (standard input as "-", a pipe, a FIFO, a character device) is read into
// memory, and there a line may be at most `max_line_bytes` long: a source that never ends a
// line (/dev/zero, a binary stream) is refused as soon as one line passes the bound, instead
// of filling the memory first. A regular file is not bounded: its size is known up front.
//
//   const fitkit::io::InputFile input("-");  // standard input, named <stdin> in messages
//   fitkit::Dataset data = fitkit::io::read_csv_text(input.text(), {}, input.name());

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace fitkit::io {

// The longest line read from a pipe or device: far beyond any real row (a CSV row of a
// million numbers is about 20 MiB), far below what the machine holds.
inline constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;
// For inputs that are not made of lines (binary model files).
inline constexpr std::size_t kUnboundedLines = std::numeric_limits<std::size_t>::max();
// The most a model is read from a pipe or device (a larger model is a regular file, which is
// mapped and not bounded): a source that never ends (/dev/zero) stops there.
inline constexpr std::size_t kMaxStreamedModelBytes = std::size_t{1} << 30;

// The name messages give an input: "<stdin>" for "-", else the path.
std::string input_name(const std::string& path);

class InputFile {
 public:
  // Throws FileError naming the input when it is missing, unreadable or a directory, or when
  // a pipe or device gives more than max_total_bytes; and DataError naming it and the line
  // when a line from a pipe or device passes max_line_bytes.
  explicit InputFile(const std::string& path, std::size_t max_line_bytes = kMaxLineBytes,
                     std::size_t max_total_bytes = std::numeric_limits<std::size_t>::max());
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Valid while the object lives.
  std::string_view text() const { return text_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  void* mapping_ = nullptr;
  std::size_t mapping_size_ = 0;
  std::string copy_;
  std::string_view text_;
};

}  // namespace fitkit::io
