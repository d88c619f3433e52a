#pragma once
// Parameters are declared once, in a Params struct whose `visit` lists every field with its
// scikit-learn name, help text and constraint:
//
//   template <class V> void visit(V&& v) {
//     v("n_clusters", n_clusters, "number of clusters to form", at_least(1));
//     v("max_depth", max_depth, "deepest a tree grows (none: no limit)", at_least(1));
//     v("seed", seed, "random seed");
//   }
//
// Everything else (CLI options and --help, validation, the parameters saved in a model file,
// `fitkit info`) is derived from that list by the visitors below.
//
// Field types: integers, floats, bool, std::string, enums (with EnumNames), lists
// (std::vector of numbers or strings, written "0.1,1,10"), std::optional of any of these
// (scikit-learn's None, written "none"), KeywordOr (a keyword or a number: gamma='scale' or
// 0.1), and types that read and print themselves (TextParam: ClassWeight).

#include <array>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "fitkit/core/error.hpp"

namespace fitkit {

// ---- constraints -----------------------------------------------------------------------------

// A numeric range; an absent bound is unbounded. Doubles are always required to be finite.
struct Range {
  std::optional<double> lo, hi;
  bool lo_open = false, hi_open = false;

  bool contains(double x) const {
    if (lo && (lo_open ? !(x > *lo) : !(x >= *lo))) return false;
    if (hi && (hi_open ? !(x < *hi) : !(x <= *hi))) return false;
    return true;
  }
  std::string describe() const;  // "at least 1", "in (0, 1]", ...
};

inline Range at_least(double lo) {
  return Range{lo, std::nullopt, false, false};
}
inline Range greater_than(double lo) {
  return Range{lo, std::nullopt, true, false};
}
inline Range at_most(double hi) {
  return Range{std::nullopt, hi, false, false};
}
inline Range in_range(double lo, double hi) {
  return Range{lo, hi, false, false};
}
inline Range in_half_open_range(double lo, double hi) {
  return Range{lo, hi, true, false};
}

// Marks an enum parameter: the value must be one of EnumNames<E>::values.
struct OneOfEnum {};
inline OneOfEnum one_of_enum() {
  return {};
}

// Specialise for every enum used as a parameter:
//   template <> struct EnumNames<KMeansInit> {
//     static constexpr std::array values{std::pair{KMeansInit::random, "random"}, ...};
//   };
template <class E>
struct EnumNames;

// A parameter type that reads and prints itself (ClassWeight): its text form, an error
// message (empty on success) for text it cannot read, and the word --help shows for it.
template <class T>
concept TextParam = requires(const T& value, std::string_view text, T& out) {
  { value.to_text() } -> std::convertible_to<std::string>;
  { T::from_text(text, out) } -> std::convertible_to<std::string>;
  { T::param_type_name() } -> std::convertible_to<std::string>;
};

// A keyword or a number, as scikit-learn's gamma='scale'|0.1 or max_features='sqrt'|0.5|7:
//
//   using MaxFeatures = KeywordOr<MaxFeaturesKeyword, std::int64_t, double>;
//   MaxFeatures m = MaxFeaturesKeyword::sqrt;   // or 7 (a count), or 0.5 (a fraction)
//
// Text is read as a keyword first, then as each number type in turn ("7" is an integer when
// one is listed, "0.5" a float). A Range constraint applies to the number.
template <class E, class... Numbers>
struct KeywordOr {
  static_assert(std::is_enum_v<E> && sizeof...(Numbers) > 0 &&
                (std::is_arithmetic_v<Numbers> && ...));
  std::variant<E, Numbers...> value;
  // With an integer alternative, "7" is a count and a float is written "7.0".
  static constexpr bool has_integral = (std::is_integral_v<Numbers> || ...);

  KeywordOr() : value(EnumNames<E>::values[0].first) {}
  KeywordOr(E keyword) : value(keyword) {}  // NOLINT: implicit, as the field's default
  template <class T>
  requires std::is_arithmetic_v<T> &&(!std::is_same_v<T, bool>)KeywordOr(T number)
      : value(as_number(number)) {}  // NOLINT

