// fitkit's JSON reader (src/core/json_document, json_input_archive): it must load everything
// cereal's JSON writer produces, exactly, and refuse everything else with a message that says
// what and where, without undefined behaviour (the fuzz targets run it under UBSan).

#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/archives.hpp"
#include "core/json_document.hpp"
#include "core/json_input_archive.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using fitkit::detail::JsonDocument;
using fitkit::detail::JsonInputArchive;
using fitkit::detail::JsonKind;

namespace {

constexpr int kDepth = 64;

JsonDocument parse(const std::string& text) {
  return JsonDocument::parse(text, kDepth);
}

void check_invalid(const std::string& text, const std::string& reason) {
  INFO("JSON text: " << text.substr(0, 80));
  CHECK_THROWS_WITH(parse(text),
                    StartsWith("line ") && Contains(": invalid JSON: ") && Contains(reason));
}

// The member "value" of the object in text, read as a T.
template <class T>
T load_named_value(const std::string& text) {
  const auto document = parse(text);
  JsonInputArchive archive(document);
  T value{};
  archive(cereal::make_nvp("value", value));
  return value;
}

template <class T>
T load_value(const std::string& json) {
  return load_named_value<T>("{\"value\": " + json + "}");
}

template <class T>
void check_load_refused(const std::string& json, const std::string& reason) {
  INFO("value: " << json.substr(0, 80));
  CHECK_THROWS_WITH(load_value<T>(json), Contains(reason));
}

template <class T>
std::string save_with_cereal(T& value) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive archive(out);
    archive(cereal::make_nvp("value", value));
  }
  return out.str();
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

struct Inner {
  std::vector<std::int64_t> labels;
  std::map<std::string, std::string> params;
  template <class Archive>
  void serialize(Archive& ar) {
    ar(CEREAL_NVP(labels), CEREAL_NVP(params));
  }
};

// Every kind of value fitkit's payloads use, and the rest of the arithmetic types cereal writes.
struct Everything {
  bool flag = false;
  char c = 0;
  signed char sc = 0;
  unsigned char uc = 0;
  short s = 0;
  unsigned short us = 0;
  int i = 0;
  unsigned u = 0;
  long l = 0;
  unsigned long ul = 0;
  long long ll = 0;
  unsigned long long ull = 0;
  std::int64_t i64 = 0;
  std::uint64_t u64 = 0;
  std::uint32_t u32 = 0;
  float f = 0;
  std::vector<double> doubles;
  std::string text;
  std::vector<std::string> names;
  Inner inner;
  int unnamed_first = 0;
  std::string unnamed_second;

  template <class Archive>
  void serialize(Archive& ar) {
    ar(CEREAL_NVP(flag), CEREAL_NVP(c), CEREAL_NVP(sc), CEREAL_NVP(uc), CEREAL_NVP(s),
       CEREAL_NVP(us), CEREAL_NVP(i), CEREAL_NVP(u), CEREAL_NVP(l), CEREAL_NVP(ul), CEREAL_NVP(ll),
       CEREAL_NVP(ull), CEREAL_NVP(i64), CEREAL_NVP(u64), CEREAL_NVP(u32), CEREAL_NVP(f),
       CEREAL_NVP(doubles), CEREAL_NVP(text), CEREAL_NVP(names), CEREAL_NVP(inner));
    ar(unnamed_first, unnamed_second);  // cereal names these value0 and value1
  }
};

Everything extremes() {
  Everything e;
  e.flag = true;
  e.c = -128;
  e.sc = -128;
  e.uc = 255;
  e.s = std::numeric_limits<short>::min();
  e.us = std::numeric_limits<unsigned short>::max();
  e.i = std::numeric_limits<int>::min();
  e.u = std::numeric_limits<unsigned>::max();
  e.l = std::numeric_limits<long>::min();
  e.ul = std::numeric_limits<unsigned long>::max();
  e.ll = std::numeric_limits<long long>::min();
  e.ull = std::numeric_limits<unsigned long long>::max();
  e.i64 = std::numeric_limits<std::int64_t>::min();
  e.u64 = std::numeric_limits<std::uint64_t>::max();
  e.u32 = std::numeric_limits<std::uint32_t>::max();
  e.f = 0.1f;
  e.doubles = {0.0,
               -0.0,
               0.1,
               -1.0 / 3.0,
               1e300,
               std::numeric_limits<double>::max(),
               std::numeric_limits<double>::lowest(),
               std::numeric_limits<double>::min(),
               std::numeric_limits<double>::denorm_min(),
               -std::numeric_limits<double>::denorm_min(),
               std::numeric_limits<double>::epsilon(),
               123456789012345678.0,
               std::numeric_limits<double>::infinity(),
               -std::numeric_limits<double>::infinity(),
               std::numeric_limits<double>::quiet_NaN()};
  e.text = std::string("quote \" backslash \\ slash / controls \b\f\n\r\t \x01 nul ") +
           std::string(1, '\0') + " utf-8 \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 latin-1 \xe9\xff";
  e.names = {"", "age", "a name with spaces"};
  e.inner.labels = {std::numeric_limits<std::int64_t>::min(), -1, 0, 7};
  e.inner.params = {{"alpha", "0.5"}, {"solver", "auto"}, {"", "empty key"}};
  e.unnamed_first = 42;
  e.unnamed_second = "second";
  return e;
}

}  // namespace

