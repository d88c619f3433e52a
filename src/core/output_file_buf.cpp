#include "fitkit/core/output_file_buf.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace fitkit {

BlockSinkBuf::BlockSinkBuf(Sink sink, std::size_t buffer_bytes)
    : sink_(std::move(sink)), buffer_(std::max<std::size_t>(buffer_bytes, 1)) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

void BlockSinkBuf::pass_on(const char* data, std::size_t size) {
  if (failure_) std::rethrow_exception(failure_);
  try {
    sink_(std::string_view(data, size));
  } catch (...) {
    failure_ = std::current_exception();
    throw;
  }
}

void BlockSinkBuf::drain() {
  const auto size = static_cast<std::size_t>(pptr() - pbase());
  // Emptied first, so that bytes a failed write took are not offered again.
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  if (size > 0) pass_on(buffer_.data(), size);
}

BlockSinkBuf::int_type BlockSinkBuf::overflow(int_type c) {
  drain();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize BlockSinkBuf::xsputn(const char* s, std::streamsize n) {
  if (n <= 0) return 0;  // an empty write may come with a null pointer, which memcpy must not see
  const auto size = static_cast<std::size_t>(n);
  if (size > static_cast<std::size_t>(epptr() - pptr())) {
    drain();
    // A block at least as large as the buffer goes straight through, uncopied.
    if (size >= buffer_.size()) {
      pass_on(s, size);
      return n;
    }
  }
  std::memcpy(pptr(), s, size);
  pbump(static_cast<int>(size));
  return n;
}

int BlockSinkBuf::sync() {
  try {
    drain();
    return 0;
  } catch (...) {
    return -1;  // kept in failure_ for finish()
  }
}

void BlockSinkBuf::finish() {
  drain();
  if (failure_) std::rethrow_exception(failure_);
}

}  // namespace fitkit
