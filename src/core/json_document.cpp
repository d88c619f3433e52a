#include "core/json_document.hpp"

#include <algorithm>

namespace fitkit::detail {

JsonDocument::TextPosition JsonDocument::text_position_at(std::size_t offset) const {
  // lines_ holds where each line after the first starts, in increasing order.
  const auto after = std::upper_bound(lines_.begin(), lines_.end(), offset);
  const std::size_t line_start = after == lines_.begin() ? 0 : *(after - 1);
  return {static_cast<std::size_t>(after - lines_.begin()) + 1, offset - line_start + 1};
}

std::string JsonDocument::position(NodeId node) const {
  const auto [line, column] = text_position(node);
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::string JsonDocument::describe(NodeId node) const {
  switch (kind(node)) {
    case JsonKind::null:
      return "null";
    case JsonKind::boolean:
      return boolean(node) ? "true" : "false";
    case JsonKind::number:
      // A number's text is digits, signs, '.', 'e' or a word: printable, but maybe long.
      return "the number " + (text(node).size() <= 40
                                  ? std::string(text(node))
                                  : std::string(text(node).substr(0, 40)) + "...");
    case JsonKind::string:
      return "the string " + quoted_for_message(text(node));
    case JsonKind::array:
      return "an array";
    case JsonKind::object:
      return "an object";
  }
  return "a value";
}

std::string quoted_for_message(std::string_view bytes, std::size_t max_bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : bytes.substr(0, max_bytes)) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte >= 0x20 && byte < 0x7f) {
      out.push_back(c);
    } else {
      out += "\\x";
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0xf]);
    }
  }
  out.push_back('"');
  if (bytes.size() > max_bytes) out += "...";
  return out;
}

}  // namespace fitkit::detail