TEST_CASE("everything cereal's JSON writer writes loads back exactly", "[json_input]") {
  Everything written = extremes();
  const std::string text = save_with_cereal(written);
  // How cereal writes what the reader must accept: long long as strings, uint64 as numbers,
  // non-finite doubles as bare words.
  CHECK_THAT(text, Contains("\"ll\": \"-9223372036854775808\""));
  CHECK_THAT(text, Contains("\"u64\": 18446744073709551615"));
  CHECK_THAT(text, Contains("NaN") && Contains("-Infinity"));
  CHECK_THAT(text, Contains("\"value0\": 42"));

  const auto back = load_named_value<Everything>(text);
  CHECK(back.flag == written.flag);
  CHECK(back.c == written.c);
  CHECK(back.sc == written.sc);
  CHECK(back.uc == written.uc);
  CHECK(back.s == written.s);
  CHECK(back.us == written.us);
  CHECK(back.i == written.i);
  CHECK(back.u == written.u);
  CHECK(back.l == written.l);
  CHECK(back.ul == written.ul);
  CHECK(back.ll == written.ll);
  CHECK(back.ull == written.ull);
  CHECK(back.i64 == written.i64);
  CHECK(back.u64 == written.u64);
  CHECK(back.u32 == written.u32);
  CHECK(back.f == written.f);
  REQUIRE(back.doubles.size() == written.doubles.size());
  for (std::size_t k = 0; k + 1 < written.doubles.size(); ++k) {
    INFO("double " << k);
    CHECK(same_bits(back.doubles[k], written.doubles[k]));
  }
  CHECK(std::isnan(back.doubles.back()));
  CHECK(back.text == written.text);
  CHECK(back.names == written.names);
  CHECK(back.inner.labels == written.inner.labels);
  CHECK(back.inner.params == written.inner.params);
  CHECK(back.unnamed_first == 42);
  CHECK(back.unnamed_second == "second");
}

TEST_CASE("named values are found out of order, unnamed ones are read in order", "[json_input]") {
  const auto document = parse(R"({"b": 2, "a": 1, "c": [3, 4]})");
  JsonInputArchive archive(document);
  int a = 0, b = 0, c0 = 0;
  archive(cereal::make_nvp("a", a), cereal::make_nvp("b", b));
  CHECK(a == 1);
  CHECK(b == 2);
  archive.setNextName("c");
  archive.startNode();
  cereal::size_type size = 0;
  archive.loadSize(size);
  CHECK(size == 2);
  archive(c0);
  CHECK(c0 == 3);
  archive.finishNode();

  int missing = 0;
  CHECK_THROWS_WITH(archive(cereal::make_nvp("d", missing)),
                    Contains("line 1, column 1: the top-level object: has no member \"d\""));
}