  bool is_keyword() const { return std::holds_alternative<E>(value); }
  E keyword() const { return std::get<E>(value); }
  template <class N>
  bool holds() const {
    return std::holds_alternative<N>(value);
  }
  template <class N>
  N get() const {
    return std::get<N>(value);
  }
  // The number, whichever type holds it (throws std::bad_variant_access for a keyword).
  double number() const {
    return std::visit(
        [](auto v) -> double {
          if constexpr (std::is_enum_v<decltype(v)>)
            throw std::bad_variant_access();
          else
            return static_cast<double>(v);
        },
        value);
  }
  bool operator==(const KeywordOr&) const = default;

 private:
  // An integer goes to the first integral alternative when there is one; anything else to the
  // first floating-point one.
  template <class T>
  static std::variant<E, Numbers...> as_number(T number) {
    constexpr bool has_integral = (std::is_integral_v<Numbers> || ...);
    if constexpr (std::is_integral_v<T> && has_integral)
      return first_of<std::is_integral>(number);
    else
      return first_of<std::is_floating_point>(number);
  }
  template <template <class> class Kind, class T>
  static std::variant<E, Numbers...> first_of(T number) {
    std::variant<E, Numbers...> out;
    bool done = false;
    (
        [&] {
          if (!done && Kind<Numbers>::value) {
            out.template emplace<Numbers>(static_cast<Numbers>(number));
            done = true;
          }
        }(),
        ...);
    return out;
  }
};

// ---- values as text (CLI, model files, info) --------------------------------------------------

namespace detail {

std::string format_double(double x);  // shortest text that reads back to the same double
bool parse_double(std::string_view text, double& out);
bool parse_bool(std::string_view text, bool& out);
// Splits "a, b,c" at commas, trimming spaces around each item; "" is no items.
std::vector<std::string_view> split_list(std::string_view text);
bool is_none(std::string_view text);  // "none" or "None"

template <class T>
inline constexpr bool is_vector = false;
template <class T>
inline constexpr bool is_vector<std::vector<T>> = true;
template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;
template <class T>
inline constexpr bool is_keyword_or = false;
template <class E, class... N>
inline constexpr bool is_keyword_or<KeywordOr<E, N...>> = true;

template <class E, class... N>
std::string parse_keyword_or(std::string_view text, KeywordOr<E, N...>& out);

template <class T>
std::string enum_name(T value) {
  for (const auto& [e, name] : EnumNames<T>::values)
    if (e == value) return std::string(name);
  return "?";
}

template <class T>
std::string format_value(const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (TextParam<T>) {
    return value.to_text();
  } else if constexpr (is_optional<T>) {
    return value ? format_value(*value) : "none";
  } else if constexpr (is_keyword_or<T>) {
    return std::visit(
        [](const auto& v) {
          std::string text = format_value(v);
          // A float that prints as an integer would read back as the integer alternative.
          if constexpr (std::is_floating_point_v<std::decay_t<decltype(v)>> && T::has_integral)
            if (text.find_first_of(".e") == std::string::npos) text += ".0";
          return text;
        },
        value.value);
  } else if constexpr (is_vector<T>) {
    std::string out;
    for (const auto& item : value) out += (out.empty() ? "" : ",") + format_value(item);
    return out;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return value;
  } else if constexpr (std::is_enum_v<T>) {
    return enum_name(value);
  } else if constexpr (std::is_floating_point_v<T>) {
    return format_double(static_cast<double>(value));
  } else {
    static_assert(std::is_integral_v<T>, "unsupported parameter type");
    return std::to_string(value);
  }
}

template <class T>
std::string parse_integer(std::string_view text, T& out) {
  T x{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, x);
  if (ec == std::errc::result_out_of_range)
    return "'" + std::string(text) + "' is out of range for an integer";
  if (ec != std::errc() || ptr != end || text.empty())
    return std::string("expected ") +
           (std::is_signed_v<T> ? "an integer" : "a non-negative integer") + ", found '" +
           std::string(text) + "'";
  out = x;
  return "";
}

// Returns an error message, or an empty string on success.
template <class T>
std::string parse_value(std::string_view text, T& out) {
  if constexpr (std::is_same_v<T, bool>) {
    return parse_bool(text, out) ? "" : "expected true or false, found '" + std::string(text) + "'";
  } else if constexpr (TextParam<T>) {
    return T::from_text(text, out);
  } else if constexpr (is_optional<T>) {
    if (is_none(text)) {
      out.reset();
      return "";
    }
    typename T::value_type value{};
    if (auto err = parse_value(text, value); !err.empty()) return err + " or none";
    out = std::move(value);
    return "";
  } else if constexpr (is_keyword_or<T>) {
    return parse_keyword_or(text, out);
  } else if constexpr (is_vector<T>) {
    T values;
    for (const std::string_view item : split_list(text)) {
      typename T::value_type value{};
      if (auto err = parse_value(item, value); !err.empty())
        return err + " in the list '" + std::string(text) + "'";
      values.push_back(std::move(value));
    }
    out = std::move(values);
    return "";
  } else if constexpr (std::is_same_v<T, std::string>) {
    out = std::string(text);
    return "";
  } else if constexpr (std::is_enum_v<T>) {
    std::string choices;
    for (const auto& [e, name] : EnumNames<T>::values) {
      if (text == name) {
        out = e;
        return "";
      }
      choices += (choices.empty() ? "" : ", ") + std::string(name);
    }
    return "expected one of " + choices + ", found '" + std::string(text) + "'";
  } else if constexpr (std::is_floating_point_v<T>) {
    double x = 0;
    if (!parse_double(text, x)) return "expected a number, found '" + std::string(text) + "'";
    if (!std::isfinite(x)) return "expected a finite number, found '" + std::string(text) + "'";
    out = static_cast<T>(x);
    return "";
  } else {
    static_assert(std::is_integral_v<T>, "unsupported parameter type");
    return parse_integer(text, out);
  }
}

template <class E, class... N>
std::string parse_keyword_or(std::string_view text, KeywordOr<E, N...>& out) {
  for (const auto& [e, name] : EnumNames<E>::values) {
    if (text == name) {
      out = e;
      return "";
    }
  }
  bool done = false;
  (
      [&] {
        N number{};
        if (!done && parse_value(text, number).empty()) {
          out.value.template emplace<N>(number);
          done = true;
        }
      }(),
      ...);
  if (done) return "";
  std::string choices;
  for (const auto& [e, name] : EnumNames<E>::values)
    choices += (choices.empty() ? "" : ", ") + std::string(name);
  return "expected one of " + choices + " or a number, found '" + std::string(text) + "'";
}

template <class T>
std::string type_name() {
  if constexpr (std::is_same_v<T, bool>)
    return "bool";
  else if constexpr (TextParam<T>)
    return T::param_type_name();
  else if constexpr (is_optional<T>)
    return type_name<typename T::value_type>() + " or none";
  else if constexpr (is_keyword_or<T>)
    return "choice or number";
  else if constexpr (is_vector<T>)
    return type_name<typename T::value_type>() + "s";
  else if constexpr (std::is_same_v<T, std::string>)
    return "string";
  else if constexpr (std::is_enum_v<T>)
    return "choice";
  else if constexpr (std::is_floating_point_v<T>)
    return "float";
  else
    return "int";
}

template <class T>
std::vector<std::string> choices() {
  std::vector<std::string> out;
  if constexpr (std::is_enum_v<T>) {
    for (const auto& [e, name] : EnumNames<T>::values) out.emplace_back(name);
  } else if constexpr (is_keyword_or<T>) {
    out = choices<std::remove_cvref_t<decltype(std::declval<T>().keyword())>>();
  } else if constexpr (is_optional<T>) {
    out = choices<typename T::value_type>();
  }
  return out;
}

// What follows the option name in --help: "auto|svd", "scale|auto|float", "int|none".
template <class T>
std::string value_hint() {
  std::string hint;
  if constexpr (std::is_enum_v<T>) {
    for (const std::string& c : choices<T>()) hint += (hint.empty() ? "" : "|") + c;
  } else if constexpr (is_keyword_or<T>) {
    for (const std::string& c : choices<T>()) hint += c + "|";
    hint += "number";
  } else if constexpr (is_optional<T>) {
    hint = value_hint<typename T::value_type>() + "|none";
  } else {
    hint = type_name<T>();
  }
  return hint;
}

template <class T>
std::string check(const T& value, const Range& range) {
  if constexpr (is_optional<T>) {
    return value ? check(*value, range) : "";
  } else if constexpr (is_keyword_or<T>) {
    return value.is_keyword() ? "" : check(value.number(), range);
  } else if constexpr (is_vector<T>) {
    if (value.empty()) return "must list at least one value";
    for (const auto& x : value)
      if (auto err = check(x, range); !err.empty())
        return "every value must be " + range.describe() + ", got " + format_value(x);
  } else if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
    if constexpr (std::is_floating_point_v<T>)
      if (!std::isfinite(static_cast<double>(value))) return "must be a finite number";
    if (!range.contains(static_cast<double>(value)))
      return "must be " + range.describe() + ", got " + format_value(value);
  }
  return "";
}

template <class T>
std::string check(const T&, OneOfEnum) {
  return "";
}

}  // namespace detail

