#include "fitkit/core/params.hpp"

#include <cctype>

namespace fitkit {

std::string Range::describe() const {
  auto num = [](double x) { return detail::format_double(x); };
  if (lo && hi)
    return "in " + std::string(lo_open ? "(" : "[") + num(*lo) + ", " + num(*hi) +
           (hi_open ? ")" : "]");
  if (lo) return (lo_open ? "greater than " : "at least ") + num(*lo);
  if (hi) return (hi_open ? "less than " : "at most ") + num(*hi);
  return "any number";
}

namespace detail {

std::string format_double(double x) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, ptr);
}

bool parse_double(std::string_view text, double& out) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

std::vector<std::string_view> split_list(std::string_view text) {
  std::vector<std::string_view> items;
  const auto trimmed = [](std::string_view item) {
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    return item;
  };
  if (trimmed(text).empty()) return items;
  for (;;) {
    const std::size_t comma = text.find(',');
    items.push_back(trimmed(text.substr(0, comma)));
    if (comma == std::string_view::npos) return items;
    text.remove_prefix(comma + 1);
  }
}

bool is_none(std::string_view text) {
  return text == "none" || text == "None";
}

bool parse_bool(std::string_view text, bool& out) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") {
    out = true;
    return true;
  }
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") {
    out = false;
    return true;
  }
  return false;
}

}  // namespace detail
}  // namespace fitkit
