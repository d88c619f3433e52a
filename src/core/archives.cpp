#include "core/archives.hpp"

#include "fitkit/core/estimator.hpp"

#include <algorithm>

namespace fitkit::detail {
namespace {

bool native_little_endian() {
  const std::uint16_t probe = 1;
  unsigned char first = 0;
  std::memcpy(&first, &probe, 1);
  return first == 1;
}

}  // namespace

SafeBinaryInputArchive::SafeBinaryInputArchive(std::string_view bytes)
    : cereal::InputArchive<SafeBinaryInputArchive, cereal::AllowEmptyClassElision>(this),
      bytes_(bytes) {
  std::uint8_t writer_little_endian = 0;
  read_bytes(&writer_little_endian, 1, 1);
  if (writer_little_endian > 1) throw FormatProblem("bad byte-order mark in payload");
  swap_ = (writer_little_endian == 1) != native_little_endian();
}

void SafeBinaryInputArchive::read_bytes(void* out, std::size_t n, std::size_t element_size) {
  if (n > remaining())
    throw FormatProblem("truncated: needs " + std::to_string(n) + " more bytes, " +
                        std::to_string(remaining()) + " left");
  if (n == 0) return;  // an empty container's data() may be null, which memcpy must not see
  std::memcpy(out, bytes_.data() + pos_, n);
  pos_ += n;
  if (swap_ && element_size > 1) {
    auto* p = static_cast<unsigned char*>(out);
    for (std::size_t i = 0; i + element_size <= n; i += element_size)
      std::reverse(p + i, p + i + element_size);
  }
}

void SafeBinaryInputArchive::check_count(std::uint64_t count) const {
  // Every element takes at least one byte, so a count above the bytes left is a lie.
  if (count > remaining())
    throw FormatProblem("claims " + std::to_string(count) + " elements but only " +
                        std::to_string(remaining()) + " bytes are left");
}

std::unique_ptr<Estimator> NestedEstimatorSource::make_nested(const std::string& type_name) const {
  if (factory_ == nullptr) throw FormatProblem("nested estimators cannot be read here");
  std::unique_ptr<Estimator> model = factory_(type_name);
  if (!model) throw FormatProblem("unknown estimator type '" + type_name + "'");
  return model;
}

NestedEstimatorSource::Level::Level(NestedEstimatorSource& source) : source_(source) {
  if (++source_.depth_ > kMaxDepth) {
    --source_.depth_;
    throw FormatProblem("estimators nested deeper than " + std::to_string(kMaxDepth) + " levels");
  }
}

}  // namespace fitkit::detail
