#include "common/svg.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace fitkit::apps::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double value) {
  if (!std::isfinite(value)) return "0";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  const std::string text = buffer;
  return text == "-0.00" ? "0.00" : text;
}

std::string exact(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string element(std::string_view name, const Attributes& attributes, std::string_view content) {
  std::string out(1, '<');
  out += name;
  for (const auto& [key, value] : attributes) {
    out += ' ';
    out += key;
    out += "=\"";
    out += escape(value);
    out += '"';
  }
  if (content.empty()) return out += "/>";
  out += '>';
  out += content;
  out += "</";
  out += name;
  out += '>';
  return out;
}

std::string text_element(std::string_view name, const Attributes& attributes,
                         std::string_view text) {
  const std::string escaped = escape(text);
  if (escaped.empty()) return element(name, attributes, "");
  return element(name, attributes, escaped);
}

const char* colour(std::size_t k) {
  static constexpr std::array<const char*, 10> tab10 = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                                        "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                                        "#bcbd22", "#17becf"};
  return tab10[k % tab10.size()];
}

}  // namespace fitkit::apps::svg
