#pragma once
// Parameters are declared once, in a Params struct whose `visit` lists every field with its
// scikit-learn name, help text and constraint:
//
//   template <class V> void visit(V&& v) {
//     v("n_clusters", n_clusters, "number of clusters to form", at_least(1));
//     v("seed", seed, "random seed");
//   }
//
// Everything else (CLI options and --help, validation, the parameters saved in a model file,
// `fitkit info`) is derived from that list by the visitors below.

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
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

// ---- values as text (CLI, model files, info) --------------------------------------------------

namespace detail {

std::string format_double(double x);  // shortest text that reads back to the same double
bool parse_double(std::string_view text, double& out);
bool parse_bool(std::string_view text, bool& out);
// A list of floats reads and prints as "0.1,1,10".
std::string format_double_list(const std::vector<double>& values);
std::string parse_double_list(std::string_view text, std::vector<double>& out);

template <class T>
inline constexpr bool is_double_list = std::is_same_v<T, std::vector<double>>;

template <class T>
std::string format_value(const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (is_double_list<T>) {
    return format_double_list(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return value;
  } else if constexpr (std::is_enum_v<T>) {
    for (const auto& [e, name] : EnumNames<T>::values)
      if (e == value) return std::string(name);
    return "?";
  } else if constexpr (std::is_floating_point_v<T>) {
    return format_double(static_cast<double>(value));
  } else {
    static_assert(std::is_integral_v<T>, "unsupported parameter type");
    return std::to_string(value);
  }
}

// Returns an error message, or an empty string on success.
template <class T>
std::string parse_value(std::string_view text, T& out) {
  if constexpr (std::is_same_v<T, bool>) {
    return parse_bool(text, out) ? "" : "expected true or false, found '" + std::string(text) + "'";
  } else if constexpr (is_double_list<T>) {
    return parse_double_list(text, out);
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
}

template <class T>
std::string type_name() {
  if constexpr (std::is_same_v<T, bool>)
    return "bool";
  else if constexpr (std::is_same_v<T, std::string>)
    return "string";
  else if constexpr (std::is_enum_v<T>)
    return "choice";
  else if constexpr (is_double_list<T>)
    return "floats";
  else if constexpr (std::is_floating_point_v<T>)
    return "float";
  else
    return "int";
}

template <class T>
std::vector<std::string> choices() {
  std::vector<std::string> out;
  if constexpr (std::is_enum_v<T>)
    for (const auto& [e, name] : EnumNames<T>::values) out.emplace_back(name);
  return out;
}

template <class T>
std::string check(const T& value, const Range& range) {
  if constexpr (is_double_list<T>) {
    if (value.empty()) return "must list at least one number";
    for (const double x : value)
      if (!std::isfinite(x) || !range.contains(x))
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
  std::string type;   // "int", "float", "bool", "string", "choice", "floats" (a list)
  std::string value;  // current value as text (the default, on a fresh Params)
  std::string help;
  std::string constraint;            // "at least 1", or empty
  std::vector<std::string> choices;  // for enums
};

using ParamMap = std::map<std::string, std::string>;

template <class P>
std::vector<ParamInfo> describe_params(P& params) {
  std::vector<ParamInfo> out;
  auto add = [&]<class T>(const char* name, T& field, const char* help, std::string constraint) {
    out.push_back({name, detail::type_name<T>(), detail::format_value(field), help,
                   std::move(constraint), detail::choices<T>()});
  };
  params.visit(
      [&]<class T, class... C>(const char* name, T& field, const char* help, const C&... c) {
        std::string constraint;
        if constexpr (sizeof...(C) == 1)
          if constexpr ((std::is_same_v<C, Range> && ...)) constraint = (c.describe(), ...);
        add(name, field, help, constraint);
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
        field = value;
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
