#pragma once
// A JSON text parsed into a compact, read-only tree: fitkit's own reader for .json model files,
// so that no third-party parsing code ever sees the bytes of a file it did not write.
//
// - Strict RFC 8259 grammar, plus the bare words NaN, Infinity and -Infinity, which cereal's
//   JSON writer uses for non-finite doubles. No comments, no trailing commas, no leading '+',
//   '.5', '01', and nothing but whitespace after the top-level value.
// - Numbers are kept as their text; the reader of the tree converts them to the type it
//   expects (core/number_text), so a number is never rounded or clamped before anyone asks.
// - Strings are decoded (escapes, \u surrogate pairs checked). Other bytes are kept as they
//   are, valid UTF-8 or not: cereal's writer copies std::string bytes unchecked, so a feature
//   name read byte for byte from a Latin-1 CSV header must come back the same.
// - Object members keep their order (cereal reads unnamed values in order); a key that appears
//   twice in one object is refused.
// - Parsing is iterative, with a nesting limit checked before each level opens, and the tree
//   is flat vectors: no recursion anywhere, whatever the input.
// Every error is a FormatProblem giving the line, column and byte offset.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fitkit::detail {

enum class JsonKind : std::uint8_t { null, boolean, number, string, array, object };

class JsonDocument {
 public:
  using NodeId = std::uint32_t;

  // The largest text accepted: positions are 32 bits to keep the tree small.
  static constexpr std::size_t kMaxTextSize = 0xffff'ffffU;

  // Throws FormatProblem for invalid JSON, for text larger than kMaxTextSize, and for arrays
  // and objects nested more than max_depth deep.
  static JsonDocument parse(std::string_view text, int max_depth);

  NodeId root() const { return 0; }
  JsonKind kind(NodeId node) const { return nodes_[node].kind; }
  // Arrays and objects: the number of elements or members, and the i-th one in file order.
  std::size_t size(NodeId node) const { return nodes_[node].size; }
  NodeId child(NodeId node, std::size_t i) const { return children_[nodes_[node].begin + i]; }
  // The name of a node that is an object's member (empty for others).
  std::string_view key(NodeId node) const {
    return arena_view(nodes_[node].key_begin, nodes_[node].key_size);
  }
  // A number's text as written, or a string's decoded bytes.
  std::string_view text(NodeId node) const {
    return arena_view(nodes_[node].begin, nodes_[node].size);
  }
  bool boolean(NodeId node) const { return nodes_[node].begin != 0; }

  // Where a node starts in the text: 1-based line and column.
  struct TextPosition {
    std::size_t line = 0, column = 0;
  };
  TextPosition text_position(NodeId node) const { return text_position_at(nodes_[node].offset); }
  // "line 12, column 5" for where the node starts in the text.
  std::string position(NodeId node) const;
  // "the number 1e400", "an array", "the string \"abc\"": for messages saying what was found.
  std::string describe(NodeId node) const;

 private:
  class Parser;
  friend class Parser;

  struct Node {
    std::uint32_t offset = 0;  // byte offset in the parsed text, for messages
    std::uint32_t key_begin = 0, key_size = 0;
    // Scalars: their text in arena_ (booleans: begin is the value). Arrays and objects: their
    // children are children_[begin, begin + size).
    std::uint32_t begin = 0, size = 0;
    JsonKind kind = JsonKind::null;
  };

  TextPosition text_position_at(std::size_t offset) const;
  std::string_view arena_view(std::uint32_t begin, std::uint32_t size) const {
    return std::string_view(arena_).substr(begin, size);
  }

  std::vector<Node> nodes_;           // in the order their values start in the text
  std::vector<NodeId> children_;      // each container's children, contiguous
  std::string arena_;                 // decoded strings, keys and number texts
  std::vector<std::uint32_t> lines_;  // byte offset where each line after the first starts
};

// A short, printable rendering of untrusted bytes for a message: quoted, '"' and '\' escaped,
// control and non-ASCII bytes as \xNN, cut after max_bytes.
std::string quoted_for_message(std::string_view bytes, std::size_t max_bytes = 40);

}  // namespace fitkit::detail
