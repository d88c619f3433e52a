#pragma once
// Turning one cell of text into a double, shared by the CSV and LIBSVM readers.
// std::from_chars (the fast_float algorithm in libstdc++ 12) does the work; this adds what it
// leaves to the caller: a leading '+', underflow to zero instead of an error, and sorting a
// token into a number, a missing-value marker, a non-finite value or plain text.

#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>

namespace fitkit::io::detail {

enum class CellKind { number, missing, non_finite, text };

inline constexpr bool is_space_or_tab(char c) {
  return c == ' ' || c == '\t';
}

inline std::string_view trim_spaces_and_tabs(std::string_view s) {
  while (!s.empty() && is_space_or_tab(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space_or_tab(s.back())) s.remove_suffix(1);
  return s;
}

// from_chars reports "1e-400" as out of range like "1e400"; only the second is non-finite.
// Decides which from the token's decimal exponent.
bool out_of_range_is_underflow(std::string_view number);

// `token` must already be trimmed. Missing markers: the empty string, NA, N/A, and anything
// from_chars reads as NaN (nan, NaN, -nan, nan(...)).
inline CellKind classify_cell(std::string_view token, double& value) {
  if (token.empty() || token == "NA" || token == "N/A") return CellKind::missing;
  // from_chars rejects '+'; "+-1" must stay text, so strip it only before a digit-ish start.
  if (token.size() > 1 && token.front() == '+' && token[1] != '+' && token[1] != '-')
    token.remove_prefix(1);
  const char* const end = token.data() + token.size();
  const auto [stop, error] = std::from_chars(token.data(), end, value);
  if (stop != end) return CellKind::text;
  if (error == std::errc::result_out_of_range) {
    if (!out_of_range_is_underflow(token)) return CellKind::non_finite;
    value = token.front() == '-' ? -0.0 : 0.0;
    return CellKind::number;
  }
  if (error != std::errc()) return CellKind::text;
  if (std::isnan(value)) return CellKind::missing;
  if (std::isinf(value)) return CellKind::non_finite;
  return CellKind::number;
}

}  // namespace fitkit::io::detail