// ---- visitors -------------------------------------------------------------------------------

// What `--help`, `fitkit info` and the docs show for one parameter.
struct ParamInfo {
  std::string name;   // scikit-learn's name: "n_clusters"
  std::string type;   // "int", "float", "bool", "string", "choice", "floats", "int or none", ...
  std::string value;  // current value as text (the default, on a fresh Params)
  std::string help;
  std::string constraint;            // "at least 1", or empty
  std::vector<std::string> choices;  // the keywords of an enum or KeywordOr
  std::string value_hint;            // for --help: "auto|svd", "scale|auto|number", "int|none"
};

using ParamMap = std::map<std::string, std::string>;

template <class P>
std::vector<ParamInfo> describe_params(P& params) {
  std::vector<ParamInfo> out;
  params.visit(
      [&]<class T, class... C>(const char* name, T& field, const char* help, const C&... c) {
        std::string constraint;
        if constexpr (sizeof...(C) == 1)
          if constexpr ((std::is_same_v<C, Range> && ...)) constraint = (c.describe(), ...);
        out.push_back({name, detail::type_name<T>(), detail::format_value(field), help,
                       std::move(constraint), detail::choices<T>(), detail::value_hint<T>()});
      });
  return out;
}

template <class P>
ParamMap params_to_map(P& params) {
  ParamMap out;
  params.visit([&]<class T, class... C>(const char* name, T& field, const char*, const C&...) {
    out[name] = detail::format_value(field);
  });
  return out;
}

// Throws InvalidParameter for an unknown name, unparsable text or a value out of range.
template <class P>
void set_param(P& params, std::string_view name, std::string_view text) {
  bool found = false;
  params.visit(
      [&]<class T, class... C>(const char* field_name, T& field, const char*, const C&... c) {
        if (name != field_name) return;
        found = true;
        T value = field;
        if (auto err = detail::parse_value(text, value); !err.empty())
          throw InvalidParameter(field_name, err);
        if constexpr (sizeof...(C) == 1)
          if (auto err = (detail::check(value, c), ...); !err.empty())
            throw InvalidParameter(field_name, err);
        field = std::move(value);
      });
  if (!found) throw InvalidParameter(std::string(name), "no such parameter");
}

template <class P>
void set_params(P& params, const ParamMap& values) {
  for (const auto& [name, text] : values) set_param(params, name, text);
}

// Throws InvalidParameter naming the first field outside its constraint.
template <class P>
void validate_params(P& params) {
  params.visit([&]<class T, class... C>(const char* name, T& field, const char*, const C&... c) {
    if constexpr (sizeof...(C) == 1)
      if (auto err = (detail::check(field, c), ...); !err.empty())
        throw InvalidParameter(name, err);
  });
}

}  // namespace fitkit
