// The JSON parser behind JsonDocument::parse: one pass over the text with an explicit stack of
// the arrays and objects still open, so nesting costs heap, never the call stack.

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "core/format_problem.hpp"
#include "core/json_document.hpp"

namespace fitkit::detail {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

class JsonDocument::Parser {
 public:
  Parser(std::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  JsonDocument run() {
    if (text_.size() > kMaxTextSize)
      throw FormatProblem("JSON text of " + std::to_string(text_.size()) +
                          " bytes is larger than the " + std::to_string(kMaxTextSize) +
                          " bytes this reader takes");
    doc_.nodes_.reserve(text_.size() / 16 + 1);
    skip_whitespace();
    start_value();
    while (!open_.empty()) continue_container();
    skip_whitespace();
    if (!at_end()) fail_expected("nothing but whitespace after the top-level value");
    return std::move(doc_);
  }

 private:
  struct OpenContainer {
    NodeId node;
    std::size_t first_child;  // where its children start in pending_
  };

  // ---- scanning and errors ----------------------------------------------------------------

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skip_whitespace() {
    for (; !at_end(); ++pos_) {
      const char c = peek();
      if (c == '\n')
        doc_.lines_.push_back(static_cast<std::uint32_t>(pos_ + 1));
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
    }
  }

  [[noreturn]] void fail(std::size_t offset, const std::string& what) const {
    const auto [line, column] = doc_.text_position_at(offset);
    throw FormatProblem("invalid JSON: " + what, line, column);
  }

  [[noreturn]] void fail_expected(const std::string& expected) const {
    std::string found = "the end of the text";
    if (!at_end()) found = quoted_for_message(text_.substr(pos_, 1));
    fail(pos_, "expected " + expected + ", found " + found);
  }

  // ---- the tree ---------------------------------------------------------------------------

  // A new node starting at offset, made the next child of the innermost open container.
  NodeId add_node(JsonKind kind, std::size_t offset) {
    const auto id = static_cast<NodeId>(doc_.nodes_.size());
    Node& node = doc_.nodes_.emplace_back();
    node.kind = kind;
    node.offset = static_cast<std::uint32_t>(offset);
    if (!open_.empty()) {
      pending_.push_back(id);
      if (doc_.nodes_[open_.back().node].kind == JsonKind::object) {
        node.key_begin = key_begin_;
        node.key_size = key_size_;
      }
    }
    return id;
  }

  void add_scalar(JsonKind kind, std::size_t offset, std::string_view text) {
    const NodeId id = add_node(kind, offset);
    doc_.nodes_[id].begin = static_cast<std::uint32_t>(doc_.arena_.size());
    doc_.nodes_[id].size = static_cast<std::uint32_t>(text.size());
    doc_.arena_.append(text);
  }

  void open_container(JsonKind kind) {
    if (open_.size() >= static_cast<std::size_t>(max_depth_))
      fail(pos_, "nested deeper than " + std::to_string(max_depth_) + " levels");
    const NodeId id = add_node(kind, pos_);
    ++pos_;
    open_.push_back({id, pending_.size()});
  }

  void close_container() {
    ++pos_;
    const OpenContainer closed = open_.back();
    open_.pop_back();
    Node& node = doc_.nodes_[closed.node];
    node.begin = static_cast<std::uint32_t>(doc_.children_.size());
    node.size = static_cast<std::uint32_t>(pending_.size() - closed.first_child);
    doc_.children_.insert(doc_.children_.end(), pending_.begin() + closed.first_child,
                          pending_.end());
    pending_.resize(closed.first_child);
    if (node.kind == JsonKind::object) check_unique_keys(node);
  }

  // Sorting the keys finds a repeat in n log n: a hostile object may have a million members.
  void check_unique_keys(const Node& object) {
    by_key_.assign(doc_.children_.begin() + object.begin,
                   doc_.children_.begin() + object.begin + object.size);
    std::stable_sort(by_key_.begin(), by_key_.end(),
                     [&](NodeId a, NodeId b) { return doc_.key(a) < doc_.key(b); });
    const auto repeat = std::adjacent_find(by_key_.begin(), by_key_.end(), [&](NodeId a, NodeId b) {
      return doc_.key(a) == doc_.key(b);
    });
    if (repeat != by_key_.end())
      fail(doc_.nodes_[*(repeat + 1)].offset, "duplicate key " +
                                                  quoted_for_message(doc_.key(*repeat)) +
                                                  " (also at " + doc_.position(*repeat) + ")");
  }

  // ---- values -----------------------------------------------------------------------------

  void start_value() {
    if (at_end()) fail_expected("a value");
    switch (peek()) {
      case '{':
        return open_container(JsonKind::object);
      case '[':
        return open_container(JsonKind::array);
      case '"': {
        const std::size_t start = pos_;
        std::uint32_t begin = 0, size = 0;
        parse_string(begin, size);
        const NodeId id = add_node(JsonKind::string, start);
        doc_.nodes_[id].begin = begin;
        doc_.nodes_[id].size = size;
        return;
      }
      case 't':
        return parse_literal("true", JsonKind::boolean, 1);
      case 'f':
        return parse_literal("false", JsonKind::boolean, 0);
      case 'n':
        return parse_literal("null", JsonKind::null, 0);
      default:
        return parse_number();
    }
  }

  // After a value inside the innermost open container (or right after it opened): its end,
  // or a comma and the next element or member.
  void continue_container() {
    skip_whitespace();
    const bool in_object = doc_.nodes_[open_.back().node].kind == JsonKind::object;
    const char close = in_object ? '}' : ']';
    if (!at_end() && peek() == close) return close_container();
    const bool first = pending_.size() == open_.back().first_child;
    if (!first) {
      if (at_end() || peek() != ',')
        fail_expected(in_object ? "',' or '}' after an object member"
                                : "',' or ']' after an array element");
      ++pos_;
      skip_whitespace();
    }
    if (in_object) {
      if (at_end() || peek() != '"')
        fail_expected(first ? "a member name in double quotes, or '}'"
                            : "a member name in double quotes");
      parse_string(key_begin_, key_size_);
      skip_whitespace();
      if (at_end() || peek() != ':') fail_expected("':' after the member name");
      ++pos_;
      skip_whitespace();
    }
    start_value();
  }

  void parse_literal(std::string_view word, JsonKind kind, std::uint32_t value) {
    if (text_.substr(pos_, word.size()) != word) fail_expected("a value");
    const NodeId id = add_node(kind, pos_);
    doc_.nodes_[id].begin = value;
    pos_ += word.size();
  }

  // The JSON number grammar, or one of the words cereal writes for non-finite doubles; the
  // text is kept for the reader to convert.
  void parse_number() {
    const std::size_t start = pos_;
    for (const std::string_view word : {"NaN", "Infinity", "-Infinity"}) {
      if (text_.substr(pos_, word.size()) == word) {
        pos_ += word.size();
        return add_scalar(JsonKind::number, start, word);
      }
    }
    if (peek() == '-') {
      ++pos_;
      if (at_end() || !is_digit(peek())) fail_expected("a digit or Infinity after '-'");
    } else if (!is_digit(peek())) {
      fail_expected("a value");
    }
    if (peek() == '0') {
      ++pos_;
      if (!at_end() && is_digit(peek()))
        fail(start, "a number must not start with 0 followed by more digits");
    } else {
      skip_digits();
    }
    if (!at_end() && peek() == '.') {
      ++pos_;
      if (at_end() || !is_digit(peek())) fail_expected("a digit after the decimal point");
      skip_digits();
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      if (at_end() || !is_digit(peek())) fail_expected("a digit in the exponent");
      skip_digits();
    }
    add_scalar(JsonKind::number, start, text_.substr(start, pos_ - start));
  }

  void skip_digits() {
    while (!at_end() && is_digit(peek())) ++pos_;
  }

  // Decodes the string starting at pos_ (its opening quote) onto the end of the arena.
  void parse_string(std::uint32_t& begin, std::uint32_t& size) {
    const std::size_t start = pos_;
    const std::size_t arena_start = doc_.arena_.size();
    ++pos_;
    for (;;) {
      std::size_t run_end = pos_;
      while (run_end < text_.size()) {
        const auto c = static_cast<unsigned char>(text_[run_end]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++run_end;
      }
      doc_.arena_.append(text_.substr(pos_, run_end - pos_));
      pos_ = run_end;
      if (at_end()) fail(start, "the string starting here is never closed");
      if (peek() == '"') break;
      if (peek() == '\\') {
        parse_escape();
      } else {
        fail(pos_, "control character " + quoted_for_message(text_.substr(pos_, 1)) +
                       " inside a string (it must be written as an escape)");
      }
    }
    ++pos_;
    begin = static_cast<std::uint32_t>(arena_start);
    size = static_cast<std::uint32_t>(doc_.arena_.size() - arena_start);
  }

  void parse_escape() {
    const std::size_t start = pos_;
    ++pos_;
    if (at_end()) fail(start, "the text ends inside an escape");
    const char c = text_[pos_++];
    static constexpr std::array<std::pair<char, char>, 8> kSimple = {{{'"', '"'},
                                                                      {'\\', '\\'},
                                                                      {'/', '/'},
                                                                      {'b', '\b'},
                                                                      {'f', '\f'},
                                                                      {'n', '\n'},
                                                                      {'r', '\r'},
                                                                      {'t', '\t'}}};
    for (const auto& [written, meant] : kSimple) {
      if (c == written) {
        doc_.arena_.push_back(meant);
        return;
      }
    }
    if (c != 'u') fail(start, "invalid escape " + quoted_for_message(text_.substr(start, 2)));
    std::uint32_t code_point = parse_hex4(start);
    if (code_point >= 0xDC00 && code_point <= 0xDFFF)
      fail(start, "a low surrogate " + quoted_for_message(text_.substr(start, 6)) +
                      " without a high surrogate before it");
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      const std::size_t low_start = pos_;
      if (text_.substr(pos_, 2) != "\\u")
        fail(start, "a high surrogate " + quoted_for_message(text_.substr(start, 6)) +
                        " must be followed by a \\u escape of a low surrogate");
      pos_ += 2;
      const std::uint32_t low = parse_hex4(low_start);
      if (low < 0xDC00 || low > 0xDFFF)
        fail(low_start, quoted_for_message(text_.substr(low_start, 6)) +
                            " after a high surrogate is not a low surrogate");
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(code_point);
  }

  std::uint32_t parse_hex4(std::size_t escape_start) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      const int digit = at_end() ? -1 : hex_value(peek());
      if (digit < 0) fail(escape_start, "\\u must be followed by four hexadecimal digits");
      value = value * 16 + static_cast<std::uint32_t>(digit);
    }
    return value;
  }

  void append_utf8(std::uint32_t cp) {
    std::string& out = doc_.arena_;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int max_depth_;
  JsonDocument doc_;
  std::vector<OpenContainer> open_;
  std::vector<NodeId> pending_;  // the children of every open container, innermost last
  std::uint32_t key_begin_ = 0, key_size_ = 0;  // the name of the member about to be read
  std::vector<NodeId> by_key_;                  // scratch for check_unique_keys
};

JsonDocument JsonDocument::parse(std::string_view text, int max_depth) {
  return Parser(text, max_depth).run();
}

}  // namespace fitkit::detail
