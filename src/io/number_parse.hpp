#pragma once
// Turning one cell of text into a double, shared by the CSV and LIBSVM readers.
// core/number_text's strict from_chars conversion does the work; this adds what a data cell
// needs: a leading '+', underflow to zero instead of an error, and sorting a token into a
// number, a missing-value marker, a non-finite value or plain text.

#include <cmath>
#include <string_view>

#include "core/number_text.hpp"

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

// `token` must already be trimmed. Missing markers: the empty string, NA, N/A, and anything
// from_chars reads as NaN (nan, NaN, -nan, nan(...)).
inline CellKind classify_cell(std::string_view token, double& value) {
  if (token.empty() || token == "NA" || token == "N/A") return CellKind::missing;
  // from_chars rejects '+'; "+-1" must stay text, so strip it only before a digit-ish start.
  if (token.size() > 1 && token.front() == '+' && token[1] != '+' && token[1] != '-')
    token.remove_prefix(1);
  switch (fitkit::detail::double_from_text(token, value)) {
    case fitkit::detail::NumberFit::not_a_number:
      return CellKind::text;
    case fitkit::detail::NumberFit::overflow:
      return CellKind::non_finite;
    case fitkit::detail::NumberFit::underflow:
      value = token.front() == '-' ? -0.0 : 0.0;
      return CellKind::number;
    case fitkit::detail::NumberFit::ok:
      break;
  }
  if (std::isnan(value)) return CellKind::missing;
  if (std::isinf(value)) return CellKind::non_finite;
  return CellKind::number;
}

}  // namespace fitkit::io::detail
