#include "core/number_text.hpp"

#include <algorithm>
#include <cctype>

namespace fitkit::detail {

bool out_of_range_is_underflow(std::string_view number) {
  std::size_t i = 0;
  if (i < number.size() && (number[i] == '-' || number[i] == '+')) ++i;
  // The position of the first significant digit relative to the decimal point gives the
  // order of magnitude; the explicit exponent shifts it.
  long magnitude = 0;
  bool seen_point = false;
  bool seen_significant = false;
  for (; i < number.size(); ++i) {
    const char c = number[i];
    if (c == '.') {
      seen_point = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      if (c != '0') seen_significant = true;
      if (!seen_point && seen_significant) ++magnitude;
      if (seen_point && !seen_significant) --magnitude;
    } else {
      break;
    }
  }
  long exponent = 0;
  if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
    ++i;
    const bool negative = i < number.size() && number[i] == '-';
    if (i < number.size() && (number[i] == '-' || number[i] == '+')) ++i;
    for (; i < number.size() && std::isdigit(static_cast<unsigned char>(number[i])); ++i)
      exponent = std::min(exponent * 10 + (number[i] - '0'), 1'000'000'000L);
    if (negative) exponent = -exponent;
  }
  return magnitude + exponent <= 0;
}

}  // namespace fitkit::detail
