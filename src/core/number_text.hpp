#pragma once
// Decimal text to numbers, strictly: the whole text must be the number, and a value that does
// not fit says whether it was too large or too small. std::from_chars (the fast_float
// algorithm in libstdc++ 12) does the work, exactly rounded whatever the length of the digits.
// Shared by the data readers (CSV, LIBSVM) and the JSON model reader.

#include <charconv>
#include <concepts>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace fitkit::detail {

enum class NumberFit { ok, not_a_number, overflow, underflow };

// from_chars reports "1e-400" as out of range like "1e400"; only the second is too large.
// Decides which from the token's decimal exponent.
bool out_of_range_is_underflow(std::string_view number);

// What from_chars accepts (so also "nan", "inf", "1e5"; never a leading '+').
inline NumberFit double_from_text(std::string_view text, double& value) {
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (stop != end || text.empty()) return NumberFit::not_a_number;
  if (error == std::errc::result_out_of_range)
    return out_of_range_is_underflow(text) ? NumberFit::underflow : NumberFit::overflow;
  if (error != std::errc()) return NumberFit::not_a_number;
  return NumberFit::ok;
}

// Decimal digits with an optional '-' (refused for unsigned types); no '+', no spaces.
// A negative value for an unsigned type is an underflow, like one below a signed type's minimum.
template <std::integral T>
NumberFit integer_from_text(std::string_view text, T& value) {
  if (text.empty()) return NumberFit::not_a_number;
  const bool negative = text.front() == '-';
  if constexpr (std::is_unsigned_v<T>) {
    if (negative) {
      std::make_signed_t<T> ignored = 0;
      return integer_from_text(text, ignored) == NumberFit::not_a_number ? NumberFit::not_a_number
                                                                         : NumberFit::underflow;
    }
  }
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (stop != end) return NumberFit::not_a_number;
  if (error == std::errc::result_out_of_range)
    return negative ? NumberFit::underflow : NumberFit::overflow;
  return error == std::errc() ? NumberFit::ok : NumberFit::not_a_number;
}

}  // namespace fitkit::detail
