#pragma once
// An std::streambuf over an OutputFile, for code that writes to a std::ostream (cereal's
// archives, operator<<): bytes are gathered in a buffer and passed on in large blocks.
//
//   fitkit::OutputFile file("m.json");
//   fitkit::OutputFileBuf buffer(file);
//   std::ostream out(&buffer);
//   out << ...;
//   buffer.finish();  // passes on the rest, and throws the first write error, if any
//   file.commit();
//
// A failed write throws its FileError from the streambuf call that made it. std::ostream
// catches that and only sets badbit (unless its exceptions() include badbit), so the error is
// also kept, and finish() throws it again: calling finish() before commit() is enough to
// never lose the reason. Writes after a failure fail at once.

#include <cstddef>
#include <exception>
#include <functional>
#include <streambuf>
#include <string_view>
#include <vector>

#include "fitkit/core/output_file.hpp"

namespace fitkit {

// The same over any sink of byte blocks (a checksum, a counter, a file).
class BlockSinkBuf : public std::streambuf {
 public:
  using Sink = std::function<void(std::string_view)>;
  explicit BlockSinkBuf(Sink sink, std::size_t buffer_bytes = std::size_t{1} << 16);
  // Drops what is still buffered: without finish() the output is unfinished anyway.
  ~BlockSinkBuf() override = default;
  BlockSinkBuf(const BlockSinkBuf&) = delete;
  BlockSinkBuf& operator=(const BlockSinkBuf&) = delete;

  // Writes what is buffered to the file; throws the first error any write met.
  void finish();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void pass_on(const char* data, std::size_t size);
  void drain();

  Sink sink_;
  std::vector<char> buffer_;
  std::exception_ptr failure_;
};

class OutputFileBuf : public BlockSinkBuf {
 public:
  explicit OutputFileBuf(OutputFile& file, std::size_t buffer_bytes = std::size_t{1} << 16)
      : BlockSinkBuf([&file](std::string_view bytes) { file.write(bytes); }, buffer_bytes) {}
};

}  // namespace fitkit
