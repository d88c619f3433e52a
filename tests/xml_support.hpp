#pragma once
// A small XML reader for the pages `fitkit report` writes: elements, double- or single-quoted
// attributes, text with the five named entities and numeric ones, a leading <!DOCTYPE ...>.
// Anything else that is not well-formed XML (an unclosed or mismatched element, a bare & or <
// in text, a repeated attribute, text after the root) throws std::runtime_error, so parsing a
// page is also its well-formedness check.

#include <cctype>
#include <cstddef>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fitkit::test::xml {

struct Element {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::unique_ptr<Element>> children;
  std::string text;  // all the text directly inside, entities decoded

  const std::string& attribute(const std::string& key) const {
    for (const auto& [k, v] : attributes)
      if (k == key) return v;
    throw std::runtime_error("<" + name + "> has no attribute " + key);
  }
  bool has(const std::string& key, const std::string& value) const {
    for (const auto& [k, v] : attributes)
      if (k == key && v == value) return true;
    return false;
  }
  // Every element below (not this one) for which `match` holds, in document order.
  std::vector<const Element*> find_all(const std::function<bool(const Element&)>& match) const {
    std::vector<const Element*> out;
    for (const auto& child : children) {
      if (match(*child)) out.push_back(child.get());
      for (const Element* e : child->find_all(match)) out.push_back(e);
    }
    return out;
  }
  // Elements named `tag` with class `cls` (empty: any).
  std::vector<const Element*> all(const std::string& tag, const std::string& cls = "") const {
    return find_all(
        [&](const Element& e) { return e.name == tag && (cls.empty() || e.has("class", cls)); });
  }
};

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  std::unique_ptr<Element> document() {
    skip_space();
    if (s_.substr(pos_, 9) == "<!DOCTYPE") {
      const std::size_t end = s_.find('>', pos_);
      if (end == std::string_view::npos) fail("unclosed DOCTYPE");
      pos_ = end + 1;
    }
    skip_space();
    auto root = element();
    skip_space();
    if (pos_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("XML: " + what + " at offset " + std::to_string(pos_));
  }
  static bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
  static bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
           c == '.';
  }
  void skip_space() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string name() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    if (pos_ == start) fail("expected a name");
    return std::string(s_.substr(start, pos_ - start));
  }
  // Text up to `stop`, entities decoded; '<' is refused inside.
  std::string characters(char stop) {
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != stop) {
      const char c = s_[pos_];
      if (c == '<') fail("'<' in text or an attribute");
      if (c != '&') {
        out += c;
        ++pos_;
        continue;
      }
      const std::size_t end = s_.find(';', pos_);
      if (end == std::string_view::npos || end - pos_ > 10) fail("a bare '&'");
      const std::string_view entity = s_.substr(pos_ + 1, end - pos_ - 1);
      if (entity == "amp")
        out += '&';
      else if (entity == "lt")
        out += '<';
      else if (entity == "gt")
        out += '>';
      else if (entity == "quot")
        out += '"';
      else if (entity == "apos")
        out += '\'';
      else if (entity.size() > 1 && entity[0] == '#') {
        const unsigned long code = entity[1] == 'x'
                                       ? std::stoul(std::string(entity.substr(2)), nullptr, 16)
                                       : std::stoul(std::string(entity.substr(1)));
        if (code >= 128) fail("a numeric entity beyond ASCII");  // enough for these pages
        out += static_cast<char>(code);
      } else {
        fail("an unknown entity &" + std::string(entity) + ";");
      }
      pos_ = end + 1;
    }
    return out;
  }
  std::unique_ptr<Element> element() {
    expect('<');
    auto e = std::make_unique<Element>();
    e->name = name();
    for (;;) {
      const bool spaced = is_space(peek());
      skip_space();
      if (peek() == '/') {
        ++pos_;
        expect('>');
        return e;
      }
      if (peek() == '>') {
        ++pos_;
        break;
      }
      if (!spaced) fail("no space before an attribute");
      std::string key = name();
      for (const auto& attribute : e->attributes)
        if (attribute.first == key) fail("attribute " + key + " repeated");
      expect('=');
      const char quote = peek();
      if (quote != '"' && quote != '\'') fail("an unquoted attribute value");
      ++pos_;
      std::string value = characters(quote);
      expect(quote);
      e->attributes.emplace_back(std::move(key), std::move(value));
    }
    for (;;) {
      e->text += characters('<');
      if (pos_ >= s_.size()) fail("<" + e->name + "> not closed");
      if (s_.substr(pos_, 2) == "</") {
        pos_ += 2;
        if (name() != e->name) fail("</...> does not close <" + e->name + ">");
        skip_space();
        expect('>');
        return e;
      }
      e->children.push_back(element());
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

inline std::unique_ptr<Element> parse(std::string_view text) {
  return Parser(text).document();
}

}  // namespace fitkit::test::xml
