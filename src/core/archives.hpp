#pragma once
// The archives model files are written and read with. Private to the library: no cereal or
// RapidJSON header reaches a user's program.
//
// Writing uses cereal's archives. Loading never trusts the file, and never hands it to a
// third-party parser:
// - binary: cereal's own binary input archives resize a container to whatever size the file
//   claims (an 11-byte file can ask for 8 GB); SafeBinaryInputArchive reads the same
//   portable-binary format but refuses any size larger than the bytes left.
// - JSON: RapidJSON (under cereal's JSON archives) has undefined behaviour on hostile numbers,
//   so it only writes; core/json_input_archive.hpp reads what it writes with fitkit's own
//   parser.

#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/cereal.hpp>
#include <cereal/types/map.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/format_problem.hpp"
#include "core/json_input_archive.hpp"
#include "core/nested_source.hpp"

namespace fitkit::detail {

class SafeBinaryInputArchive
    : public cereal::InputArchive<SafeBinaryInputArchive, cereal::AllowEmptyClassElision>,
      public NestedEstimatorSource {
 public:
  // Reads the stream cereal::PortableBinaryOutputArchive writes: a byte giving the writer's
  // endianness, then the values.
  explicit SafeBinaryInputArchive(std::string_view bytes);

  // Copies n bytes made of elements of element_size bytes, swapping byte order if needed.
  void read_bytes(void* out, std::size_t n, std::size_t element_size);
  // Refuses a claimed element count that the remaining bytes cannot hold.
  void check_count(std::uint64_t count) const;
  std::size_t remaining() const { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool swap_ = false;
};

template <class T>
requires std::is_arithmetic_v<T> &&
    (!std::is_same_v<T, bool>)void CEREAL_LOAD_FUNCTION_NAME(SafeBinaryInputArchive& ar, T& value) {
  ar.read_bytes(&value, sizeof(T), sizeof(T));
}

// A bool is one byte, 0 or 1: any other byte copied into a bool would be undefined behaviour.
inline void CEREAL_LOAD_FUNCTION_NAME(SafeBinaryInputArchive& ar, bool& value) {
  std::uint8_t byte = 0;
  ar.read_bytes(&byte, 1, 1);
  if (byte > 1) throw FormatProblem("a boolean holds the byte " + std::to_string(byte));
  value = byte == 1;
}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(SafeBinaryInputArchive& ar, cereal::NameValuePair<T>& nvp) {
  ar(nvp.value);
}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(SafeBinaryInputArchive& ar, cereal::SizeTag<T>& tag) {
  std::uint64_t count = 0;
  ar(count);
  ar.check_count(count);
  tag.size = static_cast<std::remove_reference_t<T>>(count);
}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(SafeBinaryInputArchive& ar, cereal::BinaryData<T>& data) {
  using Element = std::remove_pointer_t<T>;
  ar.read_bytes(data.data, static_cast<std::size_t>(data.size), sizeof(Element));
}

using BinaryOutputArchive = cereal::PortableBinaryOutputArchive;
using BinaryInputArchive = SafeBinaryInputArchive;
using JsonOutputArchive = cereal::JSONOutputArchive;

}  // namespace fitkit::detail
