#pragma once
// fitkit's cereal input archive for the JSON that cereal::JSONOutputArchive writes, read from
// a JsonDocument (core/json_document.hpp) instead of RapidJSON, which must never parse an
// untrusted file: its number parser has undefined behaviour on hostile exponents.
//
// It follows cereal's JSON conventions, so every file cereal's writer made loads the same:
// - a value named by an NVP is looked up by name in the current object (the next member
//   first, then the whole object); an unnamed value ("value0", ...) is the next one in order;
// - classes and containers are objects or arrays of their own (startNode/finishNode around
//   them); a SizeTag is the size of the current array;
// - int64/uint64 (long on this platform) are JSON numbers; long long, unsigned long long are
//   strings of digits, as cereal writes them where they are distinct types;
// - doubles may be NaN, Infinity or -Infinity, as bare words.
// Where cereal's reader asserts, clamps or converts silently, this one throws a FormatProblem
// saying what was expected, what was found, and where: the path of names from the top
// ("payload.coef.n_rows") and the line and column.

#include <cereal/cereal.hpp>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "core/json_document.hpp"
#include "core/nested_source.hpp"
#include "core/number_text.hpp"

namespace fitkit::detail {

class JsonInputArchive : public cereal::InputArchive<JsonInputArchive>,
                         public cereal::traits::TextArchive,
                         public NestedEstimatorSource {
 public:
  using NodeId = JsonDocument::NodeId;

  // Reads from the document's top-level value, which must be an object. The document must
  // outlive the archive.
  explicit JsonInputArchive(const JsonDocument& document);

  // cereal's node protocol, public as in cereal::JSONInputArchive: the name of the next value
  // or node (the string must outlive the next load), entering a class or container, leaving
  // it.
  void setNextName(const char* name) { next_name_ = name; }
  void startNode();
  void finishNode();

  void loadSize(cereal::size_type& size);
  void loadValue(bool& value);
  void loadValue(double& value);
  void loadValue(float& value);
  void loadValue(std::string& value);
  template <std::integral T>
  requires(!std::same_as<T, bool>) void loadValue(T& value);

 private:
  struct Frame {
    NodeId node;
    std::size_t next = 0;  // the child the next unnamed load reads
  };

  // The node the next load reads: the one named by setNextName, else the next in order.
  NodeId next_node();
  // Moves past the value just loaded.
  void advance() { ++frames_.back().next; }
  // The value of a number node, non-finite words included; refuses what a double cannot hold.
  double double_at(NodeId node) const;
  // The text of an integer written as cereal writes T (a number, or a string of digits).
  std::string_view integer_text(NodeId node, bool written_as_string) const;
  [[noreturn]] void fail(NodeId node, const std::string& problem) const;
  [[noreturn]] void fail_expected(NodeId node, const std::string& expected) const;
  [[noreturn]] void fail_range(NodeId node, std::string_view text, const std::string& type,
                               const std::string& min, const std::string& max) const;
  // "payload.coef.data[3]": how to reach a node from the top-level object.
  std::string path_to(NodeId node) const;

  const JsonDocument* document_;
  std::vector<Frame> frames_;  // the nodes entered, outermost first
  const char* next_name_ = nullptr;
};

// cereal's JSON writer saves long long and unsigned long long (where they are not the int64_t
// and uint64_t types) and wider integers as strings of digits, other integers as numbers.
template <class T>
inline constexpr bool kCerealWritesIntegerAsString = sizeof(T) >= sizeof(long long) &&
                                                     !std::is_same_v<T, std::int64_t> &&
                                                     !std::is_same_v<T, std::uint64_t> &&
                                                     !std::is_same_v<T, long> &&
                                                     !std::is_same_v<T, unsigned long>;

template <std::integral T>
requires(!std::same_as<T, bool>) void JsonInputArchive::loadValue(T& value) {
  const NodeId node = next_node();
  const std::string_view text = integer_text(node, kCerealWritesIntegerAsString<T>);
  T parsed{};
  if (integer_from_text(text, parsed) != NumberFit::ok)
    fail_range(node, text,
               std::string(std::is_signed_v<T> ? "a signed" : "an unsigned") + " " +
                   std::to_string(sizeof(T) * 8) + "-bit integer",
               std::to_string(std::numeric_limits<T>::min()),
               std::to_string(std::numeric_limits<T>::max()));
  value = parsed;
  advance();
}

// ---- how cereal dispatches on this archive --------------------------------------------------
// Mirrors what cereal declares for its own JSON archive: names set the next name, classes and
// containers get a node of their own, arithmetic values and strings are read in place.

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(JsonInputArchive& ar, cereal::NameValuePair<T>& nvp) {
  ar.setNextName(nvp.name);
  ar(nvp.value);
}

template <class T>
requires std::is_arithmetic_v<T>
void CEREAL_LOAD_FUNCTION_NAME(JsonInputArchive& ar, T& value) {
  ar.loadValue(value);
}

template <class CharT, class Traits, class Alloc>
void CEREAL_LOAD_FUNCTION_NAME(JsonInputArchive& ar, std::basic_string<CharT, Traits, Alloc>& s) {
  ar.loadValue(s);
}

template <class T>
void CEREAL_LOAD_FUNCTION_NAME(JsonInputArchive& ar, cereal::SizeTag<T>& tag) {
  ar.loadSize(tag.size);
}

template <class T>
struct IsCerealWrapper : std::false_type {};
template <class T>
struct IsCerealWrapper<cereal::NameValuePair<T>> : std::true_type {};
template <class T>
struct IsCerealWrapper<cereal::SizeTag<T>> : std::true_type {};
template <class T>
struct IsCerealWrapper<cereal::DeferredData<T>> : std::true_type {};
template <class CharT, class Traits, class Alloc>
struct IsCerealWrapper<std::basic_string<CharT, Traits, Alloc>> : std::true_type {};

// A value that cereal's JSON writer puts in an object or array of its own.
template <class T>
concept JsonNode =
    !std::is_arithmetic_v<T> && !IsCerealWrapper<T>::value && !std::is_same_v<T, std::nullptr_t> &&
    !cereal::traits::has_minimal_base_class_serialization<
        T, cereal::traits::has_minimal_input_serialization, JsonInputArchive>::value &&
    !cereal::traits::has_minimal_input_serialization<T, JsonInputArchive>::value;

template <JsonNode T>
void prologue(JsonInputArchive& ar, const T& /*value*/) {
  ar.startNode();
}

template <JsonNode T>
void epilogue(JsonInputArchive& ar, const T& /*value*/) {
  ar.finishNode();
}

}  // namespace fitkit::detail
