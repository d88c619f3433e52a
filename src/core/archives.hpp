#pragma once
// The archives model files are written and read with. Private to the library: no cereal or
// RapidJSON header reaches a user's program.
//
// Loading never trusts the file:
// - binary: cereal's own binary input archives resize a container to whatever size the file
//   claims (an 11-byte file can ask for 8 GB); SafeBinaryInputArchive reads the same
//   portable-binary format but refuses any size larger than the bytes left.
// - JSON: the configuration below must be seen before any RapidJSON header: numbers are read
//   in full precision (doubles come back exactly) and RapidJSON's assertions throw.

#ifdef RAPIDJSON_DOCUMENT_H_
#error "src/core/archives.hpp must be included before any RapidJSON header"
#endif
#define RAPIDJSON_PARSE_DEFAULT_FLAGS \
  (kParseFullPrecisionFlag | kParseNanAndInfFlag | kParseIterativeFlag)

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

namespace fitkit {
class Estimator;
}

namespace fitkit::detail {

// A problem found while decoding; the loader turns it into ModelFormatError with the path.
class FormatProblem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What an input archive needs to read estimators nested inside a payload (payload.hpp's
// nested()): a factory by type name, which the model loader hands it from the registry above
// core, and a bound on how deep estimators nest.
class NestedEstimatorSource {
 public:
  using Factory = std::unique_ptr<Estimator> (*)(std::string_view type_name);
  static constexpr int kMaxDepth = 16;

  void set_estimator_factory(Factory factory) { factory_ = factory; }
  // Throws FormatProblem for a type the factory does not know, or when there is no factory.
  std::unique_ptr<Estimator> make_nested(const std::string& type_name) const;

  // Held while a nested estimator is read: throws FormatProblem past kMaxDepth levels.
  class Level {
   public:
    explicit Level(NestedEstimatorSource& source);
    ~Level() { --source_.depth_; }
    Level(const Level&) = delete;
    Level& operator=(const Level&) = delete;

   private:
    NestedEstimatorSource& source_;
  };

 private:
  Factory factory_ = nullptr;
  int depth_ = 0;
};

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
requires std::is_arithmetic_v<T>
void CEREAL_LOAD_FUNCTION_NAME(SafeBinaryInputArchive& ar, T& value) {
  ar.read_bytes(&value, sizeof(T), sizeof(T));
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
using JsonInputArchive = cereal::JSONInputArchive;

}  // namespace fitkit::detail