TEST_CASE("the parser decodes strings and keeps member order and positions", "[json_input]") {
  const auto document = parse(
      "{\n  \"z\": \"\\u00e9\\u20ac\\ud83d\\ude00\\/\",\n  \"a\": [true, false, null, -0.5e+3],\n"
      "  \"raw\": \"\xe9\xff\"\n}\n");
  const auto root = document.root();
  REQUIRE(document.kind(root) == JsonKind::object);
  REQUIRE(document.size(root) == 3);
  const auto z = document.child(root, 0);
  CHECK(document.key(z) == "z");
  CHECK(document.text(z) == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80/");
  CHECK(document.position(z) == "line 2, column 8");
  const auto a = document.child(root, 1);
  CHECK(document.key(a) == "a");
  REQUIRE(document.size(a) == 4);
  CHECK(document.boolean(document.child(a, 0)));
  CHECK_FALSE(document.boolean(document.child(a, 1)));
  CHECK(document.kind(document.child(a, 2)) == JsonKind::null);
  CHECK(document.text(document.child(a, 3)) == "-0.5e+3");
  CHECK(document.position(document.child(a, 3)) == "line 3, column 28");
  // Bytes that are not UTF-8 are kept as they are: cereal writes std::string unchecked.
  CHECK(document.text(document.child(root, 2)) == "\xe9\xff");
}

TEST_CASE("invalid JSON is refused with its line, column and reason", "[json_input]") {
  SECTION("numbers outside the JSON grammar") {
    check_invalid(R"({"v": -})", "expected a digit or Infinity after '-'");
    check_invalid(R"({"v": .5})", "expected a value, found \".\"");
    check_invalid(R"({"v": 01})", "must not start with 0 followed by more digits");
    check_invalid(R"({"v": -01})", "must not start with 0");
    check_invalid(R"({"v": +1})", "expected a value, found \"+\"");
    check_invalid(R"({"v": 1.})", "expected a digit after the decimal point");
    check_invalid(R"({"v": 1.e5})", "expected a digit after the decimal point");
    check_invalid(R"({"v": 1e})", "expected a digit in the exponent");
    check_invalid(R"({"v": 1e+})", "expected a digit in the exponent");
    check_invalid(R"({"v": 0x10})", "expected ',' or '}' after an object member, found \"x\"");
    check_invalid(R"({"v": 1 2})", "expected ',' or '}'");
  }
  SECTION("non-finite words other than the three cereal writes") {
    for (const std::string word : {"nan", "NAN", "-NaN", "+NaN", "Inf", "-Inf", "inf", "infinity",
                                   "+Infinity", "INFINITY", "NaN(1)", "Infinityy"}) {
      INFO(word);
      CHECK_THROWS_WITH(parse("{\"v\": " + word + "}"), Contains("invalid JSON"));
    }
  }
  SECTION("literals") {
    check_invalid(R"({"v": tru})", "expected a value, found \"t\"");
    check_invalid(R"({"v": True})", "expected a value");
    check_invalid(R"({"v": nul)", "expected a value");
  }
  SECTION("strings and escapes") {
    check_invalid(R"({"v": "abc)", "the string starting here is never closed");
    check_invalid("{\"v\": \"abc\\", "the text ends inside an escape");
    check_invalid(R"({"v": "\x41"})", "invalid escape \"\\\\x\"");
    check_invalid(R"({"v": "\u12"})", "\\u must be followed by four hexadecimal digits");
    check_invalid(R"({"v": "\u12g4"})", "four hexadecimal digits");
    check_invalid(R"({"v": "\uD800"})", "must be followed by a \\u escape of a low surrogate");
    check_invalid(R"({"v": "\uD800\n"})", "must be followed by a \\u escape of a low surrogate");
    check_invalid(R"({"v": "\uD800\u0041"})", "is not a low surrogate");
    check_invalid(R"({"v": "\uDC00"})", "without a high surrogate before it");
    check_invalid(R"({"v": "\uDFFF\uD800"})", "without a high surrogate");
    check_invalid("{\"v\": \"line\nbreak\"}", "control character \"\\x0a\" inside a string");
    check_invalid(std::string("{\"v\": \"nul") + '\0' + "\"}", "control character \"\\x00\"");
    check_invalid(R"({"v\u": 1})", "four hexadecimal digits");
  }
  SECTION("structure") {
    check_invalid("", "expected a value, found the end of the text");
    check_invalid("{", "expected a member name in double quotes, or '}'");
    check_invalid(R"({"a" 1})", "expected ':' after the member name");
    check_invalid(R"({"a": 1,})", "expected a member name in double quotes, found \"}\"");
    check_invalid(R"({a: 1})", "expected a member name");
    check_invalid(R"({"a": [1,]})", "expected a value, found \"]\"");
    check_invalid(R"({"a": [1})", "expected ',' or ']' after an array element, found \"}\"");
    check_invalid(R"({"a": 1]})", "expected ',' or '}'");
    check_invalid(R"({"a": 1} x)", "expected nothing but whitespace after the top-level value");
    check_invalid("{\"a\": 1}\n{}",
                  "line 2, column 1: invalid JSON: expected nothing but whitespace");
    check_invalid(R"({"a": 1} // comment)", "after the top-level value");
  }
  SECTION("duplicate keys") {
    check_invalid("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}",
                  "line 3, column 7: invalid JSON: duplicate key \"a\" (also at line 1, column 7)");
    // Many members: found by sorting, not by comparing every pair.
    std::string many = "{";
    for (int k = 0; k < 200000; ++k) many += "\"k" + std::to_string(k) + "\": 0, ";
    many += "\"k123456\": 1}";
    check_invalid(many, "duplicate key \"k123456\"");
  }
  SECTION("deep nesting is refused before it costs anything") {
    check_invalid(std::string(100000, '['), "nested deeper than 64 levels");
    std::string objects;
    for (int k = 0; k < 100000; ++k) objects += "{\"a\": ";
    check_invalid(objects, "line 1, column 385: invalid JSON: nested deeper than 64 levels");
    std::string just_deep_enough = "{\"a\": ";
    just_deep_enough += std::string(63, '[') + std::string(63, ']') + "}";
    CHECK_NOTHROW(parse(just_deep_enough));
  }
}

TEST_CASE("a number that does not fit what is read is refused", "[json_input]") {
  SECTION("out of a double's range") {
    check_load_refused<double>("1e400", "1e400 is too large for a double");
    check_load_refused<double>("-1e400", "is too large for a double");
    check_load_refused<double>("1e-99999", "1e-99999 is too small for a double");
    check_load_refused<double>("1e99999999999999999999", "too large for a double");
    check_load_refused<double>("1" + std::string(800, '7'), "is too large for a double");
    check_load_refused<double>("0." + std::string(800, '0') + "1", "is too small for a double");
    check_load_refused<float>("1e39", "too large for a float");
  }
  SECTION("in range however it is written") {
    CHECK(load_value<double>("0e-2147483649") == 0.0);
    CHECK(load_value<double>("0e99999999999999999999") == 0.0);
    CHECK(load_value<double>("0." + std::string(800, '3')) == 1.0 / 3.0);
    CHECK(load_value<double>("5e-324") == std::numeric_limits<double>::denorm_min());
    CHECK(load_value<double>("3") == 3.0);
    CHECK(same_bits(load_value<double>("-0"), -0.0));
  }
  SECTION("integers") {
    check_load_refused<std::uint32_t>(
        "1099511627776", "1099511627776 does not fit an unsigned 32-bit integer (0 to 4294967295)");
    check_load_refused<std::uint64_t>("-1", "-1 does not fit an unsigned 64-bit integer");
    check_load_refused<std::uint64_t>("18446744073709551616", "does not fit an unsigned 64-bit");
    check_load_refused<std::int64_t>("-9223372036854775809", "does not fit a signed 64-bit");
    check_load_refused<int>("2147483648", "does not fit a signed 32-bit integer");
    check_load_refused<unsigned char>("256", "does not fit an unsigned 8-bit integer");
    check_load_refused<std::uint64_t>("1e3", "expected an integer, found the number 1e3");
    check_load_refused<std::uint64_t>("10.0", "expected an integer, found the number 10.0");
    check_load_refused<int>("0e-2147483649", "expected an integer");
    check_load_refused<int>("NaN", "expected an integer, found the number NaN");
    check_load_refused<std::int64_t>("1" + std::string(800, '0'), "does not fit a signed 64-bit");
    // long long is written as a string of digits, and only that is read.
    CHECK(load_value<long long>("\"-5\"") == -5);
    check_load_refused<long long>("-5", "expected an integer written as a string of digits");
    check_load_refused<long long>("\" 5\"", "expected an integer written as a string");
    check_load_refused<unsigned long long>("\"-5\"", "does not fit an unsigned 64-bit integer");
  }
}

TEST_CASE("a value of the wrong type is refused with its path", "[json_input]") {
  check_load_refused<double>(
      "\"1.5\"", "line 1, column 11: value: expected a number, found the string \"1.5\"");
  check_load_refused<double>("true", "expected a number, found true");
  check_load_refused<double>("null", "expected a number, found null");
  check_load_refused<double>("[1]", "expected a number, found an array");
  check_load_refused<bool>("1", "expected true or false, found the number 1");
  check_load_refused<std::string>("{}", "expected a string, found an object");
  check_load_refused<std::vector<double>>("{\"a\": 1}", "expected an array, found an object");
  check_load_refused<std::vector<double>>("3", "expected an object or an array");
  check_load_refused<std::vector<double>>("[1, \"x\"]",
                                          "line 1, column 15: value[1]: expected a number");
  check_load_refused<Inner>("[]", "expected an object with a member \"labels\", found an array");
  check_load_refused<Inner>(R"({"labels": [1, 2.5], "params": []})",
                            "line 1, column 26: value.labels[1]: expected an integer");
  check_load_refused<Inner>(R"({"labels": []})",
                            "line 1, column 11: value: has no member \"params\"");
  check_load_refused<Inner>(R"({"labels": [], "params": [{"key": "a"}]})",
                            "line 1, column 37: value.params[0]: has no member \"value\"");
  check_load_refused<Inner>(R"({"labels": [], "params": [{"key": "a", "value": 1}]})",
                            "line 1, column 59: value.params[0].value: expected a string");
  // Past the end of the values there are: unnamed reads in an object, or an array too short.
  const auto document = parse(R"({"a": 1})");
  JsonInputArchive archive(document);
  int first = 0, second = 0;
  archive(first);
  CHECK(first == 1);
  CHECK_THROWS_WITH(
      archive(second),
      Contains("line 1, column 1: the top-level object: has only 1 value; more were expected"));
  CHECK_THROWS_WITH(JsonInputArchive(parse("[]")), Contains("expected a JSON object at the top"));
}
